// @ts-check
/* The handbook's search engine: one classic script, used three ways.
 *
 * - In the search worker (search-worker.js loads it), it builds the index from the docs of
 *   search/search_index.json (written by generator/searchindex.py: pages, each with units
 *   of text [anchor, kind, text]) and answers queries in the shape Material's search box
 *   renders: groups of {location, title, text, score, terms} per page.
 * - In a page opened from a result (?h=…), search-highlight.js loads it to mark the words
 *   of the search with <mark data-md-highlight>, as Material's own highlighter would, but
 *   whole words only.
 * - Under Node (tests/js), `require()` returns the same functions.
 *
 * Matching:
 * - A query is split at spaces into chunks; each chunk is one term, and the "Missing:"
 *   line of a result lists the chunks it lacks, as typed.
 * - Text and query are compared after NFKC normalisation (full-width digits and letters
 *   become half-width, half-width katakana full-width) and lower-casing.
 * - A chunk with kana or kanji matches by substring, with spaces and punctuation left out
 *   on both sides: any phrase of a page finds it, whatever a word segmenter would make of
 *   it: a phrase cut from the middle of a sentence, with full- or half-width digits, with
 *   or without the brackets and commas of the text.
 * - Other chunks are words of letters and digits, compared by stem (stem() below: plurals,
 *   -ed, -ing, -ion, -ive, -ness, -ly, -age, -ure, -ate/-at), so word forms find each
 *   other (corrective / correction / corrected, inspecting / inspection, utilities /
 *   utility, leaks / leakage, erase / erasure).
 *   A chunk of several words joined by punctuation (on-site, re-entrustment) matches them in
 *   sequence. The last chunk of a query being typed also matches words it begins.
 * - Marks are put on whole words (English) or on the phrase found (Japanese), never on a
 *   fragment of a word.
 *
 * Ranking: a page ranks first by how many of the query's chunks one of its units holds
 * together, then by how many it holds at all, then by score:
 * each unit (paragraph, list item, row, term, heading) scores the sum over the chunks it
 * holds of kind weight × (1 + ln occurrences) × ln(1 + units / units holding the chunk),
 * times (1 + share of chunks held)², doubled when two query words stand side by side as
 * typed, times (0.5 + half the share of the unit's text the query covers): a title or a
 * term that is the query counts twice a long paragraph that mentions it (a name counts
 * by that share alone). Kind weights: page title 6, defined term 4, the page's names (the texts of the
 * links to it) 10, heading 3, a glossary term the standard introduces on the page 1.75, text 1,
 * interface words 0.5. A page scores its
 * best unit plus a fifth of the next four, times its weight (2.5 for the pages of the
 * standard and the glossary, where terms are defined or required).
 */
/**
 * @typedef {{text: string, map: number[]}} Mapped  a text and, for each of its characters,
 *   the index of the character it comes from
 * @typedef {{raw: string, stem: string, start: number, end: number}} Word  a word of a text,
 *   at [start, end) of the original text
 * @typedef {{text: string, norm: Mapped, sig: Mapped, words: Word[]}} Prepared
 * @typedef {{typed: string, cjk: boolean, prefix: boolean, sig?: string, words?: Word[]}} Chunk
 * @typedef {[number, number]} Range  [start, end) in an original text
 * @typedef {{location: string, title?: string, weight?: number,
 *            units?: Array<[string, string, string]>}} SearchDoc  a page of search_index.json
 * @typedef {{docs?: SearchDoc[]}} SearchIndexData
 * @typedef {{location: string, title: Prepared, weight: number, units: Unit[]}} Page
 * @typedef {{page: Page, anchor: string, kind: string, text: Prepared, section: Prepared}} Unit
 * @typedef {{unit: Unit, hits: Array<Range[] | null>, score?: number, held?: number}} Found
 * @typedef {{page: Page, entries: Found[], held: number, together: number,
 *            heldOnPage: boolean[], score: number}} PageResult
 * @typedef {{location: string, title: string, text: string, score: number,
 *            terms: Object<string, boolean>}} ResultItem  one result as Material renders it
 * @typedef {{items: ResultItem[][]}} SearchResult
 */
(function (root, factory) {
  "use strict";
  var engine = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = engine;
  } else {
    /** @type {any} */ (root).HandbookSearch = engine;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var CJK = /[\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var SIGNIFICANT = /[\p{L}\p{N}]/u;
  var WORD = /[a-z0-9\u00df-\u024f]+(?:['\u2019][a-z]+)?/g;
  var KIND_WEIGHT = { H: 6, t: 4, n: 10, h: 3, r: 1.75, p: 1, u: 0.5 };
  var PAGE_KINDS = { H: true, n: true, r: true, u: true }; // found on the page, never shown as a snippet
  var STOP = new Set(("a an and are as at be by for from in into is it its of on or than that the " +
    "their this to was were which with").split(" "));
  var SNIPPET = 240; // characters of a long paragraph shown around its first mark
  var MAX_CHUNKS = 10;

  /** @type {Map<string, boolean>} */
  var SIG = new Map(); // character → whether it is a letter or digit
  /** @type {Map<string, string>} */
  var NFKC = new Map(); // character → its normalised form (the same few thousand recur)

  /** Text normalised for matching, with the index in the original of each character.
      @param {string} text @returns {Mapped} */
  function normalize(text) {
    var out = "";
    /** @type {number[]} */
    var map = [];
    for (var i = 0; i < text.length; ) {
      var code = text.codePointAt(i);
      var ch = String.fromCodePoint(code);
      var n = NFKC.get(ch);
      if (n === undefined) {
        n = code < 0x80 ? ch.toLowerCase() : ch.normalize("NFKC").toLowerCase();
        NFKC.set(ch, n);
      }
      for (var k = 0; k < n.length; k++) map.push(i);
      out += n;
      i += ch.length;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  /* The letters and digits of a normalised text (spaces and punctuation dropped), with
     the index in the normalised text of each.
     @param {Mapped} norm @returns {Mapped} */
  function signature(norm) {
    var out = "";
    /** @type {number[]} */
    var map = [];
    var s = norm.text;
    for (var i = 0; i < s.length; ) {
      var ch = String.fromCodePoint(s.codePointAt(i));
      var keep = SIG.get(ch);
      if (keep === undefined) SIG.set(ch, keep = SIGNIFICANT.test(ch));
      if (keep) {
        for (var k = 0; k < ch.length; k++) map.push(i + k);
        out += ch;
      }
      i += ch.length;
    }
    return { text: out, map: map };
  }

  /** @param {string} text */
  function hasCJK(text) {
    return CJK.test(text);
  }

  var DOUBLE = /([b-df-hj-km-np-rtv-z])\1$/; // a doubled consonant but l, s, z
  var VOWEL = /[aeiouy]/;

  /** A light English stemmer: word forms of one word share a stem.
      @param {string} word @returns {string} */
  function stem(word) {
    var w = word.replace(/['\u2019]s?$/, "");
    if (w.length <= 3 || /\d/.test(w)) return w;
    if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y";
    else if (/[^sui]s$/.test(w)) w = w.slice(0, -1);
    /** @type {Array<[string, number]>} */
    var rules = [
      ["ingly", 3], ["edly", 3], ["ing", 3], ["ied", 3], ["ed", 3], ["ions", 4], ["ion", 4],
      ["ives", 4], ["ive", 4], ["ness", 4], ["ly", 4], ["age", 4], ["ure", 4],
    ];
    for (var r = 0; r < rules.length; r++) {
      var suffix = rules[r][0];
      if (w.length - suffix.length >= rules[r][1] && w.slice(-suffix.length) === suffix) {
        var rest = w.slice(0, -suffix.length);
        if (!VOWEL.test(rest)) continue;
        w = suffix === "ied" ? rest + "y" : rest;
        if (/^(ing|ed|edly|ingly)$/.test(suffix) && DOUBLE.test(w)) w = w.slice(0, -1);
        break;
      }
    }
    if (w.length > 4 && /e$/.test(w)) w = w.slice(0, -1);
    if (w.length > 3 && /y$/.test(w)) w = w.slice(0, -1) + "i";
    if (w.length >= 7 && /at$/.test(w)) w = w.slice(0, -2);
    return w;
  }

  /** The words of a normalised text, with their place in the original text.
      @param {Mapped} norm @returns {Word[]} */
  function words(norm) {
    /** @type {Word[]} */
    var out = [];
    var s = norm.text;
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(s))) {
      out.push({ raw: m[0].replace(/['\u2019]s$/, ""), stem: stem(m[0]),
                 start: norm.map[m.index], end: norm.map[m.index + m[0].length] });
    }
    return out;
  }

  /** A text prepared once for every search: normalised, its signature and its words.
      @param {string} text @returns {Prepared} */
  function prepare(text) {
    var norm = normalize(text);
    var sig = signature(norm);
    return { text: text, norm: norm, sig: sig, words: words(norm) };
  }

  /** The chunks of a query: {typed, cjk, sig | words, prefix}.
      @param {string} query @param {boolean} typing the query is being typed (its last
      word may be unfinished) @returns {Chunk[]} */
  function parseQuery(query, typing) {
    /** @type {Chunk[]} */
    var chunks = [];
    var seen = new Set();
    var parts = String(query).split(/[\s\u3000]+/).filter(Boolean);
    for (var i = 0; i < parts.length && chunks.length < MAX_CHUNKS; i++) {
      var typed = parts[i];
      var norm = normalize(typed);
      /** @type {Chunk} */
      var chunk = { typed: typed, cjk: hasCJK(norm.text), prefix: false };
      if (chunk.cjk) {
        chunk.sig = signature(norm).text;
        if (!chunk.sig) continue;
      } else {
        chunk.words = words(norm);
        if (!chunk.words.length) continue;
      }
      var key = chunk.cjk ? "j:" + chunk.sig : "w:" + chunk.words.map(function (w) { return w.stem; }).join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      chunks.push(chunk);
    }
    var last = chunks[chunks.length - 1];
    if (typing && last && !last.cjk && last.words.length === 1 && last.words[0].raw.length >= 3 &&
        !/[\s\u3000]$/.test(String(query))) {
      last.prefix = true;
    }
    return chunks;
  }

  /** @param {Word} word of the query @param {Word} token of the text @param {boolean} prefix */
  function wordMatches(word, token, prefix) {
    if (token.stem === word.stem) return true;
    return prefix && token.raw.length > word.raw.length && token.raw.lastIndexOf(word.raw, 0) === 0;
  }

  /** Where a chunk occurs in a prepared text: [[start, end], ...] in the original text.
      @param {Prepared} prepared @param {Chunk} chunk @returns {Range[]} */
  function find(prepared, chunk) {
    /** @type {Range[]} */
    var ranges = [];
    if (chunk.cjk) {
      var sig = prepared.sig.text;
      var map = prepared.sig.map;
      var nmap = prepared.norm.map;
      for (var at = sig.indexOf(chunk.sig); at >= 0; at = sig.indexOf(chunk.sig, at + chunk.sig.length)) {
        var first = map[at];
        var last = map[at + chunk.sig.length - 1];
        ranges.push([nmap[first], nextOriginal(nmap, last)]);
      }
      return ranges;
    }
    var ws = prepared.words;
    var n = chunk.words.length;
    for (var i = 0; i + n <= ws.length; i++) {
      var ok = true;
      for (var k = 0; k < n && ok; k++) {
        ok = wordMatches(chunk.words[k], ws[i + k], chunk.prefix && k === n - 1);
      }
      if (ok) ranges.push([ws[i].start, ws[i + n - 1].end]);
    }
    return ranges;
  }

  /** The original index just after the normalised character at `i`.
      @param {number[]} nmap @param {number} i @returns {number} */
  function nextOriginal(nmap, i) {
    var start = nmap[i];
    for (var k = i + 1; k < nmap.length; k++) if (nmap[k] !== start) return nmap[k];
    return nmap[nmap.length - 1];
  }

  /* Pairs of query words that stand side by side in the text, as typed (short words
     such as "of" or "the" between them allowed).
     @param {Prepared} prepared @param {Chunk[]} chunks @returns {number} */
  function adjacent(prepared, chunks) {
    var pairs = 0;
    var ws = prepared.words;
    for (var c = 0; c + 1 < chunks.length; c++) {
      var a = chunks[c];
      var b = chunks[c + 1];
      if (a.cjk || b.cjk) continue;
      var aw = a.words[a.words.length - 1];
      search: for (var i = 0; i + 1 < ws.length; i++) {
        if (ws[i].stem !== aw.stem) continue;
        for (var j = i + 1; j < ws.length && j <= i + 3; j++) {
          if (wordMatches(b.words[0], ws[j], b.prefix)) {
            pairs++;
            break search;
          }
          if (!STOP.has(ws[j].raw)) break;
        }
      }
    }
    return pairs;
  }

  /** @param {string} text @returns {string} */
  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /** The ranges sorted, overlapping ones merged (sorts its argument in place).
      @param {Range[]} ranges @returns {Range[]} */
  function merge(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    /** @type {Range[]} */
    var out = [];
    for (var i = 0; i < ranges.length; i++) {
      var r = ranges[i];
      var top = out[out.length - 1];
      if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1]);
      else out.push([r[0], r[1]]);
    }
    return out;
  }

  /** HTML of a text with its ranges marked; a long text is cut around the first mark.
      @param {string} text @param {Range[]} ranges @param {number} limit characters at
      most (0: the whole text) @returns {string} */
  function marked(text, ranges, limit) {
    ranges = merge(ranges.slice());
    var from = 0;
    var to = text.length;
    if (limit && text.length > limit) {
      var first = ranges.length ? ranges[0][0] : 0;
      from = Math.max(0, Math.min(first - Math.floor(limit / 4), text.length - limit));
      to = Math.min(text.length, from + limit);
      // start and end at a word's edge, never inside a word or a surrogate pair
      var space = text.indexOf(" ", from);
      if (from > 0 && space >= 0 && space - from < 20 && space < first) from = space + 1;
      space = text.lastIndexOf(" ", to);
      if (to < text.length && space > from && to - space < 20) to = space;
      if (from > 0 && /[\udc00-\udfff]/.test(text[from])) from--;
      if (to < text.length && /[\udc00-\udfff]/.test(text[to])) to++;
    }
    var html = from > 0 ? "\u2026" : "";
    var at = from;
    for (var i = 0; i < ranges.length; i++) {
      var s = Math.max(ranges[i][0], from);
      var e = Math.min(ranges[i][1], to);
      if (e <= s) continue;
      html += escapeHTML(text.slice(at, s)) + "<mark>" + escapeHTML(text.slice(s, e)) + "</mark>";
      at = e;
    }
    html += escapeHTML(text.slice(at, to));
    if (to < text.length) html += "\u2026";
    return html;
  }

  /** The index of one language: pages and their units, prepared once.
      @constructor @param {SearchIndexData} data */
  function Index(data) {
    /** @type {Page[]} */
    this.pages = [];
    /** @type {Unit[]} */
    this.units = [];
    var docs = (data && data.docs) || [];
    for (var p = 0; p < docs.length; p++) {
      var doc = docs[p];
      /** @type {Page} */
      var page = { location: String(doc.location), title: prepare(String(doc.title || "")),
                   weight: Number(doc.weight) || 1, units: [] };
      var section = page.title;
      var sectionAnchor = "";
      var units = Array.isArray(doc.units) ? doc.units : [];
      for (var u = 0; u < units.length; u++) {
        var anchor = String(units[u][0] || "");
        var kind = KIND_WEIGHT[units[u][1]] ? units[u][1] : "p";
        var text = prepare(String(units[u][2] || ""));
        if (kind === "h" || kind === "H") {
          section = text;
          sectionAnchor = anchor;
        }
        if (PAGE_KINDS[kind] && kind !== "H") anchor = "";
        else anchor = anchor || sectionAnchor;
        var unit = { page: page, anchor: anchor, kind: kind, text: text,
                     section: kind === "H" ? page.title : section };
        page.units.push(unit);
        this.units.push(unit);
      }
      this.pages.push(page);
    }
  }

  /** @param {string} query @returns {SearchResult} */
  Index.prototype.search = function (query) {
    var chunks = parseQuery(query, true);
    if (!chunks.length) return { items: [] };
    var total = this.units.length || 1;
    /** @type {Found[]} */
    var found = []; // per unit: ranges per chunk
    var df = chunks.map(function () { return 0; });
    for (var u = 0; u < this.units.length; u++) {
      var unit = this.units[u];
      var hits = null;
      for (var c = 0; c < chunks.length; c++) {
        var ranges = find(unit.text, chunks[c]);
        if (ranges.length) {
          hits = hits || chunks.map(function () { return null; });
          hits[c] = ranges;
          df[c]++;
        }
      }
      if (hits) found.push({ unit: unit, hits: hits });
    }
    var idf = df.map(function (n) { return Math.log(1 + total / Math.max(1, n)); });
    var stopOnly = chunks.every(isStop);
    /** @type {Map<Page, Found[]>} */
    var byPage = new Map();
    for (var f = 0; f < found.length; f++) {
      var entry = found[f];
      var score = 0;
      var held = 0;
      var covered = 0;
      for (var k = 0; k < chunks.length; k++) {
        if (!entry.hits[k]) continue;
        held++;
        var w = isStop(chunks[k]) && !stopOnly ? 0.1 : 1;
        score += w * KIND_WEIGHT[entry.unit.kind] * (1 + Math.log(entry.hits[k].length)) * idf[k];
        entry.hits[k].forEach(function (r) { covered += r[1] - r[0]; });
      }
      // a short unit that is mostly the query (a title, a term, a name) counts more
      var coverage = Math.min(1, covered / Math.max(1, entry.unit.text.text.length));
      score *= entry.unit.kind === "n" ? coverage : 0.5 + 0.5 * coverage;
      score *= Math.pow(1 + held / chunks.length, 2);
      if (chunks.length > 1) score *= 1 + adjacent(entry.unit.text, chunks);
      entry.score = score;
      entry.held = held;
      var group = byPage.get(entry.unit.page);
      if (!group) byPage.set(entry.unit.page, group = []);
      group.push(entry);
    }
    /** @type {PageResult[]} */
    var pages = [];
    byPage.forEach(function (entries, page) {
      entries.sort(function (a, b) { return b.score - a.score; });
      var heldOnPage = chunks.map(function (_, k) { return entries.some(function (e) { return !!e.hits[k]; }); });
      var score = entries[0].score;
      for (var i = 1; i < Math.min(5, entries.length); i++) score += entries[i].score / 5;
      var together = Math.max.apply(null, entries.map(function (e) { return e.held; }));
      pages.push({ page: page, entries: entries, held: heldOnPage.filter(Boolean).length, together: together,
                   heldOnPage: heldOnPage, score: score * page.weight });
    });
    pages.sort(function (a, b) {
      return b.together - a.together || b.held - a.held || b.score - a.score ||
        (a.page.location < b.page.location ? -1 : 1);
    });
    var items = [];
    for (var g = 0; g < pages.length; g++) {
      // Material's Enter key opens the result with the highest score: the scores shown
      // follow the order of the pages (within a page, they keep their differences)
      var results = this.group(pages[g], chunks);
      var offset = (pages.length - g) * 1e6;
      results.forEach(function (item) { item.score += offset; });
      items.push(results);
    }
    return { items: items };
  };

  /** @param {Chunk} chunk */
  function isStop(chunk) {
    return !chunk.cjk && chunk.words.length === 1 && STOP.has(chunk.words[0].raw);
  }

  /* One page's results as Material renders them: its sections, then the page itself. */
  /** @param {PageResult} result @param {Chunk[]} chunks @returns {ResultItem[]} */
  Index.prototype.group = function (result, chunks) {
    var page = result.page;
    var highlight = chunks.filter(function (_, k) { return result.heldOnPage[k]; })
      .map(function (c) { return c.typed; }).join(" ");
    var base = page.location + "?h=" + encodeURIComponent(highlight);
    /** @type {ResultItem[]} */
    var items = [];
    /** @type {Map<string, boolean>} */
    var seen = new Map();
    var parentText = "";
    var parentScore = 0;
    var parentTerms = termsOf(chunks, result.heldOnPage);
    for (var i = 0; i < result.entries.length; i++) {
      var entry = result.entries[i];
      var unit = entry.unit;
      /** @type {Range[]} */
      var ranges = [];
      entry.hits.forEach(function (r) { if (r) ranges = ranges.concat(r); });
      var terms = termsOf(chunks, entry.hits.map(Boolean));
      var score = entry.score * page.weight;
      if (PAGE_KINDS[unit.kind] || !unit.anchor) {
        if (score > parentScore) {
          parentScore = score;
          parentText = PAGE_KINDS[unit.kind] ? "" : marked(unit.text.text, ranges, SNIPPET);
        }
        continue;
      }
      if (seen.has(unit.anchor)) continue;
      seen.set(unit.anchor, true);
      /** @type {Range[]} */
      var sectionRanges = [];
      for (var c = 0; c < chunks.length; c++) sectionRanges = sectionRanges.concat(find(unit.section, chunks[c]));
      var text = unit.kind === "h" ? "" : marked(unit.text.text, ranges, SNIPPET);
      items.push({
        location: base + "#" + encodeURIComponent(unit.anchor),
        title: marked(unit.section.text, sectionRanges, 0),
        text: text,
        score: score,
        terms: terms,
      });
    }
    /** @type {Range[]} */
    var titleRanges = [];
    for (var t = 0; t < chunks.length; t++) titleRanges = titleRanges.concat(find(page.title, chunks[t]));
    var parent = { location: base, title: marked(page.title.text, titleRanges, 0), text: parentText,
                   score: parentScore, terms: parentTerms };
    if (items.length && parentScore < items[0].score) items.push(parent);
    else items.unshift(parent);
    return items;
  };

  /** @param {Chunk[]} chunks @param {boolean[]} held @returns {Object<string, boolean>} */
  function termsOf(chunks, held) {
    /** @type {Object<string, boolean>} */
    var terms = {};
    for (var k = 0; k < chunks.length; k++) terms[chunks[k].typed] = !!held[k];
    return terms;
  }

  /** Mark the words of `?h=` in the page's content, whole words only.
      @param {Element} content @param {string} search a location's query string
      @returns {number} how many marks were put */
  function highlightPage(content, search) {
    var h = null;
    try {
      h = new URLSearchParams(search || "").get("h");
    } catch (e) {
      return 0;
    }
    if (!h) return 0;
    var chunks = parseQuery(h, true);
    if (chunks.some(function (c) { return !isStop(c); })) chunks = chunks.filter(function (c) { return !isStop(c); });
    if (!chunks.length) return 0;
    var doc = content.ownerDocument;
    var walker = doc.createTreeWalker(content, 4 /* NodeFilter.SHOW_TEXT */);
    /** @type {Text[]} */
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (!parent || !node.nodeValue.trim()) continue;
      if (parent.closest("script, style, textarea, select, option, button, mark, .headerlink, .hb-anchor")) continue;
      if (!parent.offsetHeight && !parent.getClientRects().length) continue;
      nodes.push(/** @type {Text} */ (node));
    }
    var count = 0;
    for (var n = 0; n < nodes.length; n++) {
      var text = nodes[n].nodeValue;
      var prepared = prepare(text);
      /** @type {Range[]} */
      var ranges = [];
      for (var c = 0; c < chunks.length; c++) ranges = ranges.concat(find(prepared, chunks[c]));
      if (!ranges.length) continue;
      ranges = merge(ranges);
      var frag = doc.createDocumentFragment();
      var at = 0;
      for (var r = 0; r < ranges.length; r++) {
        if (ranges[r][0] > at) frag.appendChild(doc.createTextNode(text.slice(at, ranges[r][0])));
        var mark = doc.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = text.slice(ranges[r][0], ranges[r][1]);
        frag.appendChild(mark);
        at = ranges[r][1];
        count++;
      }
      if (at < text.length) frag.appendChild(doc.createTextNode(text.slice(at)));
      nodes[n].parentNode.replaceChild(frag, nodes[n]);
    }
    return count;
  }

  return {
    normalize: normalize,
    stem: stem,
    parseQuery: parseQuery,
    prepare: prepare,
    find: find,
    marked: marked,
    Index: Index,
    highlightPage: highlightPage,
  };
});
