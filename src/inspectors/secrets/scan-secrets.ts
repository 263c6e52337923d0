import type { SecretPattern } from "./secret-patterns.js";

export interface SecretHit {
  kind: string;
  masked: string;
  line: number;
  column: number;
  /** Length of the secret in the line (what the mask replaces). */
  length: number;
  personal: boolean;
  /** The line with every hit on it masked, shortened. */
  snippet: string;
}

const MAX_SNIPPET = 160;
/** Overlap between windows of a very long line, so a secret on a window edge is still seen. */
const WINDOW_OVERLAP = 512;
/** Values that are obviously placeholders, not secrets. */
const PLACEHOLDER = /^(?:x+|\*+|0+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|your[_-]?|example|changeme|dummy|placeholder|redacted|none|null|test|fake)/i;
const EXAMPLE_EMAIL = /@(?:example\.(?:com|org|net)|test\.com|localhost|domain\.com|email\.com)$|^(?:no-?reply|noreply)@/i;

/** Shannon entropy in bits per character: random tokens score ~4-6, words and placeholders less. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Masks a secret, keeping only its public prefix and its length. */
export function maskSecret(secret: string, keep: number): string {
  const shown = secret.slice(0, Math.min(keep, Math.max(0, secret.length - 4)));
  return `${shown}${"*".repeat(8)} (${secret.length} chars)`;
}

/** e-mail: first letter of the user and of the domain, and the top-level domain. */
function maskEmail(email: string): string {
  const at = email.indexOf("@");
  const tld = email.slice(email.lastIndexOf(".") + 1);
  return `${email[0] ?? ""}***@${email[at + 1] ?? ""}***.${tld}`;
}

/** phone: only the last two digits. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `***-***-**${digits.slice(-2)}`;
}

function mask(kind: string, secret: string, keep: number): string {
  if (kind === "email-address") return maskEmail(secret);
  if (kind === "phone-number") return maskPhone(secret);
  return maskSecret(secret, keep);
}

function plausible(p: SecretPattern, secret: string): boolean {
  if (p.kind === "email-address") return !EXAMPLE_EMAIL.test(secret);
  if (p.kind === "phone-number") {
    const digits = secret.replace(/\D/g, "");
    // Dates, version numbers and dotted ids look like phone numbers: want 9-15 digits, not a date, not dots only.
    return digits.length >= 9 && digits.length <= 15 && !/^\d{4}[-.]\d{2}[-.]\d{2}/.test(secret.trim()) && !/^\d+(\.\d+)+$/.test(secret.trim());
  }
  if (PLACEHOLDER.test(secret)) return false;
  if (p.kind === "generic-secret" && !(/[a-z]/.test(secret) && /[A-Z0-9]/.test(secret))) return false;
  return p.entropy === 0 || entropy(secret) >= p.entropy;
}

/**
 * Finds credentials (and, when `personalToo`, e-mail addresses and phone numbers) in text, line by
 * line. Long lines are matched in overlapping windows so a regex never runs over megabytes at once.
 */
export function scanSecrets(text: string, patterns: readonly SecretPattern[], personalToo: boolean, maxLine: number): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = text.split("\n");
  lines.forEach((rawLine, idx) => {
    const line = rawLine.replace(/\r$/, "");
    const found: { start: number; end: number; kind: string; masked: string; personal: boolean }[] = [];
    for (let base = 0; base < Math.max(line.length, 1); base += maxLine - WINDOW_OVERLAP) {
      const window = line.slice(base, base + maxLine);
      for (const p of patterns) {
        if (p.personal && !personalToo) continue;
        p.regex.lastIndex = 0;
        for (let m = p.regex.exec(window); m; m = p.regex.exec(window)) {
          if (m[0].length === 0) {
            p.regex.lastIndex++;
            continue;
          }
          const secret = m[p.group] ?? m[0];
          const offset = base + m.index + (p.group > 0 ? m[0].indexOf(secret) : 0);
          if (found.some((f) => offset < f.end && offset + secret.length > f.start)) continue;
          if (!plausible(p, secret)) continue;
          found.push({ start: offset, end: offset + secret.length, kind: p.kind, masked: mask(p.kind, secret, p.keep), personal: p.personal });
        }
      }
      if (base + maxLine >= line.length) break;
    }
    if (found.length === 0) return;
    found.sort((a, b) => a.start - b.start);
    let masked = "";
    let pos = 0;
    for (const f of found) {
      masked += line.slice(pos, f.start) + f.masked;
      pos = f.end;
    }
    masked += line.slice(pos);
    const first = found[0] as (typeof found)[number];
    const from = Math.max(0, masked.indexOf(first.masked) - 40);
    const snippet = (from > 0 ? "…" : "") + masked.slice(from, from + MAX_SNIPPET).trim();
    for (const f of found) hits.push({ kind: f.kind, masked: f.masked, line: idx + 1, column: f.start + 1, length: f.end - f.start, personal: f.personal, snippet });
  });
  return hits;
}
