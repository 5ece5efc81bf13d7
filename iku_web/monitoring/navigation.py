"""The navbar's "Tugas saya" badge, computed once per request and only when shown."""
from flask import g
from flask_login import current_user

from . import service


def open_task_count() -> int:
    """The number on the navbar's "Tugas saya" badge (registered in templating.py)."""
    if not current_user.is_authenticated:
        return 0
    if "open_task_count" not in g:
        g.open_task_count = service.open_count(current_user)
    return g.open_task_count
