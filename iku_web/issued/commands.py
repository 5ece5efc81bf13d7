"""`flask --app wsgi documents verify`: recompute the SHA-256 of every issued file."""
import sys

import click

from . import bp, service


@bp.cli.command("verify")
def verify():
    """Check that every issued file still has the bytes it was issued with (exit code 1 when
    one differs or is missing)."""
    count, problems = service.verify_all()
    for problem in problems:
        doc = problem.doc
        click.echo(f"BERBEDA: {doc.title} versi {doc.version} (kode {doc.code_display}, "
                   f"berkas {doc.stored_name}): {problem.problem}")
    for name in service.files_without_row():
        click.echo(f"TANPA DATA: issued/{name} (bukan dokumen terbit; "
                   "`flask --app wsgi evidence cleanup` menghapusnya)")
    click.echo(f"{count} dokumen diperiksa, {len(problems)} berbeda.")
    if problems:
        sys.exit(1)
