"""Template helpers of the realisasi screens."""
import re

from . import bp

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
FALLBACK = "#6c757d"


@bp.app_template_global()
def badge_style(colour: str) -> str:
    """Inline style of a category badge: the admin's colour, with readable black or white text.

    The colour is checked again here (not only in the form) because it is written into a style
    attribute: anything but #rrggbb could inject CSS.
    """
    match = _HEX.match(colour or "")
    colour = colour if match else FALLBACK
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    # Perceived brightness (ITU-R BT.601 weights); light backgrounds get black text.
    text = "#000" if (299 * r + 587 * g + 114 * b) / 1000 > 150 else "#fff"
    return f"background-color:{colour};color:{text}"
