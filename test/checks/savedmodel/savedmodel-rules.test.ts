import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { TF2_CLEAN, buildGraphDef, buildSavedModel } from "../../builders/savedmodel.js";

ruleTester("savedmodel-dangerous-op", {
  valid: [
    { name: "a TF2 SavedModel whose Save/Restore ops sit in the traced saver functions", files: { "saved_model.pb": buildSavedModel(TF2_CLEAN) } },
    { name: "a TF1 graph whose saver ops sit under save/", files: { "saved_model.pb": buildSavedModel({ nodes: [["save/SaveV2", "SaveV2"], ["save/RestoreV2", "RestoreV2"], ["save/MergeV2Checkpoints", "MergeV2Checkpoints"], ["dense/MatMul", "MatMul"]] }) } },
  ],
  invalid: [
    {
      name: "a WriteFile node in a serving function",
      files: { "saved_model.pb": buildSavedModel({ functions: [{ name: "__inference_serve_1", nodes: [["drop", "WriteFile"]] }] }) },
      expect: (f) => {
        expect(f[0]?.severity).toBe("critical");
        expect(f[0]?.message).toMatch(/^saved_model\.pb: op WriteFile in function __inference_serve_1 \(1 node\(s\), first "drop"\): Writes tensor contents/);
      },
    },
    {
      name: "a ReadFile node in the main graph",
      files: { "saved_model.pb": buildSavedModel({ nodes: [["secret", "ReadFile"]] }) },
      expect: (f) => expect(f[0]?.severity).toBe("high"),
    },
    { name: "a PyFunc node", files: { "saved_model.pb": buildSavedModel({ nodes: [["cb", "PyFunc"]] }) }, expect: (f) => expect(f[0]?.severity).toBe("critical") },
    { name: "an EagerPyFunc node in a frozen graph", files: { "model.pb": buildGraphDef({ nodes: [["cb", "EagerPyFunc"]] }) } },
    {
      name: "a SaveV2 node outside the saver",
      files: { "saved_model.pb": buildSavedModel({ functions: [{ name: "__inference_call_9", nodes: [["exfil", "SaveV2"]] }] }) },
      expect: (f) => expect(f[0]?.message).toMatch(/op SaveV2 in function __inference_call_9/),
    },
  ],
});
