// @ts-check
/* Annual audit plan: every check of a fiscal year, from a register of contracts.
 *
 * A plain script without DOM access. In a page it sets window.HandbookPlan (after
 * handbook-core.js, ical.js and schedule.js); under Node, require() returns the same
 * functions and loads those beside it. Every setting, word, label and message comes
 * from rules.json (`plan` key, from data/ui.yaml; dates are read and written with the
 * `calendar` through handbook-core.js); the rules of the checks are schedule.js's
 * `computeSchedule`, called once per contract.
 *
 *   parseRegister(text, rules)            -> {rows, problems}
 *   makePlan(rules, text, {fy, today})    -> {fy, from, to, today, contracts, events, months, counts, problems, warnings}
 *   fiscalYearOf(isoDate, rules)          -> 2025
 *   fiscalYearLabel(fy, lang, rules)      -> "令和7年度" / "fiscal year 2025 (April 2025–March 2026)"
 *   toCSV(plan, lang, rules)              -> CSV text for Excel (BOM, CRLF, no formulas)
 *   toICS(plan, lang, rules, now)         -> text/calendar of every check of the plan
 *   decode(bytes)                         -> text of a UTF-8 (with or without BOM) or Shift_JIS file
 */
(function (root, factory) {
  "use strict";
  var r = /** @type {any} */ (root);
  var core = r && r.HandbookCore;
  var ical = r && r.HandbookICal;
  var schedule = r && r.HandbookSchedule;
  if (typeof require === "function") {
    if (!core) core = require("./handbook-core.js");
    if (!ical) ical = require("./ical.js");
    if (!schedule) schedule = require("./schedule.js");
  }
  var api = factory(core, ical, schedule);
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (r && typeof r === "object") {
    r.HandbookPlan = api;
  }
})(typeof self !== "undefined" ? self : typeof module === "object" && module && module.exports ? null : this, function (
  /** @type {import("./handbook-core.js")} */ core,
  /** @type {import("./ical.js")} */ ical,
  /** @type {import("./schedule.js")} */ schedule
) {
  "use strict";

  var LANGS = core.LANGS;
  var has = function (/** @type {any} */ obj, /** @type {string} */ key) { return Object.prototype.hasOwnProperty.call(obj, key); };
  var norm = core.toAscii;
  var message = core.fillBoth;

  // ------------------------------------------------------------------ calendar

  /** The ISO date `days` days after a real ISO date. @param {string} isoDate @param {number} days @returns {string} */
  function addDays(isoDate, days) {
    return /** @type {string} */ (core.addDaysISO(isoDate, days));
  }

  function startMonth(rules) {
    return rules.plan.fiscalYearStartMonth;
  }

  /** The fiscal year (named by the calendar year it starts in) of an ISO date. */
  function fiscalYearOf(isoDate, rules) {
    var y = +isoDate.slice(0, 4);
    var m = +isoDate.slice(5, 7);
    return m < startMonth(rules) ? y - 1 : y;
  }

  /** First and last day of fiscal year `fy`. */
  function fiscalYearRange(fy, rules) {
    var from = core.isoFromParts(fy, startMonth(rules), 1);
    return { from: from, to: addDays(core.isoFromParts(fy + 1, startMonth(rules), 1), -1) };
  }

  var monthName = core.monthName;

  /** "令和7年度" / "fiscal year 2025 (April 2025–March 2026)". */
  function fiscalYearLabel(fy, lang, rules) {
    var range = fiscalYearRange(fy, rules);
    var params = {
      year: fy,
      from: monthName(+range.from.slice(5, 7), "en") + " " + range.from.slice(0, 4),
      to: monthName(+range.to.slice(5, 7), "en") + " " + range.to.slice(0, 4),
      era: core.eraYear(range.from, rules)
    };
    return core.fill(rules.plan.text.fyOption[lang], params);
  }

  /** "2025年4月" / "April 2025". */
  function monthLabel(year, month, lang, rules) {
    return core.fill(rules.plan.text.month[lang], { year: year, month: lang === "ja" ? month : monthName(month, "en") });
  }

  // ------------------------------------------------------------------ reading cells

  /**
   * A cell's date as "YYYY-MM-DD" for computeSchedule, by the core's date reader (ISO,
   * 2025/4/1, 2025年4月1日, era dates from the data such as 令和元年5月1日 or R7.4.1). A date
   * outside its era is named here; a day or month that does not exist is passed on in ISO
   * form and text of no known form as it is, so that the calculator's own message explains
   * it. {value, problem}.
   * @param {unknown} cell @param {Rules} rules @returns {{value: string, problem: {ja: string, en: string} | null}}
   */
  function readDate(cell, rules) {
    var read = core.readDate(cell, rules);
    var e = read.error;
    if (!e) return { value: read.value, problem: null };
    if (!e.parts) return { value: String(cell).trim(), problem: null };
    var iso = core.isoFromParts(e.parts[0], e.parts[1], e.parts[2]);
    if (e.code === "era_year") {
      return { value: iso, problem: message(rules.plan.messages.era_range, { value: String(cell).trim(), era: e.era }) };
    }
    return { value: iso, problem: null };
  }

  /** The data's yes and no words (rules.answers: はい/いいえ, yes/no, …); blank is no.
   * @param {unknown} cell @param {Rules} rules @returns {boolean | string} */
  function readFlag(cell, rules) {
    var flag = core.answer(rules, cell);
    return flag === null ? String(cell).trim() : flag;  // computeSchedule explains it
  }

  /** A type by id, or by its Japanese or English name (any case); else the text as given. */
  function readType(cell, rules) {
    var v = norm(cell);
    var types = rules.schedule.types;
    if (has(types, v)) return v;
    var low = v.toLowerCase();
    var order = rules.schedule.typeOrder;
    for (var i = 0; i < order.length; i++) {
      var name = types[order[i]].name;
      if (norm(name.ja).toLowerCase() === low || norm(name.en).toLowerCase() === low) return order[i];
    }
    return String(cell === undefined || cell === null ? "" : cell).trim();
  }

  // ------------------------------------------------------------------ the register

  /** Records of CSV or tab-separated text (quotes as Excel writes them). */
  function records(text, delimiter) {
    var out = [];
    var row = [];
    var cell = "";
    var quoted = false;
    var i = 0;
    var n = text.length;
    while (i < n) {
      var c = text.charAt(i);
      if (quoted) {
        if (c === '"') {
          if (text.charAt(i + 1) === '"') { cell += '"'; i += 2; continue; }
          quoted = false;
        } else {
          cell += c;
        }
        i += 1;
        continue;
      }
      if (c === '"' && cell === "") {
        quoted = true;
      } else if (c === delimiter) {
        row.push(cell);
        cell = "";
      } else if (c === "\r" || c === "\n") {
        row.push(cell);
        out.push(row);
        row = [];
        cell = "";
        if (c === "\r" && text.charAt(i + 1) === "\n") i += 1;
      } else {
        cell += c;
      }
      i += 1;
    }
    if (cell !== "" || row.length) {
      row.push(cell);
      out.push(row);
    }
    return out;
  }

  function blank(record) {
    return record.every(function (cell) { return norm(cell) === ""; });
  }

  /** Which field each header label names: the data's labels in either language, or the field name. */
  function headerFields(rules) {
    var map = {};
    Object.keys(rules.plan.columns).forEach(function (field) {
      map[norm(field).toLowerCase()] = field;
      LANGS.forEach(function (lang) { map[norm(rules.plan.columns[field][lang]).toLowerCase()] = field; });
    });
    return map;
  }

  /**
   * The register's rows: [{row, name, input}] where input is computeSchedule's input, and
   * problems: [{row, name, messages: [{ja, en}], fields}] for what could not be read.
   */
  function parseRegister(text, rules) {
    var cfg = rules.plan;
    var body = String(text || "").replace(/^\uFEFF/, "");
    var firstLine = body.split(/\r\n|\r|\n/).filter(function (l) { return l.trim() !== ""; })[0] || "";
    var delimiter = firstLine.indexOf("\t") >= 0 ? "\t" : ",";
    var recs = records(body, delimiter);
    var headerAt = -1;
    for (var h = 0; h < recs.length; h++) {
      if (!blank(recs[h])) { headerAt = h; break; }
    }
    if (headerAt < 0) return { rows: [], problems: [{ row: 1, name: "", messages: [message(cfg.messages.empty)] }] };

    var labels = headerFields(rules);
    var index = {};
    var problems = [];
    recs[headerAt].forEach(function (label, col) {
      var key = norm(label).toLowerCase();
      if (!has(labels, key)) return;  // other columns of the department's own list are ignored
      var field = labels[key];
      if (has(index, field)) {
        problems.push({ row: headerAt + 1, name: "", messages: [message(cfg.messages.duplicate_column, { column: String(label).trim() })] });
      }
      index[field] = col;
    });
    var missing = cfg.requiredColumns.filter(function (f) { return !has(index, f); });
    if (missing.length) {
      var names = {};
      LANGS.forEach(function (lang) {
        names[lang] = missing.map(function (f) { return cfg.columns[f][lang]; }).join(lang === "ja" ? "、" : ", ");
      });
      problems.push({ row: headerAt + 1, name: "", messages: [message(cfg.messages.missing_columns, { columns: names })] });
    }
    if (problems.length) return { rows: [], problems: problems };

    var rows = [];
    for (var r = headerAt + 1; r < recs.length; r++) {
      var rec = recs[r];
      if (blank(rec)) continue;
      var cell = function (field) { return has(index, field) && index[field] < rec.length ? rec[index[field]] : ""; };
      var own = [];
      var badFields = [];
      var dates = {};
      ["start", "end", "lastOnsiteVisit"].forEach(function (field) {
        var d = readDate(cell(field), rules);
        dates[field] = d.value;
        if (d.problem) { own.push(d.problem); badFields.push(field); }
      });
      var input = {
        type: readType(cell("type"), rules),
        start: dates.start,
        end: dates.end,
        renewedYearly: readFlag(cell("renewedYearly"), rules),
        lastOnsiteVisit: dates.lastOnsiteVisit || null
      };
      rows.push({ row: r + 1, name: String(cell("name")).trim(), input: input, own: own, badFields: badFields });
    }
    return { rows: rows, problems: [] };
  }

  // ------------------------------------------------------------------ the plan

  /**
   * Plan fiscal year `options.fy` (default: that of `options.today`) from a register.
   * Each contract is computed by computeSchedule; its events in the year are kept, each
   * with its state against today: "overdue", "dueSoon" (within dueSoonDays) or "later".
   */
  function makePlan(rules, text, options) {
    options = options || {};
    var cfg = rules.plan;
    var today = options.today;
    var fy = typeof options.fy === "number" ? options.fy : fiscalYearOf(today, rules);
    var range = fiscalYearRange(fy, rules);
    var soon = addDays(today, cfg.dueSoonDays);
    var register = parseRegister(text, rules);
    var plan = {
      fy: fy, from: range.from, to: range.to, today: today, contracts: register.rows.length,
      events: [], months: [], counts: { overdue: 0, dueSoon: 0, later: 0, onsite: 0 },
      problems: register.problems.slice(), warnings: []
    };
    register.rows.forEach(function (row) {
      var result = schedule.computeSchedule(rules, row.input);
      var errors = result.errors.filter(function (e) { return row.badFields.indexOf(e.field) < 0; });
      var blocking = result.warnings.filter(function (w) { return cfg.blockingWarnings.indexOf(w.code) >= 0; });
      var messages = row.own.concat(errors.map(function (e) { return e.message; }));
      if (!messages.length && !result.applicable) messages = result.warnings.map(function (w) { return w.message; });
      if (!messages.length) messages = blocking.map(function (w) { return w.message; });
      if (messages.length) {
        plan.problems.push({ row: row.row, name: row.name, messages: messages });
        return;
      }
      if (result.warnings.length) {
        plan.warnings.push({ row: row.row, name: row.name, messages: result.warnings.map(function (w) { return w.message; }) });
      }
      result.events.forEach(function (ev, order) {
        if (ev.date < range.from || ev.date > range.to) return;
        var state = ev.date < today ? "overdue" : ev.date <= soon ? "dueSoon" : "later";
        plan.counts[state] += 1;
        if (ev.method === "onsite") plan.counts.onsite += 1;
        plan.events.push({
          row: row.row, name: row.name, input: result.input, event: ev, state: state, order: order, version: result.version
        });
      });
    });
    plan.problems.sort(function (a, b) { return a.row - b.row; });
    plan.events.sort(function (a, b) {
      if (a.event.date !== b.event.date) return a.event.date < b.event.date ? -1 : 1;
      return a.row - b.row || a.order - b.order;
    });
    for (var k = 0; k < core.MONTHS_PER_YEAR; k++) {
      var first = /** @type {string} */ (core.addMonthsISO(range.from, k));
      plan.months.push({ year: +first.slice(0, 4), month: +first.slice(5, 7), key: first.slice(0, 7), events: [] });
    }
    plan.events.forEach(function (item) {
      var key = item.event.date.slice(0, 7);
      for (var i = 0; i < plan.months.length; i++) {
        if (plan.months[i].key === key) { plan.months[i].events.push(item); break; }
      }
    });
    return plan;
  }

  // ------------------------------------------------------------------ downloads

  function stateText(state, lang, rules) {
    var t = rules.plan.text;
    return (state === "overdue" ? t.stateOverdue : state === "dueSoon" ? t.stateDueSoon : t.stateLater)[lang];
  }

  /** The plan as CSV for Excel: UTF-8 with BOM, CRLF, one line per check. */
  function toCSV(plan, lang, rules) {
    var t = rules.plan.text;
    var s = rules.schedule;
    var header = [t.colState, t.colDate, t.colIso, t.colContract, t.colType, t.colWhat, t.colMethod, t.colChecklist, t.colSource]
      .map(function (x) { return x[lang]; });
    var lines = [core.csvLine(header)];
    plan.events.forEach(function (item) {
      var ev = item.event;
      var checklist = has(s.checklists, ev.checklist) ? s.checklists[ev.checklist].name[lang] : "";
      var cite = has(rules.citations, ev.source) ? rules.citations[ev.source][lang] : "";
      lines.push(core.csvLine([
        stateText(item.state, lang, rules), core.formatDate(ev.date, lang, rules), ev.date, item.name,
        s.types[item.input.type].name[lang], ev.label[lang], s.methods[ev.method].name[lang], checklist, cite
      ]));
    });
    return core.csvFile(lines);
  }

  /**
   * Every check of the plan as one iCalendar file, by the calculator's toICS: the summary
   * carries the contract's name; the UID depends only on the contract and the check, so
   * importing the same plan twice updates the events instead of duplicating them.
   */
  function toICS(plan, lang, rules, now) {
    var template = rules.plan.text.icsSummary;
    var events = plan.events.map(function (item) {
      var ev = item.event;
      // the contract's stable part of its events' UIDs
      var key = ical.fingerprint([item.name, item.input.type, item.input.start, item.input.end].join("|"));
      var label = {};
      LANGS.forEach(function (l) { label[l] = core.fill(template[l], { name: item.name, label: ev.label[l] }); });
      var copy = {};
      Object.keys(ev).forEach(function (k) { copy[k] = ev[k]; });
      copy.id = key + "-" + ev.id;
      copy.label = label;
      return copy;
    });
    var input = { type: "plan", start: plan.from, end: plan.to, renewedYearly: false, lastOnsiteVisit: null };
    return schedule.toICS({ input: input, events: events }, lang, { rules: rules, now: now });
  }

  /** Text of a file's bytes: UTF-8 (BOM or not) when valid, else Shift_JIS (CP932). */
  function decode(bytes) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    } catch (e) {
      return new TextDecoder("shift_jis").decode(bytes);
    }
  }

  return {
    parseRegister: parseRegister,
    makePlan: makePlan,
    readDate: function (cell, rules) { return readDate(cell, rules); },
    readFlag: readFlag,
    readType: readType,
    fiscalYearOf: fiscalYearOf,
    fiscalYearRange: fiscalYearRange,
    fiscalYearLabel: fiscalYearLabel,
    monthLabel: monthLabel,
    addDays: addDays,
    toCSV: toCSV,
    toICS: toICS,
    decode: decode
  };
});
