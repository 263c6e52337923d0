import type { Inspector, RepoInspector } from "../types/inspector.js";

/**
 * Every inspector, in a fixed order. Each format folder exports its own list from its index.ts;
 * adding a format adds one import here.
 */
export const inspectors: readonly Inspector[] = [];

export const repoInspectors: readonly RepoInspector[] = [];
