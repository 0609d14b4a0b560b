// @ts-check
/* The annual audit plan page: register (paste or file) -> plan table by month, counts,
 * the record of checks done and open corrections, rows that could not be planned, a
 * department filter, .ics and CSV downloads, print.
 *
 * Classic script (works from file://). The rules come from the page's JSON island through
 * the page kit (page-kit.js), dates and words through the core (handbook-core.js), the
 * logic from plan.js (window.HandbookPlan). The register never leaves the page: it is read
 * with FileReader, planned here and only ever shown with textContent. A long register is
 * planned and shown a slice at a time, with progress, so the page stays responsive.
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

  // Work done between two looks at the page: lines read or contracts planned, rows shown.
  var SLICE = 2500;
  var ROWS_PER_SLICE = 1500;
  // A month of up to this many checks is printed on one page (a longer one runs over pages).
  var SHORT_MONTH = 12;

  // ---------------------------------------------------------------- URL: ?fy=, ?today=, ?department=

  var params = kit.query();
  var today = core.validISO(params.get("today") || "") || core.today();
  var fyParam = /^\d{4}$/.test(params.get("fy") || "") ? +params.get("fy") : null;
  var wantedDepartment = params.get("department") || "";

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
    if ($("department").value) q.set("department", $("department").value);
    else q.delete("department");
    kit.replaceQuery(q);
  }

  // ---------------------------------------------------------------- showing the plan

  var STATE_MARK = { overdue: "!", dueSoon: "\u25B2", later: "\u25CB", done: "\u2713", open: "!" };
  var table = $("hb-plan-table");
  var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (/** @type {HTMLElement} */ th) {
    return (th.textContent || "").trim();
  });
  var COLUMNS = headers.length;

  /** A cell that names its column (the phone layout shows the name beside the value). */
  function cell(col, className, content) {
    return make("td", { "class": className, "data-label": headers[col] }, content);
  }

  /** The contract type, and the version of the rules applied to the contract (when the
   * standard has been amended). @param {any} item @returns {HTMLElement} */
  function typeCell(item) {
    var td = cell(3, "hb-plan-type", sched.types[item.input.type].name[lang]);
    var version = item.version ? w.HandbookSchedule.versionText(item.version, lang, rules) : "";
    if (version) {
      td.appendChild(make("br"));
      td.appendChild(make("small", { "class": "hb-plan-version", "data-revision": item.version.revision }, version));
    }
    return td;
  }

  /** @param {any} item @param {any} register @returns {HTMLElement} */
  function eventRow(item, register) {
    var ev = item.event;
    var c = item.contract;
    var cells = kit.eventCells(ev, { rules: rules, lang: lang, root: root });
    var tr = make("tr", {
      "class": "hb-plan-row hb-plan-row--" + item.state, "data-state": item.state, "data-row": String(item.row), "data-kind": item.kind
    });
    var state = cell(0, "hb-plan-state");
    state.appendChild(make("span", { "class": "hb-plan-state__mark", "aria-hidden": "true" }, STATE_MARK[item.state]));
    state.appendChild(document.createTextNode(" " + plan.stateText(item, lang, rules)));
    tr.appendChild(state);
    var date = cells.date;
    date.setAttribute("data-label", headers[1]);
    date.appendChild(make("span", { "class": "hb-event__iso" }, ev.date));
    tr.appendChild(date);
    var contract = cell(2, "hb-plan-contract");
    contract.appendChild(make("span", { "class": "hb-plan-contract__name" }, item.name || core.fill(text("errorRow"), { row: item.row })));
    var extra = function (/** @type {string} */ label, /** @type {string} */ value) {
      if (!value) return;
      var line = make("span", { "class": "hb-plan-extra" });
      line.appendChild(make("span", { "class": "hb-plan-extra__label" }, label));
      line.appendChild(document.createTextNode(": " + value));
      contract.appendChild(line);
    };
    extra(cfg.columns.department[lang], c.cells.department);
    extra(cfg.columns.contractor[lang], c.cells.contractor);
    register.extras.forEach(function (/** @type {any} */ x, /** @type {number} */ i) { extra(x.label, c.extras[i]); });
    tr.appendChild(contract);
    tr.appendChild(typeCell(item));
    tr.appendChild(cell(4, "hb-event__label", ev.label[lang]));
    tr.appendChild(cell(5, "hb-plan-method", ev.method ? sched.methods[ev.method].name[lang] : ""));
    cells.checklist.setAttribute("data-label", headers[6]);
    tr.appendChild(cells.checklist);
    cells.source.setAttribute("data-label", headers[7]);
    tr.appendChild(cells.source);
    tr.appendChild(cell(8, "hb-plan-paper", item.state === "done" && item.doneOn ? core.formatDate(item.doneOn, lang, rules) : ""));
    tr.appendChild(cell(9, "hb-plan-paper", ""));
    return tr;
  }

  /** A group of rows headed by its month (or by "carried over"). */
  function group(key, title, items, className) {
    // a short month is kept on one page when printed; an empty one is not printed
    var size = items.length ? (items.length <= SHORT_MONTH ? " hb-plan-month--short" : "") : " hb-plan-month--empty";
    var body = make("tbody", { "class": className + size, "data-month": key });
    var head = make("tr", { "class": "hb-plan-month__head" });
    head.appendChild(make("th", { scope: "rowgroup", colspan: String(COLUMNS) }, title));
    body.appendChild(head);
    if (!items.length) {
      var none = make("tr", { "class": "hb-plan-month__none" });
      none.appendChild(make("td", { colspan: String(COLUMNS) }, text("monthEmpty")));
      body.appendChild(none);
    }
    return body;
  }

  var showing = 0;  // the table being filled; a newer one stops an older one
  var holder = document.createElement("div");  // where the table is while it is filled

  /** The table, a slice of rows at a time; `done` when every row is in. */
  function showTable(result, done) {
    var token = ++showing;
    // filled while out of the document: nothing is styled, laid out or observed row by row
    var home = table.parentNode === holder ? $("hb-plan-table-wrap") : table.parentNode;
    holder.appendChild(table);
    Array.prototype.slice.call(table.tBodies).forEach(function (/** @type {Node} */ b) { table.removeChild(b); });
    table.caption.textContent = core.fill(text("tableCaption"), { fy: plan.fiscalYearLabel(result.fy, lang, rules) });
    var groups = [];
    if (result.carried.length) groups.push({ body: group("carried", text("carriedOver"), result.carried, "hb-plan-month hb-plan-carried"), items: result.carried });
    result.months.forEach(function (/** @type {any} */ month) {
      groups.push({ body: group(month.key, plan.monthLabel(month.year, month.month, lang, rules), month.events, "hb-plan-month"), items: month.events });
    });
    var fragment = document.createDocumentFragment();
    groups.forEach(function (g) { fragment.appendChild(g.body); });
    table.appendChild(fragment);
    var gi = 0;
    var ii = 0;
    function fill() {
      if (token !== showing) return;
      var budget = ROWS_PER_SLICE;
      while (gi < groups.length && budget > 0) {
        var g = groups[gi];
        var rows = document.createDocumentFragment();
        for (; ii < g.items.length && budget > 0; ii++, budget--) rows.appendChild(eventRow(g.items[ii], result.register));
        g.body.appendChild(rows);
        if (ii >= g.items.length) { gi += 1; ii = 0; }
      }
      if (gi < groups.length) {
        window.setTimeout(fill, 0);
        return;
      }
      home.appendChild(table);
      done();
    }
    fill();
  }

  function showCounts(result) {
    var list = $("hb-plan-counts");
    clear(list);
    var n = result.counts;
    [
      ["overdue", text("countOverdue"), n.overdue],
      ["dueSoon", core.fill(text("countDueSoon"), { days: cfg.dueSoonDays }), n.dueSoon],
      ["later", text("countLater"), n.later],
      ["done", text("countDone"), n.done],
      ["corrections", text("countCorrections"), n.corrections],
      ["onsite", text("countOnsite"), n.onsite],
      ["contracts", text("countContracts"), n.contracts],
      ["planned", text("countPlanned"), n.planned],
      ["unplanned", text("countUnplanned"), n.unplanned]
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
    entries.forEach(function (/** @type {any} */ p) {
      var li = make("li", { "data-row": String(p.row) });
      li.appendChild(make("strong", {}, core.fill(text("errorRow"), { row: p.row })));
      li.appendChild(document.createTextNode((p.name ? " " + p.name : "") + ": " + p.messages.map(function (/** @type {any} */ m) { return m[lang]; }).join(" ")));
      list.appendChild(li);
    });
    $(boxId).hidden = !entries.length;
  }

  function showDepartments(result) {
    var select = $("department");
    var keep = select.value || wantedDepartment;
    while (select.options.length > 1) select.remove(1);
    result.departments.forEach(function (/** @type {string} */ d) { select.appendChild(make("option", { value: d }, d)); });
    select.value = result.departments.indexOf(keep) >= 0 ? keep : "";
    $("department-field").hidden = !result.departments.length;
  }

  // For each contract type of the plan, the readings of the standard that its checks
  // follow (rules.json schedule.types[type].readings), each a link to the check rules page.
  /** @param {any} result */
  function showReadings(result) {
    var list = $("hb-plan-type-readings-list");
    clear(list);
    /** @type {Object<string, boolean>} */
    var used = {};
    result.carried.concat(result.events).forEach(function (/** @type {any} */ item) { used[item.input.type] = true; });
    sched.typeOrder.forEach(function (/** @type {string} */ type) {
      if (!used[type] || !Object.prototype.hasOwnProperty.call(sched.types, type)) return;
      var links = make("ul", { "class": "hb-plan-type-readings__links" });
      (sched.types[type].readings || []).forEach(function (/** @type {string} */ id) {
        if (!Object.prototype.hasOwnProperty.call(sched.readings, id)) return;
        var item = make("li");
        item.appendChild(make("a", { href: root + sched.readings[id].page }, sched.readings[id].title[lang]));
        links.appendChild(item);
      });
      if (!links.children.length) return;
      list.appendChild(make("dt", { "data-type": type }, sched.types[type].name[lang]));
      var dd = make("dd");
      dd.appendChild(links);
      list.appendChild(dd);
    });
    $("hb-plan-type-readings").hidden = !list.children.length;
  }

  function hideResult() {
    $("hb-plan-type-readings").hidden = true;
    ["hb-plan-counts", "hb-plan-problems", "hb-plan-warnings", "hb-plan-actions", "hb-plan-table-wrap", "hb-plan-progress"].forEach(function (id) { $(id).hidden = true; });
  }

  var current = null;  // the plan shown
  var running = 0;     // the plan being made; a newer one stops an older one

  function showPlan(result) {
    current = result;
    var fyText = plan.fiscalYearLabel(result.fy, lang, rules);
    var n = result.counts;
    showCounts(result);
    showList("hb-plan-problems", "hb-plan-problem-list", result.problems);
    showList("hb-plan-warnings", "hb-plan-warning-list", result.warnings);
    showReadings(result);
    // the table is filled out of sight and shown once, so the page lays it out once
    $("hb-plan-table-wrap").hidden = true;
    $("hb-plan-actions").hidden = false;
    form.setAttribute("data-state", "showing");
    showTable(result, function () {
      $("hb-plan-table-wrap").hidden = false;
      $("hb-plan-progress").hidden = true;
      $("hb-plan-status").textContent = core.fill(text("resultSummary"), { fy: fyText, planned: n.planned, count: result.events.length, unplanned: n.unplanned });
      form.setAttribute("data-state", result.problems.length ? "problems" : "ok");
    });
  }

  function progress(done, total) {
    var bar = $("hb-plan-progress");
    bar.max = Math.max(1, total);
    bar.value = done;
    bar.hidden = false;
    $("hb-plan-status").textContent = core.fill(text("resultProgress"), { done: Math.min(done, total), total: total });
  }

  function update() {
    var source = $("register").value;
    var token = ++running;
    showing += 1;
    if (!source.trim()) {
      $("hb-plan-status").textContent = text("resultEmpty");
      hideResult();
      $("department-field").hidden = true;
      form.setAttribute("data-state", "empty");
      current = null;
      return;
    }
    var department = $("department").value || wantedDepartment;
    var job = plan.startPlan(rules, source, { fy: +$("fy").value, today: today, department: department });
    form.setAttribute("data-state", "working");
    function work() {
      if (token !== running) return;
      var finished = job.step(SLICE);
      if (!finished) {
        progress(job.done(), job.total());
        window.setTimeout(work, 0);
        return;
      }
      var result = job.result();
      showDepartments(result);
      if (result.department !== $("department").value) plan.filterPlan(result, $("department").value, rules);
      wantedDepartment = "";
      showPlan(result);
    }
    work();
  }

  // ---------------------------------------------------------------- downloads, made when asked for

  /** @param {string} kind */
  function prepare(kind) {
    if (!current) return;
    var stem = text(kind === "ics" ? "icsFilename" : "csvFilename") + "-" + current.fy;
    if (kind === "ics") {
      kit.download($("hb-plan-ics"), plan.toICS(current, lang, rules), "text/calendar;charset=utf-8", stem + ".ics");
    } else {
      kit.download($("hb-plan-csv"), plan.toCSV(current, lang, rules), "text/csv;charset=utf-8", stem + ".csv");
    }
  }

  // ---------------------------------------------------------------- events

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    update();
  });
  $("fy").addEventListener("change", function () {
    writeQuery();
    update();
  });
  $("department").addEventListener("change", function () {
    writeQuery();
    if (!current) return;
    plan.filterPlan(current, $("department").value, rules);
    showPlan(current);
  });
  $("register").addEventListener("paste", function () {
    $("hb-plan-encoding").hidden = true;
    window.setTimeout(update, 0);
  });
  $("register").addEventListener("input", function () { $("hb-plan-encoding").hidden = true; });
  $("register-file").addEventListener("change", function () {
    var file = this.files && this.files[0];
    var error = $("register-file-error");
    error.textContent = "";
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var read = plan.decodeFile(new Uint8Array(/** @type {ArrayBuffer} */ (reader.result)));
      var note = $("hb-plan-encoding");
      if (read.encoding === null) {
        error.textContent = core.fill(cfg.messages.encoding[lang], { line: read.line });
        note.hidden = true;
        $("register").value = "";
        running += 1;
        showing += 1;
        current = null;
        hideResult();
        $("hb-plan-status").textContent = error.textContent;
        form.setAttribute("data-state", "unreadable");
        return;
      }
      note.textContent = core.fill(text("resultEncoding"), { encoding: read.encoding });
      note.hidden = false;
      $("register").value = read.text;
      update();
    };
    reader.onerror = function () { error.textContent = text("fileError"); };
    reader.readAsArrayBuffer(file);
  });
  $("hb-plan-ics").addEventListener("click", function () { prepare("ics"); });
  $("hb-plan-csv").addEventListener("click", function () { prepare("csv"); });

  fillYears();
  form.setAttribute("data-ready", "true");
})();
