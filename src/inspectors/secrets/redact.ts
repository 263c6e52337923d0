import { MAX_SECRET_LINE_CHARS } from "../../limits.js";
import type { SecretPattern } from "./secret-patterns.js";
import { scanSecrets } from "./scan-secrets.js";

/** A private key's body is base64 lines no single-line pattern sees: the whole block goes. */
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g;

/**
 * A credential's public prefix followed by a cut-off body: the end of a shortened snippet, or the
 * context Node's JSON.parse quotes in its error ("... hf_8FX6v4I"... is not valid JSON"). Too short
 * for the full patterns, still part of a secret.
 */
const TRUNCATED = /(?<![A-Za-z0-9])(hf_|api_org_|gh[pousr]_|github_pat_|sk-ant-|sk-|xox[abprs]-|AKIA|ASIA|AIza)[A-Za-z0-9_-]{4,}(?=["']?(?:\.\.\.|…)|["']?$)/g;

/**
 * Masks every credential the secret patterns find in a piece of text (personal-data patterns are
 * left alone: an e-mail in a card author line is not a secret). Other inspectors quote file text
 * in messages and snippets (a Python line, a template's injected prose); this keeps a token on
 * that line out of every output (CWE-532).
 */
export function redactText(text: string, patterns: readonly SecretPattern[]): string {
  let out = text.includes("PRIVATE KEY") ? text.replace(PRIVATE_KEY_BLOCK, "-----BEGIN PRIVATE KEY----- ******** (masked)") : text;
  const credentials = patterns.filter((p) => !p.personal);
  const hits = scanSecrets(out, credentials, false, MAX_SECRET_LINE_CHARS);
  // Whole secrets first (their mask keeps the length); what is left of a prefix is a cut-off one.
  const cut = (t: string): string => t.replace(TRUNCATED, (_m, prefix: string) => `${prefix}********`);
  if (hits.length === 0) return cut(out);
  const lines = out.split("\n");
  // Right to left within a line, so earlier columns stay valid.
  for (const h of [...hits].sort((a, b) => a.line - b.line || b.column - a.column)) {
    const i = h.line - 1;
    const line = lines[i];
    if (line === undefined) continue;
    lines[i] = line.slice(0, h.column - 1) + h.masked + line.slice(h.column - 1 + h.length);
  }
  return cut(lines.join("\n"));
}

/** Cheap pre-filter: strings too short to hold any credential are left as they are. */
const MIN_SECRET_CHARS = 16;

/**
 * Walks a report (or any JSON-like value) and masks credentials in every string, in place.
 * Returns the same value for chaining.
 */
export function redactDeep<T>(value: T, patterns: readonly SecretPattern[]): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === "string") {
          if (v.length >= MIN_SECRET_CHARS) node[i] = redactText(v, patterns);
        } else if (typeof v === "object" && v !== null) stack.push(v);
      }
    } else if (typeof node === "object" && node !== null) {
      const rec = node as Record<string, unknown>;
      for (const k of Object.keys(rec)) {
        const v = rec[k];
        if (typeof v === "string") {
          if (v.length >= MIN_SECRET_CHARS) rec[k] = redactText(v, patterns);
        } else if (typeof v === "object" && v !== null) stack.push(v);
      }
    }
  }
  return value;
}
