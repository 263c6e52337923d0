/**
 * Minimal path glob: `**` spans folders (`**\/` also matches no folder at all), `*` and `?` stay
 * within one segment, everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*" && glob[i + 1] === "*") {
      i++;
      // `**/x` must match `x` and `a/b/x`, never `prefix-x`: the slash belongs to the folder part.
      if (glob[i + 1] === "/") {
        re += "(?:.*/)?";
        i++;
      } else re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
