"""The roll-up service (iku_web/rollup, docs/rollup.md) on hand-counted trees: each rule, the
denominator with "tidak berlaku" and "belum melapor", verified against sementara, the parent's
own aggregation over the quarters, any depth, and queries that do not grow with the children."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Review
from iku_web.rollup import service
from tests.rollup_support import exempt, indicator, new_app, open_app, report, selects, unit


@pytest.fixture
def app(tmp_path, migrated_db):
    yield from open_app(tmp_path, migrated_db)


def _five_offices():
    """A province over five offices (alphabetical: a..e):
    a: TW I 100 approved, TW II 100 approved            -> met, met
    b: TW I 90 approved,  TW II 100 submitted           -> not met, (sementara: met)
    c: nothing                                          -> belum melapor
    d: tidak berlaku
    e: TW I 100 approved, TW II 100 returned            -> met, (sementara: met)
    """
    top = unit("prov", "provinsi")
    parent = indicator(top, "Persentase KPU Kabupaten/Kota tepat waktu", "persentase_memenuhi",
                       target_value=Decimal(80))
    kids = {code: unit(f"kab-{code}", parent=top) for code in "abcde"}
    linked = {code: indicator(kid, parent=parent) for code, kid in kids.items()}
    report(linked["a"], 1, 100)
    report(linked["a"], 2, 100)
    report(linked["b"], 1, 90)
    report(linked["b"], 2, 100, "submitted")
    report(linked["e"], 1, 100)
    report(linked["e"], 2, 100, "returned")
    exempt(parent, kids["d"])
    return parent, kids, linked


def test_the_share_of_offices_that_met_their_target(app):
    parent, _kids, _linked = _five_offices()
    computed = service.computation(parent)
    tw1, tw2, tw3, _tw4 = computed.verified.quarters
    assert (tw1.numerator, tw1.denominator, tw1.value) == (2, 4, Decimal(50))
    assert (tw2.numerator, tw2.denominator, tw2.value) == (1, 4, Decimal(25))
    assert tw3.value is None  # nobody reported TW III: not filled, not 0%
    # nilai akhir: the year is TW II; the parent's capaian is against its own target (80%).
    assert computed.verified.progress.realisasi == Decimal(25)
    assert computed.verified.progress.full_year.percent == Decimal("31.25")
    assert service.figure_text(computed.verified.year, computed.spec) == \
        "1 dari 4 KPU Kabupaten/Kota, 25% (1 tidak berlaku)"
    # sementara: b's submitted and e's returned TW II count as typed.
    assert computed.provisional.quarters[1].numerator == 3
    assert computed.provisional.quarters[1].value == Decimal(75)
    assert computed.differs


def test_each_child_is_shown_with_its_status(app):
    parent, _kids, _linked = _five_offices()
    lines = {line.unit.code: line for line in service.computation(parent).verified.quarters[1]
             .children}
    assert list(lines) == ["kab-a", "kab-b", "kab-c", "kab-d", "kab-e"]
    assert {c: (x.status_label, x.counted, x.met) for c, x in lines.items()} == {
        "kab-a": ("Terverifikasi", True, True),
        "kab-b": ("Belum diverifikasi", True, False),
        "kab-c": ("Belum melapor", True, False),
        "kab-d": ("Tidak berlaku", False, False),
        "kab-e": ("Belum diverifikasi", True, False),
    }
    assert lines["kab-d"].reason == "Tidak ada Pilkada tahun ini"
    assert (lines["kab-b"].value, lines["kab-b"].pending) == (None, Decimal(100))
    assert lines["kab-a"].value == Decimal(100)
    assert service.capaian_text(lines["kab-a"]) == "100%"
    assert service.capaian_text(lines["kab-c"]) == "-"


def test_an_approval_below_shows_on_the_next_call(app):
    """No cache: approving b's TW II, then returning a's, moves the parent at once."""
    parent, _kids, linked = _five_offices()
    review = db.session.scalar(sa.select(Review).where(Review.indicator_id == linked["b"].id,
                                                       Review.quarter == 2))
    review.status = "approved"
    db.session.flush()
    assert service.computation(parent).verified.quarters[1].numerator == 2
    review = db.session.scalar(sa.select(Review).where(Review.indicator_id == linked["a"].id,
                                                       Review.quarter == 2))
    review.status = "returned"
    db.session.flush()
    assert service.computation(parent).verified.quarters[1].numerator == 1


@pytest.mark.parametrize(("rule", "value", "text"), [
    ("jumlah", Decimal(35), "3 dari 5 KPU Kabupaten/Kota melapor, jumlah 35 dokumen"),
    ("rata_rata", Decimal(35) / 3,
     "3 dari 5 KPU Kabupaten/Kota melapor, rata-rata 11,67 dokumen"),
    ("minimum", Decimal(5), "3 dari 5 KPU Kabupaten/Kota melapor, terendah 5 dokumen"),
    ("maksimum", Decimal(20), "3 dari 5 KPU Kabupaten/Kota melapor, tertinggi 20 dokumen"),
])
def test_the_numeric_rules(app, rule, value, text):
    """Values 10, 20, 5 approved; one office typed 99 but it is not verified; one never
    reported. The unverified and the missing office count in the denominator only: 3 of 5."""
    top = unit("prov", "provinsi")
    parent = indicator(top, "Jumlah dokumen", rule, target_kind="number",
                       target_value=Decimal(40), target_unit="dokumen", aggregation="kumulatif")
    values = {"a": 10, "b": 20, "c": 5, "d": 99}
    for code in "abcde":
        child = indicator(unit(f"kab-{code}", parent=top), "Jumlah dokumen", parent=parent,
                          target_kind="number", target_value=Decimal(10),
                          target_unit="dokumen", aggregation="kumulatif")
        if code in values:
            report(child, 1, values[code], "submitted" if code == "d" else "approved")
    computed = service.computation(parent)
    tw1 = computed.verified.quarters[0]
    assert (tw1.numerator, tw1.denominator, tw1.value) == (3, 5, value)
    assert service.figure_text(tw1, computed.spec) == text


def test_minimum_of_grades(app):
    top = unit("prov", "provinsi")
    parent = indicator(top, "Nilai SAKIP terendah", "minimum", target_kind="grade",
                       target_grade="B", target_value=None, target_unit="")
    for code, grade in zip("abc", ["BB", "cc ", "A"], strict=True):
        child = indicator(unit(f"kab-{code}", parent=top), "Nilai SAKIP", parent=parent,
                          target_kind="grade", target_grade="B", target_value=None,
                          target_unit="")
        report(child, 1, grade)
    computed = service.computation(parent)
    assert computed.verified.quarters[0].value == "CC"
    assert computed.verified.progress.full_year.status == "grade_not_met"


def test_a_parent_over_parents_counts_the_leaves(app):
    """KPU RI over two provinces; province p1 over 3 offices (2 met), p2 over 2 offices
    (1 met, 1 tidak berlaku at p2's level). RI: 3 of 4 leaves = 75%, not the mean of the
    provinces' 66,67% and 100%."""
    ri = unit("ri", "pusat")
    top = indicator(ri, "Persentase KPU Kabupaten/Kota tepat waktu", "persentase_memenuhi")
    outcome = {"p1": [100, 100, 50], "p2": [100, None]}
    for code, values in outcome.items():
        prov = unit(code, "provinsi", parent=ri)
        mid = indicator(prov, "Persentase KPU Kabupaten/Kota tepat waktu",
                        "persentase_memenuhi", parent=top)
        for n, value in enumerate(values):
            kab = unit(f"{code}-kab{n}", parent=prov)
            leaf = indicator(kab, parent=mid)
            if value is None:
                exempt(mid, kab)
            else:
                report(leaf, 1, value)
    computed = service.computation(top)
    tw1 = computed.verified.quarters[0]
    assert (tw1.numerator, tw1.denominator, tw1.value) == (3, 4, Decimal(75))
    provinces = {line.unit.code: line for line in tw1.children}
    assert provinces["p1"].status == "computed"
    assert provinces["p1"].figure.numerator == 2 and provinces["p1"].figure.denominator == 3
    assert provinces["p2"].value == Decimal(100)
    assert service.figure_text(tw1, computed.spec) == "3 dari 4 KPU Kabupaten/Kota, 75%"


def test_typed_indicators_are_not_computed(app):
    top = unit("prov", "provinsi")
    typed = indicator(top, "Diketik")
    assert service.computation(typed) is None
    assert service.computations([typed]) == {}


def _queries_for(offices: int) -> int:
    top = unit("prov", "provinsi")
    parent = indicator(top, "Persentase", "persentase_memenuhi")
    for n in range(offices):
        child = indicator(unit(f"kab-{n}", parent=top), parent=parent)
        report(child, 1, 100 if n % 2 else 50)
        report(child, 2, 100, "submitted")
    exempt(parent, db.session.get(type(top), top.id + 1))
    db.session.commit()
    assert parent.rollup_rule == "persentase_memenuhi"  # the page has its indicator loaded
    with selects() as statements:
        computed = service.computation(parent)
    assert computed.verified.quarters[0].denominator == offices - 1
    return len(statements)


def test_queries_do_not_grow_with_the_children(tmp_path, migrated_db):
    counts = []
    for offices in (3, 14):
        (tmp_path / str(offices)).mkdir()
        app = new_app(tmp_path / str(offices), migrated_db)
        with app.app_context():
            counts.append(_queries_for(offices))
            db.engine.dispose()
    assert counts == [6, 6]  # units, moves, indicators, realisasi, reviews, exemptions


def test_the_measurement_and_the_save_summary_take_the_computed_values(app):
    """The realisasi screen, the documents (measurement.build) and the summary sent after a
    save (measurement_memo) agree on a year with a computed indicator."""
    from iku_web import measurement, measurement_memo

    parent, _kids, _linked = _five_offices()
    typed = indicator(parent.year_ref.unit, "Diketik", target_value=Decimal(100))
    report(typed, 1, 100, None)
    built = measurement.build(parent.year_ref)
    row = next(r for r in built.rows if r.indicator.id == parent.id)
    assert row.computation is not None
    assert [cell.value for cell in row.quarters] == [Decimal(50), Decimal(25), None, None]
    assert row.full_year.percent == Decimal("31.25")
    _row, summary = measurement_memo.refresh(typed)
    assert summary == built.summary
    assert summary.met_text == "1 dari 2 indikator tercapai"
