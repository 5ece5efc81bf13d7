"""What the server acknowledged against what the database and the upload folder hold, after a
load or fault test: lost writes, lost uploads, files without a row and rows without a file."""
import hashlib
import sqlite3
from decimal import Decimal
from pathlib import Path

from load_client import Client


def audit(directory: Path, clients: list[Client]) -> dict:
    """Compare what the server acknowledged with what the database and the folder hold."""
    conn = sqlite3.connect(directory / "bench.sqlite3")
    result = {"integrity": conn.execute("PRAGMA integrity_check").fetchone()[0]}
    users = dict(conn.execute("SELECT username, id FROM user"))
    lost = []
    for c in clients:
        if c.acked_own is not None:
            row = conn.execute("SELECT value FROM realisasi WHERE indicator_id=? AND quarter=?",
                               c.own).fetchone()
            # A later save may have been stored although its answer was lost (a killed
            # worker); anything else means the acknowledged value was lost.
            allowed = {Decimal(v) for v in [c.acked_own, *c.pending_own]}
            if row is None or Decimal(str(row[0])) not in allowed:
                lost.append(("own", c.k, c.acked_own, row))
        if c.acked_shared is not None:
            # The cell is shared: this client's last acknowledged value must be in the history
            # (saves by one user within a minute are merged into one entry, last value kept).
            logged = conn.execute(
                "SELECT new_value FROM change_log WHERE indicator_id=? AND quarter=? AND "
                "field='value' AND user_id=?", (*c.shared, users[f"v{c.k}"])).fetchall()
            # The log keeps the display text ("4.010" in Indonesian notation).
            found = any(v and Decimal(v.replace(".", "").replace(",", ".")) ==
                        Decimal(c.acked_shared) for (v,) in logged)
            if not found:
                lost.append(("shared", c.k, c.acked_shared))
    result["lost_writes"] = lost
    stored = dict(conn.execute("SELECT sha256, stored_name FROM evidence"))
    acked = [h for c in clients for h in c.uploads]
    uploads = directory / "uploads"
    lost_uploads = [h for h in acked if h not in stored or not (uploads / stored[h]).is_file()
                    or hashlib.sha256((uploads / stored[h]).read_bytes()).hexdigest() != h]
    names = set(stored.values())
    files = {p.name for p in uploads.iterdir() if p.is_file()}
    result.update(acked_writes=sum(c.acked_own is not None for c in clients),
                  acked_uploads=len(acked), lost_uploads=lost_uploads,
                  files_without_row=sorted(files - names), rows_without_file=sorted(names - files))
    conn.close()
    return result
