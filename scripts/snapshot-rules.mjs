// Writes dist/rules-snapshot.json: rules/*.yaml parsed once at build time, so a scan's start-up
// reads JSON instead of parsing YAML (src/catalog/rules-snapshot.ts checks each file's text
// against it and falls back to the YAML). Runs after tsc has built dist/src.
import { writeFileSync } from "node:fs";
import { buildRulesSnapshot, RULES_SNAPSHOT_FILE } from "../dist/src/catalog/rules-snapshot.js";
import { parseRulesYaml } from "../dist/src/catalog/load-rules.js";

writeFileSync(RULES_SNAPSHOT_FILE, JSON.stringify(buildRulesSnapshot(parseRulesYaml)));
