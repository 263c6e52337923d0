import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAdvisorySet } from "../../src/advisories/store.js";
import { updateAdvisories } from "../../src/advisories/update.js";
import { buildZip } from "../builders/zip-builder.js";
import { cli } from "../cli/cli-harness.js";

const record = (id: string, pkg: string, fixed: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  modified: "2026-01-01T00:00:00Z",
  summary: `${pkg} advisory ${id}`,
  affected: [{ package: { ecosystem: "PyPI", name: pkg }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed }] }] }],
  ...extra,
});

let server: Server;
let base = "";
const routes = new Map<string, (req: IncomingMessage, body: string, res: ServerResponse) => void>();
let dir = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const h = routes.get(req.url ?? "");
      if (h) h(req, body, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  dir = mkdtempSync(join(tmpdir(), "modelgate-adv-"));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

/** A set file that tracks only the given packages. */
function seed(name: string, packages: string[], entries: unknown[] = []): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ date: "2020-01-01", packages, entries }));
  return path;
}

describe("advisories update", () => {
  it("takes records for tracked packages from a URL, skips invalid ones, and writes a dated set", async () => {
    routes.set("/osv.json", (_q, _b, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([record("GHSA-aaaa-bbbb-cccc", "torch", "2.6.0"), record("GHSA-dddd-eeee-ffff", "leftpad", "1.0"), { id: "broken" }])));
    const out = seed("a.json", ["torch"]);
    const r = await updateAdvisories({ from: `${base}/osv.json`, output: out, today: "2026-11-27" });
    expect(r).toMatchObject({ count: 1, skipped: 1, date: "2026-11-27" });
    const set = parseAdvisorySet(JSON.parse(readFileSync(out, "utf8")));
    expect(set.date).toBe("2026-11-27");
    expect(set.entries.map((e) => e.id)).toEqual(["GHSA-aaaa-bbbb-cccc"]);
  });

  it("queries the OSV API per tracked package and follows page tokens", async () => {
    const asked: string[] = [];
    routes.set("/v1/query", (_q, body, res) => {
      const q = JSON.parse(body) as { package: { name: string }; page_token?: string };
      asked.push(`${q.package.name}:${q.page_token ?? ""}`);
      const page = q.page_token ? { vulns: [record("GHSA-2222-2222-2222", "keras", "3.8.0")] } : { vulns: [record("GHSA-1111-1111-1111", "keras", "3.0.0")], next_page_token: "p2" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page));
    });
    const out = seed("b.json", ["keras"]);
    const r = await updateAdvisories({ osvApi: base, output: out, today: "2026-11-27" });
    expect(asked).toEqual(["keras:", "keras:p2"]);
    expect(r.count).toBe(2);
  });

  it("reads OSV's zip of records", async () => {
    const zip = buildZip({ members: [{ name: "GHSA-3333-3333-3333.json", data: JSON.stringify(record("GHSA-3333-3333-3333", "onnx", "1.16.0")), method: 8 }, { name: "README", data: "x" }] });
    const file = join(dir, "all.zip");
    writeFileSync(file, zip);
    const out = seed("c.json", ["onnx"]);
    expect((await updateAdvisories({ from: file, output: out })).count).toBe(1);
  });

  it("keeps the existing set when the data holds nothing usable", async () => {
    const out = seed("d.json", ["torch"]);
    const before = readFileSync(out, "utf8");
    routes.set("/empty.json", (_q, _b, res) => res.writeHead(200).end("[]"));
    await expect(updateAdvisories({ from: `${base}/empty.json`, output: out })).rejects.toThrow(/no valid advisory/);
    routes.set("/fail.json", (_q, _b, res) => res.writeHead(500).end());
    await expect(updateAdvisories({ from: `${base}/fail.json`, output: out })).rejects.toThrow(/HTTP 500/);
    expect(readFileSync(out, "utf8")).toBe(before);
  });

  it("drops withdrawn records", async () => {
    routes.set("/withdrawn.json", (_q, _b, res) => res.writeHead(200).end(JSON.stringify({ vulns: [record("GHSA-4444-4444-4444", "torch", "1.0", { withdrawn: "2026-01-02T00:00:00Z" }), record("GHSA-5555-5555-5555", "torch", "2.0")] })));
    const out = seed("e.json", ["torch"]);
    expect((await updateAdvisories({ from: `${base}/withdrawn.json`, output: out })).count).toBe(1);
  });

  it("runs from the CLI and prints what it wrote", async () => {
    routes.set("/cli.json", (_q, _b, res) => res.writeHead(200).end(JSON.stringify(record("GHSA-6666-6666-6666", "torch", "2.6.0"))));
    const out = seed("f.json", ["torch"]);
    const run = await cli(["advisories", "update", "--from", `${base}/cli.json`, "--output", out], { HF_HUB_OFFLINE: "" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 record\(s\) for 1 tracked package\(s\)/);
  });

  it("reads a local file from the CLI and the scan-side reader accepts the result", async () => {
    const file = join(dir, "feed.json");
    writeFileSync(file, JSON.stringify({ vulns: [record("GHSA-7777-7777-7777", "torch", "2.6.0"), record("GHSA-8888-8888-8888", "torch", "2.7.0")] }));
    const out = seed("h.json", ["torch"]);
    const run = await cli(["advisories", "update", "--from", file, "--output", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^advisories: 2 record\(s\) for 1 tracked package\(s\), dated \d{4}-\d{2}-\d{2} -> /);
    const set = parseAdvisorySet(JSON.parse(readFileSync(out, "utf8")));
    expect(set.source).toContain("feed.json");
    expect(set.entries.map((e) => e.id)).toEqual(["GHSA-7777-7777-7777", "GHSA-8888-8888-8888"]);
  });

  it("a file that covers one package refreshes that package and keeps the others", async () => {
    const out = seed("i.json", ["torch", "keras"], [record("GHSA-old0-torc-h000", "torch", "1.0"), record("GHSA-kera-s000-0000", "keras", "3.0.0")]);
    const file = join(dir, "torch-only.json");
    writeFileSync(file, JSON.stringify([record("GHSA-new0-torc-h000", "torch", "2.6.0")]));
    const r = await updateAdvisories({ from: file, output: out });
    expect(r.kept).toBe(1);
    expect(parseAdvisorySet(JSON.parse(readFileSync(out, "utf8"))).entries.map((e) => e.id)).toEqual(["GHSA-kera-s000-0000", "GHSA-new0-torc-h000"]);
  });

  it("never writes or prints a URL's credentials or query", async () => {
    routes.set("/signed.json?token=s3cr3t-value", (_q, _b, res) => res.writeHead(200).end(JSON.stringify([record("GHSA-9999-9999-9999", "torch", "2.6.0")])));
    const out = seed("j.json", ["torch"]);
    const run = await cli(["advisories", "update", "--from", `${base}/signed.json?token=s3cr3t-value`, "--output", out], { HF_HUB_OFFLINE: "" });
    expect(run.code).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(written).not.toContain("s3cr3t-value");
    expect(written).toContain(`${base}/signed.json (credentials and query removed)`);
    const failed = await cli(["advisories", "update", "--from", `${base.replace("//", "//user:pa55word@")}/missing.json?token=s3cr3t-value`, "--output", out], { HF_HUB_OFFLINE: "" });
    expect(failed.code).toBe(2);
    expect(failed.stderr + failed.stdout).not.toMatch(/s3cr3t-value|pa55word/);
  });

  it("refuses the network when offline", async () => {
    const out = seed("g.json", ["torch"]);
    const run = await cli(["advisories", "update", "--output", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("offline");
  });
});
