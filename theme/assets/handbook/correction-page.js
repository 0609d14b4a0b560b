// @ts-check
/* The correction step on the review page (tools/review.html): for every reviewed checklist
 * with items needing correction, the guidance notice (a model letter, printed alone on one
 * A4 page) and the corrective action plan's spreadsheet with the findings filled in; and the
 * returned plans read back, each with what is missing and its record to print.
 *
 * Classic script (works from file://), after handbook-core.js, page-kit.js, fflate.js,
 * review.js, review-page.js and correction.js. It reads the reviews through
 * window.HandbookReviewPage (reviews(), the "hb-review-change" event) and sets each one's
 * corrective action plan due date with update(key, {correctionDue}), which the register
 * values carry. Everything from a file or typed is set as text, never markup; nothing is
 * sent or stored.
 */
(function () {
  "use strict";
  /** @type {any} */
  var w = window;
  var core = w.HandbookCore;
  var kit = w.HandbookPageKit;
  var logic = w.HandbookCorrection;
  var reviewPage = w.HandbookReviewPage;
  var rules = kit.configuration();
  var lang = kit.lang();
  var C = rules.correction;
  var text = function (/** @type {string} */ name) {
    return C.text[name][lang];
  };
  var make = kit.make;
  var byId = kit.byId;
  var root = byId("hb-correction").getAttribute("data-root") || "";
  var footer = document.querySelector(".hb-print-footer");

  // ------------------------------------------------------------------ printing one part

  /** Print one notice or plan record alone: the page's own print shows only it. */
  function printAlone(/** @type {HTMLElement} */ part) {
    document.body.classList.add("hb-print-one");
    part.classList.add("is-printing");
    w.print();
  }
  w.addEventListener("afterprint", function () {
    document.body.classList.remove("hb-print-one");
    document.querySelectorAll(".is-printing").forEach(function (n) {
      n.classList.remove("is-printing");
    });
  });

  /** A labelled text input with an error line for a date. */
  function field(/** @type {string} */ id, /** @type {any} */ f, /** @type {string} */ value) {
    var wrap = make("div", { "class": "hb-field hb-cn-field" });
    wrap.appendChild(make("label", { "class": "hb-field__label", "for": id }, f.label[lang]));
    var input = /** @type {HTMLInputElement} */ (make("input", { "class": "hb-input", type: "text", id: id, autocomplete: "off" }));
    input.value = value;
    wrap.appendChild(input);
    if (f.kind === "date") {
      input.setAttribute("inputmode", "numeric");
      var error = make("span", { "class": "hb-field__error", id: id + "-error", role: "alert" });
      input.setAttribute("aria-describedby", error.id);
      wrap.appendChild(error);
    }
    return { wrap: wrap, input: input };
  }

  /** A date input read: ISO or "" (blank or unreadable, with the message set). */
  function readField(/** @type {{wrap: HTMLElement, input: HTMLInputElement}} */ fld, /** @type {any} */ f) {
    var error = fld.wrap.querySelector(".hb-field__error");
    var read = core.readDate(fld.input.value, rules);
    if (read.error) {
      if (error) error.textContent = core.fill(text("dateError"), { label: f.label[lang] });
      fld.input.setAttribute("aria-invalid", "true");
      return "";
    }
    if (error) error.textContent = "";
    fld.input.removeAttribute("aria-invalid");
    return read.value;
  }

  // ------------------------------------------------------------------ the plan's spreadsheet

  /** The plan's spreadsheet (inlined in the page) with the findings and particulars. */
  function planWorkbook(/** @type {any} */ result) {
    var island = JSON.parse(byId("hb-cp-workbook").textContent || "{}");
    var book = kit.workbook(island, w.fflate);
    var put = book.text;
    // Particulars the review knows: those filling the same register column.
    C.plan.fields.forEach(function (/** @type {any} */ f) {
      if (!f.register || !island.fields[f.id]) return;
      var from = rules.review.fields.filter(function (/** @type {any} */ x) {
        return x.register === f.register;
      })[0];
      var value = from ? String(result.particulars[from.id] || "") : "";
      if (value) put(island.fields[f.id], value, null);
    });
    logic.planLines(rules, result, lang).forEach(function (/** @type {any} */ line, /** @type {number} */ n) {
      var where = island.lines[n];
      if (!where) return;
      put(where.item, line.item, island.lockedStyle);
      put(where.finding, line.finding, island.lockedStyle);
      put(where.id, line.id, null);
    });
    return book.bytes();
  }

  // ------------------------------------------------------------------ a notice

  /** @type {Object<string, any>} */
  var panels = {};
  var list = byId("hb-correction-notice-list");
  var section = byId("hb-correction-notices");

  function panel(/** @type {any} */ entry) {
    var N = C.notice;
    var prefix = "hb-cn-" + entry.key + "-";
    var article = make("article", { "class": "hb-cn", "aria-labelledby": prefix + "heading" });
    var controls = make("div", { "class": "hb-cn-controls hb-screen-only" });
    controls.appendChild(make("h3", { id: prefix + "heading" }, text("noticeHeading") + ": " + entry.name));
    var typeWrap = make("div", { "class": "hb-field hb-cn-field" });
    typeWrap.appendChild(make("label", { "class": "hb-field__label", "for": prefix + "type" }, text("contractType")));
    var type = /** @type {HTMLSelectElement} */ (make("select", { "class": "hb-input", id: prefix + "type" }));
    C.contractTypes.forEach(function (/** @type {any} */ t) {
      type.appendChild(make("option", { value: t.id }, t.name[lang]));
    });
    typeWrap.appendChild(type);
    controls.appendChild(typeWrap);
    var fieldOf = function (/** @type {string} */ kind, /** @type {number} */ n) {
      return N.fields.filter(function (/** @type {any} */ f) {
        return f.kind === kind;
      })[n];
    };
    var dateField = fieldOf("date", 0);
    var dueField = fieldOf("date", 1);
    var senderField = fieldOf("text", 0);
    var today = core.today();
    var date = field(prefix + "date", dateField, core.formatDate(today, lang, rules));
    var sender = field(prefix + "sender", senderField, "");
    var due = field(prefix + "due", dueField, core.formatDate(logic.dueDate(rules, today), lang, rules));
    controls.appendChild(date.wrap);
    controls.appendChild(sender.wrap);
    controls.appendChild(due.wrap);
    var actions = make("p", { "class": "hb-review-actions" });
    var print = make("button", { type: "button", "class": "md-button md-button--primary" }, text("noticePrint"));
    var download = /** @type {HTMLAnchorElement} */ (make("a", { "class": "md-button", href: "#" + prefix + "heading" }, text("planDownload")));
    actions.appendChild(print);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(download);
    controls.appendChild(actions);
    article.appendChild(controls);
    var letter = make("div", { "class": "hb-cn-letter" });
    article.appendChild(letter);
    if (footer) article.appendChild(footer.cloneNode(true));

    var dueTouched = false;
    var current = entry;
    /** The letter from the controls; `push`: the due date goes to the review (after an
     * edit here, or when the notice is made), not when the review changed elsewhere. */
    function render(/** @type {boolean} */ push) {
      var noticeDate = readField(date, dateField);
      if (!dueTouched && noticeDate) due.input.value = core.formatDate(logic.dueDate(rules, noticeDate), lang, rules);
      var dueDate = readField(due, dueField);
      var n = logic.notice(rules, current.result, { contractType: type.value, date: noticeDate, due: dueDate, sender: sender.input.value, checked: current.review.date, lang: lang });
      kit.clear(letter);
      letter.appendChild(make("p", { "class": "hb-cn-model" }, n.model));
      letter.appendChild(make("p", { "class": "hb-cn-date" }, n.date));
      letter.appendChild(make("p", { "class": "hb-cn-addressee" }, n.addressee));
      letter.appendChild(make("p", { "class": "hb-cn-sender" }, n.sender));
      letter.appendChild(make("p", { "class": "hb-cn-title" }, n.title));
      letter.appendChild(make("p", { "class": "hb-cn-body" }, n.body));
      letter.appendChild(make("p", { "class": "hb-cn-heading" }, n.heading));
      var table = make("table", { "class": "hb-table hb-cn-items" });
      table.appendChild(make("caption", { "class": "hb-visually-hidden" }, n.heading));
      var head = make("tr");
      ["item", "point", "answer", "remark"].forEach(function (k) {
        head.appendChild(make("th", { scope: "col", "class": "hb-cn-c-" + k }, n.columns[k]));
      });
      var thead = make("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var body = make("tbody");
      n.rows.forEach(function (/** @type {any} */ r) {
        var tr = make("tr");
        tr.appendChild(make("th", { scope: "row", "class": "hb-cn-c-item" }, r.marker + " " + r.title));
        var point = make("td", { "class": "hb-cn-c-point" }, r.point + " ");
        if (r.source) point.appendChild(kit.citeLink(rules, r.source, lang, root));
        tr.appendChild(point);
        tr.appendChild(make("td", { "class": "hb-cn-c-answer" }, r.answer || r.finding));
        tr.appendChild(make("td", { "class": "hb-cn-c-remark" }, r.remark));
        body.appendChild(tr);
      });
      table.appendChild(body);
      letter.appendChild(table);
      letter.appendChild(make("p", { "class": "hb-cn-closing" }, n.closing));
      if (push && dueDate !== current.review.correctionDue) reviewPage.update(current.key, { correctionDue: dueDate });
    }
    var edited = function () {
      render(true);
    };
    [date.input, sender.input].forEach(function (i) {
      i.addEventListener("input", edited);
    });
    due.input.addEventListener("input", function () {
      dueTouched = true;
      render(true);
    });
    type.addEventListener("change", edited);
    print.addEventListener("click", function () {
      printAlone(article);
    });
    download.addEventListener("click", function () {
      var name = C.plan.filename.replace(/\.xlsx$/, "") + "-" + current.name.replace(/\.[^.]*$/, "") + ".xlsx";
      kit.download(download, planWorkbook(current.result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    });
    return {
      node: article,
      update: function (/** @type {any} */ e, /** @type {boolean} */ made) {
        current = e;
        render(made);
      }
    };
  }

  var syncing = false;
  function sync() {
    if (syncing) return;
    syncing = true;
    /** @type {Object<string, boolean>} */
    var keep = {};
    reviewPage.reviews().forEach(function (/** @type {any} */ r) {
      if (!logic.needsCorrection(r.result).length) return;
      keep[r.key] = true;
      var made = !panels[r.key];
      if (made) {
        panels[r.key] = panel(r);
        list.appendChild(panels[r.key].node);
      }
      panels[r.key].update(r, made);
    });
    Object.keys(panels).forEach(function (k) {
      if (!keep[k]) {
        panels[k].node.remove();
        delete panels[k];
      }
    });
    section.hidden = Object.keys(panels).length === 0;
    syncing = false;
  }
  document.addEventListener("hb-review-change", sync);
  sync();

  // ------------------------------------------------------------------ returned plans

  var planRecords = byId("hb-correction-plan-records");
  var planStatus = byId("hb-correction-plan-status");
  var planKey = 1;

  function planRecord(/** @type {string} */ name, /** @type {any} */ p) {
    var key = planKey++;
    var prefix = "hb-cpr-" + key + "-";
    var article = make("article", { "class": "hb-cpr", "aria-labelledby": prefix + "heading" });
    article.appendChild(make("h3", { id: prefix + "heading", "class": "hb-cpr__heading" }, text("planRecord") + " " + name));
    var particulars = make("table", { "class": "hb-table hb-cpr-particulars" });
    particulars.appendChild(make("caption", {}, C.plan.title[lang]));
    var pbody = make("tbody");
    C.plan.fields.forEach(function (/** @type {any} */ f) {
      var tr = make("tr");
      tr.appendChild(make("th", { scope: "row" }, f.label[lang]));
      var v = String(p.particulars[f.id] || "");
      tr.appendChild(make("td", {}, f.kind === "date" && core.validISO(v) ? core.formatDate(v, lang, rules) : v));
      pbody.appendChild(tr);
    });
    particulars.appendChild(pbody);
    article.appendChild(particulars);
    var table = make("table", { "class": "hb-table hb-cpr-lines" });
    table.appendChild(make("caption", { "class": "hb-visually-hidden" }, text("planRecord")));
    var head = make("tr");
    ["item", "finding", "measure", "person", "completion"].forEach(function (k) {
      head.appendChild(make("th", { scope: "col", "class": "hb-cpr-c-" + k }, C.plan.columns[k][lang]));
    });
    var thead = make("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = make("tbody");
    p.lines.forEach(function (/** @type {any} */ line) {
      var gaps = p.missing.filter(function (/** @type {any} */ m) {
        return m.line === line.id;
      });
      var tr = make("tr", { "class": gaps.length ? "hb-cpr-line is-missing" : "hb-cpr-line" });
      tr.appendChild(make("th", { scope: "row", "class": "hb-cpr-c-item" }, line.item || line.number));
      tr.appendChild(make("td", { "class": "hb-cpr-c-finding" }, line.finding));
      tr.appendChild(make("td", { "class": "hb-cpr-c-measure" }, line.measure));
      tr.appendChild(make("td", { "class": "hb-cpr-c-person" }, line.person));
      tr.appendChild(make("td", { "class": "hb-cpr-c-completion" }, line.completion ? core.formatDate(line.completion, lang, rules) : ""));
      body.appendChild(tr);
    });
    table.appendChild(body);
    article.appendChild(table);
    if (p.complete) {
      article.appendChild(make("p", { "class": "hb-cpr-complete" }, text("planComplete")));
    } else {
      article.appendChild(make("p", { "class": "hb-cpr-missing-heading", id: prefix + "missing" }, text("planMissing")));
      var ul = make("ul", { "class": "hb-cpr-missing", "aria-labelledby": prefix + "missing" });
      p.missing.forEach(function (/** @type {any} */ m) {
        ul.appendChild(make("li", {}, m.message[lang]));
      });
      article.appendChild(ul);
    }
    p.problems.forEach(function (/** @type {any} */ pr) {
      article.appendChild(make("p", { "class": "hb-cpr-problem" }, pr.message[lang]));
    });
    // The department's block: typed on screen, printed as text.
    var dept = make("table", { "class": "hb-table hb-cpr-dept" });
    dept.appendChild(make("caption", {}, C.plan.reviewTitle[lang]));
    var dbody = make("tbody");
    C.plan.reviewFields.forEach(function (/** @type {any} */ f) {
      var tr = make("tr");
      var th = make("th", { scope: "row" });
      th.appendChild(make("label", { "for": prefix + f.id }, f.label[lang]));
      tr.appendChild(th);
      var td = make("td");
      var input = /** @type {HTMLInputElement} */ (make("input", { "class": "hb-input hb-screen-only", type: "text", id: prefix + f.id, autocomplete: "off" }));
      var shown = make("span", { "class": "hb-print-only hb-review-print-value" });
      var error = make("span", { "class": "hb-field__error hb-screen-only", role: "alert", id: prefix + f.id + "-error" });
      input.setAttribute("aria-describedby", error.id);
      input.addEventListener("input", function () {
        if (f.kind === "date") {
          var read = core.readDate(input.value, rules);
          error.textContent = read.error ? core.fill(text("dateError"), { label: f.label[lang] }) : "";
          if (read.error) input.setAttribute("aria-invalid", "true");
          else input.removeAttribute("aria-invalid");
          shown.textContent = read.value ? core.formatDate(read.value, lang, rules) : input.value;
        } else {
          shown.textContent = input.value;
        }
      });
      td.appendChild(input);
      td.appendChild(shown);
      td.appendChild(error);
      tr.appendChild(td);
      dbody.appendChild(tr);
    });
    dept.appendChild(dbody);
    article.appendChild(dept);
    var print = make("button", { type: "button", "class": "md-button hb-screen-only" }, text("print"));
    print.appendChild(make("span", { "class": "hb-visually-hidden" }, ": " + name));
    print.addEventListener("click", function () {
      printAlone(article);
    });
    article.appendChild(print);
    if (footer) article.appendChild(footer.cloneNode(true));
    return article;
  }

  var planInput = /** @type {HTMLInputElement} */ (byId("hb-correction-plan-files"));
  planInput.addEventListener("change", function () {
    var files = Array.prototype.slice.call(planInput.files || []);
    planInput.value = "";
    Promise.all(files.map(function (/** @type {File} */ f) {
      if (f.size > rules.review.limits.maxFileBytes) return Promise.resolve(new Uint8Array(rules.review.limits.maxFileBytes + 1));
      return f.arrayBuffer().then(function (b) {
        return new Uint8Array(b);
      });
    })).then(function (contents) {
      /** @type {string[]} */
      var refused = [];
      contents.forEach(function (/** @type {Uint8Array} */ bytes, /** @type {number} */ i) {
        var p = logic.reviewPlan(rules, bytes);
        if (p.ok) planRecords.appendChild(planRecord(files[i].name, p));
        else refused.push(files[i].name + ": " + p.problems.map(function (/** @type {any} */ x) {
          return x.message[lang];
        }).join(" "));
      });
      planStatus.textContent = refused.join(" ");
    });
  });
})();
