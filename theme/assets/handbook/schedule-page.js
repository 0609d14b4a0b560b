// @ts-check
/* The audit-schedule calculator page: form <-> URL query, result table, timeline, .ics.
 *
 * Classic script (works from file://). The rules come from the page's JSON island through
 * the page kit (page-kit.js), dates and words through the core (handbook-core.js), the
 * logic from schedule.js (window.HandbookSchedule). Everything that arrives from the URL
 * or the form is treated as text: it is only ever set with textContent, value or
 * setAttribute, never parsed as markup.
 */
(function () {
  "use strict";

  var w = /** @type {any} */ (window);
  /** @type {import("./schedule.js")} */
  var api = w.HandbookSchedule;
  /** @type {import("./handbook-core.js")} */
  var core = w.HandbookCore;
  /** @type {import("./page-kit.js")} */
  var kit = w.HandbookPageKit;
  var form = document.getElementById("hb-schedule-form");
  if (!api || !core || !kit || !form) return;
  var rules = kit.configuration();
  if (!rules) return;

  var cfg = rules.schedule;
  var lang = kit.lang();
  var root = form.getAttribute("data-root") || "";
  var FIELDS = api.FIELDS;
  var DATE_FIELDS = ["start", "end", "lastOnsiteVisit"];
  // The contract's names (optional, free text): into the result, the print-out, the link
  // and the calendar file; never into the computation.
  var NAME_FIELDS = ["contract", "department", "contractor"];
  // The day "the next on-site check" is counted from: ?today=YYYY-MM-DD (as on the plan
  // page), else the browser's today.
  var todayParam = kit.query().get("today") || "";
  var today = core.validISO(todayParam) ? todayParam : core.today();

  // Errors are shown for a field once it has been left, or for every field once the form
  // is submitted (or opened from a link): never while the person is still typing.
  /** @type {Object<string, boolean>} */
  var touched = {};
  var allTouched = false;

  // Values from the URL that no control can hold (an unknown type, a bad flag): kept so
  // that the result explains them, until the person changes that control.
  var pendingType = "";
  var pendingFlag = "";

  var $ = kit.byId;
  var make = kit.make;
  var svg = kit.svg;
  var clear = kit.clear;
  var text = function (/** @type {string} */ name) { return kit.translation("schedule", name); };

  /**
   * A date as typed, in ISO form when the core's date reader reads it (2025/4/1,
   * ２０２５－０４－０１, 令和7年4月1日, R7.4.1, …); a day that does not exist in ISO form too,
   * so that the calculator names it; anything else as typed, for the calculator's message.
   * @param {unknown} value @returns {string}
   */
  function normalizeDate(value) {
    var read = core.readDate(value, rules);
    var e = read.error;
    if (!e) return read.value;
    if (e.parts && (e.code === "day" || e.code === "month")) return core.isoFromParts(e.parts[0], e.parts[1], e.parts[2]);
    return String(value);
  }

  function radios() {
    return Array.prototype.slice.call(form.querySelectorAll('input[type="radio"][name="type"]'));
  }

  // ---------------------------------------------------------------- form and URL

  function readQuery() {
    var params = kit.query();
    var values = {};
    var any = false;
    FIELDS.forEach(function (f) {
      if (params.has(f)) any = true;
      values[f] = params.get(f) || "";
    });
    NAME_FIELDS.forEach(function (f) { values[f] = params.get(f) || ""; });
    return any ? values : null;
  }

  function fillForm(values) {
    var matched = false;
    radios().forEach(function (r) {
      r.checked = r.value === values.type;
      if (r.checked) matched = true;
    });
    pendingType = matched ? "" : values.type;
    DATE_FIELDS.forEach(function (f) { $(f).value = normalizeDate(values[f]); });
    NAME_FIELDS.forEach(function (f) { /** @type {HTMLInputElement} */ ($("name-" + f)).value = values[f]; });
    var flag = values.renewedYearly;
    var answer = core.answer(rules, flag);  // the data's yes and no words
    $("renewedYearly").checked = answer === true;
    pendingFlag = answer === null ? flag : "";
  }

  function readForm() {
    var values = { type: pendingType, renewedYearly: pendingFlag || $("renewedYearly").checked };
    radios().forEach(function (r) { if (r.checked) values.type = r.value; });
    DATE_FIELDS.forEach(function (f) {
      var v = normalizeDate($(f).value);
      if (v !== $(f).value) $(f).value = v;
      values[f] = v;
    });
    NAME_FIELDS.forEach(function (f) { values[f] = /** @type {HTMLInputElement} */ ($("name-" + f)).value.trim(); });
    return values;
  }

  function writeQuery(values) {
    var params = new URLSearchParams();
    var today = kit.query().get("today");  // the day the page is read as (in-force.js), kept
    if (today) params.set("today", today);
    FIELDS.forEach(function (f) {
      var v = values[f];
      if (f === "renewedYearly") {
        if (v === true) params.set(f, core.yesWord(rules));
        else if (typeof v === "string" && v) params.set(f, v);
      } else if (v) {
        params.set(f, v);
      }
    });
    NAME_FIELDS.forEach(function (f) { if (values[f]) params.set(f, values[f]); });
    if (todayParam) params.set("today", todayParam);
    kit.replaceQuery(params);
  }

  // ---------------------------------------------------------------- result

  function showFieldMessages(result) {
    FIELDS.concat(["input"]).forEach(function (f) {
      $(f + "-error").textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    result.errors.forEach(function (err) {
      if (!allTouched && !touched[err.field]) return;  // not yet left: no error while typing
      var box = $(err.field + "-error") || $("input-error");
      box.textContent = (box.textContent ? box.textContent + " " : "") + err.message[lang];
      var controls = err.field === "type" ? radios() : [$(err.field)];
      controls.forEach(function (c) { if (c) c.setAttribute("aria-invalid", "true"); });
    });
  }

  function showMessages(result) {
    var box = $("hb-messages");
    clear(box);
    [["warnings", "resultWarnings", "hb-messages__warnings"], ["notes", "resultNotes", "hb-messages__notes"]].forEach(function (kind) {
      var list = result[kind[0]] || [];
      if (!list.length) return;
      var section = make("div", { "class": kind[2] });
      section.appendChild(make("p", { "class": "hb-messages__title" }, text(kind[1])));
      var ul = make("ul");
      list.forEach(function (m) { ul.appendChild(make("li", { "data-field": m.field, "data-code": m.code }, m.message[lang])); });
      section.appendChild(ul);
      box.appendChild(section);
    });
  }

  function showTable(result) {
    var body = $("hb-schedule-rows");
    clear(body);
    result.events.forEach(function (ev) {
      var cells = kit.eventCells(ev, { rules: rules, lang: lang, root: root });
      var tr = make("tr", { "class": "hb-event hb-event--" + ev.method + " hb-event--" + ev.phase, "data-date": ev.date, "data-method": ev.method });
      tr.appendChild(cells.date);
      tr.appendChild(cells.iso);
      var what = make("td", { "class": "hb-event__what" });
      var tags = make("span", { "class": "hb-event__tags" });
      tags.appendChild(make("span", { "class": "hb-tag hb-tag--" + ev.phase }, text(ev.phase === "before_contract" ? "phaseBeforeContract" : "phaseDuringContract")));
      tags.appendChild(document.createTextNode(" "));
      tags.appendChild(make("span", { "class": "hb-tag hb-tag--" + ev.method }, cfg.methods[ev.method].name[lang]));
      tags.appendChild(document.createTextNode(" "));
      what.appendChild(tags);
      what.appendChild(make("span", { "class": "hb-event__label" }, ev.label[lang]));
      tr.appendChild(what);
      tr.appendChild(make("td", { "class": "hb-event__who" }, ev.who ? ev.who[lang] : ""));
      tr.appendChild(cells.checklist);
      tr.appendChild(cells.source);
      labelCells(tr);
      body.appendChild(tr);
    });
  }

  // Each cell carries its column's heading (data-label): a phone shows the rows stacked,
  // each cell under its heading (schedule.css).
  var headings = Array.prototype.map.call(
    document.querySelectorAll("#hb-schedule-table thead th"), function (th) { return th.textContent; });
  function labelCells(tr) {
    Array.prototype.forEach.call(tr.children, function (cell, i) {
      if (headings[i]) cell.setAttribute("data-label", headings[i]);
    });
  }

  /** @param {string} isoDate @returns {number} */
  function dayOf(isoDate) {
    return /** @type {number} */ (core.parseISO(isoDate));
  }

  function marker(method, phase, x, y) {
    if (phase === "before_contract") {
      return svg("polygon", { points: [x, y - 7, x + 7, y, x, y + 7, x - 7, y].join(" "), "class": "hb-tl__mark hb-tl__mark--before" });
    }
    if (method === "onsite") return svg("circle", { cx: x, cy: y, r: 6.5, "class": "hb-tl__mark hb-tl__mark--onsite" });
    return svg("rect", { x: x - 5.5, y: y - 5.5, width: 11, height: 11, "class": "hb-tl__mark hb-tl__mark--written" });
  }

  function showTimeline(result) {
    var figure = $("hb-timeline");
    var old = figure.querySelector("svg");
    if (old) figure.removeChild(old);
    var input = result.input;
    var W = 760;
    var pad = 40;
    var barY = 58;
    var labelRows = 3;
    var events = result.events;
    var from = dayOf(input.start);
    events.forEach(function (ev) { from = Math.min(from, dayOf(ev.date)); });
    var to = dayOf(input.end) + 1;
    var span = Math.max(to - from, 1);
    var x = function (day) { return +(pad + (day - from) / span * (W - 2 * pad)).toFixed(1); };
    var showDates = events.length <= 24;
    var legendY = barY + 30 + (showDates ? labelRows * 15 : 0) + 14;
    var H = legendY + 16;
    var titleText = core.fill(text("timelineTitle"), {
      start: core.formatDate(input.start, lang, rules), end: core.formatDate(input.end, lang, rules)
    });
    var pic = svg("svg", {
      viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-labelledby": "hb-timeline-title hb-timeline-desc",
      "class": "hb-tl", focusable: "false"
    });
    pic.appendChild(svg("title", { id: "hb-timeline-title" }, titleText));
    pic.appendChild(svg("desc", { id: "hb-timeline-desc" }, events.map(function (ev) {
      return core.formatDate(ev.date, lang, rules) + " " + cfg.methods[ev.method].name[lang] + ": " + ev.label[lang];
    }).join(" / ")));
    var bar = svg("rect", { x: x(dayOf(input.start)), y: barY - 7, width: Math.max(x(to) - x(dayOf(input.start)), 1), height: 14, "class": "hb-tl__term" });
    pic.appendChild(bar);
    // contract years, as computeSchedule counts them
    var years = (result.contractYears || []).map(function (y) { return y.from; });
    var eff = dayOf(cfg.effective);
    if (eff > from && eff < to) {
      var ex = x(eff);
      pic.appendChild(svg("line", { x1: ex, y1: barY - 34, x2: ex, y2: barY + 12, "class": "hb-tl__effective" }));
      pic.appendChild(svg("text", { x: ex + 3, y: barY - 35, "class": "hb-tl__effectivelabel" }, text("effectiveLabel") + " " + cfg.effective));
    }
    var yearLabels = years.length <= 12;
    years.forEach(function (ys, i) {
      var xx = x(dayOf(ys));
      pic.appendChild(svg("line", { x1: xx, y1: barY - 16, x2: xx, y2: barY + 10, "class": "hb-tl__year" }));
      if (yearLabels) pic.appendChild(svg("text", { x: xx + 3, y: barY - 19, "class": "hb-tl__yearlabel" }, core.fill(text("timelineYear"), { year: i + 1 })));
    });
    events.forEach(function (ev, i) {
      var xx = x(dayOf(ev.date));
      var g = svg("g", { "class": "hb-tl__event" });
      g.appendChild(svg("title", {}, core.formatDate(ev.date, lang, rules) + " (" + ev.date + ") " + ev.label[lang]));
      g.appendChild(marker(ev.method, ev.phase, xx, barY));
      if (showDates) {
        var row = i % labelRows;
        var ly = barY + 30 + row * 15;
        g.appendChild(svg("line", { x1: xx, y1: barY + 8, x2: xx, y2: ly - 10, "class": "hb-tl__leader" }));
        g.appendChild(svg("text", { x: xx, y: ly, "text-anchor": "middle", "class": "hb-tl__date" }, ev.date));
      }
      pic.appendChild(g);
    });
    // legend: only what the picture shows
    var seen = [];
    events.forEach(function (ev) {
      var key = ev.phase === "before_contract" ? "before" : ev.method;
      if (seen.indexOf(key) < 0) seen.push(key);
    });
    var lx = pad;
    seen.forEach(function (key) {
      var label = key === "before" ? text("phaseBeforeContract") : cfg.methods[key].name[lang];
      pic.appendChild(marker(key === "before" ? "written" : key, key === "before" ? "before_contract" : "during_contract", lx + 6, legendY - 4));
      pic.appendChild(svg("text", { x: lx + 16, y: legendY, "class": "hb-tl__legend" }, label));
      lx += 28 + label.length * (lang === "ja" ? 13 : 7);
    });
    figure.insertBefore(pic, figure.firstChild);
  }

  /** The contract's names as last read from the form. @type {Object<string, string>} */
  var names = {};

  /** @param {any} result */
  function showIcs(result) {
    kit.download($("hb-ics"), api.toICS(result, lang, { rules: rules, contract: names }), "text/calendar;charset=utf-8",
      text("icsFilename") + "-" + result.input.type + "-" + result.input.start + ".ics");
  }

  // The conditions block (print only): what the result was worked out from, with each
  // date both as shown in the table and in ISO form. Labels are in the page (ui.yaml).
  function eraAndIso(date) {
    var formatted = core.formatDate(date, lang, rules);
    return formatted === date ? date : core.fill(text("conditionsDateValue"), { date: formatted, iso: date });
  }

  function showSummary(values) {
    // values.type comes from the URL: an own-property lookup only (never "__proto__" & co.)
    var typeRule = typeof values.type === "string" && Object.prototype.hasOwnProperty.call(cfg.types, values.type)
      ? cfg.types[values.type] : null;
    var start = core.formatDate(values.start, lang, rules);
    var end = core.formatDate(values.end, lang, rules);
    $("hb-condition-type").textContent = typeRule ? typeRule.name[lang] : values.type;
    $("hb-condition-term").textContent = core.fill(text("conditionsTermValue"), {
      start: start, end: end, startIso: values.start, endIso: values.end
    });
    $("hb-condition-renewed").textContent = values.renewedYearly === true ? text("summaryYes")
      : values.renewedYearly ? String(values.renewedYearly) : text("summaryNo");
    $("hb-condition-visit").textContent = values.lastOnsiteVisit ? eraAndIso(values.lastOnsiteVisit) : text("summaryNone");
    NAME_FIELDS.forEach(function (f) {
      $("hb-condition-" + f).textContent = values[f];
      form.ownerDocument.querySelectorAll('[data-hb-party="' + f + '"]').forEach(function (n) {
        /** @type {HTMLElement} */ (n).hidden = !values[f];
      });
    });
    var title = $("hb-result-contract");
    title.textContent = values.contract;
    title.hidden = !values.contract;
    $("hb-print-summary").hidden = false;
  }

  // The path of the contract (rendered from procedure.yaml): a date where the standard
  // sets a time, from the result; the other steps keep their order only.
  function showPath(result) {
    var events = result.events;
    var before = events.filter(function (ev) { return ev.phase === "before_contract"; });
    var during = events.filter(function (ev) { return ev.phase === "during_contract"; });
    var when = {
      contract: before.length ? core.fill(text("pathBy"), { date: core.formatDate(before[0].date, lang, rules) }) : "",
      during_contract: during.length ? core.fill(text("pathChecks"), {
        first: core.formatDate(during[0].date, lang, rules),
        last: core.formatDate(during[during.length - 1].date, lang, rules),
        count: during.length
      }) : "",
      end: core.fill(text("pathEnd"), { date: core.formatDate(result.input.end, lang, rules) })
    };
    form.ownerDocument.querySelectorAll("#hb-path [data-when]").forEach(function (slot) {
      var stage = slot.getAttribute("data-when") || "";
      slot.textContent = Object.prototype.hasOwnProperty.call(when, stage) ? when[stage] : "";
    });
    // the next on-site check from today, by fiscal year
    /** @type {any} */
    var next = null;
    events.forEach(function (/** @type {any} */ ev) { if (!next && ev.method === "onsite" && ev.date >= today) next = ev; });
    var line = $("hb-next-onsite");
    if (next) {
      var parts = core.parseISO(next.date) === null ? null : next.date.split("-").map(Number);
      var fy = parts ? parts[0] - (parts[1] < cfg.fiscalYearStartMonth ? 1 : 0) : 0;
      line.textContent = core.fill(text("nextOnsite"), { year: fy, date: core.formatDate(next.date, lang, rules) });
    }
    line.hidden = !next;
  }

  // The readings of the standard that the chosen type's checks follow (rules.json
  // schedule.types[type].readings), each a link to its place on the check rules page.
  /** @param {string} type */
  function showReadings(type) {
    var list = $("hb-type-readings-list");
    clear(list);
    var typeRule = Object.prototype.hasOwnProperty.call(cfg.types, type) ? cfg.types[type] : null;
    (typeRule && typeRule.readings || []).forEach(function (id) {
      if (!Object.prototype.hasOwnProperty.call(cfg.readings, id)) return;
      var reading = cfg.readings[id];
      var item = make("li");
      item.appendChild(make("a", { href: root + reading.page }, reading.title[lang]));
      list.appendChild(item);
    });
    $("hb-type-readings").hidden = !list.children.length;
  }

  function show(result, values) {
    showFieldMessages(result);
    showMessages(result);
    showSummary(values);
    var ok = !result.errors.length && result.applicable;
    var status = $("hb-result-status");
    if (result.errors.length) {
      status.textContent = text("resultErrors");
    } else if (!result.applicable) {
      status.textContent = text("resultNotApplicable");
    } else {
      status.textContent = core.fill(text("resultCount"), {
        type: cfg.types[result.input.type].name[lang],
        start: core.formatDate(result.input.start, lang, rules),
        end: core.formatDate(result.input.end, lang, rules),
        count: result.events.length
      });
    }
    $("hb-table-wrap").hidden = !ok;
    $("hb-timeline").hidden = !ok;
    $("hb-actions").hidden = !ok;
    $("hb-path").hidden = !ok;
    if (!ok) $("hb-next-onsite").hidden = true;
    names = { contract: values.contract, department: values.department, contractor: values.contractor };
    if (ok) {
      showTable(result);
      showTimeline(result);
      showIcs(result);
      showPath(result);
      showReadings(result.input.type);
    } else {
      clear($("hb-schedule-rows"));
      $("hb-type-readings").hidden = true;
    }
  }

  function update(writeUrl) {
    var values = readForm();
    var result = api.computeSchedule(rules, values);
    show(result, values);
    if (writeUrl) writeQuery(values);
    form.setAttribute("data-state", result.errors.length ? "errors" : result.applicable ? "ok" : "not-applicable");
  }

  // A change made while a pointer button is down (leaving a field by pressing on another
  // control) is shown once the press is over, so that nothing moves between the press and
  // the release; error lines keep their place either way (schedule.css).
  var pressed = false;
  var waiting = false;
  function later() {
    if (pressed) { waiting = true; return; }
    update(true);
  }
  document.addEventListener("pointerdown", function () { pressed = true; }, true);
  function released() {
    if (!pressed) return;
    pressed = false;
    if (waiting) {
      waiting = false;
      setTimeout(function () { update(true); }, 0);
    }
  }
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);

  form.addEventListener("change", function (e) {
    var target = /** @type {HTMLInputElement | null} */ (e.target);
    if (target && target.name === "type") pendingType = "";
    if (target && target.name === "renewedYearly") pendingFlag = "";
    if (target && target.name) touched[target.name] = true;
    later();
  });
  form.addEventListener("focusout", function (e) {
    var target = /** @type {HTMLInputElement | null} */ (e.target);
    if (!target || !target.name || touched[target.name]) return;
    if (target.type === "text" && target.value === "" && !allTouched) return;  // passed by, nothing typed
    touched[target.name] = true;
    later();
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    allTouched = true;
    update(true);
  });
  // Safety net for the browser's own print command: a date typed but not yet confirmed
  // (no change event) is worked out before the sheet is laid out.
  window.addEventListener("beforeprint", function () {
    if (form.hasAttribute("data-state")) update(true);
  });

  var initial = readQuery();
  if (initial) {
    allTouched = true;  // a link's inputs are what was asked for: every error at once
    fillForm(initial);
    update(false);
  }
  form.setAttribute("data-ready", "true");
})();
