import { MAX_PYTHON_TOKENS, MAX_TEXT_FILE_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { redactText } from "../secrets/redact.js";
import { parseSecretPatterns } from "../secrets/secret-patterns.js";
import { parseDangerList } from "./danger-patterns.js";
import { isTextProbe, readText } from "./read-text.js";
import { scanPython } from "./scan-python.js";
import { tokenizePython } from "./tokenize-python.js";

const MAX_SNIPPET = 160;

/**
 * Reads every repo `*.py` file statically: which modules it imports, and each call or reference
 * matching `rules/_lists/python-danger-patterns.yaml`, with its line. Nothing is executed.
 */
export const pythonFileInspector: Inspector = {
  name: "python-source",
  accepts: (p) => p.depth === 0 && /\.py$/i.test(p.name) && isTextProbe(p),
  async *inspect(artifact, _probe, ctx) {
    const text = await readText(artifact, MAX_TEXT_FILE_BYTES, "MAX_TEXT_FILE_BYTES", ctx.signal);
    const list = parseDangerList(ctx.list("python-danger-patterns"));
    const lines = text.split("\n");
    const scan = scanPython(tokenizePython(text, MAX_PYTHON_TOKENS), list);
    const out: Fact[] = [fact("remote-code.python-file", { path: artifact.ref.path, lines: lines.length, relativeImports: scan.relativeImports, imports: scan.imports }, artifact.ref)];
    const secrets = scan.hits.length > 0 ? parseSecretPatterns(ctx.list("secret-patterns")) : [];
    for (const h of scan.hits) {
      // Masked before shortening, so a token cut by the slice cannot slip past the report-wide redaction.
      const snippet = redactText((lines[h.line - 1] ?? "").trim(), secrets).slice(0, MAX_SNIPPET);
      out.push(
        fact(
          "remote-code.dangerous-call",
          // A downgraded hit (nonLiteral) gives its category's reason: the entry's own reason describes the payload case.
          { name: h.name, category: h.category, reason: h.category === h.pattern.category ? h.pattern.reason : (list.categories.get(h.category)?.reason ?? h.pattern.reason), line: h.line, column: h.column },
          artifact.ref,
          { startLine: h.line, endLine: h.line, snippet },
        ),
      );
    }
    yield* out;
  },
};
