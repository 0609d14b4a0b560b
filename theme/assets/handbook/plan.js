// @ts-check
/* Annual audit plan: every check of a fiscal year, from a register of contracts, with the
 * register's record of what was done and of corrections.
 *
 * A plain script without DOM access. In a page it sets window.HandbookPlan (after
 * handbook-core.js, ical.js and schedule.js); under Node, require() returns the same
 * functions and loads those beside it. Every setting, word, label and message comes
 * from rules.json (`plan` key, from data/ui.yaml; dates are read and written with the
 * `calendar` through handbook-core.js); the rules of the checks are schedule.js's
 * `computeSchedule`, called once per contract. Which planned checks count as done, and
 * how a correction is followed up, is the handbook's reading shown on the rules page
 * (the readings of data/contract_types.yaml on checks recorded done and on corrections).
 *
 *   parseRegister(text, rules)            -> {rows, lines, problems, extras, dataLines}
 *   makePlan(rules, text, {fy, today, department})
 *                                         -> {fy, from, to, today, events, months, carried,
 *                                             counts, problems, warnings, departments, …}
 *   startPlan(rules, text, options)       -> {total(), done(), step(n) -> finished, result()}
 *                                            the same plan, made a slice at a time (a page
 *                                            stays responsive and shows progress)
 *   filterPlan(plan, department)          -> the plan showing one department's contracts ("" all)
 *   fiscalYearOf(isoDate, rules)          -> 2025
 *   fiscalYearLabel(fy, lang, rules)      -> "令和7年度" / "fiscal year 2025 (April 2025–March 2026)"
 *   toCSV(plan, lang, rules)              -> the register and the plan as CSV for Excel, read
 *                                            back by parseRegister as the same register
 *   toICS(plan, lang, rules, now)         -> text/calendar of every check of the plan
 *   decodeFile(bytes)                     -> {text, encoding: "UTF-8" | "Shift_JIS" | null, line}
 *   decode(bytes)                         -> the text of decodeFile
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

  /** @param {any} rules @returns {number} */
  function startMonth(rules) {
    return rules.plan.fiscalYearStartMonth;
  }

  /** The fiscal year (named by the calendar year it starts in) of an ISO date.
   * @param {string} isoDate @param {any} rules @returns {number} */
  function fiscalYearOf(isoDate, rules) {
    var y = +isoDate.slice(0, 4);
    var m = +isoDate.slice(5, 7);
    return m < startMonth(rules) ? y - 1 : y;
  }

  /** First and last day of fiscal year `fy`. @param {number} fy @param {any} rules */
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

  /** The column's label in both languages, for messages. @param {string} field @param {any} rules */
  function columnLabel(field, rules) {
    return rules.plan.columns[field];
  }

  /** A text on one line (a calendar title): every run of white space one space. @param {string} s */
  function oneLine(s) {
    return String(s).replace(/\s+/g, " ").trim();
  }

  /**
   * A cell's date as "YYYY-MM-DD", by the core's date reader (ISO, 2025/4/1, 2025年4月1日,
   * era dates from the data such as 令和元年5月1日 or R7.4.1). {value, problem}: a date that
   * cannot be read is named in the problem as the person typed it, with its column; the
   * value is then the text as typed.
   * @param {unknown} cell @param {any} rules @param {string} [field]
   * @returns {{value: string, problem: {ja: string, en: string} | null}}
   */
  function readDate(cell, rules, field) {
    var typed = core.cleanText(cell, rules);
    if (typed === "") return { value: "", problem: null };
    var read = core.readDate(typed, rules);
    var e = read.error;
    if (!e) return { value: read.value, problem: null };
    if (e.code === "era_year" && e.era) {
      return { value: typed, problem: message(rules.plan.messages.era_range, { value: typed, era: e.era }) };
    }
    var column = field ? columnLabel(field, rules) : { ja: "", en: "" };
    return { value: typed, problem: message(rules.plan.messages.date_invalid, { value: typed, column: column }) };
  }

  /** The data's yes and no words (rules.answers: はい/いいえ, 有/無, ○/×, …); blank is no;
   * anything else is returned as typed. @param {unknown} cell @param {any} rules @returns {boolean | string} */
  function readFlag(cell, rules) {
    var flag = core.answer(rules, cell);
    return flag === null ? core.cleanText(cell, rules) : flag;
  }

  /** The data's words in a message: "はい、有、○" (each language's list separator). */
  function wordList(words, lang) {
    return words.join(lang === "ja" ? "、" : ", ");
  }

  /** Every name of a type the register may use, normalised, to its id (id, both names, aliases). */
  var typeNameCache = new WeakMap();
  function typeNames(rules) {
    var map = typeNameCache.get(rules);
    if (map) return map;
    map = {};
    var types = rules.schedule.types;
    var aliases = rules.plan.typeAliases || {};
    rules.schedule.typeOrder.forEach(function (/** @type {string} */ id) {
      [id, types[id].name.ja, types[id].name.en].concat(aliases[id] || []).forEach(function (name) {
        var key = norm(name).toLowerCase();
        if (!has(map, key)) map[key] = id;
      });
    });
    typeNameCache.set(rules, map);
    return map;
  }

  /** A type by id, either name or an alias of the data (any case, any width); else the text as given.
   * @param {unknown} cell @param {any} rules @returns {string} */
  function readType(cell, rules) {
    var map = typeNames(rules);
    var key = norm(cell).toLowerCase();
    return has(map, key) ? map[key] : core.cleanText(cell, rules);
  }

  /** The accepted names of the types, for a message: "長期継続契約（長期継続）、…". */
  function typeNameList(rules) {
    var out = {};
    var aliases = rules.plan.typeAliases || {};
    LANGS.forEach(function (lang) {
      out[lang] = wordList(rules.schedule.typeOrder.map(function (/** @type {string} */ id) {
        var extra = aliases[id] || [];
        var name = rules.schedule.types[id].name[lang];
        if (!extra.length) return name;
        return lang === "ja" ? name + "（" + extra.join("、") + "）" : name + " (" + extra.join(", ") + ")";
      }), lang);
    });
    return out;
  }

  /** A review result of the data by its label in either language or its id; null when blank.
   * @returns {{value: any, problem: {ja: string, en: string} | null}} */
  function readResult(cell, rules) {
    var v = norm(cell).toLowerCase();
    if (!v) return { value: null, problem: null };
    var results = rules.plan.results || [];
    for (var i = 0; i < results.length; i++) {
      var res = results[i];
      if (norm(res.id).toLowerCase() === v || norm(res.label.ja).toLowerCase() === v || norm(res.label.en).toLowerCase() === v) {
        return { value: res, problem: null };
      }
    }
    var names = {};
    LANGS.forEach(function (lang) {
      names[lang] = wordList(results.map(function (/** @type {any} */ res) { return res.label[lang]; }), lang);
    });
    return {
      value: null,
      problem: message(rules.plan.messages.result_unknown, { value: core.cleanText(cell, rules), column: columnLabel("lastResult", rules), results: names })
    };
  }

  // ------------------------------------------------------------------ the register

  /** Records of CSV or tab-separated text (quotes as Excel writes them). @param {string} text @param {string} delimiter */
  function records(text, delimiter) {
    if (text.indexOf('"') < 0) {
      // nothing quoted: each line is a record, each delimiter a cell boundary
      var lines = text.split(/\r\n|\r|\n/);
      if (lines.length && lines[lines.length - 1] === "") lines.pop();
      return lines.map(function (line) { return line.split(delimiter); });
    }
    var out = [];
    var row = [];
    var cell = "";
    var quoted = false;
    var i = 0;
    var n = text.length;
    var d = delimiter.charCodeAt(0);
    while (i < n) {
      var c = text.charCodeAt(i);
      if (quoted) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) { cell += '"'; i += 2; continue; }
          quoted = false;
          i += 1;
          continue;
        }
        var q = text.indexOf('"', i);
        if (q < 0) q = n;
        cell += text.slice(i, q);
        i = q;
        continue;
      }
      if (c === 34 && cell === "") {
        quoted = true;
      } else if (c === d) {
        row.push(cell);
        cell = "";
      } else if (c === 13 || c === 10) {
        row.push(cell);
        out.push(row);
        row = [];
        cell = "";
        if (c === 13 && text.charCodeAt(i + 1) === 10) i += 1;
      } else {
        var j = i + 1;
        while (j < n) {
          var cj = text.charCodeAt(j);
          if (cj === d || cj === 13 || cj === 10 || cj === 34) break;
          j += 1;
        }
        cell += text.slice(i, j);
        i = j;
        continue;
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
    for (var i = 0; i < record.length; i++) if (record[i] !== "" && !/^[\s\u3000]*$/.test(record[i])) return false;
    return true;
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

  /** The columns the plan's own CSV adds (state, date, what, …): read back, they are left out. */
  var PLAN_COLUMNS = ["colState", "colDate", "colIso", "colWhat", "colMethod", "colChecklist", "colSource"];
  function planColumns(rules) {
    var set = {};
    PLAN_COLUMNS.forEach(function (name) {
      LANGS.forEach(function (lang) { set[norm(rules.plan.text[name][lang]).toLowerCase()] = true; });
    });
    return set;
  }

  /** A cell the plan's CSV wrote with a leading apostrophe so that Excel keeps it text
   * ('=… '+… '-… '@…) reads back as it was typed. @param {string} cell */
  function unquoteFormula(cell) {
    return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
  }

  var RECORD_DATES = ["lastOnsiteVisit", "preChecked", "lastCheck", "correctionDue", "correctionDone"];

  /**
   * The register: one contract per row, or per several rows that name the same contract
   * (name, type, first and last day: the plan's own CSV has a line per check), their record
   * merged (the latest date of each column; the result of the latest check; the first
   * text given). {rows: [contract], lines, problems (header), extras: [{col, label}], dataLines}.
   * A contract: {row, rows, name, cells, extras, input, record, own: [messages], badFields}.
   */
  function parseRegister(text, rules) {
    var reader = openRegister(text, rules);
    reader.read(Infinity);
    return reader.register;
  }

  /**
   * A register being read: `register` (as parseRegister gives it, filled as lines are read),
   * `total` lines to read, `read(n)` reads the next n of them and says whether all are.
   */
  function openRegister(text, rules) {
    var cfg = rules.plan;
    var body = String(text || "").replace(/^\uFEFF/, "");
    var firstLine = body.split(/\r\n|\r|\n/, 200).filter(function (l) { return l.trim() !== ""; })[0] || "";
    var delimiter = firstLine.indexOf("\t") >= 0 ? "\t" : ",";
    var recs = records(body, delimiter);
    var out = { rows: [], lines: [], problems: [], extras: [], dataLines: 0 };
    var none = { register: out, total: 0, read: function () { return true; } };
    var headerAt = -1;
    for (var h = 0; h < recs.length; h++) {
      if (!blank(recs[h])) { headerAt = h; break; }
    }
    if (headerAt < 0) {
      out.problems.push({ row: 1, name: "", messages: [message(cfg.messages.empty)] });
      return none;
    }
    for (var c = headerAt + 1; c < recs.length; c++) if (!blank(recs[c])) out.dataLines += 1;
    if (cfg.maxRows && out.dataLines > cfg.maxRows) {
      out.problems.push({ row: headerAt + 1, name: "", messages: [message(cfg.messages.too_many_rows, { rows: out.dataLines, max: cfg.maxRows })] });
      return none;
    }

    var labels = headerFields(rules);
    var derived = planColumns(rules);
    var index = {};
    recs[headerAt].forEach(function (label, col) {
      var shown = core.cleanText(label, rules);
      var key = norm(shown).toLowerCase();
      if (has(labels, key)) {
        var field = labels[key];
        if (has(index, field)) {
          out.problems.push({ row: headerAt + 1, name: "", messages: [message(cfg.messages.duplicate_column, { column: shown })] });
        }
        index[field] = col;
      } else if (!has(derived, key) && shown !== "") {
        out.extras.push({ col: col, label: shown });  // the department's own columns, kept as they are
      }
    });
    var missing = cfg.requiredColumns.filter(function (f) { return !has(index, f); });
    if (missing.length) {
      var names = {};
      LANGS.forEach(function (lang) {
        names[lang] = wordList(missing.map(function (f) { return cfg.columns[f][lang]; }), lang);
      });
      out.problems.push({ row: headerAt + 1, name: "", messages: [message(cfg.messages.missing_columns, { columns: names })] });
    }
    if (out.problems.length) return none;

    var fields = cfg.columnOrder.filter(function (f) { return has(index, f); });
    var byKey = {};
    var r = headerAt + 1;
    return {
      register: out,
      total: recs.length - r,
      read: function (/** @type {number} */ n) {
        var end = Math.min(recs.length, r + n);
        for (; r < end; r++) {
          var rec = recs[r];
          if (blank(rec)) continue;
          var cells = {};
          for (var f = 0; f < fields.length; f++) {
            var col = index[fields[f]];
            cells[fields[f]] = col < rec.length ? core.cleanText(unquoteFormula(rec[col]), rules) : "";
          }
          var extras = out.extras.map(function (x) { return x.col < rec.length ? core.cleanText(unquoteFormula(rec[x.col]), rules) : ""; });
          var line = { row: r + 1, cells: cells, extras: extras };
          out.lines.push(line);
          var contract = readContract(line, rules);
          if (contract.key !== null && has(byKey, contract.key)) {
            merge(byKey[contract.key], contract);
          } else {
            if (contract.key !== null) byKey[contract.key] = contract;
            out.rows.push(contract);
          }
        }
        return r >= recs.length;
      }
    };
  }

  /** One line of the register as a contract. */
  function readContract(line, rules) {
    var cells = line.cells;
    var cell = function (/** @type {string} */ f) { return has(cells, f) ? cells[f] : ""; };
    var own = [];
    var badFields = [];
    var dates = {};
    ["start", "end"].concat(RECORD_DATES).forEach(function (field) {
      var d = readDate(cell(field), rules, field);
      dates[field] = d.problem ? "" : d.value;
      if (d.problem) { own.push(d.problem); badFields.push(field); }
    });
    var type = readType(cell("type"), rules);
    if (type !== "" && !has(rules.schedule.types, type)) {
      own.push(message(rules.plan.messages.type_unknown, { value: type, names: typeNameList(rules) }));
      badFields.push("type");
    }
    var renewed = readFlag(cell("renewedYearly"), rules);
    if (typeof renewed === "string") {
      /** @type {Object<string, unknown>} */
      var words = {};
      var yes = {};
      var no = {};
      LANGS.forEach(function (lang) {
        yes[lang] = wordList(rules.answers.yes, lang);
        no[lang] = wordList(rules.answers.no, lang);
      });
      words = { value: renewed, column: columnLabel("renewedYearly", rules), yes: yes, no: no };
      own.push(message(rules.plan.messages.flag_invalid, words));
      badFields.push("renewedYearly");
      renewed = false;
    }
    var result = readResult(cell("lastResult"), rules);
    if (result.problem) { own.push(result.problem); badFields.push("lastResult"); }
    var name = cell("name");
    var key = badFields.indexOf("start") < 0 && badFields.indexOf("end") < 0 && badFields.indexOf("type") < 0 && type !== "" &&
      dates.start && dates.end ? [name, type, dates.start, dates.end].join("\u0000") : null;
    return {
      row: line.row, rows: [line.row], lines: [line], name: name, key: key,
      cells: Object.assign({}, cells), extras: line.extras.slice(),
      input: {
        type: badFields.indexOf("type") >= 0 ? "" : type,
        start: badFields.indexOf("start") >= 0 ? "" : dates.start || cell("start"),
        end: badFields.indexOf("end") >= 0 ? "" : dates.end || cell("end"),
        renewedYearly: renewed,
        lastOnsiteVisit: dates.lastOnsiteVisit || null
      },
      record: {
        department: cell("department"),
        contractor: cell("contractor"),
        preChecked: dates.preChecked || null,
        lastCheck: dates.lastCheck || null,
        lastResult: result.value,
        correctionDue: dates.correctionDue || null,
        correctionDone: dates.correctionDone || null,
        lastOnsiteVisit: dates.lastOnsiteVisit || null
      },
      own: own,
      badFields: badFields
    };
  }

  /** Another line of the same contract: its record merged in (see parseRegister). */
  function merge(into, other) {
    into.rows.push(other.row);
    into.lines.push(other.lines[0]);
    other.own.forEach(function (m) { into.own.push(m); });
    other.badFields.forEach(function (f) { if (into.badFields.indexOf(f) < 0) into.badFields.push(f); });
    RECORD_DATES.forEach(function (field) {
      var mine = into.record[field];
      var theirs = other.record[field];
      if (theirs && (!mine || theirs > mine)) {
        into.record[field] = theirs;
        into.cells[field] = other.cells[field];
        if (field === "lastCheck") {
          into.record.lastResult = other.record.lastResult;
          if (has(other.cells, "lastResult")) into.cells.lastResult = other.cells.lastResult;
        }
      }
    });
    into.input.lastOnsiteVisit = into.record.lastOnsiteVisit;
    Object.keys(other.cells).forEach(function (field) {
      if (RECORD_DATES.indexOf(field) >= 0 || field === "lastResult") return;
      if (!into.cells[field] && other.cells[field]) into.cells[field] = other.cells[field];
    });
    if (!into.record.department) into.record.department = other.record.department;
    if (!into.record.contractor) into.record.contractor = other.record.contractor;
    if (into.record.lastResult === null && !into.record.lastCheck) into.record.lastResult = other.record.lastResult;
    other.extras.forEach(function (v, i) { if (!into.extras[i] && v) into.extras[i] = v; });
  }

  // ------------------------------------------------------------------ the plan

  /** The latest of `dates` on or after `from` (after it, with `strict`), or null. */
  function latestFrom(dates, from, strict) {
    var best = null;
    dates.forEach(function (d) {
      if (d && (strict ? d > from : d >= from) && (best === null || d > best)) best = d;
    });
    return best;
  }

  /** When a planned check was done, by the handbook's reading of the record: null when not. */
  function doneOn(ev, result, record) {
    if (ev.phase === "before_contract") return record.preChecked;
    var from = ev.contractYear ? result.contractYears[ev.contractYear - 1].from : result.input.start;
    var dates = ev.method === "onsite" ? [record.lastOnsiteVisit] : [record.lastCheck, record.lastOnsiteVisit];
    return latestFrom(dates, from, false);
  }

  /**
   * Start a plan of fiscal year `options.fy` (default: that of `options.today`) from a
   * register; `step(n)` plans the next n contracts, `result()` the plan once all are.
   */
  function startPlan(rules, text, options) {
    options = options || {};
    var cfg = rules.plan;
    var today = options.today;
    var fy = typeof options.fy === "number" ? options.fy : fiscalYearOf(today, rules);
    var range = fiscalYearRange(fy, rules);
    var reader = openRegister(text, rules);
    var register = reader.register;
    var plan = {
      fy: fy, from: range.from, to: range.to, today: today, soon: addDays(today, cfg.dueSoonDays),
      register: register, rows: register.rows, contracts: register.rows.length, department: options.department || "",
      all: [], events: [], months: [], carried: [], counts: {},
      problems: register.problems.slice(), warnings: [], departments: [],
      unplannedLines: register.problems.length ? register.dataLines : 0
    };
    var lines = 0;       // lines read (first the register is read, then its contracts planned)
    var planned = 0;     // contracts planned
    var readAll = reader.total === 0;
    var rows = register.rows;
    var finished = null;
    /** Do about n lines' or contracts' worth of work; true when the whole plan is made. */
    function step(/** @type {number} */ n) {
      if (!readAll) {
        var before = lines;
        readAll = reader.read(n);
        lines = readAll ? reader.total : before + n;
        return false;
      }
      var end = Math.min(rows.length, planned + n);
      for (; planned < end; planned++) planContract(plan, rows[planned], rules);
      return planned >= rows.length;
    }
    return {
      /** How many lines the register has, and how far the work is, counted in lines (half
       * of the work is reading them, half planning the contracts they hold). */
      total: function () { return reader.total; },
      done: function () {
        var t = reader.total;
        var read = Math.min(lines, t);
        var made = readAll ? (rows.length ? planned / rows.length : 1) * t : 0;
        return Math.floor((read + made) / 2);
      },
      step: step,
      result: function () {
        if (finished === null) {
          while (!step(Infinity)) { /* read, then plan */ }
          finished = finish(plan, rules);
        }
        return finished;
      }
    };
  }

  function makePlan(rules, text, options) {
    return startPlan(rules, text, options).result();
  }

  function byDate(plan, date) {
    return date < plan.today ? "overdue" : date <= plan.soon ? "dueSoon" : "later";
  }

  function planContract(plan, row, rules) {
    var cfg = rules.plan;
    var result = schedule.computeSchedule(rules, row.input);
    var errors = result.errors.filter(function (e) { return row.badFields.indexOf(e.field) < 0; });
    var blocking = result.warnings.filter(function (w) { return cfg.blockingWarnings.indexOf(w.code) >= 0; });
    var messages = row.own.concat(errors.map(function (e) { return e.message; }));
    if (!messages.length && !result.applicable) messages = result.warnings.map(function (w) { return w.message; });
    if (!messages.length) messages = blocking.map(function (w) { return w.message; });
    if (messages.length) {
      row.planned = false;
      plan.problems.push({ row: row.row, rows: row.rows, name: row.name, messages: messages, contract: row });
      plan.unplannedLines += row.rows.length;
      return;
    }
    row.planned = true;
    row.input = result.input;
    if (result.warnings.length) {
      plan.warnings.push({ row: row.row, name: row.name, messages: result.warnings.map(function (w) { return w.message; }) });
    }
    var rec = row.record;
    var add = function (ev, state, done, order, kind) {
      var item = { row: row.row, name: row.name, contract: row, input: result.input, event: ev, state: state, doneOn: done, order: order, kind: kind, version: result.version };
      if (ev.date >= plan.from && ev.date <= plan.to) plan.all.push(item);
      else if (ev.date < plan.from && state !== "done" && kind === "correction") plan.all.push(item);
    };
    result.events.forEach(function (ev, order) {
      if (ev.date < plan.from || ev.date > plan.to) return;
      var done = doneOn(ev, result, rec);
      add(ev, done ? "done" : byDate(plan, ev.date), done, order, "check");
    });

    // A correction (the handbook's reading of the follow-up): open until confirmed complete, then a follow-up check.
    var type = rules.schedule.types[result.input.type];
    var t = cfg.text;
    var calls = rec.lastResult && rec.lastResult.correction;
    if (rec.correctionDue || calls) {
      var date = rec.correctionDue || rec.lastCheck || plan.today;
      var correction = {
        id: "correction", date: date, phase: "correction", method: null, source: type.followUp,
        label: rec.correctionDue ? t.correctionDue : t.correctionOpen, checklist: null, contractYear: null, kind: "correction"
      };
      var state = rec.correctionDone ? "done" : rec.correctionDue ? byDate(plan, date) : "open";
      add(correction, state, rec.correctionDone, 100, "correction");
    }
    if (rec.correctionDone && cfg.followUp.months > 0) {
      var at = /** @type {string} */ (core.addMonthsISO(rec.correctionDone, cfg.followUp.months));
      if (at <= result.input.end) {
        var method = cfg.followUp.method;
        var followUp = {
          id: "follow-up-" + rec.correctionDone.replace(/-/g, ""), date: at, phase: "during_contract", method: method,
          source: type.followUp, label: message(t.correctionFollowUp, { months: cfg.followUp.months }),
          checklist: type.checks.length ? type.checks[0].checklist : null, contractYear: null, kind: "follow_up"
        };
        var dates = method === "onsite" ? [rec.lastOnsiteVisit] : [rec.lastCheck, rec.lastOnsiteVisit];
        var done = latestFrom(dates, rec.correctionDone, true);
        add(followUp, done ? "done" : byDate(plan, at), done, 101, "follow_up");
      }
    }
  }

  function finish(plan, rules) {
    plan.contracts = plan.rows.length;
    plan.problems.sort(function (a, b) { return a.row - b.row; });
    plan.all.sort(function (a, b) {
      if (a.event.date !== b.event.date) return a.event.date < b.event.date ? -1 : 1;
      return a.row - b.row || a.order - b.order;
    });
    var seen = {};
    plan.rows.forEach(function (c) {
      var d = c.record.department;
      if (d && !has(seen, d)) { seen[d] = true; plan.departments.push(d); }
    });
    plan.departments.sort();
    return filterPlan(plan, plan.department, rules);
  }

  /**
   * The plan as shown for one department ("" for all): its events by month, the open
   * corrections due before the year (`carried`), and the counts. The CSV always holds the
   * whole register, whatever is shown.
   */
  function filterPlan(plan, department, rules) {
    void rules;
    plan.department = department || "";
    var mine = function (/** @type {any} */ c) { return !plan.department || c.record.department === plan.department; };
    var counts = { overdue: 0, dueSoon: 0, later: 0, done: 0, open: 0, corrections: 0, onsite: 0, contracts: 0, planned: 0, unplanned: plan.unplannedLines };
    plan.rows.forEach(function (c) {
      if (!mine(c)) return;
      counts.contracts += 1;
      if (c.planned) counts.planned += 1;
    });
    plan.events = [];
    plan.carried = [];
    plan.months = [];
    var monthOf = {};
    for (var k = 0; k < core.MONTHS_PER_YEAR; k++) {
      var first = /** @type {string} */ (core.addMonthsISO(plan.from, k));
      var month = { year: +first.slice(0, 4), month: +first.slice(5, 7), key: first.slice(0, 7), events: [] };
      monthOf[month.key] = month;
      plan.months.push(month);
    }
    plan.all.forEach(function (item) {
      if (!mine(item.contract)) return;
      counts[item.state] += 1;
      if (item.kind === "correction" && item.state !== "done") counts.corrections += 1;
      if (item.event.method === "onsite") counts.onsite += 1;
      if (item.event.date < plan.from) {
        plan.carried.push(item);
        return;
      }
      plan.events.push(item);
      monthOf[item.event.date.slice(0, 7)].events.push(item);
    });
    plan.counts = counts;
    return plan;
  }

  // ------------------------------------------------------------------ downloads

  /** The state of an item in words: "期限超過", "実施済み（令和7年6月10日）", …. */
  function stateText(item, lang, rules) {
    var t = rules.plan.text;
    switch (item.state) {
      case "done": return item.doneOn ? core.fill(t.stateDoneOn[lang], { date: core.formatDate(item.doneOn, lang, rules) }) : t.stateDone[lang];
      case "overdue": return t.stateOverdue[lang];
      case "dueSoon": return t.stateDueSoon[lang];
      case "open": return t.stateOpen[lang];
      default: return t.stateLater[lang];
    }
  }

  /** What is due, briefly: "実地確認", "契約前の確認", "是正計画書の提出期限", …. */
  function shortWhat(ev, lang, rules) {
    var t = rules.plan.text;
    if (ev.kind === "correction") return t.shortCorrection[lang];
    if (ev.kind === "follow_up") return t.shortFollowUp[lang];
    if (ev.phase === "before_contract") return t.shortPreContract[lang];
    return rules.schedule.methods[ev.method].name[lang];
  }

  function methodName(ev, lang, rules) {
    return ev.method && has(rules.schedule.methods, ev.method) ? rules.schedule.methods[ev.method].name[lang] : "";
  }

  function checklistName(ev, lang, rules) {
    return ev.checklist && has(rules.schedule.checklists, ev.checklist) ? rules.schedule.checklists[ev.checklist].name[lang] : "";
  }

  /** The date of an event as written in the plan's table: the pre-contract check's date is
      a latest bound, said under it (rules.schedule.text.byDate). */
  function dateLines(ev, lang, rules) {
    var date = [core.formatDate(ev.date, lang, rules)];
    if (ev.phase === "before_contract" && rules.schedule.text.byDate) date.push(rules.schedule.text.byDate[lang]);
    return date;
  }

  function citation(ev, lang, rules) {
    return ev.source && has(rules.citations, ev.source) ? rules.citations[ev.source][lang] : "";
  }

  /**
   * The register and the plan as one CSV for Excel (UTF-8 with BOM, CRLF): the register's
   * columns in `lang` (every column the plan reads, then the register's own), then the
   * plan's (state, date, …), one line per check of the year, one line for a contract with
   * none, and the lines that could not be planned as they were typed. parseRegister reads
   * it back as the same register (the lines of a contract are merged, the plan's columns
   * left out), so a date typed into it in Excel is the new record.
   */
  function toCSV(plan, lang, rules) {
    var cfg = rules.plan;
    var t = cfg.text;
    var fields = cfg.columnOrder;
    var extras = plan.register.extras;
    var header = fields.map(function (f) { return cfg.columns[f][lang]; })
      .concat(extras.map(function (x) { return x.label; }))
      .concat(PLAN_COLUMNS.map(function (name) { return t[name][lang]; }));
    var lines = [core.csvLine(header)];
    var registerCells = function (cells, extraCells) {
      return fields.map(function (f) { return has(cells, f) ? cells[f] : ""; }).concat(extraCells);
    };
    var withEvents = {};
    plan.all.forEach(function (item) {
      var ev = item.event;
      withEvents[item.row] = true;
      lines.push(core.csvLine(registerCells(item.contract.cells, item.contract.extras).concat([
        stateText(item, lang, rules), dateLines(ev, lang, rules).join("\n"), ev.date, ev.label[lang],
        methodName(ev, lang, rules), checklistName(ev, lang, rules), citation(ev, lang, rules)
      ])));
    });
    plan.rows.forEach(function (c) {
      if (!c.planned || has(withEvents, c.row)) return;
      lines.push(core.csvLine(registerCells(c.cells, c.extras).concat(PLAN_COLUMNS.map(function () { return ""; }))));
    });
    plan.problems.forEach(function (p) {
      if (!p.contract) return;
      var note = p.messages.map(function (m) { return m[lang]; }).join(" ");
      p.contract.lines.forEach(function (line) {
        lines.push(core.csvLine(registerCells(line.cells, line.extras).concat([t.stateUnplanned[lang], "", "", note, "", "", ""])));
      });
    });
    return core.csvFile(lines);
  }

  /** The register's columns of a contract as "label: value" lines (for a calendar description). */
  function recordLines(contract, lang, rules, extras) {
    var cfg = rules.plan;
    var out = [];
    ["department", "contractor"].forEach(function (f) {
      if (contract.cells[f]) out.push(cfg.columns[f][lang] + ": " + oneLine(contract.cells[f]));
    });
    extras.forEach(function (x, i) {
      if (contract.extras[i]) out.push(x.label + ": " + oneLine(contract.extras[i]));
    });
    return out;
  }

  /**
   * Every event of the plan as one iCalendar file: a short title ("実地確認：name"), the
   * full text in the description (what to do, the date, the contract's type and columns),
   * a reminder rules.plan.reminderDays before each that is not done, and, for each check
   * the contractor makes on a checklist (method written), an event rules.plan.handoutDays
   * before it to hand the checklist out. The UID depends only on the contract and the
   * event, so importing the same plan twice updates the events instead of duplicating them.
   */
  function toICS(plan, lang, rules, now) {
    var cfg = rules.plan;
    var t = cfg.text;
    var s = rules.schedule;
    var events = [];
    plan.carried.concat(plan.events).forEach(function (item) {
      var ev = item.event;
      var c = item.contract;
      var key = ical.fingerprint([c.name, c.input.type, c.input.start, c.input.end].join("|"));
      var name = oneLine(c.name);
      var title = core.fill(t.icsTitle[lang], { what: shortWhat(ev, lang, rules), name: name });
      var info = [
        t.colContract[lang] + ": " + name,
        t.colType[lang] + ": " + s.types[c.input.type].name[lang]
      ].concat(recordLines(c, lang, rules, plan.register.extras));
      if (ev.method) info.push(t.colMethod[lang] + ": " + methodName(ev, lang, rules));
      if (checklistName(ev, lang, rules)) info.push(t.colChecklist[lang] + ": " + checklistName(ev, lang, rules));
      if (citation(ev, lang, rules)) info.push(t.colSource[lang] + ": " + citation(ev, lang, rules));
      var description = [ev.label[lang], core.fill(t.icsDateLine[lang], { date: core.formatDate(ev.date, lang, rules) })]
        .concat(dateLines(ev, lang, rules).slice(1)).concat([
        t.colState[lang] + ": " + stateText(item, lang, rules)]).concat(info).join("\n");
      var entry = { uid: key + "-" + ev.id + "-" + ev.date.replace(/-/g, ""), date: ev.date, summary: title, description: description };
      if (item.state !== "done") {
        entry.alarm = { days: cfg.reminderDays, description: core.fill(t.icsAlarm[lang], { days: cfg.reminderDays, title: title }) };
      }
      events.push(entry);
      if (ev.method === "written" && item.kind === "check" && item.state !== "done" && ev.checklist) {
        var handout = addDays(ev.date, -cfg.handoutDays);
        var what = core.fill(t.icsHandoutText[lang], { checklist: checklistName(ev, lang, rules), date: core.formatDate(ev.date, lang, rules) });
        events.push({
          uid: key + "-" + ev.id + "-handout-" + handout.replace(/-/g, ""), date: handout,
          summary: core.fill(t.icsTitle[lang], { what: t.shortHandout[lang], name: name }),
          description: [what, core.fill(t.icsDateLine[lang], { date: core.formatDate(handout, lang, rules) })].concat(info).join("\n")
        });
      }
    });
    events.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    return ical.calendar({
      prodId: s.ics.prodId[lang],
      name: s.text.icsCalendarName ? s.text.icsCalendarName[lang] : undefined,
      now: now,
      events: events
    });
  }

  // ------------------------------------------------------------------ files

  /**
   * The text of a register file, by the validity of the whole file: UTF-8 (with or
   * without BOM) when every byte reads as UTF-8; else Shift_JIS (CP932) when every byte
   * reads as that, unless the file is mostly well-formed UTF-8 with a few bad bytes (a
   * damaged UTF-8 file, which Shift_JIS would only garble). Otherwise no text:
   * encoding null and `line`, the line of the first byte that could not be read.
   * @param {Uint8Array} bytes @returns {{text: string, encoding: string | null, line: number}}
   */
  function decodeFile(bytes) {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""), encoding: "UTF-8", line: 0 };
    } catch (e) {
      // not UTF-8 throughout: see below
    }
    var loose = new TextDecoder("utf-8").decode(bytes);
    var bad = 0;
    var good = 0;
    for (var i = 0; i < loose.length; i++) {
      var c = loose.charCodeAt(i);
      if (c === 0xfffd) bad += 1;
      else if (c > 0x7f) good += 1;
    }
    var firstBad = loose.indexOf("\ufffd");
    var line = loose.slice(0, firstBad).split(/\r\n|\r|\n/).length;
    if (good <= bad) {
      try {
        return { text: new TextDecoder("shift_jis", { fatal: true }).decode(bytes), encoding: "Shift_JIS", line: 0 };
      } catch (e) {
        var sjis = new TextDecoder("shift_jis").decode(bytes);
        line = sjis.slice(0, sjis.indexOf("\ufffd")).split(/\r\n|\r|\n/).length;
      }
    }
    return { text: "", encoding: null, line: line };
  }

  /** @param {Uint8Array} bytes @returns {string} */
  function decode(bytes) {
    return decodeFile(bytes).text;
  }

  return {
    parseRegister: parseRegister,
    makePlan: makePlan,
    startPlan: startPlan,
    filterPlan: filterPlan,
    readDate: function (/** @type {unknown} */ cell, /** @type {any} */ rules, /** @type {string} */ field) { return readDate(cell, rules, field); },
    readFlag: readFlag,
    readType: readType,
    readResult: readResult,
    stateText: stateText,
    shortWhat: shortWhat,
    fiscalYearOf: fiscalYearOf,
    fiscalYearRange: fiscalYearRange,
    fiscalYearLabel: fiscalYearLabel,
    monthLabel: monthLabel,
    addDays: addDays,
    toCSV: toCSV,
    toICS: toICS,
    decodeFile: decodeFile,
    decode: decode
  };
});
