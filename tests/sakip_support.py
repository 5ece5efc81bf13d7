"""Test data for the SAKIP chain documents: sasaran with two indicators, programs with pagu
and quarterly realisasi anggaran, a Renstra, a previous year in the application and a typed
year before it."""
from datetime import date
from decimal import Decimal as D

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.indicators import service
from iku_web.models import (
    BudgetRealisasi,
    PastRealisasi,
    Program,
    Realisasi,
    Renstra,
    RenstraIndicator,
    RenstraTarget,
    Year,
)

PAGU = (1_234_567_000, 250_000_000, 80_000_000)


def year_of(number: int) -> Year:
    return db.session.scalar(sa.select(Year).where(Year.year == number))


def build_chain(app) -> None:
    """2023 (the seed, with realisasi) copied into 2024; 2024 gets the budget and Renstra."""
    with app.app_context():
        seed = year_of(2023)
        first = seed.indicators[0]
        db.session.add(Realisasi(indicator_id=first.id, quarter=4, value=D("87.5")))
        db.session.add(PastRealisasi(indicator_id=first.id, year=2022, value=D(75),
                                     target_value=D(100), source="LKjIP 2022 hlm. 10"))
        renstra = Renstra(name="Renstra KPU 2020-2024", start_year=2020, end_year=2024,
                          decree_number="Keputusan KPU 15/2020", decree_date=date(2020, 6, 1))
        ri = RenstraIndicator(renstra=renstra, name=first.formula, satuan="%",
                              end_value=D(100))
        ri.targets.append(RenstraTarget(year=2024, value=D(100)))
        db.session.add(renstra)
        first.renstra_indicator = ri
        db.session.commit()
        year = service.copy_year(seed, 2024)
        db.session.flush()
        year.pk_number = "01/PK/KPU-BS/2024"
        year.iku_decree_number = "12/HK.03-Kpt/6204/2024"
        year.iku_decree_date = date(2024, 1, 15)
        # Sasaran 1 gets a second indicator; a program supports it, with a kegiatan.
        s1, s2 = year.sasaran[0], year.sasaran[1]
        second = year.indicators[1]
        second.sasaran = s1
        second.name = "Persentase TPS yang menerima logistik tepat waktu"
        second.target_kind, second.target_value, second.target_unit = "percent", D(100), "%"
        service.renumber(year)
        program = Program(year_ref=year, position=1, code="076.01.WA",
                          name="Program Penyelenggaraan Pemilu", pagu=PAGU[0], sasaran=s1)
        # The program's pagu and realisasi are the sums of its two kegiatan.
        logistics = Program(year_ref=year, position=1, name="Fasilitasi logistik", pagu=PAGU[2])
        voting = Program(year_ref=year, position=2, name="Pemungutan dan penghitungan suara",
                         pagu=PAGU[0] - PAGU[2])
        program.kegiatan.extend([logistics, voting])
        support = Program(year_ref=year, position=2, code="076.01.WA.DM",
                          name="Program Dukungan Manajemen", pagu=PAGU[1],
                          sasaran=year.sasaran[3], note="Belanja pegawai")
        db.session.add_all([program, support])
        db.session.flush()
        db.session.add_all([
            BudgetRealisasi(program_id=voting.id, quarter=1, amount=300_000_000),
            BudgetRealisasi(program_id=voting.id, quarter=2, amount=300_000_000),
            BudgetRealisasi(program_id=logistics.id, quarter=2, amount=17_283_500),
            BudgetRealisasi(program_id=support.id, quarter=1, amount=50_000_000),
        ])
        new_first = year.indicators[0]
        db.session.add_all([
            Realisasi(indicator_id=new_first.id, quarter=2, value=D(90)),
            Realisasi(indicator_id=second.id, quarter=2, value=D(80)),
        ])
        year.sasaran.remove(s2)  # left without indicators: the PK would refuse it
        service.renumber(year)
        db.session.commit()
