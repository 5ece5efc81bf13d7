"""The budget page: programs and kegiatan with pagu, realisasi anggaran typed live per quarter
(only the cells beside the input are swapped), serapan and efficiency per sasaran."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import budget, change_source, settings
from ..auth.permissions import admin_required
from ..changelog import log_change
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm, choices
from ..formatting import ParseError, format_rupiah, parse_rupiah
from ..models import BudgetRealisasi, Program, Year
from ..reports.imports.upload import (
    INVALID_ROWS,
    NOTHING_PENDING,
    ImportForm,
    applying,
    check_upload,
    pending,
)
from ..scope import get_year, scoped_or_404
from . import bp, imports
from .forms import ProgramForm, RuleForm
from .service import write_amount


def _program(year: int, program_id: int) -> Program:
    program = scoped_or_404(Program, program_id)
    if program.year_ref.year != year:
        abort(404)
    return program


def _form(year: Year, program: Program | None = None, formdata=True) -> ProgramForm:
    form = ProgramForm(obj=program) if formdata else ProgramForm(formdata=None, obj=program)
    programs = db.session.scalars(sa.select(Program).where(
        Program.year_id == year.id, Program.parent_id.is_(None)).order_by(Program.position))
    form.parent_id.choices = choices(
        [(0, "Program")] + [(p.id, f"Kegiatan di bawah: {p.name[:70]}") for p in programs
                            if program is None or p.id != program.id])
    form.sasaran_id.choices = choices(
        [(0, "(belum dikaitkan)")] + [(s.id, f"{n}. {s.name[:80]}")
                                      for n, s in enumerate(year.sasaran, start=1)])
    if program is not None and not request.form:
        form.parent_id.data = program.parent_id or 0
        form.sasaran_id.data = program.sasaran_id or 0
    return form


def _page(year: Year, form: ProgramForm | None = None, editing: Program | None = None):
    data = budget.build(year)
    return render_template("anggaran/index.html", year=year, b=data,
                           form=form or _form(year, editing, formdata=False), editing=editing,
                           rule_form=RuleForm(formdata=None, rule=data.rule),
                           rules=budget.EFFICIENCY_RULES, empty=EmptyForm())


@bp.route("/<int:year>/anggaran")
def index(year: int):
    """Programs with pagu and realisasi anggaran; serapan and efficiency per sasaran."""
    return _page(get_year(year))


def _apply(form: ProgramForm, program: Program, year: Year) -> None:
    program.parent_id = form.parent_id.data or None
    program.code = (form.code.data or "").strip()
    program.name = form.name.data.strip()
    if form.pagu.data is not None or not program.kegiatan:
        program.pagu = form.pagu.data or 0
    program.sasaran_id = form.sasaran_id.data or None
    program.note = (form.note.data or "").strip()


def _kind(program: Program) -> str:
    """What the user added or saved: a kegiatan sits under a program."""
    return "Kegiatan" if program.parent_id else "Program"


@bp.route("/<int:year>/anggaran/program", methods=["POST"])
@admin_required
def add(year: int):
    begin_write(db.session)
    year_obj = get_year(year)
    form = _form(year_obj)
    if not form.validate_on_submit():
        return _page(year_obj, form)
    last = db.session.scalar(sa.select(sa.func.max(Program.position))
                             .where(Program.year_id == year_obj.id)) or 0
    program = Program(year_id=year_obj.id, position=last + 1)
    _apply(form, program, year_obj)
    db.session.add(program)
    log_change("program", "add", None, f"{program.name} ({format_rupiah(program.pagu)})",
               year=year_obj)
    db.session.commit()
    flash(f"{_kind(program)} ditambahkan.", "success")
    return redirect(url_for(".index", year=year))


@bp.route("/<int:year>/anggaran/program/<int:program_id>/ubah", methods=["GET", "POST"])
@admin_required
def edit(year: int, program_id: int):
    program = _program(year, program_id)
    year_obj = program.year_ref
    form = _form(year_obj, program)
    if program.kegiatan:  # its pagu is the sum of its kegiatan: nothing to type
        form.pagu.validators = []
    if request.method == "POST":
        if form.validate_on_submit():
            if program.kegiatan and form.parent_id.data:
                form.parent_id.errors.append("Program yang memiliki kegiatan tidak dapat "
                                             "dijadikan kegiatan.")
            else:
                old = program.pagu
                _apply(form, program, year_obj)
                if old != program.pagu:
                    log_change("program", "pagu", format_rupiah(old),
                               format_rupiah(program.pagu), year=year_obj)
                db.session.commit()
                flash(f"{_kind(program)} disimpan.", "success")
                return redirect(url_for(".index", year=year))
    return _page(year_obj, form, editing=program)


@bp.route("/<int:year>/anggaran/program/<int:program_id>/hapus", methods=["POST"])
@admin_required
def delete(year: int, program_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    program = _program(year, program_id)
    log_change("program", "delete", program.name, None, year=program.year_ref)
    db.session.delete(program)
    db.session.commit()
    flash("Kegiatan dihapus (beserta realisasinya)." if program.parent_id else
          "Program dihapus (beserta kegiatan dan realisasinya).", "success")
    return redirect(url_for(".index", year=year))


@bp.route("/<int:year>/anggaran/aturan", methods=["POST"])
@admin_required
def rule(year: int):
    form = RuleForm()
    if form.validate_on_submit():
        settings.put("efficiency_rule", form.rule.data)
        db.session.commit()
        flash("Rumus efisiensi disimpan.", "success")
    return redirect(url_for(".index", year=year))


@bp.route("/<int:year>/anggaran/<int:program_id>/<int:quarter>", methods=["POST"])
@admin_required
def save(year: int, program_id: int, quarter: int):
    """Save one quarter's realisasi anggaran; answer with the state beside the input, the
    row's total and serapan cells and the totals, all out of band (the input is never
    replaced). A value that is not a whole rupiah amount is refused and the saved one kept."""
    if quarter not in budget.QUARTERS:
        abort(404)
    begin_write(db.session)
    program = _program(year, program_id)
    entry = db.session.scalar(sa.select(BudgetRealisasi).where(
        BudgetRealisasi.program_id == program.id, BudgetRealisasi.quarter == quarter))
    saved = entry.amount if entry is not None else None
    text = (request.form.get("value") or "").strip()
    version = request.form.get("version", "0")
    state, message = "saved", "Tersimpan"
    try:
        if program.kegiatan:
            raise ParseError("Program ini memiliki kegiatan: realisasinya adalah jumlah "
                             "kegiatannya; isi pada baris kegiatan.")
        amount = parse_rupiah(text) if text else None
    except ParseError as exc:
        state = "invalid"
        message = f"{exc} Nilai tersimpan: {format_rupiah(saved) or 'kosong'}."
    else:
        current = entry.version if entry is not None else 0
        if version != str(current):
            state = "conflict"
            message = (f"Diubah pengguna lain menjadi {format_rupiah(saved) or 'kosong'}; "
                       "muat ulang halaman.")
        elif amount != saved:
            write_amount(entry, program.id, quarter, amount, current_user.id)
            log_change("budget_realisasi", f"{program.name[:40]} TW {quarter}",
                       format_rupiah(saved) or None, format_rupiah(amount) or None,
                       year=program.year_ref, quarter=quarter)
    db.session.commit()
    data = budget.build(program.year_ref)
    parent = data.row_of(program.parent_id) if program.parent_id else None
    return render_template("anggaran/_saved.html", row=data.row_of(program.id), parent=parent,
                           b=data, state=state, message=message, quarter=quarter,
                           year=program.year_ref)


# --- Excel: export and import (preview, then all or nothing) -------------------------------


@bp.route("/<int:year>/anggaran.xlsx")
def export(year: int):
    """The budget sheet (also the import layout)."""
    from flask import Response

    from ..reports.excel import XLSX_MIME, budget_workbook

    return Response(budget_workbook(get_year(year)), mimetype=XLSX_MIME, headers={
        "Content-Disposition": f'attachment; filename="anggaran-{year}.xlsx"'})


@bp.route("/<int:year>/anggaran/impor", methods=["GET", "POST"])
@admin_required
def import_preview(year: int):
    """Upload a budget sheet and see every change (old -> new); nothing is written yet."""
    year_obj = get_year(year)
    form = ImportForm()
    the_plan, error = None, None
    if request.method == "POST":
        the_plan, error = check_upload(form, year, "anggaran",
                                       lambda data: imports.plan(year_obj, data),
                                       "Berkas tidak berisi baris program.")
    return render_template("anggaran/import.html", year=year_obj, form=form, plan=the_plan,
                           error=error, apply_form=EmptyForm())


@bp.route("/<int:year>/anggaran/impor/terapkan", methods=["POST"])
@admin_required
def import_apply(year: int):
    """Apply the previewed file in one transaction, checked again first."""
    change_source.declare(change_source.EXCEL_IMPORT)
    if not EmptyForm().validate_on_submit():
        abort(400)
    begin_write(db.session)
    year_obj = get_year(year)
    path = pending(year, "anggaran")
    if path is None:
        flash(NOTHING_PENDING, "error")
        return redirect(url_for(".import_preview", year=year))
    with applying(path, "anggaran") as data:
        the_plan = imports.plan(year_obj, data)
        if not the_plan.ok:
            flash(INVALID_ROWS, "error")
            return redirect(url_for(".import_preview", year=year))
        count = imports.apply(year_obj, the_plan, current_user.id)
        db.session.commit()
    flash(f"Impor anggaran selesai: {count} isian diubah.", "success")
    return redirect(url_for(".index", year=year))
