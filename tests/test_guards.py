"""One answer to an anonymous write, and one 404 for an indicator of another year, whichever
blueprint the view is in (iku_web/guards.py)."""
import pytest

from tests.conftest import csrf_token

WRITES = [
    "/2023/realisasi/1/1",              # realisasi cell
    "/2023/indikator/1/1/catatan",      # narrative
    "/2023/indikator/1/bukti/1",        # evidence upload
    "/2023/indikator/1/1/ajukan",       # submit for review
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


@pytest.mark.parametrize("url", ["/2024/indikator/1", "/2024/iku/1/ubah",
                                 "/2024/indikator/1/bukti", "/2023/indikator/999"])
def test_indicator_of_another_year_is_404(admin, url):
    assert admin.get(url).status_code == 404


def test_a_quarter_that_does_not_exist_is_404(admin):
    response = admin.post("/2023/realisasi/1/5", data={"value": "1"},
                          headers={"HX-Request": "true", "X-CSRFToken": admin.token})
    assert response.status_code == 404
