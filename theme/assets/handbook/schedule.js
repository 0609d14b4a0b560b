/* Audit schedule: which check of the contractor is due when (sections 4(4) and 5 of the
 * standard), for each contract type.
 *
 * A plain script without DOM access. In a page it sets window.HandbookSchedule; under
 * Node, require() returns the same functions. Every rule, offset, label and message comes
 * from rules.json (`schedule` key, generated from data/contract_types.yaml, data/ui.yaml
 * and data/document.yaml); this file only interprets them.
 *
 *   computeSchedule(rules, input) -> {applicable, errors, warnings, notes, events, input,
 *                                     contractYears: [{year, from, to, applies}]}
 *   toICS(result, lang, options)  -> text/calendar (RFC 5545) of the result's events
 *   formatDate(iso, lang, rules)  -> "令和7年10月1日" / "1 October 2025"
 *
 * Dates are handled as day numbers (days since 1970-01-01) computed from the calendar
 * date itself, so no time zone or clock can shift them.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (root && typeof root === "object") {
    root.HandbookSchedule = api;
  }
})(typeof window !== "undefined" ? window : null, function () {
  "use strict";

  var LANGS = ["ja", "en"];
  var FIELDS = ["type", "start", "end", "renewedYearly", "lastOnsiteVisit"];
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  // ------------------------------------------------------------------ calendar

  /** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  function dayNumber(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  /** [year, month, day] of a day number (civil_from_days). */
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

  function isLeap(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  function daysInMonth(y, m) {
    return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** "YYYY-MM-DD" of a day number. */
  function iso(n) {
    var c = civil(n);
    return pad(c[0], 4) + "-" + pad(c[1], 2) + "-" + pad(c[2], 2);
  }

  /** Day number of a real "YYYY-MM-DD" date, or null (2025-02-30 is null). */
  function parseDate(text) {
    if (typeof text !== "string") return null;
    var m = ISO_DATE.exec(text);
    if (!m) return null;
    var y = +m[1];
    var mo = +m[2];
    var d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    return dayNumber(y, mo, d);
  }

  // A calendar year has this many months (a fact of the calendar, not a rule of the standard:
  // the rules' own lengths, such as the contract year, come from rules.json).
  var MONTHS_PER_YEAR = 12;

  /** [year, month] of the calendar month `n` months after the month of the date [y, m, d]. */
  function monthAfter(c, n) {
    var total = c[0] * MONTHS_PER_YEAR + (c[1] - 1) + n;
    var y = Math.floor(total / MONTHS_PER_YEAR);
    return [y, total - y * MONTHS_PER_YEAR + 1];
  }

  /** `n` calendar months after day `day`; a day missing in the target month becomes its last day. */
  function addMonths(day, n) {
    return monthsAfter(civil(day), n);
  }

  /** `n` calendar months after the date [y, m, d]. */
  function monthsAfter(c, n) {
    var t = monthAfter(c, n);
    return dayNumber(t[0], t[1], Math.min(c[2], daysInMonth(t[0], t[1])));
  }

  /**
   * The last day of a period of `n` months whose first day is `start`, counted as the Civil
   * Code (Art. 143) counts it: the day before the day of the last month that corresponds to
   * the start day, or that month's last day where it has no corresponding day.
   * (31 August 2024 + 6 months ends on 28 February 2025; 1 April 2025 + 12 months on
   * 31 March 2026; 29 February 2024 + 12 months on 28 February 2025.)
   */
  function periodEnd(start, n) {
    var c = civil(start);
    var t = monthAfter(c, n);
    var last = daysInMonth(t[0], t[1]);
    return c[2] > last ? dayNumber(t[0], t[1], last) : dayNumber(t[0], t[1], c[2]) - 1;
  }

  /** The middle day of [a, b] (the earlier one when two days are equally central). */
  function midpoint(a, b) {
    return a + Math.floor((b - a) / 2);
  }

  /**
   * Whole months and remaining days of the term [start, end]: the longest period of whole
   * months from the start (counted as periodEnd counts it) that ends on or before the end,
   * and the days after it.
   */
  function termLength(start, end) {
    var s = civil(start);
    var e = civil(end);
    var months = (e[0] - s[0]) * MONTHS_PER_YEAR + (e[1] - s[1]) + 1;
    while (months > 0 && periodEnd(start, months) > end) months -= 1;
    return { months: months, days: end - periodEnd(start, months) };
  }

  // ------------------------------------------------------------------ texts

  /**
   * Replace every {name} in a template with params[name], and every {name|one|other} with
   * `one` when params[name] is 1, else with `other` (a UI string's plural choice);
   * unknown names stay as they are.
   */
  function fill(template, params) {
    var text = String(template);
    var open = text.indexOf("{");
    if (open < 0) return text;
    var out = "";
    var pos = 0;
    while (open >= 0) {
      var close = text.indexOf("}", open + 1);
      if (close < 0) break;
      var parts = text.slice(open + 1, close).split("|");
      var name = parts[0];
      if (/^[a-zA-Z]+$/.test(name) && (parts.length === 1 || parts.length === 3) &&
          Object.prototype.hasOwnProperty.call(params, name)) {
        var value = String(params[name]);
        out += text.slice(pos, open) + (parts.length === 1 ? value : value === "1" ? parts[1] : parts[2]);
        pos = close + 1;
        open = text.indexOf("{", pos);
      } else {
        open = text.indexOf("{", open + 1);
      }
    }
    return out + text.slice(pos);
  }

  // Intl formatters are costly to build (hundreds of microseconds): build each once.
  var formatters = {};
  function formatter(lang) {
    if (!formatters[lang]) {
      formatters[lang] = lang === "ja"
        ? new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
          era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC"
        })
        : new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    }
    return formatters[lang];
  }

  // Formatted dates, remembered (the effective date appears in many messages).
  var formatted = {};
  var formattedCount = 0;

  /** Era date (ja) or day-month-year (en) of "YYYY-MM-DD"; the ISO text if Intl cannot. */
  function formatDate(text, lang, rules) {
    var first = rules && rules.schedule && rules.schedule.text && rules.schedule.text.eraFirstYear;
    var key = lang + "|" + text + "|" + (first ? first.ja : "");
    if (Object.prototype.hasOwnProperty.call(formatted, key)) return formatted[key];
    var value = formatDateNow(text, lang, first);
    if (formattedCount > 1000) {
      formatted = {};
      formattedCount = 0;
    }
    formatted[key] = value;
    formattedCount += 1;
    return value;
  }

  function formatDateNow(text, lang, first) {
    var day = parseDate(text);
    if (day === null) return String(text);
    var c = civil(day);
    var date = new Date(Date.UTC(2000, c[1] - 1, c[2]));
    date.setUTCFullYear(c[0]);
    try {
      if (lang === "ja") {
        var parts = formatter("ja").formatToParts(date);
        return parts.map(function (p) {
          // Year 1 of an era is written 元年 on official forms; some ICU versions print 1年.
          if (p.type === "year" && first && (p.value === "1" || p.value === first.ja)) return first.ja;
          return p.value;
        }).join("");
      }
      return formatter("en").format(date);
    } catch (e) {
      return String(text);
    }
  }

  /** A short, printable rendering of any input value for a message. */
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

  // ------------------------------------------------------------------ the calculation

  function Problems(cfg) {
    this.cfg = cfg;
    this.list = [];
  }

  /** Add {field, code, message: {ja, en}}; params ending in "Date" are dates, formatted per language. */
  Problems.prototype.add = function (field, code, params) {
    var cfg = this.cfg;
    var template = cfg.messages[code];
    var message = {};
    LANGS.forEach(function (lang) {
      var p = {};
      Object.keys(params || {}).forEach(function (k) {
        var v = params[k];
        if (v && typeof v === "object" && v.date) v = formatDate(v.date, lang, { schedule: cfg });
        else if (v && typeof v === "object" && v.text) v = v.text[lang];
        p[k] = v;
      });
      message[lang] = fill(template[lang], p);
    });
    this.list.push({ field: field, code: code, message: message });
  };

  function readDate(value, field, required, errors) {
    if (value === undefined || value === null || value === "") {
      if (required) errors.add(field, "date_missing");
      return null;
    }
    if (typeof value !== "string") {
      errors.add(field, "date_not_text");
      return null;
    }
    if (!ISO_DATE.test(value)) {
      errors.add(field, "date_format", { value: shown(value) });
      return null;
    }
    var day = parseDate(value);
    if (day === null) errors.add(field, "date_impossible", { value: value });
    return day;
  }

  /** true for one of the data's yes words (rules.answers.yes), false for a no word or
   *  blank, null for anything else; case and full-width letters do not matter. */
  function answer(rules, value) {
    var v = String(value === undefined || value === null ? "" : value).normalize("NFKC").trim().toLowerCase();
    if (v === "") return false;
    var words = (rules && rules.answers) || { yes: [], no: [] };
    var match = function (w) { return String(w).normalize("NFKC").trim().toLowerCase() === v; };
    if (words.yes.some(match)) return true;
    if (words.no.some(match)) return false;
    return null;
  }

  function readFlag(rules, value, errors) {
    if (value === undefined || value === null || value === false || value === "") return false;
    if (value === true) return true;
    if (typeof value === "string" && answer(rules, value) !== null) return answer(rules, value);
    errors.add("renewedYearly", "flag_invalid", { value: shown(value) });
    return false;
  }

  /**
   * The contract years of the term [start, end]: year k ends where the period of
   * k x `yearMonths` months from the start ends (periodEnd), year k + 1 starts the next day,
   * and the last year is cut at the end. They partition the term; none is empty.
   * winFrom..winTo is the part of the year in which the standard applies (from
   * `effective`); it is empty (winFrom > winTo) for a year that ended before it.
   */
  function contractYears(start, end, effective, yearMonths) {
    var years = [];
    var from = start;
    for (var k = 0; from <= end; k++) {
      var to = Math.min(periodEnd(start, yearMonths * (k + 1)), end);
      years.push({ index: k, from: from, to: to, winFrom: Math.max(from, effective), winTo: to });
      from = to + 1;
    }
    return years;
  }

  /**
   * The aimed-for day: `aim.months` after the start of contract year `yearIndex` (0 for
   * the first), counted from the start date itself (start + yearMonths x yearIndex + m
   * months, never from an already shortened date), if inside [winFrom, winTo]; else the
   * window's middle.
   */
  function aimIn(aim, start, yearIndex, yearMonths, winFrom, winTo) {
    if (aim && typeof aim.months === "number") {
      var day = addMonths(start, yearMonths * yearIndex + aim.months);
      if (day >= winFrom && day <= winTo) return { day: day, adjusted: false };
      return { day: midpoint(winFrom, winTo), adjusted: true };
    }
    return { day: midpoint(winFrom, winTo), adjusted: false };
  }

  function compute(rules, input) {
    var cfg = rules.schedule;
    var errors = new Problems(cfg);
    var warnings = new Problems(cfg);
    var notes = new Problems(cfg);
    var result = {
      applicable: false, errors: errors.list, warnings: warnings.list, notes: notes.list, events: [], input: null,
      contractYears: []
    };

    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      errors.add("input", "input_not_object");
      return result;
    }
    var type = input.type;
    var rule = null;
    if (type === undefined || type === null || type === "") {
      errors.add("type", "type_missing");
    } else if (typeof type !== "string" || !Object.prototype.hasOwnProperty.call(cfg.types, type)) {
      errors.add("type", "type_unknown", { value: shown(type) });
    } else {
      rule = cfg.types[type];
    }
    var start = readDate(input.start, "start", true, errors);
    var end = readDate(input.end, "end", true, errors);
    var renewed = readFlag(rules, input.renewedYearly, errors);
    var visit = readDate(input.lastOnsiteVisit, "lastOnsiteVisit", false, errors);
    if (start !== null && end !== null) {
      if (end < start) errors.add("end", "end_before_start");
      else if (periodEnd(start, MONTHS_PER_YEAR * cfg.maxTermYears) < end) errors.add("end", "term_too_long", { years: cfg.maxTermYears });
    }
    if (visit !== null && end !== null && visit > end) errors.add("lastOnsiteVisit", "visit_after_end");
    if (errors.list.length) return result;

    result.input = {
      type: type, start: iso(start), end: iso(end), renewedYearly: renewed,
      lastOnsiteVisit: visit === null ? null : iso(visit)
    };
    var effective = parseDate(cfg.effective);
    var effectiveParam = { date: cfg.effective };

    // Section 5: which contracts the standard applies to.
    if (end < effective) {
      warnings.add("end", "not_applicable_ended", { effective: effectiveParam });
      return result;
    }
    if (start < effective && rule.applies !== "runs_on_or_after") {
      warnings.add("start", "not_applicable_started", { effective: effectiveParam });
      return result;
    }
    result.applicable = true;
    if (start < effective) warnings.add("start", "before_effective", { effective: effectiveParam });

    // The contract years of the whole term (the standard applies in those that reach the effective date).
    var yearMonths = cfg.contractYearMonths;
    if (typeof yearMonths !== "number" || !(yearMonths >= 1) || Math.floor(yearMonths) !== yearMonths) {
      throw new Error("rules.schedule.contractYearMonths: " + shown(yearMonths));
    }
    var years = contractYears(start, end, effective, yearMonths);
    result.contractYears = years.map(function (y) {
      return { year: y.index + 1, from: iso(y.from), to: iso(y.to), applies: y.winFrom <= y.winTo };
    });

    // Does the term fit the type?
    if (rule.term) {
      var full = periodEnd(start, rule.term.months);
      var relation = rule.term.relation;
      var fits = relation === "equal" ? end === full : relation === "shorter" ? end < full : end > full;
      if (!fits) {
        var len = termLength(start, end);
        var term = {};
        var lengthText = cfg.messages[len.days ? "term_length" : "term_length_months"];
        LANGS.forEach(function (lang) { term[lang] = fill(lengthText[lang], len); });
        warnings.add("end", "term_" + relation, { type: { text: rule.name }, months: rule.term.months, term: { text: term } });
      }
    }

    var usesRenewed = false;
    var usesVisit = false;
    rule.checks.forEach(function (check) {
      if (check.onsite && check.onsite.when === "every_n_years_if_renewed") {
        usesRenewed = true;
        if (renewed) usesVisit = true;
      }
      if (check.onsite && check.onsite.when === "once_in_term") usesVisit = true;
    });
    if (renewed && !usesRenewed) warnings.add("renewedYearly", "renewed_unused");
    if (visit !== null && !usesVisit) warnings.add("lastOnsiteVisit", "visit_unused");

    var events = result.events;

    // Before the contract: the self-assessed pre-contract checklist, received and reviewed.
    var bc = cfg.beforeContract;
    var bcDay = start - bc.daysBeforeStart;
    if (bcDay >= effective) {
      events.push({
        id: bc.id, date: iso(bcDay), phase: "before_contract", method: bc.method, source: bc.source,
        label: { ja: bc.label.ja, en: bc.label.en }, who: cfg.methods[bc.method].who,
        checklist: bc.checklist, contractYear: null, kind: "pre_contract_checklist", adjusted: false
      });
    } else if (start >= effective) {
      warnings.add("start", "pre_contract_before_effective", { effective: effectiveParam });
    }

    // During the contract.
    rule.checks.forEach(function (check) {
      var slots = [];
      if (check.repeat === "every_contract_year") {
        years.forEach(function (y) {
          if (y.winFrom > y.winTo) return;
          var at = aimIn(check.aim, start, y.index, yearMonths, y.winFrom, y.winTo);
          slots.push({ year: y.index + 1, at: at, id: check.id + "-y" + (y.index + 1) });
        });
      } else {
        var winFrom = Math.max(start, effective);
        slots.push({ year: null, at: aimIn(check.aim, start, 0, yearMonths, winFrom, end), id: check.id });
      }
      if (!slots.length) return;

      // Which of these checks, if any, has to be made on site.
      var onsite = check.onsite;
      var onsiteDue = false;
      if (onsite && onsite.when === "once_in_term") {
        if (visit !== null && visit >= start && visit <= end) {
          notes.add("lastOnsiteVisit", "onsite_recorded", { date: { date: iso(visit) } });
        } else {
          onsiteDue = true;
        }
      } else if (onsite && onsite.when === "every_n_years_if_renewed" && renewed) {
        if (visit === null || addMonths(visit, MONTHS_PER_YEAR * onsite.years) <= end) {
          onsiteDue = true;
        } else {
          notes.add("lastOnsiteVisit", "onsite_next_due", {
            date: { date: iso(visit) }, years: onsite.years, due: { date: iso(addMonths(visit, MONTHS_PER_YEAR * onsite.years)) }
          });
        }
      }

      slots.forEach(function (slot, i) {
        var asOnsite = onsiteDue && i === 0;
        var labelText = asOnsite ? onsite.label : check.label;
        var label = {};
        LANGS.forEach(function (lang) {
          label[lang] = fill(labelText[lang], { year: slot.year === null ? "" : slot.year });
          if (slot.at.adjusted) label[lang] += cfg.text.aimMidpointNote[lang];
        });
        var method = asOnsite ? "onsite" : check.method;
        events.push({
          id: asOnsite ? onsite.id + (slot.year === null ? "" : "-y" + slot.year) : slot.id,
          date: iso(slot.at.day), phase: "during_contract", method: method,
          source: asOnsite ? onsite.source : check.source, label: label, who: cfg.methods[method].who,
          checklist: check.checklist, contractYear: slot.year,
          kind: asOnsite ? onsite.when : check.repeat, adjusted: slot.at.adjusted
        });
      });
    });

    events.sort(function (a, b) {
      if (a.date !== b.date) return a.date < b.date ? -1 : 1;
      if (a.phase !== b.phase) return a.phase === "before_contract" ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return result;
  }

  /**
   * The checks due for one contract. Never throws: bad input gives `errors`, and any
   * internal failure becomes an error entry with the field "input".
   */
  function computeSchedule(rules, input) {
    try {
      return compute(rules, input);
    } catch (e) {
      var detail = shown(e && e.message ? e.message : e);
      var message = { ja: detail, en: detail };
      try {
        var t = rules.schedule.messages.internal;
        message = { ja: fill(t.ja, { detail: detail }), en: fill(t.en, { detail: detail }) };
      } catch (ignored) {
        // the rules themselves are unusable: keep the bare detail
      }
      return {
        applicable: false, errors: [{ field: "input", code: "internal", message: message }],
        warnings: [], notes: [], events: [], input: null, contractYears: []
      };
    }
  }

  // ------------------------------------------------------------------ iCalendar (RFC 5545)

  /** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
  function icsEscape(text) {
    return String(text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function utf8Length(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** Fold a content line at 75 octets (UTF-8), never inside a character (RFC 5545 3.1). */
  function icsFold(line) {
    var out = [];
    var current = "";
    var octets = 0;
    var limit = 75;
    for (var i = 0; i < line.length; ) {
      var cp = line.codePointAt(i);
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

  /** FNV-1a (32 bit) of a string, as 8 hex digits: a short, stable fingerprint. */
  function fingerprint(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return pad(h.toString(16), 8);
  }

  function compact(isoDate) {
    return isoDate.replace(/-/g, "");
  }

  function stamp(now) {
    var d = now instanceof Date && !isNaN(now.getTime()) ? now : new Date();
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1, 2) + pad(d.getUTCDate(), 2) + "T" +
      pad(d.getUTCHours(), 2) + pad(d.getUTCMinutes(), 2) + pad(d.getUTCSeconds(), 2) + "Z";
  }

  /**
   * The result's events as an iCalendar file: one all-day VEVENT per event, summaries in
   * `lang`. options: {rules (for names and PRODID), now (Date of DTSTAMP; default: now)}.
   * The UID of an event depends only on the inputs and the event, so importing the same
   * schedule twice updates the events instead of duplicating them.
   */
  function toICS(result, lang, options) {
    options = options || {};
    lang = lang === "en" ? "en" : "ja";
    var cfg = options.rules && options.rules.schedule;
    var ics = (cfg && cfg.ics) || {};
    var input = (result && result.input) || {};
    var seed = fingerprint(FIELDS.map(function (f) { return String(input[f]); }).join("|"));
    var dtstamp = stamp(options.now);
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:" + icsEscape(ics.prodId ? ics.prodId[lang] : "-//handbook//audit schedule//" + lang.toUpperCase()),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH"
    ];
    if (cfg && cfg.text && cfg.text.icsCalendarName) lines.push("X-WR-CALNAME:" + icsEscape(cfg.text.icsCalendarName[lang]));
    ((result && result.events) || []).forEach(function (ev) {
      var day = parseDate(ev.date);
      if (day === null) return;
      var description = [];
      if (cfg) {
        if (ev.who) description.push(cfg.text.colWho[lang] + ": " + ev.who[lang]);
        if (ev.checklist && cfg.checklists[ev.checklist]) {
          description.push(cfg.text.colChecklist[lang] + ": " + cfg.checklists[ev.checklist].name[lang]);
        }
        var cited = options.rules.citations && options.rules.citations[ev.source];
        if (cited) description.push(cfg.text.colSource[lang] + ": " + cited[lang]);
      }
      lines.push("BEGIN:VEVENT");
      lines.push("UID:" + seed + "-" + ev.id + "-" + compact(ev.date));
      lines.push("DTSTAMP:" + dtstamp);
      lines.push("DTSTART;VALUE=DATE:" + compact(ev.date));
      lines.push("DTEND;VALUE=DATE:" + compact(iso(day + 1)));
      lines.push("SUMMARY:" + icsEscape(ev.label[lang]));
      if (description.length) lines.push("DESCRIPTION:" + icsEscape(description.join("\n")));
      lines.push("TRANSP:TRANSPARENT");
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  return {
    computeSchedule: computeSchedule,
    toICS: toICS,
    formatDate: formatDate,
    parseDate: function (text) {
      var day = parseDate(text);
      return day === null ? null : iso(day);
    },
    addMonths: function (text, n) {
      var day = parseDate(text);
      return day === null ? null : iso(addMonths(day, n));
    },
    fill: fill,
    answer: answer,
    icsEscape: icsEscape,
    icsFold: icsFold,
    fingerprint: fingerprint,
    FIELDS: FIELDS.slice()
  };
});
