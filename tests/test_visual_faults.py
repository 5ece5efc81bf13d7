"""Small visual faults seen through HTTP: lock icon, grade selects, file names, previews."""
import re
from decimal import Decimal

import pytest

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Review

EMOJI_LOCK = ("&#128274;", "\U0001f512")


@pytest.fixture
def locked_quarter(app):
    """Indicator 1, TW I: filled, approved and locked."""
    with app.app_context():
        db.session.add_all([Realisasi(indicator_id=1, quarter=1, value=Decimal("95")),
                            Review(indicator_id=1, quarter=1, status="approved")])
        db.session.commit()


@pytest.mark.parametrize("path", ["/barito-selatan"
                                  "/2023/realisasi", "/barito-selatan/2023/indikator/1"])
def test_lock_mark_is_an_inline_svg_not_an_emoji(admin, locked_quarter, path):
    html = admin.get(path).text
    assert not any(mark in html for mark in EMOJI_LOCK)
    assert re.search(r'<svg[^>]*class="icon-lock"[^>]*aria-hidden="true"', html)


def test_grade_cells_are_styled_as_selects(admin, app):
    with app.app_context():
        indicator = db.session.get(Indicator, 5)
        indicator.target_kind, indicator.target_value, indicator.target_grade = \
            "grade", None, "BB"
        db.session.commit()
    html = admin.get("/barito-selatan/2023/realisasi").text
    select = re.search(r'<select id="rl-input-5-1"[^>]*>', html).group(0)
    assert "form-select" in select and "form-control" not in select


@pytest.mark.parametrize("document", ["iku", "pk", "pengukuran"])
def test_a4_and_f4_downloads_have_different_names(client, document):
    names = {}
    for paper in ("a4", "f4"):
        response = client.get(f"/barito-selatan/2023/laporan/{document}.pdf?kertas={paper}")
        names[paper] = re.search(r'filename="([^"]+)"',
                                 response.headers["Content-Disposition"]).group(1)
        assert paper in names[paper]
    assert names["a4"] != names["f4"]


@pytest.mark.parametrize("document", ["iku", "pk", "pengukuran"])
def test_document_previews_declare_an_inline_icon(client, document):
    html = client.get(f"/barito-selatan/2023/laporan/{document}.html").text
    assert '<link rel="icon" href="data:,">' in html
