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
  },
});
