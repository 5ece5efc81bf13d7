"""The answer to a save: one indicator's row and its year's summary, as measurement.build would
give them, at the same cost whatever the size of the year. The summary facts of every
indicator are remembered by everything they are computed from."""
from decimal import Decimal
from types import SimpleNamespace

import sqlalchemy as sa

from . import settings
from .domain import QUARTERS
from .extensions import db
from .indicator_measure import SPEC_COLUMNS, measure, spec_of
from .measurement import Row, Summary, build_row, summarize_facts, summary_fact
from .models import Indicator, Realisasi, Review
from .models.types import ExactDecimal
from .plausibility import DEFAULT_PERCENT_WARNING, doubt, implausible
from .queries import approved_quarters, evidence_counts


def refresh(indicator: Indicator) -> tuple[Row, Summary]:
    """The row of one indicator and the summary of its year, as build() would give them, for
    the answer to a save. Only this row is built; the summary comes from year_facts."""
    (cap, limit), categories = settings.measurement_settings(), settings.categories()
    iid = indicator.id
    facts, number = year_facts(indicator.year_id, cap, categories, iid, limit)
    entries = {entry.quarter: entry for entry in db.session.execute(
        sa.select(Realisasi.__table__).where(Realisasi.indicator_id == iid))}
    approved = approved_quarters(indicator.year_id, iid).get(iid, ())
    row = build_row(number, indicator, entries, evidence_counts(indicator.year_id, iid), 4,
                    cap, categories, limit, approved)
    return row, summarize_facts(facts, categories)


# The summary facts of an indicator, keyed by everything they are computed from: its SPEC_COLUMNS,
# stored values and approved quarters as read (with the cap, categories and plausibility limit
# in force). A save, an import, a target
# edit or a settings change makes a new key, so a fact is never stale; a save recomputes one
# indicator, not the year. Bounded: cleared when it grows past _FACTS_LIMIT entries (which are
# a few hundred bytes each) or 16 settings.
_FACTS: dict[tuple, dict[tuple, tuple]] = {}
_FACTS_LIMIT = 50_000


def _year_values(year_id: int):
    """SPEC_COLUMNS, (value, grade) of the four quarters and whether each is approved, of every
    indicator of a year, one row per indicator in table order, in one query. Read as stored,
    unconverted (text on SQLite): turning them into Decimals was most of the cost, and only a
    new key needs it."""
    quarters = []
    for q in QUARTERS:
        is_q = Realisasi.quarter == q
        quarters += [sa.func.max(sa.case((is_q, Realisasi.value))),
                     sa.func.max(sa.case((is_q, Realisasi.grade)))]
    approved = [sa.func.max(sa.case((sa.and_(Review.quarter == q, Review.status == "approved"),
                                     1))) for q in QUARTERS]
    stored = [sa.type_coerce(column, sa.String) for column in (*SPEC_COLUMNS, *quarters,
                                                               *approved)]
    # Through the session's connection, without the ORM's row loading (a third of the cost).
    return db.session.connection().execute(
        sa.select(Indicator.id, Indicator.rollup_rule, *stored)
        .outerjoin(Realisasi, Realisasi.indicator_id == Indicator.id)
        .outerjoin(Review, sa.and_(Review.indicator_id == Indicator.id,
                                   Review.quarter == Realisasi.quarter))
        .where(Indicator.year_id == year_id)
        .group_by(Indicator.id).order_by(Indicator.position, Indicator.id))


def year_facts(year_id: int, cap: int | None, categories, indicator_id: int | None = None,
               limit: Decimal = DEFAULT_PERCENT_WARNING):
    """(facts for summarize_facts of every indicator of the year, table number of
    indicator_id)."""
    if len(_FACTS) > 16:  # many cap and category settings seen: start again
        _FACTS.clear()
    try:
        memo = _FACTS.setdefault((cap, categories, limit), {})
    except TypeError:  # categories that cannot be hashed (a list, a signalling NaN bound)
        memo = {}
    if len(memo) > _FACTS_LIMIT:
        memo.clear()
    facts, number = [], 0
    rows = _year_values(year_id).all()
    computed = _computed_facts([row[0] for row in rows if row[1] != "typed"], cap, categories)
    for n, row in enumerate(rows, start=1):
        key = row[2:]
        fact = computed.get(row[0]) or memo.get(key)
        if fact is None:
            fact = memo[key] = _stored_fact(key, cap, categories, limit)
        facts.append(fact)
        if row[0] == indicator_id:
            number = n
    return facts, number


def _computed_facts(ids: list[int], cap: int | None, categories) -> dict[int, tuple]:
    """The facts of the year's computed indicators, from their verified roll-up (never
    memoised: a child's approval changes them without touching this year's rows)."""
    if not ids:
        return {}
    from .rollup.service import computations_of_ids  # the roll-up reads measurement's Spec
    facts = {}
    for iid, found in computations_of_ids(ids).items():
        values = list(found.verified.values)
        _, to_date, _, category = measure(found.spec, values, 4, cap, categories)
        facts[iid] = summary_fact(found.spec, to_date, category,
                                  tuple(v is not None for v in values))
    return facts


def _stored_fact(stored: tuple, cap: int | None, categories, limit: Decimal) -> tuple:
    """summary_fact() of an indicator from a row of _year_values, converted as the ORM
    converts these columns."""
    columns = SimpleNamespace(**{
        column.key: _loaded(column, value) for column, value in zip(SPEC_COLUMNS, stored,
                                                                    strict=False)})
    spec = spec_of(columns)
    quarters = stored[len(SPEC_COLUMNS):len(SPEC_COLUMNS) + 2 * len(QUARTERS)]
    approved = {q for q, flag in zip(QUARTERS, stored[-len(QUARTERS):], strict=True) if flag}
    values = [quarters[2 * i + 1] if spec.grade else _loaded(Realisasi.value, quarters[2 * i])
              for i in range(len(QUARTERS))]
    _, to_date, _, category = measure(spec, values, 4, cap, categories)
    warnings = [] if spec.grade else [implausible(v, spec.target, spec.percent, limit)
                                      for v in values]
    return summary_fact(spec, to_date, category, tuple(v is not None for v in values),
                        bool(doubt(warnings, approved)))


def _loaded(column, value):
    """A stored value as the ORM loads it from `column`."""
    kind = column.type
    return kind.process_result_value(value, None) if isinstance(kind, ExactDecimal) else value
