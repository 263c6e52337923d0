import { parse, tokenize } from "@huggingface/jinja";
import { errorMessage } from "../../errors.js";
import {
  MAX_TEMPLATE_CHARS,
  MAX_TEMPLATE_OUTPUT_CHARS,
  MAX_TEMPLATE_RENDER_HEAP_MB,
  MAX_TEMPLATE_RENDER_MS,
  MAX_TEMPLATE_RENDER_TOTAL_MS,
  MAX_TEMPLATE_RENDERS,
} from "../../limits.js";
import { fact, type Fact, type FactOf } from "../../types/fact.js";
import type { RepoInspector } from "../../types/inspector.js";
import { redactText } from "../secrets/redact.js";
import { parseSecretPatterns } from "../secrets/secret-patterns.js";
import { readCanaryOutput, scenarioContext, SCENARIOS } from "./canary.js";
import type { TemplateAnalysis, TemplateSpecialTokens } from "./facts.js";
import { renderCached, renderKey, type RenderLimits } from "./render-isolated.js";
import { parseTemplateTextRules } from "./text-classes.js";
import { findInternals, findInternalsInTokens, parseSstiList } from "./template-internals.js";

function folder(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Special tokens from the tokenizer config beside the template (same folder, else the repo root). */
function tokensFor(path: string, facts: readonly Fact[]): TemplateSpecialTokens | undefined {
  const all = facts.filter((f): f is FactOf<"chat-template.special-tokens"> => f.kind === "chat-template.special-tokens");
  const dir = folder(path);
  return (all.find((f) => folder(f.artifact?.path ?? "") === dir) ?? all.find((f) => folder(f.artifact?.path ?? "") === ""))?.data;
}

/**
 * Analyses every `template.found` (from any container, GGUF included): parses it with
 * @huggingface/jinja, walks the AST for Python-internals access, and renders canary conversations
 * (with and without a system prompt and tools) in an isolated process to find text the template
 * injects. Facts only; the template checks decide severity.
 */
export const templateAnalyzer: RepoInspector = {
  name: "chat-template-analyzer",
  async *inspectRepo(facts, ctx) {
    const patterns = parseSstiList(ctx.list("template-ssti-patterns"));
    const textRules = parseTemplateTextRules(ctx.list("template-benign-text"), ctx.list("template-instruction-classes"));
    const secrets = parseSecretPatterns(ctx.list("secret-patterns"));
    const found = facts.filter((f): f is FactOf<"template.found"> => f.kind === "template.found");
    const limits: RenderLimits = { timeoutMs: MAX_TEMPLATE_RENDER_MS, heapMb: MAX_TEMPLATE_RENDER_HEAP_MB, maxOutputChars: MAX_TEMPLATE_OUTPUT_CHARS };
    // Per-scan render budget: distinct templates and total wall time (a repo of looping templates must not hang the scan).
    const rendered = new Set<string>();
    let renderMs = 0;
    let unrendered: { count: number; first: FactOf<"template.found">; limit: string } | undefined;
    for (const f of found) {
      const source = f.artifact ? f.artifact.path : "(target)";
      const base: TemplateAnalysis = { source, origin: f.data.origin, parseStatus: "ok", internals: [], plainRender: "skipped", injected: [] };
      if (f.data.name) base.name = f.data.name;
      const src = f.data.template;
      if (src.length > MAX_TEMPLATE_CHARS) {
        yield fact("chat-template.analysis", { ...base, parseStatus: "too-large", parseError: `${src.length} characters is above MAX_TEMPLATE_CHARS (${MAX_TEMPLATE_CHARS})` }, f.artifact);
        continue;
      }
      let program: unknown;
      let tokens: ReturnType<typeof tokenize> | undefined;
      try {
        tokens = tokenize(src, { lstrip_blocks: true, trim_blocks: true });
        program = parse(tokens);
      } catch (e) {
        // Not analysable as a whole, but a payload in it is still reported (Python's Jinja may accept what this parser does not).
        const internals = findInternalsInTokens(tokens, src, patterns);
        yield fact("chat-template.analysis", { ...base, parseStatus: "syntax-error", parseError: errorMessage(e).slice(0, 300), internals }, f.artifact);
        continue;
      }
      base.internals = findInternals(program, patterns);
      const special = tokensFor(source, facts);
      const contexts = SCENARIOS.map((s) => scenarioContext(s, special));
      const key = renderKey(src, contexts, limits);
      const overBudget = rendered.size >= MAX_TEMPLATE_RENDERS ? "MAX_TEMPLATE_RENDERS" : renderMs >= MAX_TEMPLATE_RENDER_TOTAL_MS ? "MAX_TEMPLATE_RENDER_TOTAL_MS" : undefined;
      // A template that reaches Python internals is not rendered at all: the verdict is already in.
      if (base.internals.length === 0 && !rendered.has(key) && overBudget) {
        base.plainRenderError = `not rendered: the scan's template render budget (${overBudget}) was used up`;
        if (unrendered) unrendered.count++;
        else unrendered = { count: 1, first: f, limit: overBudget };
      } else if (base.internals.length === 0) {
        rendered.add(key);
        const started = Date.now();
        const results = await renderCached(src, contexts, limits);
        renderMs += Date.now() - started;
        SCENARIOS.forEach((s, i) => {
          const r = results[i];
          if (!r) return;
          if (s.name === "plain") {
            base.plainRender = r.status;
            if (r.error) base.plainRenderError = r.error;
          }
          if (r.status !== "ok" || r.output === undefined) return;
          // Masked before the prose is shortened into a message: a token in a template never reaches a report.
          const reading = readCanaryOutput(redactText(r.output, secrets), s, special, textRules);
          base.injected.push(...reading.injected);
          if (s.name === "plain" && reading.beforeFirstUser) base.defaultPrompt = reading.beforeFirstUser;
        });
      }
      yield fact("chat-template.analysis", base, f.artifact);
    }
    if (unrendered) {
      const message = `${unrendered.count} chat template(s) were not rendered, so not checked for injected instructions: one scan renders at most ${MAX_TEMPLATE_RENDERS} distinct templates within ${MAX_TEMPLATE_RENDER_TOTAL_MS} ms (${unrendered.limit})`;
      yield fact("scan.limit-exceeded", { message, limit: unrendered.limit }, unrendered.first.artifact);
    }
  },
};
