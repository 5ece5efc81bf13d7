"""Evidence suggested from IKU Web's own records, and accepting it on the LKE page."""
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.lke.evidence import suggest
from iku_web.models import (
    Indicator,
    IssuedDocument,
    LkeCheck,
    LkeCriterion,
    Realisasi,
    Review,
    Year,
)
from tests.conftest import htmx_post

QUARTER_ENDS = {1: date(2023, 3, 31), 2: date(2023, 6, 30), 3: date(2023, 9, 30),
                4: date(2023, 12, 31)}


def _fill_year(app, approve=True):
    """Every demo indicator filled each quarter 9 days after it ended, approved if asked."""
    app.config["CLOCK"] = lambda: datetime(2024, 3, 1, 9, 0)
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        year.iku_decree_number = "12/PL.01-Kpt/6211/2023"
        year.iku_decree_date = date(2023, 1, 16)
        for ind in db.session.scalars(sa.select(Indicator).where(Indicator.year_id == year.id)):
            for q, end in QUARTER_ENDS.items():
                db.session.add(Realisasi(indicator_id=ind.id, quarter=q, value=Decimal(100),
                                         updated_by_id=1,
                                         updated_at=datetime.combine(end + timedelta(days=9),
                                                                     datetime.min.time())))
                if approve:
                    db.session.add(Review(indicator_id=ind.id, quarter=q, status="approved"))
        db.session.add(IssuedDocument(year_id=year.id, document="pk", version=1, title="PK",
                                      code="ABCD2345EFGH", sha256="0" * 64, size=1,
                                      stored_name="x.pdf", issued_at=datetime(2023, 1, 20)))
        db.session.commit()


def _suggestions(app):
    with app.app_context():
        return suggest(db.session.scalar(sa.select(Year).where(Year.year == 2023)))


def test_suggestions_from_the_records_of_a_complete_year(app):
    _fill_year(app)
    s = _suggestions(app)
    assert s["iku_decree"].met is True
    assert s["iku_decree"].text == ("IKU ditetapkan dengan Keputusan nomor "
                                    "12/PL.01-Kpt/6211/2023 tanggal 16 Januari 2023.")
    assert s["measured_quarterly"].met is True
    assert s["measured_quarterly"].text == (
        "Realisasi 6 dari 6 indikator diisi tiap triwulan (4 triwulan berakhir), rata-rata 9 "
        "hari setelah triwulan berakhir.")
    assert s["review_log"].met is True
    assert "24 dari 24 triwulan terisi disetujui" in s["review_log"].text
    assert s["definitions"] == s["definitions"].__class__(
        True, "Definisi operasional dan cara pengukuran terisi untuk 6 dari 6 indikator.")
    assert s["pk_issued"].met is True and "20 Januari 2023" in s["pk_issued"].text
    assert s["app_used"].met is True


def test_gaps_in_the_records_suggest_not_met(app):
    _fill_year(app, approve=False)
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        year.iku_decree_number = ""
        first = db.session.scalar(sa.select(Indicator).where(Indicator.year_id == year.id))
        first.formula = ""
        db.session.execute(sa.delete(Realisasi).where(Realisasi.indicator_id == first.id,
                                                      Realisasi.quarter == 4))
        db.session.commit()
    s = _suggestions(app)
    assert s["iku_decree"].met is False and "belum diisi" in s["iku_decree"].text
    assert s["measured_quarterly"].met is False
    assert s["measured_quarterly"].text.startswith("Realisasi 5 dari 6 indikator")
    assert s["review_log"].met is False and "0 dari 23" in s["review_log"].text
    assert s["definitions"].met is False and "5 dari 6" in s["definitions"].text


def test_accepting_a_suggestion_checks_the_criterion_with_its_evidence(admin, app):
    _fill_year(app)
    page = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert "IKU ditetapkan dengan Keputusan nomor 12/PL.01-Kpt/6211/2023" in page
    with app.app_context():
        crit = db.session.scalar(sa.select(LkeCriterion.id).where(LkeCriterion.code == "1.b.1"))
    text = _suggestions(app)["iku_decree"].text
    answer = htmx_post(admin, f"/barito-selatan/2023/lke/kriteria/{crit}/mandiri",
                       {"met": "1", "evidence": text, "pakai_saran": "1"}).get_data(as_text=True)
    # A click, not typing: the select and the evidence box are refreshed out of band.
    assert f'id="lke-met-mandiri-{crit}" name="met"' in answer
    assert '<option value="1" selected>Ya</option>' in answer
    assert f"{text}</textarea>" in answer
    with app.app_context():
        check = db.session.scalar(sa.select(LkeCheck).where(LkeCheck.criterion_id == crit))
        assert (check.met, check.evidence) == (True, text)
