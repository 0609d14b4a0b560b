// @ts-check
/* The clause generator's logic: no DOM, no I/O.
 *
 * Works as a classic <script> (sets window.HandbookClause; load handbook-core.js first)
 * and under Node's require() (loads handbook-core.js beside it). Every word it outputs
 * comes from rules.json (key "clause"), built from data/clauses.yaml, data/standard.yaml
 * and data/ui.yaml; the control characters a party's name may not hold are the core's
 * (with the bidirectional controls of rules.json's `controls`), and so is the filler.
 *
 *   renderClause(rules, {documentType, article, numerals, partyA, partyB})
 *     -> {ja, en, heading, article, body, documentType, numerals, articleNumber, parties,
 *         model, numbered, source, errors, warnings}
 *   renderOutline(rules, input)  -> {ja, en, title, articles, errors, warnings}
 *   toKanji(n, kanji)            -> "十二" for 12 (1–9999)
 *
 * Bad input never throws: each field falls back to its default and the problem is
 * reported in `errors` as {field, message: {ja, en}}.
 */
(function (root, factory) {
  "use strict";
  var r = /** @type {any} */ (root);
  var core = r && r.HandbookCore;
  if (!core && typeof require === "function") core = require("./handbook-core.js");
  var api = factory(core);
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  }
  if (r && typeof r === "object") {
    r.HandbookClause = api;
  }
})(typeof self !== "undefined" ? self : typeof module === "object" && module && module.exports ? null : this, function (/** @type {import("./handbook-core.js")} */ core) {
  "use strict";

  var LANGS = core.LANGS;
  var PARTIES = ["partyA", "partyB"];
  // Kana, kanji and full-width forms: a name written in Japanese holds at least one.
  var JAPANESE = /[\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
  var has = Object.prototype.hasOwnProperty;

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function str(v) {
    return typeof v === "string" ? v : "";
  }

  function text(t) {
    return { ja: isObject(t) ? str(t.ja) : "", en: isObject(t) ? str(t.en) : "" };
  }

  /* Put values in place of {name} in one pass: a value is never read as a template. */
  var fill = core.fill;

  function message(c, key, valuesByLang) {
    var msg = isObject(c.messages) ? text(c.messages[key]) : text(null);
    var out = {};
    LANGS.forEach(function (lang) {
      out[lang] = fill(msg[lang], valuesByLang ? valuesByLang(lang) : {});
    });
    return out;
  }

  /* 12 -> "十二", 1203 -> "千二百三" (no 一 before 十, 百 or 千; no zero digit); the units
     of rules.json (十百千) reach 9999, one more unit would reach ten times as far. */
  function toKanji(n, kanji) {
    var digits = str(kanji && kanji.digits);
    var units = str(kanji && kanji.units);
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 ||
        String(n).length > units.length + 1 || digits.length !== 9 || units.length < 1) {
      return "";
    }
    var s = String(n);
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var d = s.charCodeAt(i) - 48;
      var pos = s.length - 1 - i;
      if (d === 0) continue;
      if (pos === 0) {
        out += digits.charAt(d - 1);
      } else {
        out += (d === 1 ? "" : digits.charAt(d - 1)) + units.charAt(pos - 1);
      }
    }
    return out;
  }

  /* An article number from a number or a string of digits (full-width digits too). */
  function parseArticle(value, max) {
    if (value === undefined || value === null) return { value: null, ok: true };
    if (typeof value === "number") {
      if (Number.isInteger(value) && value >= 1 && value <= max) return { value: value, ok: true };
      return { value: null, ok: false };
    }
    if (typeof value !== "string") return { value: null, ok: false };
    if (value.length > 40) return { value: null, ok: false };
    var s = core.toAscii(value);
    if (s === "") return { value: null, ok: true };
    if (!/^[0-9]{1,6}$/.test(s)) return { value: null, ok: false };
    var n = parseInt(s, 10);
    if (n >= 1 && n <= max) return { value: n, ok: true };
    return { value: null, ok: false };
  }

  /* A party's name: trimmed text of at most `max` characters, without line breaks or
     control characters; a line break or a bidirectional control (which would reorder the
     text of the clause around the name) is reported as such (`control`). */
  function parseParty(rules, value, max) {
    if (value === undefined || value === null) return { value: null, ok: true };
    if (typeof value !== "string") return { value: null, ok: false };
    if (value.length > max * 2 + 200) return { value: null, ok: false };
    var s = value.trim();
    if (s === "") return { value: null, ok: true };
    var other = false;
    for (var rest = s, found = core.findControl(rest, rules); found; found = core.findControl(rest, rules)) {
      if (found.kind !== "control") return { value: null, ok: false, control: true };
      other = true;
      rest = rest.slice(found.at + 1);
    }
    if (other || Array.from(s).length > max) return { value: null, ok: false };
    return { value: s, ok: true };
  }

  /* Read and check the input; every field ends up valid, with a report of what was not. */
  /** @param {Rules} rules @param {ClauseRules} c @param {any} input */
  function readInput(rules, c, input) {
    var errors = [];
    var warnings = [];
    var defaults = isObject(c.defaults) ? c.defaults : {};
    var variants = isObject(c.variants) ? c.variants : {};
    var types = Array.isArray(c.documentTypes) ? c.documentTypes : Object.keys(variants);
    var max = c.article && typeof c.article.max === "number" ? c.article.max : 0;
    var partyMax = typeof c.partyMaxLength === "number" ? c.partyMaxLength : 0;
    var numeralLabels = isObject(c.numerals) ? c.numerals : {};
    var styles = Object.keys(numeralLabels);  // the numeral styles the data offers

    if (input !== undefined && input !== null && !isObject(input)) {
      errors.push({ field: "input", message: message(c, "input") });
      input = {};
    }
    input = input || {};
    function field(name) {
      return has.call(input, name) ? input[name] : undefined;
    }

    var documentType = str(defaults.documentType);
    var givenType = field("documentType");
    if (givenType !== undefined && givenType !== null && givenType !== "") {
      if (typeof givenType === "string" && types.indexOf(givenType) >= 0 && isObject(variants[givenType])) {
        documentType = givenType;
      } else {
        errors.push({
          field: "documentType",
          message: message(c, "documentType", function (lang) {
            return { "default": text(variants[documentType] && variants[documentType].label)[lang] };
          }),
        });
      }
    }
    var variant = isObject(variants[documentType]) ? variants[documentType] : {};

    var numerals = styles.indexOf(defaults.numerals) >= 0 ? defaults.numerals : styles[0];
    var givenNumerals = field("numerals");
    if (givenNumerals !== undefined && givenNumerals !== null && givenNumerals !== "") {
      if (typeof givenNumerals === "string" && styles.indexOf(givenNumerals) >= 0) {
        numerals = givenNumerals;
      } else {
        errors.push({
          field: "numerals",
          message: message(c, "numerals", function (lang) {
            return { "default": text(numeralLabels[numerals])[lang] };
          }),
        });
      }
    }

    var article = parseArticle(field("article"), max);
    var blank = text(c.article && c.article.blank);
    if (!article.ok) {
      errors.push({
        field: "article",
        message: message(c, "article", function (lang) {
          return { min: 1, max: max, blank: blank[lang] };
        }),
      });
    } else if (article.value !== null && !variant.numbered) {
      warnings.push({ field: "article", message: message(c, "articleUnused") });
    }

    var defaultParties = isObject(variant.parties) ? variant.parties : {};
    var parties = {};
    PARTIES.forEach(function (name) {
      var def = text(defaultParties[name]);
      // partyA: the name in the Japanese clause; partyAEn: the name in the English
      // translation (blank: the Japanese clause's name as typed, else the default)
      var given = parseParty(rules, field(name), partyMax);
      var givenEn = parseParty(rules, field(name + "En"), partyMax);
      /** @type {Array<{field: string, read: any, lang: "ja" | "en"}>} */
      var both = [{ field: name, read: given, lang: "ja" }, { field: name + "En", read: givenEn, lang: "en" }];
      both.forEach(function (g) {
        if (g.read.ok) return;
        errors.push({
          field: g.field,
          message: message(c, g.read.control ? "partyControl" : "party", function () {
            return { max: partyMax, "default": def[g.lang] };
          }),
        });
      });
      parties[name] = {
        ja: given.value === null ? def.ja : given.value,
        en: givenEn.value !== null ? givenEn.value : given.value !== null ? given.value : def.en,
      };
      // A name for the Japanese clause with letters but no Japanese script: said, not mixed
      // in silently ("the designated manager及びthe Cityは…").
      if (given.value !== null && /[A-Za-z]/.test(given.value) && !JAPANESE.test(given.value)) {
        warnings.push({
          field: name,
          message: message(c, "partyScript", function () { return { name: given.value }; }),
        });
      }
    });

    return {
      documentType: documentType,
      variant: variant,
      numerals: numerals,
      articleNumber: article.value,
      parties: parties,
      errors: errors,
      warnings: warnings,
    };
  }

  function articleText(c, number, numerals, lang) {
    var art = isObject(c.article) ? c.article : {};
    if (number === null) return text(art.blank)[lang];
    var shown = lang === "ja" && numerals === "kanji" ? toKanji(number, c.kanji) : String(number);
    return fill(text(art.format)[lang], { number: shown });
  }

  /** @param {Rules} rules @returns {ClauseRules | null} */
  function clauseRules(rules) {
    return isObject(rules) && isObject(rules.clause) ? rules.clause : null;
  }

  function empty(field) {
    return {
      ja: "",
      en: "",
      errors: [{ field: field, message: { ja: "", en: "" } }],
      warnings: [],
    };
  }

  /** @param {Rules} rules @param {any} input */
  function renderClause(rules, input) {
    try {
      var c = clauseRules(rules);
      if (!c) return empty("rules");
      var r = readInput(rules, c, input);
      var v = r.variant;
      var sep = text(c.article && c.article.separator);
      var out = {
        documentType: r.documentType,
        numerals: r.numerals,
        articleNumber: v.numbered ? r.articleNumber : null,
        parties: r.parties,
        model: v.model === true,
        numbered: v.numbered === true,
        source: str(v.source),
        heading: {},
        article: {},
        body: {},
        errors: r.errors,
        warnings: r.warnings,
      };
      LANGS.forEach(function (lang) {
        /** @type {Object<string, string>} */
        var values = {};
        PARTIES.forEach(function (name) {
          values[name] = r.parties[name][lang];
        });
        out.heading[lang] = text(v.heading)[lang];
        out.body[lang] = fill(text(v.text)[lang], values);
        out.article[lang] = out.numbered ? articleText(c, r.articleNumber, r.numerals, lang) : "";
        var line = out.numbered ? out.article[lang] + sep[lang] + out.body[lang] : out.body[lang];
        out[lang] = out.heading[lang] + "\n" + line;
      });
      return out;
    } catch (e) {
      return empty("input");
    }
  }

  /** @param {Rules} rules @param {any} input */
  function renderOutline(rules, input) {
    try {
      var c = clauseRules(rules);
      if (!c) return empty("rules");
      var r = readInput(rules, c, input);
      var v = r.variant;
      var o = isObject(c.outline) ? c.outline : {};
      var sep = text(c.article && c.article.separator);
      var list = Array.isArray(o.articles) ? o.articles : [];
      var out = {
        title: text(o.title),
        articles: [],
        errors: r.errors,
        warnings: [],
      };
      list.forEach(function (a, i) {
        var number = typeof a.number === "number" ? a.number : i + 1;
        // an article may be worded for one type of document (textFor[documentType])
        var wording = isObject(a.textFor) && has.call(a.textFor, r.documentType) ? a.textFor[r.documentType] : a.text;
        var art = { item: str(a.item), number: number, source: str(a.source), heading: {}, article: {}, body: {} };
        LANGS.forEach(function (lang) {
          var values = { document: text(v.document)[lang] };
          PARTIES.forEach(function (name) {
            values[name] = r.parties[name][lang];
          });
          art.heading[lang] = fill(text(o.headingFormat)[lang], { heading: text(a.heading)[lang] });
          art.article[lang] = articleText(c, number, r.numerals, lang);
          art.body[lang] = fill(text(wording)[lang], values);
        });
        out.articles.push(art);
      });
      LANGS.forEach(function (lang) {
        var parts = [out.title[lang]];
        out.articles.forEach(function (art) {
          parts.push(art.heading[lang] + "\n" + art.article[lang] + sep[lang] + art.body[lang]);
        });
        out[lang] = parts.join("\n\n");
      });
      return out;
    } catch (e) {
      return empty("input");
    }
  }

  return Object.freeze({
    renderClause: renderClause,
    renderOutline: renderOutline,
    toKanji: toKanji,
    parseArticle: parseArticle,
  });
});
