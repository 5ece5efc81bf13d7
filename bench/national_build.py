"""A tree of units for the national benchmark, built with bulk inserts on a migrated database
(PostgreSQL or SQLite): KPU RI, its provinces and their Kabupaten/Kota, each with the same
indicators for one year; the Kabupaten/Kota type approved realisasi in TW I-IV, the province's
and KPU RI's indicators are linked to their parent's and computed with a mix of the roll-up rules
(docs/rollup.md). Each Kabupaten/Kota has an LKE of the year (LKE_PLAN, cycled: mostly final
grades of B or better, some below B, a draft, one office in ten without an LKE), which the
persentase huruf indicators read (docs/rollup.md, "Grades from the LKE"); the provinces have
none, as KPU RI counts the Kabupaten/Kota below them, not the provinces' own grades.

    tree = build(provinces=38, kabupaten=514)  # 553 units: KPU RI + 38 + 514
    tree = build(provinces=0, kabupaten=14)    # 15 units: a province and its offices
    tree = build(provinces=0, kabupaten=0)     # 1 unit: a Kabupaten alone

Inside an app context. One Kabupaten (tree.save_unit) leaves TW IV empty and unreviewed: the
cells the save benchmark writes. Accounts: "admin" (install admin at the top unit) and
`clients` verifiers of tree.save_unit, all with PASSWORD, hashed cheaply (one pbkdf2 round
set: the benchmark measures pages, not logins).
"""
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from iku_web.domain import GRADES
from iku_web.extensions import db
from iku_web.lke import demo as lke_demo
from iku_web.models import (
    Indicator,
    LkeCheck,
    LkeComponent,
    LkeCriteriaSet,
    LkeCriterion,
    LkeEvaluation,
    LkeSubcomponent,
    Membership,
    Realisasi,
    Review,
    Sasaran,
    Unit,
    User,
    Year,
)

YEAR = 2024
INDICATORS = 15
PASSWORD = "bench-password-1"
# The rule of the computed indicators, by indicator position (cycled), and what the typed
# indicators below them measure.
RULES = ("persentase_memenuhi", "jumlah", "rata_rata", "minimum", "maksimum",
         "persentase_huruf")
_PERCENT = {"target_kind": "percent", "target_value": Decimal(100), "target_unit": "%",
            "aggregation": "nilai_akhir"}
_COUNT = {"target_kind": "number", "target_value": Decimal(40), "target_unit": "dokumen",
          "aggregation": "kumulatif"}
_GRADE = {"target_kind": "grade", "target_grade": "B", "target_value": None, "target_unit": "",
          "aggregation": "nilai_akhir"}
MEASURES = {"persentase_memenuhi": ("Persentase tahapan tepat waktu", _PERCENT),
            "jumlah": ("Jumlah dokumen yang dipublikasikan", _COUNT),
            "rata_rata": ("Persentase partisipasi pemilih", _PERCENT),
            "minimum": ("Persentase laporan dana kampanye diaudit", _PERCENT),
            "maksimum": ("Jumlah sosialisasi pemilih", _COUNT),
            "persentase_huruf": ("Nilai SAKIP", _GRADE)}
# The LKE of the n-th Kabupaten/Kota (cycled): (self-evaluation's profile, its status, the
# evaluator's profile or None); None: no LKE ("belum melapor"). The profiles and their grades
# are the province demo's (lke/demo.py). Final and at least B: 6 in 10; final below B: 2;
# a draft (sementara only): 1; no LKE: 1.
LKE_PLAN = ((lke_demo.STRONG, "submitted", lke_demo.MET),  # B, the evaluator's
            (lke_demo.FAIR, "submitted", None),  # CC
            (lke_demo.MET, "draft", None),  # B, not final
            None,
            (lke_demo.ALL_MET, "submitted", None),  # BB
            (lke_demo.MET, "submitted", None),  # B
            (lke_demo.STRONG, "submitted", None),  # BB
            (lke_demo.WEAK, "submitted", None),  # C
            (lke_demo.MET, "submitted", None),  # B
            (lke_demo.ALL_MET, "submitted", None))  # BB


@dataclass
class Tree:
    top: str  # the code of the top unit
    province: str | None  # the code of one province (the one holding save_unit), or None
    save_unit: str  # the Kabupaten whose TW IV the save benchmark writes
    units: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # rows inserted per table


def realisasi_of(rule: str, unit_id: int, position: int, quarter: int):
    """A deterministic realisasi: (value, grade). The Kabupaten/Kota still type a grade for
    their own "Nilai SAKIP" indicators (their own capaian, on the Kabupaten pages the benchmark
    measures, as in its earlier runs); the parents' persentase huruf ignores it and reads the
    LKE."""
    n = (unit_id * 31 + position * 7 + quarter * 3) % 17
    if rule == "persentase_huruf":
        return None, GRADES[2 + n % 5]
    if MEASURES[rule][1] is _COUNT:
        return Decimal(5 + n), None
    # A third of the offices meet the target of 100%, the others reach 83..99%.
    return (Decimal(100) if n % 3 == 0 else Decimal(83 + n)), None


def _insert(model, rows: list[dict], tree: Tree, ids: bool = True) -> list[int]:
    """Bulk insert; the new ids in the order of `rows` (none asked: a plain executemany)."""
    tree.rows[model.__tablename__] = tree.rows.get(model.__tablename__, 0) + len(rows)
    if not rows:
        return []
    if not ids:
        db.session.execute(sa.insert(model), rows)
        return []
    return list(db.session.scalars(
        sa.insert(model).returning(model.id, sort_by_parameter_order=True), rows))


def _units(provinces: int, kabupaten: int, tree: Tree) -> list[list[tuple[int, str]]]:
    """The units, level by level, as (id, kind): the top one is the install's default unit,
    renamed."""
    top = db.session.scalar(sa.select(Unit).order_by(Unit.id).limit(1))
    kind = "pusat" if provinces else "provinsi" if kabupaten else "kabupaten"
    names = {"pusat": ("ri", "Komisi Pemilihan Umum Republik Indonesia", "Jakarta"),
             "provinsi": ("prov-01", "Komisi Pemilihan Umum Provinsi Satu", "Ibu Kota Satu"),
             "kabupaten": ("kab-001", "Komisi Pemilihan Umum Kabupaten 001", "Kota 001")}
    top.code, top.name, top.place = names[kind]
    top.kind = kind
    db.session.flush()
    levels = [[(top.id, kind)]]
    if provinces:
        rows = [{"code": f"prov-{p:02d}", "name": f"Komisi Pemilihan Umum Provinsi {p:02d}",
                 "kind": "provinsi", "place": f"Ibu Kota {p:02d}", "parent_id": top.id,
                 "retired": False} for p in range(1, provinces + 1)]
        levels.append([(i, "provinsi") for i in _insert(Unit, rows, tree)])
    parents = [i for i, _ in levels[-1]] if kabupaten else []
    rows = [{"code": f"kab-{k:03d}",
             "name": f"Komisi Pemilihan Umum {'Kota' if k % 7 == 0 else 'Kabupaten'} {k:03d}",
             "kind": "kota" if k % 7 == 0 else "kabupaten", "place": f"Kota {k:03d}",
             "parent_id": parents[(k - 1) % len(parents)], "retired": False}
            for k in range(1, kabupaten + 1)]
    if rows:
        levels.append(list(zip(_insert(Unit, rows, tree), [r["kind"] for r in rows],
                               strict=True)))
    return levels


def build(provinces: int, kabupaten: int, clients: int = 1) -> Tree:
    """The tree (see the module docstring), committed."""
    tree = Tree(top="", province=None, save_unit="")
    levels = _units(provinces, kabupaten, tree)
    tree.units = sum(len(level) for level in levels)
    leaves = {uid for uid, _ in levels[-1]}
    save_unit = levels[-1][0][0]
    codes = dict(db.session.execute(sa.select(Unit.id, Unit.code)).all())
    tree.top, tree.save_unit = codes[levels[0][0][0]], codes[save_unit]
    if len(levels) > 1:
        tree.province = codes[db.session.get(Unit, save_unit).parent_id or levels[0][0][0]]
    parent_of = dict(db.session.execute(sa.select(Unit.id, Unit.parent_id)).all())

    unit_ids = [uid for level in levels for uid, _ in level]
    year_ids = _insert(Year, [{"unit_id": uid, "year": YEAR,
                               "institution_name": f"Unit {codes[uid]}"}
                              for uid in unit_ids], tree)
    year_of = dict(zip(unit_ids, year_ids, strict=True))
    sasaran = _insert(Sasaran, [{"year_id": year_of[uid], "position": p,
                                 "name": f"Sasaran {p}"}
                                for uid in unit_ids for p in range(1, INDICATORS + 1)], tree)
    sasaran_of = dict(zip([(uid, p) for uid in unit_ids for p in range(1, INDICATORS + 1)],
                          sasaran, strict=True))
    indicator_of: dict[tuple[int, int], int] = {}
    for level in levels:  # top first: a link names an indicator inserted before it
        rows, keys = [], []
        for uid, _kind in level:
            for p in range(1, INDICATORS + 1):
                rule = RULES[(p - 1) % len(RULES)]
                name, fields = MEASURES[rule]
                parent = parent_of.get(uid)
                rows.append({"year_id": year_of[uid], "sasaran_id": sasaran_of[(uid, p)],
                             "position": p, "name": f"{name} ({p})",
                             "rollup_rule": "typed" if uid in leaves else rule,
                             "parent_indicator_id": indicator_of.get((parent, p)), **fields})
                keys.append((uid, p))
        indicator_of.update(zip(keys, _insert(Indicator, rows, tree), strict=True))

    when = datetime(YEAR, 10, 5, 9, 0)
    realisasi, reviews = [], []
    for uid in sorted(leaves):
        for p in range(1, INDICATORS + 1):
            rule, iid = RULES[(p - 1) % len(RULES)], indicator_of[(uid, p)]
            for q in (1, 2, 3, 4):
                if uid == save_unit and q == 4:
                    continue  # the cells the save benchmark writes
                value, grade = realisasi_of(rule, uid, p, q)
                realisasi.append({"indicator_id": iid, "quarter": q, "value": value,
                                  "grade": grade, "version": 1, "updated_at": when})
                reviews.append({"indicator_id": iid, "quarter": q, "status": "approved",
                                "submitted_at": when, "reviewed_at": when})
    _insert(Realisasi, realisasi, tree)
    _insert(Review, reviews, tree)
    admin = _accounts(levels[0][0][0], save_unit, clients, tree)
    _lke([year_of[uid] for uid, _ in levels[-1]], admin, tree)
    db.session.commit()
    return tree


def lke_plan(number: int):
    """The LKE_PLAN entry of the number-th Kabupaten/Kota (1-based, in the order of the units)."""
    return LKE_PLAN[(number - 1) % len(LKE_PLAN)]


def _lke(year_ids: list[int], submitter: int, tree: Tree) -> None:
    """The Kabupaten/Kota's LKE (LKE_PLAN) with the newest criteria set, as a new evaluation
    takes it: every criterion of a side checked, the first n of each sub-component met (as
    lke/demo.fill answers them, without its evidence texts)."""
    set_id = db.session.scalar(sa.select(sa.func.max(LkeCriteriaSet.id)))
    criteria: list[tuple[str, int, int]] = []  # (sub-component, criterion id, its number there)
    numbers: dict[str, int] = {}
    for code, criterion_id in db.session.execute(
            sa.select(LkeSubcomponent.code, LkeCriterion.id)
            .join(LkeCriterion, LkeCriterion.subcomponent_id == LkeSubcomponent.id)
            .join(LkeComponent, LkeComponent.id == LkeSubcomponent.component_id)
            .where(LkeComponent.set_id == set_id)
            .order_by(LkeComponent.position, LkeSubcomponent.position, LkeCriterion.position,
                      LkeCriterion.id)):
        numbers[code] = numbers.get(code, 0) + 1
        criteria.append((code, criterion_id, numbers[code]))
    planned = [(year_id, plan) for n, year_id in enumerate(year_ids, start=1)
               if (plan := lke_plan(n)) is not None]
    when = datetime(YEAR, 12, 20, 10, 0)
    ids = _insert(LkeEvaluation, [
        {"year_id": year_id, "set_id": set_id, "status": status, "comment": "",
         "submitted_at": when if status == "submitted" else None,
         "submitted_by_id": submitter if status == "submitted" else None}
        for year_id, (_self, status, _evaluator) in planned], tree)
    checks = [{"evaluation_id": evaluation_id, "criterion_id": criterion_id, "side": side,
               "met": number <= profile.get(code, 0), "note": "", "evidence": "",
               "updated_at": when}
              for evaluation_id, (_year, (own, _status, evaluator)) in zip(ids, planned,
                                                                           strict=True)
              for side, profile in (("mandiri", own), ("evaluator", evaluator))
              if profile is not None
              for code, criterion_id, number in criteria]
    _insert(LkeCheck, checks, tree, ids=False)


def _accounts(top_id: int, save_unit: int, clients: int, tree: Tree) -> int:
    """The accounts; the admin's id."""
    from werkzeug.security import generate_password_hash

    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")
    users = [{"username": "admin", "full_name": "Admin", "password_hash": cheap,
              "active": True}]
    users += [{"username": f"v{k}", "full_name": f"Verifikator {k}", "password_hash": cheap,
               "active": True} for k in range(clients)]
    ids = _insert(User, users, tree)
    _insert(Membership, [{"user_id": ids[0], "unit_id": top_id, "role": "admin"}]
            + [{"user_id": uid, "unit_id": save_unit, "role": "verifier"} for uid in ids[1:]],
            tree)
    return ids[0]
