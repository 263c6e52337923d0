/** Fills `{{name}}` placeholders; a missing value stays visible as `{{name}}` so tests catch it. */
export function formatMessage(template: string, data: Record<string, string | number | boolean> = {}): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
