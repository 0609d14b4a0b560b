// @ts-check
/* The one core of the page scripts: calendar, the filler, answers, eras, the date reader,
 * full-width text, control characters and CSV cells. No DOM, no I/O, no clock except
 * `today()`.
 *
 * A classic script that works from file:// (sets window.HandbookCore) and under Node's
 * require() (returns the same object). Every word, era, unit and range comes from
 * rules.json (generated from data/); this file only interprets them. The top-level keys it
 * reads: `calendar` ({eras, firstYear, units}), `answers` ({yes, no}) and `controls`
 * ({bidi: [[from, to], …]} code points).
 *
 * Calendar (dates are day numbers, days since 1970-01-01, computed from the calendar date
 * itself, so no time zone or clock can shift them):
 *   dayNumber(y, m, d) -> n             civil(n) -> [y, m, d]
 *   daysInMonth(y, m) -> 28..31         isoOf(n) -> "YYYY-MM-DD"
 *   isoFromParts(y, m, d) -> "YYYY-MM-DD" (no check)
 *   parseISO(text) -> n | null          a real "YYYY-MM-DD" date only (2025-02-30 is null)
 *   validISO(text) -> "YYYY-MM-DD" | null
 *   addMonths(n, k) -> n                k calendar months later; a day missing in the target
 *                                       month becomes its last day (31 Jan + 1 = 28/29 Feb)
 *   periodEnd(n, k) -> n                last day of a period of k months from day n, counted as
 *                                       Civil Code Art. 143 counts it
 *   addMonthsISO(iso, k), addDaysISO(iso, k) -> "YYYY-MM-DD" | null
 *   today(now?) -> "YYYY-MM-DD"         the local calendar date (of `now`, default the clock)
 *   monthName(month, lang) -> "October" / "10月"
 *   MONTHS_PER_YEAR                     12
 *
 * Texts:
 *   fill(template, params) -> text      every {name} by params[name]; {name|one|other} picks
 *                                       `one` when params[name] is 1, else `other`; a value is
 *                                       never read as a template; unknown names stay
 *   fillBoth(template, params) -> {ja, en}  the same for a {ja, en} template; a param given as
 *                                       {ja, en} is taken in each language
 *   toAscii(value) -> text              full-width digits, letters and signs to ASCII (NFKC), trimmed
 *   shown(value) -> text                a short printable rendering of any value for a message
 *
 * Answers (the data's yes and no words, rules.answers):
 *   answer(rules, value) -> true | false | null   blank is false; case and width do not matter
 *   yesWord(rules) -> the first yes word (what a tool writes into its links)
 *
 * Eras (from rules.calendar, never the browser's own era calendar):
 *   eras(rules) -> [{name: {ja, en}, start, until}] newest first; until = next era's start
 *   eraOf(iso, rules) -> {era, year} | null
 *   eraYear(iso, rules) -> "令和7" / "令和元" / "2025" (before every era)
 *   formatDate(iso, lang, rules) -> "令和7年10月1日" / "1 October 2025"; the text itself
 *                                       when it is no ISO date or the rules have no calendar
 *
 * The date reader (what a person types or a spreadsheet holds):
 *   readDate(text, rules) -> {value: "YYYY-MM-DD" | "", error: null | DateError}
 *     Reads 2025-04-01, 2025-4-1, 2025/4/1, 2025.4.1, 2025年4月1日, 令和7年4月1日,
 *     令和元年5月1日, R7.4.1 (the initial of the era's English name in the data, any case;
 *     an initial two eras share is not read),
 *     ㋿7年4月1日 and full-width forms of all of them; spaces do not matter. Blank is
 *     {value: "", error: null}. A DateError is {code, text, start, end}: code "format"
 *     (no known form), "month", "day" (no such month or day) or "era_year" (the date is
 *     outside its era); text is the input as typed and [start, end) the part of it at fault;
 *     parts ([year, month, day] as read, Western year) and era (the era's name {ja, en})
 *     are there when the text was read that far.
 *
 * Control characters (line breaks, C0/C1 controls, and the bidirectional controls whose
 * ranges are rules.controls.bidi):
 *   findControl(text, rules) -> {at, kind: "line" | "control" | "bidi"} | null
 *   cleanText(text, rules) -> text      line breaks as "\n", tabs as spaces, every other
 *                                       control and bidirectional control left out, trimmed
 *
 * CSV for Excel:
 *   csvCell(value) -> text              quoted when needed; a formula start (= + - @ tab CR)
 *                                       gets a leading apostrophe so it stays text
 *   csvLine(cells) -> text              cells joined by commas
 *   csvFile(lines) -> text              UTF-8 BOM, CRLF line ends
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (root && typeof root === "object") {
    /** @type {any} */ (root).HandbookCore = api;
  }
})(typeof self !== "undefined" ? self : typeof module === "object" && module && module.exports ? null : this, function () {
  "use strict";

  var has = function (/** @type {any} */ obj, /** @type {string} */ key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  };
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var LANGS = ["ja", "en"];

  // ------------------------------------------------------------------ calendar

  /** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil).
   * @param {number} y @param {number} m @param {number} d @returns {number} */
  function dayNumber(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  /** [year, month, day] of a day number (civil_from_days).
   * @param {number} n @returns {[number, number, number]} */
  function civil(n) {
    n += 719468;
    var era = Math.floor(n / 146097);
    var doe = n - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var y = yoe + era * 400;
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp + (mp < 10 ? 3 : -9);
    return [m <= 2 ? y + 1 : y, m, d];
  }

  /** @param {number} y @returns {boolean} */
  function isLeap(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  /** @param {number} y @param {number} m @returns {number} */
  function daysInMonth(y, m) {
    return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  /** @param {number} n @param {number} width @returns {string} */
  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** @param {number} y @param {number} m @param {number} d @returns {string} */
  function isoFromParts(y, m, d) {
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
  }

  /** "YYYY-MM-DD" of a day number. @param {number} n @returns {string} */
  function isoOf(n) {
    var c = civil(n);
    return isoFromParts(c[0], c[1], c[2]);
  }

  /** Day number of a real "YYYY-MM-DD" date, or null.
   * @param {unknown} text @returns {number | null} */
  function parseISO(text) {
    if (typeof text !== "string") return null;
    var m = ISO_DATE.exec(text);
    if (!m) return null;
    var y = +m[1];
    var mo = +m[2];
    var d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    return dayNumber(y, mo, d);
  }

  /** @param {unknown} text @returns {string | null} */
  function validISO(text) {
    var n = parseISO(text);
    return n === null ? null : isoOf(n);
  }

  // A calendar year has this many months (a fact of the calendar, not a rule of the
  // standard: the rules' own lengths, such as the contract year, come from rules.json).
  var MONTHS_PER_YEAR = 12;

  /** [year, month] of the month `k` months after the month of [y, m, d].
   * @param {[number, number, number]} c @param {number} k @returns {[number, number]} */
  function monthAfter(c, k) {
    var total = c[0] * MONTHS_PER_YEAR + (c[1] - 1) + k;
    var y = Math.floor(total / MONTHS_PER_YEAR);
    return [y, total - y * MONTHS_PER_YEAR + 1];
  }

  /** `k` calendar months after day `n`; a day missing in the target month becomes its last day.
   * @param {number} n @param {number} k @returns {number} */
  function addMonths(n, k) {
    var c = civil(n);
    var t = monthAfter(c, k);
    return dayNumber(t[0], t[1], Math.min(c[2], daysInMonth(t[0], t[1])));
  }

  /**
   * The last day of a period of `k` months whose first day is `n`, counted as the Civil
   * Code (Art. 143) counts it: the day before the day of the last month that corresponds to
   * the start day, or that month's last day where it has no corresponding day.
   * (31 August 2024 + 6 months ends on 28 February 2025; 1 April 2025 + 12 months on
   * 31 March 2026; 29 February 2024 + 12 months on 28 February 2025.)
   * @param {number} n @param {number} k @returns {number}
   */
  function periodEnd(n, k) {
    var c = civil(n);
    var t = monthAfter(c, k);
    var last = daysInMonth(t[0], t[1]);
    return c[2] > last ? dayNumber(t[0], t[1], last) : dayNumber(t[0], t[1], c[2]) - 1;
  }

  /** @param {unknown} iso @param {number} k @returns {string | null} */
  function addMonthsISO(iso, k) {
    var n = parseISO(iso);
    return n === null ? null : isoOf(addMonths(n, k));
  }

  /** @param {unknown} iso @param {number} k @returns {string | null} */
  function addDaysISO(iso, k) {
    var n = parseISO(iso);
    return n === null ? null : isoOf(n + k);
  }

  /** Today's date where the page is read (local time), as "YYYY-MM-DD".
   * @param {Date} [now] @returns {string} */
  function today(now) {
    var d = now instanceof Date && !isNaN(now.getTime()) ? now : new Date();
    return isoFromParts(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }

  /** @type {Object<string, string>} */
  var monthNames = {};
  /** The month's name: "October" (en), "10月" (ja), by the browser's own names.
   * @param {number} month @param {string} lang @returns {string} */
  function monthName(month, lang) {
    var key = lang + month;
    if (!has(monthNames, key)) {
      monthNames[key] = new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", { month: "long", timeZone: "UTC" })
        .format(new Date(Date.UTC(2000, month - 1, 1)));
    }
    return monthNames[key];
  }

  // ------------------------------------------------------------------ texts

  /**
   * Replace every {name} in a template with params[name], and every {name|one|other} with
   * `one` when params[name] is 1, else with `other`; unknown names stay as they are. One
   * pass: a value put in is never read as a template.
   * @param {unknown} template @param {Object<string, unknown>} [params] @returns {string}
   */
  function fill(template, params) {
    var text = template === undefined || template === null ? "" : String(template);
    var values = params || {};
    var open = text.indexOf("{");
    if (open < 0) return text;
    var out = "";
    var pos = 0;
    while (open >= 0) {
      var close = text.indexOf("}", open + 1);
      if (close < 0) break;
      var parts = text.slice(open + 1, close).split("|");
      var name = parts[0];
      if (/^[a-zA-Z]+$/.test(name) && (parts.length === 1 || parts.length === 3) && has(values, name)) {
        var value = String(values[name]);
        out += text.slice(pos, open) + (parts.length === 1 ? value : value === "1" ? parts[1] : parts[2]);
        pos = close + 1;
        open = text.indexOf("{", pos);
      } else {
        open = text.indexOf("{", open + 1);
      }
    }
    return out + text.slice(pos);
  }

  /**
   * A {ja, en} template filled in both languages; a param given as {ja, en} is taken in
   * each language, any other as it is.
   * @param {{ja: string, en: string}} template @param {Object<string, unknown>} [params]
   * @returns {{ja: string, en: string}}
   */
  function fillBoth(template, params) {
    /** @type {any} */
    var out = {};
    LANGS.forEach(function (lang) {
      /** @type {Object<string, unknown>} */
      var p = {};
      Object.keys(params || {}).forEach(function (k) {
        var v = /** @type {any} */ (params)[k];
        p[k] = v && typeof v === "object" && has(v, lang) ? v[lang] : v;
      });
      out[lang] = fill(template && /** @type {any} */ (template)[lang], p);
    });
    return out;
  }

  /** Full-width digits, letters and signs to ASCII (Unicode NFKC), trimmed: Ｒ７ → R7.
   * @param {unknown} value @returns {string} */
  function toAscii(value) {
    return String(value === undefined || value === null ? "" : value).normalize("NFKC").trim();
  }

  /** A short, printable rendering of any input value for a message.
   * @param {unknown} value @returns {string} */
  function shown(value) {
    var text;
    if (typeof value === "string") {
      text = value;
    } else {
      try {
        text = JSON.stringify(value);
      } catch (e) {
        text = Object.prototype.toString.call(value);
      }
      if (typeof text !== "string") text = String(value);
    }
    return text.length > 60 ? text.slice(0, 57) + "..." : text;
  }

  // ------------------------------------------------------------------ answers

  /** @param {unknown} w @returns {string} */
  function answerKey(w) {
    return toAscii(w).toLowerCase();
  }

  /**
   * true for one of the data's yes words (rules.answers.yes), false for a no word or
   * blank, null for anything else; case and full-width letters do not matter.
   * @param {Rules} rules @param {unknown} value @returns {boolean | null}
   */
  function answer(rules, value) {
    var v = answerKey(value);
    if (v === "") return false;
    var words = (rules && rules.answers) || { yes: [], no: [] };
    var keys = answerCache ? answerCache.get(words) : null;
    if (!keys) {
      // each word's key once per rules object (a register asks for thousands of answers)
      keys = {};
      (words.no || []).forEach(function (/** @type {unknown} */ w) { keys["=" + answerKey(w)] = false; });
      (words.yes || []).forEach(function (/** @type {unknown} */ w) { keys["=" + answerKey(w)] = true; });
      if (answerCache) answerCache.set(words, keys);
    }
    return Object.prototype.hasOwnProperty.call(keys, "=" + v) ? keys["=" + v] : null;
  }

  /** @type {WeakMap<object, Object<string, boolean>>} */
  var answerCache = typeof WeakMap === "function" ? new WeakMap() : /** @type {any} */ (null);

  /** The first yes word of the data, which tools write into the links they make.
   * @param {Rules} rules @returns {string} */
  function yesWord(rules) {
    return String(rules.answers.yes[0]);
  }

  // ------------------------------------------------------------------ eras

  /** @typedef {{name: {ja: string, en: string}, start: string, until: string | null}} EraSpan */

  /** @type {WeakMap<object, EraSpan[]>} */
  var eraCache = typeof WeakMap === "function" ? new WeakMap() : /** @type {any} */ (null);

  /** The data's eras, newest first, each with the first day of the next one.
   * @param {Rules} rules @returns {EraSpan[]} */
  function eras(rules) {
    var cal = rules && rules.calendar;
    var list = cal && Array.isArray(cal.eras) ? cal.eras : [];
    if (eraCache && cal && eraCache.has(cal)) return /** @type {EraSpan[]} */ (eraCache.get(cal));
    var sorted = list.filter(function (/** @type {any} */ e) { return parseISO(e && e.start) !== null; })
      .slice().sort(function (/** @type {any} */ a, /** @type {any} */ b) { return a.start < b.start ? 1 : a.start > b.start ? -1 : 0; });
    /** @type {EraSpan[]} */
    var out = sorted.map(function (/** @type {any} */ era, /** @type {number} */ i) {
      return { name: era.name, start: era.start, until: i ? sorted[i - 1].start : null };
    });
    if (eraCache && cal) eraCache.set(cal, out);
    return out;
  }

  /** The era of an ISO date and its year in that era, or null before every era.
   * @param {string} iso @param {Rules} rules @returns {{era: EraSpan, year: number} | null} */
  function eraOf(iso, rules) {
    var list = eras(rules);
    for (var i = 0; i < list.length; i++) {
      if (iso >= list[i].start) return { era: list[i], year: +iso.slice(0, 4) - +list[i].start.slice(0, 4) + 1 };
    }
    return null;
  }

  /** @param {Rules} rules @returns {string} */
  function firstYearWord(rules) {
    var cal = rules && rules.calendar;
    return cal && cal.firstYear && typeof cal.firstYear.ja === "string" ? cal.firstYear.ja : "1";
  }

  /** The era and year of an ISO date in Japanese: "令和7", "令和元"; the Western year before every era.
   * @param {string} iso @param {Rules} rules @returns {string} */
  function eraYear(iso, rules) {
    var e = eraOf(iso, rules);
    if (!e) return String(+iso.slice(0, 4));
    return e.era.name.ja + (e.year === 1 ? firstYearWord(rules) : String(e.year));
  }

  /**
   * Era date (ja, with the data's eras and units) or day month year (en) of "YYYY-MM-DD";
   * the text itself when it is not a real ISO date, or (ja) the rules hold no calendar.
   * @param {unknown} text @param {string} lang @param {Rules} rules @returns {string}
   */
  function formatDate(text, lang, rules) {
    var n = parseISO(text);
    if (n === null) return String(text);
    var c = civil(n);
    if (lang === "en") return c[2] + " " + monthName(c[1], "en") + " " + c[0];
    var cal = rules && rules.calendar;
    var units = cal && cal.units;
    if (!units) return String(text);
    return eraYear(/** @type {string} */ (text), rules) + units.year + c[1] + units.month + c[2] + units.day;
  }

  // ------------------------------------------------------------------ the date reader

  /** @typedef {{code: "format" | "month" | "day" | "era_year", text: string, start: number, end: number,
   *              parts?: [number, number, number], era?: {ja: string, en: string}}} DateError */
  /** @typedef {{value: string, error: DateError | null}} DateRead */

  /** @param {string} text @returns {string} */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /**
   * The text in NFKC without white space, with, for each character of it, the index in
   * the text as typed where it came from (so that an error can point at what was typed).
   * @param {string} typed @returns {{text: string, from: number[]}}
   */
  function normalized(typed) {
    if (/^[\x21-\x7e]*$/.test(typed)) {
      // printable ASCII without spaces is its own NFKC form: every character stays where it is
      var same = [];
      for (var k = 0; k < typed.length; k++) same.push(k);
      return { text: typed, from: same };
    }
    var text = "";
    /** @type {number[]} */
    var from = [];
    for (var i = 0; i < typed.length;) {
      var cp = /** @type {number} */ (typed.codePointAt(i));
      var ch = String.fromCodePoint(cp);
      var norm = ch.normalize("NFKC").replace(/\s+/g, "");
      for (var j = 0; j < norm.length; j++) {
        text += norm.charAt(j);
        from.push(i);
      }
      i += ch.length;
    }
    return { text: text, from: from };
  }

  /** @type {WeakMap<object, RegExp[]>} */
  var readerCache = typeof WeakMap === "function" ? new WeakMap() : /** @type {any} */ (null);

  /**
   * The date forms the reader knows, for these rules: each a RegExp whose groups are
   * (era name or initial | undefined, year, month, day), with `era` set for era forms.
   * @param {Rules} rules @returns {RegExp[]}
   */
  function dateForms(rules) {
    var cal = rules && rules.calendar;
    if (readerCache && cal && readerCache.has(cal)) return /** @type {RegExp[]} */ (readerCache.get(cal));
    var units = (cal && cal.units) || null;
    // between the numbers: hyphen, slash or full stop, or a dash or minus sign typed for one
    var sep = "[-\\/.\\u2010-\\u2015\\u2212]";
    var forms = [new RegExp("^()(\\d{4})" + sep + "(\\d{1,2})" + sep + "(\\d{1,2})$")];
    if (units) {
      var y = escapeRegExp(toAscii(units.year));
      var m = escapeRegExp(toAscii(units.month));
      var d = escapeRegExp(toAscii(units.day));
      forms.push(new RegExp("^()(\\d{4})" + y + "(\\d{1,2})" + m + "(\\d{1,2})" + d + "$"));
      var names = [];
      var initials = [];
      eras(rules).forEach(function (era) {
        names.push(escapeRegExp(toAscii(era.name.ja)));
        var initial = toAscii(era.name.en).charAt(0);
        if (/[A-Za-z]/.test(initial)) initials.push(initial.toUpperCase() + initial.toLowerCase());
      });
      var first = escapeRegExp(toAscii(firstYearWord(rules)));
      if (names.length) {
        forms.push(new RegExp("^(" + names.join("|") + ")(" + first + "|\\d{1,3})" + y + "(\\d{1,2})" + m + "(\\d{1,2})" + d + "$"));
        forms.push(new RegExp("^(" + names.join("|") + ")(" + first + "|\\d{1,3})" + sep + "(\\d{1,2})" + sep + "(\\d{1,2})$"));
      }
      if (initials.length) {
        forms.push(new RegExp("^([" + initials.join("") + "])(\\d{1,3})" + sep + "(\\d{1,2})" + sep + "(\\d{1,2})$"));
      }
    }
    if (readerCache && cal) readerCache.set(cal, forms);
    return forms;
  }

  /**
   * Read a date as a person types it. {value: ISO or "", error: null | DateError}.
   * @param {unknown} input @param {Rules} rules @returns {DateRead}
   */
  function readDate(input, rules) {
    var typed = input === undefined || input === null ? "" : String(input);
    var n = normalized(typed);
    var v = n.text;
    if (v === "") return { value: "", error: null };
    /** @param {DateError["code"]} code @param {number} a @param {number} b
     * @param {[number, number, number]} [parts] @param {EraSpan | null} [era] @returns {DateRead} */
    function fail(code, a, b, parts, era) {
      var start = a < n.from.length ? n.from[a] : typed.length;
      var end = b < n.from.length ? n.from[b] : typed.length;
      if (end <= start) end = Math.min(typed.length, start + 1);
      /** @type {DateError} */
      var error = { code: code, text: typed, start: start, end: end };
      if (parts) error.parts = parts;
      if (era) error.era = era.name;
      return { value: "", error: error };
    }
    var forms = dateForms(rules);
    for (var f = 0; f < forms.length; f++) {
      var m = forms[f].exec(v);
      if (!m) continue;
      // where each group starts in the normalized text
      var yearAt = m[1].length;
      var monthAt = v.indexOf(m[3], yearAt + m[2].length);
      var dayAt = v.indexOf(m[4], monthAt + m[3].length);
      var month = +m[3];
      var day = +m[4];
      var year;
      /** @type {EraSpan | null} */
      var era = null;
      if (m[1]) {
        var key = m[1];
        var list = eras(rules);
        var found = list.filter(function (e) { return toAscii(e.name.ja) === key; });
        if (!found.length && key.length === 1) {
          found = list.filter(function (e) { return toAscii(e.name.en).charAt(0).toLowerCase() === key.toLowerCase(); });
        }
        // an initial two eras share names neither
        if (found.length !== 1) return fail("format", 0, v.length);
        era = found[0];
        var eraYearNumber = m[2] === toAscii(firstYearWord(rules)) ? 1 : +m[2];
        year = +era.start.slice(0, 4) + eraYearNumber - 1;
        if (eraYearNumber < 1) return fail("era_year", yearAt, yearAt + m[2].length, [year, month, day], era);
      } else {
        year = +m[2];
        if (year < 1) return fail("format", 0, v.length);
      }
      /** @type {[number, number, number]} */
      var parts = [year, month, day];
      if (month < 1 || month > 12) return fail("month", monthAt, monthAt + m[3].length, parts, era);
      if (day < 1 || day > daysInMonth(year, month)) return fail("day", dayAt, dayAt + m[4].length, parts, era);
      var iso = isoFromParts(year, month, day);
      if (era && (iso < era.start || (era.until !== null && iso >= era.until))) {
        return fail("era_year", 0, v.length, parts, era);
      }
      return { value: iso, error: null };
    }
    return fail("format", 0, v.length);
  }

  // ------------------------------------------------------------------ control characters

  /** The bidirectional controls' ranges of the data ([first, last] code units).
      @param {Rules} rules @returns {number[][]} */
  function bidiRanges(rules) {
    return rules && rules.controls && Array.isArray(rules.controls.bidi) ? rules.controls.bidi : [];
  }

  /** What a code unit is: "line" (a line break), "bidi" (in one of `ranges`), "control" (C0
      but line breaks, DEL, C1) or "" (text). @param {number} c @param {number[][]} ranges */
  function controlKind(c, ranges) {
    if (c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) return "line";
    for (var r = 0; r < ranges.length; r++) {
      if (c >= ranges[r][0] && c <= ranges[r][1]) return "bidi";
    }
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) ? "control" : "";
  }

  /**
   * The first line break, control character or bidirectional control (the ranges of
   * rules.controls.bidi) in a text, or null.
   * @param {unknown} text @param {Rules} rules @returns {{at: number, kind: "line" | "control" | "bidi"} | null}
   */
  function findControl(text, rules) {
    var s = String(text === undefined || text === null ? "" : text);
    var ranges = bidiRanges(rules);
    for (var i = 0; i < s.length; i++) {
      var kind = controlKind(s.charCodeAt(i), ranges);
      if (kind) return { at: i, kind: /** @type {"line" | "control" | "bidi"} */ (kind) };
    }
    return null;
  }

  /**
   * A text as a cell keeps it: each line break ("\r\n" too) one "\n", tabs as spaces, no
   * other control character (C0, DEL, C1, the bidirectional controls of rules.controls),
   * trimmed. What the text shows is kept; what would corrupt a CSV line or a calendar is not.
   * @param {unknown} text @param {Rules} rules @returns {string}
   */
  function cleanText(text, rules) {
    var s = String(text === undefined || text === null ? "" : text);
    if (findControl(s, rules) === null) return s.trim();
    var ranges = bidiRanges(rules);
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      var kind = controlKind(c, ranges);
      if (!kind) out.push(s[i]);
      else if (kind === "line") {
        out.push("\n");
        if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
      } else if (c === 0x09) out.push(" ");
    }
    return out.join("").trim();
  }

  // ------------------------------------------------------------------ CSV

  /** A cell Excel reads as text, never as a formula. @param {unknown} value @returns {string} */
  function csvCell(value) {
    var v = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }

  /** @param {unknown[]} cells @returns {string} */
  function csvLine(cells) {
    return cells.map(csvCell).join(",");
  }

  /** CSV text for Excel: UTF-8 BOM, CRLF. @param {string[]} lines @returns {string} */
  function csvFile(lines) {
    return "\uFEFF" + lines.join("\r\n") + "\r\n";
  }

  return Object.freeze({
    LANGS: LANGS.slice(),
    MONTHS_PER_YEAR: MONTHS_PER_YEAR,
    dayNumber: dayNumber,
    civil: civil,
    daysInMonth: daysInMonth,
    pad: pad,
    isoFromParts: isoFromParts,
    isoOf: isoOf,
    parseISO: parseISO,
    validISO: validISO,
    addMonths: addMonths,
    periodEnd: periodEnd,
    addMonthsISO: addMonthsISO,
    addDaysISO: addDaysISO,
    today: today,
    monthName: monthName,
    fill: fill,
    fillBoth: fillBoth,
    toAscii: toAscii,
    shown: shown,
    answer: answer,
    yesWord: yesWord,
    eras: eras,
    eraOf: eraOf,
    eraYear: eraYear,
    formatDate: formatDate,
    readDate: readDate,
    findControl: findControl,
    cleanText: cleanText,
    csvCell: csvCell,
    csvLine: csvLine,
    csvFile: csvFile
  });
});
