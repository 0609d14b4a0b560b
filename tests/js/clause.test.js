// The clause generator's promises, checked against clause.js and the built rules.json.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const SCRIPT = path.join(ROOT, "theme/assets/handbook/clause.js");
const { renderClause, renderOutline } = require(SCRIPT);

const TYPES = ["contract", "agreement", "without_contract_document"];
const NUMERALS = ["arabic", "kanji"];
const BAD_WORDS = ["undefined", "NaN", "null", "[object"];

function decode(html) {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

// The standard's model clause as the built standard page shows it (heading line, then
// article and sentence), independent of the clause generator's data.
function standardClause(page) {
  const html = fs.readFileSync(path.join(SITE, page), "utf8");
  const block = html.match(/<div class="hb-clause" id="s4-3-clause"[\s\S]*?<\/div>/);
  assert.ok(block, `s4-3-clause not found in ${page}`);
  const heading = block[0].match(/<p class="hb-clause__heading">([\s\S]*?)<\/p>/)[1];
  const line = block[0].match(/<p class="hb-clause__text">([\s\S]*?) <a class="hb-anchor"/)[1];
  return decode(heading) + "\n" + decode(line);
}

// The municipality's name, read from the data (the agreement's second party by default).
function municipality() {
  const text = fs.readFileSync(path.join(ROOT, "data/document.yaml"), "utf8");
  const m = text.match(/^municipality:\s*\n\s+ja:\s*(.+)\n\s+en:\s*(.+)$/m);
  return { ja: m[1].trim(), en: m[2].trim() };
}

function assertClean(result, what) {
  for (const lang of ["ja", "en"]) {
    assert.equal(typeof result[lang], "string", `${what}: ${lang} is text`);
    for (const word of BAD_WORDS) {
      assert.ok(!result[lang].includes(word), `${what}: ${lang} contains ${word}: ${result[lang].slice(0, 80)}`);
    }
    assert.ok(!/\{[A-Za-z]+\}/.test(result[lang]), `${what}: a placeholder is left in ${lang}`);
  }
}

// Kanji numerals written by hand (the usual way of writing article numbers: no 一 before
// 十, 百 or 千, and no zero).
const KANJI = {
  1: "一", 2: "二", 3: "三", 9: "九", 10: "十", 11: "十一", 12: "十二", 19: "十九", 20: "二十",
  21: "二十一", 27: "二十七", 30: "三十", 99: "九十九", 100: "百", 101: "百一", 105: "百五",
  110: "百十", 111: "百十一", 120: "百二十", 200: "二百", 230: "二百三十", 999: "九百九十九",
  1000: "千", 1001: "千一", 1010: "千十", 1011: "千十一", 1100: "千百", 1203: "千二百三",
  2000: "二千", 2024: "二千二十四", 3456: "三千四百五十六", 5005: "五千五", 7070: "七千七十",
  8800: "八千八百", 9009: "九千九", 9999: "九千九百九十九",
};

// An independent reader of kanji numerals, for the round trip.
function parseKanji(s) {
  const digit = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const unit = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let pending = 0;
  for (const ch of s) {
    if (ch in digit) pending = digit[ch];
    else if (ch in unit) {
      total += (pending || 1) * unit[ch];
      pending = 0;
    } else return NaN;
  }
  return total + pending;
}

const KANJI_SHAPE = /^(?:[二三四五六七八九]?千)?(?:[二三四五六七八九]?百)?(?:[二三四五六七八九]?十)?[一二三四五六七八九]?$/;

test("the contract clause with no choices is the standard's model clause, word for word", () => {
  const ja = standardClause("standard/s4.html");
  const en = standardClause("en/standard/s4.html");
  for (const input of [{}, { documentType: "contract" }, { documentType: "contract", article: null, numerals: "arabic" },
    { documentType: "contract", numerals: "kanji" }, { documentType: "contract", partyA: "", partyB: "  " }]) {
    const r = renderClause(rules, input);
    assert.equal(r.ja, ja);
    assert.equal(r.en, en);
    assert.deepEqual(r.errors, []);
    assert.equal(r.model, false);
    assert.equal(r.source, "s4-3-clause");
  }
  assert.ok(ja.startsWith("（個人情報の保護）\n第〇条 受注者及び発注者は、"), ja);
});

test("every document type and numeral style gives a clean clause with the right article", () => {
  const city = municipality();
  for (const documentType of TYPES) {
    for (const numerals of NUMERALS) {
      for (const article of [null, 1, 12, 27, 110]) {
        const r = renderClause(rules, { documentType, article, numerals });
        const what = `${documentType}/${numerals}/${article}`;
        assertClean(r, what);
        assert.deepEqual(r.errors, [], what);
        assert.equal(r.documentType, documentType);
        const [heading, line, ...rest] = r.ja.split("\n");
        assert.deepEqual(rest, [], `${what}: two lines`);
        assert.match(heading, /^（.+）$/, what);
        const jaArticle = line.match(/^第(.+?)条 /);
        const enArticle = r.en.split("\n")[1].match(/^Article (\S+) /);
        if (documentType === "without_contract_document") {
          assert.equal(jaArticle, null, `${what}: no article number`);
          assert.equal(enArticle, null, `${what}: no article number in English`);
          assert.equal(r.warnings.length, article === null ? 0 : 1, `${what}: an unused number is reported`);
          assert.equal(r.model, true);
          assert.ok(r.ja.includes("契約書を作成しない") && r.ja.includes("交付"), r.ja);
        } else {
          const expected = article === null ? "〇" : numerals === "kanji" ? KANJI[article] : String(article);
          assert.equal(jaArticle && jaArticle[1], expected, what);
          assert.equal(enArticle && enArticle[1], article === null ? "○" : String(article), what);
          assert.deepEqual(r.warnings, [], what);
        }
        if (documentType === "agreement") {
          assert.equal(r.model, true);
          assert.ok(line.includes(`指定管理者及び${city.ja}は、この協定による`), line);
          assert.ok(r.en.includes(`the designated manager and ${city.en}`), r.en);
          assert.ok(!r.ja.includes("受注者") && !r.ja.includes("発注者"), r.ja);
        }
      }
    }
  }
});

test("kanji article numbers match the hand-written table", () => {
  for (const [n, kanji] of Object.entries(KANJI)) {
    const r = renderClause(rules, { documentType: "contract", article: Number(n), numerals: "kanji" });
    assert.ok(r.ja.split("\n")[1].startsWith(`第${kanji}条 `), `${n}: ${r.ja}`);
    assert.ok(r.en.split("\n")[1].startsWith(`Article ${n} `), `${n}: ${r.en}`);
    const a = renderClause(rules, { documentType: "contract", article: Number(n), numerals: "arabic" });
    assert.ok(a.ja.split("\n")[1].startsWith(`第${n}条 `), `${n}: ${a.ja}`);
  }
});

test("every article number 1–9999 is written in well-formed kanji that reads back to the number", () => {
  for (let n = 1; n <= 9999; n++) {
    const r = renderClause(rules, { documentType: "agreement", article: n, numerals: "kanji" });
    const kanji = r.article.ja.match(/^第(.+)条$/)[1];
    assert.ok(KANJI_SHAPE.test(kanji), `${n}: ${kanji}`);
    assert.ok(!/[〇零0-9]/.test(kanji), `${n}: ${kanji}`);
    assert.equal(parseKanji(kanji), n, `${n}: ${kanji}`);
    assert.equal(r.article.en, `Article ${n}`);
  }
});

test("party names may be given; they are used as text, never as templates", () => {
  const r = renderClause(rules, { documentType: "contract", partyA: "乙", partyB: " 甲 " });
  assert.ok(r.ja.includes("\n第〇条 乙及び甲は、"), r.ja);
  assert.ok(r.en.includes("Where 乙 and 甲 handle"), r.en);
  const tricky = renderClause(rules, { documentType: "contract", partyA: "{partyB}", partyB: "$&$1" });
  assert.deepEqual(tricky.errors, []);
  assert.ok(tricky.ja.includes("{partyB}及び$&$1は"), tricky.ja);
  const fullWidth = renderClause(rules, { article: "１２" });
  assert.ok(fullWidth.ja.includes("第12条"), fullWidth.ja);
  assert.deepEqual(renderClause(rules, { article: " 27 " }).articleNumber, 27);
});

test("bad input never throws, falls back to the defaults and says why in both languages", () => {
  const defaults = renderClause(rules, {});
  const huge = "9".repeat(1_000_000);
  const cases = [
    [{ documentType: "lease" }, "documentType"],
    [{ documentType: "CONTRACT" }, "documentType"],
    [{ documentType: 42 }, "documentType"],
    [{ documentType: {} }, "documentType"],
    [{ documentType: ["contract"] }, "documentType"],
    [{ documentType: "<script>alert(1)</script>" }, "documentType"],
    [{ documentType: huge }, "documentType"],
    [{ documentType: "toString" }, "documentType"],
    [{ documentType: "__proto__" }, "documentType"],
    [{ article: 0 }, "article"],
    [{ article: -1 }, "article"],
    [{ article: 10000 }, "article"],
    [{ article: 1.5 }, "article"],
    [{ article: "abc" }, "article"],
    [{ article: "12abc" }, "article"],
    [{ article: "1e3" }, "article"],
    [{ article: "0x10" }, "article"],
    [{ article: "-5" }, "article"],
    [{ article: "0" }, "article"],
    [{ article: NaN }, "article"],
    [{ article: Infinity }, "article"],
    [{ article: {} }, "article"],
    [{ article: [12] }, "article"],
    [{ article: true }, "article"],
    [{ article: huge }, "article"],
    [{ numerals: "roman" }, "numerals"],
    [{ numerals: 1 }, "numerals"],
    [{ numerals: {} }, "numerals"],
    [{ partyA: "x".repeat(31) }, "partyA"],
    [{ partyA: "a\nb" }, "partyA"],
    [{ partyA: {} }, "partyA"],
    [{ partyA: huge }, "partyA"],
    [{ partyB: 7 }, "partyB"],
    [{ partyB: "a\u2028b" }, "partyB"],
    [{ partyB: "a\tb" }, "partyB"],
    ["contract", "input"],
    [42, "input"],
    [["contract"], "input"],
  ];
  for (const [input, field] of cases) {
    const what = JSON.stringify(input).slice(0, 60);
    let r;
    assert.doesNotThrow(() => {
      r = renderClause(rules, input);
    }, what);
    assertClean(r, what);
    assert.equal(r.errors.length, 1, `${what}: ${JSON.stringify(r.errors)}`);
    assert.equal(r.errors[0].field, field, what);
    for (const lang of ["ja", "en"]) {
      const message = r.errors[0].message[lang];
      assert.ok(message.length > 0, `${what}: message in ${lang}`);
      assert.ok(!/\{[a-z]+\}/i.test(message) && !message.includes("undefined"), `${what}: ${message}`);
      assert.ok(message.length < 300, `${what}: the message does not repeat the input`);
    }
    // The text is the default one; only a party or the article may differ from it.
    if (["documentType", "numerals", "input", "article"].includes(field)) {
      assert.equal(r.ja, defaults.ja, what);
      assert.equal(r.en, defaults.en, what);
    }
  }
  // Nothing given is not a mistake: the defaults, without complaint.
  for (const input of [undefined, null, {}, { article: null }, { article: "" }, { documentType: "" }, { numerals: null }]) {
    const r = renderClause(rules, input);
    assert.equal(r.ja, defaults.ja);
    assert.deepEqual(r.errors, []);
  }
  // Several mistakes at once are all reported.
  const many = renderClause(rules, { documentType: "x", article: "y", numerals: "z", partyA: {}, partyB: [] });
  assert.deepEqual(many.errors.map((e) => e.field).sort(), ["article", "documentType", "numerals", "partyA", "partyB"]);
  // Broken rules or a hostile input object: still no exception.
  const hostile = new Proxy({}, { get() { throw new Error("boom"); }, has() { throw new Error("boom"); },
    getOwnPropertyDescriptor() { throw new Error("boom"); } });
  for (const [r, i] of [[null, {}], [{}, {}], [{ clause: null }, {}], [{ clause: "x" }, {}], [rules, hostile]]) {
    let out;
    assert.doesNotThrow(() => {
      out = renderClause(r, i);
    });
    assertClean(out, "broken rules");
    assert.ok(out.errors.length > 0);
  }
});

test("the model outline has one article per item ①–⑨, with the chosen parties and numerals", () => {
  const contract = renderOutline(rules, {});
  assert.equal(contract.articles.length, 9);
  assert.deepEqual(contract.articles.map((a) => a.item), ["item-1", "item-2", "item-3", "item-4", "item-5", "item-6", "item-7", "item-8", "item-9"]);
  assert.deepEqual(contract.articles.map((a) => a.source), [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `s3-1-item${n}`));
  const numbers = [...contract.ja.matchAll(/^第(\d+)条 /gm)].map((m) => Number(m[1]));
  assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.ok(contract.ja.startsWith(rules.clause.outline.title.ja + "\n\n（"), contract.ja.slice(0, 40));
  for (const documentType of TYPES) {
    for (const numerals of NUMERALS) {
      const o = renderOutline(rules, { documentType, numerals });
      assertClean(o, `outline ${documentType}/${numerals}`);
      if (numerals === "kanji") {
        const kanji = [...o.ja.matchAll(/^第(.+?)条 /gm)].map((m) => m[1]);
        assert.deepEqual(kanji, ["一", "二", "三", "四", "五", "六", "七", "八", "九"]);
      }
      if (documentType === "agreement") {
        assert.ok(o.ja.includes("指定管理者は") && o.ja.includes("この協定"), o.ja);
        assert.ok(!o.ja.includes("受注者") && !o.ja.includes("この契約"), o.ja);
      } else {
        assert.ok(o.ja.includes("受注者は") && o.ja.includes("発注者の承諾"), o.ja);
      }
    }
  }
  const named = renderOutline(rules, { partyA: "乙", partyB: "甲" });
  assert.ok(named.ja.includes("乙は、この契約による業務を第三者に再委託してはならない"), named.ja);
  // English sentences never start with a lower-case party name.
  for (const documentType of TYPES) {
    const o = renderOutline(rules, { documentType });
    assert.ok(!/(^|[.!?]\s+)[a-z]/m.test(o.en), o.en);
    const c = renderClause(rules, { documentType });
    assert.ok(!/(^|[.!?]\s+)[a-z]/m.test(c.en), c.en);
  }
});

test("clause.js works as a classic script too, setting a global", () => {
  const context = vm.createContext({});
  // as the page loads them: the core first, then clause.js
  vm.runInContext(fs.readFileSync(path.join(path.dirname(SCRIPT), "handbook-core.js"), "utf8"), context);
  vm.runInContext(fs.readFileSync(SCRIPT, "utf8"), context);
  assert.equal(typeof context.HandbookClause.renderClause, "function");
  const r = context.HandbookClause.renderClause(rules, { documentType: "agreement", article: 12, numerals: "kanji" });
  assert.ok(r.ja.includes("第十二条 "), r.ja);
});

test("the built clause.js is the theme's clause.js", () => {
  const built = fs.readFileSync(path.join(SITE, "assets/handbook/clause.js"), "utf8");
  assert.equal(built, fs.readFileSync(SCRIPT, "utf8"));
});
