"""The public check of a paper copy: /cek/<kode>, open to anyone, no login."""
from flask import redirect, render_template, request, url_for
from flask_wtf.file import FileField

from ..fields import Form
from . import bp, codes, service


class UploadForm(Form):
    berkas = FileField("Berkas PDF yang ingin dicocokkan")


@bp.route("/cek")
def check_form():
    """Type the code printed under the QR code."""
    typed = request.args.get("kode", "")
    if typed:
        return redirect(url_for(".check", kode=typed.strip()))
    return render_template("documents/check_form.html")


@bp.route("/cek/<kode>", methods=["GET", "POST"])
def check(kode: str):
    """What the office issued under this code, and (POST) whether an uploaded PDF is
    byte-identical to it. Unknown codes count against the client: after too many the page
    answers nothing for a while, so codes cannot be guessed."""
    client = service.client_key()
    if service.is_throttled(client):
        return render_template("documents/check.html", throttled=True, typed=kode,
                               minutes=int(service.CHECK_WINDOW.total_seconds() // 60)), 429
    doc = service.find(codes.normalise(kode))
    if doc is None:
        service.record_failure(client)
        return render_template("documents/check.html", doc=None, typed=kode), 404
    form = UploadForm()
    result = None
    if request.method == "POST" and form.validate():
        upload = form.berkas.data
        if not upload or not upload.filename:
            form.berkas.errors.append("Pilih berkas PDF.")
        else:
            sha256, size = service.stream_sha256(upload.stream)
            result = {"identical": sha256 == doc.sha256 and size == doc.size,
                      "sha256": sha256, "size": size}
    return render_template("documents/check.html", doc=doc, details=service.details(doc),
                           form=form, result=result)
