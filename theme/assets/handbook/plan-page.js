/* The annual audit plan page: register (paste or file) -> plan table by month, counts,
 * rows that could not be planned, .ics and CSV downloads, print.
 *
 * Classic script (works from file://). The rules come from the page's JSON island
 * (#handbook-rules), the logic from plan.js (window.HandbookPlan) and schedule.js
 * (window.HandbookSchedule). The register never leaves the page: it is read with
 * FileReader, planned here and only ever shown with textContent.
 */
(function () {
  "use strict";

  var plan = window.HandbookPlan;
  var api = window.HandbookSchedule;
  var form = document.getElementById("hb-plan-form");
  var island = document.getElementById("handbook-rules");
  if (!plan || !api || !form || !island) return;

  var rules = JSON.parse(island.textContent);
  var cfg = rules.plan;
  var sched = rules.schedule;
  var lang = (document.documentElement.getAttribute("lang") || "ja").slice(0, 2) === "en" ? "en" : "ja";
  var root = form.getAttribute("data-root") || "";
  var urls = { ics: null, csv: null };

  var $ = function (id) { return document.getElementById(id); };
  var text = function (name) { return cfg.text[name][lang]; };
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };

  function make(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function localToday() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  // ---------------------------------------------------------------- URL: ?fy= and ?today=

  var params = new URLSearchParams(window.location.search);
  var today = api.parseDate(params.get("today") || "") || localToday();
  var fyParam = /^\d{4}$/.test(params.get("fy") || "") ? +params.get("fy") : null;

  function fillYears() {
    var select = $("fy");
    var current = plan.fiscalYearOf(today, rules);
    var first = Math.min(plan.fiscalYearOf(sched.effective, rules), current, fyParam || current);
    var last = Math.max(current + 3, fyParam || current);
    for (var y = first; y <= last; y++) {
      select.appendChild(make("option", { value: String(y) }, plan.fiscalYearLabel(y, lang, rules)));
    }
    select.value = String(fyParam || current);
    $("hb-plan-today").textContent = api.fill(text("todayNote"), { date: api.formatDate(today, lang, rules) });
  }

  function writeQuery() {
    var q = new URLSearchParams(window.location.search);
    q.set("fy", $("fy").value);
    try {
      window.history.replaceState(window.history.state, "", window.location.pathname + "?" + q.toString() + window.location.hash);
    } catch (e) {
      // some browsers refuse replaceState for file:// pages; the plan is still shown
    }
  }

  // ---------------------------------------------------------------- showing the plan

  function citeLink(source) {
    var loc = rules.locations && has(rules.locations, source) ? rules.locations[source] : null;
    var label = has(rules.citations, source) ? rules.citations[source][lang] : source;
    if (!loc) return make("span", {}, label);
    return make("a", { href: root + loc.page + "#" + loc.anchor, "class": "hb-cite" }, label);
  }

  var STATE_TEXT = { overdue: "stateOverdue", dueSoon: "stateDueSoon", later: "stateLater" };
  var STATE_MARK = { overdue: "!", dueSoon: "\u25B2", later: "\u25CB" };

  function eventRow(item) {
    var ev = item.event;
    var tr = make("tr", { "class": "hb-plan-row hb-plan-row--" + item.state, "data-state": item.state, "data-row": String(item.row) });
    var state = make("td", { "class": "hb-plan-state" });
    state.appendChild(make("span", { "class": "hb-plan-state__mark", "aria-hidden": "true" }, STATE_MARK[item.state]));
    state.appendChild(document.createTextNode(" " + text(STATE_TEXT[item.state])));
    tr.appendChild(state);
    var date = make("td", { "class": "hb-event__date" });
    date.appendChild(make("time", { datetime: ev.date }, api.formatDate(ev.date, lang, rules)));
    if (ev.phase === "before_contract") date.appendChild(make("span", { "class": "hb-event__by" }, sched.text.byDate[lang]));
    tr.appendChild(date);
    tr.appendChild(make("td", { "class": "hb-event__iso" }, ev.date));
    tr.appendChild(make("td", { "class": "hb-plan-contract" }, item.name || api.fill(text("errorRow"), { row: item.row })));
    tr.appendChild(make("td", { "class": "hb-plan-type" }, sched.types[item.input.type].name[lang]));
    tr.appendChild(make("td", { "class": "hb-event__label" }, ev.label[lang]));
    tr.appendChild(make("td", { "class": "hb-plan-method" }, sched.methods[ev.method].name[lang]));
    var checklist = make("td", { "class": "hb-event__checklist" });
    if (has(sched.checklists, ev.checklist)) {
      var cl = sched.checklists[ev.checklist];
      checklist.appendChild(make("a", { href: root + cl.page }, cl.name[lang]));
    }
    tr.appendChild(checklist);
    var source = make("td", { "class": "hb-event__source" });
    source.appendChild(citeLink(ev.source));
    tr.appendChild(source);
    return tr;
  }

  function showTable(result) {
    var table = $("hb-plan-table");
    Array.prototype.slice.call(table.tBodies).forEach(function (b) { table.removeChild(b); });
    $("hb-plan-caption").textContent = api.fill(text("tableCaption"), { fy: plan.fiscalYearLabel(result.fy, lang, rules) });
    var fragment = document.createDocumentFragment();
    result.months.forEach(function (month) {
      var body = make("tbody", { "class": "hb-plan-month", "data-month": month.key });
      var head = make("tr", { "class": "hb-plan-month__head" });
      head.appendChild(make("th", { scope: "rowgroup", colspan: "9" }, plan.monthLabel(month.year, month.month, lang, rules)));
      body.appendChild(head);
      if (!month.events.length) {
        var none = make("tr", { "class": "hb-plan-month__none" });
        none.appendChild(make("td", { colspan: "9" }, text("monthEmpty")));
        body.appendChild(none);
      }
      month.events.forEach(function (item) { body.appendChild(eventRow(item)); });
      fragment.appendChild(body);
    });
    table.appendChild(fragment);
  }

  function showCounts(result) {
    var list = $("hb-plan-counts");
    clear(list);
    [
      ["overdue", api.fill(text("countOverdue"), {}), result.counts.overdue],
      ["dueSoon", api.fill(text("countDueSoon"), { days: cfg.dueSoonDays }), result.counts.dueSoon],
      ["later", text("countLater"), result.counts.later],
      ["contracts", text("countContracts"), result.contracts],
      ["onsite", text("countOnsite"), result.counts.onsite]
    ].forEach(function (c) {
      var item = make("div", { "class": "hb-plan-count hb-plan-count--" + c[0], "data-count": c[0] });
      item.appendChild(make("dt", {}, c[1]));
      item.appendChild(make("dd", {}, String(c[2])));
      list.appendChild(item);
    });
    list.hidden = false;
  }

  function showList(boxId, listId, entries) {
    var list = $(listId);
    clear(list);
    entries.forEach(function (p) {
      var li = make("li", { "data-row": String(p.row) });
      li.appendChild(make("strong", {}, api.fill(text("errorRow"), { row: p.row })));
      li.appendChild(document.createTextNode((p.name ? " " + p.name : "") + ": " + p.messages.map(function (m) { return m[lang]; }).join(" ")));
      list.appendChild(li);
    });
    $(boxId).hidden = !entries.length;
  }

  function download(kind, content, type, name) {
    if (urls[kind]) URL.revokeObjectURL(urls[kind]);
    urls[kind] = URL.createObjectURL(new Blob([content], { type: type }));
    var link = $("hb-plan-" + kind);
    link.setAttribute("href", urls[kind]);
    link.setAttribute("download", name);
  }

  function update() {
    var source = $("register").value;
    var status = $("hb-plan-status");
    if (!source.trim()) {
      status.textContent = text("resultEmpty");
      ["hb-plan-counts", "hb-plan-problems", "hb-plan-warnings", "hb-plan-actions", "hb-plan-table-wrap"].forEach(function (id) { $(id).hidden = true; });
      form.setAttribute("data-state", "empty");
      return;
    }
    var result = plan.makePlan(rules, source, { fy: +$("fy").value, today: today });
    var fyText = plan.fiscalYearLabel(result.fy, lang, rules);
    status.textContent = api.fill(text("resultStatus"), { fy: fyText, contracts: result.contracts, count: result.events.length });
    showCounts(result);
    showList("hb-plan-problems", "hb-plan-problem-list", result.problems);
    showList("hb-plan-warnings", "hb-plan-warning-list", result.warnings);
    showTable(result);
    $("hb-plan-table-wrap").hidden = false;
    $("hb-plan-actions").hidden = false;
    var stem = "-" + result.fy;
    download("ics", plan.toICS(result, lang, rules), "text/calendar;charset=utf-8", text("icsFilename") + stem + ".ics");
    download("csv", plan.toCSV(result, lang, rules), "text/csv;charset=utf-8", text("csvFilename") + stem + ".csv");
    form.setAttribute("data-state", result.problems.length ? "problems" : "ok");
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    update();
  });
  $("fy").addEventListener("change", function () {
    writeQuery();
    update();
  });
  $("register").addEventListener("paste", function () { window.setTimeout(update, 0); });
  $("register-file").addEventListener("change", function () {
    var file = this.files && this.files[0];
    var error = $("register-file-error");
    error.textContent = "";
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      $("register").value = plan.decode(new Uint8Array(reader.result));
      update();
    };
    reader.onerror = function () { error.textContent = text("fileError"); };
    reader.readAsArrayBuffer(file);
  });
  $("hb-plan-print").addEventListener("click", function () { window.print(); });

  fillYears();
  form.setAttribute("data-ready", "true");
})();
