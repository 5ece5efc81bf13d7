"""One answer to an anonymous write, and one 404 for an indicator of another year, whichever
blueprint the view is in (iku_web/guards.py)."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.indicators.service import copy_year
from iku_web.models import Year
from tests.conftest import csrf_token

WRITES = [
    "/barito-selatan/2023/realisasi/1/1",              # realisasi cell
    "/barito-selatan/2023/indikator/1/1/catatan",      # narrative
    "/barito-selatan/2023/indikator/1/bukti/1",        # evidence upload
    "/barito-selatan/2023/indikator/1/1/ajukan",       # submit for review
]


@pytest.mark.parametrize("url", WRITES)
def test_anonymous_htmx_write_gets_401_with_the_reason(client, url):
    token = csrf_token(client)
    response = client.post(url, data={"value": "1"},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 401
    assert response.mimetype == "text/plain" and "masuk" in response.text


@pytest.mark.parametrize("url", WRITES)
def test_anonymous_plain_write_is_sent_to_the_login_page(client, url):
    response = client.post(url, data={"value": "1", "csrf_token": csrf_token(client)})
    assert response.status_code == 302 and response.location.startswith("/masuk")


@pytest.mark.parametrize("url", ["/barito-selatan"
                                 "/2024/indikator/1", "/barito-selatan/2024/iku/1/ubah",
                                 "/barito-selatan/2024/indikator/1/bukti",
                                 "/barito-selatan/2023/indikator/999"])
def test_indicator_of_another_year_is_404(admin, url):
    assert admin.get(url).status_code == 404


def test_a_quarter_that_does_not_exist_is_404(admin):
    response = admin.post("/barito-selatan/2023/realisasi/1/5", data={"value": "1"},
                          headers={"HX-Request": "true", "X-CSRFToken": admin.token})
    assert response.status_code == 404


@pytest.fixture
def second_year(app):
    """TA 2024 copied from 2023, so /2024/... exists while indicator 1 stays 2023's."""
    with app.app_context():
        copy_year(db.session.scalar(sa.select(Year).where(Year.year == 2023)), 2024)
        db.session.commit()


@pytest.mark.parametrize(("method", "url"), [
    ("get", "/barito-selatan/2024/iku/1/tahun-lalu"),
    ("post", "/barito-selatan/2024/iku/1/tahun-lalu"),
    ("post", "/barito-selatan/2024/iku/1/tahun-lalu/1/hapus"),
    ("post", "/barito-selatan/2024/sasaran/indikator/1/pindah"),
])
def test_sakip_views_answer_404_for_an_indicator_of_another_year(admin, second_year, method,
                                                                 url):
    response = getattr(admin, method)(url, data={"csrf_token": admin.token, "year": "2020",
                                                 "value": "1", "source": "x"})
    assert response.status_code == 404


def test_the_indicator_of_a_year_is_looked_up_in_one_place():
    """guards.indicator_of_year only: no view fetches an indicator by id and checks its year
    itself (a copy drifts: one compared year ids, another the year number)."""
    root = Path(__file__).resolve().parents[1] / "iku_web"
    copies = [str(path.relative_to(root)) for path in root.rglob("*.py")
              if "get_or_404(Indicator" in path.read_text(encoding="utf-8")]
    assert copies == []
