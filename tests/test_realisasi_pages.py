"""The indicator page (narratives, targets, history), the capaian settings and query counts."""
import re
from contextlib import contextmanager
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web import settings
from iku_web.categories import LKJIP_CATEGORIES
from iku_web.extensions import db
from iku_web.models import Category, Indicator, Realisasi, Year
from tests.conftest import htmx_post
from tests.test_realisasi import save

NARRATIVE = "/barito-selatan/2023/indikator/1/1/catatan"


def narrative(client, version=0, **texts):
    data = {"obstacles": "", "solutions": "", "follow_up": "", "version": str(version),
            "base_obstacles": "", "base_solutions": "", "base_follow_up": ""}
    data.update(texts)
    return htmx_post(client, NARRATIVE, data)


def test_indicator_page_shows_quarters_history_and_lazy_evidence(admin):
    save(admin, "75")
    page = admin.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    assert "Terwujudnya Penyelenggaraan Pemilu sesuai jadwal" in page
    assert 'hx-get="/barito-selatan/2023/indikator/1/bukti" hx-trigger="load"' in page
    history = re.search(r'id="history".*?</table>', page, re.S).group(0)
    assert "Admin" in history and "75" in history and "(kosong)" in history
    assert "Ubah target triwulan" in page  # admin only
    for label in ("Kendala TW I", "Solusi TW IV", "Tindak lanjut TW II"):
        assert label in page


def test_indicator_page_read_only_for_anonymous(client):
    page = client.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    assert "<textarea" not in page and "Ubah target triwulan" not in page


def test_indicator_of_another_year_is_404(admin):
    assert admin.get("/barito-selatan/2024/indikator/1").status_code == 404


def test_narrative_is_saved_and_audited(admin, app):
    response = narrative(admin, obstacles="Cuaca buruk", follow_up="Jadwal ulang")
    assert "Tersimpan" in response.get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(sa.select(Realisasi).where(Realisasi.indicator_id == 1))
        assert (entry.obstacles, entry.solutions, entry.follow_up) == (
            "Cuaca buruk", "", "Jadwal ulang")
        assert entry.value is None  # a narrative alone does not fill the quarter
    page = admin.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    assert "Cuaca buruk" in re.search(r'id="history".*?</table>', page, re.S).group(0)


def test_narrative_conflict_keeps_the_users_text(admin, app):
    narrative(admin, obstacles="Versi A")  # version 1
    response = narrative(admin, version=0, obstacles="Versi B")
    html = response.get_data(as_text=True)
    assert "sudah diubah" in html
    assert "Versi B" in html  # still in the textarea
    assert "Teks tersimpan saat ini" in html and "Versi A" in html
    with app.app_context():
        assert db.session.scalar(sa.select(Realisasi.obstacles)) == "Versi A"


def test_staff_cannot_write_narrative_of_others(staff, app):
    assert narrative(staff, obstacles="x").status_code == 403


def test_admin_sets_quarter_targets(admin, app):
    response = admin.post("/barito-selatan/2023/indikator/1/target", data={
        "csrf_token": admin.token, "target_tw1": "25", "target_tw2": "50", "target_tw3": "75,5",
        "target_tw4": "100"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Indicator, 1).quarter_targets == [
            Decimal(25), Decimal(50), Decimal("75.5"), Decimal(100)]
    # Capaian to date now compares with the TW I target: 20 of 25 is 80%.
    html = save(admin, "20").get_data(as_text=True)
    assert "80%" in re.search(r'id="rl-todate-1".*?</td>', html, re.S).group(0)
    assert "20%" in re.search(r'id="rl-full-1".*?</td>', html, re.S).group(0)


def test_staff_cannot_set_targets(staff):
    response = staff.post("/barito-selatan"
                          "/2023/indikator/1/target", data={"csrf_token": staff.token,
                                                             "target_tw1": "1"})
    assert response.status_code == 403


def _categories(app):
    with app.app_context():
        return [(c.lower_bound, c.label) for c in settings.categories()]


def test_settings_page_lists_default_bands(admin):
    page = admin.get("/pengaturan/capaian").get_data(as_text=True)
    assert "Tercapai" in page and "Muat preset LKjIP" in page


def test_settings_refused_to_staff(staff):
    assert staff.get("/pengaturan/capaian").status_code == 403


def test_settings_cap_and_edited_categories(admin, app):
    response = admin.post("/pengaturan/capaian", data={
        "csrf_token": admin.token, "cap": "120",
        "categories-0-lower_bound": "100", "categories-0-inclusive": "y",
        "categories-0-title": "Tercapai", "categories-0-colour": "#198754",
        "categories-1-lower_bound": "90", "categories-1-title": "Hampir", "categories-1-colour":
        "#ffc107", "categories-1-delete": "y",
        "categories-2-lower_bound": "0", "categories-2-inclusive": "y",
        "categories-2-title": "Belum", "categories-2-colour": "#dc3545",
        "categories-3-lower_bound": "", "categories-3-title": "", "categories-3-colour": "",
    })
    assert response.status_code == 302
    assert _categories(app) == [(Decimal(100), "Tercapai"), (Decimal(0), "Belum")]
    with app.app_context():
        assert settings.capaian_cap() == 120
    html = save(admin, "150").get_data(as_text=True)
    assert "120%" in re.search(r'id="rl-todate-1".*?</td>', html, re.S).group(0)


@pytest.mark.parametrize("field, value, message", [
    ("categories-0-colour", "red;background:url(x)", "#rrggbb"),
    ("categories-0-lower_bound", "abc", "Bukan angka"),
    ("categories-0-title", "", "Label wajib"),
])
def test_settings_validation(admin, app, field, value, message):
    data = {"csrf_token": admin.token, "cap": "", "categories-0-lower_bound": "100",
            "categories-0-title": "Tercapai", "categories-0-colour": "#198754"}
    data[field] = value
    response = admin.post("/pengaturan/capaian", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Category.id))) == 0


def test_lkjip_preset_then_default_preset(admin, app):
    admin.post("/pengaturan/capaian/preset/lkjip", data={"csrf_token": admin.token})
    assert [label for _, label in _categories(app)] == [c.label for c in LKJIP_CATEGORIES]
    admin.post("/pengaturan/capaian/preset/bawaan", data={"csrf_token": admin.token})
    assert [label for _, label in _categories(app)][0] == "Tercapai"


@contextmanager
def count_queries(app):
    counter = {"n": 0}

    def listener(*_args):
        counter["n"] += 1

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        yield counter
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)


def _year_with(app, year: int, count: int) -> None:
    with app.app_context():
        year_obj = Year(year=year)
        for i in range(1, count + 1):
            indicator = Indicator(position=i, name=f"Indikator {i}", target_kind="percent",
                                  target_value=Decimal(100), target_unit="%",
                                  target_tw1=Decimal(25), pic_user_id=1)
            year_obj.indicators.append(indicator)
        db.session.add(year_obj)
        db.session.flush()
        for indicator in year_obj.indicators:
            db.session.add(Realisasi(indicator_id=indicator.id, quarter=1, value=Decimal(20),
                                     updated_by_id=1, version=1))
        db.session.commit()


def test_page_queries_do_not_grow_with_indicators(admin, app):
    _year_with(app, 2030, 6)
    _year_with(app, 2031, 60)
    counts = []
    for year in (2030, 2031):
        with count_queries(app) as counter:
            response = admin.get(f"/barito-selatan/{year}/realisasi")
        assert response.status_code == 200
        counts.append(counter["n"])
    assert counts[0] == counts[1], counts
    # 12, one for the sasaran the rows are grouped under, one for the server-side session
    assert counts[0] <= 14
