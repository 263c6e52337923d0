import type { Fact, FactOf } from "../types/fact.js";
import type { Finding, Severity } from "../types/finding.js";
import "../inspectors/chat-template/facts.js";
import type { ReportSummary } from "./summary.js";

export interface ChatTemplateEntry {
  /** Repo path of the container: tokenizer_config.json, chat_template.jinja, model.gguf. */
  source: string;
  origin: string;
  name: string | null;
  parseStatus: "ok" | "syntax-error" | "too-large";
  /** Rendering a plain user/assistant/user conversation: ok, error, timeout, skipped. */
  render: string;
  defaultSystemPrompt: string | null;
  findings: { ruleId: string; severity: Severity; message: string }[];
}

declare module "../types/report.js" {
  interface ReportSections {
    chatTemplates?: ChatTemplateEntry[];
  }
}

/** Template findings name the template as `<source> chat template "<name>"`; that ties a finding to its entry. */
function belongs(f: Finding, source: string, name: string | undefined): boolean {
  if (!f.ruleId.startsWith("MG-TPL-") || f.artifact?.path !== source) return false;
  return name ? f.message.includes(`chat template "${name}"`) : !f.message.includes('chat template "');
}

export function buildChatTemplates(facts: readonly Fact[], findings: readonly Finding[]): ChatTemplateEntry[] {
  return facts
    .filter((f): f is FactOf<"chat-template.analysis"> => f.kind === "chat-template.analysis")
    .map((f) => ({
      source: f.data.source,
      origin: f.data.origin,
      name: f.data.name ?? null,
      parseStatus: f.data.parseStatus,
      render: f.data.plainRender,
      defaultSystemPrompt: f.data.defaultPrompt ?? null,
      findings: findings.filter((x) => belongs(x, f.data.source, f.data.name)).map((x) => ({ ruleId: x.ruleId, severity: x.severity, message: x.message })),
    }))
    .sort((a, b) => a.source.localeCompare(b.source) || (a.name ?? "").localeCompare(b.name ?? ""));
}

/** Builds the `chatTemplates` section of the report. */
export const summaries: readonly ReportSummary[] = [{ name: "chatTemplates", build: (facts, findings) => ({ chatTemplates: buildChatTemplates(facts, findings) }) }];
