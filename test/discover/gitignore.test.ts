import { describe, expect, it } from "vitest";
import { isIgnored, parseGitignore } from "../../src/discover/gitignore.js";

function ignored(gitignore: string, path: string, isDir = false, base = ""): boolean {
  return isIgnored(parseGitignore(gitignore, base), path, isDir);
}

describe("gitignore matching", () => {
  it("matches a name without a slash at any depth", () => {
    expect(ignored("secret.py", "a/b/secret.py")).toBe(true);
    expect(ignored("secret.py", "secret.py")).toBe(true);
  });

  it("anchors a pattern with a leading or middle slash to the .gitignore's folder", () => {
    expect(ignored("/build", "build", true)).toBe(true);
    expect(ignored("/build", "src/build", true)).toBe(false);
    expect(ignored("docs/out", "docs/out", true)).toBe(true);
    expect(ignored("docs/out", "x/docs/out", true)).toBe(false);
  });

  it("applies a trailing-slash pattern to folders only", () => {
    expect(ignored("cache/", "cache", true)).toBe(true);
    expect(ignored("cache/", "cache", false)).toBe(false);
  });

  it("never lets * or ? cross a slash", () => {
    expect(ignored("a/*.py", "a/x.py")).toBe(true);
    expect(ignored("a/*.py", "a/b/x.py")).toBe(false);
    expect(ignored("a?c", "abc")).toBe(true);
    expect(ignored("a?c", "a/c")).toBe(false);
  });

  it("spans folders with ** as a whole segment (leading, trailing, middle)", () => {
    expect(ignored("**/gen", "x/y/gen", true)).toBe(true);
    expect(ignored("logs/**", "logs/a/b.txt")).toBe(true);
    expect(ignored("logs/**", "logs", true)).toBe(false);
    expect(ignored("a/**/b", "a/b")).toBe(true);
    expect(ignored("a/**/b", "a/x/y/b")).toBe(true);
  });

  it("lets the last matching pattern win, so ! re-includes", () => {
    expect(ignored("*.local.py\n!keep.local.py", "keep.local.py")).toBe(false);
    expect(ignored("*.local.py\n!keep.local.py", "x.local.py")).toBe(true);
    expect(ignored("!keep.py\n*.py", "keep.py")).toBe(true);
  });

  it("reads character classes, negated classes and escapes", () => {
    expect(ignored("file[0-9].txt", "file7.txt")).toBe(true);
    expect(ignored("file[!0-9].txt", "file7.txt")).toBe(false);
    expect(ignored("\\#notes", "#notes")).toBe(true);
    expect(ignored("\\!bang", "!bang")).toBe(true);
  });

  it("skips blank lines and comments, and drops unescaped trailing spaces", () => {
    expect(parseGitignore("# comment\n\n   \n", "")).toEqual([]);
    expect(ignored("x.py   ", "x.py")).toBe(true);
    expect(ignored("x\\ ", "x ")).toBe(true);
  });

  it("scopes a nested .gitignore's patterns to its own folder", () => {
    expect(ignored("scratch.py", "app/scratch.py", false, "app")).toBe(true);
    expect(ignored("scratch.py", "scratch.py", false, "app")).toBe(false);
    expect(ignored("/top.py", "app/top.py", false, "app")).toBe(true);
    expect(ignored("/top.py", "app/sub/top.py", false, "app")).toBe(false);
  });
});
