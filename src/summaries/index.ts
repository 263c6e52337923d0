import type { ReportSummary } from "./summary.js";
import { summaries as card } from "./card.js";
import { summaries as lineage } from "./lineage.js";
import { summaries as remoteCode } from "./remote-code.js";
import { summaries as chatTemplates } from "./chat-templates.js";
import { summaries as advisories } from "./advisories.js";
import { summaries as secrets } from "./secrets.js";
import { summaries as modelDetails } from "./model-details.js";

/** Every report section builder; each file owns one section of the JSON contract. */
export const summaries: readonly ReportSummary[] = [...card, ...lineage, ...remoteCode, ...chatTemplates, ...advisories, ...secrets, ...modelDetails];
