"""Where a change came from, recorded with every change log entry: the app's screens
("layar"), an Excel import ("impor Excel") or a command on the server ("perintah")."""
from flask import g, has_request_context

SCREEN = "layar"
EXCEL_IMPORT = "impor Excel"
COMMAND = "perintah"


def current_source() -> str:
    """The source of changes made now: what the request declared, else the screen; outside
    any request (a flask command), the command line."""
    if not has_request_context():
        return COMMAND
    return g.get("change_source", SCREEN)


def declare(source: str) -> None:
    """Mark every change of this request as coming from `source` (an import, say)."""
    g.change_source = source
