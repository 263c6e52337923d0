import { describe, expect, it } from "vitest";
import { loadLists } from "../../../src/catalog/load-rules.js";
import { parseDangerList } from "../../../src/inspectors/python-source/danger-patterns.js";
import { scanPython } from "../../../src/inspectors/python-source/scan-python.js";
import { tokenizePython } from "../../../src/inspectors/python-source/tokenize-python.js";

const list = parseDangerList(loadLists().get("python-danger-patterns"));
const hits = (src: string): string[] => scanPython(tokenizePython(src, 100_000), list).hits.map((h) => `${h.line}:${h.name}`);

describe("static Python reading", () => {
  it("finds a call resolved through an import alias", () => {
    expect(hits("import subprocess as sp\nsp.Popen(['id'])\n")).toEqual(["2:subprocess.Popen"]);
  });

  it("finds a from-import used bare", () => {
    expect(hits("from os import system\nsystem('id')\n")).toEqual(["2:os.system"]);
  });

  it("ignores calls inside comments", () => {
    expect(hits("# os.system('rm -rf /')\nx = 1\n")).toEqual([]);
  });

  it("ignores calls inside string literals and docstrings", () => {
    expect(hits('"""Never call eval(x) or os.system here."""\nmsg = "exec(code)"\n')).toEqual([]);
  });

  it("does not mistake a method named eval for the builtin", () => {
    expect(hits("model.eval()\nx = re.compile('a')\n")).toEqual([]);
  });

  it("reports the builtin eval with its line", () => {
    expect(hits("a = 1\nb = eval(user_input)\n")).toEqual(["2:eval"]);
  });

  it("counts lines across triple-quoted strings and backslash continuations", () => {
    const src = 'x = """a\nb\nc"""\ny = 1 + \\\n  2\nexec(y)\n';
    expect(hits(src)).toEqual(["6:exec"]);
  });

  it("sees a call split over lines inside brackets", () => {
    expect(hits("import os\nv = os.getenv(\n  'HOME'\n)\n")).toEqual(["2:os.getenv"]);
  });

  it("resolves getattr with a string attribute on an imported module", () => {
    expect(hits("import os\ngetattr(os, 'system')('id')\n")).toContain("2:os.system");
  });

  it("flags a base64 payload decoded and executed", () => {
    expect(hits("import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\n")).toEqual(["2:exec", "2:base64.b64decode"]);
  });

  it("flags calls under a module but not constants or exception classes of it", () => {
    expect(hits("import subprocess\nx = subprocess.DEVNULL\ntry:\n    pass\nexcept subprocess.CalledProcessError:\n    pass\nsubprocess.run(['id'])\n")).toEqual(["7:subprocess.run"]);
  });

  it("flags network access through requests", () => {
    expect(hits("import requests\nrequests.post('https://x.example', data=open('f').read())\n")).toEqual(["2:requests.post"]);
  });

  it("flags a credential file path in a string literal", () => {
    expect(hits("p = os.path.expanduser('~/.aws/credentials')\n")).toEqual(["1:credential-path"]);
  });

  it("flags writing to an absolute path but not to a relative one", () => {
    expect(hits("open('/etc/cron.d/x', 'w').write('*')\nopen('out.txt', 'w')\n")).toContain("1:open(/etc/cron.d/x, \"w\")");
    expect(hits("open('out.txt', 'w')\nopen('/etc/hosts')\n")).toEqual([]);
  });

  it("records relative imports of sibling modules", () => {
    const scan = scanPython(tokenizePython("from .configuration_x import XConfig\nfrom . import utils_x\nimport torch\n", 1000), list);
    expect(scan.relativeImports).toEqual(["configuration_x", "utils_x"]);
    expect(scan.imports).toEqual(["torch"]);
  });

  it("does not throw on an unterminated string", () => {
    expect(() => hits("x = 'abc\nos.system('y')\n")).not.toThrow();
  });

  describe("decoders", () => {
    const categories = (src: string): string[] => scanPython(tokenizePython(src, 100_000), list).hits.map((h) => `${h.name}:${h.category}`);

    it("a tiktoken vocabulary decoded from a file is data decoding, not a payload", () => {
      const src = "import base64\n\ndef _load(path):\n    with open(path, 'rb') as f:\n        contents = f.read()\n    return {base64.b64decode(token): int(rank) for token, rank in (line.split() for line in contents.splitlines() if line)}\n";
      expect(categories(src)).toEqual(["base64.b64decode:data-decoding"]);
    });

    it("an embedded literal, directly or through a constant, is a payload", () => {
      expect(categories('import base64\nbase64.b64decode("cHJpbnQoJ3B3bmVkJyk=")\n')).toEqual(["base64.b64decode:encoded-payload"]);
      expect(categories('import zlib, base64\ndef f():\n    return zlib.decompress(_BLOB.encode())\n_BLOB = (\n  "eJzLSM3JyQcABiwCFQ=="\n)\n')).toEqual(["zlib.decompress:encoded-payload"]);
    });

    it("a getattr spelling of a decoder stays a payload", () => {
      expect(categories("import base64\ngetattr(base64, 'b64decode')(data)\n")).toContain("base64.b64decode:encoded-payload");
    });

    it("deserialisers stay high whatever their argument", () => {
      expect(categories("import pickle\npickle.loads(data)\n")).toEqual(["pickle.loads:encoded-payload"]);
    });
  });
});
