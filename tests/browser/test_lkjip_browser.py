"""The LKjIP narrative in real Chromium: text typed into a slot is saved while typing, the text
box keeps every keystroke, and the saved text reaches the Word draft."""
import io

import pytest
import sqlalchemy as sa
from docx import Document
from playwright.sync_api import expect

from iku_web.extensions import db
from iku_web.models import LkjipText
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser


def stored(server, slot):
    with server.app.app_context():
        return db.session.scalar(sa.select(LkjipText.text).where(LkjipText.slot == slot))


def test_slot_saves_while_typing_and_lands_in_the_docx(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/2023/lkjip")
    box = page.get_by_label("Kata Pengantar")
    text = "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa."
    box.press_sequentially(text, delay=15)
    state = page.locator("#slot-state-kata_pengantar")
    expect(state).to_have_text("Tersimpan")
    expect(box).to_have_value(text)
    assert stored(live_server, "kata_pengantar") == text
    # The next save starts from the version the answer put beside the box.
    expect(page.locator("#slot-version-kata_pengantar")).to_have_value("1")
    box.press_sequentially(" Terima kasih.", delay=15)
    expect(state).to_have_text("Tersimpan")
    expect(page.locator("#slot-version-kata_pengantar")).to_have_value("2")
    assert stored(live_server, "kata_pengantar") == text + " Terima kasih."
    response = page.request.get(f"{live_server.url}/2023/laporan/lkjip.docx")
    document = Document(io.BytesIO(response.body()))
    assert text + " Terima kasih." in [p.text for p in document.paragraphs]
