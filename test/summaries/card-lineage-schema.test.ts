import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { toJsonObject } from "../../src/reporters/json.js";
import { scan } from "../../src/scan.js";
import { scanFiles } from "../helpers/scan-files.js";
import { GOOD_BODY, card } from "../inspectors/model-card/harness.js";

const ROOT = join(import.meta.dirname, "..", "..");
const schema = JSON.parse(readFileSync(join(ROOT, "schema", "report.schema.json"), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** A local repo whose card names base models and datasets: lineage entries are "unverifiable". */
async function reportWithLineage(): Promise<Record<string, unknown>> {
  const report = await scanFiles({ "README.md": card("license: apache-2.0\nbase_model: [org/a, 'not a repo']\ndatasets: org/d", GOOD_BODY), "config.json": "{}\n" });
  return toJsonObject(report);
}

describe("schema of the card and lineage sections", () => {
  it("accepts the card and lineage of a real card scanned from disk", async () => {
    const obj = toJsonObject(await scan({ target: join(ROOT, "fixtures", "cards", "google__gemma-2-9b-it") }));
    expect(obj["card"]).toMatchObject({ present: true, license: ["gemma"] });
    expect(errorsOf(obj)).toEqual([]);
  });

  it("accepts lineage entries for an unverifiable base model, an invalid id and a dataset", async () => {
    const obj = await reportWithLineage();
    expect((obj["lineage"] as { status: string }[]).map((l) => l.status)).toEqual(["unverifiable", "invalid-id", "unverifiable"]);
    expect(errorsOf(obj)).toEqual([]);
  });

  it("rejects a lineage written as an object instead of a list", async () => {
    const obj = await reportWithLineage();
    obj["lineage"] = { "org/a": "found" };
    expect(errorsOf(obj).join("\n")).toContain("/lineage must be array");
  });

  it("rejects a lineage entry with an unknown status or a missing field", async () => {
    const obj = await reportWithLineage();
    const [first, second] = obj["lineage"] as Record<string, unknown>[];
    if (first) first["status"] = "probably-fine";
    if (second) delete second["parent"];
    const errors = errorsOf(obj).join("\n");
    expect(errors).toContain("/lineage/0/status must be equal to one of the allowed values");
    expect(errors).toContain('"missingProperty":"parent"');
  });

  it("rejects a card whose sections miss a topic or whose license is a bare string", async () => {
    const obj = await reportWithLineage();
    const c = obj["card"] as { sections: Record<string, boolean>; license: unknown };
    delete c.sections["pii"];
    c.license = "apache-2.0";
    const errors = errorsOf(obj).join("\n");
    expect(errors).toContain('"missingProperty":"pii"');
    expect(errors).toContain("/card/license must be array");
  });
});
