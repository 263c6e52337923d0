import { LimitExceededError } from "../../errors.js";
import type { Artifact } from "../../types/artifact.js";

/**
 * Reads a whole small text artifact as UTF-8 (invalid bytes become U+FFFD). Refuses files above
 * `max` so a hostile "config" cannot make the scanner buffer gigabytes (CWE-400).
 */
export async function readText(artifact: Artifact, max: number, limitName: string, signal?: AbortSignal): Promise<string> {
  const size = artifact.source.size;
  if (size > max) throw new LimitExceededError(limitName, `${artifact.ref.path}: ${size} bytes is above ${limitName} (${max}); not read`);
  const bytes = await artifact.source.read(0, size, signal);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/, "");
}

/** Parses JSON text into an object, or undefined when it is not a JSON object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The folder part of a repo path ("" for root files). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * True when an artifact's first bytes are plain UTF-8 text. Name-matched text inspectors use this
 * besides the sniffed format, because a short text file can also parse as a protocol-0 pickle.
 */
export function isTextProbe(p: { format: string; head: Uint8Array }): boolean {
  if (p.format === "text" || p.format === "json") return true;
  if (p.head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(p.head.subarray(0, Math.max(0, p.head.length - 4)));
    return true;
  } catch {
    return false;
  }
}
