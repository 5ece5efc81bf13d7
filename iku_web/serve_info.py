"""`flask --app wsgi alamat --host H --port P`: what `make run` prints before serving: the
address to open (and, when serving on every interface, the one the office's other computers
use), the first login and the guide."""
import socket

import click


def office_address() -> str | None:
    """This computer's address on the office network: the source address of the route out
    (a UDP "connect" sends nothing), or None without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


SINGLE_LOGIN = ("Masuk pertama: nama pengguna admin, kata sandi dari kotak \"Akun admin dibuat\" "
                "(dicetak sekali saat pertama kali dijalankan) atau dari IKU_ADMIN_PASSWORD.")
# make run-provinsi: many accounts, one password printed by seed-provinsi.
PROVINSI_LOGIN = ("Masuk: admin (seluruh instalasi) atau admin.<kode>, staf.<kode>, "
                  "verifikator.<kode> (mis. admin.barito-selatan); kata sandi dari kotak \"Kata "
                  "sandi semua akun contoh\" atau dari IKU_DEMO_PASSWORD.")


def lines(host: str, port: int, office: str | None, provinsi: bool = False) -> list[str]:
    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    out = ["IKU Web siap. Buka di peramban:", f"  http://{local}:{port}/"]
    if host in ("0.0.0.0", "::"):
        shown = office or "<alamat-IP-komputer-ini>"
        out.append(f"  dari komputer lain di kantor: http://{shown}:{port}/")
    out += [PROVINSI_LOGIN if provinsi else SINGLE_LOGIN,
            "  Lupa: .venv/bin/flask --app wsgi reset-password admin",
            f"Panduan pengguna: http://{local}:{port}/panduan",
            "Hentikan server dengan Ctrl+C."]
    return out


@click.command("alamat")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--provinsi", is_flag=True, help="Untuk make run-provinsi: akun per unit.")
def address_command(host: str, port: int, provinsi: bool):
    """Print the address to open and the first login (make run, before serving)."""
    office = office_address() if host in ("0.0.0.0", "::") else None
    click.echo("\n".join(lines(host, port, office, provinsi)))
