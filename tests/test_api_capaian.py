"""GET /api/v1/<kode>/<tahun>/capaian and the LKE API under the unit (docs/api.md): the same
numbers as the Pengukuran Kinerja, the same refusals as the pages, the old LKE address kept."""
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi
from tests.conftest import demo_app
from tests.reports_support import fill_realisasi
from tests.units_support import build_tree, signed_in

CAPAIAN = "/barito-selatan/2023/laporan/pengukuran.html"
ROW = re.compile(r'<tr><td width="3%" class="c">(\d+)\.</td>(.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
NUMBER = re.compile(r"-?\d[\d.]*(?:,\d+)?")


def shown(text: str) -> Decimal | None:
    """The number a cell shows ("1.234,5%" -> 1234.5), None for "-" or a message."""
    match = NUMBER.match(text.strip())
    if match is None:
        return None
    return Decimal(match.group().replace(".", "").replace(",", "."))


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def screen(client, upto: int) -> dict[int, list[str]]:
    """The Pengukuran up to triwulan `upto`: {number: cells after the number}."""
    html = client.get(f"{CAPAIAN}?tw={upto}").get_data(as_text=True)
    return {int(number): [c.strip() for c in CELL.findall(rest)]
            for number, rest in ROW.findall(html)}


def more_shapes(app) -> None:
    """Beyond fill_realisasi: quarter targets, a lower-is-better indicator, a full year."""
    with app.app_context():
        ids = [i.id for i in db.session.scalars(sa.select(Indicator).order_by(Indicator.position))]
        third = db.session.get(Indicator, ids[2])
        third.aggregation, third.target_kind = "kumulatif", "number"
        third.target_value = Decimal(100)
        third.target_tw1, third.target_tw2, third.target_tw3, third.target_tw4 = (
            Decimal(20), Decimal(30), Decimal(25), Decimal(25))
        fourth = db.session.get(Indicator, ids[3])
        fourth.polarity, fourth.target_kind = "lower", "number"
        fourth.target_value = Decimal(10)
        db.session.add_all(
            [Realisasi(indicator_id=ids[2], quarter=q, value=Decimal(v))
             for q, v in ((1, "18"), (2, "33"), (3, "20.5"))]
            + [Realisasi(indicator_id=ids[3], quarter=q, value=Decimal(v))
               for q, v in ((1, "12"), (2, "9"), (3, "11"), (4, "8.25"))])
        db.session.commit()


def test_the_api_gives_the_numbers_of_the_pengukuran(admin, app):
    fill_realisasi(app)
    more_shapes(app)
    data = admin.get("/api/v1/barito-selatan/2023/capaian").get_json()
    assert data["unit"] == {"code": "barito-selatan", "kind": "kabupaten",
                            "name": "Komisi Pemilihan Umum Kabupaten Barito Selatan"}
    assert data["year"] == 2023 and len(data["indicators"]) == 6
    compared = categories = 0
    for upto in (1, 2, 3, 4):
        rows = screen(admin, upto)
        assert len(rows) == 6
        for indicator in data["indicators"]:
            cells = rows[indicator["number"]]
            quarters, after = cells[3:3 + upto], cells[3 + upto:]
            for q, text in enumerate(quarters, start=1):
                assert as_decimal(indicator["quarters"][q - 1]["realisasi"]) == shown(text)
            this = indicator["quarters"][upto - 1]
            if this["realisasi"] is not None:  # the capaian s.d. this triwulan
                assert as_decimal(this["capaian"]) == shown(after[1]), (upto, indicator)
                compared += this["capaian"] is not None
            else:
                assert this["capaian"] is None
        if upto == 4:
            for indicator in data["indicators"]:
                cells = rows[indicator["number"]][7:]
                year = indicator["full_year"]
                assert as_decimal(year["realisasi"]) == shown(cells[0])
                assert as_decimal(year["capaian_to_date"]) == shown(cells[1])
                assert as_decimal(year["capaian"]) == shown(cells[2])
                category = indicator["category"]
                assert (category["label"] if category else "-") == cells[3]
                categories += category is not None
    assert compared >= 6 and categories >= 3  # capaian in every triwulan, and categories


def test_the_numbers_are_json_numbers_and_null_where_not_filled(admin, app):
    fill_realisasi(app)
    more_shapes(app)
    data = admin.get("/api/v1/barito-selatan/2023/capaian").get_json()
    first, third, fourth = (data["indicators"][i] for i in (0, 2, 3))
    assert [q["realisasi"] for q in first["quarters"]] == [50, 93.75, None, None]
    assert first["target"] == {"kind": "percent", "value": 100, "upper": None, "grade": None}
    assert first["computed"] is False and "rollup" not in first
    assert first["sasaran"]["name"] == first["name"] and first["satuan"] == "%"
    # Kumulatif with quarter targets: 18 + 33 = 51 against 20 + 30 = 50 by TW II.
    assert third["quarters"][1]["target"] == 30 and third["quarters"][1]["capaian"] == 102
    assert third["full_year"]["realisasi"] == 71.5 and third["full_year"]["capaian"] == 71.5
    # Lower is better: 8,25 against 10 is (2 x 10 - 8,25) / 10 = 117,5%.
    assert fourth["polarity"] == "lower" and fourth["full_year"]["capaian"] == 117.5
    assert fourth["full_year"]["met"] is True
    sixth = data["indicators"][5]
    assert sixth["quarters"][1]["numerator"] == 187 and sixth["quarters"][1]["denominator"] == 234


def test_anonymous_visitors_read_a_single_unit_install_as_its_pages(client, app):
    """With one unit the Pengukuran is public (docs/units.md): so is its API; the LKE is not."""
    assert client.get(CAPAIAN).status_code == 200
    assert client.get("/api/v1/barito-selatan/2023/capaian").status_code == 200
    answer = client.get("/api/v1/barito-selatan/2023/lke")
    assert answer.status_code == 401 and answer.is_json
    missing = client.get("/api/v1/barito-selatan/2019/capaian")
    assert missing.status_code == 404 and missing.get_json()["error"]["status"] == 404
    assert client.get("/api/v1/tidak-ada/2023/capaian").status_code == 404


def test_the_old_lke_address_answers_308_to_the_default_unit(admin):
    answer = admin.get("/api/v1/2023/lke?x=1")
    assert answer.status_code == 308
    assert answer.headers["Location"].endswith("/api/v1/barito-selatan/2023/lke?x=1")
    followed = admin.get("/api/v1/2023/lke", follow_redirects=True)
    assert followed.status_code == 200 and followed.get_json()["year"] == 2023
    assert followed.get_json()["components"][0]["weight"] == "30"  # never "3E+1"


@pytest.fixture(scope="module")
def tree(tmp_path_factory, migrated_db):
    app = demo_app(tmp_path_factory.mktemp("api-tree"), migrated_db, [])
    build_tree(app)
    return app


@pytest.mark.parametrize("endpoint", ["capaian", "lke"])
def test_sibling_units_are_refused_as_the_pages_refuse_them(tree, endpoint):
    url = f"/api/v1/kapuas/2023/{endpoint}"
    sibling = signed_in(tree, "admin.barito-selatan").get(url)
    assert sibling.status_code == 404 and sibling.get_json()["error"]["message"]
    assert signed_in(tree, "admin.barito-selatan").get(
        "/kapuas/2023/laporan/pengukuran.html").status_code == 404  # as the page
    parent = signed_in(tree, "verifier.kalteng").get(url)
    assert parent.status_code == 200 and parent.is_json
    own = signed_in(tree, "viewer.kapuas").get(url)
    assert own.status_code == 200
    anonymous = tree.test_client().get(url)
    assert anonymous.status_code == 401 and "Authorization" in anonymous.get_json()["error"][
        "message"]
    assert tree.test_client().get("/kapuas/2023/iku").status_code == 302  # the page: log in


def test_the_queries_do_not_grow_with_the_indicators(admin, app):
    from sqlalchemy import event

    from tests.reports_support import add_indicators

    def queries() -> int:
        seen = []
        with app.app_context():
            engine = db.engine

        def count(*_args):
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert admin.get("/api/v1/barito-selatan/2023/capaian").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    fill_realisasi(app)
    few = queries()
    add_indicators(app, 20)
    with app.app_context():  # the new indicators under sasaran, with realisasi
        from iku_web.models import Sasaran, Year
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        for indicator in year.indicators[6:]:
            indicator.sasaran = Sasaran(year_ref=year, position=indicator.position,
                                        name=indicator.name)
            db.session.add(Realisasi(indicator_id=indicator.id, quarter=1, value=Decimal(70)))
        db.session.commit()
    assert queries() == few


def test_a_computed_indicator_carries_its_roll_up(tmp_path, migrated_db):
    """The hand-counted province of tests/test_rollup_service.py, read through the API with a
    province viewer's token: the counts, and each office's status and whether it counted."""
    from iku_web.api import tokens
    from iku_web.models import User
    from tests.rollup_support import YEAR, new_app
    from tests.test_rollup_service import _five_offices

    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        parent, _kids, _linked = _five_offices()
        viewer = User(username="lihat.prov", full_name="Lihat")
        viewer.set_password("rahasia-panjang-1")
        viewer.set_role(parent.year_ref.unit_id, "viewer")
        db.session.add(viewer)
        db.session.flush()
        _row, token = tokens.issue(viewer, "Dasbor", None, viewer)
        db.session.commit()
        parent_id = parent.id
        db.engine.dispose()
    answer = app.test_client().get(f"/api/v1/prov/{YEAR}/capaian",
                                   headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    (computed,) = [i for i in answer.get_json()["indicators"] if i["id"] == parent_id]
    assert computed["computed"] is True
    rollup = computed["rollup"]
    assert rollup["rule"] == "persentase_memenuhi"
    tw1, tw2, tw3, _tw4 = rollup["verified"]["quarters"]
    assert (tw1["numerator"], tw1["denominator"], tw1["value"]) == (2, 4, 50)
    assert (tw2["numerator"], tw2["denominator"], tw2["value"]) == (1, 4, 25)
    assert tw3["value"] is None
    assert [(c["code"], c["status"], c["counted"], c["met"]) for c in tw2["children"]] == [
        ("kab-a", "approved", True, True), ("kab-b", "unverified", True, False),
        ("kab-c", "not_reported", True, False), ("kab-d", "exempt", False, False),
        ("kab-e", "unverified", True, False)]
    assert tw2["children"][3]["reason"] == "Tidak ada Pilkada tahun ini"
    assert rollup["verified"]["full_year"] == {"realisasi": 25, "capaian": 31.25,
                                               "capaian_to_date": 31.25}
    assert rollup["provisional"]["quarters"][1]["numerator"] == 3
    # The indicator's own figures are the verified computed ones, as on the screens.
    assert [q["realisasi"] for q in computed["quarters"]] == [50, 25, None, None]
    assert computed["full_year"]["capaian"] == 31.25
