"""The realisasi table (header, rows, shared attributes), written as HTML in one pass in Python.

A 200-indicator year has 800 quarter cells with about 30 values each; as Jinja macros they took
two thirds of the page time (a macro call and an autoescape per value). Here every text that
comes from a user or from the database goes through `escape`; only integers (ids, quarters,
counts, versions) and our own constant markup are written as they are. The page and the save
answer use the same functions, so a cell swapped out of band is exactly what the page showed.

The htmx attributes shared by every input (hx-include, hx-sync, hx-swap) sit once on the
<tbody> (TBODY) and are inherited (htmx 2). This module owns the whole <table>: a column is
added here, to COLUMNS and to _row, and nowhere else. A plain Jinja loop writing the same HTML
took 1.6 to 5.8 times as long, 2.9 in the median run (bench/realisasi_table_bench.py),
so the table stays in Python.
"""
from itertools import groupby

from markupsafe import Markup

from .. import icons
from ..domain import GRADES, QUARTERS
from ..formatting import format_percent, quarter_short, roman
from ..presenters import badge_style
from ..queries import year_locks
from ..review.marks import DRAFT, year_marks
from ..rollup.service import value_text
from .values import accepts_fraction, entry_text

ROMANS = {q: roman(q) for q in QUARTERS}
OOB = ' hx-swap-oob="true"'
LOCK = (f' <span class="rl-lock" title="Disetujui dan dikunci verifikator">{icons.LOCK}'
        '<span class="visually-hidden">dikunci</span></span>')
TEXT_INPUT = ' autocomplete="off" hx-trigger="input changed delay:300ms, rl-retry, typed-early"'
FRACTION_INPUT = TEXT_INPUT + ' placeholder="98,5 atau 230/234">'
NUMBER_INPUT = TEXT_INPUT + ' inputmode="decimal">'
GRADE_TRIGGER = ' hx-trigger="change, typed-early">'


def escape(text: str) -> str:
    """markupsafe.escape, the same five characters and entities, as a plain str: building a
    Markup per value was a third of the time of the table."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


# The columns in order: (group heading or None, heading). A group spans its columns in the
# first header row and their headings go in the second; a column without a group spans both.
COLUMNS = (
    (None, "No"), (None, "Indikator kinerja"), (None, "Target"),
    *(("Realisasi (target triwulan)", quarter_short(q)) for q in QUARTERS),
    ("Capaian", "s.d. triwulan"), ("Capaian", "thd. target tahunan"),
    (None, "Kategori"), (None, "Bukti"), (None, "Penanggung jawab"),
)
# What every input shares, said once on the <tbody>: the stored version and base beside the
# input go with the value, one request per cell at a time, and the answer is all out of band.
TBODY = ('<tbody id="realisasi-rows" hx-include="next .rl-meta" '
         'hx-sync="closest td:queue last" hx-swap="none">')
EMPTY = (f'<tr><td colspan="{len(COLUMNS)}" class="text-center text-muted">Belum ada indikator '
         'untuk tahun ini.</td></tr>\n')


def _head() -> str:
    """The two header rows, written from COLUMNS."""
    top, below = [], []
    for group, columns in groupby(COLUMNS, key=lambda column: column[0]):
        headings = [heading for _group, heading in columns]
        if group is None:
            top += [f'<th scope="col" rowspan="2">{escape(h)}</th>' for h in headings]
        else:
            top.append(f'<th scope="colgroup" colspan="{len(headings)}">{escape(group)}</th>')
            below += [f'<th scope="col">{escape(h)}</th>' for h in headings]
    return "".join("    <tr>\n" + "".join(f"      {th}\n" for th in cells) + "    </tr>\n"
                   for cells in (top, below))


HEAD = _head()


def table_html(groups, year_path: str, editable) -> Markup:
    """The whole <table>: header, then the rows under their sasaran (grouped_rows_html), or a
    line saying the year has no indicator."""
    body = grouped_rows_html(groups, year_path, editable) if groups else EMPTY
    return Markup(f'<table class="table table-bordered table-sm realisasi-table" '
                  f'id="realisasi-table">\n  <thead class="table-light">\n{HEAD}  </thead>\n'
                  f'  {TBODY}\n{body}  </tbody>\n</table>')


def rows_html(rows, year_path: str, editable) -> Markup:
    """Every <tr> of the table; `editable(indicator)` says whether the user may edit it."""
    parts: list[str] = []
    for row in rows:
        _row(parts, row, year_path, editable(row.indicator))
    return Markup("".join(parts))


def grouped_rows_html(groups, year_path: str, editable, columns: int = len(COLUMNS)) -> Markup:
    """rows_html under sasaran headings; a sasaran that only repeats its one indicator's
    name (a flat IKU such as the seed) gets no heading."""
    parts: list[str] = []
    for group in groups:
        if not group.plain:
            parts.append(f'<tr class="rl-sasaran table-group-divider"><th colspan="{columns}" '
                         f'scope="colgroup">Sasaran {group.number}: {escape(group.name)}</th>'
                         '</tr>\n')
        for row in group.rows:
            _row(parts, row, year_path, editable(row.indicator))
    return Markup("".join(parts))


def _row(out: list, row, year_path: str, can_edit: bool) -> None:
    indicator = row.indicator
    iid = indicator.id
    marks = year_marks(indicator.year_id)  # before year_locks: it fills the lock cache
    locks = year_locks(indicator.year_id)
    muted = "" if indicator.has_target else " text-muted fst-italic"
    out.append(
        f'<tr id="rl-row-{iid}">\n<td class="text-center">{row.number}.</td>\n'
        f'<td class="wrap rl-name"><a href="{year_path}/indikator/{iid}">{escape(indicator.name)}'
        f'</a></td>\n<td class="text-center{muted}">{escape(row.target_text)}</td>')
    grade = indicator.target_kind == "grade"
    tail = FRACTION_INPUT if accepts_fraction(indicator) else NUMBER_INPUT
    # A grade is a select and must look like one (with its arrow).
    field_class = "form-select form-select-sm" if grade else "form-control form-control-sm"
    for cell in row.quarters:
        q = cell.quarter
        out.append('\n<td class="rl-quarter">')
        if row.computation is not None:
            out.append(_computed_cell(row.computation, cell, f"{year_path}/iku/{iid}/rincian"))
            continue
        locked = (iid, q) in locks
        if can_edit and not locked:
            text = entry_text(indicator, cell.entry)
            k = f"{iid}-{q}"
            out.append(
                f'<{"select" if grade else "input"} id="rl-input-{k}" name="value" '
                f'class="{field_class} rl-input" data-quarter="{q}" '
                f'aria-label="Realisasi TW {ROMANS[q]} indikator {row.number}" '
                f'aria-describedby="state-{k}" hx-post="{year_path}/realisasi/{iid}/{q}"')
            if grade:
                out.append(GRADE_TRIGGER + _grade_options(text) + "</select>")
            else:
                out.append(f' value="{escape(text)}"{tail}')
            out.append(marks.get((iid, q)) or (DRAFT if cell.value is not None else ""))
            out.append(quarter_side(iid, cell, cell.entry, text, year_path))
        else:
            out.append(f'<span class="rl-value">{escape(cell.text or "–")}</span>')
            if locked:
                out.append(LOCK)
            out.append(marks.get((iid, q)) or (DRAFT if cell.value is not None else ""))
            out.append(quarter_side(iid, cell, cell.entry, "", year_path, editable=False))
        if cell.target_text:
            out.append(f'<div class="rl-target small text-muted">target '
                       f'{escape(cell.target_text)}</div>')
        out.append("</td>")
    out.append("\n")
    out.append(capaian_cells(row))
    out.append(f'\n<td class="text-center">{row.evidence_total}</td>\n'
               f'<td class="small">{escape(indicator.pic_label)}</td>\n</tr>\n')


def _computed_cell(computation, cell, detail: str) -> str:
    """A computed quarter: read-only, marked "dihitung", linked to its drill-down, with the
    "sementara" figure when unverified entries below would change it (docs/rollup.md)."""
    q = cell.quarter
    out = [f'<a class="rl-value rl-computed" href="{detail}?tw={q}" title="Dihitung dari unit '
           f'di bawah: lihat rincian">{escape(cell.text or "–")}</a> <span class="badge '
           'text-bg-secondary">dihitung</span>']
    provisional = computation.provisional.quarters[q - 1].value
    if provisional != cell.value:
        text = escape(value_text(computation.spec, provisional))
        out.append(f'<div class="small text-muted rl-provisional">sementara {text}</div>')
    if cell.target_text:
        out.append(f'<div class="rl-target small text-muted">target '
                   f'{escape(cell.target_text)}</div>')
    out.append("</td>")
    return "".join(out)


def _grade_options(text: str) -> str:
    options = "".join(f"<option{' selected' if g == text else ''}>{g}</option>" for g in GRADES)
    return '<option value="">-</option>' + options


def quarter_side(iid: int, cell, entry, text: str, year_path: str, editable: bool = True,
                 state=None, oob: bool = False) -> Markup:
    """What sits beside a quarter's input: version, base and save state of an editable cell,
    then the quarter's evidence (count linked to the evidence page, "tanpa bukti" when a
    realisasi has no evidence). The save answer sends it with oob=True, so both elements are
    swapped out of band and the input itself never is. `entry` is the stored realisasi the
    version and base come from (in a save answer: as that save left it)."""
    q = cell.quarter
    k = f"{iid}-{q}"
    swap = OOB if oob else ""
    parts = []
    if editable:
        version = entry.version if entry else 0
        parts.append(f'<span id="meta-{k}" class="rl-meta"{swap}><input type="hidden" '
                     f'name="version" value="{version}"><input type="hidden" name="base" '
                     f'value="{escape(text)}">')
        if entry and entry.numerator is not None and entry.denominator is not None \
                and entry.value is not None:
            parts.append(f'<span class="rl-hint small text-muted">= '
                         f'{escape(format_percent(entry.value))}</span>')
        status = state.status if state else ""
        parts.append(f'<span id="state-{k}" class="rl-state small" aria-live="polite" '
                     f'data-state="{escape(status)}">')
        if state:
            parts.append(escape(state.message))
            if state.status == "conflict":
                parts.append(f' <button type="button" class="btn btn-link btn-sm p-0 '
                             f'rl-use-current" data-value="{escape(state.current)}" '
                             f'data-input="rl-input-{k}">Pakai nilai saat ini</button>')
        parts.append("</span></span>")
    roman_q = ROMANS[q]
    parts.append(f'<span id="ev-{k}" class="rl-evidence small"{swap}><a href="{year_path}/'
                 f'indikator/{iid}/bukti#bukti-tw-{q}" title="Bukti dukung TW {roman_q}">'
                 f'{cell.evidence} bukti</a>')
    if cell.missing_evidence:
        parts.append(f' <span class="badge text-bg-warning rl-no-evidence" title="Realisasi TW '
                     f'{roman_q} sudah diisi tetapi belum ada bukti dukung">tanpa bukti</span>')
    if cell.check:
        parts.append(f'<span id="warn-{k}" class="d-block text-danger rl-warning" '
                     f'role="status">{escape(cell.check)}</span>')
    parts.append("</span>")
    return Markup("".join(parts))


def capaian_cells(row, oob: bool = False) -> Markup:
    """The computed cells of a row (capaian to date, full year, category); the save answer
    sends them with oob=True inside a <template>."""
    iid = row.indicator.id
    swap = OOB if oob else ""
    to_date = escape(row.to_date_text)
    to_date = f"<strong>{to_date}</strong>" if row.to_date.percent is not None \
        else f'<span class="text-muted small">{to_date}</span>'
    if row.realisasi_text:
        to_date += f'<div class="small text-muted">realisasi {escape(row.realisasi_text)}</div>'
    full = escape(row.full_year_text)
    if row.full_year.percent is None:
        full = f'<span class="text-muted small">{full}</span>'
    category = row.category
    badge = (f'<span class="badge" style="{escape(badge_style(category.colour))}">'
             f'{escape(category.label)}</span>') if category \
        else '<span class="text-muted">-</span>'
    return Markup(
        f'<td id="rl-todate-{iid}" class="text-center rl-capaian"{swap}>{to_date}</td>\n'
        f'<td id="rl-full-{iid}" class="text-center rl-capaian"{swap}>{full}</td>\n'
        f'<td id="rl-cat-{iid}" class="text-center"{swap}>{badge}</td>')
