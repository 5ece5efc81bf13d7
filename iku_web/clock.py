"""The app's clock: "now" and "today", replaceable per app with config["CLOCK"].

Reminders, deadlines and notifications ask this module for the time, so a test (or an
office replaying a missed day) fixes the date with `app.config["CLOCK"] = lambda: datetime(...)`
instead of sleeping or patching the standard library.
"""
from datetime import date, datetime

from flask import current_app, has_app_context


def now() -> datetime:
    fixed = current_app.config.get("CLOCK") if has_app_context() else None
    return fixed() if fixed else datetime.now()


def today() -> date:
    return now().date()
