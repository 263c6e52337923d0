import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { builtCli, compare, defineBench, secondsSpread, timeProcess, type BenchResult, type TimedRun } from "./harness.js";

/**
 * Start-up: `modelgate --version`, `modelgate --help` and the scan of a tiny folder (config.json,
 * a card and a small safetensors file) against a bare `node -e 0`, whole processes, alternating.
 * The target is the time over bare node (≤ 0.08 s); the ratio is node's time / modelgate's.
 * Each process takes tens of milliseconds, so each side runs 10× `--repeat` times.
 */

const REFERENCE = "node -e 0";
const MAX_OVER_NODE_S = 0.08;

function tinyModel(dir: string): string {
  const model = join(dir, "tiny-model");
  mkdirSync(model);
  writeFileSync(join(model, "config.json"), '{"model_type":"gpt2","architectures":["GPT2LMHeadModel"]}\n');
  writeFileSync(join(model, "README.md"), "---\nlicense: apache-2.0\n---\n# tiny\n");
  const header = Buffer.from('{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}'.padEnd(64, " "));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  writeFileSync(join(model, "model.safetensors"), Buffer.concat([len, header, Buffer.alloc(16)]));
  return model;
}

export default defineBench({
  name: "startup",
  description: `start-up: modelgate --version, --help and a tiny scan vs bare ${REFERENCE} (target <= ${MAX_OVER_NODE_S} s over node)`,
  async run(ctx) {
    const cli = builtCli(ctx.log);
    const model = tinyModel(ctx.tempDir());
    const env = { ...process.env, NO_COLOR: "1" };
    const node = (): Promise<TimedRun> => timeProcess(process.execPath, ["-e", "0"], { env });
    const modelgate = async (args: readonly string[]): Promise<TimedRun> => {
      const r = await timeProcess(process.execPath, [cli, ...args], { env });
      // 1 = gate failed (the tiny card lacks sections): still a complete run.
      if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`modelgate ${args.join(" ")} exited with ${r.exitCode}`);
      return r;
    };
    const results: BenchResult[] = [];
    for (const [label, args] of [
      ["modelgate --version", ["--version"]],
      ["modelgate --help", ["--help"]],
      ["tiny scan (3 small files)", ["scan", model, "--format", "json", "--allow-incomplete"]],
    ] as const) {
      ctx.log(label);
      const c = await compare(ctx.repeats * 10, node, () => modelgate(args));
      results.push({
        case: label,
        ratio: c.reference.seconds / c.subject.seconds,
        pairRatios: c.pairRatios,
        limits: [{ name: "over bare node", value: c.subject.seconds - c.reference.seconds, max: MAX_OVER_NODE_S, unit: "s", digits: 3 }],
        reference: REFERENCE,
        details: { modelgate: secondsSpread(c.runs.subject, 3), node: secondsSpread(c.runs.reference, 3) },
      });
    }
    return results;
  },
});
