// @ts-check
/* Compliance checklist pages: fill in the particulars and exclude items before printing.
 *
 * Everything stays in the page: nothing is stored (no cookies, no storage) and nothing
 * is sent (the form has no action and never submits). What is typed is copied as text
 * into print-only spans, so a long name wraps on paper instead of being cut off in a
 * box. Every visible string is already in the page, rendered from the data. The print
 * button is print.js's, as on every printed page.
 */
(function () {
  "use strict";

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
    });
    form.addEventListener("change", sync);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-hb-action]") : null;
      if (!button) return;
      if (button.getAttribute("data-hb-action") === "clear") {
        form.reset();
        sync();
        if (status) status.textContent = status.getAttribute("data-hb-cleared") || "";
      }
    });

    var hidden = form.querySelectorAll("[hidden].hb-cl-tailor");
    for (var k = 0; k < hidden.length; k++) hidden[k].hidden = false;
    form.classList.add("is-ready");
    sync();
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
