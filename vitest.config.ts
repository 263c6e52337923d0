import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Forks, not threads: the bomb and fuzz tests may allocate hard, and a worker thread that dies
    // of it takes the runner down with it.
    pool: "forks",
    // One module graph per worker instead of one per file: every test file imports most of src/
    // (and commander, @huggingface/hub, sigstore, cyclonedx …), which cost ~2 s of transform and
    // import per file, more than the tests themselves. No test changes process.env, cwd or
    // globals (test/setup.ts's nock rules are the same for every file), so sharing is safe.
    isolate: false,
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core CI box. Many
    // tests mostly wait (template render time limits, the Hub client's retry backoff, Chromium,
    // Sarif.Multitool, child processes), so two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
