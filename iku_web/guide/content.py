"""Reads the guide's Markdown files (docs/panduan/NN-*.md, in the order of their names) and
renders them with Python-Markdown: headings carry fixed ids (`## Realisasi {#realisasi}`) so the
"Bantuan" links and the table of contents do not move when a title is reworded.

Links to year pages are written `/{tahun}/realisasi` in the files; the placeholder becomes the
year the reader works in, and every link to a unit's page gets the reader's unit code in front
(docs/units.md), so every link is a real path of the app."""
import re
from dataclasses import dataclass
from pathlib import Path

import markdown

from ..scope import INSTALL_PATHS, UNIT_PATHS

GUIDE_DIR = Path(__file__).resolve().parent.parent.parent / "docs" / "panduan"
YEAR_PLACEHOLDER = "{tahun}"


@dataclass(frozen=True)
class Entry:
    """One heading of the table of contents."""

    anchor: str
    title: str
    level: int


@dataclass(frozen=True)
class Guide:
    sections: tuple[str, ...]  # the HTML of each file, in order
    toc: tuple[Entry, ...]

    @property
    def anchors(self) -> set[str]:
        return {entry.anchor for entry in self.toc}


def files() -> list[Path]:
    return sorted(GUIDE_DIR.glob("[0-9][0-9]-*.md"))


def _flatten(tokens, out: list[Entry]) -> None:
    for token in tokens:
        out.append(Entry(token["id"], token["name"], token["level"]))
        _flatten(token["children"], out)


_HREF = re.compile(r'href="(/[^"]*)"')
_UNIT_PREFIXES = tuple(p for p in UNIT_PATHS if "<" not in p)


def _is_unit_page(path: str) -> bool:
    if path.startswith(INSTALL_PATHS):
        return False
    return re.match(r"/\d{4}/", path) is not None or path.startswith(_UNIT_PREFIXES) \
        or path in {p.rstrip("/") for p in _UNIT_PREFIXES}


def _in_unit(html: str, unit_code: str) -> str:
    return _HREF.sub(lambda m: f'href="/{unit_code}{m.group(1)}"' if _is_unit_page(m.group(1))
                     else m.group(0), html)


def render(year: int, unit_code: str) -> Guide:
    """The guide with its links pointing at `year`'s pages of the unit `unit_code`."""
    sections, toc = [], []
    for path in files():
        md = markdown.Markdown(extensions=["attr_list", "tables", "toc"],
                               extension_configs={"toc": {"toc_depth": "1-2"}})
        text = path.read_text(encoding="utf-8").replace(YEAR_PLACEHOLDER, str(year))
        sections.append(_in_unit(md.convert(text), unit_code))
        _flatten(md.toc_tokens, toc)
    return Guide(tuple(sections), tuple(toc))
