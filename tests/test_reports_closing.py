"""The closing line fragment of the reports page: the same text the PDF prints."""


def test_closing_line_fragment_uses_the_chosen_date(client):
    response = client.get("/barito-selatan/2023/laporan/penutup?hari=15&bulan=1&tahun=2024",
                          headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.strip() == "Buntok, 15 Januari 2024"
    response = client.get("/barito-selatan/2023/laporan/penutup?hari=&bulan=1&tahun=2024",
                          headers={"HX-Request": "true"})
    assert response.text.strip() == "Buntok, Januari 2024"


def test_reports_page_asks_for_the_closing_line_on_change(client):
    html = client.get("/barito-selatan/2023/laporan").text
    assert 'hx-get="/barito-selatan/2023/laporan/penutup"' in html
    assert 'hx-trigger="change from:#report-options' in html


def test_closing_line_fragment_escapes_the_place(client, app):
    from iku_web.extensions import db
    from iku_web.indicators import service
    with app.app_context():
        service.get_year(2023).closing_place = "<b>Buntok</b>"
        db.session.commit()
    text = client.get("/barito-selatan/2023/laporan/penutup?bulan=1&tahun=2024").text
    assert "<b>" not in text and "&lt;b&gt;Buntok" in text
