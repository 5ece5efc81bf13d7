"""The verifier's decisions through HTTP: approve (lock), return, unlock, and the lock guard on
realisasi, narrative and evidence."""
import re

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Evidence
from tests import evidence_samples as samples
from tests.conftest import STAFF_PASSWORD, client_for, htmx_post
from tests.review_support import (
    DECIDE,
    LOCKED,
    NO_EVIDENCE_OK,
    SUBMIT,
    _form,
    approved,
    narrative,
    review_log,
    status,
)
from tests.test_html import lint
from tests.test_permissions import database_fingerprint, uploads_listing
from tests.test_realisasi import save, stored


def test_approve_locks_realisasi_narrative_and_evidence(app, pic, verifier):
    assert samples.upload(pic, 1, [(samples.pdf(), "laporan.pdf")]).status_code == 200
    approved(app, pic, verifier)
    with app.app_context():
        evidence_id = db.session.scalar(sa.select(Evidence.id))
    before, files = database_fingerprint(app), uploads_listing(app)

    response = save(pic, "10")
    assert response.status_code == 409 and LOCKED in response.text
    response = narrative(pic, "diubah")
    assert response.status_code == 409 and LOCKED in response.text
    response = narrative(pic, "diubah", htmx=False)
    assert response.status_code == 302
    assert LOCKED in pic.get(response.headers["Location"]).text
    response = samples.upload(pic, 1, [(samples.pdf("lain"), "lain.pdf")])
    assert response.status_code == 200 and LOCKED in response.text
    response = htmx_post(pic, f"/barito-selatan/bukti/{evidence_id}/hapus")
    assert response.status_code == 200 and LOCKED in response.text
    response = pic.post("/barito-selatan"
                        f"/bukti/{evidence_id}/hapus", data={"csrf_token": pic.token})
    assert response.status_code == 409 and LOCKED in response.text
    # The verifier who can edit every indicator is refused too: the lock is for everyone.
    assert save(verifier, "10").status_code == 409

    assert database_fingerprint(app) == before and uploads_listing(app) == files
    assert stored(app)[0] == 95


def test_other_quarters_stay_editable_after_approval(app, pic, verifier):
    approved(app, pic, verifier)
    assert save(pic, "80", quarter=2).status_code == 200
    assert stored(app, quarter=2)[0] == 80


def test_locked_quarter_is_read_only_on_the_pages(app, pic, verifier):
    approved(app, pic, verifier)
    table = pic.get("/barito-selatan/2023/realisasi").text
    assert 'id="rl-input-1-1"' not in table and 'id="rl-input-1-2"' in table
    assert re.search(r'rl-value">95%</span> <span class="rl-lock"', table)
    page = pic.get("/barito-selatan/2023/indikator/1").text
    assert "<textarea" not in _form(page, "narrative-1")
    assert "<textarea" in _form(page, "narrative-2")
    assert 'data-status="approved"' in page
    panel = pic.get("/barito-selatan/2023/indikator/1/bukti", headers={"HX-Request": "true"}).text
    card_1 = panel.split('id="bukti-tw-1"')[1].split('id="bukti-tw-2"')[0]
    assert "evidence-locked" in card_1 and "evidence-upload" not in card_1
    assert "evidence-upload" in panel.split('id="bukti-tw-2"')[1]


def test_verifier_page_shows_submitted_entries_with_their_numbers(app, pic, verifier):
    save(pic, "50")
    narrative(pic, "Anggaran terlambat cair.")
    samples.upload(pic, 1, [(samples.pdf(), "laporan.pdf")])
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    page = verifier.get("/barito-selatan/2023/verifikasi")
    assert page.status_code == 200
    card = page.text.split('id="review-1-1"')[1].split("</article>")[0]
    for text in ("50%", "Tidak tercapai", "1 berkas", "Anggaran terlambat cair.", "Setujui",
                 "Kembalikan", "Staf"):
        assert text in card
    assert "Menunggu verifikasi (1)" in page.text


def test_return_requires_a_comment_and_reopens_the_quarter(app, pic, verifier):
    save(pic, "95")
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    response = htmx_post(verifier, DECIDE.format("kembalikan"), {"comment": "  "})
    assert "Tulis komentar" in response.text and status(app) == ("submitted", "")
    response = htmx_post(verifier, DECIDE.format("kembalikan"),
                         {"comment": "Lampirkan laporan tahapan."})
    assert "Dikembalikan ke penanggung jawab." in response.text
    assert status(app) == ("returned", "Lampirkan laporan tahapan.")
    page = pic.get("/barito-selatan/2023/indikator/1").text
    assert "Lampirkan laporan tahapan." in page and 'data-status="returned"' in page
    assert save(pic, "96").status_code == 200 and stored(app)[0] == 96
    assert "Diajukan untuk verifikasi." in htmx_post(pic, SUBMIT, NO_EVIDENCE_OK).text


def test_unlock_requires_a_reason(app, pic, verifier):
    approved(app, pic, verifier)
    response = htmx_post(verifier, DECIDE.format("buka-kunci"), {"comment": ""})
    assert "Tulis alasan" in response.text and status(app)[0] == "approved"
    response = htmx_post(verifier, DECIDE.format("buka-kunci"), {"comment": "Salah ketik."})
    assert "Kunci dibuka" in response.text
    assert status(app) == ("returned", "Salah ketik.")
    assert save(pic, "97").status_code == 200 and stored(app)[0] == 97


def test_approval_is_refused_when_the_entry_changed_since_the_page_was_opened(app, pic,
                                                                            verifier):
    save(pic, "95")
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    seen = re.search(r'name="version" value="(\d+)"', verifier.get("/barito-selatan"
                                                                   "/2023/verifikasi").text)
    save(pic, "96")
    response = htmx_post(verifier, DECIDE.format("setujui"), {"version": seen.group(1)})
    assert "diubah sejak halaman dibuka" in response.text and status(app)[0] == "submitted"


@pytest.mark.parametrize("action", ["setujui", "kembalikan", "buka-kunci"])
def test_staff_cannot_decide(app, pic, action):
    save(pic, "95")
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    response = htmx_post(pic, DECIDE.format(action), {"comment": "saya sendiri"})
    assert response.status_code == 403 and status(app) == ("submitted", "")
    assert pic.get("/barito-selatan/2023/verifikasi").status_code == 403


def test_an_unsubmitted_quarter_cannot_be_approved(app, verifier):
    response = htmx_post(verifier, DECIDE.format("setujui"))
    assert response.status_code == 409 and "tidak sedang diajukan" in response.text
    assert status(app) is None


def test_every_step_is_in_the_audit_log_with_old_and_new_status(app, pic, verifier):
    save(pic, "95")
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    htmx_post(verifier, DECIDE.format("kembalikan"), {"comment": "Periksa lagi."})
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    htmx_post(verifier, DECIDE.format("setujui"))
    htmx_post(verifier, DECIDE.format("buka-kunci"), {"comment": "Revisi data."})
    assert review_log(app) == [
        ("submit", "Draf", "Diajukan"),
        ("return", "Diajukan", "Dikembalikan: Periksa lagi."),
        ("submit", "Dikembalikan", "Diajukan"),
        ("approve", "Diajukan", "Disetujui (dikunci)"),
        ("unlock", "Disetujui (dikunci)", "Dikembalikan: Revisi data."),
    ]
    history = pic.get("/barito-selatan/2023/indikator/1").text.split('id="history"')[1]
    assert "Kunci dibuka verifikator" in history and "Revisi data." in history


def test_plain_form_decisions_redirect_to_the_verifier_page(app, pic, verifier):
    save(pic, "95")
    htmx_post(pic, SUBMIT, NO_EVIDENCE_OK)
    response = verifier.post(DECIDE.format("kembalikan"),
                             data={"csrf_token": verifier.token, "comment": ""},
                             follow_redirects=True)
    assert response.request.path == "/barito-selatan/2023/verifikasi"
    assert "Tulis komentar" in response.text


def test_navbar_links_verification_for_verifiers_and_admins_only(app, admin, verifier):
    link, page = 'href="/barito-selatan/2023/verifikasi"', "/barito-selatan/2023/realisasi"
    assert link in verifier.get(page).text
    assert link in admin.get(page).text
    staff = client_for(app, "staf", STAFF_PASSWORD)
    assert link not in staff.get(page).text


def test_review_pages_have_unique_ids_and_reachable_targets(app, pic, verifier):
    approved(app, pic, verifier)
    save(pic, "95", quarter=2)
    htmx_post(pic, "/barito-selatan/2023/indikator/1/2/ajukan", NO_EVIDENCE_OK)
    assert lint(verifier.get("/barito-selatan/2023/verifikasi").text) == []
    # The indicator page repeats the narrative forms' hidden ids (base_obstacles, ...) four
    # times already; only the review panel is ours to check there.
    for client in (pic, verifier):
        page = client.get("/barito-selatan/2023/indikator/1").text
        panel = page[page.index('<section id="review-panel"'):page.index("</section>")]
        assert lint(panel) == []
