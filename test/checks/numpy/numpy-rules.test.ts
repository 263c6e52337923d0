import { readFileSync } from "node:fs";
import { ruleTester } from "../../helpers/rule-tester.js";

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${p}`, import.meta.url));

ruleTester("numpy-object-array", {
  valid: [
    { name: "a float array", files: { "a.npy": fixture("numpy/float32.npy") } },
    { name: "a structured array without objects", files: { "s.npy": fixture("numpy/structured.npy") } },
  ],
  invalid: [
    { name: "an object array", files: { "o.npy": fixture("numpy/object.npy") } },
    { name: "an object member of an .npz", files: { "o.npz": fixture("numpy/object-member.npz") } },
  ],
});

ruleTester("numpy-trailing-data", {
  valid: [{ name: "an array exactly as numpy.save wrote it", files: { "a.npy": fixture("numpy/float32.npy") } }],
  invalid: [
    { name: "an array with a pickle appended", files: { "a.npy": fixture("numpy/trailing.npy") } },
    { name: "an array cut short", files: { "a.npy": fixture("numpy/float32.npy").subarray(0, 140) } },
  ],
});
