// @ts-check
/* The review page (tools/review.html): files chosen or dropped, or a paper return entered
 * by hand, are reviewed by review.js; this script shows each one's record (particulars,
 * rows and findings, the department's block), the summary of all files with its CSV, and
 * the register values to paste.
 *
 * Classic script (works from file://), after handbook-core.js, page-kit.js, fflate.js and
 * review.js. Files are read in the page with Blob.arrayBuffer only: nothing is
 * sent or stored. Everything from a file is set as text (textContent, value), never markup.
 *
 * For a later step (guidance notice, corrective action plan) the page keeps one clean
 * object per reviewed checklist, read with window.HandbookReviewPage.reviews():
 *   [{ key, name, result /* reviewWorkbook's result *\/, review: { by, date, result, correctionDue } }]
 * and announces each change with the event "hb-review-change" on document. A later step sets
 * the due date of a corrective action plan with update(key, {correctionDue: "YYYY-MM-DD"}),
 * which the register values then carry for a result that calls for correction.
 */
(function () {
  "use strict";
  /** @type {any} */
  var w = window;
  var core = w.HandbookCore;
  var kit = w.HandbookPageKit;
  var logic = w.HandbookReview;
  var rules = kit.configuration();
  var lang = kit.lang();
  var R = rules.review;
  var text = function (/** @type {string} */ name) {
    return R.text[name][lang];
  };
  var make = kit.make;
  var byId = kit.byId;

  var resultBox = byId("hb-review-result");
  var root = resultBox.getAttribute("data-root") || "";
  var status = byId("hb-review-status");
  var problemsBox = byId("hb-review-problems");
  var problemList = byId("hb-review-problem-list");
  var recordsBox = byId("hb-review-records");
  var summaryBox = byId("hb-review-summary");
  var registerBox = byId("hb-review-register");
  var deptTemplate = /** @type {HTMLTemplateElement} */ (byId("hb-review-department"));
  var footer = document.querySelector(".hb-print-footer");

  /** @type {{key: number, name: string, result: any, review: {by: string, date: string, result: string, correctionDue: string}, node: HTMLElement}[]} */
  var reviews = [];
  /** @type {string[]} */
  var failed = [];
  var nextKey = 1;

  function findingLabel(/** @type {string} */ f) {
    return R.findings[f][lang];
  }

  function checklistOf(/** @type {string} */ id) {
    return R.checklists[id];
  }

  function resultLabel(/** @type {string} */ id) {
    var r = R.results.filter(function (/** @type {any} */ x) {
      return x.id === id;
    })[0];
    return r ? r.label[lang] : "";
  }

  /** A particular as shown: a date in the page's language, any other value as written. */
  function shownValue(/** @type {any} */ field, /** @type {string} */ value) {
    return field.kind === "date" && core.validISO(value) ? core.formatDate(value, lang, rules) : value;
  }

  // ------------------------------------------------------------------ one record

  function particularsTable(/** @type {any} */ result) {
    var table = make("table", { "class": "hb-table hb-review-particulars" });
    table.appendChild(make("caption", {}, R.checklists[result.checklist].title[lang]));
    var body = make("tbody");
    R.fields.forEach(function (/** @type {any} */ f) {
      var tr = make("tr");
      tr.appendChild(make("th", { scope: "row" }, f.label[lang]));
      tr.appendChild(make("td", {}, shownValue(f, result.particulars[f.id] || "")));
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function rowsTable(/** @type {any} */ result) {
    var checklist = checklistOf(result.checklist);
    var table = make("table", { "class": "hb-table hb-review-rows" });
    table.appendChild(make("caption", { "class": "hb-visually-hidden" }, text("recordHeading")));
    var head = make("tr");
    ["colNumber", "colItem", "colQuestion", "colAnswer", "colRemarks", "colFinding", "colSource"].forEach(function (name) {
      // On paper the item's name heads its question (a column of its own would be too narrow).
      head.appendChild(make("th", { scope: "col", "class": "hb-review-c-" + name + (name === "colItem" ? " hb-screen-only" : "") }, text(name)));
    });
    var thead = make("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = make("tbody");
    result.rows.forEach(function (/** @type {any} */ row) {
      var data = checklist.rows.filter(function (/** @type {any} */ x) {
        return x.id === row.id;
      })[0];
      var tr = make("tr", { "class": "hb-review-row hb-review-row--" + row.finding, "data-finding": row.finding });
      tr.appendChild(make("td", { "class": "hb-review-c-colNumber" }, row.marker));
      tr.appendChild(make("th", { scope: "row", "class": "hb-review-c-colItem hb-screen-only" }, data.title[lang]));
      var question = make("td", { "class": "hb-review-c-colQuestion" });
      question.appendChild(make("span", { "class": "hb-print-only hb-review-item-title" }, data.title[lang]));
      question.appendChild(document.createTextNode(data.text[lang]));
      tr.appendChild(question);
      tr.appendChild(make("td", { "class": "hb-review-c-colAnswer" }, row.answer));
      tr.appendChild(make("td", { "class": "hb-review-c-colRemarks" }, row.remark));
      var finding = make("td", { "class": "hb-review-c-colFinding" });
      finding.appendChild(make("strong", { "class": "hb-review-finding" }, findingLabel(row.finding)));
      if (row.tailored) finding.appendChild(make("span", { "class": "hb-review-tailored" }, text("tailored")));
      tr.appendChild(finding);
      var cite = make("td", { "class": "hb-review-c-colSource" });
      cite.appendChild(kit.citeLink(rules, data.source, lang, root));
      tr.appendChild(cite);
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  /** The department's block of a record, wired to the record's review choices. */
  function departmentBlock(/** @type {any} */ entry) {
    var block = /** @type {HTMLElement} */ (deptTemplate.content.cloneNode(true));
    var prefix = "hb-review-" + entry.key + "-";
    block.querySelectorAll("[data-hb-for]").forEach(function (label) {
      label.setAttribute("for", prefix + label.getAttribute("data-hb-for"));
    });
    block.querySelectorAll("[data-hb-review-field]").forEach(function (/** @type {any} */ input) {
      var name = input.getAttribute("data-hb-review-field");
      input.id = prefix + name;
      var error = block.querySelector('[data-hb-error="' + name + '"]');
      if (error) {
        error.id = prefix + name + "-error";
        input.setAttribute("aria-describedby", error.id);
      }
      var print = block.querySelector('[data-hb-print="' + name + '"]');
      if (name === "result") {
        input.value = entry.review.result;
        var proposed = block.querySelector("[data-hb-proposed]");
        if (proposed) proposed.textContent = core.fill(text("proposed"), { result: resultLabel(entry.result.result) });
      }
      var sync = function () {
        if (name === "result") {
          entry.review.result = input.value;
          if (print) print.textContent = resultLabel(input.value);
        } else if (input.getAttribute("data-hb-kind") === "date") {
          var read = core.readDate(input.value, rules);
          var label = block.querySelector('[data-hb-for="' + name + '"]') || document.querySelector('label[for="' + input.id + '"]');
          if (read.error) {
            if (error) error.textContent = core.fill(text("dateError"), { label: label ? label.textContent : "" });
            input.setAttribute("aria-invalid", "true");
            entry.review.date = "";
          } else {
            if (error) error.textContent = "";
            input.removeAttribute("aria-invalid");
            entry.review.date = read.value;
          }
          if (print) print.textContent = entry.review.date ? core.formatDate(entry.review.date, lang, rules) : input.value;
        } else {
          entry.review.by = input.value;
          if (print) print.textContent = input.value;
        }
      };
      input.addEventListener(input.tagName === "SELECT" ? "change" : "input", function () {
        sync();
        changed(false);
      });
      sync();
    });
    return block;
  }

  function recordFor(/** @type {any} */ entry) {
    var result = entry.result;
    var checklist = checklistOf(result.checklist);
    var article = make("article", { "class": "hb-review-record", "aria-labelledby": "hb-review-" + entry.key + "-heading" });
    var heading = make("h3", { id: "hb-review-" + entry.key + "-heading", "class": "hb-review-record__heading" });
    heading.appendChild(make("span", { "class": "hb-review-record__kind" }, text("recordHeading") + " " + checklist.short[lang]));
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(make("span", { "class": "hb-review-record__file" }, entry.name));
    article.appendChild(heading);
    article.appendChild(particularsTable(result));
    if (result.problems.length) {
      var list = make("ul", { "class": "hb-review-record__problems" });
      result.problems.forEach(function (/** @type {any} */ p) {
        list.appendChild(make("li", {}, p.message[lang]));
      });
      article.appendChild(list);
    }
    article.appendChild(rowsTable(result));
    article.appendChild(departmentBlock(entry));
    var remove = make("button", { type: "button", "class": "md-button hb-screen-only hb-review-remove" }, text("remove"));
    remove.appendChild(make("span", { "class": "hb-visually-hidden" }, ": " + entry.name));
    remove.addEventListener("click", function () {
      reviews = reviews.filter(function (x) {
        return x !== entry;
      });
      article.remove();
      changed(true);
      byId("hb-review-files").focus();
    });
    article.appendChild(remove);
    if (footer) article.appendChild(footer.cloneNode(true));
    return article;
  }

  // ------------------------------------------------------------------ all files

  function summaryTable() {
    var files = reviews.map(function (r) {
      return { name: r.name, result: r.result, resultId: r.review.result };
    });
    var s = logic.summary(rules, files, lang);
    var table = make("table", { "class": "hb-table hb-review-summary-table" });
    table.appendChild(make("caption", {}, text("summaryCaption")));
    var head = make("tr");
    head.appendChild(make("th", { scope: "col" }, text("colContractor")));
    s.items.forEach(function (/** @type {any} */ i) {
      var th = make("th", { scope: "col", title: i.title }, i.marker);
      th.appendChild(make("span", { "class": "hb-visually-hidden" }, " " + i.title));
      head.appendChild(th);
    });
    head.appendChild(make("th", { scope: "col" }, text("colResult")));
    var thead = make("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = make("tbody");
    s.lines.forEach(function (/** @type {any} */ line) {
      var tr = make("tr");
      var who = make("th", { scope: "row" }, line.contractor || text("unnamed"));
      who.appendChild(make("span", { "class": "hb-review-summary__file" }, line.name));
      tr.appendChild(who);
      s.items.forEach(function (/** @type {any} */ i) {
        var f = line.findings[i.item];
        tr.appendChild(make("td", { "class": f ? "hb-review-cell hb-review-cell--" + f : "hb-review-cell" }, f ? findingLabel(f) : ""));
      });
      tr.appendChild(make("td", {}, line.result));
      body.appendChild(tr);
    });
    table.appendChild(body);

    var counts = make("table", { "class": "hb-table hb-review-counts-table" });
    counts.appendChild(make("caption", {}, text("countsCaption")));
    var chead = make("tr");
    chead.appendChild(make("th", { scope: "col" }, text("colContractor")));
    s.findings.forEach(function (/** @type {string} */ f) {
      chead.appendChild(make("th", { scope: "col" }, findingLabel(f)));
    });
    var cthead = make("thead");
    cthead.appendChild(chead);
    counts.appendChild(cthead);
    var cbody = make("tbody");
    s.lines.forEach(function (/** @type {any} */ line) {
      var tr = make("tr");
      tr.appendChild(make("th", { scope: "row" }, (line.contractor || text("unnamed")) + " (" + line.name + ")"));
      s.findings.forEach(function (/** @type {string} */ f) {
        tr.appendChild(make("td", {}, String(line.counts[f])));
      });
      cbody.appendChild(tr);
    });
    counts.appendChild(cbody);

    kit.clear(byId("hb-review-summary-table"));
    byId("hb-review-summary-table").appendChild(table);
    kit.clear(byId("hb-review-counts-table"));
    byId("hb-review-counts-table").appendChild(counts);
    kit.download(byId("hb-review-csv"), logic.summaryCsv(rules, files, lang), "text/csv;charset=utf-8", text("csvFilename"));
  }

  function registerValues() {
    var list = reviews.map(function (r) {
      return logic.registerValues(rules, r.result, { reviewDate: r.review.date, resultId: r.review.result, correctionDue: r.review.correctionDue, lang: lang });
    });
    byId("hb-review-register-text").value = logic.registerTsv(list);
    kit.download(byId("hb-review-register-csv"), logic.registerCsv(list), "text/csv;charset=utf-8", text("registerFilename"));
  }

  /** After any change: the summary, register values, status; `full` also the problems. */
  function changed(/** @type {boolean} */ full) {
    summaryBox.hidden = reviews.length === 0;
    registerBox.hidden = reviews.length === 0;
    if (reviews.length) {
      summaryTable();
      registerValues();
    }
    if (full) {
      status.textContent = reviews.length || failed.length
        ? core.fill(text("statusDone"), { count: reviews.length, failed: failed.length })
        : text("statusEmpty");
      problemsBox.hidden = failed.length === 0;
    }
    document.dispatchEvent(new CustomEvent("hb-review-change"));
  }

  /** @param {string} name @param {any} result @param {Node} [into] */
  function add(name, result, into) {
    var entry = { key: nextKey++, name: name, result: result, review: { by: "", date: "", result: result.result, correctionDue: "" }, node: /** @type {any} */ (null) };
    reviews.push(entry);
    entry.node = recordFor(entry);
    (into || recordsBox).appendChild(entry.node);
  }

  function refuse(/** @type {string} */ name, /** @type {any} */ result) {
    var messages = result.problems.map(function (/** @type {any} */ p) {
      return p.message[lang];
    }).join(" ");
    failed.push(name);
    problemList.appendChild(make("li", {}, core.fill(text("fileProblem"), { file: name, message: messages })));
  }

  /** Read the files (all at once), then review each; each file's failure stays its own,
   * and the records are put into the page together. */
  function readFiles(/** @type {FileList | File[]} */ list) {
    var files = Array.prototype.slice.call(list);
    if (!files.length) return;
    status.textContent = text("statusReading");
    var tooLarge = new Uint8Array(0);
    var reads = files.map(function (/** @type {File} */ file) {
      // A file over the limit is refused from its size alone, never read.
      if (file.size > R.limits.maxFileBytes) return Promise.resolve(null);
      return file.arrayBuffer().then(function (buffer) {
        return new Uint8Array(buffer);
      }, function () {
        return tooLarge;
      });
    });
    Promise.all(reads).then(function (contents) {
      var fragment = document.createDocumentFragment();
      contents.forEach(function (/** @type {Uint8Array | null} */ bytes, /** @type {number} */ i) {
        var name = files[i].name;
        if (bytes === tooLarge) {
          refuse(name, { problems: [{ message: R.messages.damaged }] });
          return;
        }
        var result = bytes
          ? logic.reviewWorkbook(rules, bytes)
          : { ok: false, problems: [{ code: "too_large", message: core.fillBoth(R.messages.too_large, { max: Math.round(R.limits.maxFileBytes / 1048576) }) }] };
        if (result.ok) add(name, result, fragment);
        else refuse(name, result);
      });
      recordsBox.appendChild(fragment);
      changed(true);
    });
  }

  // ------------------------------------------------------------------ the controls

  var input = byId("hb-review-files");
  input.addEventListener("change", function () {
    readFiles(input.files || []);
    input.value = "";
  });
  var drop = byId("hb-review-drop");
  drop.addEventListener("dragover", function (/** @type {DragEvent} */ event) {
    event.preventDefault();
    drop.classList.add("is-over");
  });
  drop.addEventListener("dragleave", function () {
    drop.classList.remove("is-over");
  });
  drop.addEventListener("drop", function (/** @type {DragEvent} */ event) {
    event.preventDefault();
    drop.classList.remove("is-over");
    if (event.dataTransfer) readFiles(event.dataTransfer.files);
  });
  byId("hb-review-form").addEventListener("submit", function (/** @type {Event} */ event) {
    event.preventDefault();
  });

  // A paper return, entered by hand.
  var manual = byId("hb-review-manual");
  var which = byId("hb-manual-checklist");
  var showRows = function () {
    manual.querySelectorAll("[data-hb-manual-rows]").forEach(function (/** @type {HTMLElement} */ t) {
      t.hidden = t.getAttribute("data-hb-manual-rows") !== which.value;
    });
  };
  which.addEventListener("change", showRows);
  showRows();
  manual.addEventListener("submit", function (/** @type {Event} */ event) {
    event.preventDefault();
    /** @type {Object<string, string>} */
    var particulars = {};
    var bad = null;
    manual.querySelectorAll("[data-hb-field]").forEach(function (/** @type {any} */ field) {
      var id = field.getAttribute("data-hb-field");
      var value = field.value;
      if (field.getAttribute("data-hb-kind") === "date") {
        var read = core.readDate(value, rules);
        var error = byId(field.id + "-error");
        var label = document.querySelector('label[for="' + field.id + '"]');
        if (read.error) {
          error.textContent = core.fill(text("dateError"), { label: label ? label.textContent : "" });
          field.setAttribute("aria-invalid", "true");
          bad = bad || field;
        } else {
          error.textContent = "";
          field.removeAttribute("aria-invalid");
          value = read.value;
        }
      }
      particulars[id] = value;
    });
    if (bad) {
      /** @type {any} */ (bad).focus();
      return;
    }
    var table = manual.querySelector('[data-hb-manual-rows="' + which.value + '"]');
    /** @type {Object<string, string>} */
    var answers = {};
    /** @type {Object<string, string>} */
    var remarks = {};
    table.querySelectorAll("[data-hb-row]").forEach(function (/** @type {any} */ s) {
      answers[s.getAttribute("data-hb-row")] = s.value;
    });
    table.querySelectorAll("[data-hb-remark]").forEach(function (/** @type {any} */ s) {
      remarks[s.getAttribute("data-hb-remark")] = s.value;
    });
    var result = logic.reviewEntries(rules, { checklist: which.value, lang: lang, particulars: particulars, answers: answers, remarks: remarks });
    add(core.fill(text("manualName"), { checklist: checklistOf(which.value).short[lang] }), result);
    changed(true);
  });

  // The register values: copied with the platform's clipboard where it may, else selected.
  byId("hb-review-register-copy").addEventListener("click", function () {
    var area = byId("hb-review-register-text");
    var done = function () {
      byId("hb-review-register-status").textContent = text("copied");
    };
    area.focus();
    area.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, function () {
        if (document.execCommand("copy")) done();
      });
    } else if (document.execCommand("copy")) {
      done();
    }
  });

  resultBox.classList.add("is-ready");
  var updating = false;  // a redraw after update() is due
  w.HandbookReviewPage = {
    /** One clean object per reviewed checklist (see the header). */
    reviews: function () {
      return reviews.map(function (r) {
        return { key: r.key, name: r.name, result: r.result, review: { by: r.review.by, date: r.review.date, result: r.review.result, correctionDue: r.review.correctionDue } };
      });
    },
    /** Set the due date of the corrective action plan of one reviewed checklist. The
        summary and register values follow once for all the updates of one task (a hundred
        returned files each given a due date redraw them once, not a hundred times). */
    update: function (/** @type {number} */ key, /** @type {{correctionDue?: string}} */ values) {
      reviews.forEach(function (r) {
        if (r.key === key && values && typeof values.correctionDue === "string") r.review.correctionDue = core.validISO(values.correctionDue) || "";
      });
      if (updating) return;
      updating = true;
      Promise.resolve().then(function () {
        updating = false;
        changed(false);
      });
    }
  };
})();
