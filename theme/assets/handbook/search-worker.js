// @ts-check
/* The search worker behind Material's search box (theme/main.html names it in Material's
 * configuration). It speaks Material's worker messages: SETUP (0) with the index that
 * Material's page loaded from search/search_index.json or, from a folder, search_index.js,
 * answered by READY (1); QUERY (2) with the text of the box, answered by RESULT (3) with
 * {items: [[{location, title, text, score, terms}, ...], ...]}, one group per page.
 *
 * It runs as a real worker over http, and from a folder (file://) inside the iframe that
 * the iframe-worker shim makes, where importScripts loads asynchronously: every message
 * waits until the engine (search-engine.js, beside this file) is loaded.
 */
(function () {
  "use strict";
  /* The worker's global scope: a Worker's, or the frame's window, where the iframe-worker
     shim set importScripts (which then returns a promise). */
  /** @type {{HandbookSearch?: typeof import("./search-engine.js"),
              importScripts: (...urls: string[]) => void | Promise<unknown>}} */
  var scope = /** @type {any} */ (self);
  var script = typeof document !== "undefined" ? /** @type {HTMLScriptElement | null} */ (document.currentScript) : null;
  var here = script && script.src ? script.src : self.location.href;
  var loaded = Promise.resolve(
    scope.HandbookSearch === undefined ? scope.importScripts(new URL("search-engine.js", here).href) : undefined
  );
  /** @type {InstanceType<typeof import("./search-engine.js").Index> | null} */
  var index = null;

  /** Material's worker messages: SETUP (0) → READY (1), QUERY (2) → RESULT (3).
      @param {{type: number, data?: any}} message @returns {{type: number, data?: any} | null} */
  function handle(message) {
    switch (message && message.type) {
      case 0:
        index = new scope.HandbookSearch.Index(message.data);
        return { type: 1 };
      case 2:
        if (!index) return { type: 3, data: { items: [] } };
        return { type: 3, data: index.search(String(message.data || "")) };
      default:
        return null;
    }
  }

  var queue = loaded;
  addEventListener("message", function (ev) {
    queue = queue.then(function () {
      var answer = handle(ev.data);
      if (answer) postMessage(answer);
    });
  });
})();
