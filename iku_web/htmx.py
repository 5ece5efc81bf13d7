"""The few htmx helpers every blueprint uses."""
from flask import Response, redirect, render_template, request


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def render(full: str, fragment: str, **context) -> str:
    """The fragment alone for an htmx request, else the full page that includes it."""
    return render_template(fragment if is_htmx() else full, **context)


def redirect_to(url: str) -> Response:
    """A redirect that htmx follows as a full page load instead of swapping it in."""
    if is_htmx():
        return Response(status=204, headers={"HX-Redirect": url})
    return redirect(url)
