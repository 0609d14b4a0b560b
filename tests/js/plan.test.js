// The annual audit plan (assets/handbook/plan.js) against the handbook's promises: every
// check of a fiscal year is the calculator's own, a register is read in every form staff
// give it, rows that cannot be planned are named with a message in the staff's words, the
// register's record marks checks done and follows corrections up as the data's readings
// say, and the plan's CSV reads back as the same register.
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
const core = require(path.join(ROOT, "theme/assets/handbook/handbook-core.js"));

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
  assert.equal(plan.fiscalYearLabel(2025, "en", rules), "Fiscal Year 2025 (April 2025–March 2026)");
});

// ------------------------------------------------------------------ reading the register

test("headers in either language or as field names, in any order, with other columns kept aside", () => {
  const row = { name: "庁舎清掃", type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: "はい", lastOnsiteVisit: "" };
  const order = ["end", "lastOnsiteVisit", "name", "renewedYearly", "start", "type"];
  for (const header of ["ja", "en", "field"]) {
    const names = order.map((f) => (header === "field" ? f : label(f, header)));
    const text = tsv([["備考", ...names], ["メモ", ...order.map((f) => row[f])]]);
    const [parsed] = plan.parseRegister(text, rules).rows;
    assert.equal(parsed.name, "庁舎清掃", header);
    assert.deepEqual(parsed.input, { type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: true, lastOnsiteVisit: null });
    assert.equal(parsed.row, 2);
    assert.deepEqual(plan.parseRegister(text, rules).extras.map((x) => x.label), ["備考"]);
    assert.deepEqual(parsed.extras, ["メモ"]);
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

test("contract types by the short names staff write: the data's aliases, in either width and case", () => {
  const aliases = rules.plan.typeAliases;
  for (const id of types) assert.ok(aliases[id].length > 0, id);
  for (const [id, words] of Object.entries(aliases)) {
    for (const w of words) {
      assert.equal(plan.readType(w, rules), id, w);
      assert.equal(plan.readType(` ${w.toUpperCase()} `, rules), id, w);
    }
  }
  assert.equal(plan.readType("１年", rules), "one_year");
  assert.equal(plan.readType("1年未満", rules), "under_one_year");
  // the aliases are the data's: another list, other names
  const other = JSON.parse(JSON.stringify(rules));
  other.plan.typeAliases = { one_year: ["単年度"] };
  assert.equal(plan.readType("単年度", other), "one_year");
  assert.equal(plan.readType("1年", other), "1年");
  // an unknown type is named with every accepted name
  const result = plan.makePlan(rules, tsv([FIELDS, ["X", "随意", "2025-04-01", "2026-03-31", "", ""]]), { fy: 2025, today: "2025-09-15" });
  const [msg] = result.problems[0].messages;
  assert.match(msg.ja, /「随意」/);
  for (const id of types) {
    assert.ok(msg.ja.includes(rules.schedule.types[id].name.ja), id);
    assert.ok(msg.en.includes(rules.schedule.types[id].name.en), id);
    for (const w of aliases[id]) assert.ok(msg.ja.includes(w), w);
  }
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
  assert.ok(plan.readDate("令和7年4月1日", other).problem);
  // a date outside its era is named as such, as typed
  const wrong = plan.readDate("平成31年5月1日", rules);
  assert.equal(wrong.value, "平成31年5月1日");
  assert.match(wrong.problem.ja, /平成31年5月1日/);
  assert.match(wrong.problem.en, /Heisei/);
});

test("a date that cannot be read is quoted back as typed, with its column, never as an ISO conversion", () => {
  for (const [field, typed] of [["start", "令和8年13月1日"], ["end", "2026/2/30"], ["lastCheck", "R7.4.31"], ["correctionDue", "来週"], ["preChecked", "２０２５／１３／１"]]) {
    const row = { name: "A", type: "one_year", start: "2025-04-01", end: "2026-03-31", [field]: typed };
    const header = Object.keys(row);
    const result = plan.makePlan(rules, tsv([header, header.map((f) => row[f])]), { fy: 2025, today: "2025-09-15" });
    assert.equal(result.problems.length, 1, field);
    const [msg] = result.problems[0].messages;
    assert.deepEqual(msg, core.fillBoth(rules.plan.messages.date_invalid, { value: typed, column: rules.plan.columns[field] }), field);
    assert.ok(!/\d{4}-\d{2}-\d{2}/.test(msg.ja.replace("2025-04-01", "")), msg.ja);
    assert.equal(result.events.length, 0);
  }
});

test("yes and no in every form of the data; blank is no; anything else is the calculator's error", () => {
  for (const w of rules.answers.yes) assert.equal(plan.readFlag(w, rules), true, w);
  for (const w of rules.answers.no) assert.equal(plan.readFlag(w, rules), false, w);
  for (const w of ["はい", "Yes", "TRUE", "1", "○", "ｙｅｓ"]) assert.equal(plan.readFlag(w, rules), true, w);
  for (const w of ["いいえ", "no", "False", "0", "×", ""]) assert.equal(plan.readFlag(w, rules), false, w);
  assert.equal(plan.readFlag("たぶん", rules), "たぶん");
  for (const w of ["有", "有り", "あり", "◯"]) assert.equal(plan.readFlag(w, rules), true, w);
  for (const w of ["無", "無し", "なし"]) assert.equal(plan.readFlag(w, rules), false, w);
});

test("a word that is neither yes nor no is named with every accepted word, not as true/false", () => {
  const result = plan.makePlan(rules, tsv([FIELDS, ["A", "one_year", "2025-04-01", "2026-03-31", "たぶん", ""]]), { fy: 2025, today: "2025-09-15" });
  const [msg] = result.problems[0].messages;
  for (const w of [...rules.answers.yes, ...rules.answers.no]) {
    assert.ok(msg.ja.includes(w), w);
    assert.ok(msg.en.includes(w), w);
  }
  assert.ok(msg.ja.includes(rules.plan.columns.renewedYearly.ja));
  assert.match(msg.ja, /「たぶん」/);
});

// ------------------------------------------------------------------ rows that cannot be planned

test("bad rows are listed by row number with a message naming what was typed; the others are planned and counted", () => {
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
  const m = rules.plan.messages;
  const names = (lang) => types.map((id) => {
    const extra = rules.plan.typeAliases[id];
    const name = rules.schedule.types[id].name[lang];
    return lang === "ja" ? `${name}（${extra.join("、")}）` : `${name} (${extra.join(", ")})`;
  }).join(lang === "ja" ? "、" : ", ");
  const words = (list) => ({ ja: list.join("、"), en: list.join(", ") });
  assert.deepEqual(result.problems.map((p) => [p.row, p.name, p.messages]), [
    [4, "逆の期間", message({ type: "one_year", start: "2025-04-01", end: "2025-03-01" })],
    [5, "不明な種類", [core.fillBoth(m.type_unknown, { value: "随意契約", names: { ja: names("ja"), en: names("en") } })]],
    [6, "ない日付", [core.fillBoth(m.date_invalid, { value: "令和7年2月30日", column: rules.plan.columns.start })]],
    [7, "合わない期間", message({ type: "one_year", start: "2025-04-01", end: "2027-03-31" })],
    [8, "変な値", [core.fillBoth(m.flag_invalid, {
      value: "たぶん", column: rules.plan.columns.renewedYearly, yes: words(rules.answers.yes), no: words(rules.answers.no) })]],
  ]);
  assert.equal(result.counts.planned, 2);
  assert.equal(result.counts.unplanned, 5);
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
    assert.equal(text.split("\r\n")[0], rules.plan.columnOrder.map((f) => label(f, lang)).join(","));
    for (const f of ["department", "contractor", "preChecked", "lastCheck", "lastResult", "correctionDue", "correctionDone"]) {
      assert.ok(rules.plan.columnOrder.includes(f), f);
    }
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

test("the CSV opens in Excel as text: BOM, CRLF, formulas neutralised, and reads back as typed", () => {
  const names = ["=HYPERLINK(\"x\")", "+1", "@SUM", "-2"];
  const text = tsv([FIELDS, ...names.map((n) => [n, "one_year", "2025-04-01", "2026-03-31", "", ""])]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  const csv = plan.toCSV(result, "ja", rules);
  assert.ok(csv.startsWith("\uFEFF"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.at(-1), "");
  assert.equal(lines.length - 2, result.events.length);
  for (const line of lines.slice(1, -1)) assert.match(line.split(",")[0], /^("?)'[=+@-]/);
  const again = plan.parseRegister(csv, rules);
  assert.deepEqual(again.rows.map((r) => r.name), names);
});

/** The lines of an iCalendar file, unfolded, and its events as lists of lines. */
function icsEvents(text) {
  return text.replace(/\r\n /g, "").split("BEGIN:VEVENT").slice(1).map((e) => e.split("END:VEVENT")[0].split("\r\n").filter(Boolean));
}
const prop = (lines, name) => (lines.find((l) => l.startsWith(name + ":")) || "").slice(name.length + 1);

test("the .ics: a short title per check, the full text in the description, a reminder, UIDs stable and distinct", () => {
  const header = [...FIELDS, "department", "備考"];
  const text = tsv([header, ["本庁舎清掃", "one_year", "2025-04-01", "2026-03-31", "", "", "総務課", "鍵は守衛室"],
    ["支所清掃", "one_year", "2025-04-01", "2026-03-31", "", "", "", ""]]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  const now = new Date(Date.UTC(2025, 8, 15));
  const ics = plan.toICS(result, "ja", rules, now);
  const events = icsEvents(ics);
  const checks = events.filter((e) => !prop(e, "UID").includes("-handout-"));
  assert.equal(checks.length, result.events.length);
  const uids = events.map((e) => prop(e, "UID"));
  assert.equal(new Set(uids).size, uids.length);
  const written = rules.schedule.methods.written.name.ja;
  const title = (name) => core.fill(rules.plan.text.icsTitle.ja, { what: written, name });
  const cleaning = checks.find((e) => prop(e, "SUMMARY") === title("本庁舎清掃"));
  assert.ok(cleaning, checks.map((e) => prop(e, "SUMMARY")).join(" / "));
  const check = result.events.find((e) => e.name === "本庁舎清掃");
  const description = prop(cleaning, "DESCRIPTION");
  assert.ok(description.startsWith(check.event.label.ja.replace(/,/g, "\\,")));
  assert.ok(description.includes("総務課"));
  assert.ok(description.includes("備考: 鍵は守衛室"));
  // a reminder the data's number of days before
  assert.ok(cleaning.includes("BEGIN:VALARM"));
  assert.ok(cleaning.includes(`TRIGGER;RELATED=START:-P${rules.plan.reminderDays}D`));
  // the same plan, rows reordered, gives the same UIDs
  const swapped = tsv([header, ["支所清掃", "one_year", "2025-04-01", "2026-03-31", "", "", "", ""],
    ["本庁舎清掃", "one_year", "2025-04-01", "2026-03-31", "", "", "総務課", "鍵は守衛室"]]);
  const again = icsEvents(plan.toICS(plan.makePlan(rules, swapped, { fy: 2025, today: "2025-09-15" }), "ja", rules, now));
  assert.deepEqual(new Set(again.map((e) => prop(e, "UID"))), new Set(uids));
  // English titles
  const en = icsEvents(plan.toICS(result, "en", rules, now));
  assert.ok(en.some((e) => prop(e, "SUMMARY") === core.fill(rules.plan.text.icsTitle.en, { what: rules.schedule.methods.written.name.en, name: "支所清掃" })));
});

test("each self-check gets an event to hand out its checklist the data's number of days before; on-site checks do not", () => {
  const text = tsv([FIELDS, ["清掃", "one_year", "2025-04-01", "2026-03-31", "", ""], ["公民館", "designated_manager", "2024-04-01", "2029-03-31", "", ""]]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-04-01" });
  const events = icsEvents(plan.toICS(result, "ja", rules, new Date(Date.UTC(2025, 3, 1))));
  const handouts = events.filter((e) => prop(e, "UID").includes("-handout-"));
  const selfChecks = result.events.filter((e) => e.event.method === "written");
  assert.ok(selfChecks.length > 0);
  assert.equal(handouts.length, selfChecks.length);
  for (const item of selfChecks) {
    const day = plan.addDays(item.event.date, -rules.plan.handoutDays).replace(/-/g, "");
    assert.ok(handouts.some((h) => prop(h, "DTSTART;VALUE=DATE") === day && prop(h, "SUMMARY").includes(item.name)), item.event.id);
  }
  assert.ok(result.events.some((e) => e.event.method === "onsite"));
  // the numbers are the data's
  const other = JSON.parse(JSON.stringify(rules));
  other.plan.handoutDays = 3;
  other.plan.reminderDays = 1;
  const ics = plan.toICS(plan.makePlan(other, text, { fy: 2025, today: "2025-04-01" }), "ja", other);
  assert.ok(ics.includes("TRIGGER;RELATED=START:-P1D"));
  const day = plan.addDays(selfChecks[0].event.date, -3).replace(/-/g, "");
  assert.ok(icsEvents(ics).some((e) => prop(e, "UID").includes("-handout-") && prop(e, "DTSTART;VALUE=DATE") === day));
});

test("control characters in a register never reach the calendar's titles or the CSV", () => {
  const text = `name,type,start,end,備考\r\n"本庁舎\u0007清掃\u0000\u001b[31m",one_year,2025-04-01,2026-03-31,"a\u0085b\u009bc"\r\n"二行の\n名前",one_year,2025-04-01,2026-03-31,x\r\n`;
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  assert.deepEqual(result.problems, []);
  const ics = plan.toICS(result, "ja", rules);
  const csv = plan.toCSV(result, "ja", rules);
  for (const out of [ics, csv]) assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(out), out);
  for (const e of icsEvents(ics)) assert.ok(!/\\n/.test(prop(e, "SUMMARY")), prop(e, "SUMMARY"));
  assert.ok(result.events.some((e) => e.name === "本庁舎清掃[31m"));
});

// ------------------------------------------------------------------ the record: done, open, overdue

/** The reading reading-record-done, written out again here from the rules page's words. */
function expectedDone(ev, result, record) {
  if (ev.phase === "before_contract") return record.preChecked || null;
  const from = ev.contractYear ? result.contractYears[ev.contractYear - 1].from : result.input.start;
  const dates = (ev.method === "onsite" ? [record.lastOnsiteVisit] : [record.lastCheck, record.lastOnsiteVisit]).filter((d) => d && d >= from);
  return dates.length ? dates.sort().at(-1) : null;
}

test("recorded checks mark the planned ones done as the reading says, for every type, across fiscal years", () => {
  const rand = lcg(11);
  const header = [...FIELDS, "preChecked", "lastCheck"];
  const rows = [];
  const contracts = [];
  for (let i = 0; i < 400; i++) {
    const c = randomContract(rand);
    const days = (iso, n) => plan.addDays(iso, n);
    const pick = () => { const r = rand(); return r < 0.25 ? "" : days(c.start, Math.floor((r - 0.25) * 4 * 1400) - 60); };
    const record = { preChecked: pick(), lastCheck: pick(), lastOnsiteVisit: rand() < 0.5 ? "" : pick() };
    if (record.lastOnsiteVisit && record.lastOnsiteVisit > c.end) record.lastOnsiteVisit = "";
    const full = { name: `契約${i}`, ...c, ...record, renewedYearly: c.renewedYearly ? "はい" : "いいえ" };
    contracts.push(full);
    rows.push(header.map((f) => String(full[f] ?? "")));
  }
  const text = tsv([header, ...rows]);
  const seen = { done: 0, overdue: 0, dueSoon: 0, later: 0 };
  const types = new Set();
  for (const fy of [2023, 2024, 2025, 2026]) {
    const today = "2025-09-15";
    const result = plan.makePlan(rules, text, { fy, today });
    for (const item of result.events) {
      if (item.kind !== "check") continue;
      const c = contracts[item.row - 2];
      const computed = computeSchedule(rules, { type: c.type, start: c.start, end: c.end, renewedYearly: c.renewedYearly, lastOnsiteVisit: c.lastOnsiteVisit || null });
      const done = expectedDone(item.event, computed, { preChecked: c.preChecked, lastCheck: c.lastCheck, lastOnsiteVisit: c.lastOnsiteVisit });
      const state = done ? "done" : item.event.date < today ? "overdue" : item.event.date <= plan.addDays(today, rules.plan.dueSoonDays) ? "dueSoon" : "later";
      assert.equal(item.state, state, `${fy} row ${item.row} ${item.event.id}`);
      assert.equal(item.doneOn, done, `${fy} row ${item.row} ${item.event.id}`);
      seen[state] += 1;
      if (done) types.add(c.type);
    }
  }
  for (const [state, n] of Object.entries(seen)) assert.ok(n >= 5, `${state}: ${n}`);
  assert.deepEqual([...types].sort(), [...rules.schedule.typeOrder].sort());
});

test("a done check is never overdue, and shows its date; a check before its contract year does not count", () => {
  const header = ["name", "type", "start", "end", "lastCheck", "preChecked"];
  // a long-term contract: the check of the second contract year (2025-04-01 to 2026-03-31)
  const make = (lastCheck) => plan.makePlan(rules, tsv([header, ["保守", "long_term_continuing", "2024-04-01", "2029-03-31", lastCheck, ""]]), { fy: 2025, today: "2026-03-31" });
  const year2 = (r) => r.events.find((e) => e.event.contractYear === 2);
  assert.equal(year2(make("")).state, "overdue");
  assert.equal(year2(make("2025-03-31")).state, "overdue");
  assert.equal(year2(make("2025-04-01")).state, "done");
  assert.equal(year2(make("2025-04-01")).doneOn, "2025-04-01");
  // a check recorded in a later contract year covers this one too (only the latest is recorded)
  assert.equal(year2(make("令和8年4月2日")).state, "done");
  assert.equal(year2(make("令和8年4月2日")).doneOn, "2026-04-02");
  const done = make("2025-06-01");
  assert.equal(done.counts.done, 1);
  assert.equal(done.counts.overdue, 0);
  assert.equal(plan.stateText(year2(done), "ja", rules), core.fill(rules.plan.text.stateDoneOn.ja, { date: "令和7年6月1日" }));
  // the pre-contract check: done by the date the checklist was reviewed
  const pre = (preChecked) => plan.makePlan(rules, tsv([header, ["新規", "one_year", "2025-10-01", "2026-09-30", "", preChecked]]), { fy: 2025, today: "2025-12-01" })
    .events.find((e) => e.event.phase === "before_contract");
  assert.equal(pre("").state, "overdue");
  assert.equal(pre("2025-09-20").state, "done");
});

test("an on-site check is done only by a recorded on-site check; a written one by either", () => {
  const header = ["name", "type", "start", "end", "lastCheck", "lastOnsiteVisit"];
  const dm = (lastCheck, visit) => plan.makePlan(rules, tsv([header, ["公民館", "designated_manager", "2024-04-01", "2029-03-31", lastCheck, visit]]), { fy: 2025, today: "2026-03-31" })
    .events.find((e) => e.event.contractYear === 2);
  assert.equal(dm("", "").event.method, "onsite");
  assert.equal(dm("2025-10-01", "").state, "overdue");
  assert.equal(dm("", "2025-10-01").state, "done");
  const lt = (lastCheck, visit) => plan.makePlan(rules, tsv([header, ["保守", "long_term_continuing", "2024-04-01", "2029-03-31", lastCheck, visit]]), { fy: 2025, today: "2026-03-31" })
    .events.find((e) => e.event.contractYear === 2);
  assert.equal(lt("", "").event.method, "written");
  assert.equal(lt("", "2025-10-01").state, "done");
  assert.equal(lt("2025-10-01", "").state, "done");
});

// ------------------------------------------------------------------ corrections

const CORR = ["name", "type", "start", "end", "lastCheck", "lastResult", "correctionDue", "correctionDone", "lastOnsiteVisit"];
const correctionResult = rules.plan.results.find((r) => r.correction);
const adequateResult = rules.plan.results.find((r) => !r.correction);

function corrections(cells, options = {}, theRules = rules) {
  const row = CORR.map((f) => cells[f] ?? "");
  const result = plan.makePlan(theRules, tsv([CORR, row]), { fy: 2025, today: "2025-09-15", ...options });
  return { result, correction: result.events.concat(result.carried).find((e) => e.kind === "correction"), followUp: result.events.find((e) => e.kind === "follow_up") };
}

const base = { name: "清掃", type: "long_term_continuing", start: "2024-04-01", end: "2029-03-31" };

test("a result that calls for correction is an open correction until it is confirmed complete", () => {
  assert.ok(correctionResult && adequateResult);
  for (const label of [correctionResult.label.ja, correctionResult.label.en, correctionResult.id]) {
    const { correction, result } = corrections({ ...base, lastCheck: "2025-06-10", lastResult: label });
    assert.equal(correction.state, "open", label);
    assert.equal(correction.event.date, "2025-06-10");
    assert.deepEqual(correction.event.label, rules.plan.text.correctionOpen);
    assert.equal(result.counts.corrections, 1);
  }
  // an adequate result: no correction
  assert.equal(corrections({ ...base, lastCheck: "2025-06-10", lastResult: adequateResult.label.ja }).correction, undefined);
  // an unknown result is named with the accepted ones
  const bad = corrections({ ...base, lastCheck: "2025-06-10", lastResult: "だめ" }).result;
  assert.equal(bad.problems.length, 1);
  for (const r of rules.plan.results) assert.ok(bad.problems[0].messages[0].ja.includes(r.label.ja));
});

test("a corrective action plan due is an event of its own: due soon, later or overdue, done once confirmed complete", () => {
  const due = (correctionDue, correctionDone = "") => corrections({ ...base, lastCheck: "2025-06-10", lastResult: correctionResult.label.ja, correctionDue, correctionDone }).correction;
  assert.equal(due("2025-09-01").state, "overdue");
  assert.equal(due("2025-09-30").state, "dueSoon");
  assert.equal(due("2025-12-01").state, "later");
  assert.deepEqual(due("2025-12-01").event.label, rules.plan.text.correctionDue);
  assert.equal(due("2025-09-01", "2025-09-10").state, "done");
  assert.equal(due("2025-09-01", "2025-09-10").doneOn, "2025-09-10");
  // its clause is the type's own follow-up clause
  assert.equal(due("2025-12-01").event.source, rules.schedule.types.long_term_continuing.followUp);
});

test("a follow-up check the data's months after the correction is complete, done by a later check", () => {
  const months = rules.plan.followUp.months;
  assert.ok(months > 0);
  const at = core.addMonthsISO("2025-05-20", months);
  const cells = { ...base, lastCheck: "2025-05-01", lastResult: correctionResult.label.ja, correctionDue: "2025-05-15", correctionDone: "2025-05-20" };
  const open = corrections(cells).followUp;
  assert.equal(open.event.date, at);
  assert.equal(open.event.method, rules.plan.followUp.method);
  assert.equal(open.state, at < "2025-09-15" ? "overdue" : "later");
  // a check after the completion makes it done; one on the day of completion does not
  assert.equal(corrections({ ...cells, lastCheck: "2025-05-20" }).followUp.state, open.state);
  const done = corrections({ ...cells, lastCheck: "2025-07-01", lastResult: adequateResult.label.ja }).followUp;
  assert.equal(done.state, "done");
  assert.equal(done.doneOn, "2025-07-01");
  // no follow-up where the data says none (0 months)
  const none = JSON.parse(JSON.stringify(rules));
  none.plan.followUp.months = 0;
  assert.equal(corrections(cells, {}, none).followUp, undefined);
  // the data's months
  const two = JSON.parse(JSON.stringify(rules));
  two.plan.followUp.months = 2;
  assert.equal(corrections(cells, {}, two).followUp.event.date, "2025-07-20");
});

test("an open correction due before the fiscal year is carried into it; a completed one is not", () => {
  const cells = { ...base, lastCheck: "2024-12-01", lastResult: correctionResult.label.ja, correctionDue: "2025-01-31" };
  const { result, correction } = corrections(cells);
  assert.equal(correction.state, "overdue");
  assert.deepEqual(result.carried, [correction]);
  assert.ok(!result.events.includes(correction));
  assert.equal(result.counts.corrections, 1);
  const closed = corrections({ ...cells, correctionDone: "2025-02-10" });
  assert.deepEqual(closed.result.carried, []);
});

// ------------------------------------------------------------------ the register as staff write it

test("a department column filters the plan; the counts follow it; the CSV keeps every department", () => {
  const header = [...FIELDS, label("department", "ja")];
  const text = tsv([header, ["A", "one_year", "2025-04-01", "2026-03-31", "", "", "総務課"], ["B", "one_year", "2025-04-01", "2026-03-31", "", "", "福祉課"],
    ["C", "under_one_year", "2025-06-01", "2025-11-30", "", "", "総務課"], ["D", "one_year", "2025-04-01", "2026-03-31", "", "", ""]]);
  const all = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  assert.deepEqual(all.departments, ["福祉課", "総務課"].sort());
  const mine = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15", department: "総務課" });
  assert.deepEqual([...new Set(mine.events.map((e) => e.name))].sort(), ["A", "C"]);
  assert.equal(mine.counts.contracts, 2);
  assert.equal(mine.counts.planned, 2);
  assert.equal(mine.months.reduce((n, m) => n + m.events.length, 0), mine.events.length);
  // filtering a made plan gives the same
  const again = plan.filterPlan(plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" }), "総務課", rules);
  assert.deepEqual(again.events.map((e) => e.event.id + e.name), mine.events.map((e) => e.event.id + e.name));
  assert.deepEqual(plan.parseRegister(plan.toCSV(mine, "ja", rules), rules).rows.map((r) => r.name).sort(), ["A", "B", "C", "D"]);
});

test("a register of more rows than the data allows is refused with a message naming both numbers", () => {
  const other = JSON.parse(JSON.stringify(rules));
  other.plan.maxRows = 3;
  const rows = [FIELDS, ...Array.from({ length: 4 }, (_, i) => [`c${i}`, "one_year", "2025-04-01", "2026-03-31", "", ""])];
  const result = plan.makePlan(other, tsv(rows), { fy: 2025, today: "2025-09-15" });
  assert.equal(result.events.length, 0);
  assert.deepEqual(result.problems.map((p) => p.messages[0]), [core.fillBoth(other.plan.messages.too_many_rows, { rows: 4, max: 3 })]);
  assert.equal(result.counts.unplanned, 4);
  assert.equal(plan.makePlan(other, tsv(rows.slice(0, 4)), { fy: 2025, today: "2025-09-15" }).problems.length, 0);
});

test("a plan made a slice at a time is the plan made at once", () => {
  const rand = lcg(5);
  const contracts = Array.from({ length: 300 }, (_, i) => ({ name: `契約${i}`, ...randomContract(rand) }));
  const text = tsv([FIELDS, ...contracts.map((c) => FIELDS.map((f) => String(c[f] ?? "")))]);
  const whole = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  const job = plan.startPlan(rules, text, { fy: 2025, today: "2025-09-15" });
  let steps = 0;
  while (!job.step(7)) {
    steps += 1;
    assert.ok(job.done() <= job.total());
  }
  const sliced = job.result();
  assert.ok(steps > 50);
  assert.equal(job.done(), job.total());
  const key = (p) => p.events.map((e) => `${e.row}|${e.event.id}|${e.state}`).concat(p.problems.map((x) => `${x.row}|${x.messages[0].ja}`));
  assert.deepEqual(key(sliced), key(whole));
  assert.deepEqual(sliced.counts, whole.counts);
});

// ------------------------------------------------------------------ the CSV round trip

/** A minimal CSV reader and writer for the test (RFC 4180 as Excel writes it). */
function readCSV(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; } else if (c === "\r") continue;
    else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const writeCSV = (rows) => "\uFEFF" + rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n") + "\r\n";
// the same plan: the same checks on the same days in the same states (rows may be numbered anew)
const sorted = (list) => list.map((x) => JSON.stringify(x)).sort();
const planKey = (p) => ({
  events: sorted(p.events.map((e) => [e.name, e.event.id, e.event.date, e.state, e.doneOn])),
  carried: sorted(p.carried.map((e) => [e.name, e.event.id, e.state])),
  problems: sorted(p.problems.map((x) => [x.name, x.messages])),
  counts: p.counts,
});

const ROUND = [
  [...FIELDS, "department", "contractor", "lastCheck", "lastResult", "correctionDue", "correctionDone", "備考"],
  ["本庁舎清掃", "1年", "令和7年4月1日", "2026/3/31", "有", "", "総務課", "株式会社A", "", "", "", "", "鍵, 守衛室"],
  ["システム保守", "長期継続", "2024-04-01", "2029-03-31", "", "", "情報課", "", "2025-05-01", "要是正", "2025-06-30", "", ""],
  ["公民館", "指定管理", "2024-04-01", "2029-03-31", "無", "", "生涯学習課", "", "", "", "", "", "=1+1"],
  ["昔の契約", "one_year", "2021-04-01", "2022-03-31", "", "", "", "", "", "", "", "", ""],
  ["ない日付", "one_year", "令和8年13月1日", "2026-03-31", "", "", "", "", "", "", "", "", "元の行"],
  ["短い契約", "1年未満", "2025-12-01", "2026-02-28", "", "", "総務課", "", "", "", "", "", ""],
];

test("the plan's CSV, loaded again, gives the same plan; a date typed into it is the new record", () => {
  for (const lang of ["ja", "en"]) {
    const before = plan.makePlan(rules, tsv(ROUND), { fy: 2025, today: "2025-09-15" });
    const csv = plan.toCSV(before, lang, rules);
    const after = plan.makePlan(rules, csv, { fy: 2025, today: "2025-09-15" });
    assert.deepEqual(planKey(after), planKey(before), lang);
    // nothing of the register is lost: every contract, the other columns, the unplannable row as typed
    const table = readCSV(csv.slice(1));
    assert.deepEqual(table[0].slice(0, rules.plan.columnOrder.length), rules.plan.columnOrder.map((f) => label(f, lang)));
    assert.ok(table[0].includes("備考"));
    for (const name of ROUND.slice(1).map((r) => r[0])) assert.ok(table.some((r) => r[0] === name), name);
    assert.ok(table.some((r) => r.includes("令和8年13月1日") && r.includes("元の行")));
    assert.ok(csv.includes("'=1+1"));
    // Excel: a date typed into "last check done on" on one line of the long-term contract
    const at = table[0].indexOf(label("lastCheck", lang));
    const result = table[0].indexOf(label("lastResult", lang));
    const due = table[0].indexOf(label("correctionDone", lang));
    const line = table.findIndex((r) => r[0] === "システム保守");
    table[line][at] = "2025/9/1";
    table[line][result] = adequateResult.label[lang];
    table[line][due] = "2025/8/31";
    const edited = plan.makePlan(rules, writeCSV(table), { fy: 2025, today: "2025-09-15" });
    const k0 = planKey(before);
    const k1 = planKey(edited);
    const other = (k) => k.events.filter((e) => !e.startsWith('["システム保守"'));
    assert.deepEqual(other(k1), other(k0), lang);
    const mine = edited.events.filter((e) => e.name === "システム保守");
    const check = mine.find((e) => e.kind === "check" && e.event.contractYear === 2);
    assert.equal(check.state, "done");
    assert.equal(check.doneOn, "2025-09-01");
    assert.equal(mine.find((e) => e.kind === "correction").state, "done");
    assert.ok(mine.some((e) => e.kind === "follow_up" && e.state === "done"));
    // and round trips again
    assert.deepEqual(planKey(plan.makePlan(rules, plan.toCSV(edited, lang, rules), { fy: 2025, today: "2025-09-15" })), planKey(edited));
  }
});

test("lines of the same contract merge: the latest date of each record column, the result of the latest check", () => {
  const header = ["name", "type", "start", "end", "lastCheck", "lastResult", "lastOnsiteVisit", "備考"];
  const text = tsv([header,
    ["A", "one_year", "2025-04-01", "2026-03-31", "2025-05-01", correctionResult.label.ja, "", "x"],
    ["A", "契約期間が1年の契約", "2025/4/1", "令和8年3月31日", "2025-08-01", adequateResult.label.ja, "2025-06-01", ""],
    ["A", "one_year", "2025-04-01", "2026-03-31", "2025-07-01", correctionResult.label.ja, "", "y"],
  ]);
  const { rows } = plan.parseRegister(text, rules);
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].rows, [2, 3, 4]);
  assert.equal(rows[0].record.lastCheck, "2025-08-01");
  assert.equal(rows[0].record.lastResult.id, adequateResult.id);
  assert.equal(rows[0].record.lastOnsiteVisit, "2025-06-01");
  assert.deepEqual(rows[0].extras, ["x"]);
});

// ------------------------------------------------------------------ files

test("the encoding is decided by the whole file and named; a damaged file is refused, not garbled", () => {
  const text = "契約名,契約の種類\r\n庁舎清掃,長期継続契約\r\n";
  const utf8 = new TextEncoder().encode(text);
  assert.deepEqual(plan.decodeFile(utf8), { text, encoding: "UTF-8", line: 0 });
  const sjis = new Uint8Array([
    0x8c, 0x5f, 0x96, 0xf1, 0x96, 0xbc, 0x2c, 0x8c, 0x5f, 0x96, 0xf1, 0x82, 0xcc, 0x8e, 0xed, 0x97, 0xde, 0x0d, 0x0a,
    0x92, 0xa1, 0x8e, 0xc9, 0x90, 0xb4, 0x91, 0x7c, 0x2c, 0x92, 0xb7, 0x8a, 0xfa, 0x8c, 0x70, 0x91, 0xb1, 0x8c, 0x5f, 0x96, 0xf1, 0x0d, 0x0a,
  ]);
  assert.deepEqual(plan.decodeFile(sjis), { text, encoding: "Shift_JIS", line: 0 });
  // a UTF-8 register with one stray byte on its third line: no text, the line named
  const names = Array.from({ length: 5 }, (_, i) => `市民会館の指定管理その${i}`).join("\r\n");
  const good = new TextEncoder().encode("契約名\r\n" + names + "\r\n");
  const broken = new Uint8Array(good.length + 1);
  const at = new TextEncoder().encode("契約名\r\n市民会館の指定管理その0\r\n市民").length;
  broken.set(good.subarray(0, at), 0);
  broken[at] = 0xff;
  broken.set(good.subarray(at), at + 1);
  assert.deepEqual(plan.decodeFile(broken), { text: "", encoding: null, line: 3 });
  // bytes that are neither
  assert.equal(plan.decodeFile(new Uint8Array([0x41, 0x0a, 0x82, 0xff, 0xfe])).encoding, null);
});

/** The cells of a CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function csvRows(text) {
  const rows = [[]];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { rows.at(-1).push(cell); cell = ""; } else if (ch === "\r" && body[i + 1] === "\n") {
      rows.at(-1).push(cell); cell = ""; rows.push([]); i++;
    } else cell += ch;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1);
}

test("the pre-contract check's date is a latest bound in the CSV and the .ics, worded as in the table", () => {
  const text = tsv([FIELDS, ["秋からの契約", "one_year", "2025-10-01", "2026-09-30", "", ""],
    ["春からの契約", "one_year", "2025-04-01", "2026-03-31", "", ""]]);
  const result = plan.makePlan(rules, text, { fy: 2025, today: "2025-09-15" });
  const pre = result.events.filter((item) => item.event.phase === "before_contract");
  assert.equal(pre.length, 1);
  assert.ok(result.events.length > 1);
  for (const lang of ["ja", "en"]) {
    const byDate = rules.schedule.text.byDate[lang];
    const [header, ...rows] = csvRows(plan.toCSV(result, lang, rules));
    const dateCol = header.indexOf(rules.plan.text.colDate[lang]);
    assert.ok(dateCol >= 0, header.join("|"));
    const isoCol = dateCol + 1;
    assert.equal(rows.length, result.events.length);
    for (const row of rows) {
      const said = row[dateCol].split("\n").includes(byDate);
      assert.equal(said, row[isoCol] === pre[0].event.date, row.join("|"));
      assert.equal(row[dateCol].split("\n")[0], core.formatDate(row[isoCol], lang, rules));
    }
    // the register read back from the CSV is the same
    assert.deepEqual(plan.parseRegister(plan.toCSV(result, lang, rules), rules).rows.map((r) => r.name).sort(), ["春からの契約", "秋からの契約"].sort());
    const events = icsEvents(plan.toICS(result, lang, rules, new Date(Date.UTC(2025, 8, 15))));
    const described = events.map((e) => prop(e, "DESCRIPTION").replace(/\\([\\;,nN])/g, (_, c) => (c === "n" || c === "N" ? "\n" : c)));
    const starts = events.map((e) => (e.find((l) => l.startsWith("DTSTART")) || "").slice(-8));
    assert.ok(described.length > 1);
    described.forEach((d, i) => {
      const isPre = starts[i] === pre[0].event.date.replace(/-/g, "") && d.split("\n")[0] === pre[0].event.label[lang];
      assert.equal(d.split("\n").includes(byDate), isPre, d);
    });
    assert.equal(described.filter((d) => d.split("\n").includes(byDate)).length, 1);
  }
});
