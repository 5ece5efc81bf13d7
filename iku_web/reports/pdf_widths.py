"""Print table columns at least as wide as their longest word, so no word breaks inside.

The print templates give each column a share of the page ("26%"), which was right for the
words of the demo year on one paper: on another paper, in another orientation or with other
data a header such as "SATUAN" came out as "SATU" over "AN". Here, once xhtml2pdf has parsed
the document and before the layout, every table's columns get their width in points:

- each column's least width is its longest word with the font and size in use plus the
  cell's padding (xhtml2pdf's own min-content measure, spans shared over their columns),
  over the header, every row table and the tail of a joined table (pdf_tables.HeaderedTable);
- the declared shares are kept where they leave that much room; a column that needs more
  gets its least width, and the others share what is left in proportion to their shares;
- when even the least widths do not fit the page (Pengukuran with four quarters on portrait
  paper), the table's print is made smaller until they do, rather than breaking words;
- a single word longer than MAX_WORD_SHARE of the page (a pasted URL or code) does not claim
  its column's width: it is the one case still broken inside, by overflow-wrap in the CSS.
"""
from xhtml2pdf.builders.flex import table_column_widths
from xhtml2pdf.xhtml2pdf_reportlab import PmlTable

from .pdf_tables import HeaderedTable

MAX_WORD_SHARE = 0.4
# Added to each column's least width: a word exactly as wide as its cell was still broken
# (the cell's content is laid out a fraction of a point narrower than the column).
SLACK = 1.0
# Smaller print than this is not readable on paper: words break instead.
MIN_SCALE = 0.6


def frame_width(context) -> float | None:
    """The narrowest content frame of xhtml2pdf's page templates, or None before any."""
    widths = [frame._aW for template in context.templateList.values()
              for frame in template.frames]
    return min(widths) if widths else None


def _shares(declared: list) -> list[float]:
    """The declared column widths as fractions summing to 1 (open columns share the rest)."""
    percent = [float(w[:-1]) if isinstance(w, str) and w.endswith("%") else None
               for w in declared]
    given = sum(p for p in percent if p is not None)
    open_ = percent.count(None)
    rest = max(100.0 - given, 0.0) / open_ if open_ else 0.0
    shares = [p if p is not None else (rest or 100.0 / len(percent)) for p in percent]
    total = sum(shares) or 1.0
    return [s / total for s in shares]


def distribute(lows: list[float], shares: list[float], total: float) -> list[float]:
    """Widths summing to `total`: each column its share of it, but never below its low; the
    room a widened column takes comes from the others in proportion to their shares."""
    fixed: set[int] = set()
    while True:
        room = total - sum(lows[i] for i in fixed)
        free = [i for i in range(len(lows)) if i not in fixed]
        weight = sum(shares[i] for i in free) or 1.0
        widths = [lows[i] if i in fixed else room * shares[i] / weight
                  for i in range(len(lows))]
        short = [i for i in free if widths[i] < lows[i]]
        if not short:
            return widths
        fixed.update(short)


def _paddings(table: PmlTable) -> list[float]:
    pads = [0.0] * table._ncols
    for styles in table._cellStyles:
        for column, style in enumerate(styles[:table._ncols]):
            pads[column] = max(pads[column], style.leftPadding + style.rightPadding)
    return pads


def _scale_print(tables: list[PmlTable], scale: float) -> None:
    """Every paragraph in the tables' cells `scale` times its size (and line height)."""
    seen: set[int] = set()
    for table in tables:
        for row in table._cellvalues:
            for cell in row:
                for flowable in getattr(cell, "_content", ()):
                    style = getattr(flowable, "style", None)
                    if style is None or id(style) in seen:
                        continue
                    seen.add(id(style))
                    style.fontSize *= scale
                    style.leading *= scale
                    for frag in getattr(flowable, "frags", ()):
                        if id(frag) not in seen:
                            seen.add(id(frag))
                            frag.fontSize *= scale
                            if getattr(frag, "leading", None):
                                frag.leading *= scale


def fit(tables: list[PmlTable], page_width: float) -> None:
    """Column widths in points for `tables`, which print as one table (same columns)."""
    first = tables[0]
    total = first._normWidth(getattr(first, "totalWidth", "100%"), page_width) - first._margins()
    columns = first._ncols
    lows, pads = [0.0] * columns, [0.0] * columns
    for table in tables:
        if table._ncols != columns:
            return
        measured, _highs = table_column_widths(table, None, spans=True)
        lows = [max(a, b + SLACK) for a, b in zip(lows, measured, strict=True)]
        pads = [max(a, b + SLACK) for a, b in zip(pads, _paddings(table), strict=True)]
    lows = [min(low, total * MAX_WORD_SHARE) for low in lows]
    need = sum(lows)
    if need > total:
        words = need - sum(pads)
        scale = max(MIN_SCALE, (total - sum(pads)) / words * 0.995) if words > 0 else 1.0
        _scale_print(tables, scale)
        lows = [pad + (low - pad) * scale for low, pad in zip(lows, pads, strict=True)]
        if sum(lows) > total:
            lows = [low * total / sum(lows) for low in lows]
    widths = distribute(lows, _shares(first._argW), total)
    for table in tables:
        table._argW = table._colWidths = list(widths)


def fit_story(story: list, context) -> list:
    """The story with its tables' columns fitted to the page of xhtml2pdf's `context`."""
    return fit_columns(story, frame_width(context))


def fit_columns(story: list, page_width: float | None) -> list:
    """Fit the columns of every table at the top level of the story (see module docstring)."""
    if page_width is None:
        return story
    for flowable in story:
        if isinstance(flowable, HeaderedTable):
            tables = [flowable.header, *flowable.bodies]
            if flowable.kept and isinstance(flowable.kept[0], PmlTable):
                tables.append(flowable.kept[0])
            fit(tables, page_width)
        elif (isinstance(flowable, PmlTable) and flowable._ncols
              and not (flowable.shrinkToFit and flowable.totalWidth is None)):
            # (A table as wide as its content, xhtml2pdf's auto margins, sizes itself.)
            fit([flowable], page_width)
    return story
