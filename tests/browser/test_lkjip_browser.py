"""The LKjIP narrative in real Chromium: text typed into a slot is saved while typing, the text
box keeps every keystroke, and the saved text reaches the Word draft."""
import io
import re

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
        row = db.session.scalar(sa.select(LkjipText).where(LkjipText.slot == slot))
        db.session.remove()
        return (row.text, row.version) if row else (None, 0)


def save_of(text):
    """The save request that sends exactly `text` (the debounce may send earlier texts too
    when typing pauses on a busy machine; only the last one tells what was kept)."""
    return lambda response: (response.request.method == "POST"
                             and "/lkjip/" in response.url
                             and (response.request.post_data_json or {}).get("text") == text)


def test_slot_saves_while_typing_and_lands_in_the_docx(live_server, page):
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/lkjip")
    box = page.get_by_label("Kata Pengantar")
    text = "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa."
    with page.expect_response(save_of(text)):
        box.press_sequentially(text, delay=15)
    state = page.locator("#slot-state-kata_pengantar")
    expect(state).to_have_text("Tersimpan")
    expect(box).to_have_value(text)
    saved_text, version = stored(live_server, "kata_pengantar")
    assert saved_text == text and version >= 1
    # The next save starts from the version the answer put beside the box.
    expect(page.locator("#slot-version-kata_pengantar")).to_have_value(str(version))
    with page.expect_response(save_of(text + " Terima kasih.")):
        box.press_sequentially(" Terima kasih.", delay=15)
    expect(state).to_have_text("Tersimpan")
    saved_text, newer = stored(live_server, "kata_pengantar")
    assert saved_text == text + " Terima kasih." and newer > version  # no conflict on the way
    expect(page.locator("#slot-version-kata_pengantar")).to_have_value(str(newer))
    response = page.request.get(f"{live_server.url}/barito-selatan/2023/laporan/lkjip.docx")
    document = Document(io.BytesIO(response.body()))
    assert text + " Terima kasih." in [p.text for p in document.paragraphs]


def is_save(request):
    return request.method == "POST" and "/lkjip/teks/" in request.url


def test_answer_for_an_older_text_does_not_say_saved(live_server, page):
    """Typing on while a save travels: its "Tersimpan" is about the older text, so the state
    stays "Belum tersimpan" until the newer text's own save has answered."""
    browser_login(page, live_server.url)
    page.goto(f"{live_server.url}/barito-selatan/2023/lkjip")
    held = []  # the first two saves wait here until the test lets them through

    def hold(route):
        if is_save(route.request) and len(held) < 2:
            held.append(route)
        else:
            route.continue_()
    page.route(re.compile(r".*/lkjip/teks/.*"), hold)
    box = page.get_by_label("Kata Pengantar")
    state = page.locator("#slot-state-kata_pengantar")
    with page.expect_request(is_save):
        box.press_sequentially("Bagian pertama.", delay=15)
    box.press_sequentially(" Bagian kedua.", delay=15)
    expect(state).to_have_text("Belum tersimpan…")
    # The newer text's save leaves only after the first one answered (hx-sync queue).
    with page.expect_request(is_save):
        with page.expect_response(lambda response: is_save(response.request)):
            held[0].continue_()
    expect(state).to_have_text("Belum tersimpan…")
    with page.expect_response(save_of("Bagian pertama. Bagian kedua.")):
        held[1].continue_()
    expect(state).to_have_text("Tersimpan")
    assert stored(live_server, "kata_pengantar")[0] == "Bagian pertama. Bagian kedua."
