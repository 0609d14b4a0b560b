"""Read a printed page back: a real PDF from headless Chromium, taken apart with poppler.

`print_pdf(page, path)` prints the page as Chromium does for paper (print media, A4);
`PrintOut` gives the page count, the text, the text lines with their positions, the
fonts, and the pixels of a rendered page.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


def print_pdf(page, path: Path, css_page_size: bool = False) -> PrintOut:
    """Print the page to an A4 PDF (page.pdf() lays the page out for print media).

    With `css_page_size`, the paper is whatever the page's own @page rule asks for
    (Chromium's default, US Letter, if it asks for nothing)."""
    if css_page_size:
        page.pdf(path=str(path), prefer_css_page_size=True)
    else:
        page.pdf(path=str(path), format="A4")
    return PrintOut(path)


# Words further apart than this (points) on one baseline belong to different cells.
GAP = 6.0


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without any whitespace, for comparing wrapped text with the data."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Line:
    """One line of text as poppler found it: page number (from 1), position in points."""

    page: int
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Word:
    """One word as poppler found it: page number (from 1), its box in points."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    unicode: bool


class PrintOut:
    def __init__(self, path: Path):
        self.path = Path(path)

    @cached_property
    def pages(self) -> int:
        info = _run("pdfinfo", str(self.path))
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    @cached_property
    def page_size_pt(self) -> tuple[float, float]:
        info = _run("pdfinfo", str(self.path))
        m = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
        return float(m.group(1)), float(m.group(2))

    @cached_property
    def text(self) -> str:
        return _run("pdftotext", "-layout", str(self.path), "-")

    @cached_property
    def lines(self) -> list[Line]:
        """Runs of words on one baseline with no wide gap between them: a line of one cell."""
        xhtml = _run("pdftotext", "-bbox", str(self.path), "-")
        out = []
        for number, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S), start=1):
            words = []
            for attrs, text in re.findall(r"<word ([^>]*)>(.*?)</word>", page, re.S):
                box = {k: float(v) for k, v in re.findall(r'(\w+)="([\d.]+)"', attrs)}
                words.append((round(box["yMin"]), box["xMin"], box["xMax"], html.unescape(text)))
            words.sort()
            current = None
            for y, x0, x1, text in words:
                if current and current[1] == y and x0 - current[3] < GAP:
                    current = (current[0], y, current[2] + " " + text, x1)
                else:
                    if current:
                        out.append(Line(number, current[0], current[1], current[2]))
                    current = (x0, y, text, x1)
            if current:
                out.append(Line(number, current[0], current[1], current[2]))
        return out

    @cached_property
    def words(self) -> list[Word]:
        """Every word poppler found, with its box in points (origin at the page's top left)."""
        xhtml = _run("pdftotext", "-bbox", str(self.path), "-")
        out = []
        for number, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S), start=1):
            for attrs, text in re.findall(r"<word ([^>]*)>(.*?)</word>", page, re.S):
                box = {k: float(v) for k, v in re.findall(r'(\w+)="([\d.]+)"', attrs)}
                out.append(Word(number, box["xMin"], box["yMin"], box["xMax"], box["yMax"], html.unescape(text)))
        return out

    def page_text(self, page: int) -> str:
        """The text of one page (from 1)."""
        return _run("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(self.path), "-")

    def raw_text(self, page: int) -> str:
        """The text of one page (from 1) in the order it was drawn, which is the order of
        the page's content (lines of mixed scripts, whose glyph boxes sit at different
        heights, stay whole); the page's margin boxes (its number) come first."""
        return _run("pdftotext", "-raw", "-f", str(page), "-l", str(page), str(self.path), "-")

    @cached_property
    def fonts(self) -> list[Font]:
        rows = _run("pdffonts", str(self.path)).splitlines()[2:]
        fonts = []
        for row in rows:
            # name, type (may contain spaces), encoding, emb, sub, uni, object, generation
            parts = row.split()
            fonts.append(Font(parts[0], " ".join(parts[1:-6]), parts[-5] == "yes", parts[-3] == "yes"))
        return fonts

    @cached_property
    def font_families(self) -> set[str]:
        """The families named by the font descriptors (Chromium's Type 3 fonts carry no
        name pdffonts can show, but their descriptors name the font they were made from)."""
        raw = self.path.read_bytes()
        names = re.findall(rb"/FontFamily \(([^)]*)\)", raw) + re.findall(rb"/FontName /[A-Z]{6}\+([^\s/>]+)", raw)
        return {n.decode("latin-1") for n in names}

    def row_cells(self, markers: list[str]) -> dict[str, list[str]]:
        """The cells of each table row that starts with one of `markers` (①, ②, …).

        A row runs from its marker down to the next marker on the same page (or the page's
        end). Inside it, lines that start at the same x belong to the same left-aligned
        cell; each cell's text is its lines joined top to bottom, without whitespace.
        """
        starts = [line for line in self.lines if line.text in markers]
        out: dict[str, list[str]] = {}
        for i, start in enumerate(starts):
            following = [s for s in starts[i + 1:] if s.page == start.page]
            bottom = following[0].y - 1 if following else float("inf")
            band = [l for l in self.lines
                    if l.page == start.page and start.y - 1 <= l.y < bottom and l is not start]
            columns: dict[int, list[Line]] = {}
            for line in band:
                key = next((k for k in columns if abs(k - line.x) < 2), round(line.x))
                columns.setdefault(key, []).append(line)
            out[start.text] = [
                squeeze("".join(l.text for l in sorted(col, key=lambda l: l.y)))
                for _, col in sorted(columns.items())
            ]
        return out

    def pixels(self, page: int = 1, dpi: int = 40) -> tuple[int, int, bytes]:
        """Width, height and RGB bytes of one page rendered by pdftoppm."""
        data = subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(self.path)],
            capture_output=True, check=True,
        ).stdout
        m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        width, height = int(m.group(1)), int(m.group(2))
        return width, height, data[m.end():]
