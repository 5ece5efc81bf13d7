"""A bulk approval tells each owner once, naming what was approved; the queue offers "Pilih
semua" (its behaviour in Chromium: tests/browser/test_review_select_all_browser.py)."""
import re

import pytest

from tests.conftest import STAFF_PASSWORD
from tests.reminders_support import (
    VERIFIER_PASSWORD,
    add_user,
    assign,
    client_for,
    friday_clock,
    notices,
)
from tests.test_realisasi import save
from tests.test_review_queue import submit

friday = pytest.fixture(friday_clock)


def approvals(app, username):
    return [message for kind, message in notices(app, username) if kind == "approved"]


def _submitted(app):
    """staf owns indicators 1 and 6 (TW I and II submitted), staf2 owns indicator 2 (TW I)."""
    assign(app, "staf", 1, 6)
    add_user(app, "staf2", "staff", STAFF_PASSWORD)
    assign(app, "staf2", 2)
    add_user(app, "verif", "verifier", VERIFIER_PASSWORD)
    first = client_for(app, "staf", STAFF_PASSWORD)
    second = client_for(app, "staf2", STAFF_PASSWORD)
    for iid in (1, 6):
        for quarter in (1, 2):
            save(first, "100", indicator=iid, quarter=quarter)
            submit(first, iid, quarter)
    save(second, "100", indicator=2)
    submit(second, 2)
    return client_for(app, "verif", VERIFIER_PASSWORD)


def test_one_notice_per_owner_for_a_bulk_approval(app, friday):
    verifier = _submitted(app)
    html = verifier.get("/barito-selatan/2023/verifikasi").text
    picked = re.findall(r'form="bulk-approve" name="item" value="([0-9-]+)"', html)
    assert len(picked) == 5
    response = verifier.post("/barito-selatan/2023/verifikasi/setujui-terpilih",
                             data={"csrf_token": verifier.token, "item": picked})
    assert response.status_code == 302
    assert "5 isian disetujui dan dikunci." in verifier.get("/barito-selatan/2023/verifikasi").text
    first = approvals(app, "staf")
    assert len(first) == 1
    message = first[0]
    assert message.startswith("Disetujui verifikator: 4 isian (")
    for part in ("TW I 2023", "TW II 2023"):
        assert part in message
    second = approvals(app, "staf2")
    assert len(second) == 1 and second[0].startswith("Disetujui verifikator: Triwulan I 2023")


def test_a_single_approval_still_notifies_as_before(app, friday):
    verifier = _submitted(app)
    verifier.post("/barito-selatan/2023/verifikasi/setujui-terpilih",
                  data={"csrf_token": verifier.token, "item": "1-1-1"})
    assert approvals(app, "staf") == [
        "Disetujui verifikator: Triwulan I 2023, Terwujudnya Penyelenggaraan Pemilu sesuai jadwal."]
    assert approvals(app, "staf2") == []


def test_queue_has_a_select_all_checkbox_outside_the_submitted_items(app, friday):
    verifier = _submitted(app)
    html = verifier.get("/barito-selatan/2023/verifikasi").text
    box = re.search(r'<input[^>]*id="pilih-semua"[^>]*>', html).group(0)
    assert 'type="checkbox"' in box and 'data-select-all="bulk-approve"' in box
    assert "name=" not in box  # never sent as an item
    assert '<label class="form-check-label small" for="pilih-semua">Pilih semua</label>' in html
    assert '/static/js/select-all.js' in html and "onclick" not in html
