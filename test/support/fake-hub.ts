import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, sep } from "node:path";

/**
 * A loopback Hugging Face Hub that the real `@huggingface/hub` client accepts. Response shapes and
 * headers follow ../shared/HUB-API.md (§1 model info, §2 tree + Link pagination, §3 paths-info,
 * §4 resolve/raw with Range, §5 security status, §6 errors with X-Error-Code).
 *
 * Repos are read live on every request: a test may move `refs.main` after the scan resolved it,
 * to prove later requests are pinned to the commit SHA.
 */

export interface FakeFile {
  path: string;
  content: Uint8Array | string;
  lfs?: boolean;
  /** Bytes actually served, to simulate tampering. */
  served?: Uint8Array | string;
  /** `securityFileStatus` given with tree/paths-info `expand` (default: all scanners "safe"). */
  security?: Record<string, unknown>;
  /** `xetHash` advertised in the tree (the bytes are still served over plain HTTP). */
  xetHash?: string;
}

export interface FakeRepo {
  id: string;
  kind?: "model" | "dataset";
  sha?: string;
  /** Branch or tag -> commit sha. */
  refs?: Record<string, string>;
  files: FakeFile[];
  /** Merged into model/dataset info: cardData, gated, tags, author, library_name, pipeline_tag, config, ... */
  info?: Record<string, unknown>;
  gated?: false | "auto" | "manual";
  private?: boolean;
  /** Files per revision sha when several commits exist. */
  revisions?: Record<string, FakeFile[]>;
  /**
   * Gated repos: answer model info and the tree without access (the Hub has been seen doing both,
   * HUB-API.md §1); file routes stay gated. Default false: every route is gated.
   */
  publicMetadata?: boolean;
}

export interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeHub {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
  /** Extra routes, e.g. "/advisories.json". */
  route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
}

export interface FakeHubOptions {
  repos: FakeRepo[];
  /** When set, gated and private repos need `Authorization: Bearer <token>`. */
  token?: string;
  /** Tree entries per page; a `Link: <absolute>; rel="next"` header points at the next page. */
  treePageSize?: number;
  /**
   * Renamed repos, old id -> new id: every API and file route under the old id answers
   * `307 Temporary Redirect` with a relative `Location` under the new id, query kept (HUB-API.md §0).
   * Read live, so a test can rename a repo between two calls.
   */
  renamed?: Record<string, string>;
}

const FIXED_DATE = "2024-01-01T00:00:00.000Z";

export function bytesOf(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(bytesOf(data)).digest("hex");
}

/** Git blob id: sha1("blob <size>\0" + bytes). */
export function gitBlobSha1(data: Uint8Array | string): string {
  const b = bytesOf(data);
  return createHash("sha1").update(`blob ${b.byteLength}\0`).update(b).digest("hex");
}

export function lfsPointer(content: Uint8Array | string): string {
  const b = bytesOf(content);
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256Hex(b)}\nsize ${b.byteLength}\n`;
}

/** The default commit of a repo without `sha`: stable across runs. */
export function defaultSha(id: string): string {
  return createHash("sha1").update(`fake-hub:${id}`).digest("hex");
}

interface TreeEntry {
  type: "file" | "directory";
  oid: string;
  size: number;
  path: string;
  lfs?: { oid: string; size: number; pointerSize: number };
  xetHash?: string;
  lastCommit?: { id: string; title: string; date: string };
  securityFileStatus?: Record<string, unknown>;
}

const SAFE_STATUS = {
  status: "safe",
  avScan: { status: "safe" },
  pickleImportScan: { status: "safe", pickleImports: [] },
};

function fileEntry(f: FakeFile, commit: string, expand: boolean): TreeEntry {
  const content = bytesOf(f.content);
  const entry: TreeEntry = { type: "file", oid: "", size: content.byteLength, path: f.path };
  if (f.lfs) {
    const pointer = lfsPointer(content);
    entry.oid = gitBlobSha1(pointer);
    entry.lfs = { oid: sha256Hex(content), size: content.byteLength, pointerSize: bytesOf(pointer).byteLength };
  } else {
    entry.oid = gitBlobSha1(content);
  }
  if (f.xetHash) entry.xetHash = f.xetHash;
  if (expand) {
    entry.lastCommit = { id: commit, title: `Upload ${f.path}`, date: FIXED_DATE };
    entry.securityFileStatus = f.security ?? SAFE_STATUS;
  }
  return entry;
}

function dirEntry(path: string): TreeEntry {
  return { type: "directory", oid: createHash("sha1").update(`tree:${path}`).digest("hex"), size: 0, path };
}

/** Entries under `base` ("" = root), recursive or immediate children only, sorted by path. */
function treeEntries(files: FakeFile[], base: string, recursive: boolean, commit: string, expand: boolean): TreeEntry[] {
  const prefix = base ? `${base}/` : "";
  const dirs = new Set<string>();
  const out: TreeEntry[] = [];
  for (const f of files) {
    if (!f.path.startsWith(prefix)) continue;
    const rest = f.path.slice(prefix.length);
    const parts = rest.split("/");
    if (recursive) {
      for (let i = 1; i < parts.length; i++) dirs.add(prefix + parts.slice(0, i).join("/"));
      out.push(fileEntry(f, commit, expand));
    } else if (parts.length === 1) {
      out.push(fileEntry(f, commit, expand));
    } else {
      dirs.add(prefix + parts[0]);
    }
  }
  for (const d of dirs) out.push(dirEntry(d));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "X-Request-Id": "Root=1-fake;00000000-0000-0000-0000-000000000000",
    "X-Powered-By": "huggingface-moon",
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string | undefined, message: string): void {
  const extra: Record<string, string> = { "X-Error-Message": message };
  if (code) extra["X-Error-Code"] = code;
  sendJson(res, status, { error: message }, extra);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined = no range, null = unsatisfiable. */
function parseRange(value: string | undefined, size: number): { start: number; end: number } | null | undefined {
  if (!value) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m) return undefined;
  const [, a = "", b = ""] = m;
  if (a === "" && b === "") return undefined;
  if (a === "") {
    const n = Number(b);
    if (n === 0) return null;
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}

type Access = "ok" | "not-found" | "gated-anonymous" | "gated-denied";

export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const requests: FakeRequest[] = [];
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  let baseUrl = "";

  const findRepo = (kind: "model" | "dataset", id: string): FakeRepo | undefined =>
    options.repos.find((r) => (r.kind ?? "model") === kind && r.id === id);

  const headSha = (repo: FakeRepo): string => repo.refs?.["main"] ?? repo.sha ?? defaultSha(repo.id);

  const resolveRevision = (repo: FakeRepo, rev: string): string | undefined => {
    if (rev === "HEAD") return headSha(repo);
    const refs = repo.refs ?? {};
    if (rev === "main" && !refs["main"]) return repo.sha ?? defaultSha(repo.id);
    if (refs[rev]) return refs[rev];
    const known = new Set([repo.sha ?? defaultSha(repo.id), ...Object.values(refs), ...Object.keys(repo.revisions ?? {})]);
    return known.has(rev) ? rev : undefined;
  };

  const filesAt = (repo: FakeRepo, sha: string): FakeFile[] => repo.revisions?.[sha] ?? repo.files;

  const access = (req: IncomingMessage, repo: FakeRepo | undefined, metadata: boolean): Access => {
    if (!repo) return "not-found";
    if (options.token === undefined) return "ok";
    const auth = header(req, "authorization");
    const valid = auth === `Bearer ${options.token}`;
    if (valid) return "ok";
    if (repo.private) return "not-found";
    if (repo.gated) {
      if (metadata && repo.publicMetadata) return "ok";
      return auth ? "gated-denied" : "gated-anonymous";
    }
    return "ok";
  };

  /** Sends the §6 error for a denied access; returns true when the request was answered. */
  const deny = (req: IncomingMessage, res: ServerResponse, repo: FakeRepo | undefined, id: string, metadata: boolean): boolean => {
    const a = access(req, repo, metadata);
    if (a === "ok") return false;
    const kind = repo?.kind ?? "model";
    if (a === "not-found") {
      if (header(req, "authorization")) sendError(res, 404, "RepoNotFound", `Repository not found`);
      else sendError(res, 401, "RepoNotFound", "Invalid username or password.");
    } else if (a === "gated-anonymous") {
      sendError(res, 401, "GatedRepo", `Access to ${kind} ${id} is restricted. You must have access to it and be authenticated to access it. Please log in.`);
    } else {
      sendError(res, 403, "GatedRepo", `Access to ${kind} ${id} is restricted and you are not in the authorized list. Visit ${baseUrl}/${id} to ask for access.`);
    }
    return true;
  };

  const infoBody = (repo: FakeRepo, sha: string, url: URL): Record<string, unknown> => {
    const [author = ""] = repo.id.split("/");
    const files = filesAt(repo, sha);
    const full: Record<string, unknown> = {
      _id: createHash("sha1").update(`id:${repo.id}`).digest("hex").slice(0, 24),
      id: repo.id,
      ...(repo.kind === "dataset" ? {} : { modelId: repo.id }),
      author,
      sha,
      lastModified: FIXED_DATE,
      createdAt: FIXED_DATE,
      private: repo.private ?? false,
      disabled: false,
      gated: repo.gated ?? false,
      downloads: 0,
      likes: 0,
      tags: [],
      siblings: files.map((f) => ({ rfilename: f.path })),
      usedStorage: files.reduce((n, f) => n + bytesOf(f.content).byteLength, 0),
      ...repo.info,
    };
    const expand = [...url.searchParams.getAll("expand"), ...url.searchParams.getAll("expand[]")];
    let body: Record<string, unknown> = full;
    if (expand.length > 0) {
      body = { _id: full["_id"], id: full["id"] };
      for (const k of expand) if (k in full) body[k] = full[k];
    }
    const sec = url.searchParams.get("securityStatus");
    if (sec === "1" || sec === "true") {
      const filesWithIssues = files
        .filter((f) => f.security && f.security["status"] !== "safe")
        .map((f) => ({ path: f.path, level: String(f.security?.["status"] ?? "unscanned") }));
      body["securityRepoStatus"] = full["securityRepoStatus"] ?? { scansDone: true, filesWithIssues };
    }
    return body;
  };

  /** Splits `<rev>[/rest]` where rev may be `refs/pr/N` or `refs/convert/x`, raw or %2F-encoded. */
  const splitRevision = (segments: string[]): { rev: string; rest: string[] } | undefined => {
    const first = segments[0];
    if (first === undefined) return undefined;
    const decoded = decodeURIComponent(first);
    if (decoded === "refs" && segments.length >= 3) {
      return { rev: segments.slice(0, 3).map(decodeURIComponent).join("/"), rest: segments.slice(3) };
    }
    return { rev: decoded, rest: segments.slice(1) };
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, kind: "model" | "dataset", segs: string[]): Promise<void> => {
    const [ns, name, action, ...more] = segs;
    if (!ns || !name) return sendError(res, 404, undefined, "Not Found");
    const id = `${ns}/${name}`;
    const repo = findRepo(kind, id);
    if (action === undefined || action === "revision") {
      if (deny(req, res, repo, id, true) || !repo) return;
      const revText = action === "revision" ? splitRevision(more)?.rev : "HEAD";
      const sha = revText === undefined ? undefined : resolveRevision(repo, revText);
      if (!sha) return sendError(res, 404, "RevisionNotFound", `Invalid rev id: ${revText ?? ""}`);
      return sendJson(res, 200, infoBody(repo, sha, url));
    }
    if (action === "scan") {
      if (deny(req, res, repo, id, true) || !repo) return;
      const u = new URL(url);
      u.searchParams.set("securityStatus", "1");
      return sendJson(res, 200, infoBody(repo, headSha(repo), u)["securityRepoStatus"]);
    }
    if (action === "tree" || action === "paths-info") {
      if (deny(req, res, repo, id, true) || !repo) return;
      const split = splitRevision(more);
      const sha = split ? resolveRevision(repo, split.rev) : undefined;
      if (!split || !sha) return sendError(res, 404, "RevisionNotFound", `Invalid rev id: ${split?.rev ?? ""}`);
      const files = filesAt(repo, sha);
      if (action === "paths-info") {
        if (req.method !== "POST") return sendError(res, 405, undefined, "Method Not Allowed");
        const text = await readBody(req);
        let paths: string[] = [];
        let expand = false;
        if ((header(req, "content-type") ?? "").includes("application/json")) {
          const body = JSON.parse(text || "{}") as { paths?: string[] | string; expand?: boolean };
          paths = Array.isArray(body.paths) ? body.paths : body.paths ? [body.paths] : [];
          expand = body.expand === true;
        } else {
          const form = new URLSearchParams(text);
          paths = form.getAll("paths");
          expand = form.get("expand") === "true" || form.get("expand") === "True";
        }
        const out: TreeEntry[] = [];
        for (const p of paths) {
          const f = files.find((x) => x.path === p);
          if (f) out.push(fileEntry(f, sha, expand));
          else if (files.some((x) => x.path.startsWith(`${p}/`))) out.push(dirEntry(p));
        }
        return sendJson(res, 200, out);
      }
      const base = split.rest.map(decodeURIComponent).join("/");
      if (base && !files.some((f) => f.path === base || f.path.startsWith(`${base}/`))) {
        return sendError(res, 404, "EntryNotFound", `${base} does not exist on "${split.rev}"`);
      }
      const recursive = url.searchParams.get("recursive") === "true" || url.searchParams.get("recursive") === "1";
      const expand = url.searchParams.get("expand") === "true" || url.searchParams.get("expand") === "1";
      const all = treeEntries(files, base, recursive, sha, expand);
      const pageSize = options.treePageSize ?? all.length;
      const cursor = Number(url.searchParams.get("cursor") ?? "0");
      const start = Number.isInteger(cursor) && cursor > 0 ? cursor : 0;
      const page = all.slice(start, start + Math.max(1, pageSize));
      const extra: Record<string, string> = {};
      if (start + page.length < all.length) {
        const next = new URL(url.pathname + url.search, baseUrl);
        next.searchParams.set("cursor", String(start + page.length));
        extra["Link"] = `<${next.href}>; rel="next"`;
      }
      return sendJson(res, 200, page, extra);
    }
    return sendError(res, 404, undefined, "Not Found");
  };

  const handleFile = (req: IncomingMessage, res: ServerResponse, kind: "model" | "dataset", segs: string[]): void => {
    const [ns, name, mode, ...more] = segs;
    const id = `${ns}/${name}`;
    const repo = findRepo(kind, id);
    if (deny(req, res, repo, id, false) || !repo) return;
    const split = splitRevision(more);
    const sha = split ? resolveRevision(repo, split.rev) : undefined;
    if (!split || !sha) return sendError(res, 404, "RevisionNotFound", `Invalid rev id: ${split?.rev ?? ""}`);
    const path = split.rest.map(decodeURIComponent).join("/");
    const file = filesAt(repo, sha).find((f) => f.path === path);
    if (!file) return sendError(res, 404, "EntryNotFound", `Entry not found`);
    const content = bytesOf(file.content);
    const raw = mode === "raw";
    const body = raw && file.lfs ? bytesOf(lfsPointer(content)) : raw ? content : bytesOf(file.served ?? file.content);
    const headers: Record<string, string> = {
      "Content-Type": "application/octet-stream",
      "Accept-Ranges": "bytes",
      "X-Repo-Commit": sha,
      "X-Request-Id": "Root=1-fake;00000000-0000-0000-0000-000000000000",
    };
    if (!raw && file.lfs) {
      headers["ETag"] = `"${sha256Hex(content)}"`;
      headers["X-Linked-Etag"] = `"${sha256Hex(content)}"`;
      headers["X-Linked-Size"] = String(content.byteLength);
    } else {
      headers["ETag"] = `"${gitBlobSha1(raw && file.lfs ? lfsPointer(content) : content)}"`;
    }
    const range = parseRange(header(req, "range"), body.byteLength);
    if (range === null) {
      res.writeHead(416, { ...headers, "Content-Range": `bytes */${body.byteLength}` });
      res.end();
      return;
    }
    const slice = range ? body.subarray(range.start, range.end + 1) : body;
    if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${body.byteLength}`;
    headers["Content-Length"] = String(slice.byteLength);
    res.writeHead(range ? 206 : 200, headers);
    res.end(req.method === "HEAD" ? undefined : Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength));
  };

  /** Answers a request under a renamed repo's old id the way the Hub does; true when it did. */
  const redirectRenamed = (res: ServerResponse, url: URL, segs: string[]): boolean => {
    const renamed = options.renamed ?? {};
    const api = segs[0] === "api" && (segs[1] === "models" || segs[1] === "datasets");
    const at = api ? 2 : segs[0] === "datasets" ? 1 : 0;
    const oldId = `${segs[at] ?? ""}/${segs[at + 1] ?? ""}`;
    const newId = renamed[oldId];
    if (!newId) return false;
    const location = "/" + [...segs.slice(0, at), ...newId.split("/"), ...segs.slice(at + 2)].join("/") + url.search;
    const text = `Temporary Redirect. Redirecting to ${location}`;
    res.writeHead(307, { Location: location, "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)), "X-Request-Id": "Root=1-fake;00000000-0000-0000-0000-000000000000" });
    res.end(text);
    return true;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", baseUrl || "http://127.0.0.1");
    requests.push({ method: req.method ?? "GET", url: url.pathname + url.search, headers: { ...req.headers } });
    const custom = routes.get(url.pathname);
    if (custom) return custom(req, res);
    const segs = url.pathname.split("/").filter((s) => s !== "");
    if (redirectRenamed(res, url, segs)) return;
    const done = (p: Promise<void> | void): void => {
      Promise.resolve(p).catch((e: unknown) => {
        if (!res.headersSent) sendError(res, 500, undefined, e instanceof Error ? e.message : String(e));
        else res.destroy();
      });
    };
    if (segs[0] === "api" && (segs[1] === "models" || segs[1] === "datasets")) {
      return done(handleApi(req, res, url, segs[1] === "models" ? "model" : "dataset", segs.slice(2)));
    }
    const fileSegs = segs[0] === "datasets" ? segs.slice(1) : segs;
    const kind = segs[0] === "datasets" ? "dataset" : "model";
    if (fileSegs[2] === "resolve" || fileSegs[2] === "raw") return done(handleFile(req, res, kind, fileSegs));
    sendError(res, 404, undefined, "Not Found");
  });

  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    route(path, handler) {
      routes.set(path, handler);
    },
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : ok()));
      }),
  };
}

/** Extensions the Hub's default .gitattributes stores through LFS (plus anything over 10 MiB). */
const LFS_EXTENSIONS = /\.(7z|arrow|bin|bz2|ckpt|ftz|gguf|gz|h5|joblib|keras|lfs|mlmodel|model|msgpack|npy|npz|onnx|ot|parquet|pb|pickle|pkl|pt|pth|rar|safetensors|tar|tflite|tgz|wasm|xz|zip|zst)$/i;

export function isLfsPath(path: string, size: number): boolean {
  return LFS_EXTENSIONS.test(path) || size > 10 * 1024 * 1024;
}

/**
 * A fixture folder as a fake Hub repo: every file under `dir` (LFS by the Hub's default rules).
 * Other fields (info, gated, refs, security per file via `files` edits) can be set on the result.
 */
export function repoFromDir(dir: string, id: string, extra: Partial<Omit<FakeRepo, "id" | "files">> = {}): FakeRepo {
  const files: FakeFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else {
        const content = readFileSync(abs);
        const path = relative(dir, abs).split(sep).join("/");
        files.push(isLfsPath(path, content.byteLength) ? { path, content, lfs: true } : { path, content });
      }
    }
  };
  walk(dir);
  return { id, files, ...extra };
}
