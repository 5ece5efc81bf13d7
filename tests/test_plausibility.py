"""A value that cannot be meant is saved but flagged next to its cell and in Pantauan."""
import re
from datetime import date
from decimal import Decimal

import pytest

from iku_web import settings
from iku_web.capaian import Target
from iku_web.extensions import db
from iku_web.models import Indicator
from iku_web.monitoring import service as monitoring
from iku_web.plausibility import implausible
from tests.test_realisasi import save, stored

PERCENT = Target("percent", Decimal(100))


@pytest.mark.parametrize("target, percent, value, limit, expected", [
    (PERCENT, True, Decimal("1234.5"), Decimal(200), "di atas 200%"),
    (PERCENT, True, Decimal("200"), Decimal(200), ""),
    (PERCENT, True, Decimal("150"), Decimal(200), ""),
    (PERCENT, True, Decimal("1234.5"), Decimal(2000), "lebih dari 10 kali target"),
    (PERCENT, True, Decimal("500"), Decimal(1000), ""),
    (Target("number", Decimal(7)), False, Decimal(80), Decimal(200), "lebih dari 10 kali target"),
    (Target("number", Decimal(7)), False, Decimal(70), Decimal(200), ""),
    (Target("number", Decimal(0)), False, Decimal(80), Decimal(200), ""),
    (Target("range", Decimal(80), Decimal(90)), True, Decimal(950), Decimal(1000),
     "lebih dari 10 kali target"),
    (Target("none"), True, Decimal(250), Decimal(200), "di atas 200%"),
    (Target("grade", grade="B"), False, "A", Decimal(200), ""),
    (PERCENT, True, None, Decimal(200), ""),
])
def test_implausible_rule(target, percent, value, limit, expected):
    message = implausible(value, target, percent, limit)
    if expected:
        assert expected in message and message.endswith(".")
    else:
        assert message == ""


def warning_of(html: str, indicator=1, quarter=1) -> str:
    match = re.search(rf'id="warn-{indicator}-{quarter}"[^>]*>(.*?)</span>', html, re.S)
    return match.group(1).strip() if match else ""


def test_implausible_percent_is_saved_and_flagged_beside_the_cell(admin, app):
    response = save(admin, "1.234,5")
    assert stored(app)[0] == Decimal("1234.5")
    assert "di atas 200%" in warning_of(response.text)
    assert "di atas 200%" in warning_of(admin.get("/barito-selatan/2023/realisasi").text)
    assert warning_of(save(admin, "150").text) == ""


def test_threshold_is_an_office_setting(admin, app):
    page = admin.get("/pengaturan/capaian").text
    assert 'name="percent_warning"' in page and 'value="200"' in page
    response = admin.post("/pengaturan/capaian", data={
        "csrf_token": admin.token, "cap": "", "percent_warning": "2.000",
        "categories-0-lower_bound": "100", "categories-0-inclusive": "y",
        "categories-0-title": "Tercapai", "categories-0-colour": "#198754"})
    assert response.status_code == 302
    with app.app_context():
        assert settings.percent_warning() == Decimal(2000)
    assert warning_of(save(admin, "500").text) == ""
    assert "10 kali target" in warning_of(save(admin, "1.234,5").text)


def test_threshold_below_100_is_refused_next_to_the_field(admin, app):
    response = admin.post("/pengaturan/capaian", data={
        "csrf_token": admin.token, "cap": "", "percent_warning": "50",
        "categories-0-lower_bound": "100", "categories-0-inclusive": "y",
        "categories-0-title": "Tercapai", "categories-0-colour": "#198754"})
    assert response.status_code == 200
    assert "paling sedikit 100" in response.text
    with app.app_context():
        assert settings.percent_warning() == Decimal(200)


def test_pantauan_lists_values_to_check(admin, app, monkeypatch):
    monkeypatch.setattr(monitoring, "today", lambda: date(2023, 12, 1))
    with app.app_context():
        db.session.get(Indicator, 1).target_tw1 = None
        db.session.commit()
    save(admin, "1.234,5")
    html = admin.get("/barito-selatan/2023/pantauan").text
    section = re.search(r'id="pantauan-cek".*?</section>', html, re.S).group(0)
    assert "Terwujudnya Penyelenggaraan Pemilu" in section
    assert "1.234,5%" in section and "di atas 200%" in section
