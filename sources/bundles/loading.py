"""Load a case bundle: validate every record and upsert it in one transaction."""

import uuid
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from cases import access
from cases.models import (
    Case,
    Confidentiality,
    Detention,
    Facility,
    FacilityName,
    Person,
    PersonName,
    Relative,
)
from sources.models import Citation, SourceArticle

from . import fields as shapes
from .fields import FORMAT, READABLE_VERSIONS
from .records import Record, invalid
from .summary import LoadSummary
from .un_records import Linked, load_un_records, load_v1_state_claim

__all__ = ["LoadSummary", "Loader", "load_bundle", "snapshot"]

Stored = TypeVar("Stored", bound=models.Model)


def load_bundle(*, data: dict, user: Any = None) -> LoadSummary:
    """Validate a case bundle and load it in one transaction.

    Records are matched on the keys of docs/case-bundle.md, so loading the same
    bundle again changes nothing; a key left out leaves the stored value alone.
    A user (the API's caller; None for the operator's shell) may write only the
    fields they may see, and lower a case's confidentiality only with the
    permission to change cases. Raise BundleError, with nothing written, when
    any record is invalid or not the user's to write.
    """
    loader = Loader(user)
    with transaction.atomic():
        return loader.load(data)


def _check_header(bundle: Record) -> int:
    bundle.text("description")
    found = bundle.get("format", shapes.TEXT, required=True)
    if found != FORMAT:
        raise bundle.error("format", f"expected '{FORMAT}', got '{found}'")
    version = bundle.get("version", shapes.COUNT, required=True)
    if version not in READABLE_VERSIONS:
        readable = " or ".join(str(number) for number in READABLE_VERSIONS)
        message = f"version {version} is not supported (expected {readable})"
        raise bundle.error("version", message)
    return version


class Loader:
    """The state of one load: the records loaded so far, by id, and the counts."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.summary = LoadSummary()
        self.persons: dict[uuid.UUID, Person] = {}
        self.facilities: dict[uuid.UUID, Facility] = {}
        self.articles: dict[uuid.UUID, SourceArticle] = {}
        # Bundle keys already used, so that a repeated record is an error
        # rather than a silent overwrite of the first.
        self.seen: dict[tuple[Any, ...], str] = {}

    def load(self, data: dict) -> LoadSummary:
        """Load a bundle's records in turn; return the counts (see load_bundle)."""
        bundle = Record(data, "", shapes.BUNDLE)
        version = _check_header(bundle)
        for record in bundle.items("persons", shapes.PERSON):
            self.load_person(record)
        for record in bundle.items("facilities", shapes.FACILITY):
            self.load_facility(record)
        for record in bundle.items("articles", shapes.ARTICLE):
            self.load_article(record)
        case_shape = shapes.CASE if version >= 2 else shapes.CASE_V1
        for record in bundle.items("cases", case_shape):
            self.load_case(record, version)
        return self.summary

    def load_person(self, record: Record) -> None:
        uid = self.claim_id(record, "person")
        person = self.find(Person, uid=uid) or Person(uid=uid)
        self.save("person", person, record)
        for name in record.items("names", shapes.PERSON_NAME):
            self._load_name("name form", PersonName, name, person=person)
        try:
            person.require_name_or_description(has_names=self.has_names(person))
        except ValidationError:
            message = "give at least one name form, or a description"
            raise record.error("names", message) from None
        self.persons[uid] = person

    def load_facility(self, record: Record) -> None:
        uid = self.claim_id(record, "facility")
        facility = self.find(Facility, uid=uid) or Facility(uid=uid)
        self.save("facility", facility, record)
        for name in record.items("names", shapes.FACILITY_NAME):
            self._load_name("facility name", FacilityName, name, facility=facility)
        self.facilities[uid] = facility

    def load_article(self, record: Record) -> None:
        uid = self.claim_id(record, "article")
        article = SourceArticle.objects.filter(uid=uid).first()
        article = article or SourceArticle(uid=uid)
        self.save("article", article, record)
        self.articles[uid] = article

    def load_case(self, record: Record, version: int) -> None:
        reference = record.text("reference", required=True)
        self._claim(record, "reference", ("case", reference))
        case = self.find(Case, reference=reference)
        case = case or Case(reference=reference)
        case.subject = self.linked(record, "subject", self.persons, "persons")
        if "assigned_to" in record.data:
            case.assigned_to = self._assignee(record, case)
        outcome = self.save("case", case, record)
        relatives: dict[uuid.UUID, Relative] = {}
        for relative in record.items("relatives", shapes.RELATIVE):
            self._load_relative(case, relative, relatives)
        detentions: dict[uuid.UUID, Detention] = {}
        for detention in record.items("detentions", shapes.DETENTION):
            self._load_detention(case, detention, detentions)
        if version >= 2:
            linked = load_un_records(self, case, record, relatives)
        else:
            linked = load_v1_state_claim(self, case, record)
        if linked.case_changed and outcome == "unchanged":
            self.summary.unchanged["case"] -= 1
            self.summary.updated["case"] += 1
        for citation in record.items("citations", shapes.CITATION):
            self._load_citation(case, citation, detentions, linked)

    def _load_name(
        self,
        kind: str,
        model: type[PersonName | FacilityName],
        record: Record,
        **owner: Person | Facility,
    ) -> None:
        # Match on the text as NameForm.clean() will store it.
        text = " ".join(record.text("text", required=True).split())
        # By uid, not by primary key: a batched load claims records not saved yet.
        owners = (holder.uid for holder in owner.values())
        self._claim(record, "text", (kind, *owners, text))
        name = self.find(model, text=text, **owner) or model(text=text, **owner)
        self.save(kind, name, record)

    def _load_relative(
        self, case: Case, record: Record, relatives: dict[uuid.UUID, Relative]
    ) -> None:
        person = self.linked(record, "person", self.persons, "persons")
        self._claim(record, "person", ("relative", case.reference, person.uid))
        relative = self.find(Relative, case=case, person=person)
        relative = relative or Relative(case=case, person=person)
        self.save("relative", relative, record)
        relatives[person.uid] = relative

    def _load_detention(
        self, case: Case, record: Record, detentions: dict[uuid.UUID, Detention]
    ) -> None:
        uid = self.claim_id(record, "detention")
        detention = self.find(Detention, uid=uid) or Detention(uid=uid)
        detention.case = case
        if "facility" in record.data:
            detention.facility = self.linked(
                record, "facility", self.facilities, "facilities", optional=True
            )
        self.save("detention", detention, record)
        detentions[uid] = detention

    def _load_citation(
        self,
        case: Case,
        record: Record,
        detentions: dict[uuid.UUID, Detention],
        linked: Linked,
    ) -> None:
        article = self.linked(record, "article", self.articles, "articles")
        parts: dict[str, tuple[dict[uuid.UUID, Any], str]] = {
            "detention": (detentions, "this case's detentions"),
            "step": (linked.steps, "this case's steps"),
            "state_claim": (linked.state_claims, "this case's state claims"),
        }
        cited = {
            key: self.linked(record, key, known, where, optional=True)
            for key, (known, where) in parts.items()
        }
        quote = record.text("quote") or ""
        pks = tuple(getattr(value, "pk", None) for value in cited.values())
        self._claim(record, "quote", ("citation", article.pk, case.pk, *pks, quote))
        same = {"article": article, "case": case, **cited, "quote": quote}
        citation = Citation.objects.filter(**same).first() or Citation(**same)
        self.save("citation", citation, record)

    def claim_id(self, record: Record, kind: str) -> uuid.UUID:
        uid = record.uid("id")
        self._claim(record, "id", (kind, uid))
        return uid

    def _claim(self, record: Record, key: str, claim: tuple[Any, ...]) -> None:
        if claim in self.seen:
            raise record.error(key, f"repeats {self.seen[claim]}")
        self.seen[claim] = record.label

    def linked(
        self,
        record: Record,
        key: str,
        known: dict[uuid.UUID, Any],
        where: str,
        *,
        optional: bool = False,
    ) -> Any:
        uid = record.uid(key, required=not optional)
        if uid is None:
            return None
        if uid not in known:
            raise record.error(key, f"no record with id '{uid}' in {where}")
        return known[uid]

    def _assignee(self, record: Record, case: Case) -> Any:
        username = record.text("assigned_to")
        if username is None:
            return None
        if case.assigned_to and case.assigned_to.get_username() == username:
            return case.assigned_to  # as stored, even if they work cases no more
        user = access.assignable_users().filter(username=username).first()
        if user is None:
            # One message whether the account is missing or not a case
            # worker's: a load must not tell which usernames exist.
            raise record.error("assigned_to", "not a case worker's username")
        return user

    def find(self, model: type[Stored], **keys: Any) -> Stored | None:
        """Return the stored record with these keys, or None."""
        return model._default_manager.filter(**keys).first()

    def has_names(self, person: Person) -> bool:
        return person.names.exists()

    def validate(self, obj: models.Model) -> None:
        """Check a record by every rule of its model (ValidationError if broken)."""
        obj.full_clean()

    def write(self, obj: models.Model) -> None:
        """Store a record created or changed."""
        obj.save()

    def save(self, kind: str, obj: models.Model, record: Record) -> str:
        """Apply the record, validate with the model's own rules, save on change.

        Return what happened: "created", "updated" or "unchanged".
        """
        before = None if obj._state.adding else snapshot(obj)
        values = record.values(type(obj))
        self._check_allowed(record, obj, values)
        for name, value in values.items():
            setattr(obj, name, value)
        try:
            self.validate(obj)
        except ValidationError as error:
            raise invalid(
                error, label=record.label, shape=record.shape, model=type(obj)
            ) from None
        if before is None:
            outcome = "created"
        elif snapshot(obj) != before:
            outcome = "updated"
        else:
            outcome = "unchanged"
        if outcome != "unchanged":
            self.write(obj)
        getattr(self.summary, outcome)[kind] += 1
        return outcome

    def _check_allowed(
        self, record: Record, obj: models.Model, values: dict[str, Any]
    ) -> None:
        """Refuse what the loading user may not write, naming record and reason."""
        if self.user is None:
            return
        for name in sorted(access.hidden_fields(self.user, type(obj)) & set(values)):
            key = record.shape.bundle_keys.get(name, name)
            raise record.error(key, "you may not see this field, so you may not set it")
        if not isinstance(obj, Case) or obj._state.adding:
            return
        lowered = values.get("confidentiality", obj.confidentiality)
        if Confidentiality.lowers(
            obj.confidentiality, lowered
        ) and not access.may_lower_confidentiality(self.user):
            message = (
                f"lowering '{obj.confidentiality}' to '{lowered}' needs the "
                "permission to change cases"
            )
            raise record.error("confidentiality", message)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """Return a record's field values, to tell whether loading changed it."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
