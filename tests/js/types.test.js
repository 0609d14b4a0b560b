// Types without a build step: every page script is under // @ts-check, and TypeScript's
// tsc (tsconfig.json, nothing emitted) finds no type error in them, checked against the
// JSDoc types of the scripts and of rules.json (tests/types/rules.js). A second run over a
// file that misuses the core and the rules proves that the check can fail.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const ROOT = path.join(__dirname, "..", "..");
const SCRIPTS = path.join(ROOT, "theme", "assets", "handbook");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

function tsc(project) {
  const run = spawnSync(process.execPath, [TSC, "-p", project], { cwd: ROOT, encoding: "utf8" });
  return { status: run.status, output: (run.stdout || "") + (run.stderr || "") };
}

test("every page script is type-checked (// @ts-check on its first line)", () => {
  const scripts = fs.readdirSync(SCRIPTS).filter((f) => f.endsWith(".js"));
  assert.ok(scripts.length >= 11, scripts.join(", "));
  for (const f of scripts) {
    const first = fs.readFileSync(path.join(SCRIPTS, f), "utf8").split("\n", 1)[0];
    assert.equal(first, "// @ts-check", f);
  }
});

test("tsc finds no type error in the page scripts", () => {
  const run = tsc(path.join(ROOT, "tsconfig.json"));
  assert.equal(run.status, 0, run.output);
});

test("tsc fails on a misused core function, a misspelt rules key and a wrong argument", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-types-"));
  try {
    const core = JSON.stringify(path.join(SCRIPTS, "handbook-core.js"));
    fs.writeFileSync(path.join(dir, "misuse.js"), [
      "// @ts-check",
      `/** @type {import(${core})} */`,
      `var core = require(${core});`,
      "/** @param {Rules} rules */",
      "function f(rules) {",
      "  var a = core.formatDate(\"2025-04-01\");",            // a missing argument
      "  var b = rules.schedule.effectiveDay;",                 // no such key of rules.json
      "  var c = core.addMonths(\"2025-04-01\", 1);",          // a day number expected
      "  return [a, b, c];",
      "}",
      "module.exports = f;",
      "",
    ].join("\n"));
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8"));
    config.include = config.include.map((p) => path.join(ROOT, p)).concat([path.join(dir, "misuse.js")]);
    delete config["//"];
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
    const run = tsc(path.join(dir, "tsconfig.json"));
    assert.notEqual(run.status, 0, run.output);
    const lines = run.output.split("\n").filter((l) => l.includes("misuse.js"));
    assert.equal(lines.length, 3, run.output);
    assert.match(lines[0], /misuse\.js\(6,.*TS2554/);
    assert.match(lines[1], /misuse\.js\(7,.*TS2(339|551).*effectiveDay/);
    assert.match(lines[2], /misuse\.js\(8,.*TS2345/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
