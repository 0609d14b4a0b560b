"""Another municipality's handbook builds from its own data, with no code change.

A second municipality, 東山市 / Higashiyama City (invented), is derived from data/ in a
temporary folder by a transformation written here, with plain PyYAML (nothing of the
generator): every record id is renamed (and every reference to it), the city is renamed,
one contract type is dropped with everything that points at it, the numbers of the audit
rules change and the effective date moves. Its own content folder is a copy of content/
with the city renamed. The generator then checks it and builds it, once each, through the
command line, and the tests below read the built site: no word of Kuki City and none of
the original record ids is left in it, and its calculator (the built schedule.js with the
built rules.json, under Node) applies Higashiyama's numbers.

Every id is renamed: the `id:` values and the keys of the mappings of records by id, if
the data has any (today it has none: the checklists too are a list of records with ids). Should
`check` or `build` refuse the renamed data, every test that reads the site fails with the
generator's own messages, which name what the code still expects.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from support import DATA, ROOT, run_generator

# ---------------------------------------------------------------- the other municipality

# The city, every spelling (longest first, so that 久喜市 becomes 東山市, not 東山市市).
CITY = [
    ("久喜市", "東山市"),
    ("久喜", "東山"),
    ("Kuki City", "Higashiyama City"),
    ("KUKI", "HIGASHIYAMA"),
    ("Kuki", "Higashiyama"),
    ("kuki", "higashiyama"),
]
CITY_WORDS = ["久喜", "kuki"]  # searched case-insensitively in every file of the site

# The effective date moves from 1 April 2023 to 1 October 2024 (decided 2 September 2024),
# in every spelling the data uses.
DATES = [
    ("令和5年4月1日", "令和6年10月1日"),
    ("令和5年3月1日", "令和6年9月2日"),
    ("1 April 2023 (Reiwa 5)", "1 October 2024 (Reiwa 6)"),
    ("1 March 2023 (Reiwa 5)", "2 September 2024 (Reiwa 6)"),
    ("1 April 2023", "1 October 2024"),
    ("1 March 2023", "2 September 2024"),
    ("2023-04-01", "2024-10-01"),
    ("2023-03-01", "2024-09-02"),
]
OLD_EFFECTIVE, NEW_EFFECTIVE = "2023-04-01", "2024-10-01"

# The numbers of the audit rules: (key, parent key or None) -> (old value, new value).
# Every aim of "N months into the year" moves to 3 months; the renewed-yearly on-site check
# comes every 4 years, not 3; the pre-contract checklist is due 14 days before the start;
# a contract year is 6 months; a term over 20 years is refused.
NUMBERS = {
    ("months", "aim"): (6, 3),
    ("years", "onsite"): (3, 4),
    ("days_before_start", None): (1, 14),
    ("contract_year_months", None): (12, 6),
    ("max_term_years", None): (50, 20),
    ("due_days", "notice"): (14, 10),
}

# Higashiyama words its guidance notice and its corrective action plan form its own way
# (checklists.yaml `correction`): (path of keys, language) -> its text. Nothing of the notice or
# the form is in code or templates, so Kuki's wording must be nowhere in its site.
WORDING = {
    (("notice", "title"), "ja"): "個人情報の取扱状況の改善について（勧告）",
    (("notice", "title"), "en"): "Improvement of the handling of personal information (recommendation)",
    (("notice", "body"), "ja"): "{checked}に{work}の{checklist}を確認したところ、下記の事項に不備がありました。{citation}に基づき改善を求めますので、{due}までに{plan}を提出してください。",
    (("notice", "body"), "en"): "On {checked} we checked the {checklist} for {work} and found the matters below deficient. Under {citation} we ask you to improve them; submit the {plan} by {due}.",
    (("notice", "closing"), "ja"): "以上、よろしくお願いします。",
    (("plan", "title"), "ja"): "個人情報取扱改善計画書",
    (("plan", "title"), "en"): "Improvement plan for personal information handling",
    (("plan", "short"), "ja"): "改善計画書",
    (("plan", "short"), "en"): "improvement plan",
    (("plan", "sheet"), "ja"): "改善計画書",
    (("plan", "sheet"), "en"): "Improvement plan",
    (("plan", "columns", "measure"), "ja"): "改善の方法",
    (("plan", "columns", "measure"), "en"): "How it will be improved",
}
# The texts that state the renewed-yearly rule's number follow it.
RULE_TEXTS = [
    ("3年に1回", "4年に1回"),
    ("every three years", "every four years"),
]
OLD_RULE_TEXTS = ["3年に1回", "every three years"]

# The contract type Higashiyama does not have.
DROPPED_TYPE = "designated_manager"

# Fields whose values are the generator's own vocabulary, never record ids, even where a
# word happens to be an id as well (the glossary term `agreement` and the clause document
# type `agreement`). Texts (ja/en and word lists) are never ids either.
VOCABULARY = {"document_type", "document_types", "kind", "method", "repeat", "when", "applies", "relation", "default_numerals",
              "finding", "register"}
TEXT_KEYS = {"ja", "en", "forms", "yes_words", "no_words"}
# Mappings whose keys are identifiers of records (referenced elsewhere by value).
ID_KEYED_MAPPINGS: set[str] = set()
NEW_ID = re.compile(r"^hy\d{3}$")
# Material's own assets, the same whatever the data (their source maps name variables s1, s2).
BUILDER_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "en/assets/javascripts/", "en/assets/stylesheets/")


def walk(value, key=None, parent=None):
    """Every (key, parent key, value) of a YAML tree, depth first."""
    yield key, parent, value
    if isinstance(value, dict):
        for k, child in value.items():
            yield from walk(child, k, key)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child, key, parent)


def record_ids(trees: dict) -> list[str]:
    """Every `id:` value of every file, and every key of a mapping of records by id."""
    found = []
    for tree in trees.values():
        for key, _, value in walk(tree):
            if key == "id" and isinstance(value, str):
                found.append(value)
            if key in ID_KEYED_MAPPINGS and isinstance(value, dict):
                found.extend(value)
    return list(dict.fromkeys(found))


def token(word: str) -> str:
    return rf"(?<![\w-]){re.escape(word)}(?![\w-])"


def ordinary_words(trees: dict, ids) -> set[str]:
    """Ids that are also words of the data's prose (glossary terms such as `audit`,
    `self-check`): these are searched only as anchors (id="…", #…), the others everywhere."""
    prose = "\n".join(v for t in trees.values() for k, _, v in walk(t) if k in TEXT_KEYS and isinstance(v, str))
    return {i for i in ids if re.search(token(i), prose)}


def ids_within(value) -> set[str]:
    return {v for k, _, v in walk(value) if k == "id" and isinstance(v, str)}


def prune(value, gone: set[str], key=None):
    """`value` without the records whose id is in `gone` and without what points at them
    (a record holding a reference to a gone id is dropped from its list)."""
    if isinstance(value, dict):
        if value.get("id") in gone:
            return None
        out = {}
        for k, child in value.items():
            if k in ID_KEYED_MAPPINGS and isinstance(child, dict):
                child = {name: v for name, v in child.items() if name not in gone}
            new = prune(child, gone, k)
            if new is None:
                return None  # a field points at something gone: the whole record goes
            out[k] = new
        return out
    if isinstance(value, list):
        kept = []
        for child in value:
            new = prune(child, gone, key)
            if new is not None:
                kept.append(new)
        if value and not kept and all(isinstance(child, str) for child in value):
            return None  # a list of references to gone records only: the record goes too
        return kept
    if isinstance(value, str) and value in gone and key not in VOCABULARY | TEXT_KEYS:
        return None
    return value


def transform(value, ids: dict[str, str], key=None, parent=None):
    """Rename ids and references, the city, the dates and the numbers of the audit rules."""
    if isinstance(value, dict):
        out = {}
        for k, child in value.items():
            new_key = ids.get(k, k) if key in ID_KEYED_MAPPINGS else k
            out[new_key] = transform(child, ids, k, key)
        return out
    if isinstance(value, list):
        return [transform(child, ids, key, parent) for child in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        rule = NUMBERS.get((key, parent)) or NUMBERS.get((key, None))
        if rule is not None:
            old, new = rule
            assert value == old, f"{key} under {parent}: expected {old} in data/, found {value}"
            return new
        return value
    if isinstance(value, str):
        if value in ids and key not in VOCABULARY | TEXT_KEYS:
            return ids[value]
        # a text that names a passage of the standard for its number: {number:ID}
        value = re.sub(r"\{number:([^{}\s]+)\}", lambda m: "{number:%s}" % ids.get(m.group(1), m.group(1)), value)
        # and one that cites an article of a law: {law:ID:ARTICLE[:PARAGRAPH]}
        value = re.sub(r"\{law:([^{}:\s]+):", lambda m: "{law:%s:" % ids.get(m.group(1), m.group(1)), value)
        for old, new in CITY + DATES + RULE_TEXTS:
            value = value.replace(old, new)
        return value
    return value


@dataclass
class Other:
    data: Path
    content: Path
    site: Path
    ids: dict[str, str]  # original id -> Higashiyama's id, for every renamed record
    dropped: set[str]  # original ids of the dropped type and its records
    words: set[str]  # original ids that are also words of the prose
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    texts: dict[str, str] = field(default_factory=dict)  # site file -> its text


def make_data(target: Path) -> tuple[dict[str, str], set[str], set[str]]:
    trees = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.yaml"))}
    for (keys, lang), text in WORDING.items():
        node = trees["checklists.yaml"]["correction"]
        for k in keys:
            node = node[k]
        node[lang] = text
    words = ordinary_words(trees, record_ids(trees))
    (dropped_record,) = [v for t in trees.values() for k, _, v in walk(t)
                         if isinstance(v, dict) and v.get("id") == DROPPED_TYPE]
    dropped = ids_within(dropped_record)
    trees = {name: prune(tree, dropped) for name, tree in trees.items()}
    ids = {old: f"hy{n:03d}" for n, old in enumerate(record_ids(trees), 1)}
    target.mkdir()
    for name, tree in trees.items():
        text = yaml.safe_dump(transform(tree, ids), allow_unicode=True, sort_keys=False, width=4096)
        (target / name).write_text(text, encoding="utf-8")
    return ids, dropped, words


def make_content(target: Path) -> None:
    shutil.copytree(ROOT / "content", target)
    for path in sorted(target.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yml", ".yaml", ".html"):
            text = path.read_text(encoding="utf-8")
            for old, new in CITY:
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")


def site_texts(site: Path) -> dict[str, str]:
    """Every file of the site as text (spreadsheets: the XML inside), by relative path."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    texts[f"{rel}!{name}"] = z.read(name).decode("utf-8", "replace")
        elif path.suffix in (".png", ".gz", ".woff", ".woff2", ".ico"):
            continue
        else:
            texts[rel] = path.read_bytes().decode("utf-8", "replace")
    return texts


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Other:
    base = tmp_path_factory.mktemp("higashiyama")
    ids, dropped, words = make_data(base / "data")
    make_content(base / "content")
    site = base / "site"
    check = run_generator("check", "--data", str(base / "data"), "--content", str(base / "content"))
    build = run_generator("build", "--data", str(base / "data"), "--content", str(base / "content"),
                          "--site", str(site))
    result = Other(base / "data", base / "content", site, ids, dropped, words, check, build)
    if build.returncode == 0:
        result.texts = site_texts(site)
    return result


def built(other: Other) -> Other:
    assert other.build.returncode == 0, f"the build of Higashiyama's data failed:\n{other.build.stderr[-4000:]}"
    return other


# ---------------------------------------------------------------- the data is really another city's


def test_the_derived_data_holds_nothing_of_kuki(other):
    """The transformation itself: a guard that the tests below test something."""
    assert len(other.ids) > 150 and all(NEW_ID.match(new) for new in other.ids.values())
    assert DROPPED_TYPE in other.dropped and DROPPED_TYPE not in other.ids
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(other.data.glob("*.yaml")))
    for word in CITY_WORDS:
        assert word.lower() not in text.lower()
    for old in [*other.ids, *other.dropped]:
        assert old in other.words or not re.search(token(old), text), old
    for old, _ in DATES:
        assert old not in text
    assert "東山市" in text and "Higashiyama City" in text
    contract_types = yaml.safe_load((other.data / "contract_types.yaml").read_text(encoding="utf-8"))
    assert contract_types["audit"]["contract_year_months"] == 6
    assert len(contract_types["contract_types"]) == 3


def test_check_accepts_it(other):
    assert other.check.returncode == 0, other.check.stderr[-4000:]
    assert "Traceback" not in other.check.stderr


def test_build_builds_it(other):
    assert other.build.returncode == 0, other.build.stderr[-4000:]
    assert (other.site / "index.html").is_file() and (other.site / "en/index.html").is_file()


# ---------------------------------------------------------------- no word of Kuki City in its site

def test_its_site_names_its_own_city(other):
    texts = built(other).texts
    assert "東山市" in texts["index.html"] and "Higashiyama City" in texts["en/index.html"]


def kuki_words(texts: dict[str, str]) -> list[str]:
    """Where a part of Kuki City's name appears, any case."""
    return [f"{name}: …{text[max(0, m.start() - 40):m.end() + 40]}…"
            for name, text in texts.items()
            for word in CITY_WORDS
            for m in re.finditer(re.escape(word), text, re.IGNORECASE)]


def old_anchors(texts: dict[str, str], gone: set[str]) -> list[str]:
    """Where an original id is an element id or a link's fragment."""
    anchors = re.compile(r'(?:\bid="|#)([A-Za-z0-9_-]+)"')
    return sorted({f"{name}: {m.group(0)}" for name, text in texts.items() if name.endswith((".html", ".json", ".js"))
                   for m in anchors.finditer(text) if m.group(1) in gone})


def old_tokens(texts: dict[str, str], pinned: set[str]) -> list[str]:
    """Where an original id appears as a whole token (Material's own assets left out)."""
    found = re.compile("(" + "|".join(token(i) for i in sorted(pinned, key=len, reverse=True)) + ")")
    return sorted({f"{name}: {m.group(1)} …{text[max(0, m.start() - 40):m.end() + 40]}…"
                   for name, text in texts.items() if not name.startswith(BUILDER_ASSETS)
                   for m in found.finditer(text)})


def test_the_searches_find_what_they_look_for(other):
    """Canary: a page naming Kuki, an old anchor and a script naming an old id are found."""
    planted = {
        "standard/x.html": '<p>KUKI</p><a href="../standard/s4.html#s4-4-ct3">', "tools/x.html": '<h2 id="item-3">',
        "assets/handbook/x.js": 'if (type === "one_year") {}', "tools/x.csv": "久喜市",
        "assets/javascripts/bundle.js": "one_year",
    }
    assert len(kuki_words(planted)) == 2
    assert old_anchors(planted, {"s4-4-ct3", "item-3", "one_year"}) == [
        "standard/x.html: #s4-4-ct3\"", 'tools/x.html: id="item-3"']
    assert [f.split(" ")[:2] for f in old_tokens(planted, {"s4-4-ct3", "item-3", "one_year", "s4-4"})] == [
        ["assets/handbook/x.js:", "one_year"], ["standard/x.html:", "s4-4-ct3"], ["tools/x.html:", "item-3"]]


def test_no_part_of_the_name_kuki_anywhere_in_its_site(other):
    found = kuki_words(built(other).texts)
    assert found == [], "\n".join(found[:20])


def test_no_original_record_id_is_an_anchor_of_its_site(other):
    found = old_anchors(built(other).texts, set(other.ids) | other.dropped)
    assert found == [], "\n".join(found[:30])


def test_no_original_record_id_anywhere_in_its_site(other):
    """Ids that are not ordinary words, as whole tokens, in every file (scripts, JSON, CSV,
    spreadsheets): a script or template that names one of Kuki's ids shows up here."""
    pinned = (set(other.ids) | other.dropped) - other.words
    assert len(pinned) > 100
    found = old_tokens(built(other).texts, pinned)
    assert found == [], f"{len(found)} place(s):\n" + "\n".join(found[:30])


def test_no_old_date_or_number_of_the_rules_in_its_site(other):
    """Kuki's dates and the number of its renewed-yearly rule, in every page; the hand-written
    pages (content/, also in the search index) may show "2023-04-01" as an example of how
    to write a date."""
    texts = built(other).texts
    handwritten = {p.relative_to(other.content / lang).with_suffix(".html").as_posix()
                   for lang in ("ja", "en") for p in (other.content / lang).rglob("*.md")}
    handwritten |= {"en/" + name for name in handwritten} | {"search/search_index.json", "search/search_index.js",
                                                             "en/search/search_index.json", "en/search/search_index.js"}
    old = [o for o, _ in DATES] + OLD_RULE_TEXTS
    found = sorted({f"{name}: {word}" for name, text in texts.items() if name.endswith((".html", ".json", ".js"))
                    for word in old if word in text and not (name in handwritten and re.fullmatch(r"[\d-]+", word))})
    assert found == [], "\n".join(found[:30])
    rules_page = texts["tools/audit-rules.html"]
    assert "4年に1回" in rules_page and "3か月後を目安" in rules_page


def test_rules_page_readings_state_its_numbers(other):
    readings = built(other).texts["tools/audit-rules.html"]
    readings = readings[readings.index('<ul class="hb-readings">'):]
    assert not re.search(r"\{[a-z_]+\}", readings), "no placeholder left"
    assert "開始日から6か月のn倍の期間" in readings and "12か月" not in readings
    assert "最後の実地確認の日から4年後の応当日" in readings and "4年に1回の実地確認" in readings
    assert f"適用日（{NEW_EFFECTIVE}）" in readings


# ---------------------------------------------------------------- its calculator applies its numbers

NODE_RUN = """
const s = require(process.argv[1]);
const rules = require(process.argv[2]);
const inputs = JSON.parse(process.argv[3]);
process.stdout.write(JSON.stringify(inputs.map((input) => s.computeSchedule(rules, input))));
"""


def compute(other: Other, *inputs: dict) -> list[dict]:
    assets = built(other).site / "assets/handbook"
    out = subprocess.run(
        ["node", "-e", NODE_RUN, str(assets / "schedule.js"), str(assets / "rules.json"), json.dumps(inputs)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def during(result: dict) -> list[tuple]:
    return [(e["date"], e["method"], e.get("contractYear")) for e in result["events"] if e["phase"] == "during_contract"]


def test_calculator_offers_its_types_only(other):
    rules = json.loads((built(other).site / "assets/handbook/rules.json").read_text(encoding="utf-8"))
    kept = [other.ids[t] for t in ("long_term_continuing", "one_year", "under_one_year")]
    assert rules["schedule"]["typeOrder"] == kept
    (gone,) = compute(other, {"type": DROPPED_TYPE, "start": "2025-04-01", "end": "2026-03-31"})
    assert [e["field"] for e in gone["errors"]] == ["type"] and gone["events"] == []
    html = other.texts["tools/schedule.html"]
    assert all(f'id="type-{t}"' in html for t in kept)


def test_calculator_aims_at_its_months_and_warns_before_its_days(other):
    one_year = other.ids["one_year"]
    (r,) = compute(other, {"type": one_year, "start": "2025-04-01", "end": "2026-03-31"})
    assert r["errors"] == [] and r["applicable"] is True
    # the pre-contract checklist 14 days before the start; the written check 3 months in
    assert [(e["date"], e["phase"]) for e in r["events"]] == [
        ("2025-03-18", "before_contract"), ("2025-07-01", "during_contract")]


def test_calculator_counts_its_contract_years(other):
    long_term = other.ids["long_term_continuing"]
    (r,) = compute(other, {"type": long_term, "start": "2025-04-01", "end": "2027-03-31"})
    # contract years of 6 months, each checked 3 months in; the first on site (once in the term)
    assert [(y["from"], y["to"]) for y in r["contractYears"]] == [
        ("2025-04-01", "2025-09-30"), ("2025-10-01", "2026-03-31"),
        ("2026-04-01", "2026-09-30"), ("2026-10-01", "2027-03-31")]
    assert during(r) == [("2025-07-01", "onsite", 1), ("2026-01-01", "written", 2),
                         ("2026-07-01", "written", 3), ("2027-01-01", "written", 4)]


def test_calculator_visits_every_four_years_when_renewed(other):
    one_year = other.ids["one_year"]
    term = {"type": one_year, "start": "2025-04-01", "end": "2026-03-31", "renewedYearly": True}
    # last visit on 15 June 2022: three years later falls in this term, four years later does not
    never, three_ago, four_ago = compute(
        other, {**term, "lastOnsiteVisit": None}, {**term, "lastOnsiteVisit": "2022-06-15"},
        {**term, "lastOnsiteVisit": "2022-03-31"})
    assert during(never) == [("2025-07-01", "onsite", None)]
    assert during(three_ago) == [("2025-07-01", "written", None)]
    assert during(four_ago) == [("2025-07-01", "onsite", None)]


def test_calculator_applies_from_its_effective_date(other):
    one_year, long_term = other.ids["one_year"], other.ids["long_term_continuing"]
    before, running, after = compute(
        other,
        {"type": one_year, "start": "2024-04-01", "end": "2025-03-31"},  # after Kuki's date, before its own
        {"type": long_term, "start": "2024-04-01", "end": "2026-03-31"},
        {"type": one_year, "start": "2024-10-01", "end": "2025-09-30"},
    )
    assert before["applicable"] is False and before["events"] == []
    # still running on its effective date: checked from its second contract year of 6 months,
    # the first applicable one on site
    assert running["applicable"] is True
    assert [e["phase"] for e in running["events"]] == ["during_contract"] * 3
    assert during(running) == [("2025-01-01", "onsite", 2), ("2025-07-01", "written", 3), ("2026-01-01", "written", 4)]
    # the pre-contract checklist, 14 days before 1 October 2024, would fall before the effective date
    assert after["applicable"] is True
    assert [e["phase"] for e in after["events"]] == ["during_contract"]
    assert during(after) == [("2025-01-01", "written", None)]


def test_calculator_refuses_terms_over_its_maximum(other):
    one_year = other.ids["one_year"]
    ok, too_long = compute(
        other,
        {"type": other.ids["long_term_continuing"], "start": "2025-04-01", "end": "2045-03-31"},
        {"type": one_year, "start": "2025-04-01", "end": "2046-03-31"},
    )
    assert ok["errors"] == []
    assert [e["field"] for e in too_long["errors"]] == ["end"]
    assert "20" in too_long["errors"][0]["message"]["en"]


# ---------------------------------------------------------------- its own guidance notice and plan form


def test_its_notice_and_plan_form_are_worded_its_own_way(other):
    texts = built(other).texts
    kuki = yaml.safe_load((DATA / "checklists.yaml").read_text(encoding="utf-8"))["correction"]
    rules = json.loads(texts["assets/handbook/rules.json"])
    correction = rules["correction"]
    assert correction["notice"]["title"]["ja"] == WORDING[(("notice", "title"), "ja")]
    assert correction["notice"]["body"]["en"] == WORDING[(("notice", "body"), "en")]
    assert correction["notice"]["dueDays"] == 10
    assert correction["plan"]["columns"]["measure"]["ja"] == "改善の方法"
    # Kuki's words for them are nowhere in the site
    gone = [kuki["notice"]["title"]["ja"], kuki["notice"]["title"]["en"], kuki["notice"]["body"]["ja"][:20],
            kuki["plan"]["title"]["ja"], kuki["plan"]["title"]["en"], kuki["plan"]["columns"]["measure"]["en"]]
    for text in gone:
        assert not [f for f, t in texts.items() if text in t], text
    # the form's page and its spreadsheet, in both languages
    page = [f for f in texts if f.startswith("forms/") and f.endswith(".html")]
    assert len(page) == 1 and WORDING[(("plan", "title"), "ja")] in texts[page[0]]
    en_page = "en/" + page[0]
    assert WORDING[(("plan", "title"), "en")] in texts[en_page]
    book = page[0][:-len(".html")] + ".xlsx"
    assert WORDING[(("plan", "title"), "ja")] in texts[f"{book}!xl/worksheets/sheet1.xml"] + texts.get(f"{book}!xl/sharedStrings.xml", "")
    assert "改善計画書" in texts[f"{book}!xl/workbook.xml"]
    # the review page offers the notice with its words, and the citations of its own types only
    assert "correction-page.js" in texts["tools/review.html"]
    assert {t["id"] for t in correction["contractTypes"]} == set(json.loads(texts["assets/handbook/rules.json"])["schedule"]["typeOrder"])
