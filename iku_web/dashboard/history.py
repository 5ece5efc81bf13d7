"""The capaian of earlier years beside this year's: years held in the application through the
indicator lineage (the indicator of an earlier year each one was copied from) and realisasi
typed for years before the application. The same years and numbers as iku_web.chain.history
(the "tahun lalu" of the Pengukuran report: full-year capaian of that year), computed from
plain columns in three queries: chain.history builds a full row per ancestor and walks the
lineage one query per indicator, which doubled the time of a 200-indicator dashboard."""
import sqlalchemy as sa

from .. import chain, indicator_measure, measurement
from ..extensions import db
from ..models import Indicator, PastRealisasi, Year
from ..queries import realisasi_rows
from . import memo

# How many earlier years are shown beside this year's capaian.
DEPTH = 3


def earlier_capaian(year: Year, indicators, cap, categories
                    ) -> dict[int, tuple[tuple[int, str], ...]]:
    """{indicator id: ((earlier year, capaian text), ...)}, oldest first, the DEPTH newest."""
    indicators = list(indicators)
    columns = {c.id: c for c in db.session.execute(
        sa.select(Indicator.id, Indicator.source_indicator_id, Year.year,
                  *indicator_measure.SPEC_COLUMNS)
        .join(Year, Year.id == Indicator.year_id).where(Year.year < year.year))}
    chains = {ind.id: _lineage(ind.source_indicator_id, columns) for ind in indicators}
    owners = set(chains) | {c.id for ancestors in chains.values() for c in ancestors}
    typed: dict[int, list[PastRealisasi]] = {}
    for past in db.session.scalars(sa.select(PastRealisasi).where(
            PastRealisasi.indicator_id.in_(owners))):
        typed.setdefault(past.indicator_id, []).append(past)
    picked: dict[int, list] = {}
    for ind in indicators:
        years: dict[int, object] = {c.year: c for c in chains[ind.id]}
        for owner in [ind.id, *(c.id for c in chains[ind.id])]:
            for past in typed.get(owner, ()):
                if past.year not in years and past.year < year.year:
                    years[past.year] = past
        picked[ind.id] = [years[y] for y in sorted(years, reverse=True)[:DEPTH]]
    needed = {item.id for items in picked.values() for item in items
              if not isinstance(item, PastRealisasi)}
    entries = realisasi_rows(needed)
    by_id = {ind.id: ind for ind in indicators}
    result = {}
    for iid, items in picked.items():
        texts = []
        for item in items:
            if isinstance(item, PastRealisasi):
                texts.append((item.year, chain.typed_year(by_id[iid], item, cap).capaian_text
                              + " (diketik)"))
            else:
                texts.append((item.year, _full_year_text(item, entries.get(item.id, {}), cap,
                                                         categories)))
        if texts:
            result[iid] = tuple(reversed(texts))
    return result


def _lineage(source: int | None, columns: dict) -> list:
    """The ancestors' columns, newest first (the walk stops at a loop or a missing link)."""
    found, seen = [], set()
    while source in columns and source not in seen and len(found) < chain.MAX_LINEAGE:
        seen.add(source)
        found.append(columns[source])
        source = columns[source].source_indicator_id
    return found


def _full_year_text(columns, stored: dict, cap, categories) -> str:
    """That year's full-year capaian, as its Pengukuran report computes it."""
    spec = indicator_measure.spec_of(columns)
    values = [None if (e := stored.get(q)) is None else (e.grade if spec.grade else e.value)
              for q in measurement.QUARTERS]
    _, _, full_year, _ = memo.measure(spec, values, 4, cap, categories)
    return indicator_measure.result_text(full_year)
