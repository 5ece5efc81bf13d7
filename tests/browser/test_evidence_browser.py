"""Evidence in real Chromium: upload a PDF with htmx, see it listed and previewed, delete it."""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web import settings
from iku_web.extensions import db
from iku_web.models import Indicator
from tests import evidence_samples as samples
from tests.browser.conftest import answer_confirm, browser_login

pytestmark = pytest.mark.browser


def evidence_url(server) -> str:
    with server.app.app_context():
        indicator_id = db.session.scalar(sa.select(Indicator.id).where(Indicator.position == 1))
    return f"{server.url}/barito-selatan/2023/indikator/{indicator_id}/bukti"


def test_upload_pdf_see_it_listed_previewed_and_delete_it(live_server, page):
    browser_login(page, live_server.url)
    page.goto(evidence_url(live_server))
    # Record what the progress bar showed at each htmx:xhr:progress event (our handler in
    # evidence.js runs first: it was bound when the page loaded).
    page.evaluate("""window.progressSeen = [];
        document.addEventListener('htmx:xhr:progress', function (evt) {
          var bar = evt.target.querySelector('.progress');
          window.progressSeen.push([bar.classList.contains('d-none'),
                                    bar.getAttribute('aria-valuenow')]);
        });""")
    content = samples.pdf("browser") + b"%" + b"0" * (3 * 1024 * 1024)  # a 3 MB PDF
    card = page.locator("#bukti-tw-2")
    card.get_by_label("Unggah bukti Triwulan II").set_input_files([{
        "name": "Laporan TW II.pdf", "mimeType": "application/pdf", "buffer": content}])
    card.get_by_role("button", name="Unggah", exact=True).click()

    card = page.locator("#bukti-tw-2")
    expect(card.get_by_role("status")).to_contain_text("berhasil diunggah")
    expect(card.get_by_role("link", name="Laporan TW II.pdf")).to_be_visible()
    expect(card).to_contain_text("1 berkas")
    seen = page.evaluate("window.progressSeen")
    assert seen and seen[-1] == [False, "100"], seen

    card.get_by_text("Pratinjau").click()
    frame = card.locator("iframe[title='Pratinjau Laporan TW II.pdf']")
    expect(frame).to_be_visible()
    preview = page.request.get(live_server.url + frame.get_attribute("src"))
    assert preview.status == 200
    assert preview.headers["content-type"] == "application/pdf"
    assert preview.headers["content-disposition"].startswith("inline")
    assert preview.body() == content

    # Right after the preview opened: its PDF viewer commits a frame navigation while it
    # loads, which made Chromium close a native confirm unanswered (the delete was never
    # sent). Wait for the delete's own answer, so that a failure says whether it was sent.
    with page.expect_response(re.compile(r".*/bukti/\d+/hapus$")) as deleted:
        card.get_by_role("button", name="Hapus Laporan TW II.pdf").click()
        answer_confirm(page, "Hapus berkas Laporan TW II.pdf dari Triwulan II?")
    assert deleted.value.status == 200, deleted.value.text()
    card = page.locator("#bukti-tw-2")
    expect(card.get_by_role("status")).to_contain_text("dihapus")
    expect(card).to_contain_text("Belum ada bukti dukung.")


# Clicks "Hapus" of the new TW II card in the first task after htmx inserted it: what a quick
# user, or any user on a busy machine, can do before a timer-driven wiring of the card ran.
CLICK_DELETE_RIGHT_AFTER_THE_SWAP = """() => {
  document.addEventListener('htmx:afterSwap', function click(evt) {
    if (evt.target.id !== 'bukti-tw-2') return;
    document.removeEventListener('htmx:afterSwap', click);
    setTimeout(function () {
      document.querySelector('#bukti-tw-2 button[aria-label^="Hapus "]').click();
    }, 0);
  });
}"""


def test_delete_clicked_the_moment_the_card_appears_still_asks_and_stays_in_page(live_server,
                                                                                 page):
    """Such a click once reached a form htmx had not wired yet: the browser posted it as a
    plain form, deleting the file without the confirmation and reloading the page."""
    browser_login(page, live_server.url)
    page.goto(evidence_url(live_server))
    page.evaluate("window.__noReload = true")
    page.evaluate(CLICK_DELETE_RIGHT_AFTER_THE_SWAP)
    card = page.locator("#bukti-tw-2")
    card.get_by_label("Unggah bukti Triwulan II").set_input_files([{
        "name": "cepat.pdf", "mimeType": "application/pdf", "buffer": samples.pdf("cepat")}])
    with page.expect_response(re.compile(r".*/bukti/\d+/hapus$")) as deleted:
        card.get_by_role("button", name="Unggah", exact=True).click()
        answer_confirm(page, "Hapus berkas cepat.pdf dari Triwulan II?")
    assert deleted.value.request.headers.get("hx-request") == "true"
    expect(page.locator("#bukti-tw-2").get_by_role("status")).to_contain_text(
        "cepat.pdf: dihapus")
    assert page.evaluate("window.__noReload") is True


def test_too_large_file_is_refused_before_sending(live_server, page):
    with live_server.app.app_context():
        settings.put("evidence_max_mb", "1")
        db.session.commit()
    browser_login(page, live_server.url)
    page.goto(evidence_url(live_server))
    requests = []
    page.on("request", lambda r: requests.append(r.url) if r.method == "POST" else None)
    card = page.locator("#bukti-tw-1")
    card.get_by_label("Unggah bukti Triwulan I").set_input_files([{
        "name": "besar.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)}])
    card.get_by_role("button", name="Unggah", exact=True).click()
    expect(card.locator(".evidence-client-error")).to_have_text(
        "besar.pdf: Berkas melebihi batas 1 MB")
    assert requests == []


def test_fragment_lazy_loaded_into_another_page_uploads_too(live_server, page):
    """The indicator page loads the panel with hx-trigger="load"; its forms and progress
    script must work there as well (CSRF header from <body>, evidence.js from the fragment)."""
    browser_login(page, live_server.url)
    url = evidence_url(live_server)
    page.evaluate("""url => {
        var div = document.createElement('div');
        div.setAttribute('hx-get', url);
        div.setAttribute('hx-trigger', 'load');
        document.querySelector('main').appendChild(div);
        htmx.process(div);
    }""", url.removeprefix(live_server.url))
    # The fragment's script loads after the fragment is in place: wait for it, so that its
    # size check and progress bar are there for the upload.
    page.wait_for_function("() => window.ikuEvidence === true")
    card = page.locator("#bukti-tw-4")
    card.get_by_label("Unggah bukti Triwulan IV").set_input_files([{
        "name": "foto.jpg", "mimeType": "image/jpeg", "buffer": samples.jpeg()}])
    card.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.locator("#bukti-tw-4").get_by_role("status")).to_contain_text(
        "foto.jpg: berhasil diunggah")
    assert page.url.endswith("/barito-selatan/2023/iku")
    card = page.locator("#bukti-tw-4")
    card.get_by_text("Pratinjau").click()
    expect(card.get_by_role("img", name="Pratinjau foto.jpg")).to_be_visible()


def test_the_question_outlives_a_frame_loading_behind_it(live_server, page):
    """Chromium closes a native confirm, answering "no", when any frame of the page commits a
    navigation: "Hapus" clicked while a PDF preview loaded did nothing. The page's own dialog
    stays until the user answers."""
    browser_login(page, live_server.url)
    page.goto(evidence_url(live_server))
    card = page.locator("#bukti-tw-2")
    card.get_by_label("Unggah bukti Triwulan II").set_input_files([{
        "name": "sk.pdf", "mimeType": "application/pdf", "buffer": samples.pdf("sk")}])
    card.get_by_role("button", name="Unggah", exact=True).click()
    expect(card.get_by_role("link", name="sk.pdf")).to_be_visible()
    card.get_by_role("button", name="Hapus sk.pdf").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    with page.expect_event("framenavigated", lambda frame: frame.parent_frame is not None):
        page.evaluate("""() => {
          var frame = document.createElement('iframe');
          frame.src = location.href;
          document.body.appendChild(frame);
        }""")
    with page.expect_response(re.compile(r".*/bukti/\d+/hapus$")) as deleted:
        answer_confirm(page, "Hapus berkas sk.pdf dari Triwulan II?")
    assert deleted.value.status == 200
    expect(page.locator("#bukti-tw-2")).to_contain_text("Belum ada bukti dukung.")
