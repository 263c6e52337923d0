/**
 * The subset of the SARIF 2.1.0 object model modelgate writes (OASIS SARIF 2.1.0, §3). Only the
 * properties we emit are declared, so a typo in a property name is a type error.
 */
export type SarifLevel = "none" | "note" | "warning" | "error";
export type SarifKind = "pass" | "fail" | "review" | "notApplicable" | "open" | "informational";

export interface SarifMessage {
  text: string;
}

export interface SarifMultiformatMessage {
  text: string;
  markdown?: string;
}

export type SarifPropertyBag = Record<string, unknown>;

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMultiformatMessage;
  fullDescription: SarifMultiformatMessage;
  help: SarifMultiformatMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: SarifPropertyBag;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

export interface SarifRegion {
  startLine?: number;
  endLine?: number;
  byteOffset?: number;
  byteLength?: number;
  snippet?: { text: string };
}

export interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
  message?: SarifMessage;
}

export interface SarifArtifact {
  location: SarifArtifactLocation;
  parentIndex?: number;
  length?: number;
  roles?: string[];
  hashes?: Record<string, string>;
  properties?: SarifPropertyBag;
}

export interface SarifSuppression {
  kind: "inSource" | "external";
  status?: "accepted" | "underReview" | "rejected";
  justification?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind: SarifKind;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties?: SarifPropertyBag;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  properties?: SarifPropertyBag;
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  endTimeUtc?: string;
  toolExecutionNotifications?: SarifNotification[];
}

export interface SarifVersionControlDetails {
  repositoryUri: string;
  revisionId?: string;
  branch?: string;
  mappedTo?: { uri?: string; uriBaseId: string };
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      fullName?: string;
      version: string;
      semanticVersion: string;
      informationUri?: string;
      rules: SarifReportingDescriptor[];
    };
  };
  originalUriBaseIds?: Record<string, { uri?: string; description?: SarifMessage }>;
  versionControlProvenance?: SarifVersionControlDetails[];
  invocations: SarifInvocation[];
  artifacts: SarifArtifact[];
  results: SarifResult[];
  columnKind: "utf16CodeUnits" | "unicodeCodePoints";
  properties: SarifPropertyBag;
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}
