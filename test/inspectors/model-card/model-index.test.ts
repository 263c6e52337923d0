import { describe, expect, it } from "vitest";
import { readModelIndex } from "../../../src/inspectors/model-card/model-index.js";
import { MAX_CARD_LIST_ENTRIES } from "../../../src/limits.js";

describe("readModelIndex", () => {
  it("flattens model-index results into one entry per metric with task, dataset and split", () => {
    const metrics = readModelIndex({
      "model-index": [
        {
          name: "m",
          results: [{ task: { type: "text-classification" }, dataset: { name: "GLUE SST-2", type: "glue", split: "validation" }, metrics: [{ type: "accuracy", value: 0.93, name: "Accuracy", verified: true }] }],
        },
      ],
    });
    expect(metrics).toEqual([{ type: "accuracy", name: "Accuracy", value: "0.93", task: "text-classification", dataset: "GLUE SST-2", split: "validation", verified: true }]);
  });

  it("skips a metric without a value rather than inventing one", () => {
    expect(readModelIndex({ "model-index": [{ results: [{ metrics: [{ type: "f1" }, { type: "bleu", value: "31.2" }] }] }] })).toEqual([{ type: "bleu", value: "31.2" }]);
  });

  it("ignores a model-index of the wrong shape", () => {
    expect(readModelIndex({ "model-index": "results: many" })).toEqual([]);
    expect(readModelIndex({ "model-index": [{ results: { metrics: [] } }] })).toEqual([]);
  });

  it("keeps at most MAX_CARD_LIST_ENTRIES metrics from a flooded card", () => {
    const metrics = Array.from({ length: MAX_CARD_LIST_ENTRIES + 5 }, (_, i) => ({ type: "m", value: i }));
    expect(readModelIndex({ "model-index": [{ results: [{ metrics }] }] })).toHaveLength(MAX_CARD_LIST_ENTRIES);
  });
});
