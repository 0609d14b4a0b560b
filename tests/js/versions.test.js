// Versions of the rules (rules.schedule.versions): the calculator and the plan apply to each
// contract the version in force on its first day (section 5 as the data reads it) and say
// which and why. The rules are the built site's, with an amendment made here the way the
// build makes one (tests/test_amendment.py builds a real one from derived data): decided on
// 2026-12-01, in force from 2027-04-01, a one-year contract renewed yearly is visited every
// two years instead of three; the earlier version keeps the site's own rules.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const built = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const schedule = require(path.join(SITE, "assets/handbook/schedule.js"));
const plan = require(path.join(SITE, "assets/handbook/plan.js"));

const DECIDED = "2026-12-01";
const EFFECTIVE = "2027-04-01";
const ORIGINAL = built.schedule.versions[built.schedule.versions.length - 1];

/** The built rules with the amendment; `kept`: whether the earlier version's rules are kept. */
function amended(kept) {
  const rules = JSON.parse(JSON.stringify(built));
  const before = JSON.parse(JSON.stringify(rules.schedule.types));
  const onsite = rules.schedule.types.one_year.checks.find((c) => c.onsite).onsite;
  assert.equal(onsite.years, 3, "the site's own interval");
  onsite.years = 2;
  rules.schedule.versions = [
    { revision: ORIGINAL.revision, decided: ORIGINAL.decided, effective: ORIGINAL.effective, types: kept ? before : null },
    { revision: "rev-amendment", decided: DECIDED, effective: EFFECTIVE }
  ];
  return rules;
}

// Renewed every year; the last visit 2025-06-15: two years later (2027-06-15) falls in a term
// ending 2028-03-31, three years later (2028-06-15) does not.
const renewed = (start, end) => ({ type: "one_year", start, end, renewedYearly: true, lastOnsiteVisit: "2025-06-15" });
const methods = (result) => result.events.filter((e) => e.phase === "during_contract").map((e) => e.method);
const versionNote = (result) => result.notes.filter((n) => n.code.startsWith("version_"));

test("without an amendment the result names the single version and adds no note", () => {
  const result = schedule.computeSchedule(built, renewed("2027-04-01", "2028-03-31"));
  assert.equal(built.schedule.versions.length, 1);
  assert.equal(result.version.revision, ORIGINAL.revision);
  assert.equal(result.version.reason, "latest");
  assert.deepEqual(versionNote(result), []);
});

test("contracts on both sides of the effective date get their own version's rules, and say why", () => {
  const rules = amended(true);
  // The day before the effective date: the earlier version (three years), a written check.
  const before = schedule.computeSchedule(rules, renewed("2027-03-31", "2028-03-30"));
  assert.deepEqual(before.errors, []);
  assert.equal(before.version.revision, ORIGINAL.revision);
  assert.equal(before.version.reason, "earlier");
  assert.equal(before.version.next.effective, EFFECTIVE);
  assert.deepEqual(methods(before), ["written"]);
  const [note] = versionNote(before);
  assert.equal(note.code, "version_earlier");
  for (const lang of ["ja", "en"]) {
    assert.ok(note.message[lang].includes(schedule.formatDate(ORIGINAL.decided, lang, rules)), note.message[lang]);
    assert.ok(note.message[lang].includes(schedule.formatDate(EFFECTIVE, lang, rules)), note.message[lang]);
    assert.ok(note.message[lang].includes(schedule.formatDate("2027-03-31", lang, rules)), note.message[lang]);
    assert.doesNotMatch(note.message[lang], /\{|\}|object/);
  }
  // On the effective date: the amended version (two years), an on-site check.
  const on = schedule.computeSchedule(rules, renewed("2027-04-01", "2028-03-31"));
  assert.equal(on.version.revision, "rev-amendment");
  assert.equal(on.version.reason, "latest");
  assert.deepEqual(methods(on), ["onsite"]);
  assert.equal(versionNote(on)[0].code, "version_latest");
  assert.ok(versionNote(on)[0].message.ja.includes(schedule.formatDate(DECIDED, "ja", rules)));
  // The same contract under the earlier rules would not be visited: the difference is the version.
  const old = schedule.computeSchedule(built, renewed("2027-04-01", "2028-03-31"));
  assert.deepEqual(methods(old), ["written"]);
});

test("a long-term contract that started before the standard took effect is governed by the first version", () => {
  const rules = amended(true);
  const result = schedule.computeSchedule(rules, { type: "long_term_continuing", start: "2021-10-01", end: "2026-09-30" });
  assert.equal(result.applicable, true);
  assert.equal(result.version.revision, ORIGINAL.revision);
  assert.equal(result.version.reason, "earlier");
});

test("where the earlier rules are not kept, the amended rules apply to every contract, and the result says so", () => {
  const rules = amended(false);
  const result = schedule.computeSchedule(rules, renewed("2027-03-31", "2028-03-30"));
  assert.equal(result.version.revision, "rev-amendment");
  assert.equal(result.version.reason, "not_kept");
  assert.deepEqual(methods(result), ["onsite"]);
  assert.equal(versionNote(result)[0].code, "version_not_kept");
  assert.ok(schedule.versionText(result.version, "en", rules).length > 0);
});

test("the version picked is the last one in force on the first day, for any start date", () => {
  const rules = amended(true);
  for (const start of ["2023-04-01", "2026-12-01", "2027-03-31", "2027-04-01", "2027-04-02", "2030-01-01"]) {
    const picked = schedule.governingVersion(rules.schedule, start);
    assert.equal(picked.revision, start >= EFFECTIVE ? "rev-amendment" : ORIGINAL.revision, start);
    assert.equal(picked.types, start >= EFFECTIVE ? rules.schedule.types : rules.schedule.versions[0].types, start);
  }
  assert.equal(schedule.governingVersion({ types: {} }, "2027-04-01"), null);
});

test("each plan row carries the version applied to its contract; contracts on both sides get their own", () => {
  const rules = amended(true);
  const col = (field) => rules.plan.columns[field].en;
  const register = [
    ["name", "type", "start", "end", "renewedYearly", "lastOnsiteVisit"].map(col).join("\t"),
    ["Before", "one_year", "2027-03-31", "2028-03-30", rules.answers.yes[0], "2025-06-15"].join("\t"),
    ["After", "one_year", "2027-04-01", "2028-03-31", rules.answers.yes[0], "2025-06-15"].join("\t")
  ].join("\n");
  const result = plan.makePlan(rules, register, { fy: 2027, today: "2027-05-01" });
  assert.deepEqual(result.problems, []);
  const during = result.events.filter((item) => item.event.phase === "during_contract");
  const byName = Object.fromEntries(during.map((item) => [item.name, item]));
  assert.equal(byName.Before.version.revision, ORIGINAL.revision);
  assert.equal(byName.Before.event.method, "written");
  assert.equal(byName.After.version.revision, "rev-amendment");
  assert.equal(byName.After.event.method, "onsite");
  for (const lang of ["ja", "en"]) {
    assert.ok(schedule.versionText(byName.Before.version, lang, rules).includes(schedule.formatDate(ORIGINAL.decided, lang, rules)));
    assert.ok(schedule.versionText(byName.After.version, lang, rules).includes(schedule.formatDate(DECIDED, lang, rules)));
  }
  assert.equal(schedule.versionText(byName.After.version, "ja", built), "", "no version text without an amendment");
});
