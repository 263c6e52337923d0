import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLists } from "../../../src/catalog/load-rules.js";
import { parseDangerList } from "../../../src/inspectors/python-source/danger-patterns.js";
import { classReferences, parseClassReference } from "../../../src/inspectors/python-source/remote-code-references.js";
import { scanPython } from "../../../src/inspectors/python-source/scan-python.js";
import { tokenizePython } from "../../../src/inspectors/python-source/tokenize-python.js";
import { parsePyproject, parseRequirementsTxt, parseSetupPy } from "../../../src/inspectors/dependencies/parse-requirements.js";
import { parseSecretPatterns } from "../../../src/inspectors/secrets/secret-patterns.js";
import { scanSecrets } from "../../../src/inspectors/secrets/scan-secrets.js";
import { LimitExceededError } from "../../../src/errors.js";

const lists = loadLists();
const danger = parseDangerList(lists.get("python-danger-patterns"));
const secrets = parseSecretPatterns(lists.get("secret-patterns"));
const SRC = readFileSync(join(import.meta.dirname, "../../../fixtures/remote-code/backdoored/modeling_tiny.py"), "utf8");

/** Deterministic byte flips (xorshift), so a failure reproduces. */
function mutations(text: string, n: number): string[] {
  let s = 0x9e3779b9;
  const next = (): number => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), s >>> 0);
  const chars = ["'", '"', "\\", "#", "(", ")", "\n", "[", "{", "\u0000", "é", "=", ":"];
  return Array.from({ length: n }, () => {
    const a = [...text];
    for (let k = 0; k < 3; k++) a[next() % a.length] = chars[next() % chars.length] as string;
    return a.join("");
  });
}

describe("text parsers on truncated and mutated input", () => {
  it("the Python reader never throws on any prefix or mutation", () => {
    for (let i = 0; i <= SRC.length; i += 7) expect(() => scanPython(tokenizePython(SRC.slice(0, i), 100_000), danger)).not.toThrow();
    for (const m of mutations(SRC, 200)) expect(() => scanPython(tokenizePython(m, 100_000), danger)).not.toThrow();
  });

  it("the Python reader stops at the token bound with a limit error", () => {
    expect(() => tokenizePython("x = 1\n".repeat(1000), 100)).toThrow(LimitExceededError);
  });

  it("requirement parsers never throw", () => {
    const req = "torch==2.5.1 \\\n  --hash=sha256:abc\n-r other.txt\ngit+https://x/y.git\nfoo[bar] (>=1,<2) ; python_version>'3'\n";
    const toml = '[project]\ndependencies = [\n "a>=1", \'b<2\' ]\n[tool.poetry.dependencies]\npython = "^3.9"\nc = "^0.2.1"\nd = {version = "~1.2"}\n';
    for (const text of [req, toml, SRC]) {
      for (let i = 0; i <= text.length; i += 3) {
        const t = text.slice(0, i);
        expect(() => [parseRequirementsTxt(t), parsePyproject(t), parseSetupPy(t, 100_000)]).not.toThrow();
      }
      for (const m of mutations(text, 100)) expect(() => [parseRequirementsTxt(m), parsePyproject(m), parseSetupPy(m, 100_000)]).not.toThrow();
    }
    expect(parsePyproject(toml).map((r) => `${r.package}${r.specifier}`)).toEqual(["a>=1", "b<2", "c>=0.2.1,<0.3", "d>=1.2,<1.3"]);
  });

  it("the secret scanner handles huge lines in bounded windows and still finds a secret on a window edge", () => {
    const token = "hf_" + "Zq8Wx7Ec6Rv5Tb4Yn3Um2Ik1Ol9Pa0SdFgHj".slice(0, 34);
    const line = "a ".repeat(4095) + token + " b".repeat(10_000);
    const hits = scanSecrets(line, secrets, false, 8192);
    expect(hits.map((h) => h.kind)).toEqual(["huggingface-token"]);
    expect(hits[0]?.snippet).not.toContain(token);
  });

  it("class references of every shape parse or are skipped", () => {
    expect(parseClassReference("a/b--m.C")).toEqual({ module: "m", className: "C", repo: "a/b" });
    expect(parseClassReference("nodot")).toBeUndefined();
    expect(parseClassReference("../../etc.passwd")).toEqual({ module: "../../etc", className: "passwd", unsafe: "a parent-folder step (..)" });
    expect(classReferences({ auto_map: { A: ["x.Y", null, 3], B: { nested: true } }, custom_pipelines: { t: { impl: 5 } } })).toEqual([{ key: "auto_map.A[0]", ref: "x.Y" }]);
  });
});
