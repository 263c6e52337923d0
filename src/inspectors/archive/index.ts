import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { compressedInspector, unscannableInspector } from "./compressed.js";
import { polyglotInspector } from "./polyglot.js";
import { tarInspector } from "./tar.js";
import { zipInspector } from "./zip.js";

export const inspectors: readonly Inspector[] = [zipInspector, tarInspector, compressedInspector, unscannableInspector, polyglotInspector];
export const repoInspectors: readonly RepoInspector[] = [];
