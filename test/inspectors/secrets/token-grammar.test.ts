import { describe, expect, it } from "vitest";
import { loadLists } from "../../../src/catalog/load-rules.js";
import { redactText } from "../../../src/inspectors/secrets/redact.js";
import { parseSecretPatterns } from "../../../src/inspectors/secrets/secret-patterns.js";
import { scanSecrets } from "../../../src/inspectors/secrets/scan-secrets.js";

const patterns = parseSecretPatterns(loadLists().get("secret-patterns"));
const ALPHABET = "QwErTyUiOpAsDfGhJkLzXcVbNmqWeRtYuIoPaSdFgHjKlZxCvBnM1234567890";
const body = (n: number): string => Array.from({ length: n }, (_, i) => ALPHABET[(i * 7) % ALPHABET.length]).join("");
const kinds = (text: string): string[] => scanSecrets(text, patterns, false, 8192).map((h) => h.kind);

describe("Hugging Face token grammar", () => {
  for (const n of [30, 34, 37, 40, 64, 96]) {
    it(`a hf_ token with a ${n}-character body is found and masked`, () => {
      const token = `hf_${body(n)}`;
      expect(kinds(`HF_TOKEN=${token}`)).toEqual(["huggingface-token"]);
      expect(redactText(`token ${token} here`, patterns)).toBe(`token hf_******** (${n + 3} chars) here`);
    });
  }

  it("a 29-character body is not a token (shorter than any the Hub issues)", () => {
    expect(kinds(`x = "hf_${body(29)}"`)).toEqual([]);
  });

  it("a CamelCase identifier after hf_ in code is not a token", () => {
    expect(kinds("model = hf_AutoModelForCausalLM.from_pretrained(name)")).toEqual([]);
  });

  it("an organisation token (api_org_) of 34 and of 40 characters is found", () => {
    expect(kinds(`api_org_${body(34)}`)).toEqual(["huggingface-org-token"]);
    expect(kinds(`api_org_${body(40)}`)).toEqual(["huggingface-org-token"]);
  });

  for (const [label, before, after] of [
    ["underscores (a file name)", "notes_", "_backup.txt"],
    ["a dot and an extension", "", ".txt"],
    ["path separators", "dir/", "/x"],
    ["a hyphen", "a-", "-b"],
  ] as const) {
    it(`a token between ${label} is found`, () => {
      const token = `hf_${body(34)}`;
      expect(kinds(`${before}${token}${after}`)).toEqual(["huggingface-token"]);
      expect(redactText(`${before}${token}${after}`, patterns)).toBe(`${before}hf_******** (37 chars)${after}`);
    });
  }

  it("hf_ glued to a preceding letter or digit is not the start of a token", () => {
    expect(kinds(`xhf_${body(34)}`)).toEqual([]);
    expect(kinds(`9hf_${body(34)}`)).toEqual([]);
  });

  it("a low-entropy run after hf_ (a placeholder) is not a token", () => {
    expect(kinds(`hf_${"x".repeat(34)}`)).toEqual([]);
    expect(kinds(`hf_${"ab".repeat(17)}`)).toEqual([]);
  });
});
