"""Characters the shipped PDF font cannot draw become a visible replacement mark.

The print templates use DejaVu Sans (static/fonts). A character without a glyph in it (most
emoji, for one) would print as an empty box that looks like a gap in the text, and
characters outside the Basic Multilingual Plane are dropped without a trace; U+FFFD
("�", which the font has) says plainly that something could not be printed.
"""
import functools
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFace

FONT_FILE = "fonts/DejaVuSans.ttf"
REPLACEMENT = "\ufffd"


@functools.cache
def _covered(font_path: str) -> frozenset[int]:
    return frozenset(TTFontFace(font_path).charToGlyph)


def visible_text(html: str, static_dir: Path) -> str:
    """The HTML with every non-ASCII character the PDF cannot show replaced by U+FFFD."""
    covered = _covered(str(static_dir / FONT_FILE))
    missing = {ch for ch in set(html)
               if ord(ch) > 0x7F and (ord(ch) > 0xFFFF or ord(ch) not in covered)}
    if not missing:
        return html
    return html.translate({ord(ch): REPLACEMENT for ch in missing})
