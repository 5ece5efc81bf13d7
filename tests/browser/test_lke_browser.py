"""The LKE in real Chromium: choosing Ya/Tidak updates the sub-component, component and overall
totals and the grade in place (out-of-band swaps), the select keeps its value, and a note typed
while the totals change keeps every keystroke."""
from urllib.parse import parse_qs

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import LkeCheck, LkeComponent, LkeCriterion, LkeSubcomponent
from tests.browser.conftest import answer_confirm, browser_login

pytestmark = pytest.mark.browser


def _id(server, model, code):
    with server.app.app_context():
        return db.session.scalar(sa.select(model.id).where(model.code == code))


def test_checks_update_the_totals_live(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/lke")
    total = page.locator("#lke-total-mandiri")
    expect(total).to_have_text("0,00")
    expect(page.locator("#lke-provisional-mandiri")).to_be_visible()
    sub = page.locator(f"#lke-sub-{_id(live_server, LkeSubcomponent, '1.a')} [data-side=mandiri]")
    comp = page.locator(f"#lke-comp-mandiri-{_id(live_server, LkeComponent, '1')}")
    codes = ["1.a.1", "1.a.2", "1.a.3"]
    for code in codes:
        select = page.get_by_label(f"Penilaian {code}").first
        with page.expect_response(lambda r: "/lke/kriteria/" in r.url):
            select.select_option("1")
        expect(select).to_have_value("1")
    # 3 of 6 met: C, 50 % of 6 = 3,00, everywhere on the page.
    expect(sub.locator(".lke-suggested")).to_have_text("C")
    expect(sub.locator(".lke-sub-score")).to_have_text("3,00")
    expect(comp).to_have_text("3,00")
    expect(total).to_have_text("3,00")
    expect(page.locator("#lke-grade-mandiri")).to_have_text("D (Sangat Kurang)")
    # A note typed right after a check: the totals are swapped, the note keeps its text.
    crit = _id(live_server, LkeCriterion, "1.a.4")
    page.get_by_label("Penilaian 1.a.4").first.select_option("0")
    note = page.locator(f"#lke-note-mandiri-{crit}")
    text = "Renja belum ditetapkan"
    def full_note_saved(response):
        body = parse_qs(response.request.post_data or "")
        return f"/kriteria/{crit}/" in response.url and body.get("note") == [text]

    with page.expect_response(full_note_saved):
        note.press_sequentially(text, delay=10)
    expect(page.locator(f"#lke-state-mandiri-{crit}")).to_have_text("Tersimpan")
    expect(note).to_have_value(text)
    expect(total).to_have_text("3,00")
    with live_server.app.app_context():
        check = db.session.scalar(sa.select(LkeCheck).where(LkeCheck.criterion_id == crit))
        assert (check.met, check.note) == (False, text)


def test_a_file_is_attached_and_deleted_in_place(live_server, page):
    """htmx sends the file as multipart, the answer replaces the criterion's list; "Hapus" asks
    first, naming the file and the criterion, and the list follows."""
    from tests import evidence_samples as samples

    crit = _id(live_server, LkeCriterion, "1.a.1")
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/lke")
    block = page.locator(f"#lke-files-mandiri-{crit}")
    block.get_by_text("Lampirkan berkas").click()
    block.get_by_label("Berkas bukti 1.a.1").set_input_files([{
        "name": "Pedoman teknis.pdf", "mimeType": "application/pdf",
        "buffer": samples.pdf("pedoman")}])
    with page.expect_response(lambda r: r.url.endswith(f"/kriteria/{crit}/mandiri/berkas")):
        block.get_by_role("button", name="Unggah").click()
    block = page.locator(f"#lke-files-mandiri-{crit}")
    expect(block.get_by_role("status")).to_have_text("Pedoman teknis.pdf: berhasil dilampirkan.")
    expect(block.get_by_role("link", name="Pedoman teknis.pdf")).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/mandiri/hapus")) as deleted:
        block.get_by_role("button", name="Hapus berkas Pedoman teknis.pdf").click()
        answer_confirm(page, "Hapus berkas Pedoman teknis.pdf dari bukti kriteria 1.a.1? "
                             "Berkas dihapus dari server dan tidak dapat dikembalikan.")
    assert deleted.value.status == 200
    block = page.locator(f"#lke-files-mandiri-{crit}")
    expect(block.get_by_role("status")).to_have_text("Pedoman teknis.pdf: dihapus.")
    expect(block.get_by_role("link", name="Pedoman teknis.pdf")).to_have_count(0)
