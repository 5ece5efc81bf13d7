"""The measurement of a year: one view-model for the realisasi screen, the Pengukuran Kinerja
PDF and the Excel export, so that paper and screen can never show different numbers."""
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from . import capaian, chain, settings
from .categories import DEFAULT_CATEGORIES, Category
from .domain import QUARTERS
from .extensions import db
from .formatting import format_percent, fraction_suffix
from .indicator_measure import (
    SPEC_COLUMNS,  # noqa: F401 (rollup/load.py still imports it from here)
    Spec,
    measure,
    result_text,
    spec_of,
    value_text_of,
)
from .models import Indicator, Realisasi, Year
from .plausibility import DEFAULT_PERCENT_WARNING, doubt, implausible, marked
from .presenters import quarter_target_labels, target_label
from .queries import evidence_counts, year_approved

INVALID_NOTE = "Nilai tersimpan tidak valid (negatif atau bukan angka): isi ulang nilainya."


@dataclass(frozen=True)
class QuarterCell:
    quarter: int
    # The stored realisasi of the quarter as a row of its columns (value, grade, numerator,
    # denominator, version, obstacles, ...; no relationships), or None when never saved.
    entry: Realisasi | None
    value: Decimal | str | None  # number or grade; None means not filled (never 0)
    text: str  # "85,5%", "B", "" ; numerator/denominator appended when given
    target_text: str
    evidence: int
    warning: str = ""  # "Periksa: ..." when the value is probably mistyped (still saved)
    approved: bool = False  # a verifier approved the quarter, so checked its value

    @property
    def invalid(self) -> bool:
        """A stored number no screen or import accepts (written straight into the database)."""
        return isinstance(self.value, Decimal) and capaian.amount(self.value) is None

    @property
    def check(self) -> str:
        """The "Periksa" shown beside the value and on Pantauan: gone once the quarter is
        approved (the verifier's word that the value was checked). The review card keeps
        the warning itself, to say it was confirmed. An invalid value is always shown."""
        if self.invalid:
            return INVALID_NOTE
        return "" if self.approved else self.warning

    @property
    def filled(self) -> bool:
        return self.value is not None

    @property
    def missing_evidence(self) -> bool:
        """A realisasi without any evidence file yet: the table flags it."""
        return self.value is not None and not self.evidence


@dataclass(frozen=True)
class Row:
    number: int
    indicator: Indicator
    target_text: str
    quarters: tuple[QuarterCell, ...]
    progress: capaian.Progress
    realisasi_text: str
    to_date: capaian.Result  # percent already capped by the office setting
    full_year: capaian.Result
    category: Category | None  # None while the value is in doubt
    # The "Periksa: ..." warning of a value no verifier has confirmed yet (plausibility.doubt):
    # the capaian is shown marked, and stays out of the category counts and the average.
    doubt: str = ""
    # A computed indicator's roll-up (rollup.service.Computation): its quarters are the
    # verified computed figures, read-only (docs/rollup.md).
    computation: object | None = None

    @property
    def to_date_text(self) -> str:
        return marked(result_text(self.to_date), self.doubt)

    @property
    def full_year_text(self) -> str:
        return marked(result_text(self.full_year), self.doubt)

    @property
    def evidence_total(self) -> int:
        return sum(cell.evidence for cell in self.quarters)


@dataclass(frozen=True)
class Summary:
    indicators: int
    average: Decimal | None  # mean capaian to date over indicators that have one
    categories: tuple[tuple[Category, int], ...]
    without_capaian: int
    filled: tuple[int, ...]  # filled indicators per quarter, TW I..IV
    grade_indicators: int = 0  # indicators with a grade target: never in the average
    doubtful: int = 0  # implausible values not confirmed by a verifier: counted nowhere else
    met: int = 0  # indicators whose target is reached (capaian >= 100% or grade met)
    assessed: int = 0  # indicators with a capaian or a grade verdict

    @property
    def average_note(self) -> str:
        """The footnote that says which rule the average follows (empty when it is moot)."""
        if not self.grade_indicators:
            return ""
        return (f"Rata-rata capaian tidak mencakup {self.grade_indicators} indikator bertarget "
                "nilai huruf (misalnya \"minimal BB\"): nilai huruf tercapai atau tidak, "
                "tidak pernah dijadikan persen.")

    @property
    def doubt_text(self) -> str:
        if not self.doubtful:
            return ""
        return (f"{self.doubtful} indikator bernilai tidak wajar yang belum dikonfirmasi "
                "verifikator tidak dihitung dalam rata-rata dan kategori.")

    @property
    def met_text(self) -> str:
        """"2 dari 3 indikator tercapai": defined where a mean of grades is not."""
        return f"{self.met} dari {self.assessed} indikator tercapai"

    @property
    def average_text(self) -> str:
        return format_percent(capaian.round_percent(self.average)) if self.average is not None \
            else "-"


@dataclass(frozen=True)
class Measurement:
    year: Year
    upto: int  # last quarter taken into account (4 = whole year)
    rows: tuple[Row, ...]
    summary: Summary

    @property
    def groups(self) -> list["chain.Group[Row]"]:
        """The rows under their sasaran, in sasaran order (rows keep their numbers)."""
        return chain.group(self.year, self.rows)

    def history(self) -> dict[int, tuple["chain.PastYear", ...]]:
        """Earlier years of every indicator, newest first: {indicator id: (PastYear, ...)}."""
        return chain.history(row.indicator for row in self.rows)


def build_row(number: int, indicator: Indicator, entries: dict[int, Realisasi],
              evidence: dict[tuple[int, int], int], upto: int = 4,
              cap: int | None = None, categories=DEFAULT_CATEGORIES,
              limit: Decimal = DEFAULT_PERCENT_WARNING,
              approved: Collection[int] = (), computation=None) -> Row:
    """One indicator's row; approved: its quarters a verifier approved (plausibility.doubt).
    computation: the roll-up of a computed indicator, whose verified figures replace the
    stored values (its entries still carry the parent's own notes)."""
    spec, iid = spec_of(indicator), indicator.id
    targets = quarter_target_labels(indicator)
    cells = []
    for q in QUARTERS:
        entry = entries.get(q)
        if computation is not None:
            value = computation.verified.quarters[q - 1].value
            cells.append(QuarterCell(q, entry, value, value_text_of(spec, value),
                                     targets[q - 1], evidence.get((iid, q), 0)))
            continue
        value = None if entry is None else (entry.grade if spec.grade else entry.value)
        text = value_text_of(spec, value)
        if value is not None:
            text += fraction_suffix(entry.numerator, entry.denominator)
        warning = "" if spec.grade else implausible(value, spec.target, spec.percent,
                                                             limit)
        cells.append(QuarterCell(q, entry, value, text, targets[q - 1], evidence.get((iid, q), 0),
                                 warning, q in approved))
    progress, to_date, full_year, category = measure(
        spec, [cell.value for cell in cells], upto, cap, categories)
    in_doubt = doubt([cell.warning for cell in cells], approved, upto)
    return Row(
        number=number, indicator=indicator, target_text=target_label(indicator),
        quarters=tuple(cells), progress=progress,
        realisasi_text=value_text_of(spec, progress.realisasi), to_date=to_date,
        full_year=full_year, category=None if in_doubt else category, doubt=in_doubt,
        computation=computation,
    )


def summary_fact(spec: Spec, to_date: capaian.Result, category, filled: tuple[bool, ...],
                 in_doubt: bool = False) -> tuple:
    """What the summary needs of one indicator: the percent it adds to the average (None for
    grade targets and anything not shown as a number), its category, its filled quarters,
    whether it has a grade target, whether its target is met, whether it is assessed, and
    whether its value is in doubt (then it counts only there)."""
    grade = spec.target.kind == "grade"
    if in_doubt:
        return None, None, filled, grade, False, False, True
    return (capaian.averaged(to_date, spec.target), category, filled, grade, to_date.met,
            to_date.assessed, False)


def summarize(rows, categories) -> Summary:
    facts = [summary_fact(spec_of(row.indicator), row.to_date, row.category,
                          tuple(cell.filled for cell in row.quarters), bool(row.doubt))
             for row in rows]
    return summarize_facts(facts, categories)


def summarize_facts(facts, categories) -> Summary:
    """facts: summary_fact() of every indicator."""
    percents = [fact[0] for fact in facts if fact[0] is not None]
    counts = Counter(fact[1].label for fact in facts if fact[1] is not None)
    return Summary(
        indicators=len(facts),
        average=sum(percents, Decimal(0)) / len(percents) if percents else None,
        categories=tuple((c, counts.get(c.label, 0)) for c in categories),
        without_capaian=sum(1 for fact in facts if fact[1] is None and not fact[6]),
        filled=tuple(sum(1 for fact in facts if fact[2][q - 1]) for q in QUARTERS),
        grade_indicators=sum(1 for fact in facts if fact[3]),
        met=sum(1 for fact in facts if fact[4]),
        assessed=sum(1 for fact in facts if fact[5]),
        doubtful=sum(1 for fact in facts if fact[6]),
    )


def load_entries(year: Year | int) -> dict[int, dict[int, Realisasi]]:
    """All realisasi of a year in one query, as rows of columns: {indicator id: {quarter: row}}.

    Plain rows, not ORM objects: loading 800 objects cost a fifth of the page time.
    """
    year_id = year if isinstance(year, int) else year.id
    entries: dict[int, dict[int, Realisasi]] = {}
    query = sa.select(Realisasi.__table__).where(Realisasi.indicator_id.in_(
        sa.select(Indicator.id).where(Indicator.year_id == year_id)))
    for entry in db.session.execute(query):
        entries.setdefault(entry.indicator_id, {})[entry.quarter] = entry
    return entries


def build(year: Year, upto: int = 4, computed: dict | None = None) -> Measurement:
    """The whole year (or the quarters up to `upto`) in a constant number of queries.
    computed: the roll-up of the year's indicators when the caller has it already
    (rollup.service.computations), so that a page computes it once."""
    return build_each(year, (upto,), computed)[upto]


def build_each(year: Year, uptos: Collection[int] = QUARTERS,
               computed: dict | None = None) -> dict[int, Measurement]:
    """build(year, upto) for each of `uptos`, reading the year's data once (the API gives the
    capaian of every triwulan: the Pengukuran up to each)."""
    (cap, limit), categories = settings.measurement_settings(), settings.categories()
    entries, evidence = load_entries(year), evidence_counts(year.id)
    approved = year_approved(year.id)
    if computed is None:
        from .rollup.service import computations  # the roll-up reads this module's Spec
        computed = computations(year.indicators)
    indicators = list(enumerate(year.indicators, start=1))
    built = {}
    for upto in uptos:
        rows = tuple(
            build_row(number, indicator, entries.get(indicator.id, {}), evidence, upto, cap,
                      categories, limit, {q for q in QUARTERS if (indicator.id, q) in approved},
                      computed.get(indicator.id))
            for number, indicator in indicators
        )
        built[upto] = Measurement(year, upto, rows, summarize(rows, categories))
    return built
