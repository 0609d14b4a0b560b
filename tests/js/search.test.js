// The search engine (theme/assets/handbook/search-engine.js) on its own: word forms,
// width and punctuation of Japanese phrases, whole-word marks, escaping, ranking of the
// defining page; then the built index of both languages, phrase by phrase.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const S = require(path.join(ROOT, "theme/assets/handbook/search-engine.js"));

function marks(html) {
  return [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
}

test("word forms share a stem: plural, -ed, -ing, -ion, -ive and more", () => {
  const families = [
    ["correct", "corrective", "correction", "corrections", "corrected", "correcting"],
    ["inspect", "inspected", "inspecting", "inspection", "inspections"],
    ["designate", "designated", "designation", "designations"],
    ["utility", "utilities"],
    ["apply", "applies", "applied", "applying"],
    ["checklist", "checklists"],
    ["lease", "leases", "leased"],
    ["leak", "leaks", "leakage", "leaked"],
    ["erase", "erased", "erasure"],
    ["process", "processes"],
    ["audit", "audits", "audited"],
    ["subcontract", "subcontracting", "subcontracted"],
  ];
  for (const family of families) {
    const stems = new Set(family.map(S.stem));
    assert.equal(stems.size, 1, `${family.join(", ")} → ${[...stems].join(", ")}`);
  }
  // words that only look alike stay apart
  for (const [a, b] of [["manager", "management"], ["personal", "person"], ["status", "state"], ["analysis", "analyse"]]) {
    assert.notEqual(S.stem(a), S.stem(b), `${a} / ${b}`);
  }
});

test("a query is split at spaces (half- or full-width), one term per chunk as typed", () => {
  const chunks = S.parseQuery("corrective　action plan", false);
  assert.deepEqual(chunks.map((c) => c.typed), ["corrective", "action", "plan"]);
  assert.deepEqual(S.parseQuery("毎年、同じ業者", false).map((c) => c.sig), ["毎年同じ業者"]);
  assert.deepEqual(S.parseQuery("３年に１回", false).map((c) => c.sig), ["3年に1回"]);
  assert.deepEqual(S.parseQuery("ｶﾀｶﾅ", false).map((c) => c.sig), ["カタカナ"]);
  assert.deepEqual(S.parseQuery("( ) 「」", false), []);
  assert.deepEqual(S.parseQuery("on-site", false)[0].words.map((w) => w.raw), ["on", "site"]);
  // only the last word of a query being typed matches words it begins
  assert.equal(S.parseQuery("subcontr", true)[0].prefix, true);
  assert.equal(S.parseQuery("subcontr ", true)[0].prefix, false);
  assert.equal(S.parseQuery("subcontr", false)[0].prefix, false);
});

test("a Japanese phrase is found whatever its width, spaces or punctuation", () => {
  const text = S.prepare("※毎年、同じ業務内容を同じ委託業者へ契約している場合は、3年に1回は作業所に赴き確認をすることとする。");
  for (const query of ["3年に1回", "３年に１回", "同じ委託業者", "毎年同じ業務内容", "赴き確認", "することとする"]) {
    const [chunk] = S.parseQuery(query, false);
    assert.equal(S.find(text, chunk).length, 1, query);
  }
  const [chunk] = S.parseQuery("３年に１回", false);
  const [[start, end]] = S.find(text, chunk);
  assert.equal(text.text.slice(start, end), "3年に1回");
});

test("marks cover whole words or the phrase, never a fragment, and the text stays text", () => {
  const text = S.prepare("Effective corrective action: <b>correction</b> & plans; the directive lives on.");
  const chunks = S.parseQuery("corrective plan ive", false);
  const ranges = chunks.flatMap((c) => S.find(text, c));
  const html = S.marked(text.text, ranges, 0);
  assert.deepEqual(marks(html), ["corrective", "correction", "plans"]);
  assert.ok(html.includes("&lt;b&gt;") && html.includes("&amp;"), html);
  assert.ok(!/<(?!\/?mark>)/.test(html), html);
});

test("a long paragraph is cut around its first mark, at word edges", () => {
  const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
  words[80] = "target";
  const text = S.prepare(words.join(" "));
  const [chunk] = S.parseQuery("target", false);
  const html = S.marked(text.text, S.find(text, chunk), 240);
  assert.ok(html.startsWith("…") && html.endsWith("…"), html);
  assert.ok(html.includes("<mark>target</mark>"), html);
  assert.match(html, /^…word\d+ /);
  assert.match(html, / word\d+…$/);
});

function index(docs) {
  return new S.Index({ docs });
}

test("results come in Material's shape: the page and its sections, with the query in the link", () => {
  const idx = index([
    { location: "a.html", title: "Alpha", weight: 1, units: [["a", "H", "Alpha"], ["a-1", "p", "The corrective action plan is due."]] },
    { location: "b.html", title: "Beta", weight: 1, units: [["b", "H", "Beta"], ["", "p", "Nothing here."]] },
  ]);
  const { items } = idx.search("corrective plans");
  assert.equal(items.length, 1);
  const [group] = items;
  const parent = group.find((item) => !item.location.includes("#"));
  const child = group.find((item) => item.location.includes("#"));
  assert.equal(parent.location, "a.html?h=corrective%20plans");
  assert.equal(child.location, "a.html?h=corrective%20plans#a-1");
  assert.deepEqual(child.terms, { corrective: true, plans: true });
  assert.deepEqual(marks(child.text), ["corrective", "plan"]);
  assert.deepEqual(idx.search("corrective zzz").items[0][0].terms, { corrective: true, zzz: false });
  assert.deepEqual(idx.search("").items, []);
});

test("the page that defines or requires a term ranks above pages that mention it more", () => {
  const mentions = Array.from({ length: 5 }, (_, i) => [`m${i}`, "p", `A note on the corrective action plan, number ${i}.`]);
  const idx = index([
    { location: "tools/x.html", title: "Tool", weight: 1, units: [["t", "H", "Tool"], ...mentions] },
    { location: "standard/s4.html", title: "4", weight: 2, units: [["s4", "H", "4"], ["s4-p", "p", "Submit a corrective action plan where needed."]] },
  ]);
  const pages = idx.search("corrective action plan").items.map((g) => g[0].location.split("?")[0]);
  assert.deepEqual(pages, ["standard/s4.html", "tools/x.html"]);
});

test("a section that introduces a glossary term ranks above a tool page that has it in a heading", () => {
  // The tool page names the term in a heading and a link name; the standard's section has
  // it in a long paragraph only, and the index notes it as a term the section requires.
  const rule = "For any items found inadequate in the check, the department in charge gives guidance " +
    "and, where needed, has the contractor submit a corrective action plan, supervising as required.";
  const pages = (withTerm) => index([
    { location: "tools/review.html", title: "Review", weight: 1, units: [["r", "H", "Review"],
      ["plans", "h", "Returned corrective action plans"], ["", "n", "Review returned checklists and corrective action plans"]] },
    { location: "standard/s4.html", title: "4", weight: 2.5, units: [["s4", "H", "4"], ["s4-5", "p", rule],
      ...(withTerm ? [["", "r", "corrective action plan"]] : [])] },
  ]).search("corrective action plan").items.map((g) => g[g.length - 1].location.split("?")[0]);
  assert.deepEqual(pages(false), ["tools/review.html", "standard/s4.html"]);
  assert.deepEqual(pages(true), ["standard/s4.html", "tools/review.html"]);
  const [group] = index([{ location: "standard/s4.html", title: "4", weight: 2.5,
    units: [["s4", "H", "4"], ["s4-5", "p", rule], ["", "r", "corrective action plan"]] }]).search("corrective action plan").items;
  assert.deepEqual(group.map((item) => item.text.replace(/<[^>]+>/g, "")).filter(Boolean), [rule]);
});

test("interface words and link names find a page but are never shown as a snippet", () => {
  const idx = index([
    { location: "tools/c.html", title: "Clause", weight: 1,
      units: [["c", "H", "Clause"], ["c-1", "p", "Make a clause."], ["", "u", "Kanji numerals"], ["", "n", "Clause generator"]] },
  ]);
  for (const query of ["kanji numerals", "clause generator"]) {
    const [group] = idx.search(query).items;
    assert.ok(group, query);
    for (const item of group) assert.ok(!/Kanji|generator/.test(item.text), item.text);
  }
});

for (const [lang, root] of [["ja", ""], ["en", "en/"]]) {
  const file = path.join(SITE, root, "search", "search_index.json");
  test(`${lang}: every sentence of every indexed paragraph finds its page in the first three results`, { skip: !fs.existsSync(file) }, () => {
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    const idx = new S.Index(data);
    const misses = [];
    let tried = 0;
    const prepared = data.docs.map((d) => ({ location: d.location, units: d.units.map((u) => S.prepare(u[2])) }));
    // the pages that hold every term of a phrase in one unit of text
    const holders = (phrase) => {
      const chunks = S.parseQuery(phrase, false);
      return new Set(prepared.filter((d) => d.units.some((u) => chunks.every((c) => S.find(u, c).length)))
        .map((d) => d.location));
    };
    for (const doc of data.docs) {
      for (const [, kind, text] of doc.units) {
        if (kind !== "p") continue;
        // a phrase of 8 to 20 characters with kana or kanji from each Japanese sentence; each
        // English sentence of six words or more
        for (const sentence of text.split(/(?<=[。．.!?])\s*/)) {
          const phrase = lang === "ja" ? [...sentence.replace(/\s+/g, "")].slice(2, 22).join("") : sentence;
          if (lang === "ja" ? [...phrase].length < 8 || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(phrase)
                            : phrase.split(/\s+/).length < 6) continue;
          tried++;
          const pages = idx.search(phrase).items.slice(0, 3).map((g) => g[0].location.split("?")[0]);
          // found: its page is among the first three, or all three hold the phrase too
          const holding = holders(phrase);
          if (!pages.includes(doc.location) && !(pages.length === 3 && pages.every((p) => holding.has(p)))) {
            misses.push(`${phrase} → ${doc.location}: ${pages.join(" ")}`);
          }
        }
      }
    }
    assert.ok(tried > 100, String(tried));
    assert.deepEqual(misses, []);
  });
}
