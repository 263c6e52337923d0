import { normalizePackageName } from "../../advisories/osv.js";
import { tokenizePython, type PyToken } from "../python-source/tokenize-python.js";

export interface ParsedRequirement {
  package: string;
  specifier: string;
  raw: string;
  line: number;
}

const PEP508 = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/;

/** One PEP 508 requirement string (`torch[cuda]>=2.0,<3 ; python_version>"3.8"`); URL requirements are skipped. */
export function parsePep508(text: string, line: number): ParsedRequirement | undefined {
  const raw = text.trim();
  const noMarker = raw.split(";")[0]?.trim() ?? "";
  const m = PEP508.exec(noMarker);
  if (!m?.[1]) return undefined;
  let spec = (m[2] ?? "").trim();
  if (spec.startsWith("@")) return undefined;
  if (spec.startsWith("(") && spec.endsWith(")")) spec = spec.slice(1, -1).trim();
  return { package: normalizePackageName(m[1]), specifier: spec.replace(/\s+/g, ""), raw, line };
}

/** requirements.txt: comments, options (-r, -e, --hash), URLs and continuations handled. */
export function parseRequirementsTxt(text: string): ParsedRequirement[] {
  const out: ParsedRequirement[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let l = lines[i] ?? "";
    while (l.endsWith("\\") && i + 1 < lines.length) l = l.slice(0, -1) + " " + (lines[++i] ?? "");
    l = l.replace(/(^|\s)#.*$/, "").trim();
    if (!l || l.startsWith("-") || /^[a-z+]+:\/\//i.test(l) || l.startsWith(".") || l.startsWith("/")) continue;
    l = l.replace(/\s--hash=\S+/g, "");
    const r = parsePep508(l, startLine);
    if (r) out.push(r);
  }
  return out;
}

function isOp(t: PyToken | undefined, v: string): boolean {
  return t?.type === "op" && t.value === v;
}

/** setup.py `install_requires=[...]`, read with the Python tokenizer (string literals only; never run). */
export function parseSetupPy(text: string, maxTokens: number): ParsedRequirement[] {
  const tokens = tokenizePython(text, maxTokens);
  const out: ParsedRequirement[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    if (t.type !== "name" || t.value !== "install_requires" || !isOp(tokens[i + 1], "=") || !(isOp(tokens[i + 2], "[") || isOp(tokens[i + 2], "("))) continue;
    let depth = 0;
    for (let j = i + 2; j < tokens.length; j++) {
      const u = tokens[j] as PyToken;
      if (u.type === "op" && "([{".includes(u.value)) depth++;
      if (u.type === "op" && ")]}".includes(u.value) && --depth === 0) break;
      if (u.type === "string" && depth === 1) {
        const r = parsePep508(u.value, u.line);
        if (r) out.push(r);
      }
    }
  }
  return out;
}

/** Poetry `^1.2.3` / `~1.2` / `*` constraints as PEP 440 specifiers. */
function poetryToPep440(c: string): string {
  const v = c.trim();
  if (v === "*" || v === "") return "";
  const caret = /^\^(\d+(?:\.\d+)*)$/.exec(v);
  if (caret?.[1]) {
    const parts = caret[1].split(".").map(Number);
    const idx = parts.findIndex((p) => p !== 0);
    const bumpAt = idx < 0 ? parts.length - 1 : idx;
    const upper = parts.slice(0, bumpAt + 1).map((p, i) => (i === bumpAt ? p + 1 : p));
    return `>=${caret[1]},<${upper.join(".")}`;
  }
  const tilde = /^~(\d+(?:\.\d+)*)$/.exec(v);
  if (tilde?.[1]) {
    const parts = tilde[1].split(".").map(Number);
    const upper = parts.length > 1 ? [parts[0] as number, (parts[1] as number) + 1] : [(parts[0] as number) + 1];
    return `>=${tilde[1]},<${upper.join(".")}`;
  }
  return /^\d/.test(v) ? `==${v}` : v.replace(/\s+/g, "");
}

/** pyproject.toml: `[project] dependencies = [...]` and `[tool.poetry.dependencies]`, without a full TOML parser. */
export function parsePyproject(text: string): ParsedRequirement[] {
  const out: ParsedRequirement[] = [];
  const lines = text.split(/\r?\n/);
  let section = "";
  let inArray = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(/(^|\s)#.*$/, "");
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header?.[1] && !inArray) {
      section = header[1].trim();
      continue;
    }
    if (section === "project" && /^\s*dependencies\s*=\s*\[/.test(line)) inArray = true;
    if (inArray) {
      for (const m of line.matchAll(/"([^"]*)"|'([^']*)'/g)) {
        const r = parsePep508(m[1] ?? m[2] ?? "", i + 1);
        if (r) out.push(r);
      }
      // A "]" outside string literals closes the array.
      if (line.replace(/"[^"]*"|'[^']*'/g, "").replace(/^\s*dependencies\s*=\s*\[/, "").includes("]")) inArray = false;
      continue;
    }
    if (section === "tool.poetry.dependencies") {
      const kv = /^\s*([A-Za-z0-9._-]+)\s*=\s*(?:"([^"]*)"|\{[^}]*version\s*=\s*"([^"]*)"[^}]*\})/.exec(line);
      if (kv?.[1] && kv[1].toLowerCase() !== "python") {
        out.push({ package: normalizePackageName(kv[1]), specifier: poetryToPep440(kv[2] ?? kv[3] ?? ""), raw: line.trim(), line: i + 1 });
      }
    }
  }
  return out;
}
