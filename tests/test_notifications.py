"""Notifications in the app: a verifier's decision, deadlines at 7, 3 and 1 days and overdue,
the bell count, the /notifikasi page (newest first, read/unread, links)."""
import re
from datetime import datetime

import pytest

from iku_web.extensions import db
from iku_web.models import User
from tests.conftest import STAFF_PASSWORD, htmx_post
from tests.reminders_support import (
    VERIFIER_PASSWORD,
    add_user,
    assign,
    client_for,
    friday_clock,
    notices,
    set_clock,
    user_id,
)
from tests.test_html import lint
from tests.test_realisasi import save
from tests.test_review_queue import submit

friday = pytest.fixture(friday_clock)


def bell(client) -> int:
    found = re.search(r'id="bell-count">(\d+)<', client.get("/barito-selatan/2023/iku").text)
    return int(found.group(1)) if found else 0


def test_return_and_approval_notify_the_person_in_charge(app, friday):
    assign(app, "staf", 1)
    add_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    pic = client_for(app, "staf", STAFF_PASSWORD)
    save(pic, "95")
    submit(pic)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    htmx_post(verifier, "/barito-selatan"
                        "/2023/verifikasi/1/1/kembalikan", {"comment": "Lampirkan SK."})
    assert notices(app, "staf")[-1] == (
        "returned", "Dikembalikan verifikator: Triwulan I 2023, Terwujudnya "
        "Penyelenggaraan Pemilu sesuai jadwal. Komentar: Lampirkan SK.")
    unread = bell(pic)
    assert unread >= 1
    submit(pic)
    htmx_post(verifier, "/barito-selatan/2023/verifikasi/1/1/setujui", {"version": "1"})
    assert notices(app, "staf")[-1][0] == "approved"
    assert bell(pic) == unread + 1
    assert notices(app, "verif") == []


def test_deadline_notices_at_7_3_1_days_and_overdue_without_duplicates(app):
    assign(app, "staf", 1)
    for day, expected in ((2, []), (3, ["deadline"]), (6, ["deadline"]), (7, ["deadline"] * 2),
                          (8, ["deadline"] * 2), (9, ["deadline"] * 3),
                          (11, ["deadline"] * 3 + ["overdue"]),
                          (12, ["deadline"] * 3 + ["overdue"])):
        set_clock(app, datetime(2023, 4, day, 8))
        client_for(app, "staf", STAFF_PASSWORD)  # logging in checks the deadlines
        assert [kind for kind, _ in notices(app, "staf")] == expected, day
    messages = [message for _, message in notices(app, "staf")]
    assert messages[0].startswith("Tenggat 10 April 2023 (7 hari lagi): Triwulan I 2023, 1.")
    assert messages[-1].startswith("Terlambat 1 hari: Triwulan I 2023, 1.")


def test_notification_page_newest_first_open_marks_read(app, friday):
    assign(app, "staf", 1)
    add_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    pic = client_for(app, "staf", STAFF_PASSWORD)  # a deadline notice (3 days left)
    save(pic, "95")
    submit(pic)
    set_clock(app, datetime(2023, 4, 7, 9))
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    htmx_post(verifier, "/barito-selatan/2023/verifikasi/1/1/kembalikan", {"comment": "Perbaiki."})
    html = pic.get("/notifikasi").get_data(as_text=True)
    lint(html)
    kinds = re.findall(r'data-read="(\w+)" data-kind="(\w+)"', html)
    assert kinds == [("no", "returned"), ("no", "deadline")]
    assert bell(pic) == 2
    first = re.search(r'action="(/notifikasi/(\d+)/buka)"', html)
    response = pic.post(first.group(1), data={"csrf_token": pic.token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/barito-selatan/2023/indikator/1#review-tw-1"
    assert bell(pic) == 1
    kinds = re.findall(r'data-read="(\w+)" data-kind="(\w+)"',
                       pic.get("/notifikasi").get_data(as_text=True))
    assert kinds == [("yes", "returned"), ("no", "deadline")]
    # someone else's notification does not open
    assert verifier.post(first.group(1), data={"csrf_token": verifier.token}).status_code == 404
    pic.post("/notifikasi/baca-semua", data={"csrf_token": pic.token})
    assert bell(pic) == 0


def test_notification_page_needs_login(client):
    response = client.get("/notifikasi")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_admin_sets_a_users_email_and_a_bad_one_is_refused(app, admin):
    uid = user_id(app, "staf")
    form = {"csrf_token": admin.token, "username": "staf", "full_name": "Staf", "unit": "",
            "role": "staff", "active": "y", "password": ""}
    bad = admin.post(f"/barito-selatan/pengguna/{uid}", data={**form, "email": "staf-at-kantor"})
    assert bad.status_code == 200 and "Alamat e-mail tidak valid." in bad.text
    assert admin.post("/barito-selatan"
                      f"/pengguna/{uid}", data={**form, "email": " staf@kantor.test "}) \
        .status_code == 302
    with app.app_context():
        assert db.session.get(User, uid).email == "staf@kantor.test"
    admin.post(f"/barito-selatan/pengguna/{uid}", data={**form, "email": ""})
    with app.app_context():
        assert db.session.get(User, uid).email is None
