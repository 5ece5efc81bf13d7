"""Issuing the LKjIP from its page: the PDF stored once with a verification code on every page,
listed in the register of issued documents, a second issue replacing the first; admins only."""
import hashlib

from iku_web.extensions import db
from iku_web.models import IssuedDocument
from tests.conftest import csrf_token
from tests.reports_support import read_pdf
from tests.test_html import lint
from tests.test_issued import rows, stored_bytes

Y = "/barito-selatan/2023"


def issue_lkjip(client, **form):
    return client.post(f"{Y}/lkjip/terbitkan", data={"csrf_token": csrf_token(client), **form})


def test_the_admin_issues_the_lkjip_and_it_is_in_the_register(admin, app):
    page = admin.get(f"{Y}/lkjip").text
    assert "Belum diterbitkan." in page and "Terbitkan LKjIP" in page and lint(page) == []
    response = issue_lkjip(admin)
    assert response.status_code == 302
    assert response.headers["Location"] == "/barito-selatan/dokumen?tahun=2023"
    [doc] = rows(app)
    assert (doc.document, doc.version, doc.quarter, doc.state) == ("lkjip", 1, 0, "berlaku")
    assert doc.title == "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2023"
    data = stored_bytes(app, doc)
    assert hashlib.sha256(data).hexdigest() == doc.sha256
    _reader, pages = read_pdf(data)
    assert len(pages) > 5
    for text in pages:
        assert f"Kode verifikasi: {doc.code_display}" in text and "DRAF" not in text
    register = admin.get("/barito-selatan/dokumen?tahun=2023")
    assert f"{doc.title} versi 1 diterbitkan, kode {doc.code_display}." in register.text
    assert doc.title in register.text and doc.code_display in register.text
    assert "Berlaku: " in admin.get(f"{Y}/lkjip").text
    # Again: version 2, the first one "diganti"; the page names the version in force.
    assert issue_lkjip(admin, belum_verifikasi="1").status_code == 302
    first, second = rows(app)
    assert (first.state, second.version, second.state) == ("diganti", 2, "berlaku")
    assert "versi 2" in admin.get(f"{Y}/lkjip").text


def test_only_an_admin_issues_the_lkjip(staff, app):
    assert "Terbitkan LKjIP" not in staff.get(f"{Y}/lkjip").text
    assert issue_lkjip(staff).status_code == 403
    anonymous = app.test_client().post(f"{Y}/lkjip/terbitkan", data={})
    assert anonymous.status_code in (302, 400)  # the login, or no CSRF token
    with app.app_context():
        assert db.session.query(IssuedDocument).count() == 0
