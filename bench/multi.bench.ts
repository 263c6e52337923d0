import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSafetensors } from "../test/builders/safetensors.js";
import { startFakeHub, type FakeRepo } from "../test/support/fake-hub.js";
import { builtCli, defineBench, formatBytes, medianRun, secondsSpread, timeProcess, type TimedRun } from "./harness.js";

/**
 * Many small models (a card, config.json, a small safetensors file each) served by the test's
 * fake Hub on loopback, scanned --metadata-only: once as `scan --inventory` (one process, shared
 * lookups and queues) and once as one `scan` process per model, one after the other, the way a
 * shell loop in CI would. Wall-time ratio and peak RSS are printed. BENCH_MULTI_MODELS lowers the
 * count for a quick look (default 200).
 */

const MODELS = Number.parseInt(process.env["BENCH_MULTI_MODELS"] ?? "200", 10);
const COMMIT = "c0".repeat(20);

function model(i: number): FakeRepo {
  const id = `bench/model-${String(i).padStart(3, "0")}`;
  const card = `---\nlicense: apache-2.0\nbase_model: bench/base\ndatasets: [bench/data]\n---\n# ${id}\n\n## Training data\nbench/data.\n`;
  const weights = buildSafetensors({ "w.weight": { dtype: "F32", shape: [16, 16], data: new Uint8Array(1024) } });
  return {
    id,
    sha: COMMIT,
    refs: { main: COMMIT },
    info: { cardData: { license: "apache-2.0", base_model: "bench/base", datasets: ["bench/data"] }, library_name: "transformers" },
    files: [
      { path: "README.md", content: card },
      { path: "config.json", content: '{"model_type":"gpt2","architectures":["GPT2LMHeadModel"]}\n' },
      { path: "model.safetensors", content: weights, lfs: true },
    ],
  };
}

export default defineBench({
  name: "multi",
  description: `${MODELS} small models on the fake Hub, --metadata-only: one scan --inventory process vs one process per model`,
  async run(ctx) {
    if (!Number.isInteger(MODELS) || MODELS < 1 || MODELS > 2000) throw new Error("BENCH_MULTI_MODELS must be an integer from 1 to 2000");
    const cli = builtCli(ctx.log);
    const repos = Array.from({ length: MODELS }, (_, i) => model(i));
    repos.push({ id: "bench/base", files: [{ path: "README.md", content: "# base\n" }], info: { cardData: { license: "apache-2.0" } } });
    repos.push({ id: "bench/data", kind: "dataset", files: [{ path: "README.md", content: "# data\n" }], info: { cardData: { license: "cc-by-4.0" } } });
    const hub = await startFakeHub({ repos });
    try {
      const dir = ctx.tempDir();
      const inventory = join(dir, "refs.json");
      const ids = repos.slice(0, MODELS).map((r) => r.id);
      writeFileSync(inventory, JSON.stringify({ references: ids.map((id) => ({ id, kind: "model", revision: null, pinned: false, locations: [] })), dynamic: [] }));
      const env = { PATH: process.env["PATH"] ?? "", HOME: dir, NO_COLOR: "1", CI: "1", HF_ENDPOINT: hub.url, HF_HUB_CACHE: join(dir, "cache") };
      const common = ["--metadata-only", "--format", "json", "--output", join(dir, "out.json")];

      const oneRuns: TimedRun[] = [];
      for (let i = 0; i < ctx.repeats; i++) {
        ctx.log(`one process, ${MODELS} models (run ${i + 1}/${ctx.repeats})`);
        const r = await timeProcess("node", [cli, "scan", "--inventory", inventory, ...common], { env });
        if (r.exitCode !== 0) throw new Error(`scan --inventory exited with ${r.exitCode}`);
        oneRuns.push(r);
      }
      const one = medianRun(oneRuns);
      // The per-model loop is long; it runs once (its many processes already average out noise).
      ctx.log(`one process per model, ${MODELS} processes`);
      let perSeconds = 0;
      let perPeak = 0;
      for (const id of ids) {
        const r = await timeProcess("node", [cli, "scan", id, ...common], { env });
        if (r.exitCode !== 0) throw new Error(`scan ${id} exited with ${r.exitCode}`);
        perSeconds += r.seconds;
        perPeak = Math.max(perPeak, r.maxRssBytes ?? 0);
      }
      return {
        case: `${MODELS} models, metadata only`,
        ratio: perSeconds / one.seconds,
        reference: "one modelgate process per model",
        details: {
          "one process": secondsSpread(oneRuns, 1),
          "one process per model": `${perSeconds.toFixed(1)} s`,
          "peak RSS, one process": one.maxRssBytes ? formatBytes(one.maxRssBytes) : "n/a (no /usr/bin/time)",
          "peak RSS, largest per-model process": perPeak ? formatBytes(perPeak) : "n/a (no /usr/bin/time)",
          "Hub requests": hub.requests.length,
        },
      };
    } finally {
      await hub.close();
    }
  },
});
