import { defineCheck } from "../../types/check.js";
import { cardView } from "./card-view.js";

/** No README.md at the repo root. A single scanned file has no repository, so no card is expected. */
export const cardMissing = defineCheck({
  name: "card-missing",
  consumes: [],
  finish(ctx) {
    if (ctx.target.kind === "local-file") return;
    if (cardView(ctx.facts).document) return;
    if (ctx.files.some((f) => /^readme\.md$/i.test(f.path))) return;
    ctx.report({});
  },
});
