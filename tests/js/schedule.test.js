// The audit-schedule calculator (assets/handbook/schedule.js) against the handbook's
// promises: the conformance cases, properties over many random inputs, and the .ics file
// it builds. The conformance cases run against their own fixed rules file,
// tests/schedule-rules.json (language-neutral cases, like the JSON-Schema test suite's);
// one test below checks that the built site's rules still give the fixture's results.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const schedule = require(path.join(SITE, "assets/handbook/schedule.js"));
// The fixed rules of the conformance cases (tests/make_schedule_cases.py --rules writes it).
const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/schedule-rules.json"), "utf8"));
const { computeSchedule, toICS, formatDate } = schedule;
// Shared with the browser test (tests/browser/test_schedule_page.py runs them in the page).
const { caseProblems, contractYearProblems, periodEnd } = require("./schedule-checks.js");
const CASES = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/schedule-cases.json"), "utf8")).cases;
const EFFECTIVE = rules.schedule.effective;


// ------------------------------------------------------------------ conformance

test("the conformance file covers every contract type and every kind of bad input", () => {
  const hand = CASES.filter((c) => !c.generated);
  const types = new Set(hand.map((c) => c.input && c.input.type));
  for (const type of FIXTURE.schedule.typeOrder) assert.ok(types.has(type), `no hand-written case for ${type}`);
  const fields = (key) => [...new Set(hand.flatMap((c) => c[key]))].sort();
  // every field of the input, and the input itself, is refused by at least one case
  assert.deepEqual(fields("errors"), ["end", "input", "lastOnsiteVisit", "renewedYearly", "start", "type"]);
  assert.deepEqual(fields("warnings"), ["end", "lastOnsiteVisit", "renewedYearly", "start"]);
});

for (const c of CASES) {
  test(`conformance: ${c.description}`, () => {
    assert.deepEqual(caseProblems(schedule, FIXTURE, c), []);
  });
}

test("the site's own rules.json gives the fixture's results (else update tests/schedule-rules.json on purpose)", () => {
  // What computeSchedule decides, without the wording: a change of the data's audit rules
  // shows up here and nowhere else in the conformance run.
  const outcome = (r) => ({
    applicable: r.applicable,
    errors: r.errors.map((p) => p.field),
    warnings: r.warnings.map((p) => p.field),
    notes: (r.notes || []).map((p) => p.field),
    contractYears: r.contractYears,
    events: r.events.map((e) => [e.date, e.phase, e.id, e.method, e.source, e.contractYear, e.checklist]),
  });
  const differ = [];
  for (const c of CASES) {
    const site = outcome(computeSchedule(rules, c.input));
    const fixed = outcome(computeSchedule(FIXTURE, c.input));
    if (JSON.stringify(site) !== JSON.stringify(fixed)) {
      differ.push(`${c.description}:\n  site    ${JSON.stringify(site)}\n  fixture ${JSON.stringify(fixed)}`);
    }
  }
  assert.equal(differ.length, 0,
    `${differ.length} case(s) give other results with the site's rules.json than with tests/schedule-rules.json.\n` +
    "If the audit rules in data/ changed on purpose, regenerate the fixture and the cases:\n" +
    "  .venv/bin/python -m generator build --site /tmp/site && " +
    ".venv/bin/python tests/make_schedule_cases.py --rules /tmp/site/assets/handbook/rules.json\n" +
    "and review the diff of tests/schedule-rules.json and tests/schedule-cases.json.\n" + differ.slice(0, 5).join("\n"));
});

test("the month-end cases cover every start day 28-31 of every month, leap and common years, every type", () => {
  const generated = CASES.filter((c) => c.generated);
  assert.equal(generated.length, FIXTURE.schedule.typeOrder.length * 2 * 12 * 4);
  for (const type of FIXTURE.schedule.typeOrder) {
    for (const year of ["2024", "2025"]) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [28, 29, 30, 31]) {
          const start = `${year}-${String(month).padStart(2, "0")}-${day}`;
          assert.ok(generated.some((c) => c.input.type === type && c.input.start === start), `${type} ${start}`);
        }
      }
    }
  }
});

test("a conformance case that expects other contract years fails (the check can fail)", () => {
  const c = CASES.find((x) => x.contractYears && x.input.start === "2024-02-29" && x.input.end === "2027-02-28");
  const wrong = { ...c, contractYears: [...c.contractYears, { year: 4, from: "2027-02-28", to: "2027-02-28" }] };
  assert.equal(caseProblems(schedule, FIXTURE, wrong).length, 1);
});

test("property: the contract years of random terms partition the term, none empty or longer than a contract year", () => {
  assert.deepEqual(contractYearProblems(schedule, FIXTURE, { count: 3000, seed: 143 }), []);
});

test("every error, warning and note speaks both languages", () => {
  for (const c of CASES) {
    const r = computeSchedule(rules, c.input);
    for (const p of [...r.errors, ...r.warnings, ...r.notes]) {
      assert.equal(typeof p.field, "string");
      for (const lang of ["ja", "en"]) {
        assert.ok(p.message[lang] && p.message[lang].length > 5, `${c.description}: ${lang}`);
        assert.doesNotMatch(p.message[lang], /\{[a-zA-Z]+\}/, "no placeholder left");
      }
    }
  }
});

test("an impossible date is named in the message, in Japanese and in English", () => {
  const r = computeSchedule(rules, { type: "one_year", start: "2025-02-30", end: "2026-03-31" });
  assert.match(r.errors[0].message.ja, /2025-02-30/);
  assert.match(r.errors[0].message.en, /2025-02-30/);
  assert.notEqual(r.errors[0].message.ja, r.errors[0].message.en);
});

test("a contract that ended before the effective date explains why in both languages", () => {
  const r = computeSchedule(rules, { type: "long_term_continuing", start: "2020-04-01", end: "2023-03-31" });
  assert.equal(r.applicable, false);
  assert.match(r.warnings[0].message.ja, /令和5年4月1日/);
  assert.match(r.warnings[0].message.en, /1 April 2023/);
});

test("events carry who does the check, the checklist and a clause the rules can locate", () => {
  const r = computeSchedule(rules, { type: "long_term_continuing", start: "2024-04-01", end: "2027-03-31" });
  for (const ev of r.events) {
    assert.ok(ev.who.ja && ev.who.en);
    assert.ok(rules.schedule.checklists[ev.checklist]);
    assert.ok(rules.locations[ev.source], ev.source);
    assert.ok(rules.citations[ev.source], ev.source);
    assert.ok(ev.label.ja && ev.label.en);
  }
  assert.equal(r.events[0].checklist, "pre-contract");
  assert.equal(r.events[1].checklist, "post-contract");
});

test("never throws, even when the rules themselves are broken", () => {
  for (const bad of [null, undefined, {}, { schedule: null }, { schedule: { types: null } }, "rules"]) {
    const r = computeSchedule(bad, { type: "one_year", start: "2025-04-01", end: "2026-03-31" });
    assert.equal(r.applicable, false);
    assert.equal(r.errors[0].field, "input");
    assert.deepEqual(r.events, []);
  }
  const hostile = {
    get type() {
      throw new Error("boom");
    },
  };
  const r = computeSchedule(rules, hostile);
  assert.equal(r.errors[0].code, "internal");
  assert.match(r.errors[0].message.en, /boom/);
});

// ------------------------------------------------------------------ yes and no words

// "Renewed every year" as text (a link, a register): the words are the rules' (rules.answers,
// from data/ui.yaml), not the script's.
const RENEWED = { type: "one_year", start: "2025-04-01", end: "2026-03-31", lastOnsiteVisit: null };
const onsite = (r) => r.events.some((e) => e.method === "onsite");
const flagErrors = (r) => r.errors.filter((e) => e.field === "renewedYearly");

test("renewedYearly takes every yes and no word of the rules, in any case and width", () => {
  assert.ok(FIXTURE.answers.yes.length > 0 && FIXTURE.answers.no.length > 0);
  for (const [words, renewed] of [[FIXTURE.answers.yes, true], [FIXTURE.answers.no, false]]) {
    for (const word of words) {
      for (const form of [word, word.toUpperCase(), ` ${word} `, word.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xFEE0))]) {
        const r = computeSchedule(FIXTURE, { ...RENEWED, renewedYearly: form });
        assert.deepEqual(flagErrors(r), [], `${JSON.stringify(form)} refused`);
        assert.equal(onsite(r), renewed, `${JSON.stringify(form)} read as ${!renewed}`);
      }
    }
  }
});

test("renewedYearly still takes what it took before: true/1/on/yes, false/0/off/no, booleans, blank", () => {
  for (const v of [true, "true", "1", "on", "yes", "YES"]) assert.ok(onsite(computeSchedule(FIXTURE, { ...RENEWED, renewedYearly: v })), String(v));
  for (const v of [false, undefined, null, "", "false", "0", "off", "no"]) {
    const r = computeSchedule(FIXTURE, { ...RENEWED, renewedYearly: v });
    assert.deepEqual(flagErrors(r), [], String(v));
    assert.ok(!onsite(r), String(v));
  }
});

test("renewedYearly reads its words from the rules: a word the rules drop is refused, a word they add is taken", () => {
  const other = { ...FIXTURE, answers: { yes: ["si"], no: ["non"] } };
  assert.deepEqual(flagErrors(computeSchedule(other, { ...RENEWED, renewedYearly: "si" })), []);
  assert.ok(onsite(computeSchedule(other, { ...RENEWED, renewedYearly: "SI" })));
  assert.ok(!onsite(computeSchedule(other, { ...RENEWED, renewedYearly: "non" })));
  const r = computeSchedule(other, { ...RENEWED, renewedYearly: "yes" });
  assert.equal(flagErrors(r).length, 1);
  assert.equal(flagErrors(computeSchedule(FIXTURE, { ...RENEWED, renewedYearly: "si" })).length, 1);
});

test("the site's rules.json carries the data's yes and no words", () => {
  assert.deepEqual(rules.answers, FIXTURE.answers);
});

// ------------------------------------------------------------------ era dates

test("era dates: 令和7年10月1日, and the first year of an era is 元年", () => {
  assert.equal(formatDate("2025-10-01", "ja", rules), "令和7年10月1日");
  assert.equal(formatDate("2019-05-01", "ja", rules), "令和元年5月1日");
  assert.equal(formatDate("2019-04-30", "ja", rules), "平成31年4月30日");
  assert.equal(formatDate("2025-10-01", "en", rules), "1 October 2025");
});

// ------------------------------------------------------------------ properties

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed) {
  return function () {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// An independent calendar for the oracle: JavaScript's own Date in UTC.
const toDate = (iso) => new Date(iso + "T00:00:00Z");
const toIso = (d) => d.toISOString().slice(0, 10);
const plusDays = (iso, n) => toIso(new Date(toDate(iso).getTime() + n * 86400000));
function plusMonths(iso, n) {
  const d = toDate(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return toIso(target);
}

/** Contract years of [start, end] (Civil Code Art. 143) with at least one day on or after the effective date. */
function applicableYears(start, end) {
  const years = [];
  const months = rules.schedule.contractYearMonths;
  for (let k = 0, from = start; from <= end; k++) {
    const to = [periodEnd(start, months * (k + 1)), end].sort()[0];
    if (to >= EFFECTIVE) years.push(k + 1);
    from = plusDays(to, 1);
  }
  return years;
}

function randomInput(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const types = rules.schedule.typeOrder;
  const date = () => toIso(new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 365 * 14) * 86400000));
  const junk = () => pick([null, undefined, "", 42, "2025-02-30", "2025-13-01", "x", {}, [], true, "2024-02-29", "0000-00-00"]);
  const start = rand() < 0.9 ? date() : junk();
  let end;
  const realStart = typeof start === "string" && !isNaN(toDate(start).getTime()) && toIso(toDate(start)) === start;
  if (realStart && rand() < 0.85) {
    end = plusDays(start, Math.floor(rand() * (rand() < 0.5 ? 400 : 4000)) - (rand() < 0.05 ? 30 : 0));
  } else {
    end = rand() < 0.7 ? date() : junk();
  }
  return {
    type: rand() < 0.92 ? pick(types) : junk(),
    start,
    end,
    renewedYearly: pick([true, false, undefined, "true", "false", rand() < 0.1 ? "perhaps" : false]),
    lastOnsiteVisit: visit(),
  };
  function visit() {
    const roll = rand();
    if (roll < 0.45) return null;
    if (roll < 0.8 && realStart && typeof end === "string") {
      return plusDays(start, Math.floor(rand() * 1800) - 1500); // around the start: before it or in the term
    }
    return roll < 0.95 ? date() : junk();
  }
}

test("property: 2000 random inputs never throw and always keep the rules", () => {
  const rand = prng(20230401);
  const methods = Object.keys(rules.schedule.methods);
  for (let i = 0; i < 2000; i++) {
    const input = randomInput(rand);
    const where = `case ${i}: ${JSON.stringify(input)}`;
    let r;
    assert.doesNotThrow(() => {
      r = computeSchedule(rules, input);
    }, where);
    assert.equal(typeof r.applicable, "boolean", where);
    assert.ok(Array.isArray(r.errors) && Array.isArray(r.warnings) && Array.isArray(r.events), where);
    if (r.errors.length) {
      assert.equal(r.applicable, false, where);
      assert.deepEqual(r.events, [], where);
      continue;
    }
    if (!r.applicable) {
      assert.deepEqual(r.events, [], where);
      assert.ok(r.warnings.length > 0, `${where}: not applicable without a reason`);
      continue;
    }
    const { start, end } = input;
    const dates = r.events.map((e) => e.date);
    assert.deepEqual(dates, [...dates].sort(), `${where}: sorted`);
    for (const ev of r.events) {
      assert.ok(ev.date >= EFFECTIVE, `${where}: ${ev.date} before the effective date`);
      assert.ok(methods.includes(ev.method), where);
      assert.ok(rules.locations[ev.source], where);
      if (ev.phase === "before_contract") assert.ok(ev.date < start, `${where}: before-contract event not before the start`);
      else {
        assert.equal(ev.phase, "during_contract", where);
        assert.ok(ev.date >= start && ev.date <= end, `${where}: ${ev.date} outside the term`);
      }
    }
    const during = r.events.filter((e) => e.phase === "during_contract");
    const rule = rules.schedule.types[input.type];
    for (const check of rule.checks) {
      if (check.repeat === "every_contract_year") {
        // exactly one check in every contract year in which the standard applies
        assert.deepEqual(during.map((e) => e.contractYear), applicableYears(start, end), where);
      } else {
        assert.equal(during.length, 1, `${where}: exactly one check in the term`);
      }
      const onsite = during.filter((e) => e.method === "onsite").length;
      const visit = typeof input.lastOnsiteVisit === "string" ? input.lastOnsiteVisit : null;
      if (check.onsite && check.onsite.when === "once_in_term") {
        const recorded = visit !== null && visit >= start && visit <= end;
        assert.equal(onsite, recorded ? 0 : 1, `${where}: one on-site check in the term unless recorded`);
      }
      if (check.onsite && check.onsite.when === "every_n_years_if_renewed") {
        const renewed = input.renewedYearly === true || input.renewedYearly === "true";
        const due = renewed && (visit === null || plusMonths(visit, 12 * check.onsite.years) <= end);
        assert.equal(onsite, due ? 1 : 0, `${where}: on-site check every ${check.onsite.years} years`);
      }
      if (!check.onsite && check.method === "onsite") assert.equal(onsite, during.length, where);
    }
  }
});

test("property: contract-year checks fall in their own contract year", () => {
  const rand = prng(7);
  for (let i = 0; i < 300; i++) {
    const start = toIso(new Date(Date.UTC(2023, 3, 1) + Math.floor(rand() * 3000) * 86400000));
    const end = plusDays(start, 365 + Math.floor(rand() * 3000));
    const r = computeSchedule(rules, { type: "designated_manager", start, end });
    const months = rules.schedule.contractYearMonths;
    for (const ev of r.events.filter((e) => e.contractYear)) {
      const from = ev.contractYear === 1 ? start : plusDays(periodEnd(start, months * (ev.contractYear - 1)), 1);
      const to = periodEnd(start, months * ev.contractYear);
      assert.ok(ev.date >= from && ev.date <= to, `${start}..${end}: ${ev.date} not in year ${ev.contractYear}`);
    }
  }
});

// ------------------------------------------------------------------ iCalendar

const NOW = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));

function unfold(text) {
  return text.replace(/\r\n /g, "");
}

test("toICS: a calendar with one all-day event per check, CRLF line ends", () => {
  const r = computeSchedule(rules, { type: "designated_manager", start: "2024-04-01", end: "2026-06-30" });
  const ics = toICS(r, "ja", { rules, now: NOW });
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
  assert.doesNotMatch(ics.replace(/\r\n/g, ""), /[\r\n]/, "every line ends in CRLF");
  const lines = unfold(ics).split("\r\n");
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, r.events.length);
  const starts = lines.filter((l) => l.startsWith("DTSTART;VALUE=DATE:")).map((l) => l.slice(-8));
  assert.deepEqual(starts, r.events.map((e) => e.date.replace(/-/g, "")));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20241002"), "an all-day event ends the next day");
  assert.ok(lines.includes("DTSTAMP:20250102T030405Z"));
  const summaries = lines.filter((l) => l.startsWith("SUMMARY:"));
  assert.ok(summaries[1].includes("作業所に赴き"), "Japanese summaries for the Japanese page");
  const en = unfold(toICS(r, "en", { rules, now: NOW }));
  assert.match(en, /SUMMARY:Visit the designated manager's work site/);
});

/* The events of an .ics file read back: each VEVENT's properties, values unescaped. */
function readEvents(ics) {
  return unfold(ics).split("BEGIN:VEVENT\r\n").slice(1).map((block) => {
    const props = {};
    for (const line of block.split("END:VEVENT")[0].split("\r\n")) {
      const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
      if (m && !(m[1] in props)) props[m[1]] = m[2].replace(/\\([\\;,nN])/g, (_, c) => (c === "n" || c === "N" ? "\n" : c));
    }
    return props;
  });
}

test("toICS: the pre-contract check's date is a latest bound, worded as in the table", () => {
  for (const type of rules.schedule.typeOrder) {
    const r = computeSchedule(rules, { type, start: "2025-04-01", end: "2026-03-31" });
    assert.ok(r.events.some((e) => e.phase === "before_contract"), type);
    for (const lang of ["ja", "en"]) {
      for (const contract of [undefined, { contract: "市民会館の指定管理" }]) {
        const events = readEvents(toICS(r, lang, { rules, now: NOW, contract }));
        assert.equal(events.length, r.events.length);
        r.events.forEach((ev, i) => {
          const said = events[i].DESCRIPTION.split("\n").includes(rules.schedule.text.byDate[lang]);
          assert.equal(said, ev.phase === "before_contract", `${type} ${lang} ${ev.id}: ${events[i].DESCRIPTION}`);
        });
      }
    }
  }
  assert.match(rules.schedule.text.byDate.ja, /遅くとも/);
});

test("toICS: UIDs are unique, and stable for the same inputs", () => {
  const input = { type: "long_term_continuing", start: "2024-04-01", end: "2029-03-31" };
  const uids = (ics) => unfold(ics).split("\r\n").filter((l) => l.startsWith("UID:"));
  const a = uids(toICS(computeSchedule(rules, input), "ja", { rules, now: NOW }));
  const b = uids(toICS(computeSchedule(rules, input), "ja", { rules, now: new Date() }));
  const other = uids(toICS(computeSchedule(rules, { ...input, end: "2029-03-30" }), "ja", { rules, now: NOW }));
  assert.equal(new Set(a).size, a.length);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, other);
});

test("toICS: lines fold at 75 octets without splitting a character", () => {
  const r = computeSchedule(rules, { type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: true });
  const ics = toICS(r, "ja", { rules, now: NOW });
  const raw = ics.split("\r\n");
  let folded = 0;
  for (const line of raw) {
    assert.ok(Buffer.byteLength(line, "utf8") <= 75, `too long: ${line}`);
    assert.ok(!line.includes("\uFFFD"));
    if (line.startsWith(" ")) folded++;
  }
  assert.ok(folded > 0, "long Japanese summaries are folded");
  // Unfolding gives back the whole text: nothing lost at the folds.
  const summary = unfold(ics).split("\r\n").find((l) => l.startsWith("SUMMARY:") && l.includes("作業所"));
  assert.equal(summary, "SUMMARY:" + r.events[1].label.ja.replace(/,/g, "\\,").replace(/;/g, "\\;"));
  // A line of 4-byte characters folds between characters too.
  const emoji = schedule.icsFold("X:" + "😀".repeat(40));
  for (const line of emoji.split("\r\n")) {
    assert.ok(Buffer.byteLength(line, "utf8") <= 75);
    assert.doesNotMatch(line, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, "no lone surrogate");
  }
  assert.equal(emoji.replace(/\r\n /g, ""), "X:" + "😀".repeat(40));
});

test("toICS: commas, semicolons, backslashes and newlines are escaped", () => {
  assert.equal(schedule.icsEscape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  const result = {
    input: { type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: false, lastOnsiteVisit: null },
    events: [{ id: "x", date: "2025-10-01", phase: "during_contract", method: "written", source: "s4-4-ct3",
      label: { ja: "確認, 書面; 再\\確認\n次", en: "Check, written; again\\\nnext" } }],
  };
  const ics = unfold(toICS(result, "en", { now: NOW }));
  assert.match(ics, /\r\nSUMMARY:Check\\, written\\; again\\\\\\nnext\r\n/);
});

test("toICS of a result with errors is an empty but valid calendar", () => {
  const ics = toICS(computeSchedule(rules, { type: "nonsense" }), "ja", { rules, now: NOW });
  assert.match(ics, /^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
  assert.doesNotMatch(ics, /VEVENT/);
});
