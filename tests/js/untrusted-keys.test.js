// Names that every JavaScript object inherits ("__proto__", "constructor", …) are
// ordinary unknown values when they arrive as input: the tools answer with their usual
// message and never throw. Party names with line breaks or bidirectional controls are refused.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const { computeSchedule } = require(path.join(ROOT, "theme/assets/handbook/schedule.js"));
const { renderClause } = require(path.join(ROOT, "theme/assets/handbook/clause.js"));

const INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "isPrototypeOf"];
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (w, k) => (k in values ? String(values[k]) : w));

for (const key of INHERITED) {
  test(`the schedule calls the type ${JSON.stringify(key)} unknown`, () => {
    const result = computeSchedule(rules, { type: key, start: "2025-04-01", end: "2026-03-31" });
    assert.equal(result.applicable, false);
    assert.deepEqual(result.events, []);
    assert.deepEqual(result.errors.map((e) => [e.field, e.code]), [["type", "type_unknown"]]);
    for (const lang of ["ja", "en"]) {
      assert.equal(result.errors[0].message[lang], fill(rules.schedule.messages.type_unknown[lang], { value: key }));
    }
  });

  test(`the clause generator calls the document type and numerals ${JSON.stringify(key)} unreadable`, () => {
    const input = { documentType: key, numerals: key, article: null };
    const out = renderClause(rules, input);
    const plain = renderClause(rules, {});
    assert.deepEqual(out.ja, plain.ja);
    assert.deepEqual(out.en, plain.en);
    const fields = (out.errors || []).map((e) => e.field).sort();
    assert.deepEqual(fields, ["documentType", "numerals"]);
  });
}

test("an input object whose own keys are inherited names is read like any other", () => {
  const input = JSON.parse('{"__proto__": {"type": "one_year"}, "start": "2025-04-01", "end": "2026-03-31"}');
  const result = computeSchedule(rules, input);
  assert.deepEqual(result.errors.map((e) => e.code), ["type_missing"]);
});

const REFUSED = {
  "line feed": "A\nB",
  "carriage return": "A\rB",
  "line separator": "A\u2028B",
  "right-to-left override": "A\u202eB",
  "left-to-right embedding": "A\u202aB",
  "pop directional formatting": "A\u202cB",
  "right-to-left isolate": "A\u2067B",
  "pop directional isolate": "A\u2069B",
};
for (const [what, name] of Object.entries(REFUSED)) {
  test(`a party name with a ${what} is refused with its message, and the default is used`, () => {
    const out = renderClause(rules, { partyA: name });
    const errors = (out.errors || []).filter((e) => e.field === "partyA");
    assert.equal(errors.length, 1);
    const template = rules.clause.messages.partyControl;
    for (const lang of ["ja", "en"]) {
      const prefix = template[lang].split("{")[0];
      assert.ok(errors[0].message[lang].startsWith(prefix), errors[0].message[lang]);
      assert.ok(!out[lang].includes(name), `${lang}: the name was used`);
    }
  });
}

test("a party name with ordinary punctuation and spaces is kept", () => {
  const out = renderClause(rules, { partyA: "株式会社 A&B <東京>" });
  assert.deepEqual((out.errors || []).filter((e) => e.field === "partyA"), []);
  assert.ok(out.ja.includes("株式会社 A&B <東京>"));
});
