/** Types for spdx-expression-parse 5 (the package ships none). */
declare module "spdx-expression-parse" {
  export interface LicenseInfo {
    license: string;
    plus?: boolean;
    exception?: string;
  }
  export interface ConjunctionInfo {
    conjunction: "and" | "or";
    left: LicenseInfo | ConjunctionInfo;
    right: LicenseInfo | ConjunctionInfo;
  }
  /** Throws on anything that is not a valid SPDX expression (ids are case-sensitive). */
  export default function parse(expression: string): LicenseInfo | ConjunctionInfo;
}
