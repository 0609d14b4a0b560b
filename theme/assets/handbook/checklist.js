// @ts-check
/* Compliance checklist pages: fill in the particulars and exclude items before printing.
 *
 * Everything stays in the page: nothing is stored (no cookies, no storage) and nothing
 * is sent (the form has no action and never submits). What is typed is copied as text
 * into print-only spans, so a long name wraps on paper instead of being cut off in a
 * box. Every visible string is already in the page, rendered from the data. The print
 * button is print.js's, as on every printed page.
 *
 * The link keeps the page's state (stateToQuery / stateFromQuery below): every field
 * filled in, by its id (?<field id>=…), the items excluded (?exclude=<row id>,…) and
 * the way they are shown (?mode=omit), so a reload or a shared link opens the same form.
 * Values from the link are set with .value and .checked only, never as markup.
 */
(function () {
  "use strict";

  var w = /** @type {any} */ (typeof window !== "undefined" ? window : {});
  /** @type {import("./page-kit.js") | undefined} */
  var kit = w.HandbookPageKit;

  // ---------------------------------------------------------------- the link's state

  /** The form's state as a query: filled fields by id, excluded rows, the mode.
   * @param {HTMLFormElement} form @returns {URLSearchParams} */
  function stateToQuery(form) {
    var params = new URLSearchParams();
    var fields = form.querySelectorAll("input.hb-cl-input[id]");
    for (var i = 0; i < fields.length; i++) {
      var field = /** @type {HTMLInputElement} */ (fields[i]);
      if (field.value.trim() !== "") params.set(field.id, field.value);
    }
    var excluded = [];
    var boxes = form.querySelectorAll("[data-hb-exclude]");
    for (var j = 0; j < boxes.length; j++) {
      var box = /** @type {HTMLInputElement} */ (boxes[j]);
      if (box.checked) excluded.push(box.getAttribute("data-hb-exclude"));
    }
    if (excluded.length) params.set("exclude", excluded.join(","));
    var omit = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="hb-cl-mode"][value="omit"]'));
    if (omit && omit.checked) params.set("mode", "omit");
    return params;
  }

  /** Fill the form from a query made by stateToQuery; names it does not know are ignored.
   * @param {HTMLFormElement} form @param {URLSearchParams} params */
  function stateFromQuery(form, params) {
    var fields = form.querySelectorAll("input.hb-cl-input[id]");
    for (var i = 0; i < fields.length; i++) {
      var field = /** @type {HTMLInputElement} */ (fields[i]);
      var value = params.get(field.id);
      if (value !== null) field.value = value.slice(0, 1000);
    }
    var wanted = (params.get("exclude") || "").split(",");
    var boxes = form.querySelectorAll("[data-hb-exclude]");
    for (var j = 0; j < boxes.length; j++) {
      var box = /** @type {HTMLInputElement} */ (boxes[j]);
      box.checked = wanted.indexOf(box.getAttribute("data-hb-exclude") || "") >= 0;
    }
    var mode = params.get("mode") === "omit" ? "omit" : "mark";
    var radio = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="hb-cl-mode"][value="' + mode + '"]'));
    if (radio) radio.checked = true;
  }

  /** @param {HTMLFormElement} form */
  function saveState(form) {
    if (kit) kit.replaceQuery(stateToQuery(form));
  }

  // ---------------------------------------------------------------- the form

  /** @param {any} form */
  function init(form) {
    var status = form.querySelector("[data-hb-status]");
    var count = form.querySelector("[data-hb-excluded-count]");

    function sync() {
      var mirrors = form.querySelectorAll("[data-hb-mirror]");
      for (var i = 0; i < mirrors.length; i++) {
        var target = document.getElementById(mirrors[i].getAttribute("data-hb-mirror"));
        if (target) target.textContent = mirrors[i].value;
      }
      var boxes = form.querySelectorAll("[data-hb-exclude]");
      var excluded = 0;
      for (var j = 0; j < boxes.length; j++) {
        var row = document.getElementById(boxes[j].getAttribute("data-hb-exclude"));
        if (!row) continue;
        row.classList.toggle("is-excluded", boxes[j].checked);
        if (boxes[j].checked) excluded++;
      }
      if (count) count.textContent = String(excluded);
      var omit = form.querySelector('input[name="hb-cl-mode"][value="omit"]');
      form.classList.toggle("hb-cl--omit", Boolean(omit && omit.checked));
    }

    form.addEventListener("input", function () {
      if (status) status.textContent = "";
      sync();
      saveState(form);
    });
    form.addEventListener("change", function () {
      sync();
      saveState(form);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-hb-action]") : null;
      if (!button) return;
      var action = button.getAttribute("data-hb-action");
      if (action === "download") {
        downloadTailored(form);
      } else if (action === "clear") {
        form.reset();
        sync();
        saveState(form);
        if (status) status.textContent = status.getAttribute("data-hb-cleared") || "";
      }
    });

    var hidden = form.querySelectorAll("[hidden].hb-cl-tailor");
    for (var k = 0; k < hidden.length; k++) hidden[k].hidden = false;
    if (kit) stateFromQuery(form, kit.query());
    var tailored = form.querySelector(".hb-cl-tailored");
    if (tailored && tailoredReady()) tailored.hidden = false;
    form.classList.add("is-ready");
    sync();
  }

  /* The tailored download, apart from the printing above: the page's own spreadsheet
   * (inlined as #hb-cl-workbook, so that it works from file:// too) with the particulars
   * typed here and each excluded item's answer cell marked and locked, rebuilt in the page
   * with fflate. Nothing is sent. */
  /** @type {any} */
  var w = window;

  function tailoredReady() {
    return Boolean(document.getElementById("hb-cl-workbook") && w.fflate && w.HandbookCore && w.DOMParser);
  }

  /** The date typed in the era fields of particular `id`, as YYYY-MM-DD; "" when blank,
   * null when it cannot be read. */
  function typedDate(id, calendar) {
    var parts = ["year", "month", "day"].map(function (p) {
      var input = /** @type {HTMLInputElement | null} */ (document.getElementById(id + "-" + p));
      return input ? input.value.trim() : "";
    });
    if (!parts.join("")) return "";
    var eraNode = document.getElementById(id + "-year");
    var shown = eraNode && eraNode.parentNode.querySelector(".hb-cl-date__era");
    var eraLabel = shown ? shown.textContent.trim() : "";
    var era = calendar.eras.filter(function (e) {
      return e.name.ja === eraLabel || e.name.en === eraLabel;
    })[0];
    if (!era) return null;
    var u = calendar.units;
    var read = w.HandbookCore.readDate(era.name.ja + parts[0] + u.year + parts[1] + u.month + parts[2] + u.day, { calendar: calendar });
    return read.error ? null : read.value;
  }

  /** The page's spreadsheet with what was entered here. */
  function tailoredWorkbook(form, island) {
    var book = kit.workbook(island, w.fflate);
    var dateError = false;
    Object.keys(island.ids).forEach(function (id) {
      var where = island.ids[id];
      var box = form.querySelector('[data-hb-exclude="' + id + '"]');
      var input = /** @type {HTMLInputElement | null} */ (document.getElementById(id));
      if (box) {
        if (box.checked) book.text(where.answer, island.excluded, island.lockedStyle);
      } else if (input && input.tagName === "INPUT") {
        if (input.value) book.text(where.value, input.value);
      } else if (document.getElementById(id + "-year")) {
        var iso = typedDate(id, island.calendar);
        if (iso === null) {
          dateError = true;
        } else if (iso) {
          var d = iso.split("-").map(Number);
          book.number(where.value, w.HandbookCore.dayNumber(d[0], d[1], d[2]) + island.excelEpoch);
        }
      }
    });
    return { bytes: book.bytes(), dateError: dateError };
  }

  function downloadTailored(form) {
    var island = JSON.parse(document.getElementById("hb-cl-workbook").textContent);
    var made = tailoredWorkbook(form, island);
    var status = form.querySelector("[data-hb-download-status]");
    if (status) status.textContent = made.dateError ? status.getAttribute("data-hb-date-error") : "";
    var url = URL.createObjectURL(new Blob([made.bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = island.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }

  function start() {
    if (typeof document === "undefined") return; // loaded by Node's require() in tests
    var forms = document.querySelectorAll("form.hb-checklist");
    for (var i = 0; i < forms.length; i++) init(forms[i]);
  }

  if (typeof document !== "undefined" && document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
