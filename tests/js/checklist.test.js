// The checklist script shows no words of its own: every label, mark and message on the
// checklist pages comes from the data, rendered into the page by the generator.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const site = process.env.HANDBOOK_SITE || "site";
const script = path.join(site, "assets", "handbook", "checklist.js");
// (What the script does in the page is tested in Chromium: tests/site/test_checklists_*.py, tests/print/test_checklists_*.py.)

test("the script writes no text of its own into the page", () => {
  const code = fs.readFileSync(script, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  assert.equal(/[^\x00-\x7f]/.test(code), false, "no Japanese (or other) words in the code");
  assert.doesNotMatch(code, /textContent\s*=\s*["'][^"']/, "text shown comes from the page");
  assert.doesNotMatch(code, /innerHTML|insertAdjacentHTML|eval\(|new Function/);
  assert.doesNotMatch(code, /localStorage|sessionStorage|document\.cookie|fetch\(|XMLHttpRequest|sendBeacon/);
});

test("the built pages carry the script and the messages it shows", () => {
  for (const page of ["checklists/pre-contract.html", "en/checklists/post-contract.html"]) {
    const html = fs.readFileSync(path.join(site, page), "utf8");
    assert.match(html, /<script src="(\.\.\/)+assets\/handbook\/checklist\.js"><\/script>/);
    assert.match(html, /data-hb-cleared="[^"]+"/);
    assert.doesNotMatch(html, /\son[a-z]+="/); // no inline event handlers
  }
});
