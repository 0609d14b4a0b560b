// iCalendar helpers (assets/handbook/ical.js): escaping, folding at 75 octets, the file's
// layout, and stable fingerprints.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const ical = require(path.join(SITE, "assets/handbook/ical.js"));

/** Unfold content lines (RFC 5545 3.1). */
const unfold = (text) => text.replace(/\r\n[ \t]/g, "");

test("TEXT values escape backslash, semicolon, comma and every line break", () => {
  assert.equal(ical.escape("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
  assert.equal(ical.escape("令和7年"), "令和7年");
});

test("lines fold at 75 octets of UTF-8, never inside a character, and unfold to the same text", () => {
  const samples = ["x".repeat(200), "確認".repeat(60), "a" + "😀".repeat(40), "SUMMARY:" + "実地確認 (on-site), ".repeat(12)];
  for (const line of samples) {
    const folded = ical.fold(line);
    for (const part of folded.split("\r\n")) {
      assert.ok(Buffer.byteLength(part, "utf8") <= 75, `${Buffer.byteLength(part, "utf8")} octets`);
      assert.ok(!/[\ud800-\udbff]$/.test(part), "a surrogate pair was split");
    }
    assert.equal(unfold(folded), line);
  }
  assert.equal(ical.fold("short"), "short");
});

test("fingerprints are stable 8-digit hex and differ for different texts", () => {
  assert.equal(ical.fingerprint(""), "811c9dc5");
  assert.equal(ical.fingerprint("a"), "e40c292c");
  assert.match(ical.fingerprint("令和7年4月1日"), /^[0-9a-f]{8}$/);
  assert.notEqual(ical.fingerprint("ab"), ical.fingerprint("ba"));
});

test("a calendar: one all-day event per real date, CRLF, escaped and folded", () => {
  const text = ical.calendar({
    prodId: "-//Test//Plan;1//JA",
    name: "確認, 予定",
    now: new Date(Date.UTC(2025, 3, 1, 9, 5, 7)),
    events: [
      { uid: "u1", date: "2025-12-31", summary: "書面確認; 1", description: "a\nb" },
      { uid: "u2", date: "2025-02-30", summary: "no such day" },
      { uid: "u3", date: "2024-02-28", summary: "x".repeat(100) },
    ],
  });
  assert.ok(text.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(text), "a bare LF");
  const lines = unfold(text).split("\r\n").filter(Boolean);
  assert.deepEqual(lines.slice(0, 6), [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Plan\\;1//JA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    "X-WR-CALNAME:確認\\, 予定",
  ]);
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, 2);
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20251231"));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20260101"));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20240229"));
  assert.ok(lines.includes("SUMMARY:書面確認\\; 1"));
  assert.ok(lines.includes("DESCRIPTION:a\\nb"));
  assert.ok(lines.includes("DTSTAMP:20250401T090507Z"));
  assert.ok(!text.includes("no such day"));
  assert.equal(lines[lines.length - 1], "END:VCALENDAR");
  for (const part of text.split("\r\n")) assert.ok(Buffer.byteLength(part, "utf8") <= 75);
});

test("an event's reminder is a display alarm that many days before its start; none without one", () => {
  const text = ical.calendar({
    prodId: "-//Test//Plan//JA",
    now: new Date(Date.UTC(2025, 3, 1)),
    events: [
      { uid: "a", date: "2025-10-01", summary: "実地確認", alarm: { days: 7, description: "7日後：実地確認" } },
      { uid: "b", date: "2025-10-02", summary: "当日", alarm: { days: 0, description: "今日" } },
      { uid: "c", date: "2025-10-03", summary: "なし" },
    ],
  });
  const events = unfold(text).split("BEGIN:VEVENT").slice(1).map((e) => e.split("\r\n").filter(Boolean));
  assert.deepEqual(events[0].slice(events[0].indexOf("BEGIN:VALARM"), events[0].indexOf("END:VALARM") + 1), [
    "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:7日後：実地確認", "TRIGGER;RELATED=START:-P7D", "END:VALARM",
  ]);
  assert.ok(events[1].includes("TRIGGER;RELATED=START:PT0S"));
  assert.ok(!events[2].includes("BEGIN:VALARM"));
  // the alarm sits inside its event
  for (const e of events.slice(0, 2)) assert.ok(e.indexOf("END:VALARM") < e.indexOf("END:VEVENT"));
});
