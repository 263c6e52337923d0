import type { PCall, PGlobal } from "./values.js";

/** Where a call's receiver came from: a bare imported object (mutating module state) or anything else. */
export type CallTarget = "global" | "value";

/** Bytes handed to a call that look like a pickle or a zip: by file range, or (a str argument) as bytes. */
export type EmbeddedPayload = ({ offset: number; length: number } | { bytes: Uint8Array }) & { callOffset: number; kind: "pickle" | "zip" };

/** Receives what the walker finds, in stream order. */
export interface WalkSink {
  onGlobal(g: PGlobal, stream: number): void;
  onCall(c: PCall, stream: number, target: CallTarget): void;
  /** Bytes handed to a call that look like a pickle or a zip (a nested deserializer's input, B22). */
  onPayload(p: EmbeddedPayload, stream: number): void;
}
