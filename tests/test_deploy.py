"""What `make run` prints, and the deployment files of deploy/ agreeing with each other and
with the app's configuration."""
import configparser
import re
import shlex
import subprocess
from pathlib import Path

from iku_web import serve_info

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def test_make_run_prints_the_address_and_the_first_login_before_serving():
    plan = subprocess.run(["make", "-n", "run", "HOST=0.0.0.0", "PORT=8080", "BIN=.venv/bin"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    commands = [line for line in plan.splitlines() if "flask --app wsgi" in line]
    assert commands[-2:] == [".venv/bin/flask --app wsgi alamat --host 0.0.0.0 --port 8080",
                             ".venv/bin/flask --app wsgi run --host 0.0.0.0 --port 8080"]


def test_the_address_command_names_the_office_address_when_serving_on_every_interface(app):
    out = app.test_cli_runner().invoke(args=["alamat", "--host", "0.0.0.0", "--port", "8080"])
    assert out.exit_code == 0
    assert "http://127.0.0.1:8080/" in out.output
    assert "nama pengguna admin" in out.output and "IKU_ADMIN_PASSWORD" in out.output
    assert "http://127.0.0.1:8080/panduan" in out.output
    office = serve_info.office_address()
    assert f"dari komputer lain di kantor: http://{office or '<alamat-IP-komputer-ini>'}:8080/" \
        in out.output


def test_the_address_command_on_loopback_says_nothing_of_other_computers(app):
    out = app.test_cli_runner().invoke(args=["alamat"])
    assert "http://127.0.0.1:5000/" in out.output and "komputer lain" not in out.output
    lines = serve_info.lines("0.0.0.0", 8080, "192.168.1.10")
    assert "  dari komputer lain di kantor: http://192.168.1.10:8080/" in lines


def test_the_province_demo_names_its_accounts_and_their_password(app):
    out = app.test_cli_runner().invoke(args=["alamat", "--provinsi"])
    assert "admin.<kode>" in out.output and "IKU_DEMO_PASSWORD" in out.output
    assert "Akun admin dibuat" not in out.output
    assert "alamat --provinsi" in (ROOT / "Makefile").read_text()


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "iku-web.service")
    return parser


def env_example(commented: bool = False) -> dict[str, str]:
    """The variables the example sets (and, with `commented`, those it suggests)."""
    prefix = r"(?:#\s?)?" if commented else ""
    text = (DEPLOY / "iku-web.env.example").read_text()
    return dict(re.findall(rf"^{prefix}([A-Z][A-Z_]+)=(.*)$", text, re.M))


def test_the_systemd_unit_runs_gunicorn_where_nginx_sends_the_requests():
    service = unit()["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0] == f"{service['WorkingDirectory']}/.venv/bin/gunicorn" and argv[-1] == "wsgi:app"
    bind = argv[argv.index("--bind") + 1]
    nginx = (DEPLOY / "nginx-iku-web.conf").read_text()
    assert f"proxy_pass http://{bind};" in nginx
    assert service["EnvironmentFile"] == "/etc/iku-web/iku-web.env"
    assert "/etc/iku-web/iku-web.env" in (DEPLOY / "iku-flask").read_text()
    # The service may write only in instance/: the database and the uploads must be there.
    env = env_example()
    writable = service["ReadWritePaths"]
    assert env["DATABASE_URL"] == f"sqlite:///{writable}/iku.sqlite3"
    assert env["UPLOAD_DIR"].startswith(writable + "/")


def test_the_environment_file_sets_only_variables_the_app_reads(app):
    config = (ROOT / "iku_web" / "config.py").read_text()
    env = env_example(commented=True)
    assert {"SECRET_KEY", "DATABASE_URL", "PROXY_COUNT", "SESSION_COOKIE_SECURE"} <= set(env)
    assert [name for name in env if f'"{name}"' not in config] == []
    assert {"MAIL_SERVER", "MAIL_DEFAULT_SENDER"} <= set(env)
    assert env_example()["PROXY_COUNT"] == "1"  # one nginx in front


def test_nginx_accepts_the_largest_request_the_app_answers(app):
    nginx = (DEPLOY / "nginx-iku-web.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", nginx).group(1))
    assert megabytes * 1024 * 1024 == app.config["MAX_CONTENT_LENGTH"]
