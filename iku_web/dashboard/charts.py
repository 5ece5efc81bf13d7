"""Inline SVG charts of the dashboard, written on the server: no chart JavaScript.

Every chart carries its numbers as text (the value on the bar, the points labelled) and a
<title> for screen readers, so it reads without colour. Text from users goes through escape;
numbers are written by us.
"""
import re
from decimal import Decimal
from functools import lru_cache

from markupsafe import Markup, escape

from ..capaian import GRADE_STATUSES, round_percent
from ..categories import Category
from ..formatting import format_percent, roman

BAR_WIDTH = 230  # drawing units for the bar; the value label follows it
VIEW_WIDTH = 300
NO_COLOUR = "#adb5bd"
# The colour goes into an attribute: only a plain hex colour from the admin's table passes.
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def colour_of(category: Category | None) -> str:
    """The admin's category colour when it is a plain #rrggbb, else grey."""
    if category is None:
        return NO_COLOUR
    return category.colour if HEX.match(category.colour or "") else NO_COLOUR


@lru_cache(maxsize=4096)
def percent_text(percent: Decimal | None) -> str:
    """"93,75%"; cached: a 200-indicator dashboard writes about 1,000 percents, mostly the
    same few, and rounding a Decimal is slow."""
    return format_percent(round_percent(percent)) if percent is not None else ""


def point_text(result) -> str:
    """One point of the trend: its percent, the engine's message, or "-" when not filled."""
    if result is None:
        return "-"
    return percent_text(result.percent) if result.percent is not None else result.message


def _x(percent: Decimal, scale: int) -> float:
    return round(float(min(max(percent, Decimal(0)), scale)) / scale * BAR_WIDTH, 1)


def bar(percent: Decimal | None, category: Category | None, scale: int, message: str,
        label: str) -> Markup:
    """A horizontal bar of the capaian to date, the target (100%) line, the value written
    beside the bar; `message` replaces the bar when there is no capaian."""
    target_x = _x(Decimal(100), scale)
    parts = [f'<svg class="dash-bar" viewBox="0 0 {VIEW_WIDTH} 24" role="img" '
             f'preserveAspectRatio="xMinYMid meet"><title>{escape(label)}</title>'
             f'<rect x="0" y="4" width="{BAR_WIDTH}" height="16" fill="#f1f3f5"/>']
    line = (f'<line x1="{target_x}" x2="{target_x}" y1="0" y2="24" stroke="#212529" '
            'stroke-width="1.5" stroke-dasharray="3 2"><title>Target 100%</title></line>')
    if percent is None:
        parts.append(line)
        parts.append(f'<text x="4" y="16" class="dash-msg">{escape(message)}</text>')
    else:
        width = _x(percent, scale)
        parts.append(f'<rect class="dash-fill" x="0" y="4" width="{width}" height="16" '
                     f'fill="{colour_of(category)}" stroke="#212529" stroke-width="0.5"/>')
        parts.append(line)
        over = " +" if percent > scale else ""
        # The value after the bar, or after the target line when the bar stops short of it.
        parts.append(f'<text x="{max(width, target_x) + 4}" y="16" class="dash-value">'
                     f'{escape(percent_text(percent))}{over}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(points: tuple, scale: int, label: str) -> Markup:
    """The capaian to date at the end of TW I..IV: dots joined by a line, each quarter's value
    under it; a quarter not filled is a gap with "-"."""
    width, height, top = 160, 40, 4
    plot = 24  # height of the plotting area
    step = width / 4
    coords = []
    parts = [f'<svg class="dash-spark" viewBox="0 0 {width} {height}" role="img">'
             f'<title>{escape(label)}</title>'
             f'<line x1="0" x2="{width}" y1="{top + plot - _y(Decimal(100), scale, plot)}" '
             f'y2="{top + plot - _y(Decimal(100), scale, plot)}" stroke="#adb5bd" '
             'stroke-dasharray="2 2"/>']
    for i, result in enumerate(points):
        x = round(step * i + step / 2, 1)
        percent = result.percent if result is not None else None
        if percent is None:
            coords.append(None)
            # A grade has no point on a percent scale: its letter is written instead.
            mark = result.message.split(",")[0] if result is not None and \
                result.status in GRADE_STATUSES else "-"
            parts.append(f'<text x="{x}" y="{height - 1}" class="dash-tw">{roman(i + 1)} '
                         f'{escape(mark)}</text>')
            continue
        y = round(top + plot - _y(percent, scale, plot), 1)
        coords.append((x, y))
        parts.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="#212529"/>'
                     f'<text x="{x}" y="{height - 1}" class="dash-tw">'
                     f'{escape(_short(percent))}</text>')
    segment: list[str] = []
    for point in coords + [None]:
        if point is None:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                             'stroke="#212529" stroke-width="1.2"/>')
            segment = []
        else:
            segment.append(f"{point[0]},{point[1]}")
    parts.append("</svg>")
    return Markup("".join(parts))


def _y(percent: Decimal, scale: int, plot: int) -> float:
    return float(min(max(percent, Decimal(0)), scale)) / scale * plot


@lru_cache(maxsize=1024)
def _short(percent: Decimal) -> str:
    """A whole percent for the small labels under the sparkline."""
    return format_percent(round_percent(percent, 0))


def table_segments(percent: Decimal | None, scale: int) -> list[tuple[float, str]]:
    """The bar for xhtml2pdf, which draws no SVG: (width % of the cell, "fill" | "empty" |
    "target") per table cell, left to right; "target" is a thin black cell at 100%."""
    mark = 1.0
    target = 100 / scale * 100 - mark
    value = 0.0 if percent is None else float(min(max(percent, Decimal(0)), scale)) / scale * 100
    if value < target:
        cells = [(value, "fill"), (target - value, "empty"), (mark, "target"),
                 (100 - target - mark, "empty")]
    else:
        cells = [(target, "fill"), (mark, "target"), (value - target - mark, "fill"),
                 (100 - value, "empty")]
    return [(round(w, 1), kind) for w, kind in cells if w >= 0.5]


def tint(category: Category | None) -> str:
    """A light tint of the category colour, under black text in the PDF."""
    colour = colour_of(category)
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * 0.6):02x}" for c in channels)
