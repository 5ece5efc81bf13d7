"""Tugas saya counts quarters the verifier returned, and is not offered to read-only roles."""
from datetime import date

from tests.conftest import htmx_post, login, make_user
from tests.review_support import DECIDE, SUBMIT
from tests.test_monitoring import assign, badge, fill, today  # noqa: F401 (fixture)


def _return_tw1(staff, verifier):  # noqa: F811
    assert "Diajukan" in htmx_post(staff, SUBMIT).text
    answer = htmx_post(verifier, DECIDE.format("kembalikan"), {"comment": "Lampiran kurang."})
    assert "Dikembalikan" in answer.text


def test_a_returned_quarter_is_counted_and_not_called_all_done(app, staff, verifier, today):  # noqa: F811
    assign(app, 1)
    fill(app, 1, 1, "100", evidence=1)
    fill(app, 1, 2, "100", evidence=1)  # every due quarter complete: only the return is open
    _return_tw1(staff, verifier)
    page = staff.get("/barito-selatan/saya").text
    assert "Dikembalikan verifikator (1)" in page
    assert "Semua sudah terisi" not in page
    assert "masih perlu diperbaiki dan diajukan lagi" in page
    assert badge(page) == 1
    assert badge(staff.get("/barito-selatan/2023/iku").text) == 1


def test_a_returned_quarter_that_also_lacks_evidence_counts_once(app, staff, verifier, today):  # noqa: F811
    today(date(2023, 4, 15))  # only TW I is due
    assign(app, 1)
    fill(app, 1, 1, "100", evidence=0)
    htmx_post(staff, SUBMIT, {"without_evidence": "1"})
    assert "Dikembalikan" in htmx_post(verifier, DECIDE.format("kembalikan"),
                                       {"comment": "Unggah bukti."}).text
    page = staff.get("/barito-selatan/saya").text
    assert "Dikembalikan verifikator (1)" in page and "Tanpa bukti dukung" in page
    assert badge(page) == 1


def test_a_returned_quarter_not_yet_due_is_counted(app, staff, verifier, today):  # noqa: F811
    assign(app, 1)
    fill(app, 1, 1, "100", evidence=1)
    fill(app, 1, 2, "100", evidence=1)
    fill(app, 1, 3, "100", evidence=1)  # TW III is not due in mid-2023
    assert "Diajukan" in htmx_post(staff, "/barito-selatan/2023/indikator/1/3/ajukan").text
    htmx_post(verifier, "/barito-selatan"
                        "/2023/verifikasi/1/3/kembalikan", {"comment": "Terlalu dini."})
    assert badge(staff.get("/barito-selatan/saya").text) == 1


def test_a_viewer_has_no_tasks_menu(app, client, today):  # noqa: F811
    make_user(app, "ketua", "viewer", "ketua-rahasia-123")
    assert login(client, "ketua", "ketua-rahasia-123").status_code == 302
    page = client.get("/barito-selatan/2023/pantauan").text
    assert ">Pantauan<" in page
    assert 'href="/barito-selatan/saya"' not in page and "Tugas saya" not in page


def test_staff_and_verifier_keep_the_tasks_menu(staff, verifier):  # noqa: F811
    for member in (staff, verifier):
        assert 'href="/barito-selatan/saya"' in member.get("/barito-selatan/2023/pantauan").text
