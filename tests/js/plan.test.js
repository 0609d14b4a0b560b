// The annual audit plan (assets/handbook/plan.js) against the handbook's promises: every
// check of a fiscal year is the calculator's own, a register is read in every form staff
// give it, and rows that cannot be planned are named with the calculator's message.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const { computeSchedule } = require(path.join(ROOT, "theme/assets/handbook/schedule.js"));
const plan = require(path.join(ROOT, "theme/assets/handbook/plan.js"));

const FIELDS = ["name", "type", "start", "end", "renewedYearly", "lastOnsiteVisit"];
const types = rules.schedule.typeOrder;
const label = (field, lang) => rules.plan.columns[field][lang];
const tsv = (rows) => rows.map((r) => r.join("\t")).join("\n");

/** A random valid contract, as the calculator's input. */
function randomContract(rand) {
  const type = types[Math.floor(rand() * types.length)];
  const y = 2022 + Math.floor(rand() * 5);
  // a third start on 1 April, whose pre-contract check falls on the last day of a fiscal year
  const m = rand() < 0.3 ? 4 : 1 + Math.floor(rand() * 12);
  const d = rand() < 0.3 ? 1 : 1 + Math.floor(rand() * 28);
  const start = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const months = [6, 12, 24, 36, 60][Math.floor(rand() * 5)];
  const end = plan.addDays(computeAddMonths(start, months), -1);
  return { type, start, end, renewedYearly: rand() < 0.5, lastOnsiteVisit: null };
}

function computeAddMonths(iso, n) {
  return require(path.join(ROOT, "theme/assets/handbook/schedule.js")).addMonths(iso, n);
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// ------------------------------------------------------------------ the same checks as the calculator

test("a plan holds exactly the calculator's checks of each contract that fall in the fiscal year", () => {
  const rand = lcg(7);
  const contracts = Array.from({ length: 200 }, (_, i) => ({ name: `契約${i}`, ...randomContract(rand) }));
  const text = tsv([FIELDS, ...contracts.map((c) => FIELDS.map((f) => String(c[f] ?? "")))]);
  for (const fy of [2023, 2024, 2025, 2026]) {
    const result = plan.makePlan(rules, text, { fy, today: "2025-09-15" });
    const from = `${fy}-04-01`;
    const to = `${fy + 1}-03-31`;
    assert.equal(result.from, from);
    assert.equal(result.to, to);
    const planned = new Set(result.problems.map((p) => p.row));
    const expected = [];
    contracts.forEach((c, i) => {
      const r = computeSchedule(rules, c);
      const blocked = r.errors.length || !r.applicable || r.warnings.some((w) => rules.plan.blockingWarnings.includes(w.code));
      assert.equal(planned.has(i + 2), Boolean(blocked), `row ${i + 2}`);
      if (blocked) return;
      for (const ev of r.events) if (ev.date >= from && ev.date <= to) expected.push(`${i + 2}|${ev.id}|${ev.date}|${ev.method}`);
    });
    const got = result.events.map((e) => `${e.row}|${e.event.id}|${e.event.date}|${e.event.method}`);
    assert.deepEqual([...got].sort(), [...expected].sort(), `fiscal year ${fy}`);
    assert.ok(expected.length > 20, `fiscal year ${fy} has checks`);
    // by month, April first, every check in its month
    assert.equal(result.months.length, 12);
    assert.equal(result.months[0].key, `${fy}-04`);
    assert.equal(result.months[11].key, `${fy + 1}-03`);
    assert.equal(result.months.reduce((n, m) => n + m.events.length, 0), result.events.length);
    for (const m of result.months) for (const e of m.events) assert.equal(e.event.date.slice(0, 7), m.key);
    assert.equal(result.counts.onsite, result.events.filter((e) => e.event.method === "onsite").length);
  }
});

test("each check is overdue, due within the data's window, or later, against today", () => {
  const days = rules.plan.dueSoonDays;
  const text = tsv([FIELDS, ["A", "under_one_year", "2025-04-01", "2026-01-31", "", ""]]);
  const [event] = computeSchedule(rules, { type: "under_one_year", start: "2025-04-01", end: "2026-01-31" }).events.slice(-1);
  const state = (today) => plan.makePlan(rules, text, { fy: 2025, today }).events.find((e) => e.event.id === event.id).state;
  assert.equal(state(plan.addDays(event.date, 1)), "overdue");
  assert.equal(state(event.date), "dueSoon");
  assert.equal(state(plan.addDays(event.date, -days)), "dueSoon");
  assert.equal(state(plan.addDays(event.date, -days - 1)), "later");
  const result = plan.makePlan(rules, text, { fy: 2025, today: plan.addDays(event.date, 1) });
  assert.equal(result.counts.overdue + result.counts.dueSoon + result.counts.later, result.events.length);
});

test("the fiscal year defaults to the one of today and is named as staff name it", () => {
  const text = tsv([FIELDS]);
  assert.equal(plan.makePlan(rules, text, { today: "2026-03-31" }).fy, 2025);
  assert.equal(plan.makePlan(rules, text, { today: "2026-04-01" }).fy, 2026);
  assert.equal(plan.fiscalYearLabel(2025, "ja", rules), "令和7年度");
  assert.equal(plan.fiscalYearLabel(2020, "ja", rules), "令和2年度");
  assert.equal(plan.fiscalYearLabel(2025, "en", rules), "fiscal year 2025 (April 2025–March 2026)");
});

// ------------------------------------------------------------------ reading the register

test("headers in either language or as field names, in any order, with other columns ignored", () => {
  const row = { name: "庁舎清掃", type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: "はい", lastOnsiteVisit: "" };
  const order = ["end", "lastOnsiteVisit", "name", "renewedYearly", "start", "type"];
  for (const header of ["ja", "en", "field"]) {
    const names = order.map((f) => (header === "field" ? f : label(f, header)));
    const text = tsv([["備考", ...names], ["メモ", ...order.map((f) => row[f])]]);
    const [parsed] = plan.parseRegister(text, rules).rows;
    assert.equal(parsed.name, "庁舎清掃", header);
    assert.deepEqual(parsed.input, { type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: true, lastOnsiteVisit: null });
    assert.equal(parsed.row, 2);
  }
});

test("CSV with quotes, commas and line breaks inside cells, and a BOM, reads like the same TSV", () => {
  const csv = '\uFEFFname,type,start,end\r\n"清掃, 本庁舎","長期継続契約","2024/4/1","2027/3/31"\r\n"複数\n行の名前",one_year,2025-04-01,2026-03-31\r\n';
  const { rows, problems } = plan.parseRegister(csv, rules);
  assert.deepEqual(problems, []);
  assert.deepEqual(rows.map((r) => [r.row, r.name, r.input.type, r.input.start, r.input.end]), [
    [2, "清掃, 本庁舎", "long_term_continuing", "2024-04-01", "2027-03-31"],
    [3, "複数\n行の名前", "one_year", "2025-04-01", "2026-03-31"],
  ]);
});

test("contract types by id, Japanese name or English name", () => {
  for (const id of types) {
    const t = rules.schedule.types[id];
    for (const cell of [id, t.name.ja, t.name.en, ` ${t.name.en.toUpperCase()} `]) assert.equal(plan.readType(cell, rules), id, cell);
  }
  assert.equal(plan.readType("随意契約", rules), "随意契約");
});

test("dates as ISO, with slashes, and in eras from the data (元年 included)", () => {
  const cases = {
    "2025-04-01": "2025-04-01",
    "2025/4/1": "2025-04-01",
    "２０２５／４／１": "2025-04-01",
    "令和7年4月1日": "2025-04-01",
    "令和 7年 4月 1日": "2025-04-01",
    "令和元年5月1日": "2019-05-01",
    "平成31年4月30日": "2019-04-30",
    "平成元年1月8日": "1989-01-08",
    "昭和64年1月7日": "1989-01-07",
  };
  for (const [cell, iso] of Object.entries(cases)) {
    assert.deepEqual(plan.readDate(cell, rules), { value: iso, problem: null }, cell);
  }
  // the era table is the data's: a renamed era reads only under its new name
  const other = JSON.parse(JSON.stringify(rules));
  other.calendar.eras[0].name.ja = "新元号";
  assert.equal(plan.readDate("新元号7年4月1日", other).value, "2025-04-01");
  assert.equal(plan.readDate("令和7年4月1日", other).value, "令和7年4月1日");
  // a date outside its era is named as such
  const wrong = plan.readDate("平成31年5月1日", rules);
  assert.equal(wrong.value, "2019-05-01");
  assert.match(wrong.problem.ja, /平成31年5月1日/);
  assert.match(wrong.problem.en, /Heisei/);
});

test("yes and no in every form of the data; blank is no; anything else is the calculator's error", () => {
  for (const w of rules.answers.yes) assert.equal(plan.readFlag(w, rules), true, w);
  for (const w of rules.answers.no) assert.equal(plan.readFlag(w, rules), false, w);
  for (const w of ["はい", "Yes", "TRUE", "1", "○", "ｙｅｓ"]) assert.equal(plan.readFlag(w, rules), true, w);
  for (const w of ["いいえ", "no", "False", "0", "×", ""]) assert.equal(plan.readFlag(w, rules), false, w);
  assert.equal(plan.readFlag("たぶん", rules), "たぶん");
});

// ------------------------------------------------------------------ rows that cannot be planned

test("bad rows are listed by row number with the calculator's message; the others are planned", () => {
  const text = tsv([
    FIELDS,
    ["良い契約", "one_year", "2025-04-01", "2026-03-31", "", ""],
    ["", "", "", "", "", ""],
    ["逆の期間", "one_year", "2025-04-01", "2025-03-01", "", ""],
    ["不明な種類", "随意契約", "2025-04-01", "2026-03-31", "", ""],
    ["ない日付", "one_year", "令和7年2月30日", "2026-03-31", "", ""],
    ["合わない期間", "one_year", "2025-04-01", "2027-03-31", "", ""],
    ["変な値", "one_year", "2025-04-01", "2026-03-31", "たぶん", ""],
    ["", "", "", "", "", ""],
    ["もう一つ", "under_one_year", "2025-06-01", "2025-11-30", "いいえ", ""],
  ]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  assert.equal(result.contracts, 7);
  const message = (input) => {
    const r = computeSchedule(rules, input);
    return (r.errors.length ? r.errors : r.warnings).map((e) => e.message);
  };
  assert.deepEqual(result.problems.map((p) => [p.row, p.name, p.messages]), [
    [4, "逆の期間", message({ type: "one_year", start: "2025-04-01", end: "2025-03-01" })],
    [5, "不明な種類", message({ type: "随意契約", start: "2025-04-01", end: "2026-03-31" })],
    [6, "ない日付", message({ type: "one_year", start: "2025-02-30", end: "2026-03-31" })],
    [7, "合わない期間", message({ type: "one_year", start: "2025-04-01", end: "2027-03-31" })],
    [8, "変な値", message({ type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: "たぶん" })],
  ]);
  assert.deepEqual([...new Set(result.events.map((e) => e.name))].sort(), ["もう一つ", "良い契約"].sort());
});

test("a header without the needed columns is one problem on row 1; an empty register is one problem", () => {
  const result = plan.makePlan(rules, "name\tstart\nA\t2025-04-01", { fy: 2025, today: "2025-09-15" });
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0].row, 1);
  assert.ok(result.problems[0].messages[0].ja.includes(label("type", "ja")));
  assert.ok(result.problems[0].messages[0].en.includes(label("end", "en")));
  assert.equal(result.events.length, 0);
  const empty = plan.makePlan(rules, "\n\n", { fy: 2025, today: "2025-09-15" });
  assert.deepEqual(empty.problems.map((p) => p.messages[0]), [rules.plan.messages.empty]);
});

test("the register template plans without a single problem", () => {
  for (const lang of ["ja", "en"]) {
    const file = path.join(SITE, lang === "en" ? "en" : "", "tools/contract-register.csv");
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = plan.decode(new Uint8Array(bytes));
    assert.equal(text.split("\r\n")[0], FIELDS.map((f) => label(f, lang)).join(","));
    const result = plan.makePlan(rules, text, { fy: 2023, today: "2023-04-01" });
    assert.deepEqual(result.problems, []);
    assert.equal(result.contracts, types.length);
    assert.deepEqual(new Set(result.events.map((e) => e.input.type)), new Set(types));
  }
});

test("Shift_JIS and UTF-8 files decode to the same register", () => {
  const text = "契約名,契約の種類\r\n庁舎清掃,長期継続契約\r\n";
  const sjis = new Uint8Array([
    0x8c, 0x5f, 0x96, 0xf1, 0x96, 0xbc, 0x2c, 0x8c, 0x5f, 0x96, 0xf1, 0x82, 0xcc, 0x8e, 0xed, 0x97, 0xde, 0x0d, 0x0a,
    0x92, 0xa1, 0x8e, 0xc9, 0x90, 0xb4, 0x91, 0x7c, 0x2c, 0x92, 0xb7, 0x8a, 0xfa, 0x8c, 0x70, 0x91, 0xb1, 0x8c, 0x5f, 0x96, 0xf1, 0x0d, 0x0a,
  ]);
  assert.equal(plan.decode(sjis), text);
  assert.equal(plan.decode(new TextEncoder().encode("\uFEFF" + text)), text);
  assert.equal(plan.decode(new TextEncoder().encode(text)), text);
});

// ------------------------------------------------------------------ downloads

test("the CSV opens in Excel as text: BOM, CRLF, formulas neutralised", () => {
  const text = tsv([FIELDS, ["=HYPERLINK(\"x\")", "one_year", "2025-04-01", "2026-03-31", "", ""], ["+1", "one_year", "2025-04-01", "2026-03-31", "", ""], ["@SUM", "one_year", "2025-04-01", "2026-03-31", "", ""], ["-2", "one_year", "2025-04-01", "2026-03-31", "", ""]]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  const csv = plan.toCSV(result, "ja", rules);
  assert.ok(csv.startsWith("\uFEFF"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.at(-1), "");
  assert.equal(lines.length - 2, result.events.length);
  for (const line of lines.slice(1, -1)) assert.match(line.split(",")[3], /^("?)'[=+@-]/);
});

test("one .ics event per check with the contract's name; UIDs stable and distinct", () => {
  const text = tsv([FIELDS, ["本庁舎清掃", "one_year", "2025-04-01", "2026-03-31", "", ""], ["支所清掃", "one_year", "2025-04-01", "2026-03-31", "", ""]]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  const now = new Date(Date.UTC(2025, 8, 15));
  const ics = plan.toICS(result, "ja", rules, now);
  const unfolded = ics.replace(/\r\n /g, "");
  const uids = unfolded.match(/^UID:.*$/gm);
  assert.equal(uids.length, result.events.length);
  assert.equal(new Set(uids).size, uids.length);
  assert.match(unfolded, /SUMMARY:本庁舎清掃：/);
  assert.match(unfolded, /SUMMARY:支所清掃：/);
  // the same plan, rows reordered, gives the same UIDs
  const swapped = tsv([FIELDS, ["支所清掃", "one_year", "2025-04-01", "2026-03-31", "", ""], ["本庁舎清掃", "one_year", "2025-04-01", "2026-03-31", "", ""]]);
  const again = plan.toICS(plan.makePlan(rules, swapped, { fy: 2025, today: "2025-09-15" }), "ja", rules, now).replace(/\r\n /g, "");
  assert.deepEqual(new Set(again.match(/^UID:.*$/gm)), new Set(uids));
});
