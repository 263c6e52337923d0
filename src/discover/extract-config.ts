import { isRevision, parseHubId } from "./hub-id.js";
import { normaliseKey, type DiscoverLists } from "./lists.js";
import type { Hit, RepoKind } from "./types.js";

export type ConfigSyntax = "yaml" | "json" | "toml";

export interface ConfigContext {
  lists: DiscoverLists;
  isLocalPath(value: string): boolean;
}

interface KeyLine {
  line: number;
  indent: number;
  key: string;
  value: string;
  /** The value is written as a string in quotes (JSON keys' values, quoted YAML/TOML). */
  quoted: boolean;
}

const REVISION_KEYS = new Set(["revision", "model_revision", "hf_model_revision", "hf_revision"]);
/** A value only known when the config is rendered: `${VAR}`, `{{ .Values.x }}`, `$VAR`, `%(x)s`. */
const TEMPLATED = /\$\{|\{\{|^\$[A-Za-z_]|%\(/;

/** Strips a trailing `# comment` that is outside quotes (YAML, TOML). */
function stripComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) return line.slice(0, i);
  }
  return line;
}

function unquote(v: string): { value: string; quoted: boolean } {
  const t = v.trim();
  const m = /^(["'])(.*)\1$/s.exec(t);
  return m ? { value: m[2] ?? "", quoted: true } : { value: t, quoted: false };
}

/** Every `key: value` / `"key": "value"` / `key = "value"` on a line, with the line's indentation. */
function keyLines(text: string, syntax: ConfigSyntax): KeyLine[] {
  const out: KeyLine[] = [];
  const lines = text.split("\n");
  let section = 0;
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (syntax === "json") {
      const indent = /^\s*/.exec(raw)?.[0].length ?? 0;
      for (const m of raw.matchAll(/"((?:[^"\\]|\\.){1,100})"\s*:\s*("(?:[^"\\]|\\.){0,400}"|null|true|false|-?\d)/g)) {
        const v = m[2] ?? "";
        out.push({ line, indent, key: m[1] ?? "", value: v.startsWith('"') ? v.slice(1, -1) : "", quoted: v.startsWith('"') });
      }
      return;
    }
    const text1 = stripComment(raw);
    if (syntax === "toml") {
      // A [table] header starts a new scope for sibling revision keys; indentation means nothing in TOML.
      if (/^\s*\[/.test(text1)) section++;
      const m = /^\s*["']?([\w.-]+)["']?\s*=\s*(.+)$/.exec(text1);
      if (m?.[1] && m[2] !== undefined) out.push({ line, indent: section, key: m[1], ...unquote(m[2]) });
      return;
    }
    const m = /^(\s*)(?:-\s+)?["']?([\w.-]+)["']?\s*:(?:\s+(.*))?$/.exec(text1);
    if (!m?.[2]) return;
    const value = m[3] ?? "";
    // A block scalar or flow collection is not one string value.
    if (/^[|>[{&*!]/.test(value.trim())) return;
    out.push({ line, indent: (m[1] ?? "").length + (/^\s*-\s+/.test(text1) ? 2 : 0), key: m[2], ...unquote(value) });
  });
  return out;
}

/** The `revision` key beside a model key: same indentation, within the same block. */
function siblingRevision(lines: readonly KeyLine[], at: number, syntax: ConfigSyntax): string | null {
  const me = lines[at] as KeyLine;
  const sameScope = (k: KeyLine): boolean => k.indent === me.indent;
  const outside = (k: KeyLine): boolean => (syntax === "toml" ? k.indent !== me.indent : k.indent < me.indent);
  for (const dir of [-1, 1]) {
    for (let j = at + dir; j >= 0 && j < lines.length; j += dir) {
      const k = lines[j] as KeyLine;
      if (outside(k)) break;
      if (sameScope(k) && REVISION_KEYS.has(normaliseKey(k.key)) && isRevision(k.value)) return k.value;
    }
  }
  return null;
}

/** In a Kubernetes env list, the `- name: REVISION` (or HF_MODEL_REVISION) entry beside this one. */
function envListRevision(lines: readonly KeyLine[], at: number): string | null {
  const me = lines[at] as KeyLine;
  for (const dir of [-1, 1]) {
    for (let j = at + dir; j >= 0 && j + 1 < lines.length; j += dir) {
      const k = lines[j] as KeyLine;
      if (k.indent < me.indent) break;
      const next = lines[j + 1] as KeyLine;
      if (k.indent === me.indent && normaliseKey(k.key) === "name" && REVISION_KEYS.has(normaliseKey(k.value)) && normaliseKey(next.key) === "value" && isRevision(next.value)) return next.value;
    }
  }
  return null;
}

/**
 * Hub references under the keys listed in discover-keys (`model`, `model_id`, `base_model`,
 * `HF_MODEL_ID`, …) in YAML, JSON and TOML, with a sibling `revision` key when there is one;
 * Kubernetes env entries (`- name: MODEL_ID` then `value: owner/name`); `hf://` URLs in any value.
 * Only owner/name values and the canonical bare names of discover-canonical-repos count here (a
 * bare `model: gpt-4` names some other provider's model).
 * Line-based on purpose: the line of each value is what a reviewer and code scanning need.
 */
export function extractConfig(text: string, syntax: ConfigSyntax, ctx: ConfigContext): Hit[] {
  const lines = keyLines(text, syntax);
  const hits: Hit[] = [];
  const valueHit = (value: string, line: number, kind: RepoKind, revision: string | null): void => {
    if (TEMPLATED.test(value)) {
      hits.push({ type: "dynamic", line });
      return;
    }
    if (ctx.isLocalPath(value)) return;
    const parsed = parseHubId(value, ctx.lists, { kind, allowBare: true });
    if (parsed) hits.push({ type: "reference", id: parsed.id, kind: parsed.kind, revision: parsed.revision ?? revision, line });
  };
  lines.forEach((k, idx) => {
    const key = normaliseKey(k.key);
    if (k.value.includes("hf://")) {
      const url = /hf:\/\/[^\s"'<>)]+/.exec(k.value)?.[0];
      if (url) valueHit(url, k.line, "model", null);
      return;
    }
    const fileUrl = /https?:\/\/(?:www\.)?(?:huggingface|hf)\.co\/(?:datasets\/)?[^/\s"']+\/[^/\s"']+\/(?:resolve|blob)\/[^\s"'<>)]+/i.exec(k.value)?.[0];
    if (fileUrl) {
      valueHit(fileUrl, k.line, "model", null);
      return;
    }
    let kind = ctx.lists.keys.get(key);
    let line = k.line;
    let value = k.value;
    // Kubernetes/compose env entry: `- name: MODEL_ID` with `value:` on the next key line.
    if (!kind && key === "name" && syntax === "yaml") {
      const envKind = ctx.lists.keys.get(normaliseKey(k.value));
      const next = lines[idx + 1];
      if (envKind && next && normaliseKey(next.key) === "value" && next.line <= k.line + 2) {
        kind = envKind;
        line = next.line;
        value = next.value;
        if (kind === "model") {
          valueHit(value, line, kind, envListRevision(lines, idx));
          return;
        }
      }
    }
    if (!kind || value === "" || value === "null" || value === "~") return;
    valueHit(value, line, kind, kind === "model" ? siblingRevision(lines, idx, syntax) : null);
  });
  return hits;
}
