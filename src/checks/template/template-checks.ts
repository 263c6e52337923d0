import { defineCheck } from "../../types/check.js";
import type { TemplateInjectedText } from "../../inspectors/chat-template/facts.js";
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

type Verdict = TemplateInjectedText["verdict"];

/** The added texts of one verdict, one per place (the first scenario that shows it wins). */
function perPlace(injected: readonly TemplateInjectedText[], verdict: Verdict): TemplateInjectedText[] {
  const seen = new Set<string>();
  return injected.filter((inj) => {
    if (inj.verdict !== verdict || seen.has(inj.where)) return false;
    seen.add(inj.where);
    return true;
  });
}

function joinClasses(inj: TemplateInjectedText): string {
  const d = [...new Set((inj.classes ?? []).map((c) => c.description))];
  return d.length <= 1 ? (d[0] ?? "") : `${d.slice(0, -1).join(", ")} and ${d[d.length - 1] ?? ""}`;
}

/** Added text that instructs the model against the user (template-instruction-classes.yaml), wherever it is added. */
export const templateHiddenInstructions = defineCheck({
  name: "template-hidden-instructions",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    for (const inj of perPlace(f.data.injected, "instruction")) {
      ctx.report({
        data: { source: f.data.source, name: nameOf(f.data.name), where: inj.where, scenario: inj.scenario, classes: joinClasses(inj), text: inj.text },
        ...(f.artifact ? { artifact: f.artifact } : {}),
        evidence: (inj.classes ?? []).map((c) => ({ text: `${c.name}: "${c.match}"` })),
        key: `${f.data.name ?? ""}\0${inj.where}`,
      });
    }
  },
});

/** Added text inside the conversation or on top of the caller's system prompt that is neither context nor a known instruction. */
export const templateUnrecognizedText = defineCheck({
  name: "template-unrecognized-text",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    for (const inj of perPlace(f.data.injected, "unrecognized")) {
      ctx.report({
        data: { source: f.data.source, name: nameOf(f.data.name), where: inj.where, scenario: inj.scenario, text: inj.text },
        ...(f.artifact ? { artifact: f.artifact } : {}),
        key: `${f.data.name ?? ""}\0${inj.where}`,
      });
    }
  },
});

/** Dates, knowledge cut-off, tool boilerplate the template adds: a note, with the phrases quoted. */
export const templateContextText = defineCheck({
  name: "template-context-text",
  consumes: ["chat-template.analysis"],
  check(f, ctx) {
    for (const inj of perPlace(f.data.injected, "context")) {
      ctx.report({
        data: { source: f.data.source, name: nameOf(f.data.name), where: inj.where, scenario: inj.scenario, text: inj.text },
        ...(f.artifact ? { artifact: f.artifact } : {}),
        evidence: (inj.context ?? []).map((c) => ({ text: c })),
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
