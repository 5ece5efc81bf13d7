"""The private parts of reportlab and xhtml2pdf that pdf_tables.py and pdf_widths.py read,
checked on a tiny real layout, so that an upgrade that removes one is named by a test
(tests/test_reports_pdf_tables.py) instead of breaking the documents' layout."""
import io

from reportlab.platypus.flowables import Flowable
from xhtml2pdf import document as xhtml2pdf_document
from xhtml2pdf.xhtml2pdf_reportlab import PmlTable


def missing_internals() -> list[str]:
    """The private parts of reportlab and xhtml2pdf this module and pdf_widths read that the
    installed versions lack ([] when all are there), checked on a tiny real layout."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import flowables, frames
    from reportlab.platypus.doctemplate import SimpleDocTemplate
    from xhtml2pdf import xhtml2pdf_reportlab
    from xhtml2pdf.builders import flex
    from xhtml2pdf.context import pisaContext

    found: dict[str, bool] = {
        "reportlab.platypus.flowables._ContainerSpace": hasattr(flowables, "_ContainerSpace"),
        "xhtml2pdf.document.pisaStory": callable(getattr(xhtml2pdf_document, "pisaStory", None)),
        "xhtml2pdf PmlTable._mayCutInsideRow": callable(
            getattr(xhtml2pdf_reportlab.PmlTable, "_mayCutInsideRow", None)),
        "reportlab Frame._atTop": hasattr(frames.Frame(0, 0, 10, 10), "_atTop"),
        "reportlab Frame._height and paddings": all(
            hasattr(frames.Frame(0, 0, 10, 10), name)
            for name in ("_height", "_topPadding", "_bottomPadding", "_aW")),
        "xhtml2pdf PmlTable._splitInsideRow": callable(
            getattr(xhtml2pdf_reportlab.PmlTable, "_splitInsideRow", None)),
        "reportlab Table._getFirstPossibleSplitRowPosition": callable(
            getattr(xhtml2pdf_reportlab.PmlTable, "_getFirstPossibleSplitRowPosition", None)),
    }

    class Probe(Flowable):
        def wrap(self, availWidth, availHeight):  # noqa: N803
            doc = getattr(self.canv, "_doctemplate", None)
            found["reportlab canvas._doctemplate"] = doc is not None
            found["reportlab doctemplate.frame"] = hasattr(doc, "frame")
            return 0, 0

        def draw(self):
            pass

    table = PmlTable([["a", "b"]], repeatRows=1)
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([Probe(), table])
    found["xhtml2pdf builders.flex.table_column_widths"] = callable(
        getattr(flex, "table_column_widths", None))
    found["xhtml2pdf PmlTable._normWidth and _margins"] = all(
        callable(getattr(xhtml2pdf_reportlab.PmlTable, name, None))
        for name in ("_normWidth", "_margins"))
    found["xhtml2pdf PmlTable.shrinkToFit"] = hasattr(xhtml2pdf_reportlab.PmlTable,
                                                      "shrinkToFit")
    found["xhtml2pdf context.templateList"] = hasattr(pisaContext(""), "templateList")
    for name in ("_rowHeights", "_argH", "_nrows", "_ncols", "_argW", "_colWidths",
                 "_cellvalues", "_cellStyles"):
        found[f"reportlab Table.{name}"] = hasattr(table, name)
    return [name for name, there in found.items() if not there]
