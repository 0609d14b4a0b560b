/* Printed tool pages: the print button, and the date printed in the footer line.
 *
 * Classic script (works from file://). The date is written when the page loads and again
 * just before the browser prints (its own print command fires `beforeprint` too), so the
 * footer carries the day the sheet was printed. Everything else on paper is laid out by
 * CSS alone.
 */
(function () {
  "use strict";

  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate());
  }

  function stamp() {
    var value = today();
    var slots = document.querySelectorAll("[data-hb-printed]");
    for (var i = 0; i < slots.length; i++) slots[i].textContent = value;
  }

  stamp();
  window.addEventListener("beforeprint", stamp);
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('[data-hb-action="print"]') : null;
    if (button) window.print();
  });
})();
