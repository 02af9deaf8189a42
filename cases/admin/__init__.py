"""The admin in which case workers enter and review cases."""

from .cases import CaseAdmin, FacilityAdmin
from .duplicates import DuplicateCandidateAdmin
from .merges import PersonMergeAdmin
from .persons import NAME_WIDGET, PersonAdmin, PersonNameInline, names_prefetch
from .teams import TeamAdmin

__all__ = [
    "NAME_WIDGET",
    "CaseAdmin",
    "DuplicateCandidateAdmin",
    "FacilityAdmin",
    "PersonAdmin",
    "PersonMergeAdmin",
    "PersonNameInline",
    "TeamAdmin",
    "names_prefetch",
]
