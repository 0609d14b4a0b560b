// @ts-check
/* On every page: when the page was opened from a search result (?h=…), load the search
 * engine (search-engine.js, beside this file) and mark the words of the search in the
 * page's content, whole words only. Pages opened otherwise load nothing more. A classic
 * script, so that it works from a folder (file://) too.
 */
(function () {
  "use strict";
  var query;
  try {
    query = new URLSearchParams(location.search).get("h");
  } catch (e) {
    return;
  }
  var content = document.querySelector("[data-md-component=content]");
  var self = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!query || !content || !self) return;
  var script = document.createElement("script");
  script.src = new URL("search-engine.js", self.src).href;
  script.onload = function () {
    /** @type {typeof import("./search-engine.js")} */
    var engine = /** @type {any} */ (window).HandbookSearch;
    engine.highlightPage(content, location.search);
  };
  document.body.appendChild(script);
})();
