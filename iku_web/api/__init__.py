"""The read API under /api/v1/<kode>/<tahun>/... (docs/api.md). The LKE's endpoint lives with
the LKE (iku_web/lke/api.py); both are moved under the unit by iku_web/scope.py."""
from flask import Blueprint, Flask
from flask_login import current_user

from ..extensions import login_manager
from . import answers, tokens

bp = Blueprint("api", __name__)


def init_app(app: Flask) -> None:
    """Call before scope.init_app: a bad token is refused before the unit is looked at."""
    login_manager.request_loader(tokens.load_user_from_token)
    app.before_request(_refuse_bad_token)


def _refuse_bad_token():
    """A request that sent a token that does not work gets 401, even where anonymous visitors
    may read: the client meant to be someone, and must learn that it is not."""
    if answers.is_api_request() and tokens.bearer() is not None \
            and not current_user.is_authenticated:
        return answers.unauthorized()
    return None


from . import capaian  # noqa: E402,F401
