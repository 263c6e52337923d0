import { LimitExceededError } from "../../errors.js";
import { MAX_TEXT_FILE_BYTES } from "../../limits.js";
import type { ArtifactRef } from "../../types/artifact.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { Region } from "../../types/region.js";
import { cardLists } from "./card-lists.js";
import type { CardDocument, CardMetadata } from "./facts.js";
import { findFrontMatter, parseFrontMatter } from "./front-matter.js";
import { scanHeadings, type ScannedBody } from "./headings.js";
import { readMetadata, topLevelKeyLines } from "./metadata-fields.js";
import { readModelIndex } from "./model-index.js";
import { findStatements } from "./card-statements.js";
import { buildSections } from "./sections.js";
import { decodeText, splitLines } from "./text-lines.js";

/** The model card is the repo-root README.md (the Hub reads no other file as the card). */
export function isCardPath(ref: ArtifactRef): boolean {
  return !ref.parent && /^readme\.md$/i.test(ref.path);
}

function emptyMetadata(): CardMetadata {
  return { license: [], datasets: [], baseModels: [], language: [], tags: [], modelIndex: false, gatedFields: false, co2EqEmissions: false, fieldLines: {} };
}

function lines(startLine: number, endLine: number, snippet?: string): Region {
  const r: Region = { startLine, endLine };
  if (snippet !== undefined) r.snippet = snippet;
  return r;
}

/**
 * Reads README.md as the Hub does: YAML front matter (bounded, safe schema) and Markdown sections
 * by heading. Yields facts only; which gaps matter is for the card/license/provenance checks.
 */
export const cardInspector: Inspector = {
  name: "model-card",
  accepts: (probe) => probe.depth === 0 && isCardPath(probe.ref),
  async *inspect(artifact, _probe, ctx) {
    const ref = artifact.ref;
    const size = artifact.source.size;
    if (size > MAX_TEXT_FILE_BYTES) {
      yield fact("card.document", { bytes: size, lines: 0, lineEnding: "none", frontMatter: "refused", bodyStartLine: 1, complete: false }, ref);
      throw new LimitExceededError("MAX_TEXT_FILE_BYTES", `model card is ${size} bytes, more than the ${MAX_TEXT_FILE_BYTES} modelgate reads`);
    }
    const lists = cardLists(ctx.list);
    const text = decodeText(await artifact.source.read(0, size, ctx.signal));
    const { lines: all, lineEnding } = splitLines(text);
    const out: Fact[] = [];
    const doc: CardDocument = { bytes: size, lines: all.length, lineEnding, frontMatter: "absent", bodyStartLine: 1, complete: true };
    let metadata = emptyMetadata();
    let metadataRegion: Region | undefined;
    const found = findFrontMatter(all);
    if (found.kind === "unterminated") {
      out.push(fact("card.metadata-problem", { problem: "unterminated", detail: "README.md opens with --- but the front matter is never closed, so the Hub reads no metadata" }, ref, lines(found.startLine, found.startLine)));
    } else if (found.kind === "block") {
      const b = found.block;
      doc.bodyStartLine = b.endLine + 1;
      metadataRegion = lines(b.startLine, b.endLine);
      const parsed = parseFrontMatter(b.yaml);
      if (!parsed.ok) {
        doc.frontMatter = "refused";
        const at = parsed.line !== undefined ? lines(b.yamlStartLine + parsed.line, b.yamlStartLine + parsed.line) : metadataRegion;
        out.push(fact("card.metadata-problem", parsed.problem, ref, at));
      } else {
        doc.frontMatter = "parsed";
        const fieldLines = topLevelKeyLines(b.yaml, b.yamlStartLine);
        const read = readMetadata(parsed.value as Record<string, unknown>, fieldLines);
        metadata = read.metadata;
        const metrics = readModelIndex(parsed.value as Record<string, unknown>);
        if (metrics.length > 0) out.push(fact("card.model-index", metrics, ref, fieldLines["model-index"] ? lines(fieldLines["model-index"].startLine, fieldLines["model-index"].endLine) : metadataRegion));
        for (const p of read.problems) {
          const at = fieldLines[p.field];
          out.push(fact("card.metadata-problem", p, ref, at ? lines(at.startLine, at.endLine) : metadataRegion));
        }
      }
    }
    let body: ScannedBody;
    try {
      body = scanHeadings(all, doc.bodyStartLine);
    } catch (e) {
      doc.complete = false;
      yield fact("card.document", doc, ref);
      yield fact("card.metadata", metadata, ref, metadataRegion);
      yield* out;
      throw e;
    }
    yield fact("card.document", doc, ref);
    yield fact("card.metadata", metadata, ref, metadataRegion);
    yield* out;
    for (const s of buildSections(all, body.headings, all.length, lists)) {
      yield fact("card.section", s.section, ref, lines(s.startLine, s.endLine, s.section.heading));
    }
    for (const st of findStatements(all, doc.bodyStartLine, body.codeLines, lists.pii)) {
      yield fact("card.pii-statement", { text: st.text, reason: st.reason }, ref, lines(st.startLine, st.endLine, st.text));
    }
    for (const st of findStatements(all, doc.bodyStartLine, body.codeLines, lists.trainingData)) {
      yield fact("card.training-data-statement", { text: st.text, reason: st.reason }, ref, lines(st.startLine, st.endLine, st.text));
    }
  },
};
