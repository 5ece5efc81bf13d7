"""The LKE's Excel and PDF read back and compared with the screen (one view-model)."""
import io
import re
from decimal import Decimal

import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from iku_web.extensions import db
from iku_web.models import LkeCriterion, LkeSubcomponent
from tests.conftest import htmx_post
from tests.test_lke_scoring import WORKED


def _fill_worked_example(client, app):
    """The worked example of docs/lke.md, with 4.c.5 left unchecked (0 of 5 met either way)."""
    with app.app_context():
        crits = db.session.execute(sa.select(LkeCriterion.id, LkeCriterion.code)).all()
        subs = dict(db.session.execute(sa.select(LkeSubcomponent.code, LkeSubcomponent.id)).all())
    met = {code: m for code, m, _c, _l, _s in WORKED}
    for crit_id, code in crits:
        sub, number = code.rsplit(".", 1)
        if code == "4.c.5":
            continue
        value = "1" if int(number) <= met[sub] else "0"
        assert htmx_post(client, f"/barito-selatan/2023/lke/kriteria/{crit_id}/mandiri",
                         {"met": value}).status_code == 200
    htmx_post(client, f"/barito-selatan/2023/lke/sub/{subs['2.a']}/mandiri",
              {"letter": "A", "reason": "Dipertahankan sejak tahun lalu"})


def _screen(client):
    html = client.get("/barito-selatan/2023/lke").get_data(as_text=True)
    subs = re.findall(r'data-side="mandiri">.*?class="lke-sub-score">([^<]+)<', html, re.S)
    total = re.search(r'id="lke-total-mandiri">([^<]+)<', html).group(1)
    return subs, total, html


def test_excel_matches_the_screen(admin, app):
    _fill_worked_example(admin, app)
    subs, total, html = _screen(admin)
    assert subs == [s.replace(".", ",") for _c, _m, _x, _l, s in WORKED] and total == "54,75"
    response = admin.get("/barito-selatan/2023/lke.xlsx")
    sheet = load_workbook(io.BytesIO(response.data))["LKE"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    by_code = {r[0]: r for r in rows if r[0]}
    assert len([r for r in rows if r[0] and r[0].count(".") == 2]) == 80
    for code, _m, _c, letter, score in WORKED:
        assert by_code[code][4] == letter and Decimal(str(by_code[code][5])) == Decimal(score)
    assert by_code["1.a.1"][3] == "Y" and by_code["1.b.10"][3] == "T"
    assert by_code["4.c.5"][3] is None  # unchecked stays blank (the screen says "Belum")
    assert by_code["2.a"][6] == "Dipertahankan sejak tahun lalu"
    assert [Decimal(str(by_code[c][5])) for c in "1234"] == [
        Decimal("20.10"), Decimal("20.10"), Decimal("9.30"), Decimal("5.25")]
    last = rows[-1]
    assert last[1] == "Nilai akhir" and Decimal(str(last[5])) == Decimal("54.75")
    assert (last[4], last[6]) == ("CC", "Cukup (Memadai)")
    assert "1 kriteria belum dinilai" in sheet["A2"].value


def test_pdf_matches_the_screen_and_warns_while_provisional(admin, app):
    _fill_worked_example(admin, app)
    subs, total, _html = _screen(admin)
    response = admin.get("/barito-selatan/2023/lke.pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "HASIL EVALUASI AKUNTABILITAS KINERJA" in text
    assert "1 kriteria penilaian mandiri belum dinilai" in text and "SEMENTARA" in text
    # Each sub-component's row: code, kind (met/total) ... weight, letter, score on screen;
    # the evaluator has checked nothing yet: "-".
    for (code, met, _c, letter, _s), score in zip(WORKED, subs, strict=True):
        row = rf"{re.escape(code)} \w+ \({met}/\d+ kriteria terpenuhi\)[^)]*? {letter} {score} - -"
        assert re.search(row, text), code
    assert f"Nilai akhir 100 CC {total}" in text
    assert "Predikat penilaian mandiri: CC (Cukup (Memadai)) — sementara" in text
    assert "Predikat penilaian evaluator: belum dinilai" in text
    assert "Halaman 1 dari" in text


def test_api_gives_the_screen_figures(admin, app, client):
    _fill_worked_example(admin, app)
    subs, total, _html = _screen(admin)
    data = admin.get("/api/v1/barito-selatan/2023/lke").get_json()
    got = [s["mandiri"]["score"].replace(".", ",") for c in data["components"]
           for s in c["subcomponents"]]
    assert got == subs
    assert data["total"]["mandiri"] == {"score": "54.75", "grade": "CC",
                                        "label": "Cukup (Memadai)", "provisional": True,
                                        "unchecked": 1}
    two_a = data["components"][1]["subcomponents"][0]["mandiri"]
    assert (two_a["suggested"], two_a["letter"], two_a["reason"]) == (
        "BB", "A", "Dipertahankan sejak tahun lalu")
    assert data["final"] == "mandiri" and data["criteria_set"] == "88/2021"
    admin.post("/keluar", data={"csrf_token": admin.token})
    answer = admin.get("/api/v1/barito-selatan/2023/lke")
    assert answer.status_code == 401 and answer.is_json  # an API does not redirect to a page


def test_excel_neutralises_formulas_typed_into_notes_and_evidence(admin, app):
    with app.app_context():
        crit = db.session.scalar(sa.select(LkeCriterion.id).where(LkeCriterion.code == "1.a.1"))
    htmx_post(admin, f"/barito-selatan/2023/lke/kriteria/{crit}/mandiri",
              {"met": "1", "note": "=1+2 catatan", "evidence": "@SUM(A1:A9)"})
    sheet = load_workbook(io.BytesIO(admin.get("/barito-selatan/2023/lke.xlsx").data))["LKE"]
    row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == "1.a.1")
    assert (row[6], row[7]) == ("'=1+2 catatan", "'@SUM(A1:A9)")
    assert isinstance(next(r for r in sheet.iter_rows(min_row=4, values_only=True)
                           if r[0] == "1.a")[5], (int, float))  # numbers stay numbers
