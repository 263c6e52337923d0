import { describe, expect, it } from "vitest";
import { mdCode, mdText, plainText } from "../../src/reporters/sanitize.js";

describe("plainText", () => {
  it("shows ESC, BEL, BS and DEL as visible escapes instead of emitting them", () => {
    expect(plainText("a\u001b[31mb\u0007c\u0008d\u007f")).toBe("a\\x1b[31mb\\x07c\\x08d\\x7f");
  });

  it("neutralises the single-byte C1 CSI that some terminals honour", () => {
    expect(plainText("x\u009b2Jy")).toBe("x\\x9b2Jy");
  });

  it("shows bidi overrides (Trojan Source) as escapes", () => {
    expect(plainText("evil\u202Etxt.exe")).toBe("evil\\u202etxt.exe");
  });

  it("folds line breaks and tabs into spaces so one record stays on one line", () => {
    expect(plainText("a\r\nb\nc\rd\te")).toBe("a b c d e");
  });

  it("leaves ordinary text, including Unicode, untouched", () => {
    expect(plainText("modèle → 模型 hf_abcd****")).toBe("modèle → 模型 hf_abcd****");
  });
});

describe("mdText", () => {
  it("turns HTML into entities", () => {
    expect(mdText("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert\\(1\\)&gt;");
  });

  it("escapes link, emphasis, code and table syntax", () => {
    expect(mdText("[a](javascript:x) *b* _c_ `d` e|f ~~g~~")).toBe("\\[a\\]\\(javascript:x\\) \\*b\\* \\_c\\_ \\`d\\` e\\|f \\~\\~g\\~\\~");
  });

  it("keeps a leading list marker or number from opening a nested list", () => {
    expect(mdText("- item")).toBe("\\- item");
    expect(mdText("1. item")).toBe("1\\. item");
    expect(mdText("+ item")).toBe("\\+ item");
  });

  it("escapes existing backslashes so they cannot escape our own markup", () => {
    expect(mdText("a\\|b")).toBe("a\\\\\\|b");
  });
});

describe("mdCode", () => {
  it("wraps text in a code span", () => {
    expect(mdCode("model.bin")).toBe("`model.bin`");
  });

  it("uses a longer fence than any backtick run inside, so the span cannot be closed early", () => {
    expect(mdCode("a`b``c")).toBe("```a`b``c```");
    expect(mdCode("`x")).toBe("`` `x ``");
  });

  it("escapes pipes so a table cell is not split", () => {
    expect(mdCode("a|b")).toBe("`a\\|b`");
  });
});
