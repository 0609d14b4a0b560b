// @ts-check
/* Which version of the standard is in force: decided in the page, on the day it is read.
 *
 * A classic script (works from file://; load handbook-core.js and page-kit.js first). The
 * build marks what depends on the day with data-hb-from="YYYY-MM-DD" (shown from that day)
 * and data-hb-until="YYYY-MM-DD" (shown before that day), and sets `hidden` as on the day
 * of the build, so that a page without scripts still says something true on that day. This
 * script shows or hides each marked element for today (the local calendar date, the core's
 * `today`), or for the day in the address (?today=YYYY-MM-DD, as the plan reads it), and
 * writes that day to <html data-hb-today>, where the tools read it too.
 *
 *   HandbookInForce.day() -> "YYYY-MM-DD"   the day the page is read as
 *   HandbookInForce.shownOn(from, until, day) -> boolean
 */
(function () {
  "use strict";

  var w = /** @type {any} */ (window);
  /** @type {import("./handbook-core.js")} */
  var core = w.HandbookCore;
  /** @type {import("./page-kit.js")} */
  var kit = w.HandbookPageKit;

  /** @returns {string} */
  function day() {
    return core.validISO(kit.query().get("today") || "") || core.today();
  }

  /** @param {string} from @param {string} until @param {string} on @returns {boolean} */
  function shownOn(from, until, on) {
    return (!from || from <= on) && (!until || on < until);
  }

  var today = day();
  document.documentElement.setAttribute("data-hb-today", today);
  var marked = document.querySelectorAll("[data-hb-from], [data-hb-until]");
  for (var i = 0; i < marked.length; i++) {
    var node = /** @type {HTMLElement} */ (marked[i]);
    node.hidden = !shownOn(node.getAttribute("data-hb-from") || "", node.getAttribute("data-hb-until") || "", today);
  }

  w.HandbookInForce = Object.freeze({ day: day, shownOn: shownOn });
})();
