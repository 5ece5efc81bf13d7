"""The PK's closing date defaults to January of its own year; a PK without programs prints an
explicit "Belum ada program" row, and the reports page and the preview warn before printing."""
from datetime import date

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.formatting import format_month_year
from iku_web.models import Program, Year
from tests.reports_support import read_pdf, squash


def pdf_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(read_pdf(response.data)[1])


def test_pk_is_dated_january_of_its_own_year_unless_a_date_is_set(client):
    assert "Buntok, Januari 2023" in pdf_text(client, "/barito-selatan/2023/laporan/pk.pdf")
    # what the reports page sends when nobody picks a date: empty month and year
    assert "Buntok, Januari 2023" in pdf_text(client, "/barito-selatan"
                                                      "/2023/laporan/pk.pdf?hari=&bulan=&tahun=")
    assert "Buntok, Maret 2024" in pdf_text(client, "/barito-selatan"
                                                    "/2023/laporan/pk.pdf?bulan=3&tahun=2024")
    # the other documents stay dated today by default
    today = format_month_year(date.today())
    assert f"Buntok, {today}" in pdf_text(client, "/barito-selatan"
                                                  "/2023/laporan/iku.pdf?bulan=&tahun=")
    page = client.get("/barito-selatan/2023/laporan").text
    assert "selected" not in page[page.index('id="bulan"'):page.index('id="tahun"')]
    expected = f"Buntok, {today} (PK: Buntok, Januari 2023)"  # today is after 2023
    assert expected in page
    fragment = client.get("/barito-selatan/2023/laporan/penutup?hari=&bulan=&tahun=",
                          headers={"HX-Request": "true"}).text
    assert fragment.strip() == expected


def test_pk_without_programs_prints_a_belum_ada_program_row_and_warns(client, app):
    text = squash(pdf_text(client, "/barito-selatan/2023/laporan/pk.pdf"))
    assert "PROGRAMDANANGGARAN" in text and "PROGRAM/KEGIATANANGGARAN(Rp)KETERANGAN" in text
    assert "BelumadaprogramdananggaranuntukTA2023." in text
    page = client.get("/barito-selatan/2023/laporan").text
    assert 'id="pk-no-programs"' in page and "Belum ada program dan anggaran TA 2023" in page
    preview = client.get("/barito-selatan/2023/laporan/pk.html").text
    assert 'class="preview-warning"' in preview and "belum memiliki program" in preview
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        db.session.add(Program(year_id=year.id, position=1, name="Program Dukungan Manajemen",
                               pagu=250_000_000))
        db.session.commit()
    assert 'id="pk-no-programs"' not in client.get("/barito-selatan/2023/laporan").text
    assert 'class="preview-warning"' not in client.get("/barito-selatan/2023/laporan/pk.html").text
    text = squash(pdf_text(client, "/barito-selatan/2023/laporan/pk.pdf"))
    assert "ProgramDukunganManajemenRp250.000.000" in text and "Belumadaprogram" not in text
