"""/unit: the tree a user may read with the current quarter's reporting status; the unit
switcher keeps the page and refuses units one may not read."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Review, Year
from tests.units_support import build_tree, signed_in


def _rows(html: str) -> list[str]:
    import re
    return re.findall(r'<tr data-unit="([a-z-]+)">', html)


def _report(app, code_unit_id: int, filled: int, approved: int, quarter: int = 4) -> None:
    with app.app_context():
        ids = db.session.scalars(sa.select(Indicator.id).join(Year).where(
            Year.unit_id == code_unit_id, Year.year == 2023).order_by(Indicator.position)).all()
        for n, indicator_id in enumerate(ids[:filled]):
            db.session.add(Realisasi(indicator_id=indicator_id, quarter=quarter, value=90,
                                     version=1))
            if n < approved:
                db.session.add(Review(indicator_id=indicator_id, quarter=quarter,
                                      status="approved"))
        db.session.commit()


def test_the_province_sees_its_tree_with_the_status_of_each_unit(app):
    build_tree(app)
    _report(app, 3, filled=4, approved=2)  # Kapuas, TW IV of its latest year (2023)
    page = signed_in(app, "viewer.kalteng").get("/unit")
    assert page.status_code == 200
    assert _rows(page.text) == ["kalteng", "barito-selatan", "kapuas"]
    kapuas = page.text.split('data-unit="kapuas"')[1].split("</tr>")[0]
    assert "4 / 6" in kapuas and ">2<" in kapuas and ">2</span>" in kapuas
    barito = page.text.split('data-unit="barito-selatan"')[1].split("</tr>")[0]
    assert "0 / 6" in barito and ">6</span>" in barito
    assert 'id="unit-select"' in page.text  # the switcher, beside the year's


def test_a_kabupaten_sees_only_itself_and_no_switcher(app):
    build_tree(app)
    client = signed_in(app, "staff.kapuas")
    page = client.get("/unit")
    assert _rows(page.text) == ["kapuas"]
    assert 'id="unit-select"' not in client.get("/kapuas/2023/iku").text


def test_the_switcher_keeps_the_page_and_refuses_strangers(app):
    build_tree(app)
    response = signed_in(app, "viewer.kalteng").get(
        "/unit/buka?kode=kapuas&tahun=2023&dari=/barito-selatan/2023/realisasi")
    assert response.status_code == 302
    assert response.headers["Location"] == "/kapuas/2023/realisasi"
    stranger = signed_in(app, "staff.kapuas")
    assert stranger.get("/unit/buka?kode=barito-selatan").status_code == 404
    assert stranger.get("/unit/buka?kode=tidak-ada").status_code == 404
