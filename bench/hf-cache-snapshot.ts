import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writePseudoRandomFile } from "./harness.js";

/**
 * Writes a Hugging Face cache snapshot the way huggingface_hub lays one out
 * (`models--owner--name/{blobs/<hash>, snapshots/<commit>/<file> → ../../blobs/<hash>, refs/main}`),
 * so a bench scans what a user's cache holds: every file a symlink to a blob named after its
 * published hash, which the scan then verifies.
 */

const COMMIT = "b3".repeat(20);

export interface SnapshotFile {
  name: string;
  /** A safetensors file of this many bytes (header + one U8 tensor of pseudo-random bytes). */
  safetensorsBytes?: number;
  /** Or small text content (stored as a git blob, named by its git SHA-1). */
  text?: string;
}

export interface WrittenSnapshot {
  /** The snapshot folder to scan. */
  dir: string;
  /** Absolute blob paths of the safetensors files, in the order given (for the reference command). */
  blobs: string[];
}

function sha256OfFile(path: string): string {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(16 * 1024 * 1024);
  const fd = openSync(path, "r");
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** A safetensors file: 8-byte header length, JSON header padded to 8 bytes, then the tensor bytes. */
function writeSafetensors(path: string, size: number): void {
  // The header states the tensor's length, which depends on the header's own length: iterate to the fixed point.
  let header = "";
  for (let dataBytes = size; ; ) {
    const json = JSON.stringify({ __metadata__: { format: "pt" }, weight: { dtype: "U8", shape: [dataBytes], data_offsets: [0, dataBytes] } });
    header = json.padEnd(Math.ceil(json.length / 8) * 8, " ");
    const fits = size - 8 - header.length;
    if (fits === dataBytes) break;
    dataBytes = fits;
  }
  const prefix = Buffer.alloc(8 + header.length);
  prefix.writeBigUInt64LE(BigInt(header.length));
  prefix.write(header, 8, "latin1");
  writePseudoRandomFile(path, size, prefix);
}

export function writeHfCacheSnapshot(root: string, repo: string, files: readonly SnapshotFile[]): WrittenSnapshot {
  const repoDir = join(root, `models--${repo.replace("/", "--")}`);
  const blobsDir = join(repoDir, "blobs");
  const dir = join(repoDir, "snapshots", COMMIT);
  mkdirSync(blobsDir, { recursive: true });
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(repoDir, "refs"));
  writeFileSync(join(repoDir, "refs", "main"), COMMIT);
  const blobs: string[] = [];
  for (const f of files) {
    const tmp = join(blobsDir, `incoming-${f.name}`);
    let name: string;
    if (f.safetensorsBytes !== undefined) {
      writeSafetensors(tmp, f.safetensorsBytes);
      name = sha256OfFile(tmp);
    } else {
      const text = Buffer.from(f.text ?? "");
      writeFileSync(tmp, text);
      name = createHash("sha1").update(`blob ${text.length}\0`).update(text).digest("hex");
    }
    const blob = join(blobsDir, name);
    renameSync(tmp, blob);
    symlinkSync(join("..", "..", "blobs", name), join(dir, f.name));
    if (f.safetensorsBytes !== undefined) blobs.push(blob);
  }
  return { dir, blobs };
}
