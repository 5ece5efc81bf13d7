"""Long print tables laid out in linear time: the header, then the rows in short tables.

xhtml2pdf hands reportlab one table per <table>, and reportlab breaks a table at the foot of a
page by copying all that remains of it (rows, row heights, every cell's style commands) into a
new table, page after page: quadratic in the rows. 200 Pengukuran rows spent about a third of
their 4.6 s there. So the print templates write the header as a table of its own (every row of
it a repeat row) followed by the body in tables of a few rows (kept_table in _macros.html);
join_tables() turns them back into one flowable, HeaderedTable, that lays them out as one table
whose header starts every page. Each short table is measured once and copied at most once,
and measured and drawn without the page's frame in sight (outside_frame).

This reads private parts of reportlab and xhtml2pdf (listed by
pdf_internals.missing_internals()); both are pinned in requirements.txt, and
tests/test_reports_pdf_tables.py names any part an upgrade removed.
"""
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import Flowable, _ContainerSpace
from xhtml2pdf import document as xhtml2pdf_document
from xhtml2pdf.xhtml2pdf_reportlab import PmlTable

_HOOK_LOCK = threading.RLock()
# Least room, in points, worth starting a row that has to be cut anyway (about three lines).
MIN_CUT = 30
# A row taller than this share of a page is cut where the page ends, as a browser cuts it;
# a shorter one moves to the next page whole.
TALL_ROW_SHARE = 1 / 3


@contextmanager
def outside_frame(canvas) -> Iterator[None]:
    """The document's current frame hidden while the table rows inside are measured or drawn.

    reportlab measures a cell's flowables (flowables._listWrapOn, under every xhtml2pdf cell's
    KeepInFrame) on a deep copy of the document's current frame, once per cell per measure
    and per draw, so that a flowable that adds content to the frame while measured (a frame
    or page break) adds it to the copy; without a frame it copies nothing. The cells of the
    print tables hold text only, which adds nothing to a frame: the pages are the same, and
    200 Pengukuran rows take about 5 % less CPU. A page break inside a table cell would no
    longer be seen by reportlab; the print templates never put one there.
    """
    doc = getattr(canvas, "_doctemplate", None)
    frame = getattr(doc, "frame", None)
    if frame is None:
        yield
        return
    doc.frame = None
    try:
        yield
    finally:
        doc.frame = frame


# A measured piece of a page: the flowable (None for a gap), its width and its height.
Piece = tuple[Flowable | None, float, float]


class _Stack(Flowable):
    """Measured pieces drawn one under the other, as a frame would have placed them."""

    def __init__(self, pieces: list[Piece]) -> None:
        super().__init__()
        self.pieces = pieces
        self.width = max(width for _f, width, _h in pieces)
        self.height = sum(height for _f, _w, height in pieces)

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        room, top = self.width + _sW, y + self.height
        with outside_frame(canvas):
            for flowable, width, height in self.pieces:
                top -= height
                if flowable is not None:
                    flowable.drawOn(canvas, x, top, room - width)


class HeaderedTable(Flowable):
    """`header` (a table of repeat rows only) over `bodies`, as one table to reportlab.

    The header starts every page the rows go on to and is never left alone at the foot of a
    page; a body table is broken between its rows as reportlab breaks any table. `kept` are
    the last rows' table and what it is kept with (the signature): they go together, under
    the header on a new page when they do not fit the current one. What is drawn is what
    one table holding all the rows would draw: the same cells at the same places.
    """

    def __init__(self, header: PmlTable, bodies: list[PmlTable],
                 kept: tuple[Flowable, ...] = ()) -> None:
        super().__init__()
        self.header, self.bodies, self.kept = header, bodies, kept
        self.spaceBefore = header.spaceBefore
        self.spaceAfter = (kept[-1] if kept else bodies[-1]).getSpaceAfter()
        for table in (header, *bodies):
            table.spaceBefore = table.spaceAfter = 0
        self.width = self.height = 0
        self._page: list[Piece] = []

    def _measure(self, flowable: Flowable, availWidth: float, availHeight: float):  # noqa: N803
        """(width, height) of `flowable`, measured once per width.

        After a table's first measure its row heights are fixed (a cell's height does not
        depend on the room left on the page), so neither a later wrap nor a split measures
        its cells again, which is the other half of what a long table used to cost.
        """
        known = getattr(flowable, "_measured", None)
        if known is not None and known[0] == availWidth:
            return known[1:]
        flowable.canv = self.canv
        with outside_frame(self.canv):
            width, height = flowable.wrap(availWidth, availHeight)
        if isinstance(flowable, PmlTable) and None not in flowable._rowHeights:
            flowable._argH = list(flowable._rowHeights)
        flowable._measured = (availWidth, width, height)
        return width, height

    def _fill(self, availWidth: float, availHeight: float):  # noqa: N803
        """What fits: the header, whole body tables, the kept group if all bodies fit.

        Returns the pieces, the body tables left, and whether anything is left.
        """
        self.width, used = self._measure(self.header, availWidth, availHeight)
        page: list[Piece] = [(self.header, self.width, used)]
        for i, body in enumerate(self.bodies):
            width, height = self._measure(body, availWidth, availHeight - used)
            if used + height > availHeight:
                return page, self.bodies[i:], True
            page.append((body, width, height))
            used += height
        kept: list[Piece] = []
        previous = None
        for flowable in self.kept:
            gap = flowable.getSpaceBefore() + (previous.getSpaceAfter() if previous else 0)
            width, height = self._measure(flowable, availWidth, availHeight - used - gap)
            kept += [(None, 0, gap), (flowable, width, height)]
            used += gap + height
            previous = flowable
        if used > availHeight:
            return page, [], True
        return page + kept, [], False

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self._page, _rest, left = self._fill(availWidth, availHeight)
        # Taller than the room when anything is left over: the frame then asks for a split.
        self.height = sum(height for _f, _w, height in self._page) + (availHeight if left else 0)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        _Stack(self._page).drawOn(canvas, x, y, _sW)

    def split(self, availWidth, availHeight):  # noqa: N803
        page, rest, left = self._fill(availWidth, availHeight)
        if not left:
            return [self]
        first_here = len(page) == 1
        may_cut = first_here and (hasattr(self, "_postponed") or self._frame_at_top())
        if rest:
            body = rest[0]
            room = availHeight - sum(height for _f, _w, height in page)
            # A row taller than a page is cut where one long table would cut it: as the first
            # row under the header on a page, never after rows already placed there.
            body._mayCutInsideRow = lambda: may_cut
            body.canv = self.canv
            halves = []
            if room >= MIN_CUT and self._tall_row_next(body, room, page[0][2]):
                # A tall row is cut here rather than moved on whole: moving it left a page
                # with the header and a line or two (a 1,631-character indicator name).
                halves = body._splitInsideRow(availWidth, room)
            if not halves and room > 0:
                halves = body.split(availWidth, room)
            if len(halves) == 2:
                top, bottom = halves
                page.append((top, *self._measure(top, availWidth, room)))
                rest = [bottom, *rest[1:]]
        elif first_here and may_cut:
            # The last rows and the signature do not fit even a page of their own: the rows
            # go on like the others, the signature after them (reportlab's keepWithNext
            # gives up the same way on a group taller than a page).
            rows = HeaderedTable(self.header, [self.kept[0]])
            rows.canv, rows.spaceBefore = self.canv, self.spaceBefore
            return [*rows.split(availWidth, availHeight), *self.kept[1:]]
        if len(page) == 1:
            return []  # the header alone: the table starts on the next page
        stack = _Stack(page)
        stack.spaceBefore = self.spaceBefore
        following = HeaderedTable(self.header, rest, self.kept)
        following.spaceBefore = 0
        return [stack, following]

    def _tall_row_next(self, body: PmlTable, room: float, header: float) -> bool:
        """Whether the first row of `body` that does not fit `room` is taller than
        TALL_ROW_SHARE of what an empty page holds under the header."""
        doc = getattr(self.canv, "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        if frame is None:
            return False
        page = frame._height - frame._topPadding - frame._bottomPadding - header
        n = body._getFirstPossibleSplitRowPosition(room, ignoreSpans=1)
        return n < body._nrows and body._rowHeights[n] > page * TALL_ROW_SHARE

    def _frame_at_top(self) -> bool:
        doc = getattr(self.canv, "_doctemplate", None)
        return bool(getattr(getattr(doc, "frame", None), "_atTop", False))


def _is_header(flowable) -> bool:
    return (isinstance(flowable, PmlTable) and isinstance(flowable.repeatRows, int)
            and flowable.repeatRows == flowable._nrows)


def _continues(flowable, header: PmlTable) -> bool:
    return (isinstance(flowable, PmlTable) and not flowable.repeatRows
            and not flowable.keepWithNext and flowable._ncols == header._ncols)


def _kept_group(story: list, start: int, header: PmlTable) -> tuple[Flowable, ...]:
    """The last rows' table at story[start] and the flowable it is kept with, or ()."""
    if start + 1 >= len(story):
        return ()
    tail, following = story[start], story[start + 1]
    if not (isinstance(tail, PmlTable) and tail.keepWithNext and not tail.repeatRows
            and tail._ncols == header._ncols):
        return ()
    if (isinstance(following, ActionFlowable | _ContainerSpace)
            or following.getKeepWithNext()):
        return ()
    return tail, following


def join_tables(story: list) -> list:
    """A header-only table and the row tables right after it become one HeaderedTable.

    The last rows' table, kept with what follows it (the signature), joins too, with that
    flowable, so that it also prints under the header when it starts a new page.
    """
    joined, i = [], 0
    while i < len(story):
        flowable, j = story[i], i + 1
        if _is_header(flowable):
            while j < len(story) and _continues(story[j], flowable):
                j += 1
        if j == i + 1:
            joined.append(flowable)
            i = j
            continue
        kept = _kept_group(story, j, flowable)
        joined.append(HeaderedTable(flowable, story[i + 1:j], kept))
        i = j + len(kept)
    return joined


@contextmanager
def joined_tables(then: Callable[[list, object], list] | None = None) -> Iterator[None]:
    """While inside, xhtml2pdf passes the story it parsed through join_tables before layout,
    then through `then(story, context)` (pdf_widths.fit_story) if given.

    xhtml2pdf has no hook between parsing and layout, so its module-level pisaStory is
    wrapped for the time of one conversion; the lock keeps conversions in other threads from
    seeing or undoing the swap.
    """
    with _HOOK_LOCK:
        original = xhtml2pdf_document.pisaStory

        def story(*args, **kwargs):
            context = original(*args, **kwargs)
            context.story = join_tables(context.story)
            if then is not None:
                context.story = then(context.story, context)
            return context

        xhtml2pdf_document.pisaStory = story
        try:
            yield
        finally:
            xhtml2pdf_document.pisaStory = original
