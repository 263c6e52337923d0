import { MAX_JSON_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { RepoFile } from "../../types/source.js";
import type { RemoteCodeReference } from "./facts.js";
import { dirOf, isRecord, parseJsonObject, readText } from "./read-text.js";

/** A Python module name as diffusers would join it into `<name>.py` (no path separators, no `..`). */
const MODULE = /^[A-Za-z_]\w*$/;
/** A component folder name (`unet`, `text_encoder_2`). */
const COMPONENT = /^[A-Za-z_][\w.-]*$/;

/** Library names that load from installed packages, from `rules/_lists/diffusers-libraries.yaml`. */
function knownLibraries(raw: unknown): Set<string> {
  const entries = isRecord(raw) ? raw["entries"] : undefined;
  if (!Array.isArray(entries)) throw new Error('rule list "diffusers-libraries" has no entries: list');
  const out = new Set<string>();
  for (const [i, e] of entries.entries()) {
    if (!isRecord(e) || typeof e["library"] !== "string" || typeof e["reason"] !== "string") throw new Error(`rule list "diffusers-libraries" entry ${i + 1} needs "library" and "reason"`);
    out.add(e["library"]);
  }
  return out;
}

function join(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}

/**
 * The code `DiffusionPipeline.from_pretrained` would import from the repo because of a
 * `model_index.json` (diffusers pipeline_loading_utils / pipeline_utils):
 * - a component `"unet": ["my_unet", "MyUNet"]` whose `unet/my_unet.py` exists is a custom component
 *   (loaded with get_class_from_dynamic_module, trust_remote_code=True); a library name that is
 *   neither a known package nor that file is still code the index expects from the repo;
 * - `"_class_name": ["pipeline", "MyPipeline"]` loads `<pipeline>.py` beside the index;
 * - a string `_class_name` with a `pipeline.py` beside the index is a custom pipeline repo
 *   (`custom_pipeline=<repo>` loads `pipeline.py`).
 */
export function diffusersReferences(index: Record<string, unknown>, path: string, files: readonly RepoFile[], known: ReadonlySet<string>): RemoteCodeReference[] {
  const dir = dirOf(path);
  const paths = new Set(files.map((f) => f.path));
  const out: RemoteCodeReference[] = [];
  for (const [component, v] of Object.entries(index)) {
    if (component.startsWith("_") || !COMPONENT.test(component) || !Array.isArray(v)) continue;
    const [library, className] = v as unknown[];
    // `null` library: an optional component that is not loaded (diffusers skips it).
    if (typeof library !== "string" || !MODULE.test(library)) continue;
    const file = join(dir, `${component}/${library}.py`);
    const present = paths.has(file);
    if (!present && known.has(library)) continue;
    const ref: RemoteCodeReference = { source: path, key: `${component}[0]`, module: library, file, present };
    if (typeof className === "string" && className) ref.className = className;
    out.push(ref);
  }
  const cls = index["_class_name"];
  if (Array.isArray(cls) && typeof cls[0] === "string" && MODULE.test(cls[0])) {
    const file = join(dir, `${cls[0]}.py`);
    const ref: RemoteCodeReference = { source: path, key: "_class_name[0]", module: cls[0], file, present: paths.has(file) };
    if (typeof cls[1] === "string" && cls[1]) ref.className = cls[1];
    out.push(ref);
  } else if (typeof cls === "string" && paths.has(join(dir, "pipeline.py"))) {
    out.push({ source: path, key: "_class_name", module: "pipeline", className: cls, file: join(dir, "pipeline.py"), present: true });
  }
  return out;
}

/** diffusers `model_index.json`: custom components and custom pipelines become remote-code references. */
export const diffusersReferenceInspector: Inspector = {
  name: "diffusers-references",
  accepts: (p) => p.depth === 0 && p.format === "json" && p.name === "model_index.json",
  async *inspect(artifact, _probe, ctx) {
    const text = await readText(artifact, MAX_JSON_BYTES, "MAX_JSON_BYTES", ctx.signal);
    const index = parseJsonObject(text);
    if (!index) return;
    const out: Fact[] = diffusersReferences(index, artifact.ref.path, ctx.files, knownLibraries(ctx.list("diffusers-libraries"))).map((r) => fact("remote-code.reference", r, artifact.ref));
    yield* out;
  },
};
