import { normalizePackageName } from "../../advisories/osv.js";
import { MAX_JSON_BYTES, MAX_PYTHON_TOKENS, MAX_TEXT_FILE_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { isRecord, isTextProbe, parseJsonObject, readText } from "../python-source/read-text.js";
import { parsePyproject, parseRequirementsTxt, parseSetupPy, type ParsedRequirement } from "./parse-requirements.js";

const REQUIREMENTS = /^requirements[\w.-]*\.txt$/i;

/** requirements*.txt, setup.py and pyproject.toml: the libraries the repo asks for. */
export const requirementFilesInspector: Inspector = {
  name: "dependency-files",
  accepts: (p) => isTextProbe(p) && p.depth === 0 && (REQUIREMENTS.test(p.name) || p.name === "setup.py" || p.name === "pyproject.toml"),
  async *inspect(artifact, probe, ctx) {
    const text = await readText(artifact, MAX_TEXT_FILE_BYTES, "MAX_TEXT_FILE_BYTES", ctx.signal);
    let reqs: ParsedRequirement[];
    if (probe.name === "setup.py") reqs = parseSetupPy(text, MAX_PYTHON_TOKENS);
    else if (probe.name === "pyproject.toml") reqs = parsePyproject(text);
    else reqs = parseRequirementsTxt(text);
    const path = artifact.ref.path;
    yield* reqs.map((r) => fact("dependencies.requirement", { ...r, sourceFile: path }, artifact.ref, { startLine: r.line, endLine: r.line, snippet: r.raw.slice(0, 160) }));
  },
};

/** Version keys libraries write into the configs they save. */
const SAVED_WITH_KEYS: { key: string; package: string }[] = [
  { key: "transformers_version", package: "transformers" },
  { key: "_diffusers_version", package: "diffusers" },
  { key: "peft_version", package: "peft" },
  { key: "keras_version", package: "keras" },
];

const CONFIG_FILES = new Set(["config.json", "model_index.json", "config_sentence_transformers.json", "adapter_config.json"]);

/** `library_name` values that are not their PyPI package name. */
const LIBRARY_PACKAGES: Record<string, string> = {
  "open_clip": "open-clip-torch",
  "nemo": "nemo-toolkit",
  "llama.cpp": "llama-cpp-python",
  "ml-agents": "mlagents",
};

/** Library versions recorded in configs (the saving side), e.g. `transformers_version` in config.json. */
export const configVersionsInspector: Inspector = {
  name: "config-versions",
  accepts: (p) => p.format === "json" && p.depth === 0 && CONFIG_FILES.has(p.name) && !p.ref.path.includes("/"),
  async *inspect(artifact, probe, ctx) {
    const config = parseJsonObject(await readText(artifact, MAX_JSON_BYTES, "MAX_JSON_BYTES", ctx.signal));
    if (!config) return;
    const path = artifact.ref.path;
    const out: Fact[] = [];
    for (const { key, package: pkg } of SAVED_WITH_KEYS) {
      const v = config[key];
      if (typeof v === "string" && v.trim()) out.push(fact("dependencies.saved-with", { package: pkg, version: v.trim(), sourceFile: path, key }, artifact.ref));
    }
    const st = config["__version__"];
    if (probe.name === "config_sentence_transformers.json" && isRecord(st)) {
      for (const [lib, v] of Object.entries(st)) {
        if (typeof v !== "string") continue;
        const pkg = lib === "pytorch" ? "torch" : normalizePackageName(lib);
        out.push(fact("dependencies.saved-with", { package: pkg, version: v, sourceFile: path, key: `__version__.${lib}` }, artifact.ref));
      }
    }
    if (typeof config["library_name"] === "string") {
      const name = config["library_name"];
      out.push(fact("dependencies.library", { package: normalizePackageName(LIBRARY_PACKAGES[name] ?? name), sourceFile: path, key: "library_name" }, artifact.ref));
    }
    yield* out;
  },
};

/** `library_name:` in the model card's YAML front matter (read as one line; the card inspector owns the rest). */
export const cardLibraryInspector: Inspector = {
  name: "card-library-name",
  accepts: (p) => p.depth === 0 && p.name.toLowerCase() === "readme.md" && !p.ref.path.includes("/"),
  async *inspect(artifact, _probe, ctx) {
    const head = await artifact.source.read(0, Math.min(artifact.source.size, 64 * 1024), ctx.signal);
    const text = new TextDecoder().decode(head).replace(/^\uFEFF/, "");
    if (!text.startsWith("---")) return;
    const end = text.indexOf("\n---", 3);
    const front = end < 0 ? text : text.slice(0, end);
    const m = /^library_name:\s*["']?([\w.-]+)["']?\s*$/m.exec(front);
    if (!m?.[1]) return;
    yield fact("dependencies.library", { package: normalizePackageName(LIBRARY_PACKAGES[m[1]] ?? m[1]), sourceFile: artifact.ref.path, key: "library_name" }, artifact.ref);
  },
};
