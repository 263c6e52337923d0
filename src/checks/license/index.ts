import type { Check } from "../../types/check.js";
import { licenseConflict } from "./license-conflict.js";
import { licenseFileMismatch } from "./license-file-mismatch.js";
import { licenseMissing } from "./license-missing.js";
import { licenseOtherUnnamed } from "./license-other-unnamed.js";
import { licenseNonCommercial, licenseUseRestricted } from "./license-restricted.js";
import { licenseUnknownId } from "./license-unknown-id.js";

export const checks: readonly Check[] = [
  licenseMissing,
  licenseOtherUnnamed,
  licenseUnknownId,
  licenseNonCommercial,
  licenseUseRestricted,
  licenseConflict,
  licenseFileMismatch,
];
