"""Rewrite the addresses written in tests (and bench scripts) to the unit-scoped ones:
"/2023/iku" -> "/barito-selatan/2023/iku", "/dokumen" -> "/barito-selatan/dokumen" (the demo's
unit; docs/units.md). The old addresses still answer, with a redirect; the tests ask for the
pages themselves. Idempotent: run it again on test files merged from elsewhere.

    python -m tests.unit_urls tests bench
"""
import re
import sys
from pathlib import Path

CODE = "barito-selatan"
KEEP = {"unit_urls.py", "test_unit_scope.py"}  # the latter asks for old addresses on purpose
INSTALL = r"(?!pengguna/log-masuk|pengaturan/(?:capaian|bukti|logo|log-email)|dokumen/alamat)"
UNIT_PAGES = (r"(?:dokumen|renstra|riwayat|pantauan|saya|tahun|pengguna|pengaturan|bukti/"
              r"|pindah-tahun)")
PATTERN = re.compile(
    rf"""(?<=["'=])/(?=(?:\d{{4}}|\{{[a-z_.]*year[a-z_.]*\}})/|{INSTALL}{UNIT_PAGES}(?:["'/?.#{{]))""")


ENCODED = re.compile(rf"(?<!{CODE})%2F(\d{{4}})%2F")
HOSTED = re.compile(r"(https?://[A-Za-z0-9.:-]+)/(?=\d{4}/(?:indikator|iku|realisasi|laporan))")
LIVE = re.compile(r"(\{[a-z_.]*url\})/(?=\d{4}/)")
WRAPPED = re.compile(rf"""["']/{CODE}["']\s*f?["']$""")


def rewrite(text: str) -> str:
    def replace(match: re.Match) -> str:
        # The second half of "/barito-selatan" "/2023/..." split over two lines is done.
        done = WRAPPED.search(text, max(0, match.start() - 200), match.start())
        return "/" if done else f"/{CODE}/"

    text = PATTERN.sub(replace, text)
    text = ENCODED.sub(rf"%2F{CODE}%2F\1%2F", text)  # ?next=%2F2023%2Fprofil
    text = LIVE.sub(rf"\1/{CODE}/", text)  # f"{live_server.url}/2023/iku"
    return HOSTED.sub(rf"\1/{CODE}/", text)  # http://iku.kantor/2023/... in e-mails


def main(folders: list[str]) -> None:
    for folder in folders:
        for path in Path(folder).rglob("*.py"):
            if path.name in KEEP:
                continue
            old = path.read_text()
            new = rewrite(old)
            if new != old:
                path.write_text(new)
                print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
