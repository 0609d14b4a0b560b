// The page kit's spreadsheet editor (theme/assets/handbook/page-kit.js `workbook`), used by
// the checklist page (the tailored download) and the review page (the corrective action
// plan with its findings): cells written as inline text or numbers, a formula never made,
// a cell the sheet does not have left alone, everything else in the zip kept.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { DOMParser, XMLSerializer } = require("@xmldom/xmldom");
const fflate = require("fflate");

const ROOT = path.join(__dirname, "..", "..");
globalThis.DOMParser = DOMParser;
globalThis.XMLSerializer = XMLSerializer;
const kit = require(path.join(ROOT, "theme/assets/handbook/page-kit.js"));

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const SHEET = "xl/worksheets/sheet1.xml";
const SHEET_XML = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>` +
  `<row r="1"><c r="A1" t="s" s="2"><v>0</v></c><c r="B1"/></row><row r="2"><c r="B2" t="s"><v>1</v></c></row>` +
  `</sheetData></worksheet>`;

function island() {
  const zip = fflate.zipSync({ [SHEET]: new TextEncoder().encode(SHEET_XML), "xl/other.xml": new TextEncoder().encode("<x/>") });
  return { xlsx: Buffer.from(zip).toString("base64"), sheet: SHEET };
}

function cells(bytes) {
  const files = fflate.unzipSync(bytes);
  const doc = new DOMParser().parseFromString(new TextDecoder().decode(files[SHEET]), "application/xml");
  const out = {};
  for (const c of Array.from(doc.getElementsByTagNameNS(NS, "c"))) {
    out[c.getAttribute("r")] = { t: c.getAttribute("t"), s: c.getAttribute("s"), xml: new XMLSerializer().serializeToString(c) };
  }
  return { out, files };
}

test("text goes in as inline text, a number as a value; nothing becomes a formula", () => {
  const book = kit.workbook(island(), fflate);
  book.text("A1", "=1+1 <b>&", "7");
  book.text("B1", "  kept as typed  ");
  book.number("B2", 45748);
  book.text("Z9", "no such cell");
  const { out, files } = cells(book.bytes());
  assert.equal(out.A1.t, "inlineStr");
  assert.equal(out.A1.s, "7");
  assert.match(out.A1.xml, /<is><t xml:space="preserve">=1\+1 &lt;b(>|&gt;)&amp;<\/t><\/is>/);
  assert.doesNotMatch(out.A1.xml, /<f>|<v>/);
  assert.match(out.B1.xml, /<t xml:space="preserve"> {2}kept as typed {2}<\/t>/);
  assert.equal(out.B2.t, null);
  assert.match(out.B2.xml, /<v>45748<\/v>/);
  assert.deepEqual(Object.keys(out).sort(), ["A1", "B1", "B2"]);
  assert.equal(new TextDecoder().decode(files["xl/other.xml"]), "<x/>");
});
