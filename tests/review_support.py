"""Shared by the review tests: the submit and decide URLs, a quarter approved, and reading its
review state back (the accounts, `pic` and `verifier`, are fixtures of tests/conftest.py)."""

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Realisasi, Review
from tests.conftest import htmx_post
from tests.test_realisasi import save

LOCKED = "Triwulan ini sudah disetujui dan dikunci oleh verifikator."
SUBMIT = "/barito-selatan/2023/indikator/1/1/ajukan"
# The answer "Ajukan tanpa bukti": these tests submit quarters that have no evidence file.
NO_EVIDENCE_OK = {"without_evidence": "1"}
DECIDE = "/barito-selatan/2023/verifikasi/1/1/{}"


def status(app, indicator=1, quarter=1):
    with app.app_context():
        review = db.session.scalar(sa.select(Review).where(
            Review.indicator_id == indicator, Review.quarter == quarter))
        return None if review is None else (review.status, review.comment)


def narrative(client, obstacles, quarter=1, htmx=True):
    data = {"obstacles": obstacles, "solutions": "", "follow_up": "", "version": "",
            "base_obstacles": "", "base_solutions": "", "base_follow_up": ""}
    with client.application.app_context():
        entry = db.session.scalar(sa.select(Realisasi).where(
            Realisasi.indicator_id == 1, Realisasi.quarter == quarter))
        if entry is not None:
            data.update(version=str(entry.version), base_obstacles=entry.obstacles,
                        base_solutions=entry.solutions, base_follow_up=entry.follow_up)
    url = f"/barito-selatan/2023/indikator/1/{quarter}/catatan"
    if htmx:
        return htmx_post(client, url, data)
    return client.post(url, data={**data, "csrf_token": client.token})


def approved(app, pic, verifier, value="95"):
    """Indicator 1, TW I: filled by the person in charge, submitted and approved."""
    assert save(pic, value).status_code == 200
    assert "Diajukan" in htmx_post(pic, SUBMIT, NO_EVIDENCE_OK).text
    response = htmx_post(verifier, DECIDE.format("setujui"))
    assert "Disetujui dan dikunci." in response.text
    assert status(app)[0] == "approved"


def _form(page: str, form_id: str) -> str:
    return page.split(f'id="{form_id}"')[1].split("</form>")[0]


def review_log(app):
    with app.app_context():
        return [(c.field, c.old_value, c.new_value) for c in db.session.scalars(
            sa.select(ChangeLog).where(ChangeLog.entity == "review").order_by(ChangeLog.id))]
