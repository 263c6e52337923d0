import { isRevision, parseHubId } from "./hub-id.js";
import { normaliseKey, type DiscoverLists } from "./lists.js";
import type { Hit, RepoKind } from "./types.js";

/** A shell word with the line it starts on; `dynamic` when it expands a variable or command. */
interface Word {
  text: string;
  line: number;
  dynamic: boolean;
}

/** Marks the end of one command (`;`, `&&`, `|`, a newline, a new YAML key). */
const BOUNDARY: Word = { text: "", line: 0, dynamic: false };

export type ShellMode = "shell" | "yaml";

/**
 * Splits text into shell-like words: quotes removed (a `$` outside single quotes makes the word
 * dynamic), `#` comments skipped, backslash-newline joined, and `[`, `]`, `,` treated as
 * separators so exec-form arrays (`["--model", "x"]` in Dockerfiles, Kubernetes `args:`) read like
 * command lines. In YAML mode a newline ends a command only where a new mapping key starts, so a
 * block list of arguments stays one command.
 */
export function shellWords(text: string, mode: ShellMode): Word[] {
  const words: Word[] = [];
  let line = 1;
  let cur = "";
  let curLine = 1;
  let dynamic = false;
  let inWord = false;
  const end = (): void => {
    // A YAML block-list marker (`- --model`) is not a word of the command.
    if (inWord && !(mode === "yaml" && cur === "-" && !dynamic)) words.push({ text: cur, line: curLine, dynamic });
    cur = "";
    dynamic = false;
    inWord = false;
  };
  const start = (): void => {
    if (!inWord) {
      inWord = true;
      curLine = line;
    }
  };
  const boundary = (): void => {
    end();
    if (words[words.length - 1] !== BOUNDARY) words.push(BOUNDARY);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === "\\" && text[i + 1] === "\r" && text[i + 2] === "\n") {
      i += 3;
      line++;
      continue;
    }
    if (c === "\n") {
      line++;
      i++;
      if (mode === "shell" || /^\s*(?:-\s+)?["']?[\w.-]+["']?\s*:(?:\s|$)/.test(text.slice(i, text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i)))) boundary();
      else end();
      continue;
    }
    if (c === "#" && !inWord) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "," || c === "[" || c === "]") {
      end();
      i++;
      continue;
    }
    if (c === ";" || c === "|" || c === "&" || c === "(" || c === ")") {
      boundary();
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      start();
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === "\n") line++;
        if (c === '"' && text[j] === "\\") {
          cur += text[j + 1] ?? "";
          j += 2;
          continue;
        }
        if (c === '"' && (text[j] === "$" || text[j] === "`")) dynamic = true;
        cur += text[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    start();
    if (c === "$" || c === "`") dynamic = true;
    if (c === "\\" && i + 1 < text.length) {
      cur += text[i + 1];
      i += 2;
      continue;
    }
    cur += c;
    i++;
  }
  end();
  return words;
}

const DOWNLOAD_VALUE_FLAGS = new Set(["--revision", "--repo-type", "--include", "--exclude", "--local-dir", "--cache-dir", "--token", "--max-workers", "--local-dir-use-symlinks", "--etag-timeout"]);
const REVISION_FLAGS = new Set(["revision", "model_revision"]);
/** Environment variables serving containers read the revision from (TGI `REVISION`, SageMaker `HF_MODEL_REVISION`). */
const REVISION_VARIABLES = new Set(["revision", "model_revision", "hf_model_revision", "hf_revision"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export interface ShellContext {
  lists: DiscoverLists;
  isLocalPath(value: string): boolean;
}

/**
 * Hub references in shell scripts, Dockerfiles, Makefiles, .env files and YAML command lines:
 * `huggingface-cli download` / `hf download` (repo, `--revision`, `--repo-type`), the flags of
 * training and serving entry points listed in discover-keys (`--model_name_or_path`, `--model-id`,
 * `--model`, …) with `--revision` from the same command, `KEY=value` assignments and Dockerfile
 * `ENV KEY value` for listed keys, and `hf://` URLs. A value that expands a variable is dynamic.
 */
export function extractShell(text: string, mode: ShellMode, ctx: ShellContext): Hit[] {
  const words = shellWords(text, mode);
  const hits: Hit[] = [];
  // A .env file or Dockerfile configures one service: its revision variable applies file-wide.
  // In YAML (several services per file) only within one command or env list.
  const fileRevision = mode === "shell" ? assignedRevision(words) : null;
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && words[i] !== BOUNDARY) continue;
    const cmd = words.slice(start, i);
    start = i + 1;
    if (cmd.length > 0) hits.push(...fromCommand(cmd, ctx, fileRevision ?? assignedRevision(cmd)));
  }
  return hits;
}

function repoHit(w: Word, kind: RepoKind, revision: string | null, allowBare: boolean, ctx: ShellContext): Hit | undefined {
  if (w.dynamic) return { type: "dynamic", line: w.line };
  if (ctx.isLocalPath(w.text)) return undefined;
  // llama.cpp `-hf owner/name:Q4_K_M` and Ollama name a quantisation after a colon.
  const text = /^[^:/]+\/[^:/]+:[A-Za-z0-9_.-]+$/.test(w.text) ? w.text.slice(0, w.text.lastIndexOf(":")) : w.text;
  const parsed = parseHubId(text, ctx.lists, { kind, allowBare });
  return parsed ? { type: "reference", id: parsed.id, kind: parsed.kind, revision: parsed.revision ?? revision, line: w.line } : undefined;
}

/** `--name value` or `--name=value` → [normalised name, value word]. */
function flagAt(cmd: readonly Word[], i: number): { name: string; value: Word | undefined; width: number } | undefined {
  const w = cmd[i] as Word;
  const m = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$/s.exec(w.text);
  if (!m?.[1]) return undefined;
  const name = normaliseKey(m[1]);
  if (m[2] !== undefined) return { name, value: { text: m[2], line: w.line, dynamic: w.dynamic }, width: 1 };
  const next = cmd[i + 1];
  return { name, value: next && !next.text.startsWith("-") ? next : undefined, width: next && !next.text.startsWith("-") ? 2 : 1 };
}

/** The literal value of a revision variable (`REVISION=…`, `HF_MODEL_REVISION=…`, `ENV REVISION …`) among `words`. */
function assignedRevision(words: readonly Word[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    const a = ASSIGNMENT.exec(w.text);
    let name = a?.[1];
    let value = a?.[2];
    if (!a && (w.text === "ENV" || w.text === "ARG") && words[i + 2] && words[i + 3] === BOUNDARY) {
      name = words[i + 1]?.text;
      value = words[i + 2]?.text;
    }
    if (name && value && !w.dynamic && REVISION_VARIABLES.has(normaliseKey(name)) && isRevision(value)) return value;
  }
  return null;
}

function fromCommand(cmd: readonly Word[], ctx: ShellContext, assigned: string | null): Hit[] {
  const hits: Hit[] = [];
  const add = (h: Hit | undefined): void => {
    if (h) hits.push(h);
  };
  // The command's own --revision, for flags and downloads in it.
  let revision: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const f = flagAt(cmd, i);
    if (!f || !REVISION_FLAGS.has(f.name) || !f.value) continue;
    if (f.value.dynamic) hits.push({ type: "dynamic", line: f.value.line });
    else if (isRevision(f.value.text)) revision = f.value.text;
  }
  for (let i = 0; i < cmd.length; i++) {
    const w = cmd[i] as Word;
    const base = w.text.slice(w.text.lastIndexOf("/") + 1);
    if ((base === "huggingface-cli" || base === "hf") && cmd[i + 1]?.text === "download") {
      i = download(cmd, i + 2, revision, ctx, add);
      continue;
    }
    // `vllm serve owner/name` (the model is positional in vLLM's own CLI).
    if (base === "vllm" && cmd[i + 1]?.text === "serve" && cmd[i + 2] && !cmd[i + 2]?.text.startsWith("-")) {
      add(repoHit(cmd[i + 2] as Word, "model", revision, false, ctx));
      i += 2;
      continue;
    }
    // `git clone https://huggingface.co/owner/name`, `ollama pull|run hf.co/owner/name:quant`.
    if ((base === "git" && cmd[i + 1]?.text === "clone") || (base === "ollama" && (cmd[i + 1]?.text === "pull" || cmd[i + 1]?.text === "run"))) {
      const target = cmd.slice(i + 2).find((x) => !x.text.startsWith("-"));
      if (target && /^(?:https?:\/\/)?(?:www\.)?(?:huggingface|hf)\.co\//i.test(target.text)) add(repoHit(target, "model", null, false, ctx));
      i = target ? cmd.indexOf(target) : i + 1;
      continue;
    }
    const f = flagAt(cmd, i);
    if (f && f.name === "model_args" && f.value) {
      // The word splitter breaks `a=1,b=2` at commas: gather the key=value words back.
      let j = i + f.width - 1;
      const parts = [f.value];
      while (cmd[j + 1] && /^[A-Za-z_]\w*=/.test(cmd[j + 1]?.text ?? "")) parts.push(cmd[++j] as Word);
      hits.push(...modelArgs({ text: parts.map((p) => p.text).join(","), line: f.value.line, dynamic: parts.some((p) => p.dynamic) }, ctx));
      i = j;
      continue;
    }
    if (f) {
      const kind = ctx.lists.flags.get(f.name);
      if (kind && f.value) add(repoHit(f.value, kind, revision, true, ctx));
      // An unknown flag's value is still looked at (a URL after `curl -L`).
      if (kind) i += f.width - 1;
      continue;
    }
    const a = ASSIGNMENT.exec(w.text);
    if (a?.[1] && a[2] !== undefined) {
      const kind = ctx.lists.keys.get(normaliseKey(a[1]));
      if (kind && a[2] !== "") add(repoHit({ text: a[2], line: w.line, dynamic: w.dynamic }, kind, kind === "model" ? assigned : null, true, ctx));
      continue;
    }
    // Dockerfile `ENV KEY value` (the older, space-separated form).
    if ((w.text === "ENV" || w.text === "ARG") && i === 0 && cmd.length === 3) {
      const kind = ctx.lists.keys.get(normaliseKey(cmd[1]?.text ?? ""));
      if (kind && cmd[2]) add(repoHit(cmd[2], kind, kind === "model" ? assigned : null, true, ctx));
      break;
    }
    if (w.text.includes("hf://")) {
      const url = w.text.slice(w.text.indexOf("hf://"));
      add(w.dynamic ? { type: "dynamic", line: w.line } : repoHit({ ...w, text: url }, "model", null, false, ctx));
    }
    // wget/curl of a Hub file: `https://huggingface.co/owner/name/resolve/<rev>/file`.
    const fileUrl = /https?:\/\/(?:www\.)?(?:huggingface|hf)\.co\/(?:datasets\/)?[^/\s]+\/[^/\s]+\/(?:resolve|blob)\/\S+/i.exec(w.text)?.[0];
    if (fileUrl) add(w.dynamic ? { type: "dynamic", line: w.line } : repoHit({ ...w, text: fileUrl }, "model", null, false, ctx));
  }
  return hits;
}

/** lm-evaluation-harness `--model_args pretrained=owner/name,revision=<sha>,…` (also `tokenizer=`, `peft=`). */
function modelArgs(value: Word, ctx: ShellContext): Hit[] {
  if (value.dynamic && !/(?:^|,)(?:pretrained|tokenizer|peft)=[^,$]+(?:,|$)/.test(value.text)) return [{ type: "dynamic", line: value.line }];
  const pairs = new Map(value.text.split(",").map((p) => [p.slice(0, p.indexOf("=")).trim(), p.slice(p.indexOf("=") + 1).trim()] as const));
  const rev = pairs.get("revision");
  const revision = rev !== undefined && isRevision(rev) ? rev : null;
  const hits: Hit[] = [];
  for (const key of ["pretrained", "tokenizer", "peft"]) {
    const v = pairs.get(key);
    if (v === undefined) continue;
    const h = repoHit({ text: v, line: value.line, dynamic: v.includes("$") }, "model", key === "pretrained" ? revision : null, false, ctx);
    if (h) hits.push(h);
  }
  return hits;
}

/** Reads `download` arguments from `from`; returns the index of the last word consumed. */
function download(cmd: readonly Word[], from: number, commandRevision: string | null, ctx: ShellContext, add: (h: Hit | undefined) => void): number {
  let repo: Word | undefined;
  let kind: RepoKind = "model";
  let revision = commandRevision;
  let i = from;
  for (; i < cmd.length; i++) {
    const w = cmd[i] as Word;
    if (w.text.startsWith("--")) {
      const [flag, inline] = w.text.split(/=(.*)/s, 2) as [string, string | undefined];
      const value = inline ?? (DOWNLOAD_VALUE_FLAGS.has(flag) ? cmd[++i]?.text : undefined);
      if (flag === "--repo-type" && value) {
        if (value === "space") return i;
        if (value === "dataset") kind = "dataset";
      }
      if (flag === "--revision" && value && isRevision(value)) revision = value;
      continue;
    }
    if (!repo) repo = w;
  }
  if (repo) add(repoHit(repo, kind, revision, true, ctx));
  return i;
}
