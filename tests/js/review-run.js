// Runs the site's review.js on each file named on the command line and prints the results
// as JSON (used by tests/review_files.py; not a test file itself).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const site = process.argv[2];
const rules = JSON.parse(fs.readFileSync(path.join(site, "assets/handbook/rules.json"), "utf8"));
const { reviewWorkbook } = require(path.resolve(site, "assets/handbook/review.js"));
const out = process.argv.slice(3).map((file) => reviewWorkbook(rules, new Uint8Array(fs.readFileSync(file))));
process.stdout.write(JSON.stringify(out));
