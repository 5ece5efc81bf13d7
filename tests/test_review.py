"""Submitting a quarter for review through HTTP: who may, what it needs (a filled quarter,
kendala when far below target, the question when there is no evidence). The verifier's
decisions: test_review_decisions.py."""
import re

import pytest

from iku_web.review.service import NO_EVIDENCE_QUESTION
from tests import evidence_samples as samples
from tests.conftest import (
    STAFF_PASSWORD,
    client_for,
    csrf_token,
    htmx_post,
    make_user,
)
from tests.review_support import (
    NO_EVIDENCE_OK,
    SUBMIT,
    narrative,
    review_log,
    status,
)
from tests.test_html import lint
from tests.test_realisasi import save, stored


def test_submit_needs_login(app, client):
    token = csrf_token(client)
    response = client.post(SUBMIT, data={"csrf_token": token})
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]
    assert status(app) is None


def test_submit_needs_to_be_in_charge(app, staff):
    """Staff may submit only the indicators assigned to them."""
    assert htmx_post(staff, SUBMIT).status_code == 403
    assert status(app) is None


def test_an_empty_quarter_cannot_be_submitted(app, pic):
    response = htmx_post(pic, SUBMIT)
    assert "Realisasi triwulan ini belum diisi" in response.text
    assert status(app) is None


@pytest.mark.parametrize(("value", "needs_obstacles"), [
    ("100", False), ("95", False), ("75", False), ("74,9", True), ("50", True), ("0", True),
])
def test_capaian_far_below_target_needs_kendala(app, pic, value, needs_obstacles):
    save(pic, value)
    response = htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    if not needs_obstacles:
        assert status(app) == ("submitted", "")
        return
    assert "Isi kendala triwulan ini sebelum mengajukan verifikasi" in response.text
    assert "Tidak tercapai" in response.text and status(app) is None
    assert "Tersimpan" in narrative(pic, "Anggaran terlambat cair.").text
    assert "Diajukan untuk verifikasi." in htmx_post(pic, SUBMIT, NO_EVIDENCE_OK).text
    assert status(app)[0] == "submitted"


def test_a_plain_form_submit_redirects_with_a_message(app, pic):
    save(pic, "95")
    response = pic.post(SUBMIT, data={"csrf_token": pic.token, **NO_EVIDENCE_OK},
                        follow_redirects=True)
    assert response.request.path == "/barito-selatan/2023/indikator/1"
    assert "Diajukan untuk verifikasi." in response.text
    assert 'data-status="submitted"' in response.text


# The question as the service words it; the template must ask the same.
QUESTION = NO_EVIDENCE_QUESTION.format(quarter="Triwulan I")


def _confirm_form(html: str, quarter: int = 1) -> str:
    return html.split(f'id="review-tw-{quarter}"')[1].split("</form>")[0]


def _hidden(form: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_submit_without_evidence_needs_the_answer_on_the_server(app, pic):
    """Without the answer nothing is submitted, whatever the browser did; the panel comes back
    with the question in place of the button, and its form carries the answer."""
    save(pic, "95")
    response = htmx_post(pic, SUBMIT)
    assert response.status_code == 200
    assert status(app) is None and review_log(app) == []
    form = _confirm_form(response.text)
    assert QUESTION in form
    assert "Ajukan tanpa bukti</button>" in form and ">Batal</a>" in form
    assert "Ajukan verifikasi TW I" not in form
    assert 'href="/barito-selatan/2023/indikator/1#review-tw-1"' in form  # Batal without JavaScript
    # and with htmx
    assert 'hx-get="/barito-selatan/2023/indikator/1" hx-select="#review-panel"' in form
    assert "review-outcome" not in response.text  # a question, not an error
    assert lint(response.text) == []
    answer = _hidden(form)
    assert answer["without_evidence"] == "1"
    response = htmx_post(pic, SUBMIT, {"without_evidence": answer["without_evidence"]})
    assert "Diajukan untuk verifikasi." in response.text
    assert status(app)[0] == "submitted"
    assert review_log(app) == [("submit", "Draf", "Diajukan")]
    assert "review-confirm" not in response.text


def test_without_javascript_the_question_is_a_page_with_a_form(app, pic):
    save(pic, "95")
    response = pic.post(SUBMIT, data={"csrf_token": pic.token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/barito-selatan/2023/indikator/1?ajukan=1#review-tw-1"
    assert status(app) is None
    page = pic.get(response.headers["Location"]).text
    form = _confirm_form(page)
    assert "Ajukan tanpa bukti</button>" in form
    assert 'action="/barito-selatan/2023/indikator/1/1/ajukan"' in form
    assert "Ajukan verifikasi TW II" not in form
    response = pic.post(SUBMIT, data=_hidden(form), follow_redirects=True)
    assert response.request.path == "/barito-selatan/2023/indikator/1"
    assert "Diajukan untuk verifikasi." in response.text
    assert status(app)[0] == "submitted"
    # The address of the question, opened again once submitted, no longer asks it.
    assert "review-confirm" not in pic.get("/barito-selatan/2023/indikator/1?ajukan=1").text


@pytest.mark.parametrize("htmx", [True, False])
def test_with_evidence_there_is_no_question(app, pic, htmx):
    save(pic, "95")
    assert samples.upload(pic, 1, [(samples.pdf(), "laporan.pdf")]).status_code == 200
    if htmx:
        response = htmx_post(pic, SUBMIT)
        assert "Diajukan untuk verifikasi." in response.text
        assert "review-confirm" not in response.text
    else:
        response = pic.post(SUBMIT, data={"csrf_token": pic.token})
        assert response.headers["Location"] == "/barito-selatan/2023/indikator/1"
    assert status(app)[0] == "submitted"
    assert "review-confirm" not in pic.get("/barito-selatan/2023/indikator/1?ajukan=1").text


def test_the_answer_skips_no_other_check(app, pic):
    save(pic, "95")
    # no CSRF token
    response = pic.post(SUBMIT, data=NO_EVIDENCE_OK, headers={"HX-Request": "true"})
    assert response.status_code == 400 and status(app) is None
    # not in charge of the indicator
    make_user(app, "lain", "staff", STAFF_PASSWORD)
    other = client_for(app, "lain", STAFF_PASSWORD)
    assert htmx_post(other, SUBMIT, NO_EVIDENCE_OK).status_code == 403
    assert status(app) is None
    assert "review-confirm" not in other.get("/barito-selatan/2023/indikator/1?ajukan=1").text
    # far below target without a kendala
    save(pic, "50")
    response = htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    assert "Isi kendala triwulan ini" in response.text and status(app) is None


def test_submitted_entry_stays_editable_and_stays_submitted(app, pic):
    save(pic, "95")
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    assert save(pic, "96").status_code == 200
    assert stored(app)[0] == 96 and status(app)[0] == "submitted"
    assert "sudah diajukan" in htmx_post(pic, SUBMIT, NO_EVIDENCE_OK).text
