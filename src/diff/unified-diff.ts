/** Lines per side above which no line diff is computed (the LCS table is quadratic): CWE-400. */
export const MAX_DIFF_LINES = 4000;
const CONTEXT = 3;

/**
 * A unified diff (`---`/`+++`, `@@` hunks, three lines of context) of two texts, from a longest
 * common subsequence of their lines. Returns undefined when either side is larger than
 * MAX_DIFF_LINES; the caller then says the text changed without showing how.
 */
export function unifiedDiff(a: string, b: string, nameA: string, nameB: string): string | undefined {
  const x = a.split("\n");
  const y = b.split("\n");
  if (x.length > MAX_DIFF_LINES || y.length > MAX_DIFF_LINES) return undefined;
  const n = x.length;
  const m = y.length;
  // lcs[i][j] = LCS length of x[i..] and y[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  type Op = { t: " " | "-" | "+"; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: " ", line: x[i]!, ai: i++, bi: j++ });
    // Deletions before insertions at a tie, as diff(1) and git print them.
    else if (i < n && (j >= m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) ops.push({ t: "-", line: x[i]!, ai: i++, bi: j });
    else ops.push({ t: "+", line: y[j]!, ai: i, bi: j++ });
  }
  if (ops.every((o) => o.t === " ")) return "";
  const out = [`--- ${nameA}`, `+++ ${nameB}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.t === " ") {
      k++;
      continue;
    }
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend the hunk while the next change is within two contexts' reach.
    for (let e = k; e < ops.length; e++) {
      if (ops[e]!.t !== " ") end = e;
      else if (e - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o.t !== "+").length;
    const bLen = hunk.filter((o) => o.t !== "-").length;
    const aStart = (hunk[0]?.ai ?? 0) + (aLen > 0 ? 1 : 0);
    const bStart = (hunk[0]?.bi ?? 0) + (bLen > 0 ? 1 : 0);
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.t}${o.line}`);
    k = stop;
  }
  return out.join("\n") + "\n";
}
