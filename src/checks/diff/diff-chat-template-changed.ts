import { defineCheck } from "../../types/check.js";
import "../../diff/facts.js";

export const diffChatTemplateChanged = defineCheck({
  name: "diff-chat-template-changed",
  consumes: ["diff.chat-template-changed"],
  check(f, ctx) {
    const { source, name, change, diff } = f.data;
    if (change === "removed") return;
    ctx.report({ artifact: { path: source }, key: `${source}:${name}`, data: { source, name, change }, evidence: diff ? [{ text: diff }] : [] });
  },
});
