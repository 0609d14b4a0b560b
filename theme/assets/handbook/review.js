// @ts-check
/* The review of a returned compliance checklist: the public logic of tools/review.html.
 *
 * A plain script without DOM access that works as a classic <script> (file:// included;
 * sets window.HandbookReview) and under Node's require():
 *
 *   reviewWorkbook(rules, bytes, options?)   bytes: Uint8Array of a returned .xlsx
 *   -> { ok, checklist, lang, revision, particulars: {fieldId: text},
 *        rows: [{id, item, marker, answer, remark, finding, tailored, cell}],
 *        result, problems: [{code, message: {ja, en}, row?, cell?}] }     never throws
 *   reviewEntries(rules, {checklist, lang, particulars, answers, remarks})
 *        the same result for a checklist returned on paper, entered by hand
 *   summary(rules, results, lang) -> {items, lines, counts}; summaryCsv(...) -> CSV text
 *   registerValues(rules, result, {reviewDate, resultId, correctionDue, lang})
 *        -> {fields: [...], values: [...]}; registerTsv / registerCsv of several
 *
 * Everything it knows comes from rules.json (`review`: answers with their findings,
 * results, particulars, each checklist's rows and fingerprint, the identity the files
 * carry, limits, messages; `calendar` through handbook-core.js).
 *
 * Reading a file, in this order, each step refusing with a located message:
 *  1. size (rules.review.limits.maxFileBytes), kind by the first bytes: a zip, an OLE
 *     container (an old .xls, or an encrypted workbook: Excel wraps those in OLE), else
 *     not a spreadsheet;
 *  2. the zip's central directory only: entry count, each entry's declared size and ratio,
 *     the sum of sizes, encrypted entries, an .ods' mimetype; nothing is inflated before
 *     all of these pass, and inflating stops at an entry's declared size (a zip bomb
 *     cannot hang the page);
 *  3. the XML parts needed (never a DOCTYPE), parsed by the platform: DOMParser in the page,
 *     @xmldom/xmldom (the same API) under Node;
 *  4. the identity (hidden sheet and custom properties), the checklist and its revision;
 *     rows are found by the ids in the hidden column, whatever their position; a formula
 *     is never evaluated, its cached value is taken as text.
 */
(function (root, factory) {
  "use strict";
  var r = /** @type {any} */ (root);
  var core = r && r.HandbookCore;
  if (!core && typeof require === "function") core = require("./handbook-core.js");
  var zip = r && r.fflate;
  if (!zip && typeof require === "function") {
    var vendored = "../vendor/fflate/fflate.js"; // beside review.js in the built site
    try {
      zip = require(vendored);
    } catch (e) {
      zip = require("fflate");
    }
  }
  var Parser = r && r.DOMParser;
  if (!Parser && typeof require === "function") {
    try {
      Parser = require("@xmldom/xmldom").DOMParser;
    } catch (e) {
      Parser = null;
    }
  }
  var api = factory(core, zip, Parser);
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (r && typeof r === "object") r.HandbookReview = api;
})(typeof window !== "undefined" ? window : null, function (/** @type {any} */ core, /** @type {any} */ fflate, /** @type {any} */ DefaultParser) {
  "use strict";

  var NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  var FINDINGS = ["adequate", "correction", "not_applicable", "unanswered", "unreadable"];
  var has = function (/** @type {any} */ obj, /** @type {string} */ key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  };

  /** A failure that ends the reading of a file. @param {string} code @param {object} [params] */
  function Stop(code, params) {
    this.code = code;
    this.params = params || {};
  }

  /** @param {any} rules @param {string} code @param {object} [params] */
  function problem(rules, code, params) {
    var template = rules.review.messages[code] || { ja: code, en: code };
    var p = { code: code, message: core.fillBoth(template, params || {}) };
    var extra = /** @type {any} */ (params || {});
    if (extra.rowId) /** @type {any} */ (p).row = extra.rowId;
    if (extra.cell) /** @type {any} */ (p).cell = extra.cell;
    return p;
  }

  // ------------------------------------------------------------------ the container

  /** @param {Uint8Array} b @param {number} at */
  function u16(b, at) {
    return b[at] | (b[at + 1] << 8);
  }
  /** @param {Uint8Array} b @param {number} at */
  function u32(b, at) {
    return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
  }

  /** Whether `b` contains `text` written in UTF-16LE (names inside an OLE container).
   * @param {Uint8Array} b @param {string} text */
  function hasUtf16(b, text) {
    var first = text.charCodeAt(0);
    outer: for (var i = 0; i + text.length * 2 <= b.length; i++) {
      if (b[i] !== first || b[i + 1] !== 0) continue;
      for (var k = 1; k < text.length; k++) {
        if (b[i + 2 * k] !== text.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
      }
      return true;
    }
    return false;
  }

  /**
   * The zip's entries from its central directory, after every check that needs no inflating.
   * @param {Uint8Array} b @param {any} limits
   * @returns {Object<string, {method: number, csize: number, usize: number, offset: number}>}
   */
  function directory(b, limits) {
    if (b.length === 0) throw new Stop("empty");
    if (b.length > limits.maxFileBytes) throw new Stop("too_large", { max: Math.round(limits.maxFileBytes / 1048576) });
    if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1) {
      throw new Stop(hasUtf16(b, "EncryptedPackage") || hasUtf16(b, "EncryptionInfo") ? "encrypted" : "xls");
    }
    if (b.length < 22 || b[0] !== 0x50 || b[1] !== 0x4b) throw new Stop("not_spreadsheet");
    // The end of central directory record: in the last 64 KiB + 22 bytes.
    var end = -1;
    for (var i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new Stop("damaged");
    var count = u16(b, end + 10);
    var size = u32(b, end + 12);
    var offset = u32(b, end + 16);
    if (count === 0xffff || offset === 0xffffffff) throw new Stop("zip_limit"); // zip64: never an .xlsx of this size
    if (count > limits.maxEntries) throw new Stop("zip_limit");
    if (offset + size > end) throw new Stop("damaged");
    /** @type {Object<string, any>} */
    var entries = {};
    var total = 0;
    var at = offset;
    var decoder = new TextDecoder("utf-8");
    for (var n = 0; n < count; n++) {
      if (at + 46 > end || u32(b, at) !== 0x02014b50) throw new Stop("damaged");
      var flags = u16(b, at + 8);
      var method = u16(b, at + 10);
      var csize = u32(b, at + 20);
      var usize = u32(b, at + 24);
      var nameLength = u16(b, at + 28);
      var skip = nameLength + u16(b, at + 30) + u16(b, at + 32);
      var name = decoder.decode(b.subarray(at + 46, at + 46 + nameLength));
      if (flags & 1) throw new Stop("encrypted");
      if (usize > limits.maxEntryBytes) throw new Stop("zip_limit");
      total += usize;
      if (total > limits.maxTotalBytes) throw new Stop("zip_limit");
      if (method === 8 && usize > csize * limits.maxRatio + 1024) throw new Stop("zip_limit");
      if (method !== 0 && method !== 8) throw new Stop("damaged");
      entries[name] = { method: method, csize: csize, usize: usize, offset: u32(b, at + 42) };
      at += 46 + skip;
    }
    return entries;
  }

  /** An entry's bytes, inflated no further than its declared size.
   * @param {Uint8Array} b @param {{method: number, csize: number, usize: number, offset: number}} entry */
  function inflate(b, entry) {
    var at = entry.offset;
    if (at + 30 > b.length || u32(b, at) !== 0x04034b50) throw new Stop("damaged");
    var start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
    if (start + entry.csize > b.length) throw new Stop("damaged");
    var data = b.subarray(start, start + entry.csize);
    if (entry.method === 0) {
      if (entry.csize !== entry.usize) throw new Stop("damaged");
      return data.slice();
    }
    var out = new Uint8Array(entry.usize);
    var pos = 0;
    var tooLong = false;
    var inflater = new fflate.Inflate(function (/** @type {Uint8Array} */ chunk) {
      if (pos + chunk.length > out.length) {
        tooLong = true;
        throw new Stop("zip_limit");
      }
      out.set(chunk, pos);
      pos += chunk.length;
    });
    var step = 16384;
    try {
      for (var i = 0; i < data.length; i += step) {
        inflater.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
      }
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      throw tooLong || e instanceof Stop ? new Stop("zip_limit") : new Stop("damaged");
    }
    if (pos !== entry.usize) throw new Stop("damaged");
    return out;
  }

  // ------------------------------------------------------------------ XML

  /** @param {any} node @param {string} name @returns {any[]} the element children named `name` */
  function kids(node, name) {
    var out = [];
    for (var c = node ? node.firstChild : null; c; c = c.nextSibling) {
      if (c.nodeType === 1 && (c.localName || c.nodeName) === name) out.push(c);
    }
    return out;
  }
  /** @param {any} node @param {string} name */
  function kid(node, name) {
    return kids(node, name)[0] || null;
  }
  /** Text of the <t> elements inside `node`, leaving out phonetic guides (<rPh>). @param {any} node */
  function runText(node) {
    var out = "";
    for (var c = node ? node.firstChild : null; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      var name = c.localName || c.nodeName;
      if (name === "t") out += c.textContent || "";
      else if (name === "r") out += runText(c);
    }
    return out;
  }

  /** @param {any} parts @param {string} name @param {any} Parser */
  function xml(parts, name, Parser) {
    var bytes = parts.read(name);
    if (!bytes) return null;
    var text = new TextDecoder("utf-8").decode(bytes);
    if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new Stop("doctype");
    var doc;
    try {
      doc = new Parser({ onError: function () {} }).parseFromString(text, "application/xml");
    } catch (e) {
      throw new Stop("damaged");
    }
    if (!doc || !doc.documentElement || doc.getElementsByTagName("parsererror").length) throw new Stop("damaged");
    return doc.documentElement;
  }

  /** A relationship target, as a path inside the zip. @param {string} base @param {string} target */
  function resolve(base, target) {
    if (target.charAt(0) === "/") return target.slice(1);
    var parts = base.split("/").slice(0, -1).concat(target.split("/"));
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "..") out.pop();
      else if (parts[i] !== "." && parts[i] !== "") out.push(parts[i]);
    }
    return out.join("/");
  }

  /** Column letters and row number of a cell reference. @param {string} ref */
  function splitRef(ref) {
    var m = /^([A-Z]+)(\d+)$/.exec(ref || "");
    return m ? { col: m[1], row: Number(m[2]) } : null;
  }

  /**
   * A worksheet's cells as {ref: {text, number, formula}}, and each row's cells by column.
   * @param {any} sheet @param {string[]} strings
   */
  function readCells(sheet, strings) {
    /** @type {Object<number, Object<string, any>>} */
    var rows = {};
    var data = kid(sheet, "sheetData");
    kids(data, "row").forEach(function (row) {
      kids(row, "c").forEach(function (c) {
        var ref = splitRef(c.getAttribute("r"));
        if (!ref) return;
        var type = c.getAttribute("t") || "n";
        var v = kid(c, "v");
        var raw = v ? v.textContent || "" : "";
        var text = raw;
        if (type === "s") text = strings[Number(raw)] || "";
        else if (type === "inlineStr") text = runText(kid(c, "is"));
        var cell = { ref: ref.col + ref.row, text: text, type: type, formula: Boolean(kid(c, "f")) };
        (rows[ref.row] = rows[ref.row] || {})[ref.col] = cell;
      });
    });
    return rows;
  }

  // ------------------------------------------------------------------ findings

  /** @param {string} text */
  function normal(text) {
    return core.toAscii(text).toLowerCase();
  }

  /** The finding of an answer as written; excluded (tailored out) and unknown values too.
   * @param {any} rules @param {string} answer */
  function findingOf(rules, answer) {
    var a = normal(answer);
    if (a === "") return { finding: "unanswered", tailored: false };
    var review = rules.review;
    for (var i = 0; i < review.answers.length; i++) {
      var label = review.answers[i].label;
      if (a === normal(label.ja) || a === normal(label.en)) return { finding: review.answers[i].finding, tailored: false };
    }
    if (a === normal(review.excluded.ja) || a === normal(review.excluded.en)) return { finding: "not_applicable", tailored: true };
    return { finding: "unreadable", tailored: false };
  }

  /** The proposed result: the one calling for correction when any row needs it or is
   * unanswered, else the other. @param {any} rules @param {any[]} rows */
  function proposedResult(rules, rows) {
    var needs = rows.some(function (r) {
      return r.finding === "correction" || r.finding === "unanswered";
    });
    var results = rules.review.results;
    for (var i = 0; i < results.length; i++) if (results[i].correction === needs) return results[i].id;
    return null;
  }

  /** @param {any} rules @param {string} id */
  function checklistOf(rules, id) {
    return has(rules.review.checklists, id) ? rules.review.checklists[id] : null;
  }

  // ------------------------------------------------------------------ a workbook

  /** @param {any} rules @param {Uint8Array} bytes @param {any} [options] */
  function reviewWorkbook(rules, bytes, options) {
    /** @type {any} */
    var out = { ok: false, checklist: null, lang: null, revision: null, particulars: {}, rows: [], result: null, problems: [] };
    try {
      read(rules, bytes, (options && options.DOMParser) || DefaultParser, out);
    } catch (e) {
      if (e instanceof Stop) {
        out.ok = false;
        out.rows = [];
        out.result = null;
        out.problems.unshift(problem(rules, e.code, e.params));
      } else {
        out.ok = false;
        out.problems.unshift(problem(rules, "damaged"));
      }
    }
    return out;
  }

  /**
   * A returned workbook opened: the checks of the container, its sheets, shared strings, date
   * system, and what the file says it is (hidden sheet, custom properties). Throws Stop.
   * @param {any} rules @param {Uint8Array} bytes @param {any} Parser
   */
  function open(rules, bytes, Parser) {
    var review = rules.review;
    var ident = review.identity;
    var b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes || []);
    var entries = directory(b, review.limits);
    if (has(entries, "mimetype") && !has(entries, "xl/workbook.xml")) {
      var kind = new TextDecoder("utf-8").decode(inflate(b, entries.mimetype));
      throw new Stop(/opendocument/.test(kind) ? "ods" : "not_spreadsheet");
    }
    if (!has(entries, "xl/workbook.xml")) throw new Stop(has(entries, "content.xml") ? "ods" : "not_spreadsheet");
    if (!Parser) throw new Stop("no_parser");
    var parts = {
      read: function (/** @type {string} */ name) {
        return has(entries, name) ? inflate(b, entries[name]) : null;
      }
    };

    // The workbook: its sheets, where they are, the shared strings, the 1904 date system.
    var workbook = xml(parts, "xl/workbook.xml", Parser);
    var rels = xml(parts, "xl/_rels/workbook.xml.rels", Parser);
    /** @type {Object<string, {target: string, type: string}>} */
    var byId = {};
    kids(rels, "Relationship").forEach(function (rel) {
      byId[rel.getAttribute("Id")] = { target: resolve("xl/workbook.xml", rel.getAttribute("Target") || ""), type: rel.getAttribute("Type") || "" };
    });
    var pr = kid(workbook, "workbookPr");
    var date1904 = pr && /^(1|true)$/.test(pr.getAttribute("date1904") || "");
    var sheets = kids(kid(workbook, "sheets"), "sheet").map(function (s) {
      var rid = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id") || s.getAttribute("r:id");
      return { name: s.getAttribute("name") || "", path: byId[rid] ? byId[rid].target : "" };
    });
    /** @type {string[]} */
    var strings = [];
    var sharedPath = Object.keys(byId).map(function (k) {
      return byId[k];
    }).filter(function (rel) {
      return /\/sharedStrings$/.test(rel.type);
    })[0];
    var shared = xml(parts, sharedPath ? sharedPath.target : "xl/sharedStrings.xml", Parser);
    if (shared) strings = kids(shared, "si").map(runText);

    // What the file says it is: the hidden sheet, and the custom document properties.
    /** @type {Object<string, string>} */
    var said = {};
    /** @type {{id: string, text: string}[] | null} */
    var fileRows = null;
    var idSheet = sheets.filter(function (s) {
      return s.name === ident.sheet;
    })[0];
    if (idSheet) {
      var idCells = readCells(xml(parts, idSheet.path, Parser) || {}, strings);
      var numbers = Object.keys(idCells).map(Number).sort(function (x, y) {
        return x - y;
      });
      fileRows = [];
      numbers.forEach(function (n) {
        var a = idCells[n].A ? idCells[n].A.text : "";
        var v = idCells[n].B ? idCells[n].B.text : "";
        if (n <= ident.keys.length && ident.keys.indexOf(a) >= 0) said[a] = v;
        else if (n > ident.keys.length && a) /** @type {any[]} */ (fileRows).push({ id: a, text: v });
      });
    }
    var custom = xml(parts, "docProps/custom.xml", Parser);
    if (custom) {
      kids(custom, "property").forEach(function (p) {
        var name = p.getAttribute("name") || "";
        if (name.indexOf(ident.prefix) !== 0) return;
        var key = name.slice(ident.prefix.length);
        if (ident.keys.indexOf(key) >= 0 && !has(said, key)) said[key] = (p.textContent || "").trim();
      });
    }
    return { parts: parts, sheets: sheets, strings: strings, said: said, idSheet: idSheet, fileRows: fileRows, date1904: date1904 };
  }

  /** @param {any} rules @param {Uint8Array} bytes @param {any} Parser @param {any} out */
  function read(rules, bytes, Parser, out) {
    var review = rules.review;
    var ident = review.identity;
    var opened = open(rules, bytes, Parser);
    var parts = opened.parts, sheets = opened.sheets, strings = opened.strings, said = opened.said;
    var idSheet = opened.idSheet, fileRows = opened.fileRows, date1904 = opened.date1904;
    if (!said.checklist) throw new Stop("not_handbook");
    if (said.handbook !== ident.handbook) throw new Stop("other_handbook", { handbook: said.handbook || "?" });
    var checklist = checklistOf(rules, said.checklist);
    if (!checklist) throw new Stop("unknown_checklist", { checklist: said.checklist });
    var lang = said.lang === "en" ? "en" : "ja";
    out.checklist = said.checklist;
    out.lang = lang;
    out.revision = said.revision || null;
    out.fingerprint = said.fingerprint || null;

    // The sheet with the rows: the one whose hidden column holds most of the row ids.
    var best = null;
    var bestCount = -1;
    sheets.forEach(function (s) {
      if (s === idSheet || !s.path) return;
      var cells = readCells(xml(parts, s.path, Parser) || {}, strings);
      var count = 0;
      Object.keys(cells).forEach(function (n) {
        var id = cells[/** @type {any} */ (n)][ident.idColumn];
        if (id && checklist.rows.some(function (/** @type {any} */ r) {
          return r.id === id.text;
        })) count++;
      });
      if (count > bestCount) {
        best = cells;
        bestCount = count;
      }
    });
    /** @type {Object<string, any>} the cells of each row and particular, by id */
    var found = {};
    /** @type {string[]} ids in the order of the sheet */
    var order = [];
    if (best) {
      var sheetCells = /** @type {any} */ (best);
      Object.keys(sheetCells).map(Number).sort(function (x, y) {
        return x - y;
      }).forEach(function (n) {
        var id = sheetCells[n][ident.idColumn];
        if (id && id.text && !has(found, id.text)) {
          found[id.text] = sheetCells[n];
          order.push(id.text);
        }
      });
    }

    // Particulars: text as written; a date cell as YYYY-MM-DD.
    review.fields.forEach(function (/** @type {any} */ f) {
      var cells = found[f.id];
      var cell = cells && cells[ident.valueColumn];
      if (!cell) {
        out.particulars[f.id] = "";
        return;
      }
      if (cell.formula) out.problems.push(problem(rules, "formula", { cell: cell.ref }));
      var value = cell.text;
      if (f.kind === "date" && cell.type === "n" && !cell.formula && /^\d+(\.\d+)?$/.test(value)) {
        // a date cell: the serial number of Excel's 1900 (or 1904) date system
        value = core.isoOf(Math.floor(Number(value)) - 25569 + (date1904 ? 1462 : 0));
      } else if (f.kind === "date" && value) {
        // a date typed as text (令和7年4月1日, 2025/4/1, R7.4.1): read as the plan reads dates,
        // else kept as written
        var typed = core.readDate(value, rules);
        if (!typed.error && typed.value) value = typed.value;
      }
      out.particulars[f.id] = value;
    });

    // The rows the file was made with, against the data's rows now.
    var current = checklist.rows;
    /** @type {Object<string, string>} */
    var fileText = {};
    if (fileRows) {
      fileRows.forEach(function (r) {
        fileText[r.id] = r.text;
      });
    }
    var sameRevision = said.fingerprint === checklist.fingerprint[lang];
    if (!sameRevision || (said.revision && said.revision !== ident.revision)) {
      out.problems.push(problem(rules, "other_revision", { revision: said.revision || "?" }));
    }
    var seen = current.filter(function (/** @type {any} */ r) {
      return has(found, r.id);
    }).map(function (/** @type {any} */ r) {
      return r.id;
    });
    var inSheet = order.filter(function (id) {
      return seen.indexOf(id) >= 0;
    });
    if (inSheet.join("\n") !== seen.join("\n")) out.problems.push(problem(rules, "rows_moved"));

    current.forEach(function (/** @type {any} */ row) {
      var label = row.marker + " " + row.title[lang];
      var cells = found[row.id];
      /** @type {any} */
      var r = { id: row.id, item: row.item, marker: row.marker, answer: "", remark: "", finding: "unanswered", tailored: false, cell: null };
      out.rows.push(r);
      var written = has(fileText, row.id) ? fileText[row.id] : cells && cells[ident.questionColumn] ? cells[ident.questionColumn].text : null;
      if (!sameRevision && fileRows && !has(fileText, row.id)) {
        out.problems.push(problem(rules, "row_new", { row: label, rowId: row.id }));
        return;
      }
      if (!cells) {
        out.problems.push(problem(rules, "row_missing", { row: label, rowId: row.id }));
        return;
      }
      var answer = cells[ident.answerColumn];
      var remark = cells[ident.remarkColumn];
      r.answer = answer ? answer.text : "";
      r.remark = remark ? remark.text : "";
      r.cell = answer ? answer.ref : ident.answerColumn + (cells[ident.idColumn] ? cells[ident.idColumn].ref.replace(/^[A-Z]+/, "") : "");
      if (remark && remark.formula) out.problems.push(problem(rules, "formula", { cell: remark.ref }));
      if (!sameRevision && written !== null && written !== row.text[lang]) {
        r.finding = "unreadable";
        out.problems.push(problem(rules, "row_changed", { row: label, rowId: row.id }));
        return;
      }
      if (answer && answer.formula) {
        r.finding = "unreadable";
        out.problems.push(problem(rules, "formula", { cell: answer.ref, rowId: row.id }));
        return;
      }
      var f = findingOf(rules, r.answer);
      r.finding = f.finding;
      r.tailored = f.tailored;
    });
    out.result = proposedResult(rules, out.rows);
    out.ok = true;
  }

  /**
   * A checklist returned on paper, entered by hand: each row's answer as the contractor
   * marked it (a label of the answers, the excluded word, or blank).
   * @param {any} rules
   * @param {{checklist: string, lang: string, particulars?: Object<string, string>, answers?: Object<string, string>, remarks?: Object<string, string>}} entry
   */
  function reviewEntries(rules, entry) {
    var checklist = checklistOf(rules, entry.checklist);
    /** @type {any} */
    var out = { ok: false, checklist: entry.checklist, lang: entry.lang === "en" ? "en" : "ja", revision: rules.review.identity.revision, particulars: {}, rows: [], result: null, problems: [], manual: true };
    if (!checklist) {
      out.problems.push(problem(rules, "unknown_checklist", { checklist: String(entry.checklist) }));
      return out;
    }
    rules.review.fields.forEach(function (/** @type {any} */ f) {
      out.particulars[f.id] = String((entry.particulars || {})[f.id] || "");
    });
    checklist.rows.forEach(function (/** @type {any} */ row) {
      var answer = String((entry.answers || {})[row.id] || "");
      var f = findingOf(rules, answer);
      out.rows.push({ id: row.id, item: row.item, marker: row.marker, answer: answer, remark: String((entry.remarks || {})[row.id] || ""), finding: f.finding, tailored: f.tailored, cell: null });
    });
    out.result = proposedResult(rules, out.rows);
    out.ok = true;
    return out;
  }

  // ------------------------------------------------------------------ several files

  /** The contractor's name of a result (the particular filling the register's contractor). @param {any} rules @param {any} result */
  function contractorOf(rules, result) {
    var field = rules.review.fields.filter(function (/** @type {any} */ f) {
      return f.register === "contractor";
    })[0];
    return field ? String(result.particulars[field.id] || "") : "";
  }

  /**
   * The summary of several reviewed files: every item of their checklists, one line per
   * file with its findings and counts.
   * @param {any} rules @param {{name: string, result: any, resultId?: string}[]} files @param {"ja" | "en"} lang
   */
  function summary(rules, files, lang) {
    /** @type {{item: string, marker: string, title: string}[]} */
    var items = [];
    files.forEach(function (f) {
      f.result.rows.forEach(function (/** @type {any} */ r) {
        if (!items.some(function (i) {
          return i.item === r.item;
        })) {
          var row = checklistOf(rules, f.result.checklist).rows.filter(function (/** @type {any} */ x) {
            return x.id === r.id;
          })[0];
          items.push({ item: r.item, marker: r.marker, title: row ? row.title[lang] : r.item });
        }
      });
    });
    items.sort(function (a, b) {
      return a.item < b.item ? -1 : a.item > b.item ? 1 : 0;
    });
    var lines = files.map(function (f) {
      /** @type {Object<string, number>} */
      var counts = {};
      FINDINGS.forEach(function (x) {
        counts[x] = 0;
      });
      /** @type {Object<string, string | null>} */
      var byItem = {};
      items.forEach(function (i) {
        byItem[i.item] = null;
      });
      f.result.rows.forEach(function (/** @type {any} */ r) {
        counts[r.finding]++;
        byItem[r.item] = r.finding;
      });
      var resultId = f.resultId || f.result.result;
      var result = rules.review.results.filter(function (/** @type {any} */ x) {
        return x.id === resultId;
      })[0];
      return {
        name: f.name,
        contractor: contractorOf(rules, f.result),
        checklist: f.result.checklist,
        findings: byItem,
        counts: counts,
        result: result ? result.label[lang] : ""
      };
    });
    return { items: items, lines: lines, findings: FINDINGS.slice() };
  }

  /** The summary as CSV for Excel (UTF-8 with BOM, formulas neutralised).
   * @param {any} rules @param {{name: string, result: any, resultId?: string}[]} files @param {"ja" | "en"} lang */
  function summaryCsv(rules, files, lang) {
    var s = summary(rules, files, lang);
    var text = rules.review.text;
    var head = [text.colFile[lang], text.colContractor[lang]]
      .concat(s.items.map(function (i) {
        return i.marker + " " + i.title;
      }))
      .concat(FINDINGS.map(function (x) {
        return rules.review.findings[x][lang];
      }))
      .concat([text.colResult[lang]]);
    var lines = [core.csvLine(head)];
    s.lines.forEach(function (line) {
      lines.push(core.csvLine([line.name, line.contractor]
        .concat(s.items.map(function (i) {
          var f = line.findings[i.item];
          return f ? rules.review.findings[f][lang] : "";
        }))
        .concat(FINDINGS.map(function (x) {
          return String(line.counts[x]);
        }))
        .concat([line.result])));
    });
    return core.csvFile(lines);
  }

  /**
   * The register-of-contracts values one reviewed checklist gives (the columns the annual
   * plan reads; field names as the header, which the plan accepts in either language).
   * @param {any} rules @param {any} result
   * @param {{reviewDate?: string, resultId?: string, correctionDue?: string, lang: "ja" | "en"}} options
   */
  function registerValues(rules, result, options) {
    /** @type {Object<string, string>} */
    var values = {};
    rules.review.fields.forEach(function (/** @type {any} */ f) {
      if (f.register) values[f.register] = String(result.particulars[f.id] || "");
    });
    var checklist = checklistOf(rules, result.checklist);
    var date = options.reviewDate || "";
    var resultId = options.resultId || result.result;
    var chosen = rules.review.results.filter(function (/** @type {any} */ x) {
      return x.id === resultId;
    })[0];
    if (checklist && checklist.phase === "before_contract") {
      values.preChecked = date;
    } else if (checklist && checklist.phase === "during_contract") {
      values.lastCheck = date;
      values.lastResult = chosen ? chosen.label[options.lang] : "";
    }
    if (chosen && chosen.correction && options.correctionDue) values.correctionDue = options.correctionDue;
    return values;
  }

  /** The columns of several register lines, in the order first met. @param {Object<string, string>[]} list */
  function registerColumns(list) {
    /** @type {string[]} */
    var fields = [];
    list.forEach(function (v) {
      Object.keys(v).forEach(function (k) {
        if (fields.indexOf(k) < 0) fields.push(k);
      });
    });
    return fields;
  }

  /** Tab-separated lines with a header, to paste into Excel. @param {Object<string, string>[]} list */
  function registerTsv(list) {
    var fields = registerColumns(list);
    var cell = function (/** @type {string} */ v) {
      var text = String(v || "").replace(/[\t\r\n]+/g, " ");
      return /^[=+\-@]/.test(text) ? "'" + text : text;
    };
    return [fields.join("\t")].concat(list.map(function (v) {
      return fields.map(function (k) {
        return cell(v[k]);
      }).join("\t");
    })).join("\r\n") + "\r\n";
  }

  /** The same as CSV for Excel. @param {Object<string, string>[]} list */
  function registerCsv(list) {
    var fields = registerColumns(list);
    return core.csvFile([core.csvLine(fields)].concat(list.map(function (v) {
      return core.csvLine(fields.map(function (k) {
        return v[k] || "";
      }));
    })));
  }

  /**
   * Another form of the handbook returned as a spreadsheet (the corrective action plan):
   * the same checks of the container, then every sheet's cells by row number and column
   * letter ({text, type, formula, ref}) and what the file says it is. Never throws.
   * @param {any} rules @param {Uint8Array} bytes @param {any} [options]
   * @returns {{ok: boolean, said: Object<string, string>, sheets: {name: string, cells: any}[], date1904: boolean, problems: any[]}}
   */
  function readSheets(rules, bytes, options) {
    var Parser = (options && options.DOMParser) || DefaultParser;
    /** @type {any} */
    var out = { ok: false, said: {}, sheets: [], date1904: false, problems: [] };
    try {
      var opened = open(rules, bytes, Parser);
      out.said = opened.said;
      out.date1904 = Boolean(opened.date1904);
      opened.sheets.forEach(function (/** @type {any} */ s) {
        if (s === opened.idSheet || !s.path) return;
        out.sheets.push({ name: s.name, cells: readCells(xml(opened.parts, s.path, Parser) || {}, opened.strings) });
      });
      out.ok = true;
    } catch (e) {
      out.problems.push(e instanceof Stop ? problem(rules, e.code, e.params) : problem(rules, "damaged"));
    }
    return out;
  }

  return {
    FINDINGS: FINDINGS.slice(),
    readSheets: readSheets,
    reviewWorkbook: reviewWorkbook,
    reviewEntries: reviewEntries,
    findingOf: findingOf,
    proposedResult: proposedResult,
    summary: summary,
    summaryCsv: summaryCsv,
    registerValues: registerValues,
    registerTsv: registerTsv,
    registerCsv: registerCsv
  };
});
