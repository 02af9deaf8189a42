"""Lay a draft submission's parts out as a Word document (python-docx)."""

import io

from django.utils import timezone
from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from cases import access
from cases.dates import Precision
from cases.models import Case

from .content import Part, draft_parts, spell_date

__all__ = ["DOCX_TYPE", "draft_filename", "write_draft"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def draft_filename(case: Case) -> str:
    """Return the file name a case's draft is saved as."""
    return f"wgeid-draft-{case.reference}.docx"


def write_draft(case: Case, *, user: access.User, with_contacts: bool) -> bytes:
    """Return a case's draft submission to the Working Group as .docx bytes."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = f"Draft submission: case {case.reference}"
    document.add_heading(
        "Communication to the Working Group on Enforced or Involuntary Disappearances",
        level=1,
    )
    document.add_paragraph(
        f"Draft for case {case.reference}, prepared on "
        f"{spell_date(timezone.localdate(), Precision.DAY)}. Check every part "
        "before sending; "
        "“not known” marks what the record lacks."
    )
    for part in draft_parts(case, user=user, with_contacts=with_contacts):
        _add_part(document, part)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_part(document: DocumentObject, part: Part) -> None:
    document.add_heading(part.title, level=2)
    if part.rows:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in part.rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = value
    for text in part.paragraphs:
        document.add_paragraph(text)
    if part.table:
        header, *rows = part.table
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
