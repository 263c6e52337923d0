import type { ByteSource } from "../types/artifact.js";
import { openZip, type ZipArchive } from "./zip.js";

const opened = new WeakMap<ByteSource, Promise<ZipArchive>>();

/**
 * Opens a zip once per ByteSource: the sniffer (is it a torch checkpoint, a .keras, an .npz?) and
 * the inspectors share one central-directory read, so a remote scan pays for the tail once.
 */
export function openZipCached(source: ByteSource, signal?: AbortSignal): Promise<ZipArchive> {
  let p = opened.get(source);
  if (!p) {
    p = openZip(source, signal);
    opened.set(source, p);
  }
  return p;
}
