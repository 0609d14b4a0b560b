// The review of a returned checklist (the site's assets/handbook/review.js) on the site's own
// spreadsheets, changed as a contractor, an older handbook or an attacker would change them:
// every file that cannot be reviewed gets its own message in both languages and never
// throws or hangs; a file that can be partly reviewed is, with the rows that differ named.
// (Files filled with openpyxl and saved by LibreOffice: tests/site/test_review_roundtrip.py.)
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const review = require(path.join(SITE, "assets/handbook/review.js"));
const fflate = require(path.join(SITE, "assets/vendor/fflate/fflate.js"));

const R = rules.review;
const ids = Object.keys(R.checklists);
const sheetOf = (lang, id) => fs.readFileSync(path.join(SITE, lang === "en" ? "en" : "", "checklists", `${id}.xlsx`));
const enc = (s) => new TextEncoder().encode(s);
const dec = (b) => new TextDecoder().decode(b);
const correctionId = R.results.find((r) => r.correction).id;
const adequateId = R.results.find((r) => !r.correction).id;
const answer = (finding, lang) => R.answers.find((a) => a.finding === finding).label[lang];

/** The site's spreadsheet with its parts changed by `edit(parts)` (name -> text). */
function edited(lang, id, edit) {
  const files = fflate.unzipSync(new Uint8Array(sheetOf(lang, id)));
  const parts = {};
  for (const [name, bytes] of Object.entries(files)) parts[name] = dec(bytes);
  edit(parts);
  const out = {};
  for (const [name, text] of Object.entries(parts)) if (text !== null) out[name] = enc(text);
  return fflate.zipSync(out);
}

/** Put `value` as an inline string into cell `ref` of the checklist sheet. */
function setCell(parts, ref, value) {
  const sheet = "xl/worksheets/sheet1.xml";
  const re = new RegExp(`<c r="${ref}"([^>]*?)(/>|>.*?</c>)`);
  assert.ok(re.test(parts[sheet]), `no cell ${ref}`);
  const esc = value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  parts[sheet] = parts[sheet].replace(re, (m, attrs) => `<c r="${ref}"${attrs.replace(/ t="\w+"/, "")} t="inlineStr"><is><t xml:space="preserve">${esc}</t></is></c>`);
}

/** The sheet row of each id in the hidden column. */
function rowsOf(parts) {
  const out = {};
  const re = /<c r="F(\d+)"[^>]*><is><t>([^<]+)<\/t><\/is><\/c>/g;
  let m;
  while ((m = re.exec(parts["xl/worksheets/sheet1.xml"]))) out[m[2]] = Number(m[1]);
  return out;
}

function codes(result) {
  return result.problems.map((p) => p.code);
}

function assertMessages(result) {
  for (const p of result.problems) {
    assert.ok(p.message.ja && p.message.en, `message in both languages for ${p.code}`);
    assert.ok(!/\{[a-z]+\}/i.test(p.message.ja + p.message.en), `filled message for ${p.code}: ${p.message.en}`);
  }
}

/** The review, which must end quickly and never throw. */
function timed(bytes) {
  const t = Date.now();
  const result = review.reviewWorkbook(rules, bytes);
  const ms = Date.now() - t;
  assert.ok(ms < 3000, `took ${ms} ms`);
  assertMessages(result);
  return result;
}

test("every checklist of the site, blank, is read with every row unanswered and the correction result proposed", () => {
  for (const lang of ["ja", "en"]) {
    for (const id of ids) {
      const r = timed(new Uint8Array(sheetOf(lang, id)));
      assert.equal(r.ok, true, JSON.stringify(r.problems));
      assert.equal(r.checklist, id);
      assert.equal(r.lang, lang);
      assert.equal(r.revision, R.identity.revision);
      assert.deepEqual(r.rows.map((x) => x.id), R.checklists[id].rows.map((x) => x.id));
      assert.ok(r.rows.every((x) => x.finding === "unanswered"));
      assert.equal(r.result, correctionId);
      assert.deepEqual(r.problems, []);
    }
  }
});

test("each answer gives the finding the data gives it, in the file's language; typed-over values are unreadable", () => {
  for (const lang of ["ja", "en"]) {
    const id = ids[0];
    const rows = R.checklists[id].rows;
    const values = [answer("adequate", lang), answer("correction", lang), answer("not_applicable", lang), "", "maybe", R.excluded[lang]];
    const bytes = edited(lang, id, (parts) => {
      const at = rowsOf(parts);
      values.forEach((v, i) => v && setCell(parts, `D${at[rows[i].id]}`, v));
      setCell(parts, `E${at[rows[0].id]}`, "one\ntwo");
    });
    const r = timed(bytes);
    assert.deepEqual(r.rows.slice(0, 6).map((x) => x.finding), ["adequate", "correction", "not_applicable", "unanswered", "unreadable", "not_applicable"]);
    assert.equal(r.rows[4].answer, "maybe"); // shown as typed
    assert.equal(r.rows[5].tailored, true); // tailored out: shown so that staff confirm it
    assert.equal(r.rows[0].remark, "one\ntwo");
    assert.equal(r.result, correctionId);
  }
});

test("all rows answered yes or not applicable propose the adequate result", () => {
  const id = ids[1];
  const bytes = edited("ja", id, (parts) => {
    const at = rowsOf(parts);
    R.checklists[id].rows.forEach((row, i) => setCell(parts, `D${at[row.id]}`, answer(i % 2 ? "not_applicable" : "adequate", "ja")));
  });
  const r = timed(bytes);
  assert.equal(r.result, adequateId);
});

test("a formula is never evaluated: its cached value is read as text, and the cell is named", () => {
  const id = ids[0];
  const bytes = edited("ja", id, (parts) => {
    const at = rowsOf(parts);
    const ref = `D${at[R.checklists[id].rows[0].id]}`;
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(new RegExp(`<c r="${ref}"( s="\\d+")[^>]*?/>`), `<c r="${ref}"$1 t="str"><f>IF(1,"${answer("adequate", "ja")}")</f><v>${answer("adequate", "ja")}</v></c>`);
  });
  const r = timed(bytes);
  assert.equal(r.rows[0].answer, answer("adequate", "ja"));
  assert.equal(r.rows[0].finding, "unreadable");
  assert.deepEqual(codes(r), ["formula"]);
  assert.match(r.problems[0].message.en, /D\d+/);
});

test("a date typed as text is read as a date; anything else is kept as written", () => {
  const date = R.fields.find((f) => f.kind === "date").id;
  for (const [typed, expected] of [["令和7年4月1日", "2025-04-01"], ["2025/4/1", "2025-04-01"], ["来週", "来週"]]) {
    const bytes = edited("ja", ids[0], (parts) => setCell(parts, `C${rowsOf(parts)[date]}`, typed));
    assert.equal(timed(bytes).particulars[date], expected);
  }
});

test("rows moved are still found by their ids, and the move is said", () => {
  const id = ids[0];
  const bytes = edited("ja", id, (parts) => {
    const at = rowsOf(parts);
    const [a, b] = R.checklists[id].rows;
    setCell(parts, `D${at[a.id]}`, answer("correction", "ja"));
    // swap the two rows' ids, questions and answers, as moving whole rows does
    let sheet = parts["xl/worksheets/sheet1.xml"];
    sheet = sheet.replace(`<row r="${at[a.id]}"`, "<row r=\"TMP\"").replace(`<row r="${at[b.id]}"`, `<row r="${at[a.id]}"`).replace("<row r=\"TMP\"", `<row r="${at[b.id]}"`);
    sheet = sheet.replace(new RegExp(`r="([A-F])${at[a.id]}"`, "g"), 'r="$1X"').replace(new RegExp(`r="([A-F])${at[b.id]}"`, "g"), `r="$1${at[a.id]}"`).replace(/r="([A-F])X"/g, `r="$1${at[b.id]}"`);
    parts["xl/worksheets/sheet1.xml"] = sheet;
  });
  const r = timed(bytes);
  assert.equal(r.ok, true);
  assert.deepEqual(codes(r), ["rows_moved"]);
  assert.equal(r.rows[0].finding, "correction");
});

test("a deleted row is named and counts as unanswered", () => {
  const id = ids[0];
  const gone = R.checklists[id].rows[2];
  const bytes = edited("ja", id, (parts) => {
    const at = rowsOf(parts);
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(new RegExp(`<row r="${at[gone.id]}"[^>]*>.*?</row>`), "");
  });
  const r = timed(bytes);
  assert.deepEqual(codes(r), ["row_missing"]);
  assert.equal(r.problems[0].row, gone.id);
  assert.ok(r.problems[0].message.ja.includes(gone.marker));
  assert.equal(r.rows[2].finding, "unanswered");
});

test("a file from an older revision: the rows whose ids and texts match are reviewed, the others named", () => {
  const id = ids[0];
  const rows = R.checklists[id].rows;
  const changed = rows[1];
  const bytes = edited("ja", id, (parts) => {
    const at = rowsOf(parts);
    rows.forEach((row) => setCell(parts, `D${at[row.id]}`, answer("adequate", "ja")));
    const old = "（旧）" + changed.text.ja;
    const hidden = "xl/worksheets/sheet2.xml";
    parts[hidden] = parts[hidden].replace(changed.text.ja, old).replace(R.checklists[id].fingerprint.ja, "0000000000000000").replace(R.identity.revision, "rev-old");
    parts["docProps/custom.xml"] = parts["docProps/custom.xml"].replace(R.identity.revision, "rev-old").replace(R.checklists[id].fingerprint.ja, "0000000000000000");
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(changed.text.ja, old);
  });
  const r = timed(bytes);
  assert.equal(r.ok, true);
  assert.deepEqual(codes(r), ["other_revision", "row_changed"]);
  assert.match(r.problems[0].message.en, /rev-old/);
  assert.equal(r.problems[1].row, changed.id);
  assert.deepEqual(r.rows.map((x) => x.finding), rows.map((x) => (x.id === changed.id ? "unreadable" : "adequate")));
});

test("another checklist's, another handbook's, or an unmarked workbook is refused with its reason", () => {
  const other = edited("ja", ids[0], (parts) => {
    for (const name of ["xl/worksheets/sheet2.xml", "docProps/custom.xml"]) parts[name] = parts[name].replace(`>${ids[0]}<`, ">another-list<");
  });
  let r = timed(other);
  assert.equal(r.ok, false);
  assert.deepEqual(codes(r), ["unknown_checklist"]);
  assert.match(r.problems[0].message.ja, /another-list/);

  const foreign = edited("ja", ids[0], (parts) => {
    for (const name of ["xl/worksheets/sheet2.xml", "docProps/custom.xml"]) parts[name] = parts[name].replace(R.identity.handbook, "別の市の基準");
  });
  r = timed(foreign);
  assert.deepEqual(codes(r), ["other_handbook"]);
  assert.match(r.problems[0].message.en, /別の市の基準/);

  const plain = edited("ja", ids[0], (parts) => {
    parts["docProps/custom.xml"] = null;
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(`name="${R.identity.sheet}"`, 'name="Sheet2"');
  });
  r = timed(plain);
  assert.deepEqual(codes(r), ["not_handbook"]);
});

test("the identity is read from either place alone", () => {
  const propsOnly = edited("en", ids[1], (parts) => {
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(`name="${R.identity.sheet}"`, 'name="Sheet2"');
  });
  let r = timed(propsOnly);
  assert.equal(r.ok, true);
  assert.equal(r.checklist, ids[1]);
  assert.equal(r.lang, "en");
  const sheetOnly = edited("en", ids[1], (parts) => {
    parts["docProps/custom.xml"] = null;
  });
  r = timed(sheetOnly);
  assert.equal(r.ok, true);
  assert.equal(r.checklist, ids[1]);
});

test("XML with a DOCTYPE is refused before it is parsed", () => {
  for (const part of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "docProps/custom.xml"]) {
    const bytes = edited("ja", ids[0], (parts) => {
      parts[part] = parts[part].replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>');
    });
    const r = timed(bytes);
    assert.deepEqual(codes(r), ["doctype"], part);
  }
});

/** A zip whose central directory and local header declare `usize` for its one entry. */
function withDeclaredSize(zip, usize) {
  const b = new Uint8Array(zip);
  const dv = new DataView(b.buffer);
  for (let i = 0; i + 4 <= b.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) dv.setUint32(i + 22, usize, true);
    if (sig === 0x02014b50) dv.setUint32(i + 24, usize, true);
  }
  return b;
}

test("zip bombs are refused from the directory, or stopped at the declared size, without hanging", () => {
  const zeros = new Uint8Array(60 * 1024 * 1024);
  // honest sizes: one entry of 60 MB
  let r = timed(fflate.zipSync({ "xl/workbook.xml": zeros, "[Content_Types].xml": enc("<x/>") }, { level: 9 }));
  assert.deepEqual(codes(r), ["zip_limit"]);
  // many entries
  const many = {};
  for (let i = 0; i < R.limits.maxEntries + 1; i++) many[`xl/x${i}.xml`] = enc("<x/>");
  many["xl/workbook.xml"] = enc("<workbook/>");
  r = timed(fflate.zipSync(many));
  assert.deepEqual(codes(r), ["zip_limit"]);
  // entries each under the limit, together over it
  const part = new Uint8Array(R.limits.maxEntryBytes - 1);
  r = timed(fflate.zipSync({ "xl/workbook.xml": enc("<workbook/>"), "a.bin": part, "b.bin": part, "c.bin": part }, { level: 9 }));
  assert.deepEqual(codes(r), ["zip_limit"]);
  // a lying entry: declares 1 KB, inflates to 60 MB; inflating stops at the declared size
  const liar = withDeclaredSize(fflate.zipSync({ "xl/workbook.xml": zeros }, { level: 9 }), 1024);
  r = timed(liar);
  assert.deepEqual(codes(r), ["zip_limit"]);
  // a ratio no deflate stream can have
  const ratio = withDeclaredSize(fflate.zipSync({ "xl/workbook.xml": enc("<workbook/>") }, { level: 6 }), 19 * 1024 * 1024);
  r = timed(ratio);
  assert.deepEqual(codes(r), ["zip_limit"]);
});

/** A minimal OLE compound file header with directory names (UTF-16LE). */
function cfb(names) {
  const head = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const body = [];
  for (const name of names) for (const ch of name) body.push(ch.charCodeAt(0), 0);
  const out = new Uint8Array(4096);
  out.set(head, 0);
  out.set(body, 1024);
  return out;
}

test("an encrypted workbook, an old .xls, an .ods, a damaged, empty, huge or non-spreadsheet file each get their message", () => {
  const cases = [
    [cfb(["EncryptionInfo", "EncryptedPackage"]), "encrypted"],
    [cfb(["Workbook", "SummaryInformation"]), "xls"],
    [fflate.zipSync({ mimetype: [enc("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": enc("<x/>") }), "ods"],
    [fflate.zipSync({ "word/document.xml": enc("<x/>") }), "not_spreadsheet"],
    [enc("name,type\nA,B\n"), "not_spreadsheet"],
    [new Uint8Array(0), "empty"],
    [new Uint8Array(R.limits.maxFileBytes + 1), "too_large"],
    [new Uint8Array(sheetOf("ja", ids[0])).subarray(0, 3000), "damaged"]
  ];
  // a zip entry marked encrypted (ZipCrypto)
  const flagged = new Uint8Array(sheetOf("ja", ids[0]));
  const dv = new DataView(flagged.buffer);
  for (let i = 0; i + 4 <= flagged.length; i++) if (dv.getUint32(i, true) === 0x02014b50) dv.setUint16(i + 8, dv.getUint16(i + 8, true) | 1, true);
  cases.push([flagged, "encrypted"]);
  for (const [bytes, code] of cases) {
    const r = timed(bytes);
    assert.equal(r.ok, false, code);
    assert.deepEqual(codes(r), [code]);
    assert.deepEqual(r.rows, []);
  }
  assert.match(timed(new Uint8Array(R.limits.maxFileBytes + 1)).problems[0].message.en, /10 MB/);
});

test("a paper return entered by hand gets the same findings as a file", () => {
  const id = ids[0];
  const rows = R.checklists[id].rows;
  const answers = { [rows[0].id]: answer("adequate", "ja"), [rows[1].id]: answer("correction", "ja"), [rows[2].id]: R.excluded.ja };
  const r = review.reviewEntries(rules, { checklist: id, lang: "ja", particulars: { [R.fields[0].id]: "業務" }, answers, remarks: { [rows[0].id]: "備考" } });
  assert.equal(r.ok, true);
  assert.deepEqual(r.rows.slice(0, 4).map((x) => x.finding), ["adequate", "correction", "not_applicable", "unanswered"]);
  assert.equal(r.rows[2].tailored, true);
  assert.equal(r.result, correctionId);
  assert.equal(r.particulars[R.fields[0].id], "業務");
});

test("the summary and its CSV: contractors by items, counts, formulas neutralised, UTF-8 with BOM", () => {
  const id = ids[0];
  const rows = R.checklists[id].rows;
  const contractor = R.fields.find((f) => f.register === "contractor").id;
  const a = review.reviewEntries(rules, { checklist: id, lang: "ja", particulars: { [contractor]: "=HYPERLINK(\"x\")" }, answers: { [rows[0].id]: answer("correction", "ja") } });
  const b = review.reviewEntries(rules, { checklist: id, lang: "ja", particulars: { [contractor]: "株式会社,テスト" }, answers: Object.fromEntries(rows.map((x) => [x.id, answer("adequate", "ja")])) });
  const files = [{ name: "a.xlsx", result: a }, { name: "b.xlsx", result: b, resultId: adequateId }];
  const s = review.summary(rules, files, "ja");
  assert.deepEqual(s.items.map((i) => i.marker), rows.map((x) => x.marker));
  assert.equal(s.lines[0].counts.correction, 1);
  assert.equal(s.lines[0].counts.unanswered, rows.length - 1);
  assert.equal(s.lines[1].counts.adequate, rows.length);
  const csv = review.summaryCsv(rules, files, "ja");
  assert.ok(csv.startsWith("\uFEFF"));
  const lines = csv.slice(1).trim().split("\r\n");
  assert.equal(lines.length, 3);
  assert.ok(lines[1].startsWith(`a.xlsx,"'=HYPERLINK(""x"")"`), lines[1]);
  assert.ok(lines[2].includes('"株式会社,テスト"'));
  assert.ok(lines[1].includes(R.findings.correction.ja) && lines[1].includes(R.findings.unanswered.ja));
});

test("register values: the work and contractor, and the review date in the column the checklist's phase fills", () => {
  const byPhase = {};
  for (const id of ids) byPhase[R.checklists[id].phase] = id;
  const name = R.fields.find((f) => f.register === "name").id;
  const contractor = R.fields.find((f) => f.register === "contractor").id;
  const before = review.reviewEntries(rules, { checklist: byPhase.before_contract, lang: "ja", particulars: { [name]: "業務A", [contractor]: "=業者" } });
  const during = review.reviewEntries(rules, { checklist: byPhase.during_contract, lang: "en", particulars: { [name]: "Work B" } });
  const v1 = review.registerValues(rules, before, { reviewDate: "2025-05-01", lang: "ja" });
  assert.deepEqual(v1, { name: "業務A", contractor: "=業者", preChecked: "2025-05-01" });
  const v2 = review.registerValues(rules, during, { reviewDate: "2025-10-01", resultId: correctionId, correctionDue: "2025-11-01", lang: "en" });
  assert.deepEqual(v2, { name: "Work B", contractor: "", lastCheck: "2025-10-01", lastResult: R.results.find((r) => r.correction).label.en, correctionDue: "2025-11-01" });
  const tsv = review.registerTsv([v1, v2]).split("\r\n");
  assert.equal(tsv[0], "name\tcontractor\tpreChecked\tlastCheck\tlastResult\tcorrectionDue");
  assert.equal(tsv[1], "業務A\t'=業者\t2025-05-01\t\t\t");
  assert.ok(review.registerCsv([v1, v2]).startsWith("\uFEFFname,contractor"));
});
