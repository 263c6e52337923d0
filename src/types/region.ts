/** Where in an artifact the evidence sits: byte range for binary files, line range for text. */
export interface Region {
  byteOffset?: number;
  byteLength?: number;
  startLine?: number;
  endLine?: number;
  /** A short excerpt of the evidence (already masked when secret). */
  snippet?: string;
}
