import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { MAX_TEMPLATE_RENDER_CACHE } from "../../limits.js";
import type { RenderStatus } from "./facts.js";

export interface RenderResult {
  status: Exclude<RenderStatus, "skipped">;
  output?: string;
  error?: string;
}

export interface RenderLimits {
  timeoutMs: number;
  heapMb: number;
  maxOutputChars: number;
}

/**
 * Child body (CommonJS, `node -e`): reads {jinjaPath, template, contexts} as JSON on stdin, renders
 * the template with each context and writes one JSON line per result, so a later hang or crash
 * does not lose earlier results.
 */
const CHILD_SOURCE = `
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => { input += d; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  const { Template } = require(job.jinjaPath);
  let tpl;
  try { tpl = new Template(job.template); }
  catch (e) { process.stdout.write(JSON.stringify({ fatal: String((e && e.message) || e).slice(0, 300) }) + "\\n"); return; }
  const render = (ctx) => {
    let out = String(tpl.render(ctx));
    if (out.length > job.maxOutputChars) out = out.slice(0, job.maxOutputChars);
    return { status: "ok", output: out };
  };
  for (const ctx of job.contexts) {
    let r;
    try {
      r = render(ctx);
    } catch (e) {
      const message = String((e && e.message) || e);
      r = { status: "error", error: message.slice(0, 300) };
      // Python's Jinja iterates an undefined variable as empty; this renderer throws. Templates that
      // loop over tools or documents without checking (Command-R tool_use) render in transformers.
      if (/iterable.*Undefined/i.test(message)) {
        try { r = render(Object.assign({ tools: [], documents: [] }, ctx)); } catch {}
      }
    }
    process.stdout.write(JSON.stringify({ result: r }) + "\\n");
  }
});
`;

let jinjaPath: string | undefined;
let spawned = 0;

/** Child processes started so far (for tests: a repeated template must not start another). */
export function renderProcessCount(): number {
  return spawned;
}

/**
 * Renders a chat template in a separate Node process with a wall-clock timeout and a heap cap.
 * A hostile template can loop forever (`range(10**9)`, recursive macros) or allocate gigabytes in
 * one step; @huggingface/jinja renders synchronously, and a single huge allocation aborts the
 * whole process even inside a worker thread, so only a child process contains it (CWE-835,
 * CWE-400). The renderer is a JavaScript interpreter: nothing in the template reaches Python.
 * The child gets an empty environment, so no token is in reach either.
 */
export function renderIsolated(template: string, contexts: readonly Record<string, unknown>[], limits: RenderLimits): Promise<RenderResult[]> {
  jinjaPath ??= createRequire(import.meta.url).resolve("@huggingface/jinja");
  return new Promise((resolve) => {
    const results: RenderResult[] = [];
    let settled = false;
    let buffered = "";
    spawned++;
    const child = spawn(process.execPath, [`--max-old-space-size=${limits.heapMb}`, "-e", CHILD_SOURCE], { stdio: ["pipe", "pipe", "ignore"], env: {} });
    const finish = (fill: RenderResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      while (results.length < contexts.length) results.push(fill);
      child.kill("SIGKILL");
      resolve(results);
    };
    const timer = setTimeout(() => finish({ status: "timeout", error: `did not finish within ${limits.timeoutMs} ms` }), limits.timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      // Bounded: each line is at most maxOutputChars of JSON-escaped text plus framing.
      if (buffered.length > limits.maxOutputChars * 8 + 65_536) return finish({ status: "error", error: "renderer output too large" });
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let m: { result?: RenderResult; fatal?: string };
        try {
          m = JSON.parse(line) as typeof m;
        } catch {
          continue;
        }
        if (m.fatal !== undefined) return finish({ status: "error", error: m.fatal });
        if (m.result) results.push(m.result);
        if (results.length >= contexts.length) return finish({ status: "error", error: "no result" });
      }
    });
    child.on("error", (e) => finish({ status: "error", error: `renderer could not start: ${e.message}` }));
    child.on("close", (code, signal) => finish({ status: "error", error: code === 0 ? "no result" : `renderer stopped (${signal ?? `exit ${code}`}; out of memory or crashed)` }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(JSON.stringify({ jinjaPath, template, contexts, maxOutputChars: limits.maxOutputChars }));
  });
}

/** Results by template text + canary contexts + limits; the oldest entry goes when the cache is full. */
const cache = new Map<string, Promise<RenderResult[]>>();

/** The cache key of a render: everything the child's output depends on. */
export function renderKey(template: string, contexts: readonly Record<string, unknown>[], limits: RenderLimits): string {
  return createHash("sha256").update(JSON.stringify({ template, contexts, limits })).digest("hex");
}

/**
 * renderIsolated, once per distinct template and canary set: one repo often carries the same
 * template several times (tokenizer_config.json and chat_template.jinja, a dozen GGUF
 * quantizations), and a process per copy is wasted time.
 */
export function renderCached(template: string, contexts: readonly Record<string, unknown>[], limits: RenderLimits): Promise<RenderResult[]> {
  const key = renderKey(template, contexts, limits);
  const hit = cache.get(key);
  if (hit) return hit;
  const p = renderIsolated(template, contexts, limits);
  if (cache.size >= MAX_TEMPLATE_RENDER_CACHE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, p);
  return p;
}
