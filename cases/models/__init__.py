from .cases import Case, Confidentiality, Fate, Workflow, next_reference
from .detentions import Detention, DetentionKind, Facility, FacilityKind, FacilityName
from .persons import Ethnicity, Gender, NameKind, Person, PersonName, Script
from .relatives import Consent, Relationship, Relative

__all__ = [
    "Case",
    "Confidentiality",
    "Consent",
    "Detention",
    "DetentionKind",
    "Ethnicity",
    "Facility",
    "FacilityKind",
    "FacilityName",
    "Fate",
    "Gender",
    "NameKind",
    "Person",
    "PersonName",
    "Relationship",
    "Relative",
    "Script",
    "Workflow",
    "next_reference",
]
