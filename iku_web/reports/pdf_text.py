"""Characters the shipped PDF font lacks: printed in a fallback font, else a visible mark.

The print templates use DejaVu Sans (static/fonts), which has no Chinese, Japanese or Korean
(CJK) glyphs: a name typed with them printed as black boxes. Runs of such characters are set
in a fallback font, Droid Sans Fallback from Debian's fonts-droid-fallback (`make
system-packages`; another file with PDF_FALLBACK_FONT). xhtml2pdf chooses one font per run of
text, never per glyph, so the runs are wrapped in a span of that font, in text only (never in
a tag or the <title>), and the font is declared only in a document that needs it (reading it
costs about 0.25 s). A character in neither font (most emoji, for one) would print as an
empty box that looks like a gap in the text, and characters outside the Basic Multilingual
Plane are dropped without a trace; U+FFFD ("\ufffd", which the font has) says plainly that
something could not be printed. Without the fallback file CJK gets U+FFFD too, and the log a
warning, once.
"""
import functools
import logging
import re
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFace

log = logging.getLogger(__name__)

FONT_FILE = "fonts/DejaVuSans.ttf"
FALLBACK_FONT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
# What the injected @font-face asks for; pdf.link_callback resolves it to the fallback file.
FALLBACK_URI = "iku-fallback-font"
REPLACEMENT = "\ufffd"
_FALLBACK_FACE = f'font-family: "IKU Fallback"; src: url("{FALLBACK_URI}");'
_FALLBACK_STYLE = (f"<style>@font-face {{ {_FALLBACK_FACE} }}"
                   f"@font-face {{ {_FALLBACK_FACE} font-weight: bold; }}"
                   'span.iku-fallback { font-family: "IKU Fallback"; }</style>')
# Text between tags, and the elements whose text is not printed as such.
_TAG = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(title|style|script)\b", re.IGNORECASE)


@functools.cache
def _covered(font_path: str) -> frozenset[int]:
    return frozenset(TTFontFace(font_path).charToGlyph)


@functools.cache
def fallback_covered(font_path: str) -> frozenset[int]:
    """The characters of the fallback font; none (and a warning, once) without the file."""
    if not Path(font_path).is_file():
        log.warning("PDF fallback font %s is missing: Chinese, Japanese and Korean characters "
                    "print as \ufffd (install fonts-droid-fallback)", font_path)
        return frozenset()
    return _covered(font_path)


def _wrap_runs(html: str, chars: set[str]) -> str:
    """Runs of `chars` in the text of `html` inside <span class="iku-fallback">."""
    run = re.compile("[" + re.escape("".join(sorted(chars))) + r"\s]*["
                     + re.escape("".join(sorted(chars))) + "]")
    parts = _TAG.split(html)
    raw = None
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            opened = _RAW.match(part)
            if opened:
                raw = opened.group(1).lower()
            elif raw and part.lower().startswith(f"</{raw}"):
                raw = None
        elif raw is None and part:
            parts[i] = run.sub(lambda m: f'<span class="iku-fallback">{m.group(0)}</span>', part)
    return "".join(parts)


def visible_text(html: str, static_dir: Path, fallback: str = FALLBACK_FONT) -> tuple[str, bool]:
    """The HTML made printable, and whether it needs the fallback font (see the module)."""
    covered = _covered(str(static_dir / FONT_FILE))
    missing = {ch for ch in set(html)
               if ord(ch) > 0x7F and (ord(ch) > 0xFFFF or ord(ch) not in covered)}
    if not missing:
        return html, False
    other = fallback_covered(fallback) if any(ord(ch) <= 0xFFFF for ch in missing) else frozenset()
    borrowed = {ch for ch in missing if ord(ch) <= 0xFFFF and ord(ch) in other}
    html = html.translate({ord(ch): REPLACEMENT for ch in missing - borrowed})
    if not borrowed:
        return html, False
    html = _wrap_runs(html, borrowed)
    return html.replace("</head>", _FALLBACK_STYLE + "</head>", 1), True
