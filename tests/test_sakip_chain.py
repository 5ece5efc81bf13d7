"""The SAKIP chain in the data model: sasaran of the seed, lineage of copied years with their
realisasi, typed earlier years, Renstra targets of a new year, and the order of sasaran."""
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from iku_web import chain, measurement, renstra_targets
from iku_web.extensions import db
from iku_web.indicators import service
from iku_web.models import (
    Indicator,
    PastRealisasi,
    Realisasi,
    Renstra,
    RenstraIndicator,
    RenstraTarget,
    Sasaran,
    Year,
)


def year_of(number: int) -> Year:
    return db.session.scalar(sa.select(Year).where(Year.year == number))


def test_seed_has_six_sasaran_with_one_indicator_each(app):
    with app.app_context():
        year = year_of(2023)
        assert len(year.sasaran) == 6
        for position, (sasaran, indicator) in enumerate(
                zip(year.sasaran, year.indicators, strict=True), start=1):
            assert sasaran.position == indicator.position == position
            assert indicator.sasaran is sasaran and sasaran.name == indicator.name
            # The PK's indicator column shows the formula, the IKU column stays the name.
            assert chain.indicator_text(indicator) == indicator.formula
        assert year.indicators[0].satuan == "%"


def test_an_indicator_added_without_sasaran_gets_its_own(app):
    with app.app_context():
        year = year_of(2023)
        year.indicators.append(Indicator(name="Indikator baru", position=7))
        db.session.commit()
        added = year.indicators[-1]
        assert added.sasaran.name == "Indikator baru" and added.sasaran.year_id == year.id


def _copy_with_realisasi(admin, source_year: int, new_year: int, value: str):
    with app_ctx(admin):
        source = year_of(source_year)
        db.session.add(Realisasi(indicator_id=source.indicators[0].id, quarter=4,
                                 value=Decimal(value)))
        db.session.commit()
        source_id = source.id
    response = admin.post("/barito-selatan/tahun", data={"year": str(new_year), "source": source_id,
                                          "csrf_token": admin.token})
    assert response.status_code == 302


def app_ctx(client):
    return client.application.app_context()


def test_lineage_across_three_copied_years_gives_earlier_realisasi(admin, app):
    _copy_with_realisasi(admin, 2023, 2024, "80")
    _copy_with_realisasi(admin, 2024, 2025, "90")
    _copy_with_realisasi(admin, 2025, 2026, "95")
    with app.app_context():
        newest = year_of(2026).indicators[0]
        assert [i.year_ref.year for i in chain.lineage(newest)] == [2025, 2024, 2023]
        assert newest.sasaran.source_sasaran_id == year_of(2025).sasaran[0].id
        # Typed realisasi for a year before the application, on the oldest indicator.
        oldest = year_of(2023).indicators[0]
        db.session.add(PastRealisasi(indicator_id=oldest.id, year=2021, value=Decimal(70),
                                     target_value=Decimal(100), source="LKjIP 2021 hlm. 12"))
        db.session.commit()
        m = measurement.build(year_of(2026))
        past = m.history()[newest.id]
        assert [(p.year, p.realisasi_text, p.capaian_text, p.typed) for p in past] == [
            (2025, "95%", "95%", False), (2024, "90%", "90%", False),
            (2023, "80%", "80%", False), (2021, "70%", "70%", True)]
        assert past[-1].source == "LKjIP 2021 hlm. 12"
        # An indicator without realisasi in earlier years still lists those years, unfilled.
        second = m.history()[year_of(2026).indicators[1].id]
        assert [p.year for p in second] == [2025, 2024, 2023]
        assert second[0].capaian is None


def test_typed_past_year_of_a_lower_is_better_indicator(app):
    with app.app_context():
        indicator = year_of(2023).indicators[0]
        indicator.polarity = "lower"
        past = PastRealisasi(indicator_id=indicator.id, year=2020, value=Decimal(3),
                             target_value=Decimal(2), source="LKjIP 2020")
        db.session.add(past)
        db.session.commit()
        row = chain.history([indicator])[indicator.id][0]
        assert (row.year, row.capaian, row.capaian_text) == (2020, Decimal(50), "50%")
        past.capaian = Decimal("87.5")  # as printed in the old report: wins over the formula
        assert chain.typed_year(indicator, past).capaian_text == "87,5%"


def test_new_year_inside_the_renstra_takes_its_targets(admin, app):
    with app.app_context():
        renstra = Renstra(name="Renstra 2020-2024", start_year=2020, end_year=2024,
                          decree_number="12/2020", decree_date=date(2020, 3, 1))
        ri = RenstraIndicator(renstra=renstra, name="Pemilu sesuai jadwal", satuan="%",
                              end_value=Decimal(100))
        ri.targets.append(RenstraTarget(year=2024, value=Decimal(95)))
        db.session.add(renstra)
        second = year_of(2023).indicators[1]  # no target in the seed
        second.renstra_indicator = ri
        db.session.commit()
        source_id = year_of(2023).id
    admin.post("/barito-selatan"
               "/tahun", data={"year": "2024", "source": source_id, "csrf_token": admin.token})
    admin.post("/barito-selatan"
               "/tahun", data={"year": "2025", "source": source_id, "csrf_token": admin.token})
    with app.app_context():
        copied = year_of(2024).indicators[1]
        assert (copied.target_kind, copied.target_value) == ("percent", Decimal(95))
        assert copied.renstra_indicator_id is not None
        assert renstra_targets.renstra_for(2024).name == "Renstra 2020-2024"
        assert renstra_targets.renstra_for(2025) is None
        assert year_of(2025).indicators[1].target_kind == "none"  # outside the period
        assert renstra_targets.end_target_text(copied) == "100%"
        assert renstra_targets.end_capaian(copied, Decimal(80)).percent == Decimal(80)
        assert renstra_targets.end_capaian(year_of(2024).indicators[0], Decimal(80)).status == \
            "no_target"


def test_group_moves_and_empty_sasaran(app):
    with app.app_context():
        year = year_of(2023)
        first, third = year.sasaran[0], year.sasaran[2]
        moved = year.indicators[2]
        chain.move_indicator_to(year, moved, first)
        db.session.commit()
        assert [s.id for s in chain.empty_sasaran(year)] == [third.id]
        groups = chain.group(year, year.indicators, indicator_of=lambda i: i)
        assert [len(g.rows) for g in groups] == [2, 1, 1, 1, 1]
        assert groups[0].rows[1] is moved and moved.position == 2
        assert [i.position for i in year.indicators] == [1, 2, 3, 4, 5, 6]
        with_empty = chain.group(year, year.indicators, lambda i: i, include_empty=True)
        assert [g.number for g in with_empty] == [1, 2, 3, 4, 5, 6]
        chain.move_sasaran(year, year.sasaran[5], -1)
        db.session.commit()
        assert year.indicators[-1].name.startswith("Meningkatnya Akuntabilitas")
        service.move(year, year.indicators[1], -1)  # inside the first sasaran
        assert year.indicators[0] is moved
        assert measurement.build(year).groups[0].rows[0].indicator is moved


def test_deleting_an_indicator_takes_its_own_sasaran(admin, app):
    from tests.conftest import htmx_post

    with app.app_context():
        indicator_id = year_of(2023).indicators[1].id
    htmx_post(admin, f"/barito-selatan/2023/iku/{indicator_id}/hapus")
    with app.app_context():
        assert len(year_of(2023).sasaran) == 5
        assert not chain.empty_sasaran(year_of(2023))
        assert db.session.scalar(sa.select(sa.func.count(Sasaran.id))) == 5


def test_an_empty_new_year_inside_the_renstra_starts_with_its_indicators(admin, app):
    with app.app_context():
        renstra = Renstra(name="Renstra 2025-2029", start_year=2025, end_year=2029)
        first = RenstraIndicator(renstra=renstra, position=1, name="Persentase pemilih",
                                 satuan="%", end_value=Decimal(100))
        first.targets.append(RenstraTarget(year=2026, value=Decimal(85)))
        RenstraIndicator(renstra=renstra, position=2, name="Nilai SAKIP", satuan="",
                         end_grade="BB").targets.append(RenstraTarget(year=2026, grade="B"))
        db.session.add(renstra)
        db.session.commit()
    admin.post("/barito-selatan"
               "/tahun", data={"year": "2026", "source": "0", "csrf_token": admin.token})
    admin.post("/barito-selatan"
               "/tahun", data={"year": "2031", "source": "0", "csrf_token": admin.token})
    with app.app_context():
        year = year_of(2026)
        assert [(i.name, i.target_kind, i.target_value, i.target_grade) for i in
                year.indicators] == [("Persentase pemilih", "percent", Decimal(85), None),
                                     ("Nilai SAKIP", "grade", None, "B")]
        assert [s.name for s in year.sasaran] == ["Persentase pemilih", "Nilai SAKIP"]
        assert renstra_targets.end_target_text(year.indicators[1]) == "minimal BB"
        assert year_of(2031).indicators == []  # outside every Renstra period
