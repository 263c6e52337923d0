import type { PatternRule } from "./card-lists.js";

export interface FoundStatement {
  startLine: number;
  endLine: number;
  text: string;
  reason: string;
}

/** At most this many statements are quoted from one card: the first few make the point. */
const MAX_STATEMENTS = 20;
const MAX_QUOTE = 300;

/**
 * Finds the statements a list of card phrases describes (rules/_lists/pii-phrases.yaml: PII
 * filtering, anonymisation or consent; training-data-phrases.yaml: what the model was trained on).
 * Lines in `skip` (fenced code) are blanked first; patterns may span line breaks, and each hit is
 * quoted with the lines it covers.
 */
export function findStatements(lines: readonly string[], firstLine: number, skip: ReadonlySet<number>, rules: readonly PatternRule[]): FoundStatement[] {
  const body = lines.slice(firstLine - 1).map((l, i) => (skip.has(firstLine + i) ? "" : l));
  const text = body.join("\n");
  const lineStarts: number[] = [];
  let pos = 0;
  for (const l of body) {
    lineStarts.push(pos);
    pos += l.length + 1;
  }
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const found: FoundStatement[] = [];
  const covered = new Set<number>();
  for (const rule of rules) {
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes("g") ? rule.pattern.flags : rule.pattern.flags + "g");
    for (let m = re.exec(text); m !== null && found.length < MAX_STATEMENTS; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const a = lineAt(m.index);
      const b = lineAt(m.index + m[0].length - 1);
      if (covered.has(a)) continue;
      for (let l = a; l <= b; l++) covered.add(l);
      const quote = body.slice(a, b + 1).map((l) => l.trim()).join(" ").replace(/\s+/g, " ");
      found.push({ startLine: firstLine + a, endLine: firstLine + b, text: quote.length > MAX_QUOTE ? quote.slice(0, MAX_QUOTE) + "…" : quote, reason: rule.reason });
    }
  }
  return found.sort((x, y) => x.startLine - y.startLine);
}
