import { describe, expect, it } from "vitest";
import { render, FORMATS_OUT } from "../../../src/reporters/index.js";
import { ruleTester } from "../../helpers/rule-tester.js";
import { findingsOf, scanFiles } from "../../helpers/scan-files.js";

// Built at run time so the test source holds no literal credential.
const HF = "hf_" + "Qw7eRt9yUi0oPa1sDf2gHj3kLz4xCv5bNm6qWe".slice(0, 34);
const AWS_ID = "AKIA" + "Q7WZ2XK4M5N6P3RB";
const AWS_SECRET = "wJ9rXUtnFEMI/K7MDENG/bPxRfiCY" + "zQ4k8LmN2pT";
const ANTHROPIC = "sk-ant-api03-" + "Xq2Lm9Rt4Vb7Nc1Zk8Hs3Jd6Fg0Pw5Ye-Ua_Io".repeat(3).slice(0, 95);
const EMAIL = "jane.doe" + "@corp-mail.io";

ruleTester("secret-credential", {
  valid: [
    { name: "a placeholder token in a card", files: { "README.md": "---\nlicense: mit\n---\nlogin with `huggingface-cli login --token hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`\n" } },
    { name: "special tokens in a tokenizer config", files: { "tokenizer_config.json": JSON.stringify({ bos_token: "<|begin_of_text|>", eos_token: "<|eot_id|>", tokenizer_class: "PreTrainedTokenizerFast" }) } },
    { name: "an e-mail contact in a model card is not a credential", files: { "README.md": `Contact ${EMAIL}\n` } },
  ],
  invalid: [
    {
      name: "a Hugging Face token in a notebook cell is reported with file, line and kind",
      files: { "train.ipynb": JSON.stringify({ cells: [{ cell_type: "code", source: ["from huggingface_hub import login\n", `login(token="${HF}")\n`] }] }, null, 1) },
      expect: (f) => {
        expect(f[0]?.message).toMatch(/^train\.ipynb:\d+: huggingface-token hf_\*{8} \(37 chars\)$/);
        expect(f[0]?.severity).toBe("high");
        expect(JSON.stringify(f)).not.toContain(HF);
      },
    },
    { name: "AWS keys in a config", files: { "config.yaml": `aws_access_key_id: ${AWS_ID}\naws_secret_access_key: ${AWS_SECRET}\n` }, expect: (f) => expect(f.map((x) => x.message.split(": ")[1]?.split(" ")[0])).toEqual(["aws-access-key-id", "aws-secret-access-key"]) },
    { name: "an Anthropic key in a script", files: { "infer.py": `client = Anthropic(api_key="${ANTHROPIC}")\n` }, expect: (f) => expect(f[0]?.message).toContain("anthropic-api-key sk-ant-********") },
    { name: "a private key block", files: { "deploy/key.txt": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n" } },
    { name: "a generic high-entropy secret assignment is medium", files: { "settings.ini": "[db]\ndb_password = \"Zr8vQ2mKp9LxT4wN7cYb\"\n" }, expect: (f) => expect(f[0]?.severity).toBe("medium") },
  ],
});

ruleTester("secret-personal-data", {
  valid: [
    { name: "an address in a README", files: { "README.md": `Maintainer: ${EMAIL}, +44 20 7946 0958\n` } },
    { name: "decimals, dates and ids in a data file", files: { "data/train.jsonl": '{"score": "0.123 4567 8901", "date": "2024-03-01 10:30:00", "isbn": "978-3-16-148410-0", "ids": [101, 2023, 2003]}\n' } },
  ],
  invalid: [
    {
      name: "e-mails and phones in a CSV sample are masked",
      files: { "data/sample.csv": `name,email,phone\nJane,${EMAIL},+44 20 7946 0958\n` },
      expect: (f) => {
        expect(f.map((x) => x.message)).toEqual(["data/sample.csv:2: email-address j***@c***.io", "data/sample.csv:2: phone-number ***-***-**58"]);
      },
    },
  ],
});

describe("secrets are masked in every output", () => {
  const files = { "train.py": `HF_TOKEN = "${HF}"\nsession = boto3.Session(aws_access_key_id="${AWS_ID}")\n`, "data/users.jsonl": `{"email": "${EMAIL}"}\n` };

  for (const format of FORMATS_OUT) {
    it(`${format} output never contains a raw secret`, async () => {
      const report = await scanFiles(files);
      expect(findingsOf(report, "secret-credential").length).toBe(2);
      const out = render(format, report);
      for (const s of [HF, AWS_ID, EMAIL, HF.slice(3, 20)]) expect(out).not.toContain(s);
      if (format !== "sarif") expect(out).toMatch(/37 chars/);
    });
  }

  it("the JSON secrets section lists kind, file, line and the masked value", async () => {
    const report = await scanFiles(files);
    const json = JSON.parse(render("json", report)) as { secrets: unknown[] };
    expect(json.secrets).toEqual([
      { kind: "email-address", file: "data/users.jsonl", line: 1, masked: "j***@c***.io", personal: true },
      { kind: "huggingface-token", file: "train.py", line: 1, masked: "hf_******** (37 chars)", personal: false },
      { kind: "aws-access-key-id", file: "train.py", line: 2, masked: "AKIA******** (20 chars)", personal: false },
    ]);
  });

  it("finding snippets are masked", async () => {
    const report = await scanFiles(files);
    const f = findingsOf(report, "secret-credential")[0];
    expect(f?.region?.snippet).toBe('HF_TOKEN = "hf_******** (37 chars)"');
  });
});
