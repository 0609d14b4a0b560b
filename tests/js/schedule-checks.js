/* Checks of schedule.js shared by the Node tests (tests/js/schedule.test.js) and the browser
 * tests (tests/browser/test_schedule_page.py, which loads this file into the calculator page and runs
 * it against the page's own schedule.js and rules). A classic script: in a page it sets
 * window.HandbookScheduleChecks; under Node, require() returns the same functions.
 *
 *   caseProblems(api, rules, c)            -> [] or what differs from conformance case `c`
 *   contractYearProblems(api, rules, opts) -> [] or the random terms whose contract years
 *                                             do not partition the term as the reading says
 *
 * Each returns a list of messages instead of throwing, so both runners can show them all.
 */
(function (root, factory) {
  "use strict";
  var checks = factory();
  if (typeof module === "object" && module && module.exports) module.exports = checks;
  if (root && typeof root === "object") root.HandbookScheduleChecks = checks;
})(typeof window !== "undefined" ? window : null, function () {
  "use strict";

  function fields(list) {
    return list.map(function (p) { return p.field; }).sort();
  }

  /** The same keys as `wanted` taken from `got` (a case names only what it promises). */
  function pick(got, wanted) {
    var out = {};
    Object.keys(wanted).forEach(function (k) { out[k] = got ? got[k] : undefined; });
    return out;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /** What computeSchedule gives for the case's input that the case does not expect. */
  function caseProblems(api, rules, c) {
    var problems = [];
    var r = api.computeSchedule(rules, c.input);
    function expect(name, got, wanted) {
      if (!same(got, wanted)) problems.push(name + ": got " + JSON.stringify(got) + ", wanted " + JSON.stringify(wanted));
    }
    expect("applicable", r.applicable, c.applicable);
    expect("fields with errors", fields(r.errors), c.errors);
    expect("fields with warnings", fields(r.warnings), c.warnings);
    if (c.notes) expect("fields with notes", fields(r.notes), c.notes);
    if (c.contractYears) {
      expect("contract years", (r.contractYears || []).map(function (y, i) { return pick(y, c.contractYears[i] || {}); }),
        c.contractYears);
    }
    expect("events", r.events.map(function (ev, i) { return pick(ev, c.events[i] || {}); }), c.events);
    return problems;
  }

  // ---------------------------------------------------------------- an independent calendar

  // JavaScript's own Date in UTC, not the day numbers of schedule.js.
  function toDate(iso) { return new Date(iso + "T00:00:00Z"); }
  function toIso(d) { return d.toISOString().slice(0, 10); }
  function plusDays(iso, n) { return toIso(new Date(toDate(iso).getTime() + n * 86400000)); }

  /** Civil Code Art. 143: the last day of a period of `n` months whose first day is `iso`. */
  function periodEnd(iso, n) {
    var d = toDate(iso);
    var y = d.getUTCFullYear();
    var m = d.getUTCMonth() + n;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    if (d.getUTCDate() > last) return toIso(new Date(Date.UTC(y, m, last)));
    return plusDays(toIso(new Date(Date.UTC(y, m, d.getUTCDate()))), -1);
  }

  /** mulberry32: a small seeded PRNG, so a failure can be replayed. */
  function prng(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * Random terms (half of them starting on a day 28-31): their contract years start on the
   * start date, end on the end date, follow one another day after day, none is empty, none
   * is longer than a contract year counted from its own first day, and every year but the
   * last ends where the period of k contract years from the start date ends.
   * opts: {count, seed}.
   */
  function contractYearProblems(api, rules, opts) {
    var cfg = rules.schedule;
    var months = cfg.contractYearMonths;
    var rand = prng(opts.seed);
    var problems = [];
    var types = cfg.typeOrder;
    var base = Date.UTC(cfg.effective.slice(0, 4) * 1 + 1, 0, 1);
    for (var i = 0; i < opts.count && problems.length < 20; i++) {
      var start = toIso(new Date(base + Math.floor(rand() * 365 * 12) * 86400000));
      if (rand() < 0.5) {
        var s = toDate(start);
        var day = 28 + Math.floor(rand() * 4);
        var last = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 0)).getUTCDate();
        start = toIso(new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), Math.min(day, last))));
      }
      var roll = rand();
      var end = roll < 0.3
        ? periodEnd(start, months * (1 + Math.floor(rand() * 10)))   // whole contract years
        : roll < 0.4 ? start                                         // a single day
          : plusDays(start, Math.floor(rand() * 365 * 12));
      var input = { type: types[Math.floor(rand() * types.length)], start: start, end: end };
      var where = JSON.stringify(input) + ": ";
      var r = api.computeSchedule(rules, input);
      if (r.errors.length || !r.applicable) {
        problems.push(where + "no result: " + JSON.stringify(r.errors.concat(r.warnings)));
        continue;
      }
      var years = r.contractYears || [];
      if (!years.length) { problems.push(where + "no contract years"); continue; }
      if (years[0].from !== start) problems.push(where + "the first year starts on " + years[0].from);
      if (years[years.length - 1].to !== end) problems.push(where + "the last year ends on " + years[years.length - 1].to);
      years.forEach(function (y, k) {
        if (y.year !== k + 1) problems.push(where + "year " + (k + 1) + " is numbered " + y.year);
        if (y.from > y.to) problems.push(where + "year " + y.year + " is empty: " + y.from + ".." + y.to);
        if (y.to > periodEnd(y.from, months)) problems.push(where + "year " + y.year + " is longer than " + months + " months: " + y.from + ".." + y.to);
        if (k > 0 && y.from !== plusDays(years[k - 1].to, 1)) problems.push(where + "year " + y.year + " does not follow year " + k);
        if (k < years.length - 1 && y.to !== periodEnd(start, months * (k + 1))) {
          problems.push(where + "year " + y.year + " ends on " + y.to + ", not where " + months * (k + 1) + " months from the start end");
        }
      });
    }
    return problems;
  }

  return { caseProblems: caseProblems, contractYearProblems: contractYearProblems, periodEnd: periodEnd };
});
