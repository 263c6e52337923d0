import { ConfigError } from "../../errors.js";
import { isRecord } from "../python-source/read-text.js";

/** One entry of `rules/_lists/secret-patterns.yaml`, compiled. */
export interface SecretPattern {
  kind: string;
  regex: RegExp;
  group: number;
  keep: number;
  entropy: number;
  personal: boolean;
  severity: string;
  reason: string;
}

export function parseSecretPatterns(raw: unknown): SecretPattern[] {
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new ConfigError("secret-patterns: expected a mapping with an entries: list");
  return raw["entries"].map((e: unknown, i: number): SecretPattern => {
    if (!isRecord(e) || typeof e["kind"] !== "string" || typeof e["pattern"] !== "string" || typeof e["reason"] !== "string" || typeof e["severity"] !== "string") {
      throw new ConfigError(`secret-patterns: entry ${i + 1} needs kind, pattern, severity and reason`);
    }
    const flags = typeof e["flags"] === "string" ? e["flags"].replace(/[^imsu]/g, "") : "";
    let regex: RegExp;
    try {
      regex = new RegExp(e["pattern"], `g${flags}`);
    } catch (err) {
      throw new ConfigError(`secret-patterns: entry ${i + 1} (${e["kind"]}): invalid pattern: ${(err as Error).message}`);
    }
    const num = (k: string, d: number): number => (typeof e[k] === "number" ? (e[k] as number) : d);
    // A public prefix is at most a few characters (hf_, AKIA, sk-ant-): never show more.
    return { kind: e["kind"], regex, group: num("group", 0), keep: Math.min(num("keep", 0), 11), entropy: num("entropy", 0), personal: e["personal"] === true, severity: e["severity"], reason: e["reason"] };
  });
}
