"""The roll-up through the browser's requests: cascading an indicator to the offices, their
targets and "tidak berlaku", the rule, the read-only computed cells of the parent's realisasi
table and the drill-down, with the permission rules of docs/units.md and CSRF."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Review, RollupExemption, Sasaran, Unit, Year
from tests.rollup_support import accounts, indicator, new_app, report, unit
from tests.units_support import signed_in

NAME = "Persentase KPU Kabupaten/Kota yang menyelenggarakan tahapan sesuai jadwal"


@pytest.fixture
def tree(tmp_path, migrated_db):
    """Province "prov" with one typed indicator (target 80%) under its own sasaran; offices
    kab-a, kab-b, kab-c; accounts role.code for each."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        top = unit("prov", "provinsi")
        kids = [unit(f"kab-{c}", parent=top) for c in "abc"]
        parent = indicator(top, NAME, target_value=Decimal(80), formula="Jumlah tepat / 14",
                           data_source="Laporan tahapan", polarity="higher")
        parent.sasaran.name = "Terselenggaranya Pemilu yang berintegritas"
        accounts(top, *kids)
        db.session.commit()
        app.parent_id = parent.id
    yield app
    with app.app_context():
        db.engine.dispose()


def _linked(app) -> dict[str, Indicator]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(Indicator, Unit.code).select_from(Indicator).join(Year).join(Unit)
            .where(Indicator.parent_indicator_id == app.parent_id)).all()
        for ind, _code in rows:
            _ = ind.sasaran.name
        db.session.expunge_all()
        return {code: ind for ind, code in rows}


def _cascade(client, app, **data):
    return client.post(f"/prov/2024/iku/{app.parent_id}/turunkan",
                       data={"csrf_token": client.token, **data})


def test_cascade_gives_every_office_a_linked_indicator(tree):
    admin = signed_in(tree, "admin.prov")
    page = admin.get(f"/prov/2024/indikator/{tree.parent_id}").get_data(as_text=True)
    assert "Turunkan ke unit di bawah" in page
    assert admin.post(f"/prov/2024/iku/{tree.parent_id}/turunkan").status_code == 400  # CSRF
    assert _linked(tree) == {}
    response = _cascade(admin, tree, target_value="100")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/prov/2024/iku/{tree.parent_id}/unit-bawah")
    linked = _linked(tree)
    assert sorted(linked) == ["kab-a", "kab-b", "kab-c"]
    for ind in linked.values():
        assert (ind.name, ind.formula, ind.data_source, ind.polarity, ind.target_kind) == (
            NAME, "Jumlah tepat / 14", "Laporan tahapan", "higher", "percent")
        assert ind.target_value == Decimal(100)
        assert ind.sasaran.name == "Terselenggaranya Pemilu yang berintegritas"
    # Again: nothing doubles, the target stays when none is given.
    assert _cascade(admin, tree).status_code == 302
    again = _linked(tree)
    assert {c: i.id for c, i in again.items()} == {c: i.id for c, i in linked.items()}
    assert all(i.target_value == Decimal(100) for i in again.values())


def test_an_office_cannot_cascade_nor_see_the_province(tree):
    _cascade(signed_in(tree, "admin.prov"), tree)
    kab = signed_in(tree, "admin.kab-a")
    own = _linked(tree)["kab-a"].id
    sibling = _linked(tree)["kab-b"].id
    assert kab.post(f"/kab-a/2024/iku/{own}/turunkan",
                    data={"csrf_token": kab.token}).status_code == 403
    assert kab.get(f"/kab-a/2024/iku/{own}/unit-bawah").status_code == 403
    assert "Turunkan ke unit di bawah" not in kab.get(f"/kab-a/2024/indikator/{own}")\
        .get_data(as_text=True)
    for url in (f"/prov/2024/iku/{tree.parent_id}/rincian",
                f"/kab-b/2024/iku/{sibling}/rincian", f"/kab-b/2024/indikator/{sibling}"):
        assert kab.get(url).status_code == 404, url
    assert kab.post(f"/prov/2024/iku/{tree.parent_id}/turunkan",
                    data={"csrf_token": kab.token}).status_code == 404
    # The province's verifier reads but does not cascade.
    verifier = signed_in(tree, "verifier.prov")
    assert _cascade(verifier, tree).status_code == 403


def test_an_office_cannot_change_the_linked_definition(tree):
    _cascade(signed_in(tree, "admin.prov"), tree, target_value="100")
    own = _linked(tree)["kab-a"]
    kab = signed_in(tree, "admin.kab-a")
    form = {"csrf_token": kab.token, "name": "Nama lain", "formula": own.formula,
            "target_kind": "percent", "target_value": "100", "target_unit": "%",
            "polarity": "higher", "aggregation": "nilai_akhir", "data_source": own.data_source,
            "pic_unit": "Subbag Teknis", "pic_user_id": "0", "sasaran_id": "-1",
            "quarter_target_mode": "per_triwulan", "target_grade": "", "target_upper": ""}
    answer = kab.post(f"/kab-a/2024/iku/{own.id}", data=form, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "hanya dapat diubah oleh unit tersebut" in answer.get_data(as_text=True)
    assert _linked(tree)["kab-a"].name == NAME
    lower = dict(form, name=NAME, target_value="50")
    kab.post(f"/kab-a/2024/iku/{own.id}", data=lower, headers={"HX-Request": "true"})
    assert _linked(tree)["kab-a"].target_value == Decimal(100)
    # Who is in charge is the office's own choice.
    kab.post(f"/kab-a/2024/iku/{own.id}", data=dict(form, name=NAME),
             headers={"HX-Request": "true"})
    assert _linked(tree)["kab-a"].pic_unit == "Subbag Teknis"
    refused = kab.post(f"/kab-a/2024/iku/{own.id}/hapus", data={"csrf_token": kab.token})
    assert refused.status_code == 302 and "kab-a" in _linked(tree)
    target = kab.post(f"/kab-a/2024/indikator/{own.id}/target",
                      data={"csrf_token": kab.token, "target_tw1": "10"})
    assert target.status_code == 302 and _linked(tree)["kab-a"].target_tw1 is None


def test_targets_per_office_and_tidak_berlaku(tree):
    admin = signed_in(tree, "admin.prov")
    _cascade(admin, tree, target_value="100")
    with tree.app_context():
        ids = {u.code: u.id for u in db.session.scalars(sa.select(Unit))}
    url = f"/prov/2024/iku/{tree.parent_id}/unit-bawah"
    data = {"csrf_token": admin.token, f"target-{ids['kab-a']}": "90",
            f"target-{ids['kab-b']}": "9x", f"target-{ids['kab-c']}": "100",
            f"tidak-berlaku-{ids['kab-c']}": "1"}
    refused = admin.post(url, data=data)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Isi alasan unit ini tidak berlaku." in page and 'value="9x"' in page
    assert _linked(tree)["kab-a"].target_value == Decimal(100)  # nothing saved
    data |= {f"target-{ids['kab-b']}": "95", f"alasan-{ids['kab-c']}": "Tidak ada Pilkada"}
    assert admin.post(url, data=data).status_code == 302
    linked = _linked(tree)
    assert [linked[c].target_value for c in ("kab-a", "kab-b")] == [Decimal(90), Decimal(95)]
    with tree.app_context():
        assert db.session.execute(sa.select(RollupExemption.unit_id, RollupExemption.reason))\
            .all() == [(ids["kab-c"], "Tidak ada Pilkada")]
    assert admin.post(url, data={"csrf_token": admin.token}).status_code == 302
    with tree.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RollupExemption.id))) == 0
    kab = signed_in(tree, "admin.kab-a")
    assert kab.post(f"/prov/2024/iku/{tree.parent_id}/unit-bawah",
                    data={"csrf_token": kab.token}).status_code == 404


def _compute(tree) -> None:
    """Rule "persentase unit memenuhi"; kab-a met (approved), kab-b typed 70 (approved, not
    met), kab-c typed 100 but only submitted."""
    admin = signed_in(tree, "admin.prov")
    _cascade(admin, tree, target_value="100")
    answer = admin.post(f"/prov/2024/iku/{tree.parent_id}/aturan",
                        data={"csrf_token": admin.token, "rollup_rule": "persentase_memenuhi"})
    assert answer.status_code == 302
    linked = _linked(tree)
    with tree.app_context():
        report(linked["kab-a"], 1, 100)
        report(linked["kab-b"], 1, 70)
        report(linked["kab-c"], 1, 100, "submitted")
        db.session.commit()
    return admin


def test_the_computed_realisasi_and_its_drill_down(tree):
    admin = _compute(tree)
    table = admin.get("/prov/2024/realisasi").get_data(as_text=True)
    detail = f"/prov/2024/iku/{tree.parent_id}/rincian"
    assert f'href="{detail}?tw=1"' in table and "dihitung" in table
    assert "33,33%" in table and "sementara 66,67%" in table
    assert f'hx-post="/prov/2024/realisasi/{tree.parent_id}/1"' not in table  # read-only
    refused = admin.post(f"/prov/2024/realisasi/{tree.parent_id}/1",
                         data={"value": "90", "version": "0"},
                         headers={"HX-Request": "true", "X-CSRFToken": admin.token})
    assert refused.status_code == 409 and "dihitung" in refused.get_data(as_text=True)
    with tree.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Realisasi.id)).where(
            Realisasi.indicator_id == tree.parent_id)) == 0
    page = admin.get(detail).get_data(as_text=True)
    assert "1 dari 3 KPU Kabupaten/Kota, 33,33%" in page
    assert "2 dari 3 KPU Kabupaten/Kota, 66,67%" in page  # sementara
    linked = _linked(tree)
    assert f'href="/kab-a/2024/indikator/{linked["kab-a"].id}"' in page
    assert "(diketik, belum diverifikasi: tidak dihitung)" in page  # kab-c's 100%
    for status in ("Terverifikasi", "Belum diverifikasi", "Ya, memenuhi target",
                   "Ya, tidak memenuhi target"):
        assert status in page
    # The province's verifier reads the drill-down and the office's page it links to.
    verifier = signed_in(tree, "verifier.prov")
    assert verifier.get(detail).status_code == 200
    assert verifier.get(f"/kab-a/2024/indikator/{linked['kab-a'].id}").status_code == 200


def test_an_approval_below_changes_the_parent_on_the_next_request(tree):
    admin = _compute(tree)
    detail = f"/prov/2024/iku/{tree.parent_id}/rincian"
    assert "1 dari 3 KPU Kabupaten/Kota" in admin.get(detail).get_data(as_text=True)
    with tree.app_context():
        review = db.session.scalar(sa.select(Review).where(
            Review.indicator_id == _linked(tree)["kab-c"].id))
        review.status = "approved"
        db.session.commit()
    assert "2 dari 3 KPU Kabupaten/Kota, 66,67%" in admin.get(detail).get_data(as_text=True)


def test_a_new_office_gets_the_cascaded_indicators(tree):
    admin = signed_in(tree, "admin.prov")
    _cascade(admin, tree, target_value="95")
    with tree.app_context():
        top = db.session.scalar(sa.select(Unit.id).where(Unit.code == "prov"))
    token = admin.get("/unit/baru").get_data(as_text=True)
    assert "csrf_token" in token
    answer = admin.post("/unit/baru", data={"csrf_token": admin.token, "name": "KPU Kab D",
                                            "code": "kab-d", "kind": "kabupaten",
                                            "parent": str(top), "place": "D"})
    assert answer.status_code == 302
    linked = _linked(tree)
    assert linked["kab-d"].target_value == Decimal(95) and linked["kab-d"].name == NAME


def test_copying_the_years_keeps_the_links(tree):
    admin = signed_in(tree, "admin.prov")
    _cascade(admin, tree, target_value="100")
    admin.post(f"/prov/2024/iku/{tree.parent_id}/aturan",
               data={"csrf_token": admin.token, "rollup_rule": "persentase_memenuhi"})
    with tree.app_context():
        source = {code: db.session.scalar(sa.select(Year.id).join(Unit).where(
            Unit.code == code, Year.year == 2024)) for code in ("prov", "kab-a")}
    kab = signed_in(tree, "admin.kab-a")  # the office copies first, the province after
    for client, code in ((kab, "kab-a"), (admin, "prov")):
        answer = client.post(f"/{code}/tahun", data={"csrf_token": client.token, "year": "2025",
                                                     "source": str(source[code])})
        assert answer.status_code == 302, answer.get_data(as_text=True)
    with tree.app_context():
        parent = db.session.scalar(sa.select(Indicator).join(Year).join(Unit).where(
            Unit.code == "prov", Year.year == 2025))
        child = db.session.scalar(sa.select(Indicator).join(Year).join(Unit).where(
            Unit.code == "kab-a", Year.year == 2025))
        assert parent.rollup_rule == "persentase_memenuhi"
        assert child.parent_indicator_id == parent.id
        assert db.session.scalar(sa.select(sa.func.count(Sasaran.id)).join(Year).join(Unit)
                                 .where(Unit.code == "kab-a", Year.year == 2025)) == 1


def test_every_roll_up_write_needs_the_csrf_token(tree):
    admin = signed_in(tree, "admin.prov")
    base = f"/prov/2024/iku/{tree.parent_id}"
    for path, data in ((f"{base}/aturan", {"rollup_rule": "jumlah"}),
                       (f"{base}/turunkan", {"target_value": "100"}),
                       (f"{base}/unit-bawah", {})):
        assert admin.post(path, data=data).status_code == 400, path
    with tree.app_context():
        assert db.session.get(Indicator, tree.parent_id).rollup_rule == "typed"
    assert _linked(tree) == {}


def test_the_change_log_says_what_the_parent_did(tree):
    admin = _compute(tree)
    with tree.app_context():
        kab_c = db.session.scalar(sa.select(Unit.id).where(Unit.code == "kab-c"))
    admin.post(f"/prov/2024/iku/{tree.parent_id}/unit-bawah",
               data={"csrf_token": admin.token, f"tidak-berlaku-{kab_c}": "1",
                     f"alasan-{kab_c}": "Tidak ada Pilkada"})
    page = admin.get(f"/prov/2024/indikator/{tree.parent_id}").get_data(as_text=True)
    assert "Cara mengisi realisasi" in page and "Persentase unit memenuhi target" in page
    assert "Unit tidak berlaku" in page and "KPU Kab-C: Tidak ada Pilkada" in page


def test_a_computed_quarter_is_not_submitted_for_review(tree):
    admin = _compute(tree)
    answer = admin.post(f"/prov/2024/indikator/{tree.parent_id}/1/ajukan",
                        data={"csrf_token": admin.token}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "tidak perlu diajukan" in answer.get_data(as_text=True)
    with tree.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Review.id)).where(
            Review.indicator_id == tree.parent_id)) == 0
