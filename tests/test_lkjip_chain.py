"""The LKjIP sections filled from the SAKIP chain: Renstra, PK grouped by sasaran, earlier
years, Renstra end target, national standard, budget and efficiency, programs."""
from datetime import date
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from iku_web import chain as sakip
from iku_web.extensions import db
from iku_web.models import (
    BudgetRealisasi,
    PastRealisasi,
    Program,
    Renstra,
    RenstraIndicator,
    RenstraTarget,
    Year,
)
from tests.lkjip_support import docx_xml, open_docx, squash_spaces, xml_paragraphs, xml_tables
from tests.reports_support import fill_realisasi, read_pdf
from tests.test_lkjip import get_docx

QUERY = "?belum_verifikasi=1"


@pytest.fixture
def chain_year(app):
    """Renstra 2020-2024 for indicator 1, its typed 2022 result, a national standard, one
    program with budget for its sasaran, and indicator 2 moved under the same sasaran."""
    fill_realisasi(app)
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        first, second = year.indicators[0], year.indicators[1]
        renstra = Renstra(name="Renstra KPU Kabupaten Barito Selatan", start_year=2020,
                          end_year=2024, decree_number="12/2020", decree_date=date(2020, 3, 15))
        ri = RenstraIndicator(renstra=renstra, position=1, name=first.name, satuan="%",
                              end_value=D(100))
        ri.targets = [RenstraTarget(year=y, value=D(100)) for y in renstra.years]
        db.session.add(renstra)
        db.session.flush()
        first.renstra_indicator_id = ri.id
        first.national_standard = D(95)
        first.national_standard_note = "Standar KPU RI"
        db.session.add(PastRealisasi(indicator_id=first.id, year=2022, value=D(90),
                                     target_value=D(100), source="LKjIP 2022, hlm. 14"))
        program = Program(year_id=year.id, position=1, name="Program Dukungan Manajemen",
                          pagu=1234567000, sasaran_id=first.sasaran_id)
        db.session.add(program)
        db.session.flush()
        db.session.add(BudgetRealisasi(program_id=program.id, quarter=1, amount=617283500))
        sakip.move_indicator_to(year, second, first.sasaran)
        db.session.commit()
    return app


def test_bab_two_renstra_and_pk_grouped_by_sasaran(chain_year, admin):
    data = get_docx(admin, QUERY)
    paragraphs = xml_paragraphs(docx_xml(data))
    assert ("KOMISI PEMILIHAN UMUM KABUPATEN BARITO SELATAN berpedoman pada Renstra KPU "
            "Kabupaten Barito Selatan periode 2020-2024, ditetapkan dengan Keputusan Nomor "
            "12/2020 tanggal 15 Maret 2020.").lower() in [p.lower() for p in paragraphs]
    tables = xml_tables(docx_xml(data))
    renstra = next(t for t in tables if t[0][:2] == ["No", "Indikator Kinerja"] and "2020" in t[0])
    assert renstra[0][2:] == ["2020", "2021", "2022", "2023", "2024", "Target akhir"]
    assert renstra[1][2:] == ["100%"] * 6
    pk = next(t for t in tables if t[0] == ["No", "Sasaran Strategis", "Indikator Kinerja",
                                           "Target"])
    # Two indicators under sasaran 1: the second row leaves number and sasaran empty.
    assert pk[1][0] == "1." and pk[2][:2] == ["", ""]
    assert pk[1][2].startswith("Persentase KPU Kabupaten/Kota yang menyelenggarakan")


def test_bab_three_comparisons_filled_from_the_chain(chain_year, admin):
    paragraphs = xml_paragraphs(docx_xml(get_docx(admin, QUERY)))
    text = "\n".join(paragraphs)
    assert ("2. Dibandingkan tahun-tahun sebelumnya: Tahun 2022: realisasi 90%, capaian 90% "
            "(diketik; sumber: LKjIP 2022, hlm. 14). Tahun 2023: realisasi 93,75%, capaian "
            "93,75%.") in paragraphs
    assert ("3. Dibandingkan target akhir Renstra: Target akhir periode Renstra 100%; realisasi "
            "s.d. tahun 2023 93,75%, capaian terhadap target akhir: 93,75%.") in paragraphs
    assert "4. Dibandingkan standar nasional: Standar nasional: 95% (Standar KPU RI)." in paragraphs
    sixth = next(p for p in paragraphs if p.startswith("6. Efisiensi") and "Rp" in p)
    assert "pagu Rp1.234.567.000 dengan realisasi Rp617.283.500 (serapan 50%)" in sixth
    assert "7. Program dan kegiatan pendukung: Program pendukung: Program Dukungan Manajemen." \
        in paragraphs
    assert "Pagu anggaran Tahun 2023 sebesar Rp1.234.567.000 dengan realisasi Rp617.283.500, " \
        "serapan 50%." in text
    # Sasaran without program or earlier years keep their marked slots.
    assert "[diisi oleh Subbagian Perencanaan, Data dan Informasi: program dan kegiatan yang " \
        "mendukung]" in text


def test_budget_table_in_bab_three_and_lampiran(chain_year, admin):
    data = get_docx(admin, QUERY)
    tables = [t for t in xml_tables(docx_xml(data))
              if t[0] == ["No", "Program / Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"]]
    assert len(tables) == 2  # B. Realisasi Anggaran and the PK in the Lampiran
    for table in tables:
        assert table[1] == ["1", "Program Dukungan Manajemen", "Rp1.234.567.000",
                            "Rp617.283.500", "50%"]
        assert table[-1] == ["", "Jumlah", "Rp1.234.567.000", "Rp617.283.500", "50%"]
    captions = [p.text for p in open_docx(data).paragraphs if p.style.name == "Caption"]
    assert all(c.endswith("(termasuk data triwulan yang belum diverifikasi)") for c in captions)
    response = admin.get(f"/barito-selatan/2023/laporan/lkjip.pdf{QUERY}")
    _reader, pages = read_pdf(response.data)
    text = squash_spaces(" ".join(pages))
    assert "Rp1.234.567.000" in text and "Rp617.283.500" in text
    assert "berpedoman pada Renstra" in text


def test_page_groups_indicators_under_their_sasaran(chain_year, admin):
    page = admin.get(f"/barito-selatan/2023/lkjip{QUERY}").text
    assert page.count('class="row border-top pt-2 mb-2 lkjip-sasaran"') == 5


def test_one_comparison_table_per_sasaran_with_earlier_year_and_renstra(chain_year, admin):
    tables = xml_tables(docx_xml(get_docx(admin, QUERY)))
    compared = [t for t in tables if t[0][:1] == ["Indikator Kinerja"] and
                "Target akhir Renstra" in t[0]]
    # Only sasaran 1 has earlier years or a Renstra end target; its two indicators side by side.
    assert len(compared) == 1
    header, first, second = compared[0]
    assert header[4:] == ["Tahun sebelumnya (realisasi, capaian)", "Target akhir Renstra",
                          "Capaian thd. target akhir"]
    assert first[1:] == ["100%", "93,75%", "93,75%", "2022: 90% (90%)", "100%", "93,75%"]
    assert second[4:] == ["-", "-", "-"]
