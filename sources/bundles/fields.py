"""The shape of each kind of bundle record, and the model fields it maps to.

Loading and exporting both read these tables, so the two cannot drift apart.
docs/case-bundle.md documents every key.
"""

from dataclasses import dataclass

FORMAT = "casetracker-case-bundle"
VERSION = 2
# Version 1 had one state claim as three fields of the case (CASE_V1).
READABLE_VERSIONS = (1, 2)

# What a value must be in JSON.
TEXT = "a string"
FLAG = "true or false"
COUNT = "a whole number"
NUMBER = "a number"
DATE = "a date"  # YYYY, YYYY-MM or YYYY-MM-DD: the model field plus its precision
DAY = "a full date"  # YYYY-MM-DD: a model DateField without precision


@dataclass(frozen=True)
class Field:
    """One plain key of a record and the model field that stores it."""

    key: str
    type: str = TEXT
    model: str = ""
    required: bool = False

    @property
    def attname(self) -> str:
        return self.model or self.key


@dataclass(frozen=True)
class Shape:
    """The plain fields of a kind of record, and the keys the loader links itself."""

    fields: tuple[Field, ...]
    links: tuple[str, ...] = ()

    @property
    def keys(self) -> set[str]:
        return {field.key for field in self.fields} | set(self.links)

    @property
    def bundle_keys(self) -> dict[str, str]:
        """Map model field names to the bundle keys that carry them."""
        keys = {"uid": "id"}
        for field in self.fields:
            keys[field.attname] = field.key
            if field.type == DATE:
                keys[f"{field.attname}_precision"] = field.key
        return keys


BUNDLE = Shape(
    fields=(Field("description"),),
    links=("format", "version", "persons", "facilities", "articles", "cases"),
)
PERSON = Shape(
    fields=(
        Field("description"),
        Field("gender"),
        Field("ethnicity"),
        Field("birth_date", DATE),
        Field("age_min", COUNT),
        Field("age_max", COUNT),
        Field("age_as_of", DAY),
        Field("citizenship"),
        Field("origin_prefecture"),
        Field("origin_county"),
        Field("origin_township"),
        Field("occupation"),
        Field("photo_provenance"),
        Field("photo_may_not_depict", FLAG),
        Field("notes"),
    ),
    links=("id", "names"),
)
PERSON_NAME = Shape(
    fields=(
        Field("text", required=True),
        Field("script"),
        Field("kind"),
        Field("language"),
    )
)
FACILITY = Shape(
    fields=(
        Field("name", required=True),
        Field("kind"),
        Field("prefecture"),
        Field("county"),
        Field("latitude", NUMBER),
        Field("longitude", NUMBER),
        Field("notes"),
    ),
    links=("id", "names"),
)
FACILITY_NAME = Shape(fields=(Field("text", required=True), Field("script")))
ARTICLE = Shape(
    fields=(
        Field("title"),
        Field("url"),
        Field("author"),
        Field("publisher"),
        Field("published_on", DAY),
        Field("language"),
        Field("text"),
    ),
    links=("id",),
)
CASE = Shape(
    fields=(
        Field("fate"),
        Field("workflow"),
        Field("confidentiality"),
        Field("disappeared", DATE, model="disappeared_on"),
        Field("last_contact", DATE, model="last_contact_on"),
        Field("missing_until", DATE),
        Field("place_last_seen"),
        Field("believed_responsible"),
        Field("summary"),
        Field("submitted_by"),
        Field("source_confidential", FLAG),
        Field("consents_to_un_submission", FLAG),
        Field("un_consent_given_on", DAY),
        Field("consents_to_publication", FLAG),
        Field("publication_consent_given_on", DAY),
    ),
    links=(
        "reference",
        "subject",
        "assigned_to",
        "submitting_relative",
        "relatives",
        "detentions",
        "steps",
        "submissions",
        "state_claims",
        "citations",
    ),
)
# A version-1 case: no source fields, records of the UN, or several claims.
CASE_V1 = Shape(
    fields=CASE.fields[:9],
    links=(
        "reference",
        "subject",
        "assigned_to",
        "relatives",
        "detentions",
        "citations",
        "state_claim",
        "state_claim_on",
        "state_claim_source",
    ),
)
# The state claim a version-1 case carries in its own fields.
STATE_CLAIM_V1 = Shape(
    fields=(
        Field("state_claim", model="text"),
        Field("state_claim_on", DAY, model="claimed_on"),
        Field("state_claim_source", model="source"),
    )
)
RELATIVE = Shape(
    fields=(
        Field("relationship", required=True),
        Field("reported_case", FLAG),
        Field("reported_on", DAY),
        Field("country_of_residence"),
        Field("contact_details"),
        Field("consent"),
        Field("notes"),
    ),
    links=("person",),
)
DETENTION = Shape(
    fields=(
        Field("kind"),
        Field("started", DATE, model="started_on"),
        Field("ended", DATE, model="ended_on"),
        Field("reason"),
        Field("charges"),
        Field("sentence"),
        Field("notes"),
    ),
    links=("id", "facility"),
)
STEP = Shape(
    fields=(
        Field("taken", DATE, model="taken_on"),
        Field("kind"),
        Field("taken_by"),
        Field("authority"),
        Field("outcome"),
    ),
    links=("id", "relative"),
)
SUBMISSION = Shape(
    fields=(
        Field("procedure"),
        Field("status"),
        Field("sent_on", DAY),
        Field("wgeid_reference"),
        Field("notes"),
    ),
    links=("id",),
)
STATE_CLAIM = Shape(
    fields=(
        Field("claimed", DATE, model="claimed_on"),
        Field("text", required=True),
        Field("claimed_by"),
        Field("source"),
    ),
    links=("id", "submission"),
)
CITATION = Shape(
    fields=(Field("quote"), Field("note")),
    links=("article", "detention", "step", "state_claim"),
)
