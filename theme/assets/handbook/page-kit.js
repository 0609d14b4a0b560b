// @ts-check
/* The page kit: what every tool page's script does with the page, written once.
 *
 * A classic script (works from file://; sets window.HandbookPageKit; load
 * handbook-core.js first). Under Node's require() it loads too (for tests and type
 * checks); its functions touch the document only when called. Whatever arrives from the
 * URL or a form is only ever set with textContent, value or setAttribute, never as markup.
 *
 * The page's data (the JSON island #handbook-rules, the part of rules.json the page needs),
 * read once, like Material's configuration() and translation():
 *   configuration() -> the island's object (null when the page has none)
 *   lang() -> "ja" | "en"           the page's language (<html lang>)
 *   translation(section, name) -> the text `rules[section].text[name]` in the page's language
 *
 * DOM:
 *   byId(id) -> Element | null
 *   make(tag, attrs?, content?) -> HTMLElement   attributes set with setAttribute, content as text
 *   svg(tag, attrs?, content?) -> SVGElement
 *   clear(node)                     remove every child
 *   citeLink(rules, source, lang, root) -> <a class="hb-cite"> to the cited record, or <span>
 *   eventCells(ev, {rules, lang, root}) -> {date, iso, checklist, source}: the table cells
 *       an event of computeSchedule has in both the calculator's and the plan's tables
 *       (date as <time> with the era date, the ISO date, the checklist's link, the citation)
 *
 * URL and files:
 *   query() -> URLSearchParams of the page's address
 *   replaceQuery(params)            put a query in the address bar (kept out of history);
 *                                   a browser refusing it for file:// changes nothing else
 *   download(link, content, type, filename)  point a link at a Blob of `content` (the
 *                                   previous Blob of that link is released)
 *   workbook(island, fflate) -> {text(ref, value, style?), number(ref, n), bytes()}
 *                                   a spreadsheet inlined in the page (base64 `xlsx`, the
 *                                   path of its `sheet` in the zip): cells written as inline
 *                                   text (a value, never a formula) or as a number, then
 *                                   zipped again with fflate
 */
(function (root, factory) {
  "use strict";
  var core = root && /** @type {any} */ (root).HandbookCore;
  if (!core && typeof require === "function") core = require("./handbook-core.js");
  var api = factory(core);
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (root && typeof root === "object") {
    /** @type {any} */ (root).HandbookPageKit = api;
  }
})(typeof self !== "undefined" ? self : typeof module === "object" && module && module.exports ? null : this, function (/** @type {import("./handbook-core.js")} */ core) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var has = function (/** @type {any} */ obj, /** @type {string} */ key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  };

  // ---------------------------------------------------------------- the page's data

  /** @type {any} */
  var island;
  var read = false;

  /** The page's JSON island (#handbook-rules), parsed once; null when the page has none.
   * @returns {any} */
  function configuration() {
    if (!read) {
      var node = document.getElementById("handbook-rules");
      island = node ? JSON.parse(node.textContent || "null") : null;
      read = true;
    }
    return island;
  }

  /** The page's language. @returns {"ja" | "en"} */
  function lang() {
    return (document.documentElement.getAttribute("lang") || "ja").slice(0, 2) === "en" ? "en" : "ja";
  }

  /** A text of the island, `rules[section].text[name]`, in the page's language.
   * @param {string} section @param {string} name @returns {string} */
  function translation(section, name) {
    var rules = configuration();
    return rules[section].text[name][lang()];
  }

  // ---------------------------------------------------------------- DOM

  /** @param {string} id @returns {any} */
  function byId(id) {
    return document.getElementById(id);
  }

  /**
   * @param {string} tag @param {Object<string, unknown>} [attrs] @param {unknown} [content]
   * @returns {HTMLElement}
   */
  function make(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(/** @type {any} */ (attrs)[k])); });
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  /**
   * @param {string} tag @param {Object<string, unknown>} [attrs] @param {unknown} [content]
   * @returns {SVGElement}
   */
  function svg(tag, attrs, content) {
    var node = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(/** @type {any} */ (attrs)[k])); });
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  /** @param {Node} node */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /**
   * A link to the record of the standard an event or rule cites, labelled as the handbook
   * cites it; a plain <span> where the record has no page.
   * @param {Rules} rules @param {string} source @param {"ja" | "en"} language @param {string} root
   * @returns {HTMLElement}
   */
  function citeLink(rules, source, language, root) {
    var loc = has(rules.locations, source) ? rules.locations[source] : null;
    var label = has(rules.citations, source) ? rules.citations[source][language] : source;
    if (!loc) return make("span", {}, label);
    return make("a", { href: root + loc.page + "#" + loc.anchor, "class": "hb-cite" }, label);
  }

  /**
   * The cells every table of events shows: the date (era date, and "by" for a check before
   * the contract), the ISO date, the checklist's link, the citation's link.
   * @param {any} ev an event of computeSchedule
   * @param {{rules: any, lang: "ja" | "en", root: string}} ctx
   * @returns {{date: HTMLElement, iso: HTMLElement, checklist: HTMLElement, source: HTMLElement}}
   */
  function eventCells(ev, ctx) {
    var rules = ctx.rules;
    var sched = rules.schedule;
    var date = make("td", { "class": "hb-event__date" });
    date.appendChild(make("time", { datetime: ev.date }, core.formatDate(ev.date, ctx.lang, rules)));
    if (ev.phase === "before_contract") date.appendChild(make("span", { "class": "hb-event__by" }, sched.text.byDate[ctx.lang]));
    var checklist = make("td", { "class": "hb-event__checklist" });
    if (has(sched.checklists, ev.checklist)) {
      var cl = sched.checklists[ev.checklist];
      checklist.appendChild(make("a", { href: ctx.root + cl.page }, cl.name[ctx.lang]));
    }
    var source = make("td", { "class": "hb-event__source" });
    source.appendChild(citeLink(rules, ev.source, ctx.lang, ctx.root));
    return { date: date, iso: make("td", { "class": "hb-event__iso" }, ev.date), checklist: checklist, source: source };
  }

  // ---------------------------------------------------------------- URL and files

  /** @returns {URLSearchParams} */
  function query() {
    return new URLSearchParams(window.location.search);
  }

  /**
   * Show `params` as the page's query (an empty one leaves no "?"), keeping the state and
   * the fragment, without a new history entry.
   * @param {URLSearchParams} params
   */
  function replaceQuery(params) {
    var q = params.toString();
    try {
      window.history.replaceState(window.history.state, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    } catch (e) {
      // some browsers refuse replaceState for file:// pages; the page still works
    }
  }

  /** @type {WeakMap<Element, string>} */
  var urls = new WeakMap();

  /**
   * Point `link` at a download of `content`.
   * @param {Element} link @param {BlobPart} content @param {string} type @param {string} filename
   */
  function download(link, content, type, filename) {
    var old = urls.get(link);
    if (old) URL.revokeObjectURL(old);
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    urls.set(link, url);
    link.setAttribute("href", url);
    link.setAttribute("download", filename);
  }

  var SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  var XML = "http://www.w3.org/XML/1998/namespace";

  /**
   * The page's own spreadsheet, to fill in and download. A cell the sheet does not have is
   * left alone.
   * @param {{xlsx: string, sheet: string}} island
   * @param {{unzipSync: (b: Uint8Array) => Object<string, Uint8Array>, zipSync: (f: Object<string, Uint8Array>) => Uint8Array<ArrayBuffer>}} fflate
   */
  function workbook(island, fflate) {
    var binary = atob(island.xlsx);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var files = fflate.unzipSync(bytes);
    var doc = new DOMParser().parseFromString(new TextDecoder().decode(files[island.sheet]), "application/xml");
    /** @type {Object<string, Element>} */
    var cells = {};
    var all = doc.getElementsByTagNameNS(SHEET, "c");
    for (var k = 0; k < all.length; k++) cells[all[k].getAttribute("r") || ""] = all[k];
    /** @param {string} ref @returns {Element | null} */
    function emptied(ref) {
      var cell = has(cells, ref) ? cells[ref] : null;
      if (cell) while (cell.firstChild) cell.removeChild(cell.firstChild);
      return cell;
    }
    return {
      /** @param {string} ref @param {string} value @param {string | null} [style] */
      text: function (ref, value, style) {
        var cell = emptied(ref);
        if (!cell) return;
        cell.setAttribute("t", "inlineStr");
        if (style) cell.setAttribute("s", style);
        var is = doc.createElementNS(SHEET, "is");
        var t = doc.createElementNS(SHEET, "t");
        t.setAttributeNS(XML, "xml:space", "preserve");
        t.textContent = value;
        is.appendChild(t);
        cell.appendChild(is);
      },
      /** @param {string} ref @param {number} n */
      number: function (ref, n) {
        var cell = emptied(ref);
        if (!cell) return;
        cell.removeAttribute("t");
        var v = doc.createElementNS(SHEET, "v");
        v.textContent = String(n);
        cell.appendChild(v);
      },
      /** @returns {Uint8Array<ArrayBuffer>} the spreadsheet with what was written */
      bytes: function () {
        files[island.sheet] = new TextEncoder().encode(new XMLSerializer().serializeToString(doc));
        return fflate.zipSync(files);
      }
    };
  }

  return Object.freeze({
    configuration: configuration,
    lang: lang,
    translation: translation,
    byId: byId,
    make: make,
    svg: svg,
    clear: clear,
    citeLink: citeLink,
    eventCells: eventCells,
    query: query,
    replaceQuery: replaceQuery,
    download: download,
    workbook: workbook
  });
});
