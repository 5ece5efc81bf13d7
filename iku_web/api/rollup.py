"""The roll-up of a computed indicator as the capaian API gives it (docs/api.md, "Computed
indicators"): per triwulan its value, numerator, denominator and each direct child with its
code, value, status and whether it was counted; verified figures and the "sementara" ones
that also take unverified entries. The Computation comes from the roll-up service
(iku_web/rollup) through measurement's rows: computed once per request for the whole year."""
from ..rollup import service
from .numbers import number, percent


def rollup_json(computed: service.Computation) -> dict:
    """A computed indicator's roll-up (the Computation measurement's row carries)."""
    return {"rule": computed.verified.rule, "verified": _rollup(computed.verified),
            "provisional": _rollup(computed.provisional)}


def _rollup(rollup: service.Rollup) -> dict:
    progress = rollup.progress
    return {
        "quarters": [{
            "quarter": figure.quarter, "value": number(figure.value),
            "numerator": figure.numerator, "denominator": figure.denominator,
            "children": [_child(child) for child in figure.children],
        } for figure in rollup.quarters],
        "full_year": {"realisasi": number(progress.realisasi),
                      "capaian": percent(progress.full_year),
                      "capaian_to_date": percent(progress.to_date)},
    }


def _child(child: service.ChildFigure) -> dict:
    return {"code": child.unit.code, "name": child.unit.name, "status": child.status,
            "counted": child.counted, "value": number(child.value),
            "capaian": percent(child.result) if child.result is not None else None,
            "met": child.met, "reason": child.reason or None,
            **({"lke": _grade(child.grade)} if child.from_lke else {})}


def _grade(grade) -> dict | None:
    """persentase_huruf: the child's LKE grade (lke/grades.py), null when it has none."""
    if grade is None:
        return None
    return {"letter": grade.letter, "score": f"{grade.score:.2f}", "label": grade.label,
            "side": grade.side, "submitted": grade.submitted, "provisional": grade.provisional,
            "official": grade.official}
