// @ts-check
/* Printed pages: the print buttons, and the date printed in the footer line.
 *
 * Classic script (works from file://; load handbook-core.js first). Every button marked
 * data-hb-action="print" prints the page. The date is today's in local time (the core's
 * `today`), written when the page loads and again just before the browser prints (its own
 * print command fires `beforeprint` too), so the footer carries the day the sheet was
 * printed. Everything else on paper is laid out by CSS alone.
 */
(function () {
  "use strict";

  /** @type {import("./handbook-core.js")} */
  var core = /** @type {any} */ (window).HandbookCore;

  function stamp() {
    var value = core.today();
    var slots = document.querySelectorAll("[data-hb-printed]");
    for (var i = 0; i < slots.length; i++) slots[i].textContent = value;
  }

  stamp();
  window.addEventListener("beforeprint", stamp);
  document.addEventListener("click", function (event) {
    var target = /** @type {Element | null} */ (event.target);
    var button = target && target.closest ? target.closest('[data-hb-action="print"]') : null;
    if (button) window.print();
  });
})();
