// The page data the scripts read is generated from data/ and locates every clause.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const rules = require(path.resolve(process.env.HANDBOOK_SITE || "site", "assets/handbook/rules.json"));

test("rules.json carries the effective date and where each clause of the standard is", () => {
  assert.match(rules.document.effective, /^\d{4}-\d{2}-\d{2}$/);
  const loc = rules.locations[rules.document.effectiveSource];
  assert.ok(loc, "the effective-date clause is located");
  assert.match(loc.page, /^standard\/s\d+\.html$/);
});
