import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { renderJson, toJsonObject } from "../../src/reporters/json.js";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { scanFiles } from "../helpers/scan-files.js";
import { tempCache, tinyRepo, weights } from "../sources/hub-helpers.js";
import { startFakeHub } from "../support/fake-hub.js";
import { hostileReport } from "./hostile-report.js";
import { sampleReport } from "./sample-report.js";

const ROOT = join(import.meta.dirname, "..", "..");
const schema = JSON.parse(readFileSync(join(ROOT, "schema", "report.schema.json"), "utf8")) as Record<string, unknown>;
// `strict` makes a typo in the schema itself (an unknown keyword) an error, not a silent pass.
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** Hub scans through the fake Hub: source facts, bytesTransferred, a mismatch; full and --metadata-only. */
async function hubReports(): Promise<{ full: ScanReport; metadataOnly: ScanReport }> {
  const repo = tinyRepo();
  const part = repo.files[2];
  if (part) part.served = weights(5000, 3);
  const hub = await startFakeHub({ repos: [repo] });
  const cache = tempCache();
  try {
    const params = { target: "acme/tiny-model", hubUrl: hub.url, cacheDir: cache.dir };
    return { full: await scan(params), metadataOnly: await scan({ ...params, metadataOnly: true }) };
  } finally {
    await hub.close();
    cache.cleanup();
  }
}

describe("JSON report schema (schema/report.schema.json)", () => {
  const reports: Record<string, ScanReport> = {};

  beforeAll(async () => {
    const snapshots = join(ROOT, "fixtures", "hf-cache", "models--acme--tampered-model", "snapshots");
    reports["clean repo"] = await scan({ target: join(ROOT, "fixtures", "repos", "tiny-safetensors-clean") });
    reports["tampered HF cache"] = await scan({ target: join(snapshots, readdirSync(snapshots)[0] ?? "") });
    reports["waived finding"] = await scanFiles({ "README.md": "# m\n", "config.json": "{}\n" }, { policy: { rules: {}, waivers: [{ rule: "MG-INT-002", reason: "ok" }], lists: {} }, timestamp: true });
    reports["metadata only"] = await scanFiles({ "config.json": "{}\n" }, { metadataOnly: true });
    reports["hand-built"] = sampleReport();
    reports["hostile names"] = hostileReport();
    const hub = await hubReports();
    reports["Hub"] = hub.full;
    reports["Hub --metadata-only"] = hub.metadataOnly;
  });

  for (const name of ["clean repo", "tampered HF cache", "waived finding", "metadata only", "hand-built", "hostile names", "Hub", "Hub --metadata-only"]) {
    it(`accepts the JSON report of a ${name} scan`, () => {
      expect(errorsOf(JSON.parse(renderJson(reports[name] ?? sampleReport())))).toEqual([]);
    });
  }

  it("the Hub cases carry what only Hub scans write: source, bytesTransferred, a mismatch", () => {
    const hub = JSON.parse(renderJson(reports["Hub"] ?? sampleReport())) as { source?: unknown; files: { bytesTransferred?: number; verification: string }[] };
    expect(hub.source).toBeDefined();
    expect(hub.files.every((f) => typeof f.bytesTransferred === "number")).toBe(true);
    expect(hub.files.map((f) => f.verification)).toContain("mismatch");
  });

  it("rejects a report without a verdict", () => {
    const { verdict: _omit, ...rest } = toJsonObject(sampleReport());
    expect(errorsOf(rest).join("\n")).toContain("verdict");
  });

  it("rejects an unknown field on a finding, so the contract cannot drift silently", () => {
    const obj = toJsonObject(sampleReport()) as { findings: Record<string, unknown>[] };
    obj.findings[0] = { ...obj.findings[0], extra: 1 };
    expect(errorsOf(obj).join("\n")).toContain('"additionalProperty":"extra"');
  });

  it("rejects an unknown verification state", () => {
    const obj = toJsonObject(sampleReport()) as { files: Record<string, unknown>[] };
    obj.files[0] = { ...obj.files[0], verification: "probably-fine" };
    expect(errorsOf(obj)).not.toEqual([]);
  });

  it("documents every top-level key the reporter writes", () => {
    const props = Object.keys(schema["properties"] as Record<string, unknown>);
    for (const key of Object.keys(toJsonObject({ ...sampleReport(), generatedAt: "2025-01-01T00:00:00Z" }))) expect(props).toContain(key);
  });
});

describe("JSON reporter", () => {
  it("writes archive members and evidence as file!/member paths", () => {
    const obj = toJsonObject(sampleReport()) as { findings: { ruleId: string; path?: string; evidence: { path?: string }[] }[] };
    const pkl = obj.findings.find((f) => f.ruleId === "MG-PKL-001");
    expect(pkl?.path).toBe("pytorch_model.bin!/archive/data.pkl");
    expect(pkl?.evidence[0]?.path).toBe("pytorch_model.bin!/archive/data.pkl");
  });

  it("writes the keys in a fixed order with the sections before the rules", () => {
    expect(Object.keys(toJsonObject(sampleReport()))).toEqual(["schemaVersion", "tool", "target", "source", "options", "verdict", "files", "checklist", "findings", "incomplete", "lineage", "rules"]);
  });

  it("does not let a report section overwrite a core key", () => {
    const r = sampleReport();
    r.sections = { files: "oops", card: { license: "mit" } } as unknown as ScanReport["sections"];
    const obj = toJsonObject(r);
    expect(obj["files"]).toEqual(r.files);
    expect(obj["card"]).toEqual({ license: "mit" });
  });

  it("strips credentials from the Hub endpoint", () => {
    const text = renderJson(hostileReport());
    expect(text).not.toContain("user:secret@");
    expect(text).toContain('"hubUrl": "https://hub.example.com/"');
  });

  it("keeps an already-masked token in a finding message exactly as given", () => {
    const obj = toJsonObject(sampleReport()) as { findings: { ruleId: string; message: string }[] };
    expect(obj.findings.find((f) => f.ruleId === "MG-SEC-001")?.message).toBe('config.json: Hugging Face token hf_abcd************ in field "api_key"');
  });

  it("is deterministic", () => {
    expect(renderJson(sampleReport())).toBe(renderJson(sampleReport()));
  });
});
