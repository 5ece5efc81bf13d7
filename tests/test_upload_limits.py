"""Upload limits: a big text field is not called a big file, and an early answer arrives even
while the browser is still sending (under gunicorn it was a broken connection)."""
import io
import shutil
import socket

from werkzeug.datastructures import FileStorage, MultiDict

from iku_web.evidence.routes import FORM_TOO_LARGE
from tests import evidence_samples as samples
from tests.evidence_samples import first_indicator_id, multipart, rows
from tests.live_gunicorn import gunicorn


def test_a_big_text_field_is_not_reported_as_a_big_file(app, admin):
    indicator_id = first_indicator_id(app)
    data = MultiDict([("catatan", "x" * 1_000_000),
                      ("berkas", FileStorage(io.BytesIO(samples.pdf()), filename="kecil.pdf"))])
    response = admin.post(f"/barito-selatan/2023/indikator/{indicator_id}/bukti/1",
                          headers={"HX-Request": "true", "X-CSRFToken": admin.token},
                          **multipart(data))
    assert response.status_code == 200
    assert FORM_TOO_LARGE in response.text
    assert "Batas per berkas" not in response.text
    assert rows(app) == []


def _post_and_read_answer(port: int, size: int) -> bytes:
    """Send a multipart body of `size` bytes in 64 KB pieces, then read the answer."""
    body = (b'--b\r\nContent-Disposition: form-data; name="berkas"; filename="a.pdf"\r\n\r\n'
            + b"0" * size + b"\r\n--b--\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /kantor/2023/indikator/1/bukti/1 HTTP/1.1\r\nHost: localhost\r\n"
                     b"Content-Type: multipart/form-data; boundary=b\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode())
        for start in range(0, len(body), 65536):
            sock.sendall(body[start:start + 65536])
        return sock.recv(200)


def test_an_answer_given_before_the_body_is_read_still_reaches_the_sender(tmp_path,
                                                                         migrated_db):
    database = tmp_path / "iku.sqlite3"
    shutil.copy(migrated_db, database)
    with gunicorn(database, tmp_path / "uploads", MAX_CONTENT_LENGTH=1024 * 1024) as port:
        answer = _post_and_read_answer(port, 6 * 1024 * 1024)  # over the limit: refused early
        assert answer.startswith(b"HTTP/1.1 413")
        answer = _post_and_read_answer(port, 512 * 1024)  # no CSRF token: refused unread
        assert answer.startswith(b"HTTP/1.1 400")
