/**
 * Resolves `name` relative to the repo folder `dir` the way `os.path.join` + normalisation would.
 * Returns undefined when the name is absolute (POSIX, Windows drive or UNC) or climbs out of the
 * repository: such a name makes a loader read outside the model folder (ONNX CVE-2024-27318 family).
 */
export function resolveInRepo(dir: string, name: string): string | undefined {
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name) || name.includes("\0")) return undefined;
  const parts = dir === "" ? [] : dir.split("/");
  for (const seg of name.split(/[\\/]/)) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

/** True when the name contains a `..` segment at all (ONNX >= 1.16 refuses any). */
export function hasParentSegment(name: string): boolean {
  return name.split(/[\\/]/).includes("..");
}
