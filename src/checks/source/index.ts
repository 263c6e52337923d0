import type { Check } from "../../types/check.js";
import { sourceAgainstExtraFile } from "./source-against-extra-file.js";
import { sourceAgainstMissingFile } from "./source-against-missing-file.js";
import { sourceCacheCorrupted } from "./source-cache-corrupted.js";
import { sourceHubScannerFlagged } from "./source-hub-scanner-flagged.js";
import { sourceSymlink } from "./source-symlink.js";

export const checks: readonly Check[] = [sourceHubScannerFlagged, sourceAgainstMissingFile, sourceAgainstExtraFile, sourceCacheCorrupted, sourceSymlink];
