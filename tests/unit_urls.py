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
INSTALL = r"(?!pengguna/log-masuk|pengaturan/(?:capaian|bukti|logo|log-email)|dokumen/alamat)"
UNIT_PAGES = (r"(?:dokumen|renstra|riwayat|pantauan|saya|tahun|pengguna|pengaturan|bukti/"
              r"|pindah-tahun)")
PATTERN = re.compile(
    rf"""(?<=["'])/(?=(?:20\d\d|\{{[a-z_.]*year[a-z_.]*\}})/|{INSTALL}{UNIT_PAGES}(?:["'/?.#{{]))""")


def rewrite(text: str) -> str:
    return PATTERN.sub(f"/{CODE}/", text)


def main(folders: list[str]) -> None:
    for folder in folders:
        for path in Path(folder).rglob("*.py"):
            if path.name == "unit_urls.py":
                continue
            old = path.read_text()
            new = rewrite(old)
            if new != old:
                path.write_text(new)
                print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
