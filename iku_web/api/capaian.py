"""GET /api/v1/<kode>/<tahun>/capaian: a year's indicators with their targets, realisasi and
capaian per triwulan and for the year, as JSON numbers (docs/api.md).

The figures come from measurement.build, the one view-model of the realisasi screen and the
Pengukuran Kinerja documents: the capaian of triwulan q is the "capaian s.d. TW q" of the
Pengukuran of that triwulan, so API and paper cannot disagree. A computed indicator also
carries its roll-up (api/rollup.py)."""
from flask import jsonify

from .. import capaian, measurement
from ..access import current_unit
from ..domain import QUARTERS
from ..models import Indicator
from ..scope import get_year
from . import bp
from .numbers import number, percent
from .rollup import rollup_json


def verdict(result: capaian.Result) -> dict:
    """What a capaian says besides its percent: met or not (None when it cannot be said),
    and the engine's Indonesian message when there is no percent."""
    return {"met": result.met if result.assessed else None,
            "note": result.message or None}


def _target(indicator: Indicator) -> dict:
    return {"kind": indicator.target_kind, "value": number(indicator.target_value),
            "upper": number(indicator.target_upper), "grade": indicator.target_grade}


def _quarter(q: int, indicator: Indicator, row: measurement.Row) -> dict:
    """Triwulan q from the Pengukuran up to q (`row`, built with upto=q)."""
    cell = row.quarters[q - 1]
    filled = cell.filled
    typed = cell.entry if filled and row.computation is None else None  # its own fraction
    return {"quarter": q, "target": number(indicator.quarter_targets[q - 1]),
            "realisasi": number(cell.value),
            "numerator": number(typed.numerator) if typed is not None else None,
            "denominator": number(typed.denominator) if typed is not None else None,
            "capaian": percent(row.to_date) if filled else None,
            **(verdict(row.to_date) if filled else {"met": None, "note": None})}


def indicator_json(rows: dict[int, measurement.Row], indicator: Indicator) -> dict:
    """One indicator: rows[q] is its row in the Pengukuran up to triwulan q (a computed
    indicator's row carries its roll-up)."""
    year_row = rows[4]
    sasaran = indicator.sasaran
    answer = {
        "id": indicator.id, "number": year_row.number, "name": indicator.name,
        "sasaran": {"id": sasaran.id, "name": sasaran.name} if sasaran else None,
        "satuan": indicator.satuan or None, "polarity": indicator.polarity,
        "aggregation": indicator.aggregation, "target": _target(indicator),
        "quarters": [_quarter(q, indicator, rows[q]) for q in QUARTERS],
        "full_year": {
            "realisasi": number(year_row.progress.realisasi),
            "capaian": percent(year_row.full_year),
            "capaian_to_date": percent(year_row.to_date),
            **verdict(year_row.full_year),
        },
        "category": {"label": year_row.category.label, "colour": year_row.category.colour}
        if year_row.category else None,
        "doubt": year_row.doubt or None,
        "computed": year_row.computation is not None,
    }
    if year_row.computation is not None:
        answer["rollup"] = rollup_json(year_row.computation)
    return answer


def build(year) -> dict:
    by_quarter = measurement.build_each(year, QUARTERS)
    list(year.sasaran)  # one query; each indicator's sasaran then comes from the session
    unit = current_unit()
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "year": year.year,
        "indicators": [
            indicator_json({q: m.rows[i] for q, m in by_quarter.items()}, row.indicator)
            for i, row in enumerate(by_quarter[4].rows)],
    }


@bp.route("/api/v1/<int:year>/capaian")
def capaian_api(year: int):
    """Readable by whoever may read the unit's Pengukuran (iku_web/scope.py decides)."""
    return jsonify(build(get_year(year)))
