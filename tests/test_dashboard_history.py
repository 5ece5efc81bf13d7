"""The dashboard's earlier years: capaian of the years before, read along the lineage of copied
years (and typed ones), the same as the chain history, at a query count that does not grow."""
import re
from decimal import Decimal as D

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Year
from tests.reports_support import fill_realisasi, read_pdf, squash
from tests.test_dashboard import count_queries, indicator_ids


def copy_2023_into(app, *numbers: int) -> None:
    """Years copied one from the other (2023 -> numbers[0] -> ...), as the admin does."""
    from iku_web.indicators import service

    with app.app_context():
        source = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        for number in numbers:
            source = service.copy_year(source, number)
            db.session.commit()


def test_earlier_years_capaian_beside_this_years(app, client):
    from iku_web.models import PastRealisasi

    fill_realisasi(app)
    first = indicator_ids(app)[0]
    with app.app_context():
        db.session.add(PastRealisasi(indicator_id=first, year=2022, value=D(75),
                                     target_value=D(100), source="LKjIP 2022"))
        db.session.commit()
    copy_2023_into(app, 2024, 2025)
    page = client.get("/barito-selatan/2025/dasbor").text
    # Indicator 1: typed 75% for 2022, 93,75% for the whole of 2023 (held in the application),
    # nothing filled in 2024.
    item = page[page.index('id="dash-item-'):page.index('id="dash-progress-title"')]
    first_item = item[:item.index("</li>")]
    assert re.search(r"2022: 75% \(diketik\)</span>; <span[^>]*>2023: 93,75%</span>; "
                     r"<span[^>]*>2024: Belum diisi", first_item), first_item
    table = page[page.index('id="dash-table"'):]
    assert "<th scope=\"col\">2023</th>" in table and "<th scope=\"col\">2024</th>" in table
    # The same 2023 figure as the 2024 Pengukuran report's "tahun lalu" column.
    report = client.get("/barito-selatan/2024/laporan/pengukuran.html").text
    assert "93,75%" in report
    pdf = squash(" ".join(read_pdf(client.get("/barito-selatan/2025/dasbor.pdf").data)[1]))
    assert squash("93,75%") in pdf and "2023" in pdf


def test_query_count_with_lineage_does_not_grow_either(app, client):
    fill_realisasi(app)
    copy_2023_into(app, 2024)
    few = count_queries(app, client, "/barito-selatan/2024/dasbor")
    with app.app_context():
        year_2023 = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        year_2024 = db.session.scalar(sa.select(Year).where(Year.year == 2024))
        for n in range(40):
            old = Indicator(position=100 + n, name=f"Lama {n}", target_kind="percent",
                            target_value=D(100), target_unit="%")
            year_2023.indicators.append(old)
            db.session.flush()
            year_2024.indicators.append(Indicator(
                position=100 + n, name=f"Baru {n}", target_kind="percent", target_value=D(100),
                target_unit="%", source_indicator_id=old.id))
        db.session.commit()
    many = count_queries(app, client, "/barito-selatan/2024/dasbor")
    assert few == many
    assert "Baru 39" in client.get("/barito-selatan/2024/dasbor").text


def test_earlier_years_are_those_of_the_chain_history(app, client):
    """The dashboard's own (faster) reading of earlier years gives what iku_web.chain does."""
    from iku_web import chain, settings
    from iku_web.dashboard import history
    from iku_web.models import PastRealisasi

    fill_realisasi(app)
    ids = indicator_ids(app)
    with app.app_context():
        db.session.add_all([
            PastRealisasi(indicator_id=ids[0], year=2022, value=D(75), target_value=D(100),
                          source="LKjIP 2022"),
            PastRealisasi(indicator_id=ids[5], year=2021, value=D(40), target_value=D(50),
                          source="LKjIP 2021"),
            PastRealisasi(indicator_id=ids[4], year=2020, capaian=D("88.8"), source="LKjIP"),
        ])
        db.session.commit()
    copy_2023_into(app, 2024, 2025)
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2025))
        cap, categories = settings.capaian_cap(), settings.categories()
        ours = history.earlier_capaian(year, year.indicators, cap, categories)
        theirs = chain.history(year.indicators)
    expected = {
        iid: tuple(reversed([(p.year, p.capaian_text + (" (diketik)" if p.typed else ""))
                             for p in years[:history.DEPTH]]))
        for iid, years in theirs.items() if years}
    assert ours == expected
    assert any("(diketik)" in text for years in ours.values() for _, text in years)
