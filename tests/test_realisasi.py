"""The realisasi save through HTTP: values, validation, conflicts, permissions, CSRF, audit."""
import re
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Indicator, Realisasi, User
from tests.conftest import htmx_post

URL = "/barito-selatan/2023/realisasi/{}/{}"


def save(client, value, indicator=1, quarter=1, version=None, base=None):
    """Save like the page does: the version and base it last got from the server."""
    if version is None:
        version, base = current_version(client.application, indicator, quarter)
    return htmx_post(client, URL.format(indicator, quarter),
                     {"value": value, "version": str(version), "base": base or ""})


def current_version(app, indicator=1, quarter=1):
    with app.app_context():
        entry = _entry(indicator, quarter)
        if entry is None:
            return 0, ""
        from iku_web.realisasi.values import entry_text
        return entry.version, entry_text(db.session.get(Indicator, indicator), entry)


def _entry(indicator=1, quarter=1) -> Realisasi | None:
    return db.session.scalar(sa.select(Realisasi).where(
        Realisasi.indicator_id == indicator, Realisasi.quarter == quarter))


def stored(app, indicator=1, quarter=1):
    with app.app_context():
        entry = _entry(indicator, quarter)
        return None if entry is None else (entry.value, entry.grade, entry.numerator,
                                           entry.denominator)


def changes(app, indicator=1, field="value"):
    with app.app_context():
        return [(c.old_value, c.new_value, c.user_id) for c in db.session.scalars(
            sa.select(ChangeLog).where(ChangeLog.indicator_id == indicator,
                                       ChangeLog.entity == "realisasi",
                                       ChangeLog.field == field).order_by(ChangeLog.id))]


def state_of(html: str, indicator=1, quarter=1) -> tuple[str, str]:
    match = re.search(rf'id="state-{indicator}-{quarter}"[^>]*data-state="([^"]*)">(.*?)</span>',
                      html, re.S)
    return match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip()


@pytest.mark.parametrize("typed, value", [
    ("75", Decimal("75")), ("85,5", Decimal("85.5")), ("85.5", Decimal("85.5")),
    ("1.234,5", Decimal("1234.5")), ("93,75%", Decimal("93.75")), ("0", Decimal("0")),
])
def test_save_accepts_indonesian_numbers(admin, app, typed, value):
    response = save(admin, typed)
    assert response.status_code == 200
    assert state_of(response.get_data(as_text=True))[0] == "saved"
    assert stored(app)[0] == value


def test_save_answers_with_out_of_band_cells_and_summary_not_the_input(admin):
    html = save(admin, "75").get_data(as_text=True)
    assert 'id="rl-todate-1"' in html and 'id="rl-summary"' in html
    # state box, evidence box, 3 capaian cells, summary, Tugas saya badge
    assert html.count('hx-swap-oob="true"') == 7
    assert "<template>" in html  # <td> out of band must be wrapped (docs/architecture.md)
    assert "rl-input" not in html  # the input being typed in is never sent back
    assert "75%" in re.search(r'id="rl-todate-1".*?</td>', html, re.S).group(0)
    assert "Perlu perhatian: 1" in html
    assert 'name="version" value="1"' in html and 'name="base" value="75"' in html


def test_blank_clears_the_value_and_is_not_zero(admin, app):
    save(admin, "75")
    html = save(admin, "").get_data(as_text=True)
    assert stored(app)[0] is None
    assert "Belum diisi" in re.search(r'id="rl-todate-1".*?</td>', html, re.S).group(0)
    assert "TW I: 0 terisi" in html


@pytest.mark.parametrize("typed", ["abc", "1e999", "NaN", "-5", "inf", "12abc", "5,"])
def test_invalid_input_is_not_saved_and_the_last_value_stays(admin, app, typed):
    save(admin, "75")
    response = save(admin, typed)
    assert response.status_code == 200
    state, message = state_of(response.get_data(as_text=True))
    assert state == "invalid"
    assert "Nilai tersimpan: 75" in message
    assert stored(app)[0] == Decimal("75")
    assert len(changes(app)) == 1


def test_negative_message_is_indonesian(admin):
    _, message = state_of(save(admin, "-5").get_data(as_text=True))
    assert message.startswith("Nilai tidak boleh negatif.")


def test_percentage_as_numerator_and_denominator(admin, app):
    html = save(admin, "230/234", indicator=6).get_data(as_text=True)
    value, _, numerator, denominator = stored(app, 6)
    assert (numerator, denominator) == (Decimal(230), Decimal(234))
    assert value == Decimal("98.2906")
    assert "98,29%" in html  # the hint beside the input and the capaian cell
    assert 'name="base" value="230/234"' in html
    page = admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert 'value="230/234"' in page and "= 98,29%" in page


@pytest.mark.parametrize("typed", ["230 dari 234", "230 / 234"])
def test_fraction_spellings(admin, app, typed):
    save(admin, typed, indicator=6)
    assert stored(app, 6)[2:] == (Decimal(230), Decimal(234))


def test_zero_denominator_is_refused(admin, app):
    state, message = state_of(save(admin, "5/0", indicator=6).get_data(as_text=True), 6)
    assert state == "invalid" and "tidak boleh 0" in message
    assert stored(app, 6) is None


def test_grade_indicator_takes_a_grade(admin, app):
    with app.app_context():
        indicator = db.session.get(Indicator, 5)
        indicator.target_kind, indicator.target_grade, indicator.target_value = "grade", "B", None
        db.session.commit()
    page = admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert re.search(r'<select[^>]*aria-label="Realisasi TW I indikator 5"', page)
    html = save(admin, "bb", indicator=5).get_data(as_text=True)
    assert stored(app, 5)[1] == "BB"
    assert "BB, target minimal B: Tercapai" in re.search(r'id="rl-todate-5".*?</td>', html,
                                                         re.S).group(0)
    state, _ = state_of(save(admin, "E", indicator=5).get_data(as_text=True), 5)
    assert state == "invalid" and stored(app, 5)[1] == "BB"


def test_page_has_accessible_inputs_for_every_quarter(admin):
    page = admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    for number in range(1, 7):
        for roman in ("I", "II", "III", "IV"):
            assert f'aria-label="Realisasi TW {roman} indikator {number}"' in page
    assert "Target belum ditetapkan" in page  # capaian of the indicators without a target


def test_conflict_does_not_overwrite_and_shows_the_current_value(admin, app):
    save(admin, "75")  # version 1
    # Another user saved 80 meanwhile (version 2).
    with app.app_context():
        entry = _entry()
        entry.value, entry.version = Decimal(80), 2
        entry.updated_by_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        entry.updated_at = datetime.now()
        db.session.commit()
    response = save(admin, "90", version=1, base="75")
    state, message = state_of(response.get_data(as_text=True))
    assert state == "conflict"
    assert "Staf" in message and "&#34;80&#34;" in message  # "80", escaped
    assert 'data-value="80"' in response.get_data(as_text=True)  # "Pakai nilai saat ini"
    assert stored(app)[0] == Decimal(80)
    # The answer carries the current version: saving again is a deliberate overwrite.
    assert 'name="version" value="2"' in response.get_data(as_text=True)
    assert state_of(save(admin, "90", version=2, base="80").get_data(as_text=True))[0] == "saved"
    assert stored(app)[0] == Decimal(90)


def test_stale_version_without_change_of_this_value_is_no_conflict(admin, app):
    save(admin, "75")
    with app.app_context():  # e.g. the kendala text was saved on the indicator page
        entry = _entry()
        entry.obstacles, entry.version = "Hujan", 2
        db.session.commit()
    assert state_of(save(admin, "76", version=1, base="75").get_data(as_text=True))[0] == "saved"


def test_anonymous_cannot_save(client, app):
    token = re.search(r'"X-CSRFToken": "([^"]+)"', client.get("/barito-selatan/2023/realisasi")
                      .get_data(as_text=True)).group(1)
    response = client.post(URL.format(1, 1), data={"value": "75", "version": "0"},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 401
    assert "masuk" in response.get_data(as_text=True)
    assert stored(app) is None


def test_anonymous_sees_the_table_read_only(client):
    page = client.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert "rl-input" not in page and "hx-post" not in page
    assert "Terwujudnya Penyelenggaraan Pemilu" in page


def test_staff_may_only_save_their_own_indicator(staff, app):
    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        db.session.get(Indicator, 2).pic_user_id = staff_id
        db.session.commit()
    assert save(staff, "75", indicator=1).status_code == 403
    assert stored(app, 1) is None
    assert state_of(save(staff, "75", indicator=2).get_data(as_text=True), 2)[0] == "saved"
    page = staff.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert 'aria-label="Realisasi TW I indikator 2"' in page
    assert 'aria-label="Realisasi TW I indikator 1"' not in page


def test_save_without_csrf_token_is_refused(admin, app):
    response = admin.post(URL.format(1, 1), data={"value": "75", "version": "0"},
                          headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)
    assert stored(app) is None


@pytest.mark.parametrize("url", ["/barito-selatan"
                                 "/2023/realisasi/1/5", "/barito-selatan/2023/realisasi/999/1",
                                 "/barito-selatan/2024/realisasi/1/1"])
def test_unknown_cell_is_404(admin, url):
    assert htmx_post(admin, url, {"value": "1"}).status_code == 404


def test_rapid_saves_of_one_cell_are_one_audit_entry(admin, app):
    for typed in ("1", "12", "123"):
        save(admin, typed)
    assert [c[:2] for c in changes(app)] == [(None, "123")]


def test_saves_more_than_a_minute_apart_are_separate_entries(admin, app):
    save(admin, "1")
    with app.app_context():
        for change in db.session.scalars(sa.select(ChangeLog)):
            change.at -= timedelta(seconds=61)
        db.session.commit()
    save(admin, "2")
    assert [c[:2] for c in changes(app)] == [(None, "1"), ("1", "2")]


def test_another_users_save_is_not_merged(admin, app):
    save(admin, "1")
    with app.app_context():  # pretend the first change was made by someone else
        staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staf"))
        db.session.scalar(sa.select(ChangeLog)).user_id = staff_id
        db.session.commit()
    save(admin, "2")
    assert [c[:2] for c in changes(app)] == [(None, "1"), ("1", "2")]


def test_typing_back_to_the_old_value_leaves_no_audit_entry(admin, app):
    save(admin, "5")
    save(admin, "")
    assert changes(app) == []


def test_unchanged_value_is_not_logged_nor_versioned(admin, app):
    save(admin, "85,5")
    save(admin, "85.5")
    assert current_version(app)[0] == 1
    assert len(changes(app)) == 1


def test_texts_are_escaped_in_the_table(admin, app):
    """Names and units typed by users come out escaped (see also test_realisasi_table)."""
    with app.app_context():
        indicator = db.session.get(Indicator, 1)
        indicator.name = '<script>alert("x")</script>'
        indicator.target_kind, indicator.target_unit = "number", '<b>"unit"</b>'
        indicator.target_tw1 = Decimal(5)
        db.session.commit()
    page = admin.get("/barito-selatan/2023/realisasi").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>" not in page and "&lt;b&gt;" in page
