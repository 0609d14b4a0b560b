// @ts-check
/* The language switch keeps what the reader is looking at: the query string (a tool's
 * inputs, the same parameters in both languages) and the anchor (the same ids in both).
 *
 * Classic script on every page (works from file://). The link's target page is computed
 * at build time (theme/partials/alternate.html, data-hb-lang-switch); the query and the
 * anchor are added here whenever they may have changed and just before the link is used:
 * the tools rewrite the address with history.replaceState, which fires no event.
 */
(function () {
  "use strict";

  function sync() {
    var links = document.querySelectorAll("a[data-hb-lang-switch]");
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("href", links[i].getAttribute("data-hb-lang-switch") +
        window.location.search + window.location.hash);
    }
  }

  function onLink(event) {
    var target = event.target;
    if (target && target.closest && target.closest("a[data-hb-lang-switch]")) sync();
  }

  sync();
  window.addEventListener("hashchange", sync);
  window.addEventListener("popstate", sync);
  window.addEventListener("pageshow", sync);
  // Before the link is followed, opened in a new tab, copied or shown in the status bar.
  ["pointerdown", "pointerover", "focusin", "click", "contextmenu", "keydown"].forEach(function (type) {
    document.addEventListener(type, onLink, true);
  });
})();
