"""The smaller rough edges of field test 2 (issue 19, item 17), one test each; the stale
upload notes are tested in Chromium (tests/browser/test_evidence_notes_browser.py)."""
import re
from decimal import Decimal

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Program, Realisasi, Review, Signer, User
from tests.conftest import htmx_post
from tests.review_support import NO_EVIDENCE_OK
from tests.test_budget import add_program
from tests.test_issued import issue


def test_a_grade_not_met_is_not_named_twice(admin, app):
    with app.app_context():
        grade = db.session.get(Indicator, 5)
        grade.target_kind, grade.target_value, grade.target_grade = "grade", None, "B"
        grade.pic_user_id = db.session.scalar(sa.select(User.id).where(User.username == "admin"))
        db.session.add(Realisasi(indicator_id=5, quarter=1, grade="CC", version=1))
        db.session.commit()
    dashboard = admin.get("/barito-selatan/2023/dasbor").text
    label = re.search(r'aria-label="(Indikator 5: capaian [^"]*)"', dashboard).group(1)
    assert label.lower().count("tidak tercapai") == 1, label
    assert not re.search(r"Tidak tercapai\W+Tidak tercapai", dashboard, re.I)
    refused = htmx_post(admin, "/barito-selatan/2023/indikator/5/1/ajukan", NO_EVIDENCE_OK).text
    assert "Capaian s.d. triwulan ini " in refused and "di bawah batas" in refused
    assert not re.search(r"Tidak tercapai\W+Tidak tercapai", refused, re.I)


def test_adding_a_kegiatan_says_kegiatan(admin, app):
    assert add_program(admin).status_code == 302
    assert "Program ditambahkan." in admin.get("/barito-selatan/2023/anggaran").text
    with app.app_context():
        program_id = db.session.scalar(sa.select(Program.id))
    add_program(admin, parent_id=str(program_id), name="Kegiatan logistik", pagu="5.000")
    page = admin.get("/barito-selatan/2023/anggaran").text
    assert "Kegiatan ditambahkan." in page and "Program ditambahkan." not in page
    with app.app_context():
        kegiatan_id = db.session.scalar(sa.select(Program.id).where(Program.parent_id.is_not(None)))
    admin.post(f"/barito-selatan/2023/anggaran/program/{kegiatan_id}/hapus",
               data={"csrf_token": admin.token})
    page = admin.get("/barito-selatan/2023/anggaran").text
    assert "Kegiatan dihapus (beserta realisasinya)." in page


def test_the_tenggat_page_explains_the_reminders_itself(admin):
    page = admin.get("/barito-selatan/2023/tenggat").text
    assert "README" not in page
    rules = page.split('id="reminder-rules"')[1].split("</div>")[0]
    for words in ("7, 3 dan 1 hari sebelum tenggat", "bila terlambat", "alamat e-mail",
                  "server e-mail belum diatur", 'href="/pengaturan/log-email"',
                  "dikembalikan verifikator"):
        assert words in rules


def test_tahun_baru_says_what_is_copied_the_signers_included(admin, app):
    page = admin.get("/barito-selatan/tahun").text
    copied = page.split('id="copied-items"')[1].split("</div>")[0]
    for words in ("profil lembaga", "target triwulan", "penandatangan dokumen",
                  "program dan kegiatan", "Tidak disalin", "realisasi", "nomor PK"):
        assert words in copied
    with app.app_context():
        signers = db.session.scalar(sa.select(sa.func.count(Signer.id)))
        source = db.session.scalar(sa.text("select id from year where year = 2023"))
    response = admin.post("/barito-selatan/tahun", data={"year": "2024", "source": source,
                                          "csrf_token": admin.token}, follow_redirects=True)
    assert (f"Tahun anggaran 2024 dibuat. Disalin dari 2023: profil lembaga, 6 sasaran, "
            f"6 indikator dengan targetnya, {signers} penandatangan") in response.text


def test_review_marks_have_a_visible_key(admin, app):
    with app.app_context():
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(100), version=1))
        db.session.add(Review(indicator_id=1, quarter=1, status="returned", comment="x"))
        db.session.commit()
    page = admin.get("/barito-selatan/2023/realisasi").text
    assert 'data-status="returned" role="img" aria-label="dikembalikan"' in page
    legend = re.sub(r"<[^>]+>", "", page.split('id="rl-legend"')[1].split("</p>")[0])
    for words in ("Draf: belum diajukan untuk verifikasi", "Diajukan, menunggu verifikasi",
                  "Dikembalikan verifikator", "Disetujui dan dikunci verifikator"):
        assert words in legend


def test_revoking_and_deleting_an_empty_sasaran_ask_first(admin, app):
    issue(admin, "pk")
    register = admin.get("/barito-selatan/dokumen").text
    revoke = re.search(r'<form[^>]*action="/barito-selatan/dokumen/\d+/cabut"[^>]*>',
                       register).group(0)
    assert 'data-confirm="Cabut Perjanjian Kinerja' in revoke and "tidak dapat dibatalkan" in revoke
    admin.post("/barito-selatan/2023/sasaran",
               data={"name": "Sasaran kosong", "csrf_token": admin.token})
    page = admin.get("/barito-selatan/2023/sasaran").text
    delete = re.search(r'<form[^>]*action="/barito-selatan/2023/sasaran/\d+/hapus"[^>]*>',
                       page).group(0)
    assert 'data-confirm="Hapus sasaran 7 (Sasaran kosong)?"' in delete
    assert "onclick" not in page and "onsubmit" not in page


def test_cli_password_prompts_are_indonesian(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "budi"],
                           input="rahasia-budi-1\nlain-sekali-2\nrahasia-budi-1\nrahasia-budi-1\n")
    assert result.exit_code == 0, result.output
    assert "Kata sandi: " in result.output and "Ulangi untuk konfirmasi: " in result.output
    assert "Kedua kata sandi tidak sama. Ketik lagi." in result.output
    assert "Repeat" not in result.output and "do not match" not in result.output
    reset = runner.invoke(args=["reset-password", "budi"], input="baru-123456\nbaru-123456\n")
    assert reset.exit_code == 0 and "Kata sandi baru: " in reset.output
    assert "Repeat" not in reset.output
    for command in (["create-user", "--help"], ["restore", "--help"],
                    ["evidence", "cleanup", "--help"]):
        help_text = runner.invoke(args=command).output
        assert "confirmation" not in help_text and "Only list" not in help_text
