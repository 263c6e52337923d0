import { defineCheck } from "../../types/check.js";
import "../../sources/symlink-facts.js";

/** Symlinks the folder walk did not follow: out of the root (high), dangling or looping (medium). */
export const sourceSymlink = defineCheck({
  name: "source-symlink-escape",
  alsoReports: ["source-symlink-broken"],
  consumes: ["source.symlink"],
  check(f, ctx) {
    const { link, target, problem } = f.data;
    const artifact = { path: link };
    ctx.report({
      ...(problem === "outside" ? {} : { rule: "source-symlink-broken" }),
      artifact,
      key: link,
      data: { path: link, target, problem: problem === "loop" ? "loops" : "dangles" },
      evidence: [{ text: `${link} -> ${target}`, artifact }],
    });
  },
});
