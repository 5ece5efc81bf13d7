"""The LKE as JSON: components, sub-components, letters and scores of both sides, the total and
the grade, under the page's permissions. Scores are strings with two decimals (exact)."""
from decimal import Decimal

from flask import jsonify

from ..auth.permissions import reader_required
from ..indicators.service import get_year
from . import bp, viewmodel


def _score(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _weight(value: Decimal) -> str:
    """"30", "2.5": without trailing zeros, never in exponent form ("3E+1")."""
    return format(Decimal(value).normalize(), "f")


def _side(score) -> dict:
    return {"met": score.met, "criteria": score.total, "unchecked": score.unchecked,
            "suggested": score.suggested, "letter": score.letter, "reason": score.reason,
            "score": _score(score.score)}


def _total(total) -> dict:
    return {"score": _score(total.score), "grade": total.grade[0], "label": total.grade[1],
            "provisional": total.provisional, "unchecked": total.unchecked}


@bp.route("/api/v1/<int:year>/lke")
@reader_required
def api(year: int):
    """The year's LKE; "final" names the side that counts (the evaluator's once it scored)."""
    vm = viewmodel.build(get_year(year))
    return jsonify({
        "year": vm.year.year, "criteria_set": vm.criteria_set.version, "status": vm.status,
        "final": vm.final_side,
        "components": [{
            "code": comp.component.code, "name": comp.component.name,
            "weight": _weight(comp.component.weight),
            "score": {side: _score(comp.scores[side].score) for side in vm.sides},
            "subcomponents": [{
                "code": sub.sub.code, "kind": sub.sub.kind,
                "weight": _weight(sub.sub.weight),
                **{side: _side(sub.scores[side]) for side in vm.sides},
                "evaluator_note": sub.note("evaluator"),
            } for sub in comp.subs],
        } for comp in vm.components],
        "total": {side: _total(vm.totals[side]) for side in vm.sides},
    })
