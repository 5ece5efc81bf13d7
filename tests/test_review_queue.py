"""The verifier's queue: counts in the menu, landing after login, deadlines, evidence preview,
"tanpa bukti", bulk approval; returned work on top of Tugas saya; review marks in the table."""
import re

import pytest

from tests.conftest import STAFF_PASSWORD, htmx_post
from tests.reminders_support import (
    VERIFIER_PASSWORD,
    add_evidence,
    add_user,
    assign,
    client_for,
    friday_clock,
)
from tests.review_support import status
from tests.test_html import lint
from tests.test_realisasi import save

friday = pytest.fixture(friday_clock)


def submit(client, indicator=1, quarter=1):
    """Submit a quarter, answering "Ajukan tanpa bukti" should it have no evidence file."""
    response = htmx_post(client, f"/barito-selatan/2023/indikator/{indicator}/{quarter}/ajukan",
                         {"without_evidence": "1"})
    assert "Diajukan untuk verifikasi." in response.text, response.text
    return response


@pytest.fixture
def people(app, friday):
    """Staff in charge of indicators 1 and 6 (both 100% targets); a verifier."""
    assign(app, "staf", 1, 6)
    add_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    pic = client_for(app, "staf", STAFF_PASSWORD)
    return pic


def test_menu_counts_and_verifier_lands_on_the_queue(app, people):
    pic = people
    empty = client_for(app, "verif", VERIFIER_PASSWORD)
    assert empty.landing == "/"  # nothing waiting: the usual home page
    assert 'id="review-count"' not in empty.get("/barito-selatan/2023/iku").text
    for iid in (1, 6):
        save(pic, "95", indicator=iid)
        submit(pic, iid)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    assert verifier.landing == "/barito-selatan/2023/verifikasi"
    html = verifier.get("/barito-selatan/2023/iku").get_data(as_text=True)
    assert re.search(r'id="review-count">2<span class="visually-hidden"> menunggu', html)
    # The closed Realisasi group of the menu shows the same count on its label.
    assert re.search(r'>Realisasi <span class="badge[^"]*">2<span class="visually-hidden"> '
                     r'menunggu', html)
    assert 'id="review-count"' not in pic.get("/barito-selatan"
                                              "/2023/iku").text  # staff have no queue


def test_queue_shows_deadline_tanpa_bukti_and_inline_preview(app, people):
    pic = people
    save(pic, "95", indicator=1)
    save(pic, "90", indicator=6)
    evidence_id = add_evidence(app, 6, 1, "sk-kpps.pdf")
    submit(pic, 1)
    submit(pic, 6)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    html = verifier.get("/barito-selatan/2023/verifikasi").get_data(as_text=True)
    lint(html)
    card1 = html.split('id="review-1-1"')[1].split("</article>")[0]
    card6 = html.split('id="review-6-1"')[1].split("</article>")[0]
    assert "tanpa bukti" in card1 and "tanpa bukti" not in card6
    assert "tenggat 10 April 2023, 3 hari lagi" in card1
    assert f'<iframe src="/barito-selatan/bukti/{evidence_id}/pratinjau"' in card6
    assert "sk-kpps.pdf" in card6
    assert "95%" in card1 and "Kendala" in card1


def test_submit_button_shows_tanpa_bukti_and_leaves_the_question_to_the_server(app, people):
    """The question before a submission without evidence is the server's (test_review.py);
    the button only carries the mark, and no browser dialog asks it a second time."""
    pic = people
    save(pic, "95", indicator=1)
    page = pic.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    form = page.split('action="/barito-selatan/2023/indikator/1/1/ajukan"')[1].split("</form>")[0]
    assert "review-no-evidence" in form and "confirm" not in form
    add_evidence(app, 1, 1)
    page = pic.get("/barito-selatan/2023/indikator/1").get_data(as_text=True)
    form = page.split('action="/barito-selatan/2023/indikator/1/1/ajukan"')[1].split("</form>")[0]
    assert "review-no-evidence" not in form and "confirm" not in form


def test_bulk_approval_checks_each_item_for_changes(app, people):
    pic = people
    for iid in (1, 6):
        save(pic, "95", indicator=iid)
        submit(pic, iid)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    html = verifier.get("/barito-selatan/2023/verifikasi").get_data(as_text=True)
    picked = re.findall(r'form="bulk-approve" name="item" value="([0-9-]+)"', html)
    assert sorted(picked) == ["1-1-1", "6-1-1"]
    save(pic, "96", indicator=6)  # changed after the verifier opened the page
    response = verifier.post("/barito-selatan/2023/verifikasi/setujui-terpilih",
                             data={"csrf_token": verifier.token, "item": picked})
    assert response.status_code == 302
    assert status(app, 1)[0] == "approved"
    assert status(app, 6)[0] == "submitted"
    page = verifier.get("/barito-selatan/2023/verifikasi").get_data(as_text=True)
    assert "1 isian disetujui dan dikunci." in page
    assert "diubah setelah diajukan; periksa perubahannya lalu setujui satu per satu." in page
    # the edited one is offered for approval on its own only, no longer for the batch
    card = page.split('id="review-6-1"')[1].split("</article>")[0]
    assert 'form="bulk-approve"' not in card and "setujui sendiri" in card
    assert "Setujui</button>" in card


def test_bulk_approval_refuses_a_version_the_verifier_did_not_see(app, people):
    pic = people
    save(pic, "95")
    submit(pic)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    response = verifier.post("/barito-selatan/2023/verifikasi/setujui-terpilih",
                             data={"csrf_token": verifier.token, "item": "1-1-0"})
    assert response.status_code == 302
    assert status(app)[0] == "submitted"
    assert "diubah sejak halaman dibuka" in verifier.get("/barito-selatan/2023/verifikasi").text


def test_bulk_approval_is_for_verifiers(app, people):
    pic = people
    save(pic, "95")
    submit(pic)
    response = pic.post("/barito-selatan/2023/verifikasi/setujui-terpilih",
                        data={"csrf_token": pic.token, "item": "1-1-1"})
    assert response.status_code == 403
    assert status(app)[0] == "submitted"


def test_returned_work_is_on_top_of_my_tasks_until_resubmitted(app, people):
    pic = people
    save(pic, "95")
    submit(pic)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    htmx_post(verifier, "/barito-selatan"
                        "/2023/verifikasi/1/1/kembalikan", {"comment": "Lampirkan SK KPPS."})
    html = pic.get("/barito-selatan/saya").get_data(as_text=True)
    lint(html)
    top = html.split('id="returned-tasks"')[1].split("</ul>")[0]
    assert "Lampirkan SK KPPS." in top
    assert 'href="/barito-selatan/2023/indikator/1#review-tw-1"' in top
    assert html.index('id="returned-tasks"') < html.index('id="my-tasks"')
    save(pic, "100")
    submit(pic)
    assert 'id="returned-tasks"' not in pic.get("/barito-selatan/saya").text


def test_realisasi_table_marks_each_review_state_with_text(app, people):
    pic = people
    save(pic, "95", indicator=1)  # draft
    save(pic, "95", indicator=6)
    submit(pic, 6)  # submitted
    save(pic, "90", indicator=1, quarter=2)
    submit(pic, 1, 2)
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    htmx_post(verifier, "/barito-selatan/2023/verifikasi/1/2/kembalikan", {"comment": "Periksa."})
    save(pic, "80", indicator=6, quarter=2)
    submit(pic, 6, 2)
    htmx_post(verifier, "/barito-selatan/2023/verifikasi/6/2/setujui", {"version": "1"})
    html = pic.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    lint(html)

    def mark(iid, q):
        cell = html.split(f'id="rl-row-{iid}"')[1].split("</tr>")[0].split(
            'class="rl-quarter"')[q]
        found = re.search(r'rl-review[^"]*" data-status="(\w+)" role="img" aria-label="(\w+)"',
                          cell)
        return found.groups() if found else None

    assert mark(1, 1) == ("draft", "draf")
    assert mark(6, 1) == ("submitted", "diajukan")
    assert mark(1, 2) == ("returned", "dikembalikan")
    assert mark(6, 2) == ("approved", "disetujui")
    assert mark(1, 3) is None  # empty, nothing to review


def test_staff_with_only_returned_work_lands_on_my_tasks(app, people):
    """Filled, with evidence, returned: nothing missing, yet the return needs them."""
    pic = people
    for iid in (1, 6):
        save(pic, "95", indicator=iid)
        add_evidence(app, iid, 1, f"bukti-{iid}.pdf")
    submit(pic)
    assert client_for(app, "staf", STAFF_PASSWORD).landing == "/"  # nothing open
    verifier = client_for(app, "verif", VERIFIER_PASSWORD)
    htmx_post(verifier, "/barito-selatan/2023/verifikasi/1/1/kembalikan", {"comment": "Cek lagi."})
    assert client_for(app, "staf", STAFF_PASSWORD).landing == "/barito-selatan/saya"
