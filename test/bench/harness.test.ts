import { describe, expect, it } from "vitest";
import { compare, median, medianRun, MIN_RUNS, type TimedRun } from "../../bench/harness.js";

const run = (seconds: number, maxRssBytes?: number): TimedRun => ({ seconds, exitCode: 0, stdout: String(seconds), ...(maxRssBytes === undefined ? {} : { maxRssBytes }) });

describe("bench harness", () => {
  it("takes the middle value of an odd count and the mean of the two middle values of an even count", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("stands several runs by their median time and median peak RSS, not the best run", () => {
    const m = medianRun([run(1, 300), run(9, 100), run(2, 200)]);
    expect(m.seconds).toBe(2);
    expect(m.maxRssBytes).toBe(200);
  });

  it("runs reference and subject alternately at least three times each and reports each pair's ratio", async () => {
    const order: string[] = [];
    const times = { reference: [1, 1, 1], subject: [2, 4, 1] };
    const c = await compare(
      1,
      async () => (order.push("r"), run(times.reference[order.filter((o) => o === "r").length - 1]!)),
      async () => (order.push("s"), run(times.subject[order.filter((o) => o === "s").length - 1]!)),
    );
    expect(order).toEqual(["r", "s", "r", "s", "r", "s"].slice(0, 2 * MIN_RUNS));
    expect(c.subject.seconds).toBe(2);
    expect(c.pairRatios).toEqual([0.5, 0.25, 1]);
  });
});
