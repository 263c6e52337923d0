/**
 * Every bound the scanner enforces, each with the attack it stops. Hostile files must never make
 * the scanner hang or read unbounded memory (CWE-400, CWE-409, CWE-674, CWE-835).
 */

/** Archive nesting (zip in zip in tar...): recursion bomb, CWE-674. */
export const MAX_NESTING_DEPTH = 4;
/** Members listed per archive: central-directory bomb, CWE-400. */
export const MAX_ARCHIVE_MEMBERS = 100_000;
/** Bytes inflated from one archive member we choose to read (pickles, configs): zip bomb, CWE-409. */
export const MAX_MEMBER_INFLATED_BYTES = 512 * 1024 * 1024;
/** Bytes of a text file read for text inspectors (cards, configs, code): memory exhaustion, CWE-400. */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;
/** Bytes sniffed from the head of each artifact. */
export const SNIFF_BYTES = 4096;
/** Findings one check may emit for one artifact before it summarises: report flooding, CWE-400. */
export const MAX_FINDINGS_PER_RULE_PER_ARTIFACT = 50;
/** Pickle opcodes walked in one pickle stream: opcode flood, CWE-400. */
export const MAX_PICKLE_OPCODES = 200_000_000;
/** Retries for one HTTP request on 429/5xx/reset: retry storm, CWE-400. */
export const MAX_HTTP_RETRIES = 5;
/** Files in a scanned folder: directory bomb, CWE-400. */
export const MAX_FOLDER_FILES = 200_000;
/** Size of a JSON config parsed whole: memory exhaustion, CWE-400. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
