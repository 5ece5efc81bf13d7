"""Evidence files on disk: name cleaning, content sniffing and atomic, streamed storage.

No Flask in here, and the database only through the session a caller hands to `store` or
`remove`: the services (evidence/service.py, lke/files.py) decide what the row is.
"""
import hashlib
import os
import re
import tempfile
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from ..formatting import format_number

CHUNK_SIZE = 64 * 1024
MAX_NAME_LENGTH = 255
MB = 1024 * 1024

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODT = "application/vnd.oasis.opendocument.text"

# Extension -> the content type its content must be sniffed as.
EXTENSIONS = {
    "pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG,
    "xlsx": XLSX, "docx": DOCX, "ods": ODS, "odt": ODT,
}
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", XLSX: "Excel", DOCX: "Word",
          ODS: "Spreadsheet ODF", ODT: "Dokumen ODF"}
PREVIEWABLE = frozenset({PDF, JPEG, PNG})
ACCEPT = ",".join("." + ext for ext in EXTENSIONS)
ALLOWED_TEXT = "PDF, JPG, PNG, XLSX, DOCX, ODS, ODT"

NOT_ALLOWED = f"Jenis berkas tidak diizinkan (yang diizinkan: {ALLOWED_TEXT})"
EMPTY = "Berkas kosong"


class Refused(Exception):
    """An upload that is not stored; str(error) is the message shown to the user."""


# --- names -----------------------------------------------------------------------------

# Characters Windows does not allow in file names: the name goes back to users' machines.
_UNSAFE = str.maketrans({'"': "'", "<": "_", ">": "_", ":": "_", "|": "_", "?": "_",
                         "*": "_"})


def _clean_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if ch in "\t\n\r\v\f" or category.startswith("Z"):
        return " "
    return "" if category.startswith("C") else ch


def clean_name(raw: str | None) -> str:
    """The name to show and to offer on download: no folders, no control or invisible
    formatting characters (such as right-to-left overrides), at most 255 characters with the
    extension kept."""
    name = unicodedata.normalize("NFC", raw or "")
    # Browsers send '"', CR and LF in multipart file names as %22, %0D, %0A (HTML standard).
    name = name.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(_clean_char(ch) for ch in name)
    name = " ".join(name.translate(_UNSAFE).split()).strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH].rstrip(" .")
    return name or "berkas"


# Device names Windows reserves, with any extension ("CON.pdf", "nul.tar.gz"): a file cannot
# be saved under them.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)", re.IGNORECASE)


def download_name(original: str) -> str:
    """The name a download is offered under: one Windows, macOS and Linux can all save.

    The evidence list keeps showing the original name; only the download differs, and only
    when it has to: a reserved device name gets "_" after its stem ("CON.pdf" -> "CON_.pdf"),
    a trailing dot or space goes, characters Windows forbids become "_".
    """
    name = "".join(_clean_char(ch) for ch in original or "")
    name = " ".join(name.translate(_UNSAFE).split()).rstrip(" .")
    if not name.strip(" ."):
        return "berkas"
    if _RESERVED.match(name):
        stem, dot, rest = name.partition(".")
        name = f"{stem}_{dot}{rest}"
    return name


def extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


# --- content sniffing ------------------------------------------------------------------

def sniff(path: Path) -> str | None:
    """The content type of an allowed file judged by its bytes, or None (HTML, SVG, scripts,
    executables and everything else we do not know)."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    return None


_ODF_TYPES = {ODS.encode(): ODS, ODT.encode(): ODT}


def _sniff_zip(path: Path) -> str | None:
    """Office Open XML and OpenDocument files are ZIP containers; look at their parts (only
    the directory and the tiny ODF `mimetype` entry are read, so a ZIP bomb does no harm)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                return None  # macros: a .docm/.xlsm renamed
            if "mimetype" in names and zf.getinfo("mimetype").file_size <= 100:
                with zf.open("mimetype") as entry:
                    found = _ODF_TYPES.get(entry.read(100).strip())
                if found and "content.xml" in names:
                    return found
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, KeyError):
        return None
    return None


# --- storing ---------------------------------------------------------------------------

@dataclass
class Upload:
    """A file received completely into a temporary file next to its final place."""

    temp_path: Path
    size: int
    sha256: str
    content_type: str


def too_large_message(max_bytes: int) -> str:
    return f"Berkas melebihi batas {max_bytes // MB} MB"


def receive(stream, name: str, upload_dir: Path, max_bytes: int) -> Upload:
    """Copy the upload in chunks into a temporary file in upload_dir (never the whole file in
    memory), hashing as it goes; check size, content and extension. The caller either calls
    place() or discard() with the result. Raises Refused with the user's message."""
    expected = EXTENSIONS.get(extension(name))
    if expected is None:
        raise Refused(NOT_ALLOWED)
    fd, temp_name = tempfile.mkstemp(dir=upload_dir, prefix=".upload-", suffix=".part")
    temp_path = Path(temp_name)
    try:
        digest, size = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK_SIZE):
                size += len(chunk)
                if size > max_bytes:
                    raise Refused(too_large_message(max_bytes))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise Refused(EMPTY)
        found = sniff(temp_path)
        if found is None:
            raise Refused(NOT_ALLOWED)
        if found != expected:
            raise Refused(f"Isi berkas ({LABELS[found]}) tidak sesuai dengan ekstensi "
                          f".{extension(name)}")
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return Upload(temp_path, size, digest.hexdigest(), found)


def new_stored_name(content_type: str) -> str:
    ext = next(e for e, t in EXTENSIONS.items() if t == content_type)
    return f"{uuid.uuid4().hex}.{ext}"


def place(upload: Upload, upload_dir: Path, stored_name: str) -> Path:
    """Atomically move the temporary file to its final name and make the rename durable."""
    final = upload_dir / stored_name
    os.replace(upload.temp_path, final)
    _fsync_dir(upload_dir)
    return final


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)


def store(session, upload: Upload, upload_dir: Path, add_row: Callable[[str], object],
          duplicate: str):
    """A row never without its file, nor a file without its row: `add_row(stored_name)` checks
    what it must (raising Refused), adds the row (and its log entry) to `session` and returns
    it; then the file takes its final name and the session commits. On any failure the session
    rolls back and the file goes; a unique constraint broken by a concurrent upload of the same
    file is told as `duplicate`."""
    final = None
    try:
        row = add_row(new_stored_name(upload.content_type))
        final = place(upload, upload_dir, row.stored_name)
        session.commit()
    except IntegrityError:
        session.rollback()
        discard(final or upload.temp_path)
        raise Refused(duplicate) from None
    except BaseException:
        session.rollback()
        discard(final or upload.temp_path)
        raise
    return row


def remove(session, path: Path, delete_row: Callable[[], None]) -> None:
    """Delete a row (`delete_row` deletes it from `session`) and its file. The file is moved
    aside first, so a failed commit puts it back and a crash leaves a marked leftover for
    `flask evidence cleanup`, never a row without its file."""
    aside = path.with_name(f".{path.name}.deleted")
    moved = path.exists()
    if moved:
        os.replace(path, aside)
    try:
        delete_row()
        session.commit()
    except BaseException:
        session.rollback()
        if moved:
            os.replace(aside, path)
        raise
    discard(aside)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # platforms without directory handles (Windows)
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def human_size(size: int) -> str:
    """A byte count the Indonesian way: "512 B", "12,5 KB", "1,2 MB"."""
    if size < 1024:
        return f"{size} B"
    if size < MB:
        return f"{format_number(Decimal(size) / 1024, 1)} KB"
    return f"{format_number(Decimal(size) / MB, 1)} MB"
