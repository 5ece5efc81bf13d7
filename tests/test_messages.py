"""Messages built from pieces read as Indonesian sentences: a full stop at the end of each
sentence, quotes as "...", never two full stops."""
import html
from datetime import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.formatting import sentence
from iku_web.models import Realisasi, User
from tests.conftest import htmx_post
from tests.test_realisasi import save, state_of


@pytest.mark.parametrize("text, expected", [
    ("Bukan angka yang valid", "Bukan angka yang valid."),
    ("Nilai tidak boleh negatif.", "Nilai tidak boleh negatif."),
    ("Benarkah?", "Benarkah?"), ("  Isian kosong  ", "Isian kosong."), ("", ""),
])
def test_sentence_ends_with_one_full_stop(text, expected):
    assert sentence(text) == expected


@pytest.mark.parametrize("typed, message", [
    ("abc", "Bukan angka yang valid. Nilai tersimpan: kosong."),
    ("1234567890123", "Angka terlalu besar atau terlalu panjang. Nilai tersimpan: kosong."),
    ("-5", "Nilai tidak boleh negatif. Nilai tersimpan: kosong."),
])
def test_invalid_cell_message_is_two_sentences(admin, typed, message):
    assert state_of(save(admin, typed).text) == ("invalid", message)


def test_conflict_message_quotes_with_double_quotes(admin, app):
    save(admin, "75")
    with app.app_context():
        entry = db.session.scalar(sa.select(Realisasi).where(Realisasi.indicator_id == 1,
                                                             Realisasi.quarter == 1))
        entry.value, entry.version = Decimal(80), 2
        entry.updated_by_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        entry.updated_at = datetime(2024, 1, 15, 9, 30)
        db.session.commit()
    state, message = state_of(save(admin, "90", version=1, base="75").text)
    message = html.unescape(message)
    assert state == "conflict"
    assert 'Nilai saat ini: "80".' in message
    assert "«" not in message and "»" not in message


def test_number_field_error_is_a_sentence(admin):
    response = htmx_post(admin, "/barito-selatan"
                                "/2023/iku/1", {"name": "X", "target_kind": "percent",
                                               "target_value": "abc", "polarity": "higher",
                                               "aggregation": "nilai_akhir",
                                               "pic_user_id": "0"})
    assert "Bukan angka yang valid.<" in response.text
    assert "Bukan angka yang valid<" not in response.text


def test_upload_outcome_is_a_sentence(admin):
    from tests import evidence_samples as samples
    from tests.evidence_samples import upload
    text = upload(admin, 1, [(samples.pdf(), "sk.pdf")]).text
    assert "berhasil diunggah." in text


def test_quarter_target_errors_are_sentences(admin):
    response = admin.post("/barito-selatan/2023/indikator/1/target", data={
        "target_tw1": "abc", "target_tw2": "-1", "csrf_token": admin.token},
        follow_redirects=True)
    text = " ".join(response.text.split())
    assert "Target triwulan tidak disimpan. Target TW I: Bukan angka yang valid." in text
    assert ".;" not in text and "valid;" not in text


def test_import_name_mismatch_quotes_with_double_quotes(admin):
    from tests.test_reports_import_realisasi import EXPORT, edited
    from tests.test_reports_import_realisasi import upload as upload_realisasi
    data = edited(admin.get(EXPORT).data, B3="Indikator tahun lain")
    text = html.unescape(upload_realisasi(admin, data).text)
    assert '("Terlaksananya pengelolaan' in text
    assert "«" not in text and "»" not in text
