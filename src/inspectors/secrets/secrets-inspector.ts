import { MAX_SECRET_LINE_CHARS, MAX_SECRET_SCAN_BYTES } from "../../limits.js";
import { fact } from "../../types/fact.js";
import type { Inspector, Probe } from "../../types/inspector.js";
import { isTextProbe, readText } from "../python-source/read-text.js";
import { parseSecretPatterns } from "./secret-patterns.js";
import { scanSecrets } from "./scan-secrets.js";

const TEXT_EXT = /\.(json|jsonl|ndjson|md|txt|py|ipynb|ya?ml|cfg|ini|toml|sh|bash|env|jinja|csv|tsv|xml|conf|properties|js|ts|rst)$/i;
const TEXT_NAMES = new Set([".env", "Dockerfile", ".netrc", "credentials", ".npmrc", ".pypirc", "Makefile"]);
/** Tokenizer vocabularies are walls of random-looking strings; they hold no credentials worth the noise. */
const SKIP = /(^|\/)(tokenizer\.json|vocab\.(json|txt)|merges\.txt|added_tokens\.json|special_tokens_map\.json|[^/]*\.index\.json)$/i;
const DATA_EXT = /\.(csv|tsv|jsonl|ndjson)$/i;
const DATA_DIR = /(^|\/)(data|dataset|datasets|train|training|eval|evaluation|test|samples?)\//i;

/** Data-like files, where e-mail addresses and phone numbers are personal data rather than contact lines. */
export function isDataLike(path: string): boolean {
  return DATA_EXT.test(path) || (DATA_DIR.test(path) && /\.(json|txt)$/i.test(path));
}

function wanted(p: Probe): boolean {
  const path = p.ref.path;
  if (SKIP.test(path)) return false;
  if (!(TEXT_EXT.test(p.name) || TEXT_NAMES.has(p.name))) return false;
  return isTextProbe(p);
}

/**
 * Scans the repo's text files (configs, cards, scripts, notebooks, small JSON and data files) for
 * credentials, and data-like files for e-mail addresses and phone numbers. Facts carry only the
 * masked value: the secret never reaches a finding, a report or a log.
 */
export const secretsInspector: Inspector = {
  name: "secrets",
  accepts: (p) => p.depth === 0 && wanted(p),
  async *inspect(artifact, _probe, ctx) {
    const text = await readText(artifact, MAX_SECRET_SCAN_BYTES, "MAX_SECRET_SCAN_BYTES", ctx.signal);
    const patterns = parseSecretPatterns(ctx.list("secret-patterns"));
    const hits = scanSecrets(text, patterns, isDataLike(artifact.ref.path), MAX_SECRET_LINE_CHARS);
    yield* hits.map((h) =>
      fact("secrets.match", { kind: h.kind, masked: h.masked, line: h.line, column: h.column, personal: h.personal }, artifact.ref, { startLine: h.line, endLine: h.line, snippet: h.snippet }),
    );
  },
};
