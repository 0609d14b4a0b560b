// The correction step (the site's assets/handbook/correction.js): a reviewed checklist's
// findings give the guidance notice's fields and the plan's lines; a returned corrective
// action plan (the site's own spreadsheet, filled in as a contractor would) is read with
// every gap listed. (Files filled with openpyxl and saved by LibreOffice, and the page:
// tests/browser/test_correction_page.py.)
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const review = require(path.join(SITE, "assets/handbook/review.js"));
const correction = require(path.join(SITE, "assets/handbook/correction.js"));
const core = require(path.join(SITE, "assets/handbook/handbook-core.js"));
const fflate = require(path.join(SITE, "assets/vendor/fflate/fflate.js"));

const R = rules.review;
const C = rules.correction;
const enc = (s) => new TextEncoder().encode(s);
const dec = (b) => new TextDecoder().decode(b);
const answer = (finding, lang) => R.answers.find((a) => a.finding === finding).label[lang];
const SHEET = "xl/worksheets/sheet1.xml";

function edited(file, edit) {
  const files = fflate.unzipSync(new Uint8Array(fs.readFileSync(file)));
  const parts = {};
  for (const [name, bytes] of Object.entries(files)) parts[name] = dec(bytes);
  edit(parts);
  const out = {};
  for (const [name, text] of Object.entries(parts)) out[name] = enc(text);
  return fflate.zipSync(out);
}

function setCell(parts, ref, value) {
  const re = new RegExp(`<c r="${ref}"([^>]*?)(/>|>.*?</c>)`);
  assert.ok(re.test(parts[SHEET]), `no cell ${ref}`);
  const esc = String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  parts[SHEET] = parts[SHEET].replace(re, (m, attrs) => `<c r="${ref}"${attrs.replace(/ t="\w+"/, "")} t="inlineStr"><is><t xml:space="preserve">${esc}</t></is></c>`);
}

function setNumber(parts, ref, n) {
  const re = new RegExp(`<c r="${ref}"([^>]*?)(/>|>.*?</c>)`);
  parts[SHEET] = parts[SHEET].replace(re, (m, attrs) => `<c r="${ref}"${attrs.replace(/ t="\w+"/, "")}><v>${n}</v></c>`);
}

/** Sheet row of each id in a hidden column. */
function rowsOf(parts, column) {
  const out = {};
  const re = new RegExp(`<c r="${column}(\\d+)"[^>]*><is><t>([^<]+)</t></is></c>`, "g");
  let m;
  while ((m = re.exec(parts[SHEET]))) out[m[2]] = Number(m[1]);
  return out;
}

const checklistFile = (lang, id) => path.join(SITE, lang === "en" ? "en" : "", "checklists", `${id}.xlsx`);
const planFile = (lang) => path.join(SITE, lang === "en" ? "en" : "", "forms", C.plan.filename);

/** A checklist returned with `no` on the given rows (0-based), a remark on each, yes elsewhere. */
function returned(lang, id, noRows, particulars) {
  const rows = R.checklists[id].rows;
  const bytes = edited(checklistFile(lang, id), (parts) => {
    const at = rowsOf(parts, R.identity.idColumn);
    rows.forEach((row, i) => {
      setCell(parts, R.identity.answerColumn + at[row.id], answer(noRows.includes(i) ? "correction" : "adequate", lang));
      if (noRows.includes(i)) setCell(parts, R.identity.remarkColumn + at[row.id], `remark <${i}>`);
    });
    for (const [field, value] of Object.entries(particulars || {})) setCell(parts, R.identity.valueColumn + at[field], value);
  });
  const result = review.reviewWorkbook(rules, bytes);
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  return result;
}

const field = (register) => R.fields.find((f) => f.register === register).id;
const during = Object.keys(R.checklists).find((id) => R.checklists[id].phase === "during_contract");
const before = Object.keys(R.checklists).find((id) => R.checklists[id].phase === "before_contract");

for (const lang of ["ja", "en"]) {
  test(`${lang}: findings give the notice's rows, citation by contract type, due date and letter text`, () => {
    const result = returned(lang, during, [0, 2, 8], { [field("contractor")]: "ACME <b>", [field("name")]: "=HYPERLINK(1)" });
    for (const type of C.contractTypes) {
      const n = correction.notice(rules, result, { contractType: type.id, date: "2025-10-01", due: correction.dueDate(rules, "2025-10-01"), sender: "Dept", checked: "2025-09-30", lang });
      assert.equal(n.citation, type.during_contract);
      assert.equal(n.citationLabel, rules.citations[type.during_contract][lang]);
      assert.ok(n.body.includes(n.citationLabel));
      assert.deepEqual(n.rows.map((r) => r.id), [0, 2, 8].map((i) => R.checklists[during].rows[i].id));
      n.rows.forEach((r, k) => {
        const row = R.checklists[during].rows[[0, 2, 8][k]];
        assert.equal(r.point, row.text[lang]);
        assert.equal(r.answer, answer("correction", lang));
        assert.equal(r.remark, `remark <${[0, 2, 8][k]}>`);
      });
      assert.ok(n.addressee.includes("ACME <b>"));
      assert.ok(n.body.includes("=HYPERLINK(1)"));
      assert.ok(n.body.includes(core.formatDate(core.addDaysISO("2025-10-01", C.notice.dueDays), lang, rules)));
      assert.ok(n.body.includes(core.formatDate("2025-09-30", lang, rules)));
      assert.doesNotMatch(n.body + n.addressee, /\{[a-z]+\}/);
      assert.equal(n.title, C.notice.title[lang]);
      assert.equal(n.model, C.model[lang]);
    }
  });

  test(`${lang}: a checklist used before the contract cites the guidance before the contract`, () => {
    const result = returned(lang, before, [1]);
    for (const type of C.contractTypes) {
      assert.equal(correction.citationFor(rules, before, type.id), type.before_contract);
      assert.equal(correction.notice(rules, result, { contractType: type.id, date: "", due: "", lang }).citation, type.before_contract);
    }
    assert.equal(correction.citationFor(rules, before, "no-such-type"), null);
  });

  test(`${lang}: unanswered rows need correction too; a clean checklist has nothing to correct`, () => {
    const clean = returned(lang, during, []);
    assert.deepEqual(correction.needsCorrection(clean), []);
    assert.deepEqual(correction.planLines(rules, clean, lang), []);
    const blank = review.reviewWorkbook(rules, new Uint8Array(fs.readFileSync(checklistFile(lang, during))));
    assert.equal(correction.needsCorrection(blank).length, R.checklists[during].rows.length);
  });

  test(`${lang}: the plan's lines are the findings, with the contractor's answer and remark`, () => {
    const result = returned(lang, during, [3, 4]);
    const lines = correction.planLines(rules, result, lang);
    assert.deepEqual(lines.map((l) => l.id), [3, 4].map((i) => R.checklists[during].rows[i].id));
    lines.forEach((l, k) => {
      const row = R.checklists[during].rows[[3, 4][k]];
      assert.equal(l.item, `${row.marker} ${row.title[lang]}`);
      assert.ok(l.finding.startsWith(R.findings.correction[lang]));
      assert.ok(l.finding.includes(`remark <${[3, 4][k]}>`));
    });
  });
}

test("the due date is the notice's date plus the data's offset", () => {
  assert.equal(correction.dueDate(rules, "2025-12-25"), core.addDaysISO("2025-12-25", C.notice.dueDays));
  assert.equal(correction.dueDate(rules, "not a date"), "");
});

/** The site's plan filled in: `lines` [{item, finding, measure, person, completion}] in order. */
function plan(lang, lines, particulars) {
  return edited(planFile(lang), (parts) => {
    const at = rowsOf(parts, C.plan.idColumn);
    const ids = Object.keys(at).filter((id) => !C.plan.fields.some((f) => f.id === id)).sort((a, b) => at[a] - at[b]);
    lines.forEach((line, n) => {
      for (const [key, value] of Object.entries(line)) {
        const ref = C.plan.sheetColumns[key] + at[ids[n]];
        if (typeof value === "number") setNumber(parts, ref, value);
        else setCell(parts, ref, value);
      }
    });
    for (const [id, value] of Object.entries(particulars || {})) setCell(parts, C.plan.valueColumn + at[id], value);
  });
}

for (const lang of ["ja", "en"]) {
  test(`${lang}: a complete returned plan has nothing missing; dates as cells or text`, () => {
    const p = correction.reviewPlan(rules, plan(lang, [
      { item: "① A", finding: "F1", measure: "M1", person: "P1", completion: 45930 },
      { item: "③ B", finding: "F2", measure: "M2", person: "P2", completion: "令和7年12月1日" }
    ], { [C.plan.fields[0].id]: "Work <x>" }));
    assert.equal(p.ok, true, JSON.stringify(p.problems));
    assert.equal(p.lang, lang);
    assert.deepEqual(p.problems, []);
    assert.equal(p.complete, true);
    assert.deepEqual(p.missing, []);
    assert.deepEqual(p.lines.map((l) => [l.item, l.measure, l.person, l.completion]), [
      ["① A", "M1", "P1", core.isoOf(45930 - 25569)],
      ["③ B", "M2", "P2", "2025-12-01"]
    ]);
    assert.equal(p.particulars[C.plan.fields[0].id], "Work <x>");
  });

  test(`${lang}: a returned plan with gaps lists each missing measure, person and date, and an unreadable date`, () => {
    const p = correction.reviewPlan(rules, plan(lang, [
      { item: "① A", finding: "F1", measure: "", person: "P1", completion: 45930 },
      { item: "② B", finding: "F2", measure: "M2" },
      { item: "③ C", finding: "F3", measure: "M3", person: "P3", completion: "2025-02-30" }
    ]));
    assert.equal(p.ok, true);
    assert.equal(p.complete, false);
    const ids = p.lines.map((l) => l.id);
    assert.deepEqual(p.missing.map((m) => [ids.indexOf(m.line), m.what]), [[0, "measure"], [1, "person"], [1, "completion"], [2, "completion"]]);
    assert.ok(p.missing[0].message[lang].includes("① A"));
    assert.ok(p.missing[3].message.en.includes("2025-02-30"));
    for (const m of p.missing) assert.ok(m.message.ja && m.message.en);
  });

  test(`${lang}: a plan with no finding at all says so`, () => {
    const p = correction.reviewPlan(rules, new Uint8Array(fs.readFileSync(planFile(lang))));
    assert.equal(p.ok, true);
    assert.equal(p.complete, false);
    assert.deepEqual(p.missing.map((m) => m.what), ["lines"]);
  });
}

test("a checklist, garbage or an empty file is no plan; nothing throws", () => {
  const checklist = correction.reviewPlan(rules, new Uint8Array(fs.readFileSync(checklistFile("ja", during))));
  assert.equal(checklist.ok, false);
  assert.deepEqual(checklist.problems.map((p) => p.code), ["not_plan"]);
  for (const bytes of [new Uint8Array(0), enc("hello"), enc("PK\u0003\u0004broken")]) {
    const p = correction.reviewPlan(rules, bytes);
    assert.equal(p.ok, false);
    assert.ok(p.problems.length && p.problems[0].message.ja && p.problems[0].message.en);
  }
});
