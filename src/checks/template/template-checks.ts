import { defineCheck } from "../../types/check.js";
import "../../inspectors/chat-template/facts.js";

const nameOf = (n: string | undefined): string => (n ? ` "${n}"` : "");

/** The template did not parse (or was too large to analyse). */
export const templateSyntaxError = defineCheck({
  name: "template-syntax-error",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    if (f.data.parseStatus === "ok") return;
    ctx.report({ data: { source: f.data.source, name: nameOf(f.data.name), error: f.data.parseError ?? f.data.parseStatus }, ...(f.artifact ? { artifact: f.artifact } : {}), key: f.data.name ?? "" });
  },
});

/** Python-internals access found on the AST (SSTI, CVE-2024-34359). */
export const templatePythonInternals = defineCheck({
  name: "template-python-internals",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    if (f.data.internals.length === 0) return;
    ctx.report({
      data: { source: f.data.source, name: nameOf(f.data.name), names: f.data.internals.map((i) => i.name).join(", ") },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      evidence: f.data.internals.map((i) => ({ text: `${i.kind}: ${i.name}` })),
      key: f.data.name ?? "",
    });
  },
});

/** Prose injected into the canary conversation; one finding per place, first scenario wins. */
export const templateHiddenInstructions = defineCheck({
  name: "template-hidden-instructions",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    const seen = new Set<string>();
    for (const inj of f.data.injected) {
      if (seen.has(inj.where)) continue;
      seen.add(inj.where);
      ctx.report({
        data: { source: f.data.source, name: nameOf(f.data.name), where: inj.where, scenario: inj.scenario, text: inj.text },
        ...(f.artifact ? { artifact: f.artifact } : {}),
        key: `${f.data.name ?? ""}\0${inj.where}`,
      });
    }
  },
});

/** A plain user/assistant/user conversation does not render. */
export const templateRenderFailure = defineCheck({
  name: "template-render-failure",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    if (f.data.plainRender !== "error" && f.data.plainRender !== "timeout") return;
    ctx.report({ data: { source: f.data.source, name: nameOf(f.data.name), error: f.data.plainRenderError ?? f.data.plainRender }, ...(f.artifact ? { artifact: f.artifact } : {}), key: f.data.name ?? "" });
  },
});

/** What the model is told when the caller gives no system prompt (a note). */
export const templateDefaultSystemPrompt = defineCheck({
  name: "template-default-system-prompt",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    if (!f.data.defaultPrompt) return;
    ctx.report({ data: { source: f.data.source, name: nameOf(f.data.name), text: f.data.defaultPrompt }, ...(f.artifact ? { artifact: f.artifact } : {}), key: f.data.name ?? "" });
  },
});
