"""A 125-character word without a space (a pasted code or address) wraps inside its cell of
the register, on screen at 1280 px and in print: it does not widen the page."""
import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator
from tests.browser.conftest import browser_login

pytestmark = pytest.mark.browser

LONG_WORD = ("Pelaksanaan" * 12)[:125]  # no break opportunity in it

WIDTHS = """() => ({
  page: document.documentElement.scrollWidth,
  view: document.documentElement.clientWidth,
  cells: [...document.querySelectorAll('#iku-rows td, #iku-rows th')]
    .filter(cell => cell.textContent.includes('PelaksanaanPelaksanaan'))
    .map(cell => [cell.colSpan, cell.getBoundingClientRect().width]),
})"""


@pytest.mark.parametrize("field", ["name", "formula", "data_source", "pic_unit", "sasaran"])
def test_long_word_wraps_in_the_register(live_server, page, field):
    with live_server.app.app_context():
        indicator = db.session.scalar(sa.select(Indicator).order_by(Indicator.position))
        if field == "sasaran":
            indicator.sasaran.name = LONG_WORD
        else:
            setattr(indicator, field, LONG_WORD)
        db.session.commit()
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, live_server.url)
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        widths = page.evaluate(WIDTHS)
        assert widths["cells"], (media, "the long word is not on the page")
        assert widths["page"] <= widths["view"], (media, widths)
        # Wrapped inside its cell: far narrower than the word set on one line (about 1,000 px);
        # the sasaran heading spans the whole table.
        assert all(width < widths["view"] / 2 for span, width in widths["cells"] if span == 1)
