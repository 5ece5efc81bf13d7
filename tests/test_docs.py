"""The project documents itself: code, tests and templates point to docs/, never to
documents outside the repository."""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The two outside documents, named in pieces so that this file does not cite them itself.
_NAMES = ("bri" + "ef", "sty" + "le")
OUTSIDE = re.compile(rf"\b(?:{'|'.join(_NAMES)})\.md\b|\b{_NAMES[0]}\s+(?:section\s+)?\d",
                     re.IGNORECASE)


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    return [ROOT / name for name in listed if name]


def test_docs_exist():
    for name in ("capaian.md", "glossary.md", "architecture.md"):
        assert (ROOT / "docs" / name).stat().st_size > 1000, name


def test_no_file_outside_docs_cites_an_outside_document():
    offenders = []
    for path in tracked_files():
        if path.parts[len(ROOT.parts)] == "docs" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts, spreadsheets
        offenders += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
                      for m in OUTSIDE.finditer(text)]
    assert offenders == [], "point these to a file in docs/ instead: " + ", ".join(offenders)


def test_the_check_catches_a_citation():
    first, second = (name.upper() for name in _NAMES)
    assert OUTSIDE.search(f"# see {first} section 4") and OUTSIDE.search(f"({second}.md: ...)")
    assert not OUTSIDE.search("see docs/capaian.md")
