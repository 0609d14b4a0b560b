// @ts-check
/* Audit schedule: which check of the contractor is due when (sections 4(4) and 5 of the
 * standard), for each contract type.
 *
 * A plain script without DOM access. In a page it sets window.HandbookSchedule (load
 * handbook-core.js and ical.js before it); under Node, require() returns the same
 * functions and loads those two beside it. Every rule, offset, label and message comes
 * from rules.json (`schedule` key, generated from data/contract_types.yaml, data/ui.yaml
 * and data/document.yaml; era dates from its `calendar`); this file only interprets them.
 * Calendar, filler, answers and eras are handbook-core.js's, the iCalendar file ical.js's.
 *
 *   computeSchedule(rules, input) -> {applicable, errors, warnings, notes, events, input,
 *                                     contractYears: [{year, from, to, applies}],
 *                                     version: {revision, decided, effective, reason, next} | null}
 *     `version`: the version of the rules applied (rules.schedule.versions; null without
 *     versions or when the input is refused), with the reason: "latest" (the contract starts
 *     on or after the effective date of the last version), "earlier" (it starts before
 *     `next.effective`, so an earlier version governs it), "not_kept" (an earlier version
 *     governs it, but the data does not keep its rules: the next kept one is applied). With
 *     more than one version, a note says which and why.
 *   governingVersion(rules.schedule, startIso) -> the same with the version's `types`
 *   versionText(version, lang, rules) -> the version applied in a few words, for a table row
 *   toICS(result, lang, options)  -> text/calendar (RFC 5545) of the result's events
 *   icsDescription(ev, lang, rules) -> the DESCRIPTION text of an event (for the pre-contract
 *                                      check, its date as a latest bound; who, checklist, source)
 *   formatDate(iso, lang, rules)  -> "令和7年10月1日" / "1 October 2025" (the core's)
 *
 * Dates are handled as day numbers (days since 1970-01-01) computed from the calendar
 * date itself, so no time zone or clock can shift them.
 */
(function (root, factory) {
  "use strict";
  var r = /** @type {any} */ (root);
  var core = r && r.HandbookCore;
  var ical = r && r.HandbookICal;
  if (typeof require === "function") {
    if (!core) core = require("./handbook-core.js");
    if (!ical) ical = require("./ical.js");
  }
  var api = factory(core, ical);
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (r && typeof r === "object") {
    r.HandbookSchedule = api;
  }
})(typeof self !== "undefined" ? self : typeof module === "object" && module && module.exports ? null : this, function (
  /** @type {import("./handbook-core.js")} */ core,
  /** @type {import("./ical.js")} */ ical
) {
  "use strict";

  var LANGS = core.LANGS;
  var FIELDS = ["type", "start", "end", "renewedYearly", "lastOnsiteVisit"];
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var MONTHS_PER_YEAR = core.MONTHS_PER_YEAR;
  var iso = core.isoOf;
  var parseDate = core.parseISO;
  var addMonths = core.addMonths;
  var periodEnd = core.periodEnd;
  var civil = core.civil;
  var fill = core.fill;
  var shown = core.shown;
  var answer = core.answer;
  var formatDate = core.formatDate;

  /** The middle day of [a, b] (the earlier one when two days are equally central).
   * @param {number} a @param {number} b @returns {number} */
  function midpoint(a, b) {
    return a + Math.floor((b - a) / 2);
  }

  /**
   * Whole months and remaining days of the term [start, end]: the longest period of whole
   * months from the start (counted as periodEnd counts it) that ends on or before the end,
   * and the days after it.
   * @param {number} start @param {number} end @returns {{months: number, days: number}}
   */
  function termLength(start, end) {
    var s = civil(start);
    var e = civil(end);
    var months = (e[0] - s[0]) * MONTHS_PER_YEAR + (e[1] - s[1]) + 1;
    while (months > 0 && periodEnd(start, months) > end) months -= 1;
    return { months: months, days: end - periodEnd(start, months) };
  }

  // ------------------------------------------------------------------ the calculation

  /** @typedef {{field: string, code: string, message: {ja: string, en: string}}} Problem */

  /**
   * A list of problems and its `add(field, code, params)`, which adds {field, code, message:
   * {ja, en}} from the message `code` of the rules; a param {date} is a date, written as each
   * language writes dates, a param {text: {ja, en}} a text of each language.
   * @param {Rules} rules @returns {{list: Problem[], add: (field: string, code: string, params?: Object<string, any>) => void}}
   */
  function Problems(rules) {
    var cfg = rules.schedule;
    /** @type {Problem[]} */
    var list = [];
    return {
      list: list,
      add: function (field, code, params) {
        var template = cfg.messages[code];
        /** @type {any} */
        var message = {};
        LANGS.forEach(function (lang) {
          /** @type {Object<string, unknown>} */
          var p = {};
          Object.keys(params || {}).forEach(function (k) {
            var v = /** @type {any} */ (params)[k];
            if (v && typeof v === "object" && v.date) v = formatDate(v.date, lang, rules);
            else if (v && typeof v === "object" && v.text) v = v.text[lang];
            p[k] = v;
          });
          message[lang] = fill(template[lang], p);
        });
        list.push({ field: field, code: code, message: message });
      }
    };
  }

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

  /**
   * The version of the rules that governs a contract whose period of performance starts on
   * `start` (ISO), by section 5 as the data reads it: the latest version in force on that
   * day (the first one for a contract that started before every version). Where the data
   * does not keep that version's rules, the next version that it keeps stands in (reason
   * "not_kept"). Null when rules.schedule has no versions (its `types` are the only rules).
   * The last version's rules are rules.schedule.types.
   * @param {any} cfg rules.schedule @param {string} start
   * @returns {null | {revision: string, decided: string, effective: string, reason: string,
   *   types: any, next: null | {revision: string, decided: string, effective: string}}}
   */
  function governingVersion(cfg, start) {
    var versions = cfg.versions;
    if (!Array.isArray(versions) || !versions.length) return null;
    var at = 0;
    for (var i = 1; i < versions.length; i++) if (versions[i].effective <= start) at = i;
    var typesOf = function (/** @type {number} */ k) {
      return k === versions.length - 1 ? cfg.types : versions[k].types;
    };
    var reason = at === versions.length - 1 ? "latest" : "earlier";
    var next = versions[at + 1] || null;
    var use = at;
    while (!typesOf(use)) { use += 1; reason = "not_kept"; }
    var v = versions[use];
    return {
      revision: v.revision, decided: v.decided, effective: v.effective, reason: reason, types: typesOf(use),
      next: next && { revision: next.revision, decided: next.decided, effective: next.effective }
    };
  }

  /** @param {Rules} rules @param {any} input */
  function compute(rules, input) {
    var cfg = rules.schedule;
    var errors = Problems(rules);
    var warnings = Problems(rules);
    var notes = Problems(rules);
    /** @type {any} */
    var result = {
      applicable: false, errors: errors.list, warnings: warnings.list, notes: notes.list, events: [], input: null,
      contractYears: [], version: null
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

    // Which version of the rules governs this contract, and why.
    var version = governingVersion(cfg, iso(start));
    if (version) {
      result.version = {
        revision: version.revision, decided: version.decided, effective: version.effective, reason: version.reason,
        next: version.next
      };
      if (cfg.versions.length > 1) {
        /** @type {Object<string, any>} */
        var params = { decided: { date: version.decided }, effective: { date: version.effective }, start: { date: iso(start) } };
        if (version.next) {
          params.nextDecided = { date: version.next.decided };
          params.nextEffective = { date: version.next.effective };
        }
        notes.add("start", "version_" + version.reason, params);
      }
      if (!Object.prototype.hasOwnProperty.call(version.types, type)) {
        errors.add("type", "type_unknown", { value: shown(type) });
        return result;
      }
      rule = version.types[type];
    }

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
   * @param {Rules} rules @param {any} input
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
        warnings: [], notes: [], events: [], input: null, contractYears: [], version: null
      };
    }
  }

  /**
   * The version a result applied, in a few words (the data's schedule.version.* texts), for a
   * table row; "" without a version or when the rules have a single version.
   * @param {any} version a result's `version` @param {"ja" | "en"} lang @param {Rules} rules @returns {string}
   */
  function versionText(version, lang, rules) {
    var cfg = rules.schedule;
    if (!version || !Array.isArray(cfg.versions) || cfg.versions.length < 2) return "";
    var key = { latest: "versionLatest", earlier: "versionEarlier", not_kept: "versionNotKept" }[version.reason];
    var next = version.next || {};
    return fill(cfg.text[key][lang], {
      decided: formatDate(version.decided, lang, rules), effective: formatDate(version.effective, lang, rules),
      nextDecided: next.decided ? formatDate(next.decided, lang, rules) : "",
      nextEffective: next.effective ? formatDate(next.effective, lang, rules) : ""
    });
  }

  // ------------------------------------------------------------------ iCalendar (RFC 5545)

  /**
   * The DESCRIPTION of an event: who checks, on which checklist, by which clause. The
   * pre-contract check's date is a latest bound, worded as in the table (text.byDate).
   * @param {any} ev @param {"ja" | "en"} lang @param {Rules} rules @returns {string}
   */
  function icsDescription(ev, lang, rules) {
    var cfg = rules && rules.schedule;
    if (!cfg) return "";
    var description = [];
    if (ev.phase === "before_contract" && cfg.text.byDate) description.push(cfg.text.byDate[lang]);
    if (ev.who) description.push(cfg.text.colWho[lang] + ": " + ev.who[lang]);
    if (ev.checklist && cfg.checklists[ev.checklist]) {
      description.push(cfg.text.colChecklist[lang] + ": " + cfg.checklists[ev.checklist].name[lang]);
    }
    var cited = rules.citations && rules.citations[ev.source];
    if (cited) description.push(cfg.text.colSource[lang] + ": " + cited[lang]);
    return description.join("\n");
  }

  /**
   * The result's events as an iCalendar file: one all-day VEVENT per event, summaries in
   * `lang`. options: {rules (for names and PRODID), now (Date of DTSTAMP; default: now),
   * contract: {contract, department, contractor} (optional names of the contract)}.
   * With a contract name, each summary is short ("実地確認: 市民会館の指定管理") and the
   * description holds the full text; with rules.schedule.reminderDays, each event carries
   * a reminder that many days before it. The UID of an event depends only on the inputs
   * and the event, so importing the same schedule twice updates the events instead of
   * duplicating them.
   * @param {any} result @param {string} lang
   * @param {{rules?: any, now?: Date, contract?: {contract?: string, department?: string, contractor?: string}}} [options]
   * @returns {string}
   */
  function toICS(result, lang, options) {
    options = options || {};
    /** @type {"ja" | "en"} */
    var l = lang === "en" ? "en" : "ja";
    var cfg = options.rules && options.rules.schedule;
    var ics = (cfg && cfg.ics) || {};
    var input = (result && result.input) || {};
    var named = options.contract || {};
    var contract = typeof named.contract === "string" ? named.contract.trim() : "";
    var seed = ical.fingerprint(FIELDS.map(function (f) { return String(input[f]); }).join("|") + (contract ? "|" + contract : ""));
    var text = (cfg && cfg.text) || {};
    var reminder = cfg && typeof cfg.reminderDays === "number" ? cfg.reminderDays : null;
    /** @param {any} ev @returns {string} */
    function summary(ev) {
      if (!contract || !text.icsSummary || !cfg.methods[ev.method]) return ev.label[l];
      return fill(text.icsSummary[l], { method: cfg.methods[ev.method].name[l], contract: contract });
    }
    /** @param {any} ev @returns {string} */
    function description(ev) {
      var parts = [];
      if (contract) {
        parts.push(ev.label[l]);
        if (text.icsContract) parts.push(fill(text.icsContract[l], { contract: contract }));
        [["department", "conditionsDepartment"], ["contractor", "conditionsContractor"]].forEach(function (p) {
          var v = typeof named[p[0]] === "string" ? named[p[0]].trim() : "";
          if (v && text[p[1]]) parts.push(text[p[1]][l] + ": " + v);
        });
      }
      var rest = icsDescription(ev, l, options.rules);
      if (rest) parts.push(rest);
      return parts.join("\n");
    }
    return ical.calendar({
      prodId: ics.prodId ? ics.prodId[l] : "-//handbook//audit schedule//" + l.toUpperCase(),
      name: cfg && cfg.text && cfg.text.icsCalendarName ? cfg.text.icsCalendarName[l] : "",
      now: options.now,
      events: ((result && result.events) || []).map(function (/** @type {any} */ ev) {
        var title = summary(ev);
        return {
          uid: seed + "-" + ev.id + "-" + String(ev.date).replace(/-/g, ""),
          date: ev.date,
          summary: title,
          description: description(ev),
          alarm: reminder === null || !text.icsAlarm ? undefined
            : { days: reminder, description: fill(text.icsAlarm[l], { days: reminder, title: title }) }
        };
      })
    });
  }

  return Object.freeze({
    computeSchedule: computeSchedule,
    governingVersion: governingVersion,
    versionText: versionText,
    toICS: toICS,
    icsDescription: icsDescription,
    formatDate: formatDate,
    parseDate: core.validISO,
    addMonths: function (/** @type {string} */ text, /** @type {number} */ n) {
      return core.addMonthsISO(text, n);
    },
    fill: fill,
    answer: answer,
    icsEscape: ical.escape,
    icsFold: ical.fold,
    fingerprint: ical.fingerprint,
    FIELDS: FIELDS.slice()
  });
});
