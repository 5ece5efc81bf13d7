"""The roll-up computed once: the verified and sementara figures of a three-level tree from one
pass, counted by hand, and the province dashboard computing the roll-up once per request with
a number of statements that does not grow with the children."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.rollup import service
from tests.rollup_support import YEAR, accounts, indicator, new_app, open_app, report, unit
from tests.rollup_views_support import login


@pytest.fixture
def app(tmp_path, migrated_db):
    yield from open_app(tmp_path, migrated_db)


def test_three_levels_verified_and_sementara_by_hand(app):
    """KPU RI (jumlah) over two provinces (jumlah) over two offices each:

        p1-k0  TW I 10 approved   TW II 5 submitted
        p1-k1  TW I 20 approved   TW II 7 approved
        p2-k0  TW I 30 approved   TW II 4 approved
        p2-k1  nothing (belum melapor)

    TW I: 10 + 20 + 30 = 60 from 3 of 4, verified and sementara alike. TW II verified: 7 + 4
    = 11 from 2 of 4 (p1-k0 waits for verification); sementara 5 + 7 + 4 = 16 from 3 of 4.
    p1: TW II 7 verified, 12 sementara; p2: 4 in both (nothing below it waits)."""
    ri = unit("ri", "pusat")
    top = indicator(ri, "Jumlah dokumen", "jumlah", target_kind="number",
                    target_value=Decimal(40), target_unit="dokumen")
    values = {"p1": [(10, 5, "submitted"), (20, 7, "approved")],
              "p2": [(30, 4, "approved"), None]}
    for code, offices in values.items():
        prov = unit(code, "provinsi", parent=ri)
        mid = indicator(prov, "Jumlah dokumen", "jumlah", parent=top)
        for n, entry in enumerate(offices):
            leaf = indicator(unit(f"{code}-k{n}", parent=prov), parent=mid)
            if entry is not None:
                report(leaf, 1, entry[0])
                report(leaf, 2, entry[1], entry[2])
    computed = service.computation(top)
    verified, provisional = computed.verified, computed.provisional
    assert (verified.verified, provisional.verified) == (True, False)
    figures = [(f.numerator, f.denominator, f.value) for f in verified.quarters]
    assert figures == [(3, 4, Decimal(60)), (2, 4, Decimal(11)), (0, 4, None), (0, 4, None)]
    figures = [(f.numerator, f.denominator, f.value) for f in provisional.quarters]
    assert figures == [(3, 4, Decimal(60)), (3, 4, Decimal(16)), (0, 4, None), (0, 4, None)]
    assert (verified.progress.realisasi, provisional.progress.realisasi) == (11, 16)
    assert computed.differs
    by_province = [{line.unit.code: line for line in rollup.quarters[1].children}
                   for rollup in (verified, provisional)]
    assert [lines["p1"].value for lines in by_province] == [Decimal(7), Decimal(12)]
    assert [lines["p2"].value for lines in by_province] == [Decimal(4), Decimal(4)]
    assert all(lines["p1"].status == "computed" for lines in by_province)
    waiting = [{line.unit.code: line for line in lines["p1"].figure.children}["p1-k0"]
               for lines in by_province]
    assert [(line.status, line.value, line.pending) for line in waiting] == \
        [("unverified", None, Decimal(5)), ("unverified", Decimal(5), None)]
    # A leaf's capaian (asked for by the drill-down): against its own target of 100, nilai
    # akhir; none where its value does not count.
    assert waiting[0].result is None
    assert waiting[1].result.percent == Decimal(5)
    counted = {line.unit.code: line for line in by_province[0]["p1"].figure.children}["p1-k1"]
    assert (counted.result.percent, counted.met) == (Decimal(7), False)
    assert service.figure_text(verified.year, computed.spec) == \
        "2 dari 4 KPU Kabupaten/Kota melapor, jumlah 11 dokumen"


def _dashboard(tmp_path, migrated_db, offices: int, monkeypatch) -> tuple[int, int]:
    """(roll-up loads, SQL statements) of one request of the province dashboard over
    `offices` offices, as the province's admin."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        top = unit("prov", "provinsi")
        parent = indicator(top, "Persentase tepat waktu", "persentase_memenuhi")
        for n in range(offices):
            child = indicator(unit(f"kab-{n}", parent=top), parent=parent)
            report(child, 1, 100 if n % 2 else 50)
            report(child, 2, 100, "submitted")
        accounts(top)
        db.session.commit()
        parent_id = parent.id
    client = app.test_client()
    login(client, "admin.prov")
    loads, statements = [0], [0]
    original = service.load

    def counted_load(*args, **kwargs):
        loads[0] += 1
        return original(*args, **kwargs)

    def count(*_args):
        statements[0] += 1

    monkeypatch.setattr(service, "load", counted_load)
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            page = client.get(f"/prov/{YEAR}/dasbor?tw=1")
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        db.engine.dispose()
    assert page.status_code == 200
    assert f'id="unit-bawah-{parent_id}"' in page.get_data(as_text=True)
    return loads[0], statements[0]


def test_the_province_dashboard_computes_once(tmp_path, migrated_db, monkeypatch):
    counts = []
    for offices in (3, 12):
        (tmp_path / str(offices)).mkdir()
        counts.append(_dashboard(tmp_path / str(offices), migrated_db, offices, monkeypatch))
    (small_loads, small), (big_loads, big) = counts
    assert small_loads == big_loads == 1
    assert small == big
