import type { Assessment, AssessmentEvidence, ScoreReason } from "../../assessment/types.js";
import { esc } from "./escape.js";

function evidence(list: readonly AssessmentEvidence[]): string {
  if (list.length === 0) return "";
  return `<ul class="evidence">${list.map((e) => `<li>${esc(e.text)}${e.path ? ` <span class="muted">(<code>${esc(e.path)}</code>)</span>` : ""}</li>`).join("")}</ul>`;
}

function reasons(list: readonly ScoreReason[]): string {
  return `<ul class="evidence">${list.map((r) => `<li>${r.points > 0 ? `<strong>−${r.points}</strong> ` : ""}${esc(r.text)}${r.ruleIds && r.ruleIds.length > 0 ? ` <span class="muted">(${esc(r.ruleIds.join(", "))})</span>` : ""}</li>`).join("")}</ul>`;
}

function yesNo(ok: boolean, waived = false): string {
  return ok ? `<span class="badge s-pass">accepted</span>` : waived ? `<span class="badge s-review">waived</span>` : `<span class="badge s-fail">not accepted</span>`;
}

function tierPart(a: Assessment): string {
  const t = a.tier;
  if (!t) return `<p class="muted">No risk tier chosen (run with --tier 1|2|3): the default gate applies.</p>`;
  const items = t.items.map((i) => `<tr><td class="nowrap">${i.number}</td><td>${esc(i.title)}</td><td class="nowrap">${esc(i.status)}</td><td class="nowrap">${yesNo(i.accepted)}</td><td>${esc(i.reason)}${i.waiver ? ` <span class="muted">(waived by ${esc(i.waiver.reviewer)}: ${esc(i.waiver.reason)})</span>` : ""}</td></tr>`);
  const reqs = t.requirements.map((r) => `<tr><td>${esc(r.title)}</td><td class="nowrap">${yesNo(r.met, r.waived)}</td><td>${esc(r.reason)}${evidence(r.evidence)}</td></tr>`);
  return [
    `<h3 id="tier">Tier ${t.level}: ${esc(t.name)} ${t.passed ? `<span class="badge v-passed">passed</span>` : `<span class="badge v-failed">failed</span>`}</h3>`,
    `<p>${esc(t.description)} Fails on ${esc(t.failOn)}${t.failOn === "none" ? "" : " and above"}.</p>`,
    `<table class="tier-items"><thead><tr><th>#</th><th>Item</th><th>Status</th><th>Under this tier</th><th>Why</th></tr></thead><tbody>${items.join("")}</tbody></table>`,
    reqs.length > 0 ? `<table class="tier-requirements"><thead><tr><th>Requirement</th><th>Outcome</th><th>Why</th></tr></thead><tbody>${reqs.join("")}</tbody></table>` : "",
    t.ignoredWaivers.length > 0 ? `<p class="muted">Waivers not honoured: ${t.ignoredWaivers.map((w) => esc(`${w.rule ?? w.item ?? ""}: ${w.why}`)).join("; ")}</p>` : "",
  ].join("\n");
}

/** The assessment in the framework's terms: tier, scores, red flags, Section D, remediation. */
export function assessmentHtml(a: Assessment | undefined): string {
  if (!a) return "";
  const dims = a.scores.dimensions.map(
    (d) => `<tr data-dimension="${esc(d.id)}"><td>${esc(d.title)}</td><td class="score nowrap">${d.score === null ? "—" : `${d.score}/5`}</td><td>${esc(d.label)}${reasons(d.reasons)}</td></tr>`,
  );
  const overall = a.scores.overall;
  const flags = a.redFlags.map((f) => `<li><strong>${esc(f.title)}</strong>: ${esc(f.reason)}${evidence(f.evidence)}</li>`);
  const sectionD = a.sectionD.map(
    (q) =>
      `<tr data-question="${q.question}"><td class="nowrap">${q.question}</td><td>${esc(q.text)}</td><td class="nowrap">${esc(q.status)}</td><td>${esc(q.answer)}${evidence(q.evidence)}${q.askVendor ? `<p><strong>Ask the vendor:</strong> ${esc(q.askVendor)}</p>` : ""}</td></tr>`,
  );
  const actions = a.remediation.map(
    (r) => `<tr><td>${esc(r.text)}${evidence(r.evidence)}</td><td class="nowrap">${esc(r.owner)}</td><td class="nowrap">${r.due.date ? esc(r.due.date) : `within ${r.due.days} days`}</td><td>${esc([...r.items, ...r.requirements, ...r.ruleIds].join(", "))}</td></tr>`,
  );
  return [
    `<section id="assessment"><h2>Assessment</h2>`,
    a.date ? `<p>Assessment date: ${esc(a.date)}</p>` : "",
    tierPart(a),
    `<h3 id="scores">Scores (overall ${overall.score}/5, ${esc(overall.label)})</h3>`,
    `<p class="muted">${esc(overall.method)}</p>`,
    `<table class="scores"><thead><tr><th>Dimension</th><th>Score</th><th>Reasons</th></tr></thead><tbody>${dims.join("")}</tbody></table>`,
    `<h3 id="red-flags">Red flags (${a.redFlags.length})</h3>`,
    flags.length > 0 ? `<ul class="red-flags">${flags.join("")}</ul>` : `<p>None shown by the evidence.</p>`,
    `<h3 id="section-d">Section D: supply-chain security</h3>`,
    `<table class="section-d"><thead><tr><th>Q</th><th>Question</th><th>Status</th><th>Answer and evidence</th></tr></thead><tbody>${sectionD.join("")}</tbody></table>`,
    `<h3 id="remediation">Remediation plan (${a.remediation.length})</h3>`,
    actions.length > 0 ? `<table class="remediation"><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Resolves</th></tr></thead><tbody>${actions.join("")}</tbody></table>` : `<p>Nothing to remediate.</p>`,
    `</section>`,
  ].join("\n");
}
