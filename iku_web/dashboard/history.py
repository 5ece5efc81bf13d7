"""The capaian of earlier years of the same indicator, followed through the indicator lineage
(the indicator of the previous year it was carried over from). Two queries for any number of
indicators and years."""
import sqlalchemy as sa

from .. import measurement
from ..extensions import db
from ..models import Indicator, Realisasi, Year

# How many earlier years are shown beside this year's capaian.
DEPTH = 3
LINK = "source_indicator_id"


def lineage_available() -> bool:
    return hasattr(Indicator, LINK)


def earlier_capaian(year: Year, cap, categories) -> dict[int, tuple[tuple[int, str], ...]]:
    """{indicator id of this year: ((earlier year, capaian text), ...)} oldest first; empty when
    the app has no lineage or no indicator was carried over."""
    if not lineage_available():
        return {}
    link = getattr(Indicator, LINK)
    columns = db.session.execute(
        sa.select(Indicator.id, link.label("source"), Year.year, *measurement.SPEC_COLUMNS)
        .join(Year, Year.id == Indicator.year_id)
        .where(Year.year <= year.year, Year.year >= year.year - DEPTH)).all()
    by_id = {c.id: c for c in columns}
    older = [c.id for c in columns if c.year < year.year]
    if not older:
        return {}
    entries: dict[int, dict[int, object]] = {}
    query = sa.select(Realisasi.__table__).where(Realisasi.indicator_id.in_(
        sa.select(Indicator.id).join(Year).where(Year.year < year.year,
                                                 Year.year >= year.year - DEPTH)))
    for entry in db.session.execute(query):
        entries.setdefault(entry.indicator_id, {})[entry.quarter] = entry
    result = {}
    for c in columns:
        if c.year != year.year:
            continue
        chain, source, seen = [], c.source, {c.id}
        while source in by_id and source not in seen and len(chain) < DEPTH:
            seen.add(source)
            ancestor = by_id[source]
            chain.append((ancestor.year, _capaian_text(ancestor, entries.get(ancestor.id, {}),
                                                       cap, categories)))
            source = ancestor.source
        if chain:
            result[c.id] = tuple(reversed(chain))
    return result


def _capaian_text(columns, stored: dict, cap, categories) -> str:
    """The capaian of a whole earlier year, as its realisasi screen shows it."""
    spec = measurement.spec_of(columns)
    values = [None if (e := stored.get(q)) is None else (e.grade if spec.grade else e.value)
              for q in measurement.QUARTERS]
    _, to_date, _, _ = measurement._measure(spec, values, 4, cap, categories)
    return measurement.result_text(to_date)
