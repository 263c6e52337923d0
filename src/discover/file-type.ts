/** What a file is read as: which extractor sees its text. */
export type FileType = "python" | "notebook" | "javascript" | "yaml" | "json" | "toml" | "env" | "shell" | "dockerfile";

const BY_EXTENSION: Record<string, FileType> = {
  py: "python",
  pyi: "python",
  ipynb: "notebook",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "javascript",
  mts: "javascript",
  cts: "javascript",
  tsx: "javascript",
  yml: "yaml",
  yaml: "yaml",
  json: "json",
  toml: "toml",
  env: "env",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  mk: "shell",
  dockerfile: "dockerfile",
  containerfile: "dockerfile",
};

/** The type a path is read as, or undefined for files discover does not read (docs, data, images). */
export function fileTypeOf(path: string): FileType | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const lower = name.toLowerCase();
  // Minified bundles are build output: their references are the sources' references.
  if (/\.min\.(?:js|mjs|cjs)$/.test(lower) || lower.endsWith(".d.ts")) return undefined;
  if (lower === ".env" || lower.startsWith(".env.")) return "env";
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower === "containerfile") return "dockerfile";
  if (lower === "makefile" || lower === "gnumakefile" || lower === "procfile" || lower === "justfile") return "shell";
  // Lock files list packages, never model repos; they are big and would only cost time.
  if (lower === "package-lock.json" || lower === "npm-shrinkwrap.json" || lower === "poetry.lock" || lower === "uv.lock") return undefined;
  const dot = lower.lastIndexOf(".");
  return dot < 0 ? undefined : BY_EXTENSION[lower.slice(dot + 1)];
}
