"""A tree of units on the demo app: KPU Provinsi Kalimantan Tengah (kalteng) above the demo's
Barito Selatan (the default unit) and its sibling Kapuas, which has its own TA 2023 with a
piece of each kind of data; one account per (unit, role) named role.code."""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from iku_web.evidence import service as evidence_service
from iku_web.extensions import db
from iku_web.issued import service as issued_service
from iku_web.issued.codes import new_code
from iku_web.lke import files as lke_files
from iku_web.lke import service as lke_service
from iku_web.models import (
    Evidence,
    Indicator,
    IssuedDocument,
    LkeCriterion,
    LkeEvaluation,
    LkeFile,
    PastRealisasi,
    Program,
    Renstra,
    Unit,
    User,
    Year,
)
from iku_web.seed import load_demo
from tests.conftest import STAFF_PASSWORD, csrf_token, login

ROLES = ("admin", "verifier", "staff", "viewer")


@dataclass
class Tree:
    kapuas_indicator: int
    kapuas_evidence: int
    kapuas_document: int
    kapuas_signer: int
    kapuas_renstra: int
    barito_indicator: int
    kapuas_code: str
    kapuas_program: int
    kapuas_sasaran: int
    kapuas_past: int
    kapuas_user: int
    kapuas_lke_file: int = 0


def build_tree(app) -> Tree:
    with app.app_context():
        barito = db.session.get(Unit, 1)
        kalteng = Unit(name="KPU Provinsi Kalimantan Tengah", code="kalteng", kind="provinsi",
                       place="Palangka Raya")
        kapuas = Unit(name="KPU Kabupaten Kapuas", code="kapuas", kind="kabupaten",
                      place="Kuala Kapuas", parent=kalteng)
        barito.parent = kalteng
        db.session.add_all([kalteng, kapuas])
        db.session.flush()
        year = load_demo(2023, unit=kapuas)
        year.institution_name = "Komisi Pemilihan Umum Kabupaten Kapuas"
        for unit in (kalteng, barito, kapuas):
            for role in ROLES:
                user = User(username=f"{role}.{unit.code}", full_name=f"{role} {unit.code}")
                user.set_password(STAFF_PASSWORD)
                user.set_role(unit.id, role)
                db.session.add(user)
        db.session.flush()
        first = year.indicators[0]
        first.pic_user_id = db.session.scalar(
            sa.select(User.id).where(User.username == "staff.kapuas"))
        evidence = Evidence(indicator_id=first.id, quarter=1, original_name="lap.pdf",
                            stored_name="kapuas-lap", content_type="application/pdf", size=3,
                            sha256="0" * 64)
        document = IssuedDocument(year_id=year.id, document="iku", version=1, title="IKU 2023",
                                  code=new_code(), sha256="0" * 64, size=3,
                                  stored_name="kapuas-iku.pdf", issued_at=datetime(2024, 1, 5))
        renstra = Renstra(name="Renstra Kapuas", start_year=2020, end_year=2024,
                          unit_id=kapuas.id)
        program = Program(year_id=year.id, name="Program Kapuas", pagu=1_000_000,
                          sasaran_id=first.sasaran_id)
        past = PastRealisasi(indicator_id=first.id, year=2021, value=90, source="LKjIP 2021")
        evaluation = LkeEvaluation(year_id=year.id, set_id=lke_service.current_set_id(),
                                   status="draft", comment="")
        db.session.add_all([evidence, document, renstra, program, past, evaluation])
        db.session.flush()
        lke_file = LkeFile(evaluation_id=evaluation.id, side="mandiri",
                           criterion_id=db.session.scalar(sa.select(sa.func.min(
                               LkeCriterion.id))),
                           original_name="pedoman.pdf", stored_name="kapuas-lke.pdf",
                           content_type="application/pdf", size=4, sha256="0" * 64)
        db.session.add(lke_file)
        db.session.commit()
        lke_files.path_of(lke_file).write_bytes(b"%PDF")
        evidence_service.path_of(evidence).write_bytes(b"%PDF")
        issued_service.path_of(document).parent.mkdir(parents=True, exist_ok=True)
        issued_service.path_of(document).write_bytes(b"%PDF")
        kapuas_user = db.session.scalar(sa.select(User.id).where(User.username == "staff.kapuas"))
        barito_first = db.session.scalar(sa.select(Indicator.id).join(Year).where(
            Year.unit_id == 1).order_by(Indicator.position))
        return Tree(first.id, evidence.id, document.id, year.signers[0].id, renstra.id,
                    barito_first, document.code, program.id, first.sasaran_id, past.id,
                    kapuas_user, lke_file.id)


def signed_in(app, username: str):
    """A new client of `app` logged in as `username`, with `.token` for its CSRF token."""
    client = app.test_client()
    assert login(client, username, STAFF_PASSWORD).status_code == 302
    client.token = csrf_token(client, "/notifikasi")
    return client
