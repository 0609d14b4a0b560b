// Numbers with nouns in the calculator's messages: the plural choice of the UI strings
// ({name|one|other}) gives "1 day" and "2 days", never "1 days", in every language.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const { computeSchedule, toICS, fill } = require(path.join(ROOT, "theme/assets/handbook/schedule.js"));

test("fill chooses the singular for 1 and the plural otherwise", () => {
  const template = "{count} {count|check|checks}";
  assert.equal(fill(template, { count: 1 }), "1 check");
  assert.equal(fill(template, { count: 0 }), "0 checks");
  assert.equal(fill(template, { count: 2 }), "2 checks");
  assert.equal(fill(template, { count: 11 }), "11 checks");
  // a name not given, or a malformed choice, stays as written
  assert.equal(fill(template, {}), template);
  assert.equal(fill("{count|check}", { count: 1 }), "{count|check}");
});

test("a term of 13 months and 1 day is called that, not '1 days'", () => {
  const r = computeSchedule(rules, { type: "one_year", start: "2025-04-01", end: "2026-05-01" });
  const warning = r.warnings.find((w) => w.code === "term_equal");
  assert.ok(warning, JSON.stringify(r.warnings));
  assert.match(warning.message.en, /this term is 13 months and 1 day\./);
  assert.doesNotMatch(warning.message.en, /\b1 days\b|\b1 months\b/);
  assert.match(warning.message.ja, /13か月と1日/);
});

test("a term of 1 month and 2 days is called that, not '1 months'", () => {
  const r = computeSchedule(rules, { type: "one_year", start: "2025-04-01", end: "2025-05-02" });
  const warning = r.warnings.find((w) => w.code === "term_equal");
  assert.match(warning.message.en, /this term is 1 month and 2 days\./);
});

test("type names are quoted, not capitalised mid-sentence", () => {
  const r = computeSchedule(rules, { type: "one_year", start: "2025-04-01", end: "2025-05-02" });
  const warning = r.warnings.find((w) => w.code === "term_equal");
  assert.ok(warning.message.en.includes("“" + rules.schedule.types.one_year.name.en + "”"), warning.message.en);
  assert.doesNotMatch(warning.message.en, /\bA [A-Z]/);
});

test("the .ics file cites the clause as the pages do, from rules.json", () => {
  const r = computeSchedule(rules, { type: "one_year", start: "2025-04-01", end: "2026-03-31" });
  const ics = toICS(r, "en", { rules, now: new Date(Date.UTC(2025, 0, 1)) }).replace(/\r\n /g, "");
  const written = r.events.find((e) => e.phase === "during_contract");
  assert.ok(ics.includes(rules.citations[written.source].en), ics);
});

// The model outline's article 8 for a designated-management agreement: the remedy is to
// revoke the designation or suspend the work (Local Autonomy Act Art. 244-2(11)), given in
// rules.json as the article's `textFor.agreement`; the other document types keep `text`.
test("the agreement's outline gives the designated-management remedy, not cancellation", () => {
    const { renderOutline } = require(path.join(ROOT, "theme/assets/handbook/clause.js"));
    const o = renderOutline(rules, { documentType: "agreement" });
    const article8 = o.articles.find((a) => a.item === "item-8");
    assert.match(article8.body.ja, /指定を取り消し/);
    assert.doesNotMatch(article8.body.ja, /解除/);
    assert.match(article8.body.en, /revoke the designation/);
    const contract = renderOutline(rules, { documentType: "contract" }).articles.find((a) => a.item === "item-8");
    assert.match(contract.body.ja, /解除/);
    assert.doesNotMatch(contract.body.ja, /指定を取り消し/);
  });
