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
  var SLICE = 5000;
  var ROWS_PER_SLICE = 3000;
  // A month of many checks is shown in tables of this many rows: the browser lays out a
  // table whole, so each table coming into view is quick to lay out.
  var ROWS_PER_TABLE = 100;
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

  // One table a month (and one for the corrections carried over), a long month's rows in
  // tables of ROWS_PER_TABLE, each in a block that the browser styles and lays out only
  // when it comes near the screen (plan.css): a plan of thousands of checks is shown at
  // once, and a table coming into view is laid out by itself. Every table has the caption
  // (its month) and the column headers, copied from the page's own table.
  var STATE_MARK = { overdue: "!", dueSoon: "\u25B2", later: "\u25CB", done: "\u2713", open: "!" };
  var tables = $("hb-plan-table");
  var prototype = tables.querySelector("table");
  tables.removeChild(prototype);
  var headers = Array.prototype.map.call(prototype.tHead.rows[0].cells, function (/** @type {HTMLElement} */ th) {
    return (th.textContent || "").trim();
  });
  var COLUMNS = headers.length;

  /** A cell that names its column (the phone layout shows the name beside the value). */
  function cell(col, className, content) {
    return make("td", { "class": className, "data-label": headers[col] }, content);
  }

  // Most cells of a row depend on a few values only (the date, the type, what to do, the
  // checklist, …): each is made once and copied, which is much quicker than making it again.
  /** @type {Object<string, HTMLElement>} */
  var prepared = Object.create(null);
  /** @param {string} key @param {function(): HTMLElement} build @returns {Node} */
  function copy(key, build) {
    var made = prepared[key];
    if (!made) made = prepared[key] = build();
    return made.cloneNode(true);
  }

  /** The contract type, and the version of the rules applied to the contract (when the
   * standard has been amended). @param {any} item @returns {Node} */
  function typeCell(item) {
    var version = item.version ? w.HandbookSchedule.versionText(item.version, lang, rules) : "";
    var revision = version ? item.version.revision : "";
    return copy("type\u0000" + item.input.type + "\u0000" + revision + "\u0000" + version, function () {
      var td = cell(3, "hb-plan-type", sched.types[item.input.type].name[lang]);
      if (version) {
        td.appendChild(make("br"));
        td.appendChild(make("small", { "class": "hb-plan-version", "data-revision": revision }, version));
      }
      return td;
    });
  }

  /** The cells every table of events shows (page kit), with their column names. */
  /** @param {any} ev */
  function eventCells(ev) {
    var cells = kit.eventCells(ev, { rules: rules, lang: lang, root: root });
    cells.date.setAttribute("data-label", headers[1]);
    cells.date.appendChild(make("span", { "class": "hb-event__iso" }, ev.date));
    cells.checklist.setAttribute("data-label", headers[6]);
    cells.source.setAttribute("data-label", headers[7]);
    return cells;
  }

  /** @param {any} item @param {any} register @returns {HTMLElement} */
  function eventRow(item, register) {
    var ev = item.event;
    var c = item.contract;
    var cells = null;
    var cellsOf = function () { return cells || (cells = eventCells(ev)); };
    var tr = make("tr", {
      "class": "hb-plan-row hb-plan-row--" + item.state, "data-state": item.state, "data-row": String(item.row), "data-kind": item.kind
    });
    var stateText = plan.stateText(item, lang, rules);
    tr.appendChild(copy("state\u0000" + item.state + "\u0000" + stateText, function () {
      var state = cell(0, "hb-plan-state");
      state.appendChild(make("span", { "class": "hb-plan-state__mark", "aria-hidden": "true" }, STATE_MARK[item.state]));
      state.appendChild(document.createTextNode(" " + stateText));
      return state;
    }));
    tr.appendChild(copy("date\u0000" + ev.date + "\u0000" + (ev.phase === "before_contract"), function () { return cellsOf().date; }));
    var contract = cell(2, "hb-plan-contract");
    contract.appendChild(make("span", { "class": "hb-plan-contract__name" }, item.name || core.fill(text("errorRow"), { row: item.row })));
    var extra = function (/** @type {string} */ label, /** @type {string} */ value) {
      if (!value) return;
      var line = copy("extra\u0000" + label, function () {
        var made = make("span", { "class": "hb-plan-extra" });
        made.appendChild(make("span", { "class": "hb-plan-extra__label" }, label));
        return made;
      });
      line.appendChild(document.createTextNode(": " + value));
      contract.appendChild(line);
    };
    extra(cfg.columns.department[lang], c.cells.department);
    extra(cfg.columns.contractor[lang], c.cells.contractor);
    register.extras.forEach(function (/** @type {any} */ x, /** @type {number} */ i) { extra(x.label, c.extras[i]); });
    tr.appendChild(contract);
    tr.appendChild(typeCell(item));
    tr.appendChild(copy("label\u0000" + ev.label[lang], function () { return cell(4, "hb-event__label", ev.label[lang]); }));
    var method = ev.method ? sched.methods[ev.method].name[lang] : "";
    tr.appendChild(copy("method\u0000" + method, function () { return cell(5, "hb-plan-method", method); }));
    tr.appendChild(copy("checklist\u0000" + ev.checklist, function () { return cellsOf().checklist; }));
    tr.appendChild(copy("source\u0000" + ev.source, function () { return cellsOf().source; }));
    var doneOn = item.state === "done" && item.doneOn ? core.formatDate(item.doneOn, lang, rules) : "";
    tr.appendChild(copy("doneOn\u0000" + doneOn, function () { return cell(8, "hb-plan-paper", doneOn); }));
    tr.appendChild(copy("checkedBy", function () { return cell(9, "hb-plan-paper", ""); }));
    return tr;
  }

  /** A table of the plan in its block: the page's caption (the month) and column headers.
   * `rows`: how many rows it will hold (the block is about that high until laid out). */
  function tableBlock(key, title, rows, className) {
    var block = make("div", { "class": "hb-plan-block" + className, "data-month": key });
    block.style.setProperty("--hb-plan-rows", String(rows));
    var monthTable = /** @type {HTMLTableElement} */ (prototype.cloneNode(true));
    monthTable.caption.textContent = title;
    block.appendChild(monthTable);
    return block;
  }

  /** A month (or the corrections carried over): its first table, its rows headed by the
   * month; a month of more than ROWS_PER_TABLE checks goes on in further tables (fill). */
  function group(key, title, items, className) {
    // a short month is kept on one page when printed; an empty one is not printed
    var size = items.length ? (items.length <= SHORT_MONTH ? " hb-plan-month--short" : "") : " hb-plan-month--empty";
    var block = tableBlock(key, title, Math.min(items.length, ROWS_PER_TABLE) + 1, size);
    var body = make("tbody", { "class": className + size, "data-month": key });
    var head = make("tr", { "class": "hb-plan-month__head" });
    head.appendChild(make("th", { scope: "rowgroup", colspan: String(COLUMNS) }, title));
    body.appendChild(head);
    if (!items.length) {
      var none = make("tr", { "class": "hb-plan-month__none" });
      none.appendChild(make("td", { colspan: String(COLUMNS) }, text("monthEmpty")));
      body.appendChild(none);
    }
    block.firstChild.appendChild(body);
    return { key: key, title: title, items: items, blocks: [block], body: body };
  }

  /** The next table of a long month, its column headers for screen readers only. */
  function moreOf(g, from) {
    var block = tableBlock(g.key, g.title, Math.min(g.items.length - from, ROWS_PER_TABLE), " hb-plan-block--more");
    /** @type {HTMLTableElement} */ (block.firstChild).tHead.classList.add("hb-visually-hidden");
    g.body = make("tbody", { "class": "hb-plan-month__more", "data-month": g.key });
    block.firstChild.appendChild(g.body);
    g.blocks.push(block);
  }

  var showing = 0;  // the tables being filled; newer ones stop older ones

  /** The tables, a slice of rows at a time; `done` when every row is in. */
  function showTable(result, done) {
    var token = ++showing;
    // filled out of the document, then put in at once
    clear(tables);
    $("hb-plan-caption").textContent = core.fill(text("tableCaption"), { fy: plan.fiscalYearLabel(result.fy, lang, rules) });
    var groups = [];
    if (result.carried.length) groups.push(group("carried", text("carriedOver"), result.carried, "hb-plan-month hb-plan-carried"));
    result.months.forEach(function (/** @type {any} */ month) {
      groups.push(group(month.key, plan.monthLabel(month.year, month.month, lang, rules), month.events, "hb-plan-month"));
    });
    var gi = 0;
    var ii = 0;
    function fill() {
      if (token !== showing) return;
      var budget = ROWS_PER_SLICE;
      while (gi < groups.length && budget > 0) {
        var g = groups[gi];
        for (; ii < g.items.length && budget > 0; ii++, budget--) {
          if (ii && ii % ROWS_PER_TABLE === 0) moreOf(g, ii);
          g.body.appendChild(eventRow(g.items[ii], result.register));
        }
        if (ii >= g.items.length) { gi += 1; ii = 0; }
      }
      if (gi < groups.length) {
        window.setTimeout(fill, 0);
        return;
      }
      var blocks = document.createDocumentFragment();
      groups.forEach(function (g) { g.blocks.forEach(function (b) { blocks.appendChild(b); }); });
      tables.appendChild(blocks);
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
    var summary = core.fill(text("resultSummary"), { fy: fyText, planned: n.planned, count: result.events.length, unplanned: n.unplanned });
    if (!result.rows.some(function (/** @type {any} */ row) { return row.planned; })) {
      // no contract planned (the register refused whole, or not one row that could be
      // planned): the problems say why; no month that would read "no checks", nothing to
      // download
      clear(tables);
      $("hb-plan-actions").hidden = true;
      $("hb-plan-progress").hidden = true;
      $("hb-plan-status").textContent = summary;
      form.setAttribute("data-state", "problems");
      return;
    }
    $("hb-plan-actions").hidden = false;
    form.setAttribute("data-state", "showing");
    showTable(result, function () {
      $("hb-plan-table-wrap").hidden = false;
      $("hb-plan-progress").hidden = true;
      $("hb-plan-status").textContent = summary;
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
