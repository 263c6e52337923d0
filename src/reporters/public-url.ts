import type { ModelSourceInfo } from "../types/report.js";
import type { ScanTarget } from "../types/source.js";

/**
 * Drops `user:password@` from an endpoint URL. HF_ENDPOINT may carry credentials for a private
 * mirror; a report is meant to be shared, so they must never reach it.
 */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
}

export function publicTarget(t: ScanTarget): ScanTarget {
  return t.hubUrl ? { ...t, hubUrl: publicUrl(t.hubUrl) } : t;
}

export function publicSource(s: ModelSourceInfo): ModelSourceInfo {
  return s.hubUrl ? { ...s, hubUrl: publicUrl(s.hubUrl) } : s;
}

/** Link to the pinned revision on the Hub; every path part is percent-encoded. */
export function hubLink(hubUrl: string | undefined, repoId: string, rev: string | undefined): string {
  const base = publicUrl(hubUrl ?? "https://huggingface.co").replace(/\/+$/, "");
  const repo = repoId.split("/").map(encodeURIComponent).join("/");
  return `${base}/${repo}${rev ? `/tree/${encodeURIComponent(rev)}` : ""}`;
}
