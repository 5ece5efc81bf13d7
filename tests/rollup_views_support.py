"""A hand-counted province for the tests of what prints the roll-up (documents, dashboard,
drill-down export): six offices under one computed indicator, and accounts in each unit.

Persentase KPU Kabupaten/Kota tepat waktu (persentase unit memenuhi, target 80%, nilai akhir);
each office's linked indicator: target 100%, nilai akhir.

    office  TW I            TW II                 TW II standing (verified)
    kab-a   100 approved    100 approved          memenuhi
    kab-b   100 approved     70 approved          tidak memenuhi
    kab-c   -               -                     belum melapor
    kab-d   tidak berlaku (exempt)                tidak berlaku
    kab-e   100 approved    100 submitted         belum diverifikasi (sementara: memenuhi)
    kab-f    90 approved    100 approved          memenuhi

TW I verified: a, b, e met; f not (90 < 100); c not reported: 3 of 5 = 60%.
TW II verified: a, f met of a, b, c, e, f: 2 of 5 = 40%; sementara (e too): 3 of 5 = 60%.
The year (nilai akhir) is TW II: 40%.
"""
from decimal import Decimal

import pytest

from iku_web.extensions import db
from iku_web.models import User
from tests.conftest import STAFF_PASSWORD, TOKEN_RE
from tests.rollup_support import YEAR, exempt, indicator, new_app, report, unit

NAME = "Persentase KPU Kabupaten/Kota tepat waktu"
FIGURE_TW2 = "2 dari 5 KPU Kabupaten/Kota, 40% (1 tidak berlaku)"
PROVISIONAL_TW2 = "3 dari 5 KPU Kabupaten/Kota, 60% (1 tidak berlaku)"
LINES = (
    "Dihitung dari unit di bawahnya (Persentase unit memenuhi target), data terverifikasi, "
    f"TW II: {FIGURE_TW2}.",
    f"Sementara, termasuk yang belum diverifikasi, TW II: {PROVISIONAL_TW2}.",
    "Tidak memenuhi target: KPU Kab-B.",
    "Belum diverifikasi (dihitung tidak memenuhi): KPU Kab-E.",
    "Belum melapor (dihitung tidak memenuhi): KPU Kab-C.",
)


def account(owner, username: str, role: str) -> User:
    user = User(username=username, full_name=username)
    user.set_password(STAFF_PASSWORD)
    user.set_role(owner.id, role)
    db.session.add(user)
    return user


def build_province() -> dict:
    """The tree above, committed; {"parent": indicator id, "units": {code: unit id},
    "linked": {code: indicator id}}. Accounts: admin.prov, staff.prov, and admin.<kab>
    for every office (kab-c has two admins and a staff member)."""
    top = unit("prov", "provinsi")
    parent = indicator(top, NAME, "persentase_memenuhi", target_value=Decimal(80))
    kids = {code: unit(f"kab-{code}", parent=top) for code in "abcdef"}
    linked = {code: indicator(kid, NAME, parent=parent) for code, kid in kids.items()}
    for code, values in {"a": (100, 100), "b": (100, 70), "e": (100, 100),
                         "f": (90, 100)}.items():
        report(linked[code], 1, values[0])
        report(linked[code], 2, values[1], "submitted" if code == "e" else "approved")
    exempt(parent, kids["d"])
    account(top, "admin.prov", "admin")
    account(top, "staff.prov", "staff")
    for code, kid in kids.items():
        account(kid, f"admin.kab-{code}", "admin")
    account(kids["c"], "admin2.kab-c", "admin")
    account(kids["c"], "staff.kab-c", "staff")
    db.session.commit()
    return {"parent": parent.id, "units": {f"kab-{c}": k.id for c, k in kids.items()},
            "linked": {f"kab-{c}": i.id for c, i in linked.items()}, "year": YEAR}


def login(client, username: str) -> None:
    """Log in as role.unit (an account of build_province) and keep the session's CSRF token as
    client.token."""
    page = client.get("/masuk").get_data(as_text=True)
    answer = client.post("/masuk", data={"username": username, "password": STAFF_PASSWORD,
                                         "csrf_token": TOKEN_RE.search(page).group(1)})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    home = f"/{username.split('.', 1)[1]}/{YEAR}/dasbor"
    client.token = TOKEN_RE.search(client.get(home).get_data(as_text=True)).group(1)


def client_as(app, username: str):
    """A new client of `app` logged in as `username` (see login)."""
    client = app.test_client()
    login(client, username)
    return client


@pytest.fixture(name="app")
def province_app(tmp_path, migrated_db):
    """The fixture `app`: an app holding the province above (app.tree: what build_province
    returns); a test module takes it by importing province_app."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        app.tree = build_province()
    yield app
    with app.app_context():
        db.engine.dispose()
