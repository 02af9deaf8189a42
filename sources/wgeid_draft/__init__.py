"""A draft submission of a case to the UN Working Group, as a .docx file.

`draft_parts` gathers what the Working Group's form for individual cases asks,
in its order; `write_draft` lays those parts out as a Word document.
"""

from .content import Part, draft_parts, spell_date
from .document import DOCX_TYPE, draft_filename, write_draft

__all__ = [
    "DOCX_TYPE",
    "Part",
    "draft_filename",
    "draft_parts",
    "spell_date",
    "write_draft",
]
