"""The LKjIP page (narrative slots, saved as the admin types) and the DOCX / PDF draft."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allowed
from ..auth.permissions import admin_required, reader_required
from ..issued import service as issued
from ..reports import options
from ..scope import get_year
from . import bp, documents, service, viewmodel

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _draft(year: int, args=None) -> tuple[viewmodel.Lkjip, options.PrintOptions]:
    """The view-model and print options of a request: ?belum_verifikasi=1 counts unverified
    quarters too; paper and closing date as for the other documents (portrait by default)."""
    args = request.args if args is None else args
    year_obj = get_year(year)
    opt = options.parse(args, "pk")
    include = args.get("belum_verifikasi") == "1"
    return viewmodel.build(year_obj, include, opt.closing_text), opt


def _filename(vm: viewmodel.Lkjip, ext: str) -> str:
    suffix = "-belum-verifikasi" if vm.include_unverified else ""
    return f"lkjip-{vm.year.year}{suffix}.{ext}"


@bp.route("/<int:year>/lkjip")
@reader_required
def page(year: int):
    """The narrative slots of the year's LKjIP, each sasaran's numbers beside its text box."""
    vm, _opt = _draft(year)
    return render_template("lkjip/index.html", vm=vm, year=vm.year,
                           can_edit=allowed("manage"), max_chars=service.MAX_CHARS,
                           issued=issued.current_for(vm.year, "lkjip"))


@bp.route("/<int:year>/lkjip/terbitkan", methods=["POST"])
@admin_required
def issue(year: int):
    """Issue the LKjIP as the page shows it: the PDF is stored once with a verification code,
    like the reports page's documents, and listed in the register of issued documents."""
    vm, opt = _draft(year, request.form)
    try:
        doc = issued.issue("lkjip", vm.year, opt,
                           render=lambda footer: documents.pdf(vm, opt, footer))
    except issued.AlreadyIssuing:
        flash("LKjIP ini baru saja diterbitkan oleh orang lain. Muat ulang halaman.", "error")
        return redirect(url_for(".page", year=year))
    flash(f"{doc.title} versi {doc.version} diterbitkan, kode {doc.code_display}.", "success")
    return redirect(url_for("documents.register", tahun=year))


@bp.route("/<int:year>/lkjip/teks/<slot>", methods=["POST"])
@admin_required
def save_slot(year: int, slot: str):
    """Save one slot's text (version-checked); answers the state line and, out of band, the
    version and base fields: the text box being typed in is never replaced."""
    year_obj = get_year(year)
    if service.slot_title(year_obj, slot) is None:
        abort(404)
    text = (request.form.get("text") or "").replace("\r\n", "\n").strip()
    if len(text) > service.MAX_CHARS:
        return render_template("lkjip/_state.html", key=slot, status="invalid",
                               message=f"Teks terlalu panjang (maksimal {service.MAX_CHARS} "
                                       "karakter). Isian belum disimpan.", saved=None)
    try:
        version = int(request.form.get("version") or 0)
    except ValueError:
        version = None
    saved = service.save(year_obj, slot, text, version, request.form.get("base") or "",
                         current_user)
    message = saved.message or "Tidak ada perubahan"
    return render_template("lkjip/_state.html", key=slot, status=saved.status,
                           message=message, saved=saved)


@bp.route("/<int:year>/laporan/lkjip.docx")
@reader_required
def docx(year: int):
    """The draft as an editable Word document."""
    vm, _opt = _draft(year)
    return Response(documents.docx(vm), mimetype=DOCX_MIME, headers={
        "Content-Disposition": f'attachment; filename="{_filename(vm, "docx")}"'})


@bp.route("/<int:year>/laporan/lkjip.pdf")
@reader_required
def pdf(year: int):
    """The same draft as a PDF (xhtml2pdf), from the same view-model and blocks."""
    vm, opt = _draft(year)
    return Response(documents.pdf(vm, opt), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{_filename(vm, "pdf")}"'})


@bp.route("/<int:year>/laporan/lkjip.html")
@reader_required
def preview(year: int):
    """The PDF's HTML, to read in the browser."""
    vm, opt = _draft(year)
    return documents.html(vm, opt, False, url_for(".pdf", year=year, **request.args))
