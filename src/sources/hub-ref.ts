import { ConfigError } from "../errors.js";

export interface HubRef {
  repoId: string;
  revision?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/**
 * Parses `owner/name`, `owner/name@revision` and `hf://owner/name@revision` (an optional
 * `models/` after `hf://` is accepted). Returns undefined when the text is not a repo reference.
 */
export function parseHubRef(input: string): HubRef | undefined {
  let text = input.trim();
  const hf = text.startsWith("hf://");
  if (hf) text = text.slice(5).replace(/^models\//, "");
  const at = text.indexOf("@");
  const id = at < 0 ? text : text.slice(0, at);
  const revision = at < 0 ? undefined : text.slice(at + 1);
  const parts = id.split("/");
  if (parts.length !== 2 || !parts.every((p) => NAME.test(p) && !p.includes("..") && !p.endsWith("."))) {
    if (hf) throw new ConfigError(`"${input}" is not a Hub reference of the form hf://owner/name[@revision]`);
    return undefined;
  }
  if (revision !== undefined && (revision === "" || /[\s\\]|\.\./.test(revision))) throw new ConfigError(`"${input}": invalid revision "${revision}"`);
  return revision === undefined ? { repoId: id } : { repoId: id, revision };
}
