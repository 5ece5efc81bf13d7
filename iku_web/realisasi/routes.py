"""The live realisasi table of a year: the page and the per-cell save."""
from dataclasses import dataclass

from flask import render_template, request
from flask_login import current_user

from .. import measurement, measurement_memo
from ..database import lock_cell
from ..extensions import db
from ..formatting import ParseError, sentence
from ..guards import (
    PLAIN,
    editable_by_current_user,
    indicator_of_year,
    refuse_if_locked,
    refuse_unless_editor,
)
from ..review import marks
from ..scope import get_year, year_path
from . import bp, service, table
from .values import entry_text, parse_cell

COMPUTED_MESSAGE = ("Realisasi indikator ini dihitung dari unit di bawahnya dan tidak dapat "
                    "diketik. Perubahan tidak disimpan.")


@dataclass(frozen=True)
class CellState:
    """The status line beside an input: saved, invalid or conflict, with its message."""

    status: str = ""
    message: str = ""
    current: str | None = None  # the stored value, shown on a conflict


@bp.route("/<int:year>/realisasi")
def page(year: int):
    """All indicators of the year with their four quarters, capaian and the summary."""
    year_obj = get_year(year)
    result = measurement.build(year_obj)
    # url_for per cell cost 8 ms on 200 indicators: the year's path is written once.
    realisasi_table = table.table_html(result.groups, year_path(year),
                                       editable_by_current_user())
    return render_template("realisasi/index.html", table=realisasi_table,
                           summary=result.summary, year=year_obj, legend=marks.LEGEND)


@bp.route("/<int:year>/realisasi/<int:indicator_id>/<int:quarter>", methods=["POST"])
def save(year: int, indicator_id: int, quarter: int):
    """Validate and save one cell; answer with the state, the capaian cells of its row and the
    summary, all out of band: the input being typed in is never replaced."""
    indicator = indicator_of_year(year, indicator_id, quarter)
    refused = refuse_unless_editor(indicator)
    if refused:
        return refused
    if indicator.computed:
        return COMPUTED_MESSAGE, 409, PLAIN
    # Parse and validate before taking the write lock: no input, however odd, holds the
    # database while it is read. An invalid value needs no lock at all.
    try:
        parsed = parse_cell(indicator, request.form.get("value"))
    except ParseError as exc:
        entry = service.stored(service.get_entry(indicator.id, quarter))
        saved = entry_text(indicator, entry)
        state = CellState("invalid", f"{sentence(str(exc))} Nilai tersimpan: {saved or 'kosong'}.")
    else:
        # The lock check and the save share one write transaction, so an approval cannot
        # land between them.
        lock_cell(db.session, indicator.id, quarter)
        refused = refuse_if_locked(indicator, quarter)
        if refused:
            return refused
        outcome = service.save_value(indicator, quarter, parsed, _int(request.form.get("version")),
                                     request.form.get("base"), current_user)
        entry = outcome.stored
        if outcome.status == "conflict":
            state = CellState("conflict", outcome.message, entry_text(indicator, entry))
        else:
            state = CellState("saved", "Tersimpan")
    # Only this row is built in full; the summary needs just the capaian of the others.
    row, summary = measurement_memo.refresh(indicator)
    cell = row.quarters[quarter - 1]
    side = table.quarter_side(indicator.id, cell, entry, entry_text(indicator, entry),
                              year_path(year), state=state, oob=True)
    return render_template("realisasi/_saved.html", side=side,
                           capaian=table.capaian_cells(row, oob=True), summary=summary)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text else 0
    except ValueError:
        return None
