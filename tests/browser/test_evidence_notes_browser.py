"""Upload notes speak about the latest action only: a note or an error of an earlier upload
goes when the user picks other files or starts another upload, in any quarter."""
import pytest
from playwright.sync_api import expect

from iku_web import settings
from iku_web.extensions import db
from tests import evidence_samples as samples
from tests.browser.conftest import browser_login
from tests.browser.test_evidence_browser import evidence_url

pytestmark = pytest.mark.browser


def _pick(card, quarter_name, name, buffer, mime="application/pdf"):
    card.get_by_label(f"Unggah bukti {quarter_name}").set_input_files([{
        "name": name, "mimeType": mime, "buffer": buffer}])


def test_a_finished_upload_note_goes_when_another_upload_starts(live_server, page):
    browser_login(page, live_server.url)
    page.goto(evidence_url(live_server))
    first = page.locator("#bukti-tw-1")
    _pick(first, "Triwulan I", "laporan.pdf", samples.pdf("a"))
    first.get_by_role("button", name="Unggah", exact=True).click()
    note = page.locator("#bukti-tw-1 .evidence-outcome")
    expect(note).to_contain_text("laporan.pdf: berhasil diunggah")

    second = page.locator("#bukti-tw-2")
    _pick(second, "Triwulan II", "sk.pdf", samples.pdf("b"))
    expect(note).to_have_count(0)  # picking other files: the old note is over
    second.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.locator("#bukti-tw-2 .evidence-outcome")).to_contain_text(
        "sk.pdf: berhasil diunggah")
    expect(page.locator(".evidence-outcome")).to_have_count(1)


def test_a_client_error_goes_when_other_files_are_picked(live_server, page):
    with live_server.app.app_context():
        settings.put("evidence_max_mb", "1")
        db.session.commit()
    browser_login(page, live_server.url)
    page.goto(evidence_url(live_server))
    card = page.locator("#bukti-tw-1")
    _pick(card, "Triwulan I", "besar.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    card.get_by_role("button", name="Unggah", exact=True).click()
    error = card.locator(".evidence-client-error")
    expect(error).to_have_text("besar.pdf: Berkas melebihi batas 1 MB")
    _pick(card, "Triwulan I", "kecil.pdf", samples.pdf("c"))
    expect(error).to_be_hidden()
    expect(error).to_have_text("")
