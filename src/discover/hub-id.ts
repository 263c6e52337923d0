import type { DiscoverLists } from "./lists.js";
import type { RepoKind } from "./types.js";

/**
 * One segment of a Hub repo id, after huggingface_hub's `validate_repo_id`: word characters, `-`
 * and `.`, at most 96, starting and ending with a word character, no `--` or `..`.
 */
const SEGMENT = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$/;
const COMMIT = /^[0-9a-f]{40}$/;
/** A revision the Hub accepts: a branch, a tag, a commit or a PR ref; no spaces, no `..`. */
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}$/;

export function isPinned(revision: string | null): boolean {
  return revision !== null && COMMIT.test(revision);
}

export function isRevision(text: string): boolean {
  return REVISION.test(text) && !text.includes("..");
}

function validSegment(s: string): boolean {
  return SEGMENT.test(s) && !s.includes("--") && !s.includes("..") && !s.toLowerCase().endsWith(".git");
}

/** The owner/name grammar alone (no list lookups). */
export function isOwnerName(text: string): boolean {
  const parts = text.split("/");
  return parts.length === 2 && parts.every(validSegment);
}

export interface HubIdParse {
  id: string;
  kind: RepoKind;
  revision: string | null;
}

export interface ParseOptions {
  /** Kind when the text itself does not say (hf://datasets/… does). */
  kind: RepoKind;
  /** A bare canonical name (`gpt2`, `squad`) counts: only in unambiguous call positions. */
  allowBare: boolean;
}

/**
 * Reads a string as a Hub repo reference, or undefined when it is not one (a local path, a file,
 * another provider's model name, a bare word outside the canonical list). Accepts the forms code
 * uses: `owner/name`, `hf_hub:owner/name` (timm), `hf-hub:owner/name` (open_clip),
 * `hf://[models/|datasets/]owner/name[@rev][/path]`.
 */
export function parseHubId(raw: string, lists: DiscoverLists, opts: ParseOptions): HubIdParse | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > 300) return undefined;
  if (text.startsWith("hf://")) return parseHfUrl(text);
  if (/^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(text)) return parseHubUrl(text, lists);
  const prefixed = /^(?:hf_hub:|hf-hub:)(.*)$/.exec(text);
  if (prefixed) {
    // timm and open_clip take owner/name after the prefix; `@rev` is not part of their syntax.
    const id = prefixed[1] ?? "";
    return isOwnerName(id) && !isLocalOrForeign(id, lists) ? { id, kind: "model", revision: null } : undefined;
  }
  if (isOwnerName(text)) return isLocalOrForeign(text, lists) ? undefined : { id: text, kind: opts.kind, revision: null };
  if (opts.allowBare && validSegment(text)) {
    const known = opts.kind === "dataset" ? lists.canonicalDatasets : lists.canonicalModels;
    if (known.has(text)) return { id: text, kind: opts.kind, revision: null };
  }
  return undefined;
}

/** Local folders, files and gateway-routed API model names have the owner/name shape too. */
function isLocalOrForeign(id: string, lists: DiscoverLists): boolean {
  const owner = id.slice(0, id.indexOf("/"));
  const lower = id.toLowerCase();
  if (lists.localDirs.has(owner)) return true;
  if (lists.fileSuffixes.some((s) => lower.endsWith(s))) return true;
  return lists.notHubPrefixes.some((p) => lower.startsWith(p.toLowerCase()));
}

/**
 * `hf://` URLs as huggingface_hub's HfFileSystem reads them: `hf://[datasets/|spaces/|models/]
 * owner/name[@revision]/path`. Spaces are not models or datasets and are left out; a revision
 * with `/` must be percent-encoded in these URLs (`refs%2Fpr%2F1`).
 */
export function parseHfUrl(url: string): HubIdParse | undefined {
  let rest = url.slice("hf://".length);
  let kind: RepoKind = "model";
  if (rest.startsWith("datasets/")) {
    kind = "dataset";
    rest = rest.slice("datasets/".length);
  } else if (rest.startsWith("spaces/")) return undefined;
  else if (rest.startsWith("models/")) rest = rest.slice("models/".length);
  const parts = rest.split("/");
  const owner = parts[0] ?? "";
  const nameRev = parts[1] ?? "";
  const at = nameRev.indexOf("@");
  const name = at < 0 ? nameRev : nameRev.slice(0, at);
  const id = `${owner}/${name}`;
  if (!isOwnerName(id)) return undefined;
  if (at < 0) return { id, kind, revision: null };
  let revision: string;
  try {
    revision = decodeURIComponent(nameRev.slice(at + 1));
  } catch {
    return undefined;
  }
  return isRevision(revision) ? { id, kind, revision } : undefined;
}

/** First path segments of huggingface.co that are site pages, not accounts. */
const SITE_PAGES = new Set(["docs", "api", "blog", "papers", "learn", "join", "login", "pricing", "settings", "organizations", "collections", "tasks", "posts", "chat", "new", "enterprise", "models", "spaces", "datasets", "changelog", "terms-of-service", "privacy", "inference-endpoints", "welcome", "search", "hub", "huggingface"]);

/**
 * A Hub web or download URL: `https://huggingface.co/owner/name[/resolve|blob|tree/<rev>/…]`,
 * `…/datasets/owner/name…`, `hf.co/owner/name[:tag]` (Ollama's form). Spaces and site pages are not
 * repos. The revision in a `/resolve/<rev>/` path is taken (percent-decoded).
 */
export function parseHubUrl(url: string, lists: DiscoverLists): HubIdParse | undefined {
  const path = url.replace(/^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\//i, "").replace(/[?#].*$/, "");
  let parts = path.split("/").filter((p) => p.length > 0);
  let kind: RepoKind = "model";
  if (parts[0] === "datasets") {
    kind = "dataset";
    parts = parts.slice(1);
  } else if (parts[0] === "spaces") return undefined;
  else if (SITE_PAGES.has(parts[0] ?? "")) return undefined;
  const owner = parts[0] ?? "";
  // Ollama pulls GGUF quantisations as hf.co/owner/name:Q4_K_M; git remotes end in .git.
  const name = (parts[1] ?? "").replace(/:[A-Za-z0-9_.-]+$/, "").replace(/\.git$/, "");
  const id = `${owner}/${name}`;
  if (!isOwnerName(id) || isLocalOrForeign(id, lists)) return undefined;
  let revision: string | null = null;
  if ((parts[2] === "resolve" || parts[2] === "blob" || parts[2] === "tree") && parts[3]) {
    try {
      const rev = decodeURIComponent(parts[3]);
      if (isRevision(rev)) revision = rev;
    } catch {
      revision = null;
    }
  }
  return { id, kind, revision };
}
