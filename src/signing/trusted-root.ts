import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { ConfigError } from "../errors.js";

const PUBLIC_GOOD = "https://tuf-repo-cdn.sigstore.dev";
let cached: TrustedRoot | undefined;

/**
 * The Sigstore public-good trusted root (Fulcio CAs, Rekor and CT log keys) as shipped in
 * @sigstore/tuf's seed, read without the network so identity verification works offline and in CI.
 * It is as current as the installed package: a signature made after a key rotation needs a newer one.
 */
export function bundledTrustedRoot(): TrustedRoot {
  if (cached) return cached;
  try {
    const require = createRequire(import.meta.url);
    const seeds = JSON.parse(readFileSync(require.resolve("@sigstore/tuf/seeds.json"), "utf8")) as Record<string, { targets?: Record<string, string> }>;
    const encoded = seeds[PUBLIC_GOOD]?.targets?.["trusted_root.json"];
    if (!encoded) throw new Error("no trusted_root.json in the seed");
    cached = TrustedRoot.fromJSON(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")));
    return cached;
  } catch (e) {
    throw new ConfigError(`cannot load the bundled Sigstore trusted root: ${(e as Error).message}`);
  }
}
