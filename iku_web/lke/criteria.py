"""The criteria sets shipped as data: the national set of PermenPAN-RB 88/2021 (see docs/lke.md
for where its wording comes from). The migration that creates the LKE tables seeds it."""
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

NATIONAL = Path(__file__).with_name("criteria_88_2021.json")


def load(path: Path = NATIONAL) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def insert(conn, data: dict) -> int:
    """Insert a criteria set with plain SQL (usable from a migration, which must not depend on
    the models of a later version); returns the set's id."""
    # Weights are stored as text on SQLite (models/types.py ExactDecimal), numeric elsewhere.
    as_text = conn.dialect.name == "sqlite"

    def weight(value: str):
        return str(Decimal(value)) if as_text else Decimal(value)

    def add(table: str, **values) -> int:
        cols = ", ".join(values)
        marks = ", ".join(f":{k}" for k in values)
        sql = sa.text(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING id")
        return conn.execute(sql, values).scalar_one()

    set_id = add("lke_criteria_set", name=data["name"], version=data["version"],
                 source=data.get("source", ""), created_at=datetime.now())
    for cpos, comp in enumerate(data["components"], start=1):
        comp_id = add("lke_component", set_id=set_id, position=cpos, code=comp["code"],
                      name=comp["name"], weight=weight(comp["weight"]))
        for spos, sub in enumerate(comp["subcomponents"], start=1):
            sub_id = add("lke_subcomponent", component_id=comp_id, position=spos,
                         code=sub["code"], kind=sub["kind"], name=sub["name"],
                         weight=weight(sub["weight"]))
            for pos, crit in enumerate(sub["criteria"], start=1):
                add("lke_criterion", subcomponent_id=sub_id, position=pos, code=crit["code"],
                    text=crit["text"], evidence_rule=crit.get("evidence", ""))
    return set_id


def export(criteria_set) -> dict:
    """A stored set in the data file's shape (what insert() reads)."""
    return {"name": criteria_set.name, "version": criteria_set.version,
            "source": criteria_set.source, "components": [
                {"code": c.code, "name": c.name, "weight": str(c.weight), "subcomponents": [
                    {"code": s.code, "kind": s.kind, "name": s.name, "weight": str(s.weight),
                     "criteria": [{"code": k.code, "text": k.text, "evidence": k.evidence_rule}
                                  for k in s.criteria]}
                    for s in c.subcomponents]}
                for c in criteria_set.components]}


def copy_set(session, criteria_set, version: str, name: str) -> int:
    """A new version of a set to edit (a later regulation, a ministry's adaptation): new
    evaluations take the newest set, those already made keep theirs."""
    data = export(criteria_set) | {"version": version, "name": name}
    return insert(session.connection(), data)
