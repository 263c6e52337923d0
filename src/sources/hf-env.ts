import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const DEFAULT_HUB_URL = "https://huggingface.co";

export interface HfEnvironment {
  hubUrl: string;
  token?: string;
  offline: boolean;
  /** The hub cache folder (`$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`). */
  cacheDir: string;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && ["1", "true", "yes", "on"].includes(v.trim().toLowerCase());
}

/** The token `hf auth login` (huggingface-cli login) stores, as huggingface_hub's get_token() reads it. */
function storedToken(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Reads the variables the Hugging Face libraries honour, with the same precedence. */
export function hfEnvironment(env: NodeJS.ProcessEnv = process.env): HfEnvironment {
  const home = env["HF_HOME"] || join(env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "huggingface");
  const out: HfEnvironment = {
    hubUrl: (env["HF_ENDPOINT"] || DEFAULT_HUB_URL).replace(/\/+$/, ""),
    offline: truthy(env["HF_HUB_OFFLINE"]),
    cacheDir: env["HF_HUB_CACHE"] || env["HUGGINGFACE_HUB_CACHE"] || join(home, "hub"),
  };
  const token = env["HF_TOKEN"] || env["HUGGING_FACE_HUB_TOKEN"] || storedToken(env["HF_TOKEN_PATH"] || join(home, "token"));
  if (token?.trim()) out.token = token.trim();
  return out;
}
