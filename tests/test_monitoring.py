"""Pantauan pengisian and Tugas saya through HTTP, with a fixed date (never the real clock)."""
import re
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.indicators.service import copy_year
from iku_web.models import Evidence, Indicator, Realisasi, User, Year
from iku_web.monitoring import service
from tests.conftest import STAFF_PASSWORD, csrf_token, login
from tests.test_html import lint
from tests.test_realisasi import save
from tests.test_realisasi_pages import count_queries

MID_2023 = date(2023, 7, 15)  # TW I and II of 2023 are due, TW III and IV are not


@pytest.fixture
def today(monkeypatch):
    """Fix the date the monitoring uses; returns a setter for tests that move it."""
    def set_today(day: date) -> None:
        monkeypatch.setattr(service, "today", lambda: day)

    set_today(MID_2023)
    return set_today


def _user_id(app, username="staf") -> int:
    with app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.username == username))


def assign(app, *indicator_ids, username="staf", unit=""):
    with app.app_context():
        user_id = _user_id(app, username) if username else None
        for indicator_id in indicator_ids:
            indicator = db.session.get(Indicator, indicator_id)
            indicator.pic_user_id, indicator.pic_unit = user_id, unit
        db.session.commit()


def fill(app, indicator_id, quarter, value="50", evidence=0):
    with app.app_context():
        db.session.add(Realisasi(indicator_id=indicator_id, quarter=quarter,
                                 value=Decimal(value), version=1))
        attach(indicator_id, quarter, evidence)
        db.session.commit()


def attach(indicator_id, quarter, count=1):
    for i in range(count):
        tag = f"{indicator_id}-{quarter}-{i}"
        db.session.add(Evidence(indicator_id=indicator_id, quarter=quarter,
                                original_name=f"bukti {tag}.pdf", stored_name=tag,
                                content_type="application/pdf", size=10, sha256=tag))


def counts(html: str, pic: str) -> dict[str, int]:
    """The numbers of one line of the summary table: {"missing-1": 2, ..., "open": 4}."""
    line = re.search(rf'<tr data-pic="{re.escape(pic)}">(.*?)</tr>', html, re.S).group(1)
    found = dict(re.findall(r'data-count="([\w-]+)">(\d+)<', line))
    return {key: int(value) for key, value in found.items()}


def task_items(html: str) -> dict[int, str]:
    """Tugas saya: {indicator id: the text of its item}."""
    items = re.findall(r'<li [^>]*data-indicator="(\d+)">(.*?)</li>', html, re.S)
    return {int(i): re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)) for i, body in items}


def badge(html: str) -> int:
    found = re.search(r'id="task-count">(\d+)<', html)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize(("year", "day", "due"), [
    (2024, date(2024, 3, 31), ()),  # the last day itself is not yet past
    (2024, date(2024, 4, 1), (1,)),
    (2024, date(2024, 7, 1), (1, 2)),
    (2024, date(2024, 12, 31), (1, 2, 3)),
    (2023, date(2024, 1, 1), (1, 2, 3, 4)),  # a past year: all four
    (2025, date(2024, 6, 1), ()),  # a future year: none
])
def test_due_quarters(year, day, due):
    assert service.due_quarters(year, day) == due


@pytest.mark.parametrize(("day", "shown", "hidden"), [
    (date(2023, 7, 15), ["TW I", "TW II"], ["TW III", "TW IV"]),
    (date(2024, 2, 1), ["TW I", "TW II", "TW III", "TW IV"], []),
])
def test_overview_shows_only_due_quarters(admin, today, day, shown, hidden):
    today(day)
    table = re.search(r'id="pantauan-rekap".*?</thead>', admin.get("/barito-selatan"
                                                                   "/2023/pantauan").text,
                      re.S).group(0)
    assert all(q in table for q in shown)
    assert not any(f">{q}<" in table for q in hidden)


def test_overview_before_first_quarter_ends(admin, today):
    today(date(2023, 3, 31))
    page = admin.get("/barito-selatan/2023/pantauan").text
    assert "Belum ada triwulan TA 2023 yang berakhir" in page
    assert "pantauan-rekap" not in page


def test_zero_is_filled_and_only_lacks_evidence(admin, app, today):
    assign(app, 1)
    assert save(admin, "0", indicator=1, quarter=1).status_code == 200
    page = admin.get("/barito-selatan/2023/pantauan").text
    assert counts(page, "Staf") == {"missing-1": 0, "no-evidence-1": 1, "missing-2": 1,
                                    "no-evidence-2": 0, "open": 2}


def test_overview_groups_by_person_with_counts_per_quarter(admin, app, today):
    assign(app, 1, 2)
    assign(app, 3, username=None, unit="Subbagian Hukum")
    fill(app, 1, 1, evidence=2)  # complete
    fill(app, 1, 2)  # no evidence
    fill(app, 2, 1, evidence=1)  # TW II missing
    fill(app, 4, 1, "0", evidence=1)
    page = admin.get("/barito-selatan/2023/pantauan").text
    assert counts(page, "Staf") == {"missing-1": 0, "no-evidence-1": 0, "missing-2": 1,
                                    "no-evidence-2": 1, "open": 2}
    assert counts(page, "Subbagian Hukum") == {"missing-1": 1, "no-evidence-1": 0,
                                               "missing-2": 1, "no-evidence-2": 0, "open": 2}
    # Indicators 4, 5 and 6: only 4 has TW I.
    assert counts(page, service.NO_PIC) == {"missing-1": 2, "no-evidence-1": 0,
                                            "missing-2": 3, "no-evidence-2": 0, "open": 5}
    assert counts(page, "Jumlah") == {"missing-1": 3, "no-evidence-1": 0, "missing-2": 5,
                                      "no-evidence-2": 1, "open": 9}
    # Most open work first, ties by name; the unassigned group always last.
    order = re.findall(r'<tr data-pic="([^"]+)">', page)
    assert order == ["Staf", "Subbagian Hukum", service.NO_PIC, "Jumlah"]
    assert 'href="/barito-selatan/2023/indikator/2"' in page
    assert 'href="/barito-selatan/2023/realisasi#rl-row-2"' in page
    assert 'href="/barito-selatan/2023/indikator/1"' in page  # TW II of indicator 1 lacks evidence


def test_a_person_with_everything_done_is_listed_as_complete(admin, app, today):
    assign(app, 1)
    fill(app, 1, 1, evidence=1)
    fill(app, 1, 2, evidence=1)
    page = admin.get("/barito-selatan/2023/pantauan").text
    line = re.search(r'<tr data-pic="Staf">(.*?)</tr>', page, re.S).group(1)
    assert "Lengkap" in line
    assert 'href="/barito-selatan/2023/indikator/1"' not in page


def test_overview_for_everyone_logged_in(staff, today):
    response = staff.get("/barito-selatan/2023/pantauan")
    assert response.status_code == 200
    assert lint(response.text) == []


@pytest.mark.parametrize("path", ["/barito-selatan/2023/pantauan", "/barito-selatan/pantauan",
                                  "/barito-selatan/saya", "/barito-selatan/pengaturan"])
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]
    response = client.get(path, headers={"HX-Request": "true"})
    assert response.status_code == 204 and "/masuk" in response.headers["HX-Redirect"]


def test_overview_of_unknown_year_is_404(admin):
    assert admin.get("/barito-selatan/1999/pantauan").status_code == 404


def test_pantauan_without_year_goes_to_latest(admin):
    assert admin.get("/barito-selatan"
                     "/pantauan").headers["Location"] == "/barito-selatan/2023/pantauan"


def test_my_tasks_lists_open_quarters_and_badge_agrees(staff, app, today):
    assign(app, 1, 2, 3)
    fill(app, 1, 1, "0", evidence=1)  # TW II missing
    fill(app, 2, 1)  # TW I lacks evidence, TW II missing
    fill(app, 2, 2, evidence=1)
    fill(app, 3, 1, evidence=1)
    fill(app, 3, 2, evidence=1)  # complete
    page = staff.get("/barito-selatan/saya").text
    items = task_items(page)
    assert set(items) == {1, 2}
    assert "Belum diisi Triwulan II" in items[1] and "Tanpa bukti" not in items[1]
    assert "Tanpa bukti dukung Triwulan I" in items[2] and "Belum diisi" not in items[2]
    assert 'href="/barito-selatan/2023/realisasi#rl-row-1"' in page
    assert "Sudah lengkap" in page
    assert badge(page) == 2
    assert lint(page) == []


def test_my_tasks_empty_state_when_all_filled(staff, app, today):
    assign(app, 1)
    fill(app, 1, 1, evidence=1)
    fill(app, 1, 2, evidence=1)
    page = staff.get("/barito-selatan/saya").text
    assert "Semua sudah terisi" in page
    assert badge(page) == 0


def test_my_tasks_without_assigned_indicators(staff, today):
    page = staff.get("/barito-selatan/saya").text
    assert "Belum ada indikator TA 2023 yang ditugaskan kepada Anda" in page


def test_my_tasks_of_a_chosen_year(staff, app, today):
    assign(app, 1)
    with app.app_context():
        copy_year(db.session.scalar(sa.select(Year).where(Year.year == 2023)), 2024)
        db.session.commit()
    # The latest year is the default; 2024 has no due quarter in mid-2023.
    assert "Belum ada triwulan TA 2024 yang berakhir" in staff.get("/barito-selatan/saya").text
    items = task_items(staff.get("/barito-selatan/saya?tahun=2023").text)
    assert list(items) == [1]
    assert staff.get("/barito-selatan/saya?tahun=1999").status_code == 404


def test_badge_counts_open_items_in_two_queries(app, today):
    assign(app, 1, 2, 5)
    with app.app_context():
        db.session.get(Indicator, 5).target_kind = "grade"  # a grade is its value
        db.session.get(Indicator, 5).target_grade = "B"
        db.session.add(Realisasi(indicator_id=5, quarter=1, grade="BB", version=1))
        attach(5, 1)
        db.session.commit()
    fill(app, 1, 1, "0")
    fill(app, 2, 2, evidence=1)
    with app.app_context():
        user = db.session.get(User, _user_id(app))
        with count_queries(app) as counter:
            assert service.open_count(user) == 4  # 1: TW I no evidence, TW II; 2: TW I; 5: TW II
        assert counter["n"] <= 2
        due, gaps = service.tasks_of(user, db.session.get(Year, 1))
        assert sum(gap.open for gap in gaps) == 4


def test_navbar_shows_badge_and_admin_settings(admin, app, today):
    assign(app, 1, username="admin")
    page = admin.get("/barito-selatan/2023/iku").text
    assert badge(page) == 2
    assert ">Pantauan<" in page and 'href="/barito-selatan/pengaturan?tahun=2023"' in page
    settings_page = admin.get("/barito-selatan/pengaturan?tahun=2023").text
    for href in ("/barito-selatan/2023/profil", "/barito-selatan/pengguna", "/pengaturan/capaian",
                 "/pengaturan/bukti",
                 "/barito-selatan/pengaturan/penandatangan", "/barito-selatan/tahun"):
        assert f'href="{href}"' in settings_page
    assert lint(settings_page) == []


def test_staff_sees_no_settings(staff):
    assert "Pengaturan" not in staff.get("/barito-selatan/2023/iku").text
    assert staff.get("/barito-selatan/pengaturan").status_code == 403


@pytest.mark.parametrize(("assigned", "next_url", "landing"), [
    (True, None, "/barito-selatan/saya"),
    (False, None, "/"),
    (True, "/barito-selatan/2023/laporan", "/barito-selatan/2023/laporan"),
])
def test_staff_lands_on_tasks_only_with_open_work(client, app, today, assigned, next_url,
                                                  landing):
    if assigned:
        assign(app, 1)
    path = "/masuk" + (f"?next={next_url}" if next_url else "")
    token = csrf_token(client, "/masuk")
    response = client.post(path, data={"username": "staf", "password": STAFF_PASSWORD,
                                       "csrf_token": token})
    assert response.headers["Location"] == landing


def test_admin_with_open_work_still_lands_home(client, app, today):
    assign(app, 1, username="admin")
    assert login(client).headers["Location"] == "/"
