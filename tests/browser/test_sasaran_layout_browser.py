"""The sasaran screen fits a 1280 px window: long sasaran and indicator names wrap, the move
select shrinks with its column, nothing scrolls the page sideways."""
import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Year
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser

SASARAN = ("Meningkatnya kualitas penyelenggaraan pemilihan umum dan pemilihan kepala daerah yang "
           "partisipatif, transparan dan akuntabel di seluruh kabupaten/kota se-provinsi")
# One pasted word, as long as the one that once widened the register to 2,059 px.
WORD = "https://jdih.kpu.go.id/" + "PeraturanKomisiPemilihanUmumNomor" * 3
INDICATOR = ("Persentase tindak lanjut rekomendasi hasil pengawasan internal dan eksternal atas "
             "pengelolaan keuangan dan barang milik negara yang diselesaikan tepat waktu")
RIGHT_EDGE = """Math.max(...[...document.querySelectorAll(
  '#sasaran-table button, #sasaran-table select, #sasaran-table td')]
  .map(e => e.getBoundingClientRect().right))"""


def long_names(live_server) -> None:
    """Names as long as real ones (the demo's are short), with a long pasted word."""
    with live_server.app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        for n, sasaran in enumerate(year.sasaran, start=1):
            sasaran.name = f"{SASARAN} {WORD} ({n})"
        for n, indicator in enumerate(year.indicators, start=1):
            indicator.name = f"{INDICATOR} {WORD} ({n})"
        db.session.commit()
        db.session.remove()


def test_the_sasaran_screen_has_no_sideways_scroll_at_1280(browser, live_server):
    long_names(live_server)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        browser_login(page, live_server.url)
        page.goto(f"{live_server.url}/barito-selatan/2023/sasaran")
        assert page.locator("#sasaran-table select").count() > 0  # the widest part is there
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        # Every button, select and cell stays inside the window, not pushed past its edge.
        assert page.evaluate(RIGHT_EDGE) <= 1280
    finally:
        context.close()
