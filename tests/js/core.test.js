// The core of the page scripts (assets/handbook/handbook-core.js): calendar, the one
// filler, answers, eras from the data, the date reader, control characters and CSV cells,
// against the built site's rules and against rules that differ from them on purpose.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const core = require(path.join(SITE, "assets/handbook/handbook-core.js"));

/** A deep copy of the site's rules, changed by `edit`. */
function variant(edit) {
  const copy = JSON.parse(JSON.stringify(rules));
  edit(copy);
  return copy;
}

// ------------------------------------------------------------------ calendar

test("day numbers and civil dates are inverse over four centuries, leap days included", () => {
  const start = core.dayNumber(1900, 1, 1);
  const end = core.dayNumber(2300, 12, 31);
  let [y, m, d] = [1900, 1, 1];
  for (let n = start; n <= end; n++) {
    assert.deepEqual(core.civil(n), [y, m, d]);
    d += 1;
    if (d > core.daysInMonth(y, m)) { d = 1; m += 1; }
    if (m > 12) { m = 1; y += 1; }
  }
  assert.equal(core.dayNumber(1970, 1, 1), 0);
  assert.equal(core.daysInMonth(2024, 2), 29);
  assert.equal(core.daysInMonth(2100, 2), 28);
  assert.equal(core.daysInMonth(2000, 2), 29);
});

test("ISO dates: only real YYYY-MM-DD dates are read", () => {
  assert.equal(core.validISO("2025-04-01"), "2025-04-01");
  assert.equal(core.validISO("2024-02-29"), "2024-02-29");
  for (const bad of ["2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-4-1", " 2025-04-01", "", null, 20250401, "0000-01-01"]) {
    assert.equal(core.parseISO(bad), null, String(bad));
  }
});

test("months are added with the last day of a shorter month, periods end as Civil Code Art. 143 counts", () => {
  assert.equal(core.addMonthsISO("2025-01-31", 1), "2025-02-28");
  assert.equal(core.addMonthsISO("2024-01-31", 1), "2024-02-29");
  assert.equal(core.addMonthsISO("2025-03-31", -1), "2025-02-28");
  assert.equal(core.addMonthsISO("2025-04-01", 12), "2026-04-01");
  assert.equal(core.addMonthsISO("2025-02-30", 1), null);
  const end = (iso, k) => core.isoOf(core.periodEnd(core.parseISO(iso), k));
  assert.equal(end("2024-08-31", 6), "2025-02-28");
  assert.equal(end("2025-04-01", 12), "2026-03-31");
  assert.equal(end("2024-02-29", 12), "2025-02-28");
  assert.equal(end("2025-01-15", 1), "2025-02-14");
  assert.equal(core.addDaysISO("2024-12-31", 1), "2025-01-01");
  assert.equal(core.addDaysISO("2025-03-01", -1), "2025-02-28");
});

test("today is the local calendar date of the clock", () => {
  assert.equal(core.today(new Date(2025, 3, 1, 0, 0, 1)), "2025-04-01");
  assert.equal(core.today(new Date(2025, 11, 31, 23, 59, 59)), "2025-12-31");
  assert.match(core.today(), /^\d{4}-\d{2}-\d{2}$/);
});

// ------------------------------------------------------------------ the filler

test("the filler puts values and plural choices in one pass", () => {
  assert.equal(core.fill("{n} {n|year|years}", { n: 1 }), "1 year");
  assert.equal(core.fill("{n} {n|year|years}", { n: 2 }), "2 years");
  assert.equal(core.fill("{n} {n|year|years}", { n: 0 }), "0 years");
  assert.equal(core.fill("{n|one|other}", { n: "1" }), "one");
  // a value is never read as a template, unknown names and odd braces stay
  assert.equal(core.fill("{a}{b}", { a: "{b}", b: "x" }), "{b}x");
  assert.equal(core.fill("{missing} {a} { a } {a|x} {", { a: 1 }), "{missing} 1 { a } {a|x} {");
  assert.equal(core.fill("{toString}", {}), "{toString}");
  assert.equal(core.fill(null, {}), "");
  assert.deepEqual(core.fillBoth({ ja: "{n}件の{what}", en: "{n} {n|check|checks} of {what}" }, { n: 1, what: { ja: "確認", en: "the year" } }),
    { ja: "1件の確認", en: "1 check of the year" });
});

test("full-width text becomes ASCII", () => {
  assert.equal(core.toAscii("　Ｒ７．４．１　"), "R7.4.1");
  assert.equal(core.toAscii("２０２５"), "2025");
  assert.equal(core.toAscii(null), "");
});

// ------------------------------------------------------------------ answers

test("answers are the data's yes and no words, in any case and width", () => {
  for (const w of rules.answers.yes) {
    assert.equal(core.answer(rules, w), true, w);
    assert.equal(core.answer(rules, String(w).toUpperCase()), true, w);
  }
  for (const w of rules.answers.no) assert.equal(core.answer(rules, w), false, w);
  assert.equal(core.answer(rules, "ＹＥＳ"), rules.answers.yes.includes("yes") ? true : null);
  assert.equal(core.answer(rules, ""), false);
  assert.equal(core.answer(rules, "   "), false);
  assert.equal(core.answer(rules, "perhaps"), null);
  const other = variant((r) => { r.answers = { yes: ["ja"], no: ["nein"] }; });
  assert.equal(core.answer(other, "JA"), true);
  assert.equal(core.answer(other, "yes"), null);
  assert.equal(core.yesWord(other), "ja");
});

// ------------------------------------------------------------------ eras

test("era dates come from the data: 元年, the last day of an era, before every era", () => {
  assert.equal(core.formatDate("2025-10-01", "ja", rules), "令和7年10月1日");
  assert.equal(core.formatDate("2019-05-01", "ja", rules), "令和元年5月1日");
  assert.equal(core.formatDate("2019-04-30", "ja", rules), "平成31年4月30日");
  assert.equal(core.formatDate("1989-01-08", "ja", rules), "平成元年1月8日");
  assert.equal(core.formatDate("1900-01-01", "ja", rules), "1900年1月1日");
  assert.equal(core.formatDate("2025-10-01", "en", rules), "1 October 2025");
  assert.equal(core.formatDate("not a date", "ja", rules), "not a date");
  assert.equal(core.eraYear("2019-05-01", rules), "令和元");
});

test("an era table that differs from the browser's own calendar is the one used", () => {
  // an era announced after the browser was built: ICU cannot know it
  const other = variant((r) => {
    r.calendar.eras.push({ name: { ja: "新元号", en: "Shingengo" }, start: "2025-06-01" });
    r.calendar.firstYear = { ja: "はじめ", en: "1" };
  });
  assert.equal(core.formatDate("2025-06-01", "ja", other), "新元号はじめ年6月1日");
  assert.equal(core.formatDate("2026-01-01", "ja", other), "新元号2年1月1日");
  assert.equal(core.formatDate("2025-05-31", "ja", other), "令和7年5月31日");
  assert.equal(core.readDate("新元号はじめ年6月1日", other).value, "2025-06-01");
  // 令和7年6月1日 is in the new era, and 昭和元年 began on 25 December 1926
  assert.equal(core.readDate("令和7年6月1日", other).error.code, "era_year");
  assert.equal(core.readDate("昭和はじめ年6月1日", other).error.code, "era_year");
  // two eras of the data begin with S: the initial alone says neither
  assert.equal(core.readDate("S1.6.1", other).error.code, "format");
  assert.equal(core.readDate("S1.6.1", rules).error.code, "era_year");
  assert.equal(core.readDate("S64.1.7", rules).value, "1989-01-07");
  // without any calendar in the rules, a Japanese date is left as ISO, never ICU's era
  const bare = variant((r) => { delete r.calendar; });
  assert.equal(core.formatDate("2025-10-01", "ja", bare), "2025-10-01");
  assert.equal(core.formatDate("2025-10-01", "en", bare), "1 October 2025");
});

// ------------------------------------------------------------------ the date reader

test("the date reader reads every form, full width too", () => {
  const forms = {
    "2025-04-01": "2025-04-01",
    "2025-4-1": "2025-04-01",
    "2025/4/1": "2025-04-01",
    "2025.04.01": "2025-04-01",
    "2025年4月1日": "2025-04-01",
    "2025 年 4 月 1 日": "2025-04-01",
    "令和7年4月1日": "2025-04-01",
    "令和 7年 4月 1日": "2025-04-01",
    "令和元年5月1日": "2019-05-01",
    "平成元年1月8日": "1989-01-08",
    "平成31年4月30日": "2019-04-30",
    "令和7/4/1": "2025-04-01",
    "R7.4.1": "2025-04-01",
    "r7.4.1": "2025-04-01",
    "H31.4.30": "2019-04-30",
    "R07.04.01": "2025-04-01",
    "２０２５－０４－０１": "2025-04-01",
    "２０２５／４／１": "2025-04-01",
    "2025\u221204\u221201": "2025-04-01",
    "2025\u201004\u201001": "2025-04-01",
    "令和７年４月１日": "2025-04-01",
    "Ｒ７．４．１": "2025-04-01",
    "㋿7年4月1日": "2025-04-01",
    "㍻31年4月30日": "2019-04-30",
    "2024-02-29": "2024-02-29",
  };
  for (const [typed, iso] of Object.entries(forms)) {
    assert.deepEqual(core.readDate(typed, rules), { value: iso, error: null }, typed);
  }
  assert.deepEqual(core.readDate("", rules), { value: "", error: null });
  assert.deepEqual(core.readDate("  　", rules), { value: "", error: null });
  assert.deepEqual(core.readDate(null, rules), { value: "", error: null });
});

test("a bad date gets a located error with the text as typed", () => {
  const cases = [
    // typed, code, the part at fault
    ["tomorrow", "format", "tomorrow"],
    ["2025-04", "format", "2025-04"],
    ["2025-04-01x", "format", "2025-04-01x"],
    ["2025-13-01", "month", "13"],
    ["2025-02-30", "day", "30"],
    ["2025年2月29日", "day", "29"],
    ["令和7年2月30日", "day", "30"],
    ["２０２５－０２－３０", "day", "３０"],
    ["Ｒ７．１３．１", "month", "１３"],
    ["令和元年4月1日", "era_year", "令和元年4月1日"],
    ["平成32年1月1日", "era_year", "平成32年1月1日"],
    ["令和0年4月1日", "era_year", "0"],
    ["X7.4.1", "format", "X7.4.1"],
    ["0000-01-01", "format", "0000-01-01"],
  ];
  for (const [typed, code, part] of cases) {
    const r = core.readDate(typed, rules);
    assert.equal(r.value, "", typed);
    assert.ok(r.error, typed);
    assert.equal(r.error.code, code, typed);
    assert.equal(r.error.text, typed);
    assert.equal(typed.slice(r.error.start, r.error.end), part, typed);
  }
});

test("a date read that far carries its parts and its era", () => {
  assert.deepEqual(core.readDate("令和7年2月30日", rules).error.parts, [2025, 2, 30]);
  const outside = core.readDate("平成31年5月1日", rules).error;
  assert.equal(outside.code, "era_year");
  assert.deepEqual(outside.parts, [2019, 5, 1]);
  assert.deepEqual(outside.era, rules.calendar.eras.find((e) => e.start === "1989-01-08").name);
  assert.equal(core.readDate("2025-13-01", rules).error.era, undefined);
  assert.equal(core.readDate("tomorrow", rules).error.parts, undefined);
});

test("the date reader takes its eras and units from the data", () => {
  const other = variant((r) => { r.calendar.eras[0].name = { ja: "新元号", en: "Xyz" }; });
  assert.equal(core.readDate("新元号7年4月1日", other).value, "2025-04-01");
  assert.equal(core.readDate("X7.4.1", other).value, "2025-04-01");
  assert.equal(core.readDate("令和7年4月1日", other).error.code, "format");
  assert.equal(core.readDate("R7.4.1", other).error.code, "format");
  const bare = variant((r) => { delete r.calendar; });
  assert.equal(core.readDate("2025/4/1", bare).value, "2025-04-01");
  assert.equal(core.readDate("令和7年4月1日", bare).error.code, "format");
});

// ------------------------------------------------------------------ control characters

test("line breaks, controls and the data's bidirectional controls are found", () => {
  const withBidi = variant((r) => { r.controls = { bidi: [[0x202a, 0x202e], [0x2066, 0x2069]] }; });
  assert.deepEqual(core.findControl("A\nB", withBidi), { at: 1, kind: "line" });
  assert.deepEqual(core.findControl("AB\u2028", withBidi), { at: 2, kind: "line" });
  assert.deepEqual(core.findControl("A\u001bB", withBidi), { at: 1, kind: "control" });
  assert.deepEqual(core.findControl("A\u0085", withBidi), { at: 1, kind: "line" });
  assert.deepEqual(core.findControl("甲\u202e乙", withBidi), { at: 1, kind: "bidi" });
  assert.deepEqual(core.findControl("A\u2069", withBidi), { at: 1, kind: "bidi" });
  assert.equal(core.findControl("株式会社 A&B <東京>", withBidi), null);
  // the ranges are the data's: others are not refused, and a range of the data is
  const narrow = variant((r) => { r.controls = { bidi: [[0x2066, 0x2066]] }; });
  assert.equal(core.findControl("A\u202eB", narrow), null);
  assert.deepEqual(core.findControl("A\u2066B", narrow), { at: 1, kind: "bidi" });
});

test("a cleaned text keeps what it shows: one line break each, tabs as spaces, no control", () => {
  const withBidi = variant((r) => { r.controls = { bidi: [[0x202a, 0x202e], [0x2066, 0x2069]] }; });
  assert.equal(core.cleanText("  株式会社 A&B  ", withBidi), "株式会社 A&B");
  assert.equal(core.cleanText("A\r\nB\rC\u2028D\u2029E\u0085F\nG", withBidi), "A\nB\nC\nD\nE\nF\nG");
  assert.equal(core.cleanText("A\tB\u0000C\u001bD\u007fE\u009fF", withBidi), "A BCDEF");
  assert.equal(core.cleanText("甲\u202e乙\u2066丙", withBidi), "甲乙丙");
  assert.equal(core.cleanText(null, withBidi), "");
  assert.equal(core.cleanText(7, withBidi), "7");
  // the ranges are the data's, as findControl's
  const narrow = variant((r) => { r.controls = { bidi: [[0x2066, 0x2066]] }; });
  assert.equal(core.cleanText("A\u202eB\u2066C", narrow), "A\u202eBC");
  // every text cleaned has nothing findControl finds but its line breaks
  const pool = ["a", "語", " ", "\t", "\r", "\n", "\u0000", "\u0085", "\u009f", "\u2028", "\u202b", "\u2068", "\u00a0"];
  let seed = 7;
  for (let n = 0; n < 2000; n++) {
    let text = "";
    for (let i = 0; i < 8; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += pool[seed % pool.length];
    }
    const cleaned = core.cleanText(text, withBidi);
    const left = core.findControl(cleaned.replace(/\n/g, ""), withBidi);
    assert.equal(left, null, JSON.stringify([text, cleaned]));
    assert.equal(cleaned, cleaned.trim());
  }
});

// ------------------------------------------------------------------ CSV

test("a CSV cell is never a formula and is quoted where Excel needs it", () => {
  assert.equal(core.csvCell("plain"), "plain");
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    assert.ok(core.csvCell(start + "1+1").startsWith(start === "\r" ? "\"'" : "'"), JSON.stringify(start));
  }
  assert.equal(core.csvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  assert.equal(core.csvCell("a,b"), "\"a,b\"");
  assert.equal(core.csvCell("line\nbreak"), "\"line\nbreak\"");
  assert.equal(core.csvCell(null), "");
  assert.equal(core.csvLine(["a", "=1", "b,c"]), "a,'=1,\"b,c\"");
  assert.equal(core.csvFile(["a", "b"]), "\uFEFFa\r\nb\r\n");
});
