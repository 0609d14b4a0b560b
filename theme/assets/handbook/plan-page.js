// @ts-check
/* The annual audit plan page: register (paste or file) -> plan table by month, counts,
 * rows that could not be planned, .ics and CSV downloads, print.
 *
 * Classic script (works from file://). The rules come from the page's JSON island through
 * the page kit (page-kit.js), dates and words through the core (handbook-core.js), the
 * logic from plan.js (window.HandbookPlan). The register never leaves the page: it is read
 * with FileReader, planned here and only ever shown with textContent.
 */
(function () {
  "use strict";

  var w = /** @type {any} */ (window);
  /** @type {import("./plan.js")} */
  var plan = w.HandbookPlan;
  /** @type {import("./handbook-core.js")} */
  var core = w.HandbookCore;
  /** @type {import("./page-kit.js")} */
  var kit = w.HandbookPageKit;
  var form = document.getElementById("hb-plan-form");
  if (!plan || !core || !kit || !form) return;
  var rules = kit.configuration();
  if (!rules) return;

  var cfg = rules.plan;
  var sched = rules.schedule;
  var lang = kit.lang();
  var root = form.getAttribute("data-root") || "";

  var $ = kit.byId;
  var make = kit.make;
  var clear = kit.clear;
  var text = function (/** @type {string} */ name) { return cfg.text[name][lang]; };

  // ---------------------------------------------------------------- URL: ?fy= and ?today=

  var params = kit.query();
  var today = core.validISO(params.get("today") || "") || core.today();
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
    $("hb-plan-today").textContent = core.fill(text("todayNote"), { date: core.formatDate(today, lang, rules) });
  }

  function writeQuery() {
    var q = kit.query();
    q.set("fy", $("fy").value);
    kit.replaceQuery(q);
  }

  // ---------------------------------------------------------------- showing the plan

  var STATE_TEXT = { overdue: "stateOverdue", dueSoon: "stateDueSoon", later: "stateLater" };
  var STATE_MARK = { overdue: "!", dueSoon: "\u25B2", later: "\u25CB" };

  /** The contract type, and the version of the rules applied to the contract (when the
   * standard has been amended). @param {any} item @returns {HTMLElement} */
  function typeCell(item) {
    var cell = make("td", { "class": "hb-plan-type" }, sched.types[item.input.type].name[lang]);
    var version = w.HandbookSchedule.versionText(item.version, lang, rules);
    if (version) {
      cell.appendChild(make("br"));
      cell.appendChild(make("small", { "class": "hb-plan-version", "data-revision": item.version.revision }, version));
    }
    return cell;
  }

  /** @param {any} item @returns {HTMLElement} */
  function eventRow(item) {
    var ev = item.event;
    var cells = kit.eventCells(ev, { rules: rules, lang: lang, root: root });
    var tr = make("tr", { "class": "hb-plan-row hb-plan-row--" + item.state, "data-state": item.state, "data-row": String(item.row) });
    var state = make("td", { "class": "hb-plan-state" });
    state.appendChild(make("span", { "class": "hb-plan-state__mark", "aria-hidden": "true" }, STATE_MARK[item.state]));
    state.appendChild(document.createTextNode(" " + text(STATE_TEXT[item.state])));
    tr.appendChild(state);
    tr.appendChild(cells.date);
    tr.appendChild(cells.iso);
    tr.appendChild(make("td", { "class": "hb-plan-contract" }, item.name || core.fill(text("errorRow"), { row: item.row })));
    tr.appendChild(typeCell(item));
    tr.appendChild(make("td", { "class": "hb-event__label" }, ev.label[lang]));
    tr.appendChild(make("td", { "class": "hb-plan-method" }, sched.methods[ev.method].name[lang]));
    tr.appendChild(cells.checklist);
    tr.appendChild(cells.source);
    return tr;
  }

  function showTable(result) {
    var table = $("hb-plan-table");
    Array.prototype.slice.call(table.tBodies).forEach(function (b) { table.removeChild(b); });
    $("hb-plan-caption").textContent = core.fill(text("tableCaption"), { fy: plan.fiscalYearLabel(result.fy, lang, rules) });
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
      ["overdue", core.fill(text("countOverdue"), {}), result.counts.overdue],
      ["dueSoon", core.fill(text("countDueSoon"), { days: cfg.dueSoonDays }), result.counts.dueSoon],
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
      li.appendChild(make("strong", {}, core.fill(text("errorRow"), { row: p.row })));
      li.appendChild(document.createTextNode((p.name ? " " + p.name : "") + ": " + p.messages.map(function (m) { return m[lang]; }).join(" ")));
      list.appendChild(li);
    });
    $(boxId).hidden = !entries.length;
  }

  /** @param {string} kind @param {string} content @param {string} type @param {string} name */
  function download(kind, content, type, name) {
    kit.download($("hb-plan-" + kind), content, type, name);
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
    status.textContent = core.fill(text("resultStatus"), { fy: fyText, contracts: result.contracts, count: result.events.length });
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
      $("register").value = plan.decode(new Uint8Array(/** @type {ArrayBuffer} */ (reader.result)));
      update();
    };
    reader.onerror = function () { error.textContent = text("fileError"); };
    reader.readAsArrayBuffer(file);
  });

  fillYears();
  form.setAttribute("data-ready", "true");
})();
