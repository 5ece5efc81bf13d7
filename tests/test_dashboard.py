"""The dashboard through HTTP: the same numbers as the realisasi screen and the Pengukuran
report, the quarter switch, the PDF, the landing page of viewers, a constant query count."""
import html
import re
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from iku_web.categories import DEFAULT_CATEGORIES
from iku_web.dashboard import charts
from iku_web.dashboard.service import scale_for
from iku_web.extensions import db
from iku_web.models import Evidence, Indicator, Review, User, Year
from tests.conftest import login
from tests.reports_support import (
    A4,
    add_indicators,
    assert_page_numbers,
    fill_realisasi,
    page_size,
    read_pdf,
    save_png,
    squash,
)

TODATE_RE = re.compile(r'id="rl-todate-(\d+)"[^>]*>(?:<strong>|<span[^>]*>)([^<]*)<')
CATEGORY_RE = re.compile(r'id="rl-cat-(\d+)"[^>]*><span[^>]*>([^<]*)</span>')
DASH_RE = re.compile(r'<tr data-indicator="(\d+)">.*?<td class="dash-todate">([^<]*)</td>'
                     r'<td>([^<]*)</td>', re.S)


def realisasi_numbers(client) -> dict[int, tuple[str, str]]:
    page = client.get("/barito-selatan/2023/realisasi").text
    categories = dict(CATEGORY_RE.findall(page))
    return {int(i): (html.unescape(t), html.unescape(categories[i]))
            for i, t in TODATE_RE.findall(page)}


def dashboard_numbers(text: str) -> dict[int, tuple[str, str]]:
    return {int(i): (html.unescape(t), html.unescape(c)) for i, t, c in DASH_RE.findall(text)}


def figure(text: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}"[^>]*>([^<]*)<', text).group(1)


def pengukuran_numbers(client, quarter: int) -> dict[int, tuple[str, str]]:
    """Capaian s.d. TW and category per row number, read from the report's HTML preview."""
    page = client.get(f"/barito-selatan/2023/laporan/pengukuran.html?tw={quarter}").text
    rows = {}
    for row in re.findall(r"<tr><td width=\"3%\" class=\"c\">(.*?)</tr>", page, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", "<td>" + row, re.S)]
        rows[int(cells[0].rstrip("."))] = (cells[5 + quarter], cells[7 + quarter])
    return rows


def test_dashboard_numbers_equal_the_realisasi_screen(app, admin):
    fill_realisasi(app)
    page = admin.get("/barito-selatan/2023/dasbor")
    assert page.status_code == 200
    dashboard = dashboard_numbers(page.text)
    realisasi = realisasi_numbers(admin)
    assert len(dashboard) == 6
    assert dashboard == realisasi
    realisasi_page = admin.get("/barito-selatan/2023/realisasi").text
    assert figure(page.text, "dash-average") == figure(realisasi_page, "rl-average") == "64,75%"
    # The demo values give three computable capaian (93,75%, 0% and 100,5%).
    assert "93,75%" in page.text and "100,5%" in page.text


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_dashboard_of_each_quarter_equals_the_pengukuran_report(app, client, quarter):
    fill_realisasi(app)
    page = client.get(f"/barito-selatan/2023/dasbor?tw={quarter}")
    dashboard = dashboard_numbers(page.text)
    by_number = {n: dashboard[i] for n, i in
                 enumerate(sorted(dashboard, key=lambda i: _position(app, i)), start=1)}
    report = pengukuran_numbers(client, quarter)
    assert by_number == report
    report_page = client.get(f"/barito-selatan/2023/laporan/pengukuran.html?tw={quarter}").text
    average = re.search(r"Rata-rata capaian s.d. Triwulan [IV]+: <b>([^<]*)</b>", report_page)
    assert figure(page.text, "dash-average") == average.group(1)


def _position(app, indicator_id: int) -> int:
    with app.app_context():
        return db.session.get(Indicator, indicator_id).position


def test_default_quarter_is_the_latest_with_data(app, client):
    assert "Capaian s.d. Triwulan IV" in client.get("/barito-selatan"
                                                    "/2023/dasbor").text  # nothing filled yet
    fill_realisasi(app)  # TW III is the latest quarter with a value
    page = client.get("/barito-selatan/2023/dasbor").text
    assert "Capaian s.d. Triwulan III" in page
    assert 'aria-current="true">TW III<' in page


def test_quarter_switch_answers_htmx_with_the_body_alone(app, client):
    fill_realisasi(app)
    answer = client.get("/barito-selatan/2023/dasbor?tw=1", headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "<html" not in answer.text and "Capaian s.d. Triwulan I<" in answer.text
    assert "HX-Request" in answer.headers["Vary"]
    # Indicator 1 had 50% at the end of TW I and 93,75% at the end of TW II.
    assert dashboard_numbers(answer.text)[1] == ("50%", "Tidak tercapai")
    assert dashboard_numbers(client.get("/barito-selatan/2023/dasbor?tw=2").text)[1] == ("93,75%",
                                                                          "Hampir tercapai")
    restore = client.get("/barito-selatan/2023/dasbor?tw=1", headers={"HX-Request": "true",
                                                       "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text


def test_bars_link_to_the_indicator_page_and_carry_their_numbers_as_text(app, client):
    fill_realisasi(app)
    page = client.get("/barito-selatan/2023/dasbor?tw=2").text
    first = indicator_ids(app)[0]
    link = re.search(rf'<a class="dash-bar-link" href="/barito-selatan/2023/indikator/{first}" '
                     r'aria-label="([^"]*)">\s*<svg class="dash-bar"(.*?)</svg>', page, re.S)
    assert link, "the bar is a link to the indicator page"
    assert "93,75% (Hampir tercapai)" in link.group(1)
    assert ">93,75%</text>" in link.group(2)  # the value written on the chart
    assert "<title>Target 100%</title>" in link.group(2)
    assert "Tren indikator 1: TW I 50%, TW II 93,75%, TW III belum diisi" in page
    assert "Lihat sebagai tabel" in page
    assert client.get(f"/barito-selatan/2023/indikator/{first}").status_code == 200


def indicator_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Indicator.id).join(Year).where(
            Year.year == 2023).order_by(Indicator.position)))


def test_reporting_progress_counts_filled_evidence_and_approved(app, client):
    fill_realisasi(app)
    with app.app_context():
        first = indicator_ids(app)[0]
        db.session.add(Review(indicator_id=first, quarter=2, status="approved"))
        db.session.add(Evidence(indicator_id=first, quarter=2, original_name="b.pdf",
                                stored_name="y" * 40, content_type="application/pdf", size=1,
                                sha256="b" * 64))
        db.session.commit()
    page = client.get("/barito-selatan/2023/dasbor").text
    table = page[page.index('id="dash-progress"'):]
    rows = re.findall(r"<th scope=\"row\">(TW [IV]+)</th>(.*?)</tr>", table, re.S)
    counts = {tw: re.findall(r'<span class="text-nowrap">(\d+ / \d+)</span>', cells)
              for tw, cells in rows}
    assert counts == {"TW I": ["2 / 6", "1 / 6", "0 / 6"], "TW II": ["2 / 6", "1 / 6", "1 / 6"],
                      "TW III": ["1 / 6", "0 / 6", "0 / 6"], "TW IV": ["0 / 6", "0 / 6", "0 / 6"]}


def count_queries(app, client, url: str) -> int:
    with app.app_context():
        engine = db.engine
    statements = []

    def record(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_query_count_does_not_grow_with_the_number_of_indicators(app, admin):
    fill_realisasi(app)
    for url in ("/barito-selatan/2023/dasbor", "/barito-selatan/2023/dasbor?tw=2"):
        few = count_queries(app, admin, url)
        add_indicators(app, 40)
        many = count_queries(app, admin, url)
        assert few == many, (url, few, many)


def test_dashboard_pdf_is_a4_landscape_with_the_same_numbers(app, client):
    fill_realisasi(app)
    response = client.get("/barito-selatan/2023/dasbor.pdf?tw=2")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader, pages = read_pdf(response.data)
    assert page_size(reader) == (A4[1], A4[0])
    assert_page_numbers(pages)
    text = squash(" ".join(pages))
    assert squash("DASBOR KINERJA TAHUN 2023") in text
    assert squash("capaian s.d. Triwulan II") in text
    for name in ("Terwujudnya Penyelenggaraan Pemilu sesuai jadwal",
                 "Persentase Pembentukan Badan Adhoc Seleksi KPPS"):
        assert squash(name) in text
    screen = dashboard_numbers(client.get("/barito-selatan/2023/dasbor?tw=2").text)
    for to_date, category in screen.values():
        assert squash(to_date) in text and squash(category if category != "-" else "") in text
    assert squash(figure(client.get("/barito-selatan"
                                    "/2023/dasbor?tw=2").text, "dash-average")) in text
    save_png(response.data, "dasbor")


def test_dashboard_pdf_of_200_indicators_has_every_page_numbered(app, client):
    add_indicators(app, 60)
    _, pages = read_pdf(client.get("/barito-selatan/2023/dasbor.pdf").data)
    assert len(pages) > 1
    assert_page_numbers(pages)
    assert "Indikator nomor 66 tentang pelayanan" in " ".join(pages).replace("\n", " ")


def test_a_viewer_lands_on_the_dashboard_and_dasbor_is_the_first_menu_item(app, client):
    with app.app_context():
        viewer = User(username="ketua", role="viewer", full_name="Ketua")
        viewer.set_password("ketua-rahasia-123")
        db.session.add(viewer)
        db.session.commit()
    response = login(client, "ketua", "ketua-rahasia-123")
    assert response.status_code == 302
    landing = client.get(response.headers["Location"])
    assert landing.status_code == 302
    assert landing.headers["Location"] == "/barito-selatan/2023/dasbor"
    page = client.get("/barito-selatan/2023/dasbor").text
    menu = re.findall(r'class="(?:nav-link|dropdown-item)[^"]*" href="([^"]+)"', page)
    assert menu[0] == "/barito-selatan/2023/dasbor"


def test_admin_still_lands_on_the_register(admin):
    assert admin.get("/").headers["Location"] == "/barito-selatan/2023/iku"


@pytest.mark.parametrize("query", ["?tw=9", "?tw=x", "?tw=", "?tw=0"])
def test_a_bad_quarter_falls_back_to_the_default(client, query):
    assert "Capaian s.d. Triwulan IV" in client.get("/barito-selatan/2023/dasbor" + query).text


def test_unknown_year_is_404(client):
    assert client.get("/barito-selatan/1999/dasbor").status_code == 404
    assert client.get("/barito-selatan/1999/dasbor.pdf").status_code == 404


def test_indicator_names_are_escaped_on_the_dashboard_and_in_svg(app, client):
    add_indicators(app, 1, name='<script>alert("x")</script> nomor {n}')
    page = client.get("/barito-selatan/2023/dasbor").text
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(("percents", "scale"), [
    ([], 120), ([D(50)], 120), ([D(121)], 140), ([D(180)], 180), ([D(900)], 200),
    ([D("NaN"), D(90)], 120),
])
def test_scale_starts_at_120_and_stops_at_200(percents, scale):
    assert scale_for(percents) == scale


@pytest.mark.parametrize(("percent", "cells"), [
    (D(50), [(41.7, "fill"), (40.7, "empty"), (1.0, "target"), (16.7, "empty")]),
    (D(110), [(82.3, "fill"), (1.0, "target"), (8.3, "fill"), (8.3, "empty")]),
    (None, [(82.3, "empty"), (1.0, "target"), (16.7, "empty")]),
    (D(500), [(82.3, "fill"), (1.0, "target"), (16.7, "fill")]),
])
def test_pdf_bar_cells_put_the_target_mark_at_100(percent, cells):
    assert charts.table_segments(percent, 120) == cells
    assert round(sum(w for w, _ in cells)) == 100


def test_svg_bar_without_capaian_says_why_and_never_draws_a_bar():
    svg = charts.bar(None, None, 120, "Target belum ditetapkan", "Indikator 2")
    assert "Target belum ditetapkan" in svg and "dash-fill" not in svg
    svg = charts.bar(D(250), DEFAULT_CATEGORIES[0], 200, "", "Indikator 3")
    assert "250% +" in svg and 'width="230.0"' in svg


def test_trend_points_are_the_capaian_to_date_of_each_quarters_measurement(app):
    from iku_web import measurement, settings
    from iku_web.dashboard import service

    fill_realisasi(app)
    with app.test_request_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        cap, categories = settings.capaian_cap(), settings.categories()
        for _ in range(2):  # computed, then remembered: the same results
            dash = service.build(year)
            for q in (1, 2, 3, 4):
                rows = measurement.build(year, upto=q).rows
                for bar, row in zip(dash.bars, rows, strict=True):
                    point = bar.trend[q - 1]
                    if row.quarters[q - 1].filled:
                        assert point == row.to_date, (row.number, q)
                    else:
                        assert point is None
        assert cap is None and categories
