import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../../src/scan.js";

const FIX = join(import.meta.dirname, "../../../fixtures");
const mine = (ids: string[]): string[] => ids.filter((id) => /^MG-(RMC|ADV|TPL|SEC)-/.test(id)).sort();

describe("remote-code and advisory fixture repos", () => {
  it("a benign custom architecture needs review and nothing else", async () => {
    const r = await scan({ target: join(FIX, "remote-code/benign-custom-arch") });
    expect(mine(r.findings.filter((f) => f.severity !== "info").map((f) => f.ruleId))).toEqual(["MG-RMC-001"]);
    expect(r.checklist.find((i) => i.id === "dependency-scanning")?.status).toBe("review");
  });

  it("a backdoored modeling file fails with each call on its line", async () => {
    const r = await scan({ target: join(FIX, "remote-code/backdoored") });
    const calls = r.findings.filter((f) => f.ruleId === "MG-RMC-004").map((f) => `${f.region?.startLine}:${f.message.split(": ")[1]?.split(" ")[0]}`);
    expect(calls).toEqual(expect.arrayContaining(["15:exec", "15:base64.b64decode", "16:subprocess.Popen"]));
    expect(r.checklist.find((i) => i.id === "dependency-scanning")?.status).toBe("fail");
  });

  it("a cross-repo reference is high", async () => {
    const r = await scan({ target: join(FIX, "remote-code/cross-repo") });
    expect(r.findings.find((f) => f.ruleId === "MG-RMC-002")?.message).toContain("someone-else/tiny-code");
  });

  it("vulnerable pins match torch with a local version, a transformers range and a keras release candidate", async () => {
    const r = await scan({ target: join(FIX, "advisories/vulnerable-pins") });
    const ids = new Set(r.findings.filter((f) => f.ruleId === "MG-ADV-001").map((f) => f.message.split(" is affected by ")[1]?.split(" ")[0]));
    expect([...ids]).toEqual(expect.arrayContaining(["GHSA-53q9-r3pm-6pq6", "GHSA-3863-2447-669p", "GHSA-48g7-3x6r-xfhp"]));
    expect(r.findings.some((f) => f.ruleId === "MG-ADV-002" && f.message.includes("numpy"))).toBe(true);
    expect(r.findings.some((f) => f.ruleId === "MG-ADV-003" && f.message.includes("4.35.2"))).toBe(true);
  });
});
