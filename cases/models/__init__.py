from .case_source import SubmittedBy
from .cases import Case, Confidentiality, Fate, Workflow, next_reference
from .detentions import Detention, DetentionKind, Facility, FacilityKind, FacilityName
from .duplicates import DuplicateCandidate, DuplicateStatus
from .merges import PersonMerge
from .name_keys import PersonNameKey
from .names import Script
from .person_names import NameKind, PersonName
from .persons import Ethnicity, Gender, Person
from .relatives import Consent, Relationship, Relative
from .steps import Step, StepKind
from .submissions import Procedure, StateClaim, Submission, SubmissionStatus
from .teams import Team
from .testimonies import Testimony

__all__ = [
    "Case",
    "Confidentiality",
    "Consent",
    "Detention",
    "DetentionKind",
    "DuplicateCandidate",
    "DuplicateStatus",
    "Ethnicity",
    "Facility",
    "FacilityKind",
    "FacilityName",
    "Fate",
    "Gender",
    "NameKind",
    "Person",
    "PersonMerge",
    "PersonName",
    "PersonNameKey",
    "Procedure",
    "Relationship",
    "Relative",
    "Script",
    "StateClaim",
    "Step",
    "StepKind",
    "Submission",
    "SubmissionStatus",
    "SubmittedBy",
    "Team",
    "Testimony",
    "Workflow",
    "next_reference",
]
