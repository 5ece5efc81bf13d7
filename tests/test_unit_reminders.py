"""Deadlines, notifications and reminders per unit: two sibling Kabupaten (Barito Selatan,
Kapuas) under their province (kalteng). A unit's items reach only the people holding a role
in that unit itself; a unit's digest only its own admins; a deadline moved in one unit moves
nothing in its sibling."""
from datetime import date

import pytest
import sqlalchemy as sa

from iku_web import clock
from iku_web.extensions import db
from iku_web.models import Indicator, Notification, User, Year
from iku_web.reminders import notifications, open_items, remind
from tests.conftest import demo_app
from tests.reminders_support import FRIDAY, set_clock, user_id
from tests.units_support import build_tree, signed_in


@pytest.fixture
def tree(tmp_path, migrated_db):
    app = demo_app(tmp_path, migrated_db, [])
    tree = build_tree(app)
    set_clock(app, FRIDAY)  # TW I 2023 is due in 3 days in both units
    with app.app_context():
        for user in db.session.scalars(sa.select(User)):
            user.email = f"{user.username}@kpu.test"
        barito_first = db.session.get(Indicator, tree.barito_indicator)
        barito_first.pic_user_id = user_id(app, "staff.barito-selatan")
        # A Kapuas indicator left in charge of a Barito Selatan account (one who has no role
        # in Kapuas) and one of a province account: neither may hear about Kapuas.
        kapuas_year = db.session.get(Indicator, tree.kapuas_indicator).year_ref
        kapuas_year.indicators[1].pic_user_id = user_id(app, "staff.barito-selatan")
        kapuas_year.indicators[2].pic_user_id = user_id(app, "staff.kalteng")
        db.session.commit()
    app.tree = tree
    return app


def _unit_codes(items) -> set[str]:
    return {item.unit_code for item in items}


def test_open_items_reach_only_people_with_a_role_in_the_unit(tree):
    with tree.app_context():
        found = open_items.by_user(clock.today())
        names = {db.session.get(User, uid).username: _unit_codes(items)
                 for uid, items in found.items()}
        kapuas_ids = {i.indicator_id for i in found[user_id(tree, "staff.kapuas")]}
        barito_ids = {i.indicator_id for i in found[user_id(tree, "staff.barito-selatan")]}
    assert names == {"staff.kapuas": {"kapuas"}, "staff.barito-selatan": {"barito-selatan"}}
    assert kapuas_ids == {tree.tree.kapuas_indicator}
    assert barito_ids == {tree.tree.barito_indicator}


def test_deadline_notices_stay_in_their_unit(tree):
    with tree.app_context():
        assert notifications.sync_deadlines(clock.today()) == 2
        by_user = {}
        for notice in db.session.scalars(sa.select(Notification)):
            by_user.setdefault(db.session.get(User, notice.user_id).username, []).append(
                notice.link)
    assert by_user == {
        "staff.kapuas": [f"/kapuas/2023/indikator/{tree.tree.kapuas_indicator}#review-tw-1"],
        "staff.barito-selatan": [
            f"/barito-selatan/2023/indikator/{tree.tree.barito_indicator}#review-tw-1"]}


def test_login_check_notifies_only_the_users_own_units(tree):
    signed_in(tree, "staff.kalteng")
    signed_in(tree, "staff.kapuas")
    with tree.app_context():
        rows = db.session.execute(sa.select(User.username, Notification.link).join(
            Notification, Notification.user_id == User.id)).all()
    assert [(name, link.split("/")[1]) for name, link in rows] == [("staff.kapuas", "kapuas")]


def test_digest_goes_to_each_units_own_admins(tree):
    with tree.app_context():
        on = clock.today()
        planned = remind.plan(on, open_items.by_user(on))
        digests = {user.username: mail.body for kind, user, _i, mail in planned
                   if kind == "digest"}
        reminders = sorted(user.username for kind, user, _i, _m in planned
                           if kind == "reminder")
    assert reminders == ["staff.barito-selatan", "staff.kapuas"]
    # The province's admin (an install admin) reads both but administers neither: no digest.
    assert set(digests) == {"admin.barito-selatan", "admin.kapuas"}
    assert "staff kapuas" in digests["admin.kapuas"]
    assert "/kapuas/pantauan" in digests["admin.kapuas"]
    assert "barito" not in digests["admin.kapuas"]
    assert "kapuas" not in digests["admin.barito-selatan"]


def test_admin_of_two_units_gets_one_digest_with_a_section_each(tree):
    with tree.app_context():
        admin = db.session.scalar(sa.select(User).where(User.username == "admin.kapuas"))
        admin.set_role(1, "admin")  # also admin of Barito Selatan
        db.session.commit()
        on = clock.today()
        planned = remind.plan(on, open_items.by_user(on))
        bodies = [mail.body for kind, user, _i, mail in planned
                  if kind == "digest" and user.username == "admin.kapuas"]
    assert len(bodies) == 1
    assert "KPU Kabupaten Kapuas" in bodies[0] and "/kapuas/pantauan" in bodies[0]
    assert "/barito-selatan/pantauan" in bodies[0]


def test_deadline_of_one_unit_leaves_its_sibling_alone(tree):
    admin = signed_in(tree, "admin.kapuas")
    later = {"tw1": "2023-05-10", "tw2": "2023-07-10", "tw3": "2023-10-10", "tw4": "2024-01-10"}
    assert admin.post("/kapuas/2023/tenggat",
                      data={**later, "csrf_token": admin.token}).status_code == 302
    # Another unit's admin does not learn Kapuas exists; the province may read, not write.
    sibling = signed_in(tree, "admin.barito-selatan")
    assert sibling.post("/kapuas/2023/tenggat",
                        data={**later, "csrf_token": sibling.token}).status_code == 404
    province = signed_in(tree, "verifier.kalteng")
    assert province.post("/kapuas/2023/tenggat",
                         data={**later, "csrf_token": province.token}).status_code == 403
    with tree.app_context():
        found = open_items.by_user(clock.today())
        kapuas_due = open_items.deadlines.of_year(
            db.session.scalar(sa.select(Year).where(Year.unit_id != 1, Year.year == 2023)))
        barito_due = open_items.deadlines.of_year(
            db.session.scalar(sa.select(Year).where(Year.unit_id == 1, Year.year == 2023)))
    assert kapuas_due[1].date == date(2023, 5, 10) and barito_due[1].date == date(2023, 4, 10)
    assert user_id(tree, "staff.kapuas") not in found  # out of its window now
    assert user_id(tree, "staff.barito-selatan") in found


def test_decision_is_told_only_to_someone_of_the_unit(tree):
    """A Kapuas quarter whose person in charge is a Barito Selatan account (no role in
    Kapuas): the return goes to Kapuas' admin who submitted it, not to the stranger."""
    with tree.app_context():
        indicator = db.session.get(Indicator, tree.tree.kapuas_indicator).year_ref.indicators[1]
        iid = indicator.id
    admin = signed_in(tree, "admin.kapuas")
    headers = {"HX-Request": "true", "X-CSRFToken": admin.token}
    saved = admin.post(f"/kapuas/2023/realisasi/{iid}/1", headers=headers,
                       data={"value": "80", "version": "0", "base": ""})
    assert 'data-state="saved"' in saved.text, saved.text[:300]
    submitted = admin.post(f"/kapuas/2023/indikator/{iid}/1/ajukan", headers=headers,
                           data={"without_evidence": "1"})
    assert "Diajukan untuk verifikasi." in submitted.text
    verifier = signed_in(tree, "verifier.kapuas")
    returned = verifier.post(f"/kapuas/2023/verifikasi/{iid}/1/kembalikan",
                             headers={"HX-Request": "true", "X-CSRFToken": verifier.token},
                             data={"comment": "Perbaiki."})
    assert returned.status_code == 200
    with tree.app_context():
        told = [(db.session.get(User, n.user_id).username, n.kind)
                for n in db.session.scalars(sa.select(Notification))]
    assert told == [("admin.kapuas", "returned")]
