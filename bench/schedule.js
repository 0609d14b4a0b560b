// Median time of one computeSchedule call (not a test): node bench/schedule.js
// Uses the built rules.json ($HANDBOOK_SITE or site/).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const SITE = process.env.HANDBOOK_SITE || path.join(ROOT, "site");
const rules = JSON.parse(fs.readFileSync(path.join(SITE, "assets/handbook/rules.json"), "utf8"));
const { computeSchedule } = require(path.join(ROOT, "theme/assets/handbook/schedule.js"));

const INPUTS = [
  { type: "one_year", start: "2025-04-01", end: "2026-03-31", renewedYearly: true, lastOnsiteVisit: "2023-03-31" },
  { type: "under_one_year", start: "2025-04-01", end: "2025-09-30" },
  { type: "designated_manager", start: "2024-04-01", end: "2029-03-31" },
  { type: "long_term_continuing", start: "2021-10-01", end: "2026-09-30" },
  { type: "nonsense", start: "2025-02-30", end: "2024-01-01" },
];
const BATCH = 2000; // calls per timed sample
const SAMPLES = 200;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let sink = 0;
for (let i = 0; i < 20000; i++) sink += computeSchedule(rules, INPUTS[i % INPUTS.length]).events.length; // warm-up

console.log(`computeSchedule, median of ${SAMPLES} samples of ${BATCH} calls (Node ${process.version})`);
for (const input of INPUTS) {
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) sink += computeSchedule(rules, input).events.length;
    samples.push(Number(process.hrtime.bigint() - t0) / BATCH / 1000);
  }
  const events = computeSchedule(rules, input).events.length;
  console.log(`  ${input.type.padEnd(22)} ${String(events).padStart(2)} events  ${median(samples).toFixed(2)} µs/call`);
}
if (sink < 0) console.log(sink); // keep the results alive
