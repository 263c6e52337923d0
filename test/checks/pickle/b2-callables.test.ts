import { beforeAll, describe, expect, it } from "vitest";
import type { ScanReport } from "../../../src/types/report.js";
import { pickle } from "../../builders/pickle-builder.js";
import { scanFiles } from "../../helpers/scan-files.js";

/**
 * Every callable of THREATS.md B.2 (denylist gaps fixed in picklescan, and the ones still only
 * "suspicious" there), built as `R(callable, args)` the way the PoCs do: protocol 4 STACK_GLOBAL,
 * which resolves dotted names (`bdb.Bdb.run`). Each must fail the gate as a critical dangerous call.
 */
const B2: [callable: string, source: string][] = [
  ["pip.main", "CVE-2025-1716"],
  ["pydoc.pipepager", "GHSA-655q-fx9r-782v"],
  ["venv.create", "GHSA-655q-fx9r-782v"],
  ["torch.serialization.load", "GHSA-655q-fx9r-782v"],
  ["functools.partial", "GHSA-655q-fx9r-782v"],
  ["torch._inductor.codecache.compile_file", "GHSA-655q-fx9r-782v"],
  ["pickle.loads", "picklescan 2024"],
  ["_pickle.loads", "picklescan 2024"],
  ["runpy._run_code", "picklescan 2024"],
  ["bdb.Bdb.run", "picklescan 2024"],
  ["pdb.Pdb.run", "picklescan 2024 (debugger modules)"],
  ["asyncio.run", "picklescan 2024"],
  ["timeit.timeit", "CVE-2025-71351"],
  ["numpy.testing._private.utils.runstring", "CVE-2025-71355"],
  ["torch.utils.bottleneck.__main__.run_cprofile", "picklescan 2025-08"],
  ["torch.utils.bottleneck.__main__.run_autograd_prof", "picklescan 2025-08"],
  ["torch._dynamo.guards.GuardBuilder.get", "picklescan 2025-08"],
  ["torch.fx.experimental.symbolic_shapes.ShapeEnv.evaluate_guards_expression", "picklescan 2025-08"],
  ["torch.utils.collect_env.run", "picklescan 2025-08"],
  ["torch.utils.collect_env.run_and_read_all", "picklescan 2025-08"],
  ["torch.utils.data.datapipes.utils.decoder.basichandlers", "picklescan 2025-08"],
  ["torch.jit.unsupported_tensor_ops.execWrapper", "picklescan 2025-08"],
  ["torch.utils._config_module.ConfigModule.load_config", "picklescan 2025-08"],
  ["trace.Trace.run", "picklescan 2025-08"],
  ["trace.Trace.runctx", "picklescan 2025-08"],
  ["profile.Profile.run", "picklescan 2025-08"],
  ["profile.Profile.runctx", "picklescan 2025-08"],
  ["lib2to3.pgen2.grammar.Grammar.loads", "picklescan 2025-08"],
  ["lib2to3.pgen2.pgen.ParserGenerator.make_label", "picklescan 2025-08"],
  ["idlelib.debugobj.ObjectTreeItem.SetText", "picklescan 2025-08"],
  ["idlelib.autocomplete.AutoComplete.get_entity", "picklescan 2025-08"],
  ["idlelib.autocomplete.AutoComplete.fetch_completions", "picklescan 2025-08"],
  ["idlelib.calltip.Calltip.fetch_tip", "picklescan 2025-08"],
  ["idlelib.calltip.get_entity", "picklescan 2025-08"],
  ["idlelib.run.Executive.runcode", "picklescan 2025-08"],
  ["idlelib.pyshell.ModifiedInterpreter.runcode", "picklescan 2025-08"],
  ["idlelib.pyshell.ModifiedInterpreter.runcommand", "picklescan 2025-08"],
  ["code.InteractiveInterpreter.runcode", "picklescan 2025-08"],
  ["doctest.debug_script", "picklescan 2025-08"],
  ["ensurepip._run_pip", "picklescan 2025-08"],
  ["cProfile.run", "picklescan 2025-08"],
  ["cProfile.runctx", "picklescan 2025-08"],
  ["asyncio.unix_events._UnixSubprocessTransport._start", "CVE-2025-71364, CVE-2025-10157"],
  ["distutils.file_util.write_file", "picklescan 2025-12"],
  ["ctypes.CDLL", "picklescan 2025-12"],
  ["operator.methodcaller", "GHSA-84r2-jw7c-4r5q"],
  ["pydoc.locate", "GHSA-84r2-jw7c-4r5q"],
  ["pty.spawn", "CVE-2025-71322"],
  ["numpy.f2py.crackfortran.getlincoef", "CVE-2025-71365"],
  ["numpy.f2py.crackfortran.myeval", "CVE-2025-71365"],
  ["_operator.methodcaller", "GHSA-955r-x9j8-7rhh"],
  ["_operator.attrgetter", "GHSA-46h3-79wf-xr6c"],
  ["_io.FileIO", "picklescan 2026-01"],
  ["urllib.request.urlopen", "GHSA-9726-w42j-3qjr"],
  ["cloudpickle.cloudpickle._make_function", "GHSA-9m3x-qqw2-h32h"],
  ["cloudpickle.cloudpickle._builtin_type", "GHSA-9m3x-qqw2-h32h"],
  ["types.CodeType", "GHSA-9m3x-qqw2-h32h"],
  ["logging.FileHandler", "GHSA-m7j5-r2p5-c39r"],
  ["pkgutil.resolve_name", "GHSA-vvpj-8cmc-gx39"],
  ["profile.run", "GHSA-7wx9-6375-f5wh"],
  ["uuid._get_command_stdout", "GHSA-g38g-8gr9-h9xp"],
  ["_osx_support._read_output", "GHSA-g38g-8gr9-h9xp"],
  ["_osx_support._find_build_tool", "GHSA-g38g-8gr9-h9xp"],
  ["_aix_support._read_cmd_output", "GHSA-g38g-8gr9-h9xp"],
  ["imaplib.IMAP4_stream", "GHSA-g38g-8gr9-h9xp"],
  ["_pyrepl.pager.pipe_pager", "GHSA-g38g-8gr9-h9xp"],
  ["test.support.script_helper.assert_python_ok", "GHSA-g38g-8gr9-h9xp"],
  // Still only "suspicious" in picklescan 1.0.5 (public PoCs).
  ["marshal.loads", "marshal/FunctionType PoCs"],
  ["types.FunctionType", "marshal/FunctionType PoCs"],
  ["types.LambdaType", "SHUBH4M/modelscan-marshal-types-bypass"],
  ["operator.call", "xiaoyaoes PoC"],
  ["builtins.globals", "manja316 PoC"],
  ["importlib.import_module", "th3-j0k3r/picklescan-importlib-bypass"],
  ["codecs.open", "wulonchia/picklescan-bypass-poc"],
  ["io.open", "picklescan suspicious-only"],
  ["http.client.HTTPSConnection", "picklescan suspicious-only"],
  ["builtins.__import__", "picklescan suspicious-only"],
  ["builtins.setattr", "picklescan suspicious-only"],
  ["builtins.vars", "picklescan suspicious-only"],
  ["multiprocessing.util.spawnv_passfds", "picklescan suspicious-only"],
  ["mlflow.projects.backend.local._run_entry_point", "picklescan suspicious-only"],
  ["pandas.io.parsers.readers.read_csv", "picklescan suspicious-only"],
  ["torch.hub.load", "modelscan#338"],
  ["urllib.request.urlretrieve", "saferpickle#18"],
  ["getpass.getuser", "hacnho/pickle-scanner-bypass"],
  ["resource.setrlimit", "hacnho/pickle-scanner-bypass"],
  ["syslog.syslog", "hacnho/pickle-scanner-bypass"],
  ["trace.Trace", "hacnho/pickle-scanner-bypass"],
  ["nntplib.NNTP", "hacnho/pickle-scanner-bypass"],
  ["lzma.open", "hacnho/pickle-scanner-bypass"],
  ["bz2.open", "hacnho/pickle-scanner-bypass"],
  ["gzip.open", "hacnho/pickle-scanner-bypass"],
  ["py_compile.compile", "hacnho/pickle-scanner-bypass"],
  ["weakref.finalize", "hacnho/pickle-scanner-bypass"],
  ["atexit.register", "hacnho/pickle-scanner-bypass"],
  ["mmap.mmap", "hacnho/pickle-scanner-bypass"],
  ["dbm.open", "hacnho/pickle-scanner-bypass"],
  ["xml.dom.minidom.parse", "hacnho/pickle-scanner-bypass"],
  ["xml.etree.ElementTree.parse", "hacnho/pickle-scanner-bypass"],
  ["http.server.HTTPServer", "hacnho/pickle-scanner-bypass"],
  ["socketserver.TCPServer", "hacnho/pickle-scanner-bypass"],
  ["glob.glob", "hacnho/pickle-scanner-bypass"],
  ["imaplib.IMAP4", "hacnho/pickle-scanner-bypass"],
  ["distutils.spawn.spawn", "th3-j0k3r/distutils-spawn-picklescan-bypass"],
  ["setuptools._distutils.spawn.spawn", "th3-j0k3r/distutils-spawn-picklescan-bypass"],
];

/** Module and attribute path as the PoCs write them: methods are `Class.method` inside the defining module. */
function split(callable: string): [string, string] {
  const cls = /\.(Bdb|Pdb|GuardBuilder|ShapeEnv|ConfigModule|Grammar|ParserGenerator|ObjectTreeItem|AutoComplete|Calltip|Executive|ModifiedInterpreter|_UnixSubprocessTransport|Trace|Profile|InteractiveInterpreter)(\.|$)/.exec(callable);
  if (cls) return [callable.slice(0, cls.index), callable.slice(cls.index + 1)];
  const i = callable.lastIndexOf(".");
  return [callable.slice(0, i), callable.slice(i + 1)];
}

const fileOf = (callable: string): string => `${callable.replace(/[^\w.]/g, "_")}.pkl`;

describe("THREATS.md B.2 callables", () => {
  let report: ScanReport;
  beforeAll(async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [callable] of B2) {
      const [module, name] = split(callable);
      files[fileOf(callable)] = pickle().proto(4).stackGlobal(module, name).tuple(["echo pwned"]).op("REDUCE").stop().bytes();
    }
    report = await scanFiles(files);
  });

  for (const [callable, source] of B2) {
    it(`${callable} (${source}) is a critical dangerous call`, () => {
      const mine = report.findings.filter((f) => f.artifact?.path === fileOf(callable));
      const call = mine.find((f) => f.ruleName === "pickle-dangerous-call");
      expect(call?.severity, mine.map((f) => `${f.severity} ${f.ruleName}: ${f.message}`).join("\n")).toBe("critical");
      expect(call?.message).toContain(`${callable}("echo pwned")`);
    });
  }
});
