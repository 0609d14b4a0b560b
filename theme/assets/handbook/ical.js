// @ts-check
/* iCalendar (RFC 5545) for the page scripts: the one place that escapes, folds and lays
 * out a calendar file. No DOM, no I/O.
 *
 * A classic script that works from file:// (sets window.HandbookICal; load
 * handbook-core.js first) and under Node's require() (returns the same object, and loads
 * handbook-core.js beside it). The words of a calendar (its name, PRODID,
 * summaries) come from the caller, who takes them from rules.json.
 *
 *   escape(text) -> text            TEXT value escaping (3.3.11): \ ; , and line breaks
 *   fold(line) -> text              a content line folded at 75 octets of UTF-8, never
 *                                   inside a character (3.1)
 *   fingerprint(text) -> "1a2b3c4d" FNV-1a (32 bit) as 8 hex digits: a short stable id
 *   stamp(now?) -> "20250401T090000Z"  a DATE-TIME in UTC (DTSTAMP); default: the clock
 *   calendar({prodId, name, now, events: [{uid, date, summary, description, alarm}]}) -> text
 *       a VCALENDAR with one all-day, transparent VEVENT per event (date "YYYY-MM-DD",
 *       the event ends the next day; an event whose date is no real date is left out),
 *       CRLF line ends, every line folded. `alarm: {days, description}` adds a display
 *       reminder (VALARM) that many days before the start of the event.
 */
(function (root, factory) {
  "use strict";
  var core = root && /** @type {any} */ (root).HandbookCore;
  if (!core && typeof require === "function") core = require("./handbook-core.js");
  var api = factory(core);
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (root && typeof root === "object") {
    /** @type {any} */ (root).HandbookICal = api;
  }
})(typeof self !== "undefined" ? self : typeof module === "object" && module && module.exports ? null : this, function (/** @type {import("./handbook-core.js")} */ core) {
  "use strict";

  /** @param {number | string} n @param {number} width @returns {string} */
  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
   * @param {unknown} text @returns {string} */
  function escape(text) {
    return String(text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  /** @param {number} codePoint @returns {number} */
  function utf8Length(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** Fold a content line at 75 octets (UTF-8), never inside a character (RFC 5545 3.1).
   * @param {string} line @returns {string} */
  function fold(line) {
    var out = [];
    var current = "";
    var octets = 0;
    var limit = 75;
    for (var i = 0; i < line.length;) {
      var cp = /** @type {number} */ (line.codePointAt(i));
      var ch = String.fromCodePoint(cp);
      var size = utf8Length(cp);
      if (octets + size > limit) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
      i += ch.length;
    }
    out.push(current);
    return out.join("\r\n");
  }

  /** FNV-1a (32 bit) of a string, as 8 hex digits: a short, stable fingerprint.
   * @param {string} text @returns {string} */
  function fingerprint(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return pad(h.toString(16), 8);
  }

  /** A DATE-TIME in UTC. @param {Date} [now] @returns {string} */
  function stamp(now) {
    var d = now instanceof Date && !isNaN(now.getTime()) ? now : new Date();
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1, 2) + pad(d.getUTCDate(), 2) + "T" +
      pad(d.getUTCHours(), 2) + pad(d.getUTCMinutes(), 2) + pad(d.getUTCSeconds(), 2) + "Z";
  }

  /** "YYYYMMDD" of a real "YYYY-MM-DD" date and of the day after it, or null.
   * @param {string} iso @returns {[string, string] | null} */
  function dayAndNext(iso) {
    var next = core.addDaysISO(iso, 1);
    return next === null ? null : [iso.replace(/-/g, ""), next.replace(/-/g, "")];
  }

  /**
   * @typedef {{days: number, description: string}} CalendarAlarm
   * @typedef {{uid: string, date: string, summary: string, description?: string, alarm?: CalendarAlarm}} CalendarEvent
   * @typedef {{prodId: string, name?: string, now?: Date, events: CalendarEvent[]}} CalendarSpec
   */

  /** A whole calendar file. @param {CalendarSpec} spec @returns {string} */
  function calendar(spec) {
    var dtstamp = stamp(spec.now);
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:" + escape(spec.prodId),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH"
    ];
    if (spec.name) lines.push("X-WR-CALNAME:" + escape(spec.name));
    (spec.events || []).forEach(function (ev) {
      var days = dayAndNext(ev.date);
      if (days === null) return;
      lines.push("BEGIN:VEVENT");
      lines.push("UID:" + ev.uid);
      lines.push("DTSTAMP:" + dtstamp);
      lines.push("DTSTART;VALUE=DATE:" + days[0]);
      lines.push("DTEND;VALUE=DATE:" + days[1]);
      lines.push("SUMMARY:" + escape(ev.summary));
      if (ev.description) lines.push("DESCRIPTION:" + escape(ev.description));
      lines.push("TRANSP:TRANSPARENT");
      if (ev.alarm && ev.alarm.days >= 0 && Math.floor(ev.alarm.days) === ev.alarm.days) {
        lines.push("BEGIN:VALARM");
        lines.push("ACTION:DISPLAY");
        lines.push("DESCRIPTION:" + escape(ev.alarm.description));
        lines.push("TRIGGER;RELATED=START:" + (ev.alarm.days ? "-P" + ev.alarm.days + "D" : "PT0S"));
        lines.push("END:VALARM");
      }
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  return Object.freeze({
    escape: escape,
    fold: fold,
    fingerprint: fingerprint,
    stamp: stamp,
    calendar: calendar
  });
});
