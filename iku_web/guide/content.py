"""Reads the guide's Markdown files (docs/panduan/NN-*.md, in the order of their names) and
renders them with Python-Markdown: headings carry fixed ids (`## Realisasi {#realisasi}`) so the
"Bantuan" links and the table of contents do not move when a title is reworded.

Links to year pages are written `/{tahun}/realisasi` in the files; the placeholder becomes the
year the reader works in, so every link is a real path of the app."""
from dataclasses import dataclass
from pathlib import Path

import markdown

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


def render(year: int) -> Guide:
    """The guide with its links pointing at `year`'s pages."""
    sections, toc = [], []
    for path in files():
        md = markdown.Markdown(extensions=["attr_list", "tables", "toc"],
                               extension_configs={"toc": {"toc_depth": "1-2"}})
        text = path.read_text(encoding="utf-8").replace(YEAR_PLACEHOLDER, str(year))
        sections.append(md.convert(text))
        _flatten(md.toc_tokens, toc)
    return Guide(tuple(sections), tuple(toc))
