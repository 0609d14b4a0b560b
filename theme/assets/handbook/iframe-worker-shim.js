// @ts-check
/* Search from a folder (file://) under the pages' Content-Security-Policy.
 *
 * Browsers refuse to start a Worker from a file: URL, so Material's search worker runs in
 * a hidden iframe instead, as the iframe-worker package does; unlike that package, no
 * inline script is written into the frame (the policy allows no inline script but the
 * page's own, by hash): the worker's globals (postMessage, importScripts) are set on the
 * frame's window from here, and its script is loaded with a <script src>, from the site.
 * Over http(s) real Workers are used and this file does nothing.
 */
/**
 * @typedef {Window & {importScripts: (...urls: string[]) => Promise<unknown>}} WorkerFrame
 *   the frame's window, with the worker's globals
 * @typedef {EventTarget & {postMessage: (data: any) => void, terminate: () => void,
 *   onmessage: ((event: MessageEvent) => void) | null,
 *   onerror: ((event: ErrorEvent) => void) | null}} FrameWorkerObject  what the page sees: a Worker's interface
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  /** @param {string | URL} url the worker's script @returns {FrameWorkerObject} */
  function FrameWorker(url) {
    var target = /** @type {FrameWorkerObject} */ (new EventTarget());
    var iframe = document.createElement("iframe");
    var self = target;
    iframe.hidden = true;
    document.body.appendChild(iframe);
    var frame = /** @type {WorkerFrame} */ (iframe.contentWindow);

    /** @param {"message" | "error"} type @param {MessageEventInit | ErrorEventInit} init */
    function emit(type, init) {
      var event = type === "message" ? new MessageEvent("message", init) : new ErrorEvent("error", init);
      target.dispatchEvent(event);
      var handler = target["on" + type];
      if (typeof handler === "function") handler.call(target, event);
    }

    // The worker's side: postMessage goes to the page, importScripts loads in order.
    frame.postMessage = function (/** @type {any} */ data) {
      var copy = structuredClone(data);
      setTimeout(function () { emit("message", { data: copy }); }, 0);
    };
    frame.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (/** @type {Promise<unknown>} */ done, /** @type {string} */ src) {
        return done.then(function () {
          return new Promise(function (resolve, reject) {
            var script = frame.document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = reject;
            frame.document.body.appendChild(script);
          });
        });
      }, Promise.resolve());
    };
    frame.addEventListener("error", function (e) {
      emit("error", { message: e.message, filename: e.filename, lineno: e.lineno, colno: e.colno, error: e.error });
    });

    var ready = new Promise(function (resolve, reject) {
      var script = frame.document.createElement("script");
      script.src = new URL(String(url), document.baseURI).href;
      script.onload = resolve;
      script.onerror = reject;
      frame.document.body.appendChild(script);
    });

    // The page's side: a Worker's interface.
    target.postMessage = function (/** @type {any} */ data) {
      var copy = structuredClone(data);
      ready.then(function () { frame.dispatchEvent(new MessageEvent("message", { data: copy })); });
    };
    target.terminate = function () { iframe.remove(); };
    self.onmessage = null;
    self.onerror = null;
    return target;
  }

  // Material's search worker looks for this name in its parent to know it runs in a frame
  // (it then finds its folder from the first <script src> of the frame: its own).
  var w = /** @type {Window & typeof globalThis & {IFrameWorker?: typeof FrameWorker}} */ (window);
  w.IFrameWorker = FrameWorker;
  w.Worker = /** @type {typeof Worker} */ (/** @type {unknown} */ (FrameWorker));
})();
