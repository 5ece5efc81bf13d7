"""Moving a unit under another parent (install admin, /unit/<kode>/ubah): what happens to its
cascaded indicators is said before the move, which waits for a confirmation; then its links to
the old parent's indicators are cut (its data stay its own) and it joins the new parent as an
added unit does (docs/rollup.md, "Moving a unit")."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Indicator, Realisasi, RollupExemption, Unit, Year
from tests.rollup_support import accounts, exempt, indicator, new_app, report, unit
from tests.units_support import signed_in

NAME = "Persentase tahapan tepat waktu"


@pytest.fixture
def tree(tmp_path, migrated_db):
    """KPU RI (ri) over prov-a (office kab-1) and prov-b (office kab-2); each province has
    one indicator, target 80%; accounts role.code for each unit."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        top = unit("ri", "pusat")
        prov_a, prov_b = unit("prov-a", "provinsi", top), unit("prov-b", "provinsi", top)
        kab_1, kab_2 = unit("kab-1", parent=prov_a), unit("kab-2", parent=prov_b)
        indicator(prov_a, NAME, target_value=Decimal(80))
        accounts(top, prov_a, prov_b, kab_1, kab_2)
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def _cascade(app, code: str, target: str) -> None:
    client = signed_in(app, f"admin.{code}")
    with app.app_context():
        parent = db.session.scalar(sa.select(Indicator.id).join(Year).join(Unit)
                                   .where(Unit.code == code))
    assert client.post(f"/{code}/2024/iku/{parent}/turunkan", data={
        "csrf_token": client.token, "target_value": target}).status_code == 302


def _state(app) -> dict:
    """kab-1's parent, and its indicators: name, the unit its parent indicator belongs to,
    target, realisasi count."""
    with app.app_context():
        kab = db.session.scalar(sa.select(Unit).where(Unit.code == "kab-1"))
        rows = []
        for ind in db.session.scalars(sa.select(Indicator).join(Year)
                                      .where(Year.unit_id == kab.id).order_by(Indicator.id)):
            owner = ind.parent_indicator.year_ref.unit.code if ind.parent_indicator else None
            count = db.session.scalar(sa.select(sa.func.count(Realisasi.id))
                                      .where(Realisasi.indicator_id == ind.id))
            rows.append((ind.id, ind.name, owner, ind.target_value, count))
        return {"parent": kab.parent.code, "indicators": rows,
                "exemptions": db.session.scalar(sa.select(sa.func.count(RollupExemption.id)))}


def _move(client, app, confirm: bool):
    with app.app_context():
        target = db.session.scalar(sa.select(Unit.id).where(Unit.code == "prov-b"))
    data = {"csrf_token": client.token, "name": "KPU Kab-1", "code": "kab-1",
            "kind": "kabupaten", "parent": str(target), "place": "Tempat"}
    if confirm:  # the confirmation names the parent and the year (the default: 2024)
        data["pindah"] = f"{target}:2024"
    return client.post("/unit/kab-1/ubah", data=data)


@pytest.mark.parametrize("same_name", [True, False])
def test_a_move_says_what_it_does_then_cuts_and_gives_the_links(tree, same_name):
    with tree.app_context():
        prov_b = db.session.scalar(sa.select(Unit).where(Unit.code == "prov-b"))
        indicator(prov_b, NAME if same_name else "Indeks kepuasan layanan",
                  target_value=Decimal(75))
        db.session.commit()
    _cascade(tree, "prov-a", "90")
    _cascade(tree, "prov-b", "70")
    with tree.app_context():
        own = db.session.scalar(sa.select(Indicator).join(Year).join(Unit)
                                .where(Unit.code == "kab-1"))
        report(own, 1, 88)
        exempt(own.parent_indicator, own.year_ref.unit)
        db.session.commit()
        own_id = own.id
    before = _state(tree)
    admin = signed_in(tree, "admin.ri")
    asked = _move(admin, tree, confirm=False)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Memindahkan KPU Kab-1 dari KPU Prov-A ke KPU Prov-B:" in page
    assert ("1 indikator turunan dari KPU Prov-A (TA 2024) diputus hubungannya: indikator, "
            "realisasi, bukti dukung dan verifikasinya tetap ada") in page
    assert ("1 tanda &#34;tidak berlaku&#34; dari KPU Prov-A untuk unit ini (TA 2024) "
            "dihapus.") in page
    assert "KPU Kab-1 menerima 1 indikator turunan KPU Prov-B TA 2024" in page
    assert ("1 di antaranya indikator unit ini yang bernama sama" in page) == same_name
    assert 'name="pindah"' in page and "Pindahkan dan simpan" in page
    assert _state(tree) == before  # nothing moved yet
    assert _move(admin, tree, confirm=True).status_code == 302
    after = _state(tree)
    assert after["parent"] == "prov-b" and after["exemptions"] == 0
    if same_name:  # the office's own indicator, its realisasi kept, now the new parent's
        assert after["indicators"] == [(own_id, NAME, "prov-b", Decimal(70), 1)]
    else:  # cut (its own now, realisasi kept) and a new linked one
        assert after["indicators"] == [
            (own_id, NAME, None, Decimal(90), 1),
            (after["indicators"][1][0], "Indeks kepuasan layanan", "prov-b", Decimal(70), 0)]
    with tree.app_context():
        logged = db.session.execute(sa.select(ChangeLog.old_value, ChangeLog.new_value).where(
            ChangeLog.indicator_id == own_id, ChangeLog.field == "parent_indicator")).all()
    assert logged == [("KPU Prov-A", None)] + ([(None, "KPU Prov-B")] if same_name else [])
    # The cut indicator is the office's own: its definition may be edited again.
    if not same_name:
        kab = signed_in(tree, "admin.kab-1")
        page = kab.get(f"/kab-1/2024/indikator/{own_id}").get_data(as_text=True)
        assert 'id="rollup-linked"' not in page


def test_a_move_without_cascaded_indicators_is_saved_at_once(tree):
    admin = signed_in(tree, "admin.ri")
    assert _move(admin, tree, confirm=False).status_code == 302
    assert _state(tree)["parent"] == "prov-b"
