"""Review of a quarter through HTTP: submit, approve (lock), return, unlock, and the lock guard
on realisasi, narrative and evidence."""
import re

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Evidence, Indicator, Realisasi, Review, User
from iku_web.review.service import NO_EVIDENCE_QUESTION
from tests import evidence_samples as samples
from tests.conftest import STAFF_PASSWORD, csrf_token, htmx_post, login
from tests.test_html import lint
from tests.test_permissions import database_fingerprint, uploads_listing
from tests.test_realisasi import save, stored

LOCKED = "Triwulan ini sudah disetujui dan dikunci oleh verifikator."
VERIFIER_PASSWORD = "verif-rahasia-123"
SUBMIT = "/barito-selatan/2023/indikator/1/1/ajukan"
# The answer "Ajukan tanpa bukti": these tests submit quarters that have no evidence file.
NO_EVIDENCE_OK = {"without_evidence": "1"}
DECIDE = "/barito-selatan/2023/verifikasi/1/1/{}"


def make_user(app, username, role, password):
    with app.app_context():
        user = User(username=username, role=role, full_name=username.title())
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user.id


def client_for(app, username, password):
    """A separate logged-in client, for tests where two people take turns."""
    client = app.test_client()
    assert login(client, username, password).status_code == 302
    client.token = csrf_token(client)
    return client


@pytest.fixture
def pic(app, staff):
    """The staff client, in charge of indicator 1."""
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        db.session.get(Indicator, 1).pic_user_id = staff_id
        db.session.commit()
    return staff


@pytest.fixture
def verifier(app):
    make_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    return client_for(app, "verif", VERIFIER_PASSWORD)


def status(app, indicator=1, quarter=1):
    with app.app_context():
        review = db.session.scalar(sa.select(Review).where(
            Review.indicator_id == indicator, Review.quarter == quarter))
        return None if review is None else (review.status, review.comment)


def narrative(client, obstacles, quarter=1, htmx=True):
    data = {"obstacles": obstacles, "solutions": "", "follow_up": "", "version": "",
            "base_obstacles": "", "base_solutions": "", "base_follow_up": ""}
    with client.application.app_context():
        entry = db.session.scalar(sa.select(Realisasi).where(
            Realisasi.indicator_id == 1, Realisasi.quarter == quarter))
        if entry is not None:
            data.update(version=str(entry.version), base_obstacles=entry.obstacles,
                        base_solutions=entry.solutions, base_follow_up=entry.follow_up)
    url = f"/barito-selatan/2023/indikator/1/{quarter}/catatan"
    if htmx:
        return htmx_post(client, url, data)
    return client.post(url, data={**data, "csrf_token": client.token})


def approved(app, pic, verifier, value="95"):
    """Indicator 1, TW I: filled by the person in charge, submitted and approved."""
    assert save(pic, value).status_code == 200
    assert "Diajukan" in htmx_post(pic, SUBMIT, NO_EVIDENCE_OK).text
    response = htmx_post(verifier, DECIDE.format("setujui"))
    assert "Disetujui dan dikunci." in response.text
    assert status(app)[0] == "approved"


def _form(page: str, form_id: str) -> str:
    return page.split(f'id="{form_id}"')[1].split("</form>")[0]


def review_log(app):
    with app.app_context():
        return [(c.field, c.old_value, c.new_value) for c in db.session.scalars(
            sa.select(ChangeLog).where(ChangeLog.entity == "review").order_by(ChangeLog.id))]


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
