/**
 * Every bound the scanner enforces, each with the attack it stops. Hostile files must never make
 * the scanner hang or read unbounded memory (CWE-400, CWE-409, CWE-674, CWE-835).
 */

/** Archive nesting (zip in zip in tar...): recursion bomb, CWE-674. */
export const MAX_NESTING_DEPTH = 4;
/** Members listed per archive: central-directory bomb, CWE-400. */
export const MAX_ARCHIVE_MEMBERS = 100_000;
/** Bytes inflated from one archive member or compressed stream, held in memory while it is inspected (pickles, configs): zip bomb, CWE-409. Kept well under the 300 MB peak-RSS goal. */
export const MAX_MEMBER_INFLATED_BYTES = 128 * 1024 * 1024;
/** Bytes inflated for one top-level file across all its members, wrappers and nesting levels: nested and overlapping-member bombs (42.zip, one deflate stream listed by many entries), CWE-409. */
export const MAX_FILE_INFLATED_BYTES = 512 * 1024 * 1024;
/** Bytes inflated by a whole scan: many small bombs side by side, CWE-409. */
export const MAX_SCAN_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;
/** Decompressed bytes one file holds at once along a nesting chain (a member inflated inside an inflated member): nested bombs, CWE-400. */
export const MAX_FILE_RESIDENT_INFLATED_BYTES = 128 * 1024 * 1024;
/** Decompressed bytes a file may hold without the scan's single large slot: --concurrency multiplying the per-file bound, CWE-400. Past it, files take turns. */
export const MAX_SHARED_RESIDENT_INFLATED_BYTES = 16 * 1024 * 1024;
/** Archives opened inside one top-level file (zip of zips of zips: each level multiplies the walk): nesting-work bomb, CWE-409. */
export const MAX_NESTED_ARCHIVES_PER_FILE = 64;
/** Bytes of one zip central directory read and parsed: central-directory bomb, CWE-400. */
export const MAX_ZIP_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Output/input ratio past which an inflating member is treated as a decompression bomb (deflate tops out near 1032:1 on runs of one byte): CWE-409. */
export const MAX_COMPRESSION_RATIO = 500;
/** Output size below which the compression ratio is not enforced (tiny members compress oddly but cannot hurt). */
export const COMPRESSION_RATIO_FLOOR_BYTES = 1024 * 1024;
/** Bytes read from the start of each archive member to sniff it (is it a pickle whatever its name?): bounds reads on huge tensor members, CWE-400. */
export const MEMBER_PROBE_BYTES = 64;
/** Bytes of a .npy header parsed (numpy itself refuses > 10000 by default): header bomb, CWE-400. */
export const MAX_NPY_HEADER_BYTES = 1024 * 1024;
/** Bytes of a text file read for text inspectors (cards, configs, code): memory exhaustion, CWE-400. */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;
/** Bytes sniffed from the head of each artifact. */
export const SNIFF_BYTES = 4096;
/** Extra ranged reads (of SNIFF_BYTES each) to settle a pickle prefix whose first string outruns the head: long-argument sniffer evasion vs. read amplification on remote sources, CWE-400. */
export const MAX_SNIFF_HOPS = 16;
/** Findings one check may emit for one artifact before it summarises: report flooding, CWE-400. */
export const MAX_FINDINGS_PER_RULE_PER_ARTIFACT = 50;
/** Pickle opcodes walked in one pickle stream: opcode flood, CWE-400. */
export const MAX_PICKLE_OPCODES = 200_000_000;
/** Values on one pickle's stack (MARK/push floods): memory exhaustion, CWE-400. */
export const MAX_PICKLE_STACK_DEPTH = 5_000_000;
/** Approximate bytes of memo values kept per pickle; past it only names are kept (below) and other values are dropped: memo flood (B17), CWE-400. */
export const MAX_PICKLE_MEMO_BYTES = 16 * 1024 * 1024;
/** Further bytes of memoized globals, objects they built and names used by STACK_GLOBAL kept past MAX_PICKLE_MEMO_BYTES, so imports through the memo still resolve; past both, they become unresolved (fail-closed): memo flood (B17), CWE-400. */
export const MAX_PICKLE_MEMO_NAME_BYTES = 32 * 1024 * 1024;
/** Characters of one pickled string kept as a value (longer ones keep a prefix): memory exhaustion, CWE-400. */
export const MAX_PICKLE_STRING_KEPT = 1024;
/** Items of one tuple/list/dict kept to describe call arguments (the count is still exact): memory exhaustion, CWE-400. */
export const MAX_PICKLE_CONTAINER_KEPT = 16;
/** One protocol-0 text line held in memory (longer value lines are skipped, not kept): memory exhaustion, CWE-400. */
export const MAX_PICKLE_LINE_BYTES = 1024 * 1024;
/** Pickles walked back to back in one file (stacked-pickle payloads, B06): stream flood, CWE-400. */
export const MAX_PICKLE_STREAMS = 256;
/** Distinct globals and distinct callables recorded per artifact (each with a count): fact flood, CWE-400. */
export const MAX_PICKLE_DISTINCT_CALLABLES = 10_000;
/** Embedded payloads (bytes passed to calls that look like a pickle or zip, B22) handed back for scanning per artifact: recursion flood, CWE-400. */
export const MAX_PICKLE_EMBEDDED_PAYLOADS = 16;
/** Retries for one HTTP request on 429/5xx/reset: retry storm, CWE-400. */
export const MAX_HTTP_RETRIES = 5;
/** Longest wait before one retry, whatever Retry-After says: a hostile endpoint stalling the scan, CWE-400. */
export const MAX_RETRY_DELAY_MS = 30_000;
/** Files in a scanned folder: directory bomb, CWE-400. */
export const MAX_FOLDER_FILES = 200_000;
/** Size of a JSON config parsed whole: memory exhaustion, CWE-400. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** safetensors header bytes (the reference loader refuses > 100,000,000): header bomb, CWE-400. */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;
/** Nesting of JSON values parsed by the strict JSON scanner: stack exhaustion, CWE-674. */
export const MAX_JSON_DEPTH = 256;
/** Distinct module.name references kept from one skops schema.json: report flooding with unique fake types, CWE-400. */
export const MAX_SKOPS_REFERENCES = 10_000;
/** GGUF metadata key/value pairs: count bomb in a 24-byte header, CWE-400. */
export const MAX_GGUF_KV = 65_536;
/** GGUF tensor infos: count bomb, CWE-400. */
export const MAX_GGUF_TENSORS = 1_048_576;
/** Elements of one GGUF metadata array (vocabularies reach ~260k): count bomb, CWE-400. */
export const MAX_GGUF_ARRAY_LENGTH = 16_777_216;
/** Bytes of one GGUF string (chat templates are KBs): length bomb, CWE-400. */
export const MAX_GGUF_STRING_BYTES = 16 * 1024 * 1024;
/** Bytes walked in a GGUF header (metadata + tensor infos): unbounded walk, CWE-400. */
export const MAX_GGUF_HEADER_BYTES = 512 * 1024 * 1024;
/** Nesting of protobuf messages walked (ONNX subgraphs, TF functions): stack exhaustion, CWE-674. */
export const MAX_PROTO_DEPTH = 64;
/** Protobuf fields visited in one file (ONNX, SavedModel): field flood, CWE-400. */
export const MAX_PROTO_FIELDS = 20_000_000;
/** Bytes of one protobuf string/submessage read into memory (names, op types, attributes): CWE-400. */
export const MAX_PROTO_INLINE_BYTES = 16 * 1024 * 1024;
/** HDF5 object header messages and continuation blocks walked for one object: loop/cycle, CWE-835. */
export const MAX_HDF5_HEADER_MESSAGES = 65_536;
/** Bytes of one HDF5 attribute value read (Keras `model_config` JSON): memory exhaustion, CWE-400. */
export const MAX_HDF5_ATTRIBUTE_BYTES = 32 * 1024 * 1024;
/** Bytes of embedded code (Keras Lambda bytecode) shown as an excerpt in findings: report flooding, CWE-400. */
export const MAX_CODE_EXCERPT_BYTES = 256;
/** Bytes of README front matter parsed as YAML: YAML parser memory/CPU exhaustion, CWE-400. */
export const MAX_CARD_FRONT_MATTER_BYTES = 1024 * 1024;
/** YAML aliases (`*a`) + anchors (`&a`) in card front matter: billion-laughs alias bomb, CWE-776. */
export const MAX_YAML_ALIASES = 100;
/** Headings read from one model card: heading flood, CWE-400. */
export const MAX_CARD_HEADINGS = 5_000;
/** Entries kept from one card list field (datasets, base_model, tags): list flood, CWE-400. */
export const MAX_CARD_LIST_ENTRIES = 1_000;
/** base_model hops followed through the Hub: unbounded ancestry chain, CWE-674. */
export const MAX_LINEAGE_DEPTH = 8;
/** Hub repos fetched for lineage and datasets in one scan: request flood from a hostile card, CWE-400. */
export const MAX_LINEAGE_REPOS = 64;
/** Other repos a config's `owner/repo--module.Class` references are looked up on the Hub: request flood from a hostile auto_map, CWE-400. */
export const MAX_REMOTE_CODE_REPOS = 16;
/** Tokens read from one Python file by the static reader: token flood in a generated file, CWE-400. */
export const MAX_PYTHON_TOKENS = 2_000_000;
/** Characters of one chat template analysed: template bomb in tokenizer_config.json / GGUF, CWE-400. */
export const MAX_TEMPLATE_CHARS = 512 * 1024;
/** Wall time for rendering one template's canary conversations: `{% for i in range(10**9) %}` hang, CWE-835. */
export const MAX_TEMPLATE_RENDER_MS = 4_000;
/** Heap of the isolated template renderer: `{{ 'a' * 10**9 }}` memory bomb, CWE-400. */
export const MAX_TEMPLATE_RENDER_HEAP_MB = 96;
/** Characters of rendered template output kept for analysis: output flood, CWE-400. */
export const MAX_TEMPLATE_OUTPUT_CHARS = 1024 * 1024;
/** Distinct chat templates rendered in one scan: thousands of named templates that each loop until the time limit, CWE-400. */
export const MAX_TEMPLATE_RENDERS = 32;
/** Wall time for all template renders of one scan: many templates that each run just under MAX_TEMPLATE_RENDER_MS, CWE-400. */
export const MAX_TEMPLATE_RENDER_TOTAL_MS = 30_000;
/** Rendered templates remembered across scans (same text, same canaries): one child process per distinct template, CWE-400. */
export const MAX_TEMPLATE_RENDER_CACHE = 64;
/** Bytes of one text file scanned for secrets: memory exhaustion on huge vocab/data files, CWE-400. */
export const MAX_SECRET_SCAN_BYTES = 8 * 1024 * 1024;
/** Characters of one line matched against secret patterns: regex backtracking on minified lines, CWE-1333. */
export const MAX_SECRET_LINE_CHARS = 8_192;
/** Bytes of an OSV feed accepted by `advisories update`: hostile or runaway download, CWE-400. */
export const MAX_ADVISORY_FEED_BYTES = 128 * 1024 * 1024;
/** Files and folders `modelgate discover` visits in one codebase: directory bomb, CWE-400. */
export const MAX_DISCOVER_FILES = 200_000;
/** Bytes of one source/config file `discover` reads (bigger ones are generated or minified and are listed as not checked): memory exhaustion, CWE-400. */
export const MAX_DISCOVER_FILE_BYTES = 4 * 1024 * 1024;
/** Folder depth `discover` descends: a path nested past any real codebase, CWE-674. */
export const MAX_DISCOVER_DEPTH = 64;
/** Characters of a source line quoted as a location's snippet: report flooding by minified lines, CWE-400. */
export const MAX_DISCOVER_SNIPPET_CHARS = 200;
/** JavaScript/TypeScript tokens read from one file by `discover`: token flood, CWE-400. */
export const MAX_JAVASCRIPT_TOKENS = 2_000_000;
