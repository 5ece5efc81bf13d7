"""Inline SVG icons: they draw with the page's own colour and need no emoji font (the lock
emoji showed as an empty box on machines without one)."""
from markupsafe import Markup

LOCK = Markup(
    '<svg class="icon-lock" aria-hidden="true" focusable="false" width="1em" height="1em" '
    'viewBox="0 0 16 16" fill="currentColor"><path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 '
    '0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1zm2 6H6V4.5'
    'a2 2 0 1 1 4 0V7z"/></svg>')
