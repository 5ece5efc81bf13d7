"""The demo's self-evaluation: Barito Selatan TA 2023, every criterion checked, graded B."""
from datetime import datetime

import sqlalchemy as sa

from ..extensions import db
from ..models import LkeCheck, LkeEvaluation, Year
from . import evidence, service, viewmodel

# Criteria met per sub-component (the first n of each): 64,60, B (Baik); see docs/lke.md.
MET = {"1.a": 6, "1.b": 10, "1.c": 6, "2.a": 3, "2.b": 7, "2.c": 6,
       "3.a": 5, "3.b": 7, "3.c": 5, "4.a": 2, "4.b": 3, "4.c": 2}
NOTES = {"1.a.2": "RPJP disusun di tingkat KPU RI; tidak ada dokumen tingkat kabupaten.",
         "4.c.3": "Hasil evaluasi internal belum dibahas dalam rapat pleno."}


def load(year_number: int = 2023) -> LkeEvaluation | None:
    """Fill the year's self-evaluation unless it has one; returns it, or None."""
    year = db.session.scalar(sa.select(Year).where(Year.year == year_number))
    if year is None or service.evaluation_of(year) is not None:
        return None
    suggestions = evidence.suggest(year)
    evaluation = LkeEvaluation(year_id=year.id, set_id=service.current_set_id(), status="draft",
                               comment="")
    db.session.add(evaluation)
    db.session.flush()
    vm = viewmodel.build(year)
    for sub in vm.subs():
        for number, row in enumerate(sub.criteria, start=1):
            code = row.criterion.code
            hint = suggestions.get(row.criterion.evidence_rule)
            db.session.add(LkeCheck(
                evaluation_id=evaluation.id, criterion_id=row.criterion.id, side="mandiri",
                met=number <= MET.get(sub.sub.code, 0), note=NOTES.get(code, ""),
                evidence=hint.text if hint else "", updated_at=datetime.now()))
    db.session.commit()
    return evaluation
