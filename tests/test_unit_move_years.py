"""A move takes effect from a year and the years before keep the tree they had (docs/rollup.md,
"Moving a unit"): a province's signed 2024 figure does not change when one of its offices
moves to another province from 2025."""
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, RollupExemption, Unit, UnitMove, User, Year
from iku_web.rollup.figures import Snapshot, UnitInfo
from tests.rollup_support import accounts, exempt, indicator, new_app, report, unit
from tests.units_support import signed_in

NAME = "Persentase tahapan tepat waktu"
PILKADA = "Persentase Pilkada tepat waktu"


@pytest.fixture
def tree(tmp_path, migrated_db):
    """KPU RI (ri) over prov-a (kab-x, kab-y) and prov-b (kab-w), in 2024 and 2025: one share
    indicator per year cascaded down two levels (target 100); kab-x and kab-w meet it in
    TW I of both years, kab-y does not. prov-a also has a second indicator each year from
    which kab-x is "tidak berlaku"."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        top = unit("ri", "pusat")
        prov_a, prov_b = unit("prov-a", "provinsi", top), unit("prov-b", "provinsi", top)
        kab_x, kab_y = unit("kab-x", parent=prov_a), unit("kab-y", parent=prov_a)
        kab_w = unit("kab-w", parent=prov_b)
        for year in (2024, 2025):
            national = indicator(top, NAME, "persentase_memenuhi", year_number=year)
            for prov, kabs in ((prov_a, (kab_x, kab_y)), (prov_b, (kab_w,))):
                own = indicator(prov, NAME, "persentase_memenuhi", national, year_number=year)
                for kab in kabs:
                    report(indicator(kab, NAME, parent=own, year_number=year), 1,
                           50 if kab is kab_y else 100)
            pilkada = indicator(prov_a, PILKADA, "persentase_memenuhi", year_number=year)
            for kab in (kab_x, kab_y):
                indicator(kab, PILKADA, parent=pilkada, year_number=year)
            exempt(pilkada, kab_x)
        accounts(top, prov_a, prov_b, kab_x, kab_y, kab_w)
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def _ids(app, code: str, year: int, name: str = NAME) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Indicator.id).join(Year).join(Unit).where(
            Unit.code == code, Year.year == year, Indicator.name == name))


def _unit_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Unit.id).where(Unit.code == code))


def _detail(client, app, code: str, year: int) -> str:
    page = client.get(f"/{code}/{year}/iku/{_ids(app, code, year)}/rincian?tw=1")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _form(app, parent: str, from_year: str | None) -> dict:
    data = {"name": "KPU Kab-X", "code": "kab-x", "kind": "kabupaten",
            "parent": str(_unit_id(app, parent)), "place": "Tempat"}
    if from_year is not None:
        data["from_year"] = from_year
    return data


def _move(app, admin, parent: str, from_year: str | None):
    """The unit form as the install admin: asked, then confirmed as the page says."""
    asked = admin.post("/unit/kab-x/ubah", data={"csrf_token": admin.token,
                                                  **_form(app, parent, from_year)})
    assert asked.status_code == 200
    page = asked.get_data(as_text=True)
    confirm = re.search(r'name="pindah" value="([^"]+)"', page).group(1)
    done = admin.post("/unit/kab-x/ubah", data={"csrf_token": admin.token, "pindah": confirm,
                                                 **_form(app, parent, from_year)})
    assert done.status_code == 302
    return page


def test_a_move_from_2025_keeps_2024_where_it_was(tree):
    admin = signed_in(tree, "admin.ri")
    before = {code: _detail(admin, tree, code, 2024) for code in ("prov-a", "prov-b", "ri")}
    # By hand: prov-a 2024 has kab-x (met) and kab-y (not), prov-b kab-w (met), KPU RI all 3.
    assert "1 dari 2 KPU Kabupaten/Kota, 50%" in before["prov-a"]
    assert "1 dari 1 KPU Kabupaten/Kota, 100%" in before["prov-b"]
    assert "2 dari 3 KPU Kabupaten/Kota, 66,67%" in before["ri"]
    assert "1 dari 2 KPU Kabupaten/Kota, 50%" in _detail(admin, tree, "prov-a", 2025)

    page = _move(tree, admin, "prov-b", "2025")
    assert 'value="2025"' in page
    assert "Berlaku mulai TA 2025: TA sebelumnya KPU Kab-X tetap dihitung oleh KPU Prov-A." \
        in page
    assert "2 indikator turunan dari KPU Prov-A (TA 2025) diputus hubungannya" in page
    assert "1 tanda &#34;tidak berlaku&#34; dari KPU Prov-A untuk unit ini (TA 2025)" in page

    kab_x = {year: f'href="/kab-x/{year}/indikator/{_ids(tree, "kab-x", year)}"'
             for year in (2024, 2025)}  # its line in a drill-down
    prov_a_2024 = _detail(admin, tree, "prov-a", 2024)
    assert "1 dari 2 KPU Kabupaten/Kota, 50%" in prov_a_2024
    assert kab_x[2024] in prov_a_2024  # still listed in the drill-down of 2024
    # prov-a's own admin reads the 2024 line of kab-x without a link it may no longer follow.
    own_admin = _detail(signed_in(tree, "admin.prov-a"), tree, "prov-a", 2024)
    assert "KPU Kab-X <span class=\"small text-muted\">(kini di bawah unit lain)</span>" \
        in own_admin and kab_x[2024] not in own_admin
    assert f'href="/kab-y/2024/indikator/{_ids(tree, "kab-y", 2024)}"' in own_admin
    assert signed_in(tree, "admin.prov-a").get(
        f"/kab-x/2024/indikator/{_ids(tree, 'kab-x', 2024)}").status_code in (403, 404)
    board = signed_in(tree, "admin.prov-a").get("/prov-a/2024/dasbor?tw=1").get_data(as_text=True)
    assert 'data-unit="kab-x"' in board and 'href="/kab-x/' not in board
    assert 'href="/kab-y/2024/dasbor' in board
    prov_b_2024 = _detail(admin, tree, "prov-b", 2024)
    assert "1 dari 1 KPU Kabupaten/Kota, 100%" in prov_b_2024
    assert kab_x[2024] not in prov_b_2024
    assert "2 dari 3 KPU Kabupaten/Kota, 66,67%" in _detail(admin, tree, "ri", 2024)
    # prov-a's stored 2024 subtree (under KPU RI) is keyed by kab-x too: a change of kab-x's
    # 2024 data shows at KPU RI on the next request.
    with tree.app_context():
        db.session.scalar(sa.select(Realisasi).where(
            Realisasi.indicator_id == _ids(tree, "kab-x", 2024))).value = Decimal(40)
        db.session.commit()
    assert "1 dari 3 KPU Kabupaten/Kota, 33,33%" in _detail(admin, tree, "ri", 2024)
    # 2025: kab-x counts under prov-b (its own indicator linked again, realisasi kept).
    prov_a_2025 = _detail(admin, tree, "prov-a", 2025)
    assert "0 dari 1 KPU Kabupaten/Kota, 0%" in prov_a_2025 and kab_x[2025] not in prov_a_2025
    prov_b_2025 = _detail(admin, tree, "prov-b", 2025)
    assert "2 dari 2 KPU Kabupaten/Kota, 100%" in prov_b_2025 and kab_x[2025] in prov_b_2025

    with tree.app_context():
        def parent_of(year: int, name: str) -> str | None:
            own = db.session.get(Indicator, _ids(tree, "kab-x", year, name))
            return own.parent_indicator.year_ref.unit.code if own.parent_indicator else None

        assert parent_of(2024, NAME) == "prov-a" and parent_of(2024, PILKADA) == "prov-a"
        assert parent_of(2025, NAME) == "prov-b" and parent_of(2025, PILKADA) is None
        marks = db.session.scalars(sa.select(Year.year).join(Indicator).join(
            RollupExemption, RollupExemption.indicator_id == Indicator.id)).all()
        assert marks == [2024]  # the 2024 mark stays, the 2025 one went
        moved = db.session.scalars(sa.select(UnitMove)).one()
        assert (moved.unit.code, moved.old_parent.code, moved.new_parent.code,
                moved.from_year) == ("kab-x", "prov-a", "prov-b", 2025)
        assert moved.moved_by_id == db.session.scalar(
            sa.select(User.id).where(User.username == "admin.ri"))


def test_the_year_defaults_to_the_newest_one_and_moving_back_before_it_is_refused(tree):
    admin = signed_in(tree, "admin.ri")
    page = _move(tree, admin, "prov-b", None)  # empty: the newest year of prov-b or kab-x
    assert 'value="2025"' in page and "Berlaku mulai TA 2025" in page
    asked = admin.post("/unit/kab-x/ubah", data={"csrf_token": admin.token,
                                                  **_form(tree, "prov-a", "2024")})
    assert asked.status_code == 200
    assert ("KPU Kab-X sudah dipindahkan mulai TA 2025: perpindahan berikutnya tidak dapat "
            "berlaku sebelum tahun itu.") in asked.get_data(as_text=True)
    with tree.app_context():
        assert db.session.scalar(sa.select(sa.func.count(UnitMove.id))) == 1


def test_a_move_announced_for_next_year_changes_no_year_yet(tree):
    """From 2026, when no unit has opened 2026: nothing to cut, and prov-b's 2025 indicators
    are not kab-x's to receive (it is prov-a's in 2025), so the move is saved at once."""
    admin = signed_in(tree, "admin.ri")
    saved = admin.post("/unit/kab-x/ubah", data={"csrf_token": admin.token,
                                                  **_form(tree, "prov-b", "2026")})
    assert saved.status_code == 302
    page = admin.get("/unit").get_data(as_text=True)
    assert "Berlaku mulai TA 2026: TA sebelumnya KPU Kab-X tetap dihitung oleh KPU Prov-A." \
        in page
    assert "1 dari 2 KPU Kabupaten/Kota, 50%" in _detail(admin, tree, "prov-a", 2025)
    assert "1 dari 1 KPU Kabupaten/Kota, 100%" in _detail(admin, tree, "prov-b", 2025)
    with tree.app_context():
        own = db.session.get(Indicator, _ids(tree, "kab-x", 2025))
        assert own.parent_indicator.year_ref.unit.code == "prov-a"
        assert db.session.scalar(sa.select(Unit.parent_id).where(Unit.code == "kab-x")) \
            == _unit_id(tree, "prov-b")


@pytest.mark.parametrize("typed, message", [
    ("dua ribu", "Isi tahun mulai berlaku dengan angka tahun, mis. 2025."),
    ("1999", "Tahun mulai berlaku harus antara 2000 dan 2100."),
    ("20250", "Tahun mulai berlaku harus antara 2000 dan 2100."),
])
def test_a_bad_year_is_said_at_the_field_and_nothing_moves(tree, typed, message):
    admin = signed_in(tree, "admin.ri")
    asked = admin.post("/unit/kab-x/ubah", data={"csrf_token": admin.token,
                                                  **_form(tree, "prov-b", typed)})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert f'<div class="invalid-feedback d-block">{message}</div>' in page
    assert 'name="pindah"' not in page  # not even asked to confirm
    with tree.app_context():
        assert db.session.scalar(sa.select(Unit.parent_id).where(Unit.code == "kab-x")) \
            == _unit_id(tree, "prov-a")
        assert db.session.scalar(sa.select(sa.func.count(UnitMove.id))) == 0
        assert db.session.scalar(sa.select(sa.func.count(RollupExemption.id))) == 2


def test_a_year_is_read_through_the_moves_newest_first():
    """kab moved a -> b from 2025, then b -> c from 2026: 2024 was a's, 2025 b's, 2026 c's."""
    units = {n: UnitInfo(n, code, code.upper(), "provinsi", None)
             for n, code in ((1, "a"), (2, "b"), (3, "c"))}
    units[4] = UnitInfo(4, "kab", "Kab", "kabupaten", 3)
    snapshot = Snapshot(units, {3: [4]}, {}, moves={4: [(2026, 2), (2025, 1)]})
    assert [snapshot.parent_of(4, y) for y in (2024, 2025, 2026, 2027)] == [1, 2, 3, 3]
    assert [snapshot.children_of(p, 2024) for p in (1, 2, 3)] == [[4], [], []]
    assert [snapshot.children_of(p, 2025) for p in (1, 2, 3)] == [[], [4], []]
    assert snapshot.children_of(3, 2026) == [4]
