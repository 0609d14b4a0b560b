// @ts-check
/* The correction step of section 4(4): the public logic behind the guidance notice and the
 * corrective action plan on the review page (tools/review.html).
 *
 * A plain script without DOM access that works as a classic <script> (file:// included;
 * sets window.HandbookCorrection, after handbook-core.js and review.js) and under Node's
 * require():
 *
 *   needsCorrection(result) -> rows of a reviewWorkbook result needing correction
 *                              (finding `correction` or `unanswered`)
 *   citationFor(rules, checklistId, contractTypeId) -> the record id of the clause of 4(4)
 *                              that applies (the contract type's guidance before the contract,
 *                              its follow-up during it), or null
 *   dueDate(rules, noticeDate) -> "YYYY-MM-DD": the notice's date + the data's offset
 *   notice(rules, result, {contractType, date, due, sender, lang}) -> everything the notice
 *                              prints: {title, addressee, body, heading, closing, columns,
 *                              rows: [{id, marker, title, point, answer, remark, finding}],
 *                              citation, date, due, sender, model}
 *   planLines(rules, result, lang) -> [{id, item, finding}]: the pre-filled lines of the plan
 *   reviewPlan(rules, bytes, options?) -> a returned plan: {ok, lang, particulars, lines:
 *                              [{id, number, item, finding, measure, person, completion}],
 *                              missing: [{line, what, message: {ja, en}}], complete, problems}
 *                              never throws
 *
 * Every word comes from rules.json (`correction`, `review`, `citations`, `calendar`).
 */
(function (root, factory) {
  "use strict";
  var r = /** @type {any} */ (root);
  var core = r && r.HandbookCore;
  if (!core && typeof require === "function") core = require("./handbook-core.js");
  var review = r && r.HandbookReview;
  if (!review && typeof require === "function") review = require("./review.js");
  var api = factory(core, review);
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (r && typeof r === "object") r.HandbookCorrection = api;
})(typeof window !== "undefined" ? window : null, function (/** @type {any} */ core, /** @type {any} */ review) {
  "use strict";

  var has = function (/** @type {any} */ obj, /** @type {string} */ key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  };

  /** @param {any} result */
  function needsCorrection(result) {
    return (result && result.rows ? result.rows : []).filter(function (/** @type {any} */ r) {
      return r.finding === "correction" || r.finding === "unanswered";
    });
  }

  /** @param {any} rules @param {string} checklistId @param {string} contractTypeId */
  function citationFor(rules, checklistId, contractTypeId) {
    var checklist = has(rules.review.checklists, checklistId) ? rules.review.checklists[checklistId] : null;
    var type = rules.correction.contractTypes.filter(function (/** @type {any} */ t) {
      return t.id === contractTypeId;
    })[0];
    if (!checklist || !type || !checklist.phase) return null;
    return type[checklist.phase] || null;
  }

  /** @param {any} rules @param {string} date */
  function dueDate(rules, date) {
    return core.addDaysISO(date, rules.correction.notice.dueDays) || "";
  }

  /** @param {any} rules @param {string} register @param {any} result */
  function particular(rules, register, result) {
    var f = rules.review.fields.filter(function (/** @type {any} */ x) {
      return x.register === register;
    })[0];
    return f ? String(result.particulars[f.id] || "") : "";
  }

  /** The date of the checklist's review as written in the notice. @param {any} rules @param {string} iso @param {"ja" | "en"} lang */
  function shownDate(rules, iso, lang) {
    return core.validISO(iso) ? core.formatDate(iso, lang, rules) : "";
  }

  /**
   * @param {any} rules @param {any} result
   * @param {{contractType: string, date: string, due: string, sender?: string, checked?: string, lang: "ja" | "en"}} o
   */
  function notice(rules, result, o) {
    var lang = o.lang;
    var N = rules.correction.notice;
    var checklist = rules.review.checklists[result.checklist];
    var cite = citationFor(rules, result.checklist, o.contractType);
    var citation = cite && has(rules.citations, cite) ? rules.citations[cite][lang] : "";
    var params = {
      contractor: particular(rules, "contractor", result),
      work: particular(rules, "name", result),
      checklist: checklist ? checklist.short[lang] : "",
      checked: shownDate(rules, o.checked || "", lang),
      due: shownDate(rules, o.due, lang),
      citation: citation,
      plan: rules.correction.plan.short[lang]
    };
    var rows = needsCorrection(result).map(function (/** @type {any} */ r) {
      var row = checklist.rows.filter(function (/** @type {any} */ x) {
        return x.id === r.id;
      })[0];
      return {
        id: r.id,
        marker: r.marker,
        title: row ? row.title[lang] : r.item,
        point: row ? row.text[lang] : "",
        source: row ? row.source : null,
        answer: r.answer,
        remark: r.remark,
        finding: rules.review.findings[r.finding][lang]
      };
    });
    /** @type {Object<string, string>} */
    var columns = {};
    Object.keys(N.columns).forEach(function (k) {
      columns[k] = N.columns[k][lang];
    });
    return {
      title: N.title[lang],
      addressee: core.fill(N.addressee[lang], params),
      body: core.fill(N.body[lang], params),
      heading: N.heading[lang],
      closing: N.closing[lang],
      columns: columns,
      rows: rows,
      citation: cite,
      citationLabel: citation,
      date: shownDate(rules, o.date, lang),
      due: params.due,
      sender: o.sender || "",
      model: rules.correction.model[lang]
    };
  }

  /** The lines of the plan made from a reviewed checklist. @param {any} rules @param {any} result @param {"ja" | "en"} lang */
  function planLines(rules, result, lang) {
    var checklist = rules.review.checklists[result.checklist];
    return needsCorrection(result).map(function (/** @type {any} */ r) {
      var row = checklist.rows.filter(function (/** @type {any} */ x) {
        return x.id === r.id;
      })[0];
      var finding = rules.review.findings[r.finding][lang];
      var said = [r.answer, r.remark].filter(Boolean).join(" / ");
      return {
        id: r.id,
        item: r.marker + " " + (row ? row.title[lang] : r.item),
        finding: said ? finding + (lang === "ja" ? "（" + said + "）" : " (" + said + ")") : finding
      };
    });
  }

  /** A cell's value as a date: a number of the spreadsheet's date system, or a text read
   * by the date reader. @param {any} rules @param {any} cell @param {boolean} date1904 */
  function cellDate(rules, cell, date1904) {
    if (!cell || cell.text === "") return { value: "", error: false };
    if (cell.type === "n" && !cell.formula && /^\d+(\.\d+)?$/.test(cell.text)) {
      return { value: core.isoOf(Math.floor(Number(cell.text)) - 25569 + (date1904 ? 1462 : 0)), error: false };
    }
    var read = core.readDate(cell.text, rules);
    return read.error ? { value: "", error: true } : { value: read.value, error: false };
  }

  /** @param {any} rules @param {Uint8Array} bytes @param {any} [options] */
  function reviewPlan(rules, bytes, options) {
    var P = rules.correction.plan;
    var T = rules.correction.text;
    /** @type {any} */
    var out = { ok: false, lang: null, particulars: {}, lines: [], missing: [], complete: false, problems: [] };
    var opened = review.readSheets(rules, bytes, options);
    if (!opened.ok) {
      out.problems = opened.problems;
      return out;
    }
    var said = opened.said;
    if (said.checklist !== P.id || said.handbook !== rules.review.identity.handbook) {
      out.problems.push({ code: "not_plan", message: T.planNotPlan });
      return out;
    }
    var lang = said.lang === "en" ? "en" : "ja";
    out.lang = lang;
    if (said.fingerprint !== P.fingerprint[lang]) {
      out.problems.push({ code: "other_revision", message: core.fillBoth(rules.review.messages.other_revision, { revision: said.revision || "?" }) });
    }
    var fieldIds = P.fields.map(function (/** @type {any} */ f) {
      return f.id;
    });
    // The sheet whose hidden column holds the particulars' ids.
    var sheet = opened.sheets.filter(function (/** @type {any} */ s) {
      return Object.keys(s.cells).some(function (n) {
        var c = s.cells[n][P.idColumn];
        return c && fieldIds.indexOf(c.text) >= 0;
      });
    })[0];
    if (!sheet) {
      out.problems.push({ code: "not_plan", message: T.planNotPlan });
      return out;
    }
    var col = P.sheetColumns;
    var text = function (/** @type {any} */ cells, /** @type {string} */ key) {
      var c = cells[col[key]];
      return c ? String(c.text || "").trim() : "";
    };
    Object.keys(sheet.cells).map(Number).sort(function (a, b) {
      return a - b;
    }).forEach(function (n) {
      var cells = sheet.cells[n];
      var id = cells[P.idColumn] ? cells[P.idColumn].text : "";
      if (!id) return;
      var fi = fieldIds.indexOf(id);
      if (fi >= 0) {
        var f = P.fields[fi];
        var v = cells[P.valueColumn];
        out.particulars[f.id] = f.kind === "date" ? cellDate(rules, v, opened.date1904).value || (v ? v.text : "") : v ? v.text : "";
        return;
      }
      var line = {
        id: id,
        number: text(cells, "number"),
        item: text(cells, "item"),
        finding: text(cells, "finding"),
        measure: text(cells, "measure"),
        person: text(cells, "person"),
        completion: ""
      };
      var date = cellDate(rules, cells[col.completion], opened.date1904);
      line.completion = date.value;
      if (!line.item && !line.finding && !line.measure && !line.person && !date.value && !date.error) return;
      out.lines.push(line);
      var name = line.item || line.finding || line.number;
      if (!line.measure) out.missing.push({ line: id, what: "measure", message: core.fillBoth(T.missingMeasure, { line: name }) });
      if (!line.person) out.missing.push({ line: id, what: "person", message: core.fillBoth(T.missingPerson, { line: name }) });
      if (date.error) {
        out.missing.push({ line: id, what: "completion", message: core.fillBoth(T.badDate, { line: name, value: cells[col.completion].text }) });
      } else if (!date.value) {
        out.missing.push({ line: id, what: "completion", message: core.fillBoth(T.missingDate, { line: name }) });
      }
    });
    if (!out.lines.length) out.missing.push({ line: null, what: "lines", message: T.noRows });
    out.complete = out.missing.length === 0;
    out.ok = true;
    return out;
  }

  return Object.freeze({
    needsCorrection: needsCorrection,
    citationFor: citationFor,
    dueDate: dueDate,
    notice: notice,
    planLines: planLines,
    reviewPlan: reviewPlan
  });
});
