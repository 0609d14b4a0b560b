"""Returned checklists for the tests: the site's own spreadsheets filled in with openpyxl
as a contractor would, saved again by a real spreadsheet application (LibreOffice, headless),
and read back by the site's review.js under Node."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "js" / "review-run.js"


def spreadsheet(site: Path, lang: str, checklist: str) -> Path:
    return site / ("en/" if lang == "en" else "") / "checklists" / f"{checklist}.xlsx"


def rows_by_id(ws, id_column: int = 6) -> dict[str, int]:
    """The sheet row of each particular and item, by the id in the hidden column."""
    return {ws.cell(r, id_column).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, id_column).value}


def fill(src: Path, dst: Path, *, particulars: dict | None = None, answers: dict | None = None,
         remarks: dict | None = None, formulas: dict | None = None) -> Path:
    """A copy of `src` filled in: particulars in column C, answers in D, remarks in E;
    `formulas` puts a formula (no cached value) into a row's answer cell."""
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    where = rows_by_id(ws)
    for field, value in (particulars or {}).items():
        ws.cell(where[field], 3).value = value
        if isinstance(value, str):
            ws.cell(where[field], 3).data_type = "s"
    for row, value in (answers or {}).items():
        ws.cell(where[row], 4).value = value
        ws.cell(where[row], 4).data_type = "s"
    for row, value in (remarks or {}).items():
        ws.cell(where[row], 5).value = value
        ws.cell(where[row], 5).data_type = "s"  # text, though it starts with "="
    for row, formula in (formulas or {}).items():
        ws.cell(where[row], 4).value = formula
    wb.save(dst)
    return dst


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def resave(paths: list[Path], out: Path, fmt: str = "xlsx") -> list[Path]:
    """The files opened and saved again by LibreOffice (headless), as `fmt` (xlsx, csv, ods, xls)."""
    out.mkdir(parents=True, exist_ok=True)
    home = out / ".home"
    home.mkdir(exist_ok=True)
    filters = {"csv": 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', "xls": "xls:MS Excel 97"}
    result = subprocess.run(
        [soffice(), "--headless", "--norestore", "--convert-to", filters.get(fmt, fmt), "--outdir", str(out), *map(str, paths)],
        capture_output=True, text=True, timeout=180, env=dict(os.environ, HOME=str(home)),
    )
    made = [out / (p.stem + "." + fmt) for p in paths]
    assert all(p.is_file() for p in made), result.stdout + result.stderr
    return made


def review(site: Path, paths: list[Path]) -> list[dict]:
    """reviewWorkbook of the site's review.js on each file, under Node. The site may be
    built outside the project (pytest without $HANDBOOK_SITE): its review.js then finds the
    XML parser and the zip reader in the project's node_modules through NODE_PATH."""
    env = {**os.environ, "NODE_PATH": str(ROOT / "node_modules")}
    result = subprocess.run(["node", str(RUNNER), str(site), *map(str, paths)], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# A return with every kind of answer, for the Japanese before-contract checklist and the
# English after-contract one: (answers, remarks, formulas, particulars, expected findings).
def every_kind(lang: str, row_ids: list[str], answers: list[str], excluded: str) -> dict:
    yes, no, na = answers
    values = [yes, no, na, None, yes + "（一部）" if lang == "ja" else yes + ", partly", " " + yes + " ", None, excluded, no]
    findings = ["adequate", "correction", "not_applicable", "unanswered", "unreadable", "adequate", "unreadable",
                "not_applicable", "correction"]
    return {
        "answers": {rid: v for rid, v in zip(row_ids, values) if v is not None},
        "formulas": {row_ids[6]: f'="{yes}"'},
        "remarks": {row_ids[0]: "一行目\n二行目\n三行目" if lang == "ja" else "line one\nline two\nline three",
                    row_ids[8]: "=SUM(1,2) is not a formula here"},
        "findings": dict(zip(row_ids, findings)),
    }


TEXTS = ("住民基本台帳データ入力業務", "株式会社テスト情報処理", "埼玉県久喜市下早見85番地3\n2階",
         '=HYPERLINK("x") 情報管理課長', "予備")
DATE = dt.date(2025, 4, 1)


def particulars(hb) -> dict:
    """A value for every particular of the data: texts (one with a line break, one that
    looks like a formula) and a real date."""
    texts = iter(TEXTS)
    return {f.id: DATE if f.kind == "date" else next(texts) for f in hb.checklists.fields}
