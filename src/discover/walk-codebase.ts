import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../errors.js";
import { MAX_DISCOVER_DEPTH, MAX_DISCOVER_FILE_BYTES, MAX_DISCOVER_FILES } from "../limits.js";
import { isIgnored, parseGitignore, type IgnoreRule } from "./gitignore.js";
import { fileTypeOf, type FileType } from "./file-type.js";
import type { DiscoverSkip } from "./types.js";

/** Folders that hold other people's code or tool state, never the codebase's own references. */
const SKIPPED_DIRS = new Set([".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "site-packages", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", ".eggs"]);

/** A virtual environment or conda env under any name is recognised by the file its tools write. */
function isEnvironmentDir(abs: string): boolean {
  return existsSync(join(abs, "pyvenv.cfg")) || existsSync(join(abs, "conda-meta"));
}

export interface CodebaseFile {
  /** Root-relative, `/`-separated. */
  path: string;
  type: FileType;
  text: string;
}

export interface WalkResult {
  files: CodebaseFile[];
  skipped: number;
  notChecked: DiscoverSkip[];
}

const BINARY_PROBE_BYTES = 8192;

/** Reads a file if it is small enough and text (no NUL byte in its head); undefined for binary. */
function readText(abs: string, size: number): string | undefined {
  const fd = openSync(abs, "r");
  try {
    const head = new Uint8Array(Math.min(size, BINARY_PROBE_BYTES));
    readSync(fd, head, 0, head.length, 0);
    if (head.includes(0)) return undefined;
  } finally {
    closeSync(fd);
  }
  return readFileSync(abs, "utf8");
}

/**
 * Every file of the codebase under `root` that discover reads, in sorted path order: .gitignore
 * files honoured (nested ones too, and .git/info/exclude), dependency and environment folders
 * skipped, symbolic links not followed (a link can leave the codebase or loop), binary files and
 * files of no known type not read. Bounded in files visited, depth and bytes per file.
 */
export function walkCodebase(root: string): WalkResult {
  const files: CodebaseFile[] = [];
  const notChecked: DiscoverSkip[] = [];
  let skipped = 0;
  let visited = 0;
  const rootRules: IgnoreRule[] = [];
  const exclude = join(root, ".git", "info", "exclude");
  if (existsSync(exclude)) rootRules.push(...parseGitignore(safeRead(exclude), ""));

  const walk = (dirAbs: string, dirRel: string, inherited: readonly IgnoreRule[], depth: number): void => {
    let rules = inherited;
    const gi = join(dirAbs, ".gitignore");
    if (existsSync(gi)) rules = [...inherited, ...parseGitignore(safeRead(gi), dirRel)];
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      notChecked.push({ path: dirRel || ".", reason: `cannot list folder: ${errorMessage(e)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      const abs = join(dirAbs, entry.name);
      if (++visited > MAX_DISCOVER_FILES) {
        if (visited === MAX_DISCOVER_FILES + 1) notChecked.push({ path: rel, reason: `more than MAX_DISCOVER_FILES (${MAX_DISCOVER_FILES}) files and folders; the rest were not read` });
        return;
      }
      if (entry.isSymbolicLink()) {
        skipped++;
        continue;
      }
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || isIgnored(rules, rel, true) || isEnvironmentDir(abs)) {
          skipped++;
          continue;
        }
        if (depth + 1 > MAX_DISCOVER_DEPTH) {
          notChecked.push({ path: rel, reason: `nested deeper than MAX_DISCOVER_DEPTH (${MAX_DISCOVER_DEPTH})` });
          continue;
        }
        walk(abs, rel, rules, depth + 1);
        continue;
      }
      if (!entry.isFile()) continue;
      const type = fileTypeOf(rel);
      if (!type || isIgnored(rules, rel, false)) {
        skipped++;
        continue;
      }
      readOne(abs, rel, type);
    }
  };

  const readOne = (abs: string, rel: string, type: FileType): void => {
    try {
      const size = lstatSync(abs).size;
      if (size > MAX_DISCOVER_FILE_BYTES) {
        notChecked.push({ path: rel, reason: `${size} bytes, more than MAX_DISCOVER_FILE_BYTES (${MAX_DISCOVER_FILE_BYTES})` });
        return;
      }
      const text = readText(abs, size);
      if (text === undefined) {
        skipped++;
        return;
      }
      files.push({ path: rel, type, text });
    } catch (e) {
      notChecked.push({ path: rel, reason: `cannot read: ${errorMessage(e)}` });
    }
  };

  walk(root, "", rootRules, 0);
  return { files, skipped, notChecked };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
