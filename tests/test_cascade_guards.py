"""A cascaded indicator's definition and targets stay the parent's through every writer (the
Excel import, the Renstra targets, a copied year), the cascade form's messages stand at their
field, and the parent types each office's quarterly targets (docs/rollup.md, "Cascading")."""
import io
from decimal import Decimal

import sqlalchemy as sa
from openpyxl import load_workbook

from iku_web.extensions import db
from iku_web.models import Indicator, Renstra, RenstraIndicator, RenstraTarget, Unit, Year
from tests import test_rollup_pages
from tests.rollup_support import indicator
from tests.test_rollup_pages import NAME, _cascade, _linked
from tests.units_support import signed_in

PROVINCE = "KPU Prov"
tree = test_rollup_pages.tree  # the fixture: "prov" over kab-a, kab-b, kab-c


def _changed_export(client, **cells) -> bytes:
    """kab-a's IKU export with the first indicator's cells (by header) replaced."""
    book = load_workbook(io.BytesIO(client.get("/kab-a/2024/laporan/iku.xlsx").data))
    sheet = book.active
    header = {cell.value: cell.column for cell in sheet[1]}
    for title, value in cells.items():
        sheet.cell(row=2, column=header[title], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(client, data: bytes):
    preview = client.post("/kab-a/2024/laporan/impor", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(data), "iku.xlsx"),
                                "csrf_token": client.token})
    applied = client.post("/kab-a/2024/laporan/impor/terapkan",
                          data={"csrf_token": client.token})
    return preview.get_data(as_text=True), applied


def test_the_import_refuses_a_row_changing_a_linked_indicator(tree):
    _cascade(signed_in(tree, "admin.prov"), tree, target_value="100")
    kab = signed_in(tree, "admin.kab-a")
    changed = _changed_export(kab, **{"Indikator Kinerja Utama": "Nama lain", "Target": 50,
                                      "Target TW IV": 50})
    page, applied = _import(kab, changed)
    assert "Baris 2" in page
    assert (f"Indikator No 1 diturunkan dari {PROVINCE}: Indikator Kinerja Utama, Target, "
            "Target TW IV hanya dapat diubah oleh unit tersebut.") in page
    assert applied.status_code == 302
    own = _linked(tree)["kab-a"]
    assert (own.name, own.target_value, own.target_tw4) == (NAME, Decimal(100), None)
    # Who is in charge remains the office's own choice.
    page, applied = _import(kab, _changed_export(kab, **{"Penanggung Jawab (Unit)": "Teknis"}))
    assert "diturunkan dari" not in page
    own = _linked(tree)["kab-a"]
    assert (own.pic_unit, own.name, own.target_value) == ("Teknis", NAME, Decimal(100))


def _renstra(app) -> tuple[int, int]:
    """kab-a's Renstra 2024-2026 with one indicator that its linked indicator follows."""
    with app.app_context():
        unit_id = db.session.scalar(sa.select(Unit.id).where(Unit.code == "kab-a"))
        renstra = Renstra(name="Renstra 2024-2026", start_year=2024, end_year=2026,
                          unit_id=unit_id)
        ri = RenstraIndicator(name=NAME, satuan="%", position=1)
        renstra.indicators.append(ri)
        ri.targets.append(RenstraTarget(year=2025, value=Decimal(90)))
        db.session.add(renstra)
        db.session.flush()
        own = db.session.get(Indicator, _linked(app)["kab-a"].id)
        own.renstra_indicator_id = ri.id
        db.session.commit()
        return renstra.id, ri.id


def test_the_renstra_table_refuses_a_target_against_the_parents(tree):
    _cascade(signed_in(tree, "admin.prov"), tree, target_value="100")
    renstra, ri = _renstra(tree)
    kab = signed_in(tree, "admin.kab-a")
    url = f"/kab-a/renstra/{renstra}/target"
    refused = kab.post(url, data={"csrf_token": kab.token, f"t-{ri}-2024": "95",
                                  f"t-{ri}-2025": "90"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert (f"Target 2024 indikator ini ditetapkan oleh {PROVINCE} (100) karena indikatornya "
            "diturunkan dari unit tersebut.") in page
    assert 'value="95"' in page
    with tree.app_context():
        assert db.session.scalars(sa.select(RenstraTarget.year)).all() == [2025]
    # The parent's own figure, and a year without a cascaded indicator, are accepted.
    saved = kab.post(url, data={"csrf_token": kab.token, f"t-{ri}-2024": "100",
                                f"t-{ri}-2025": "85"})
    assert saved.status_code == 302
    with tree.app_context():
        assert sorted(db.session.execute(sa.select(RenstraTarget.year, RenstraTarget.value))
                      .all()) == [(2024, Decimal(100)), (2025, Decimal(85))]


def test_a_copied_year_keeps_the_parents_target_over_the_renstras(tree):
    _cascade(signed_in(tree, "admin.prov"), tree, target_value="100")
    _renstra(tree)  # its target for 2025 is 90
    kab = signed_in(tree, "admin.kab-a")
    with tree.app_context():
        source = db.session.scalar(sa.select(Year.id).join(Unit).where(
            Unit.code == "kab-a", Year.year == 2024))
    assert kab.post("/kab-a/tahun", data={"csrf_token": kab.token, "year": "2025",
                                          "source": str(source)}).status_code == 302
    with tree.app_context():
        copy = db.session.scalar(sa.select(Indicator).join(Year).join(Unit).where(
            Unit.code == "kab-a", Year.year == 2025))
        assert copy.target_value == Decimal(100)


def test_cascade_form_errors_stand_at_their_field(tree):
    admin = signed_in(tree, "admin.prov")
    for typed, message in (("1.234,5x", "angka"), ("-5", "Nilai tidak boleh kurang dari 0.")):
        refused = _cascade(admin, tree, target_value=typed)
        page = refused.get_data(as_text=True)
        assert refused.status_code == 200
        assert f'value="{typed}"' in page and 'id="target_value-error"' in page
        error = page.split('id="target_value-error">')[1].split("</div>")[0]
        assert message in error, error
        assert "Indikator belum diturunkan" in page and '<details class="mb-3" ' \
            'id="rollup-manage" open>' in page
    assert _linked(tree) == {}
    assert _cascade(admin, tree, target_value="1.234,5").status_code == 302
    assert {i.target_value for i in _linked(tree).values()} == {Decimal("1234.5")}


def test_a_range_target_for_all_needs_both_bounds_in_order(tree):
    with tree.app_context():
        parent = db.session.get(Indicator, tree.parent_id)
        parent.target_kind, parent.target_upper = "range", Decimal(90)
        db.session.commit()
    admin = signed_in(tree, "admin.prov")
    for data, field, message in (
            ({"target_value": "95", "target_upper": "90"}, "target_upper",
             "Batas atas harus lebih besar dari target."),
            ({"target_value": "", "target_upper": "90"}, "target_value",
             "Isi batas bawah dan batas atas, atau kosongkan keduanya.")):
        page = _cascade(admin, tree, **data).get_data(as_text=True)
        assert message in page.split(f'id="{field}-error">')[1].split("</div>")[0]
        assert 'value="90"' in page
    assert _linked(tree) == {}
    assert _cascade(admin, tree, target_value="80", target_upper="90,5").status_code == 302
    assert {(i.target_value, i.target_upper) for i in _linked(tree).values()} == {
        (Decimal(80), Decimal("90.5"))}
    # Per child, the lower bound may not pass that child's upper bound.
    with tree.app_context():
        kab_a = db.session.scalar(sa.select(Unit.id).where(Unit.code == "kab-a"))
    refused = admin.post(f"/prov/2024/iku/{tree.parent_id}/unit-bawah",
                         data={"csrf_token": admin.token, f"target-{kab_a}": "91"})
    assert "Target tidak boleh lebih dari batas atas unit ini (90,5)." in refused.get_data(
        as_text=True)
    assert _linked(tree)["kab-a"].target_value == Decimal(80)


def test_the_parent_types_each_offices_quarterly_targets(tree):
    admin = signed_in(tree, "admin.prov")
    _cascade(admin, tree, target_value="100")
    with tree.app_context():
        ids = {u.code: u.id for u in db.session.scalars(sa.select(Unit))}
    a, b = ids["kab-a"], ids["kab-b"]
    url = f"/prov/2024/iku/{tree.parent_id}/unit-bawah"
    page = admin.get(url).get_data(as_text=True)
    assert f'name="tw1-{a}"' in page
    # Only the children are listed, not every unit of the unit switcher (the province too).
    assert f'name="tidak-berlaku-{ids["prov"]}"' not in page and 'id="unit-select"' in page
    data = {"csrf_token": admin.token, f"target-{a}": "100", f"tw1-{a}": "25",
            f"tw2-{a}": "1.2x", f"tw4-{a}": "90", f"target-{b}": "100", f"tw3-{b}": "-1"}
    refused = admin.post(url, data=data)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and 'value="1.2x"' in page and 'value="-1"' in page
    assert "Nilai tidak boleh kurang dari 0." in page
    assert _linked(tree)["kab-a"].target_tw1 is None  # nothing saved
    data |= {f"tw2-{a}": "50,5", f"tw3-{a}": "75", f"tw3-{b}": "1.234,5"}
    assert admin.post(url, data=data).status_code == 302
    linked = _linked(tree)
    assert linked["kab-a"].quarter_targets == [Decimal(25), Decimal("50.5"), Decimal(75),
                                               Decimal(90)]
    assert linked["kab-b"].quarter_targets == [None, None, Decimal("1234.5"), None]
    # The quarterly targets are checked against the yearly one (quarter_targets.py).
    assert "Target TW IV (90) tidak sama dengan target tahunan (100)" in admin.get(url)\
        .get_data(as_text=True)
    # The office cannot change what the parent set.
    kab = signed_in(tree, "admin.kab-a")
    own = linked["kab-a"].id
    kab.post(f"/kab-a/2024/indikator/{own}/target",
             data={"csrf_token": kab.token, "target_tw1": "10", "target_tw4": "100"})
    assert _linked(tree)["kab-a"].target_tw1 == Decimal(25)


def test_cascading_links_an_offices_own_indicator_of_the_same_name(tree):
    with tree.app_context():
        kab = db.session.scalar(sa.select(Unit).where(Unit.code == "kab-a"))
        own = indicator(kab, f"  {NAME.upper()} ", target_value=Decimal(60)).id
        db.session.commit()
    _cascade(signed_in(tree, "admin.prov"), tree)
    linked = _linked(tree)
    assert linked["kab-a"].id == own  # no second indicator of that name
    assert (linked["kab-a"].name, linked["kab-a"].target_value) == (NAME, Decimal(80))
    with tree.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id)).join(Year).join(Unit)
                                 .where(Unit.code == "kab-a")) == 1
