"""Stored subtrees (docs/rollup.md, "No stale figure"): KPU RI's figures take a province's
subtree from the process while no unit of it has changed, and an approval, return or unlock
below shows on the very next request. Three levels: KPU RI over p1 and p2, each over two
Kabupaten; every office typed 100 (target 100) in TW I, approved, but p1-k0's is submitted."""

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Review
from iku_web.rollup import service
from tests.conftest import htmx_post
from tests.rollup_support import accounts, indicator, new_app, report, selects, unit
from tests.units_support import signed_in

RULE = "persentase_memenuhi"


@pytest.fixture
def tree(tmp_path, migrated_db):
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        ri = unit("ri", "pusat")
        top = indicator(ri, "Persentase tepat waktu", RULE)
        app.mids, app.leaves = {}, {}
        for code in ("p1", "p2"):
            prov = unit(code, "provinsi", parent=ri)
            app.mids[code] = indicator(prov, "Persentase tepat waktu", RULE, parent=top).id
            for n in range(2):
                office = unit(f"{code}-k{n}", parent=prov)
                leaf = indicator(office, parent=db.session.get(Indicator, app.mids[code]))
                report(leaf, 1, 100, "submitted" if office.code == "p1-k0" else "approved")
                app.leaves[office.code] = leaf.id
                accounts(office)
        accounts(ri)
        db.session.commit()
        app.top = top.id
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def deep_loads(monkeypatch):
    """The indicator ids of every roll-up load that reads the rows below them (deep)."""
    calls = []
    original = service.load

    def load(ids, deep=True):
        if deep:
            calls.append(sorted(ids))
        return original(ids, deep)

    monkeypatch.setattr(service, "load", load)
    return calls


def _figure(client, app) -> str:
    page = client.get(f"/ri/2024/iku/{app.top}/rincian")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for shown in ("3 dari 4 KPU Kabupaten/Kota, 75%", "4 dari 4 KPU Kabupaten/Kota, 100%"):
        if shown in text:
            return shown
    raise AssertionError("no figure on the drill-down")


def _decide(app, action: str, comment: str = ""):
    leaf = app.leaves["p1-k0"]
    verifier = signed_in(app, "verifier.p1-k0")
    answer = htmx_post(verifier, f"/p1-k0/2024/verifikasi/{leaf}/1/{action}",
                       {"comment": comment})
    assert answer.status_code == 200, answer.text


def test_approve_and_unlock_below_show_on_the_next_request(tree, deep_loads):
    admin = signed_in(tree, "admin.ri")
    assert _figure(admin, tree) == "3 dari 4 KPU Kabupaten/Kota, 75%"
    assert deep_loads == [sorted(tree.mids.values())]  # nothing stored yet: both read
    assert _figure(admin, tree) == "3 dari 4 KPU Kabupaten/Kota, 75%"
    assert len(deep_loads) == 1  # nothing changed: both provinces from the store
    _decide(tree, "setujui")
    assert _figure(admin, tree) == "4 dari 4 KPU Kabupaten/Kota, 100%"
    assert deep_loads[1:] == [[tree.mids["p1"]]]  # only the province that changed is read
    _decide(tree, "buka-kunci", "Salah ketik, diperbaiki")
    assert _figure(admin, tree) == "3 dari 4 KPU Kabupaten/Kota, 75%"
    assert deep_loads[2:] == [[tree.mids["p1"]]]


def test_a_return_below_replaces_the_stored_province(tree, deep_loads):
    """A return changes no figure (the entry was not verified, and "sementara" counts a
    draft as it counted the submitted entry), but the province is read again all the same:
    nothing below it is trusted from before the change."""
    admin = signed_in(tree, "admin.ri")
    assert _figure(admin, tree) == "3 dari 4 KPU Kabupaten/Kota, 75%"
    _decide(tree, "kembalikan", "Lampirkan bukti")
    assert _figure(admin, tree) == "3 dari 4 KPU Kabupaten/Kota, 75%"
    assert deep_loads == [sorted(tree.mids.values()), [tree.mids["p1"]]]
    with tree.app_context():
        provisional = service.computations_of_ids([tree.top])[tree.top].provisional
    assert provisional.quarters[0].numerator == 4


def test_a_change_in_a_session_that_is_rolled_back_leaves_no_figure_behind(tree):
    """The store keeps what a transaction saw of its own changes under a stamp that the
    rollback throws away with them."""
    with tree.app_context():
        assert service.computations_of_ids([tree.top])[tree.top].verified.values[0] == 75
        db.session.scalar(sa.select(Review).where(
            Review.indicator_id == tree.leaves["p1-k0"], Review.quarter == 1)).status = "approved"
        assert service.computations_of_ids([tree.top])[tree.top].verified.values[0] == 100
        db.session.rollback()
        assert service.computations_of_ids([tree.top])[tree.top].verified.values[0] == 75


def test_two_changes_in_one_transaction_with_a_computation_between(tree):
    """A unit is stamped once per transaction; what the transaction computes between its
    changes is not kept, so the second change is not hidden behind the first one's stamp."""
    def review():
        return db.session.scalar(sa.select(Review).where(
            Review.indicator_id == tree.leaves["p1-k0"], Review.quarter == 1))

    with tree.app_context():
        review().status = "approved"
        assert service.computations_of_ids([tree.top])[tree.top].verified.values[0] == 100
        review().status = "returned"
        db.session.commit()
    with tree.app_context():
        assert service.computations_of_ids([tree.top])[tree.top].verified.values[0] == 75


def test_a_stored_province_needs_no_lke_below_it(tree):
    """KPU RI's "minimal B" share over stored provinces reads no office's LKE: only a child
    that counts by its own LKE is looked up (the provinces' figures come from the store)."""
    with tree.app_context():
        ri = db.session.get(Indicator, tree.top)
        grade = indicator(ri.year_ref.unit, "Persentase nilai SAKIP minimal B", "persentase_huruf")
        for mid in tree.mids.values():
            prov = db.session.get(Indicator, mid).year_ref.unit
            below = indicator(prov, "Persentase nilai SAKIP minimal B", "persentase_huruf",
                              parent=grade)
            for office in prov.children:
                indicator(office, "Nilai SAKIP", parent=below)
        db.session.commit()
        first = service.computations_of_ids([grade.id])[grade.id]
        with selects() as statements:
            again = service.computations_of_ids([grade.id])[grade.id]
    assert again.verified.values == first.verified.values
    assert first.verified.quarters[0].denominator == 4  # the four offices, none with an LKE
    assert not [s for s in statements if "lke_" in s]
