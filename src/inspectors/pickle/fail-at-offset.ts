import { ParseError } from "../../errors.js";

/** A file offset as the walker's messages show it. */
export function hexOffset(n: number): string {
  return `0x${n.toString(16)}`;
}

/** Throws the ParseError of a pickle problem found at file offset `offset`, naming the offset. */
export function failAtOffset(message: string, offset: number): never {
  throw new ParseError(`${message} at offset ${hexOffset(offset)}`, { offset });
}
