"""Export cases as a case bundle, in the form load_bundle() reads back.

Records are read as rows of values (sources.bundles.rows.rows_of) of only the
columns a bundle writes, not model instances: a bundle of a hundred thousand
cases holds about a million records, and building an instance of each took
most of the export's time. sources.bundles.rows copies the rows into records.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet

from cases.models import Case, Facility, FacilityName, Person, PersonName
from sources.models import SourceArticle

from .case_records import CaseParts, case_record
from .fields import FORMAT, VERSION
from .rows import (
    ARTICLE,
    COLUMNS,
    FACILITY,
    FACILITY_NAME,
    PERSON,
    PERSON_NAME,
    Row,
    grouped,
    rows_of,
)

__all__ = [
    "Row",
    "bundle_article",
    "bundle_facilities",
    "bundle_persons",
    "export_bundle",
    "export_cases",
    "rows_of",
]


def export_bundle(*, cases: QuerySet[Case]) -> dict:
    """Return the cases, and every person, facility and article they use, as a bundle.

    The number of queries does not depend on the number of cases. Lists are in a
    stable order (cases by reference, everything else as entered), so exporting
    what was loaded from an export gives the same JSON.
    """
    case_rows = _case_rows(cases)
    parts = CaseParts.of(cases.values("pk"))
    persons = _rows(Person.objects.filter(pk__in=parts.person_ids(case_rows)))
    facilities = _rows(Facility.objects.filter(pk__in=parts.facility_ids()))
    articles = _rows(SourceArticle.objects.filter(pk__in=parts.article_ids()))
    return {
        "format": FORMAT,
        "version": VERSION,
        "persons": bundle_persons(persons),
        "facilities": bundle_facilities(facilities),
        "articles": [bundle_article(article) for article in articles],
        "cases": [case_record(case, parts) for case in case_rows],
    }


def export_cases(
    *, cases: QuerySet[Case], after: str | None = None, count: int | None = None
) -> list[dict[str, Any]]:
    """Return the cases as a bundle lists them, in order of reference; or only
    the first `count` after the reference `after`.

    For a bundle streamed in chunks, whose persons, facilities and articles are
    written once before the cases: each chunk's parts are read by a subquery
    of that chunk, never by a list of thousands of ids.
    """
    selected = cases.order_by("reference")
    if after is not None:
        selected = selected.filter(reference__gt=after)
    case_rows = _case_rows(selected, count)
    ids = selected.values("pk")
    parts = CaseParts.of(ids if count is None else ids[:count])
    return [case_record(case, parts) for case in case_rows]


def bundle_persons(persons: list[Row]) -> list[dict[str, Any]]:
    """Return persons (rows of rows_of()) as a bundle lists them, names in order."""
    ids = [person.id for person in persons]
    names = _names(PersonName.objects.all(), "person_id", ids)
    records = []
    for person in persons:
        own = names.get(person.id, ())
        record = {
            "id": str(person.uid),
            "names": [PERSON_NAME.record(name) for name in own],
        }
        records.append(PERSON.copy(person, record))
    return records


def bundle_facilities(facilities: list[Row]) -> list[dict[str, Any]]:
    """Return facilities (rows of rows_of()) as a bundle lists them, names in order."""
    ids = [facility.id for facility in facilities]
    names = _names(FacilityName.objects.all(), "facility_id", ids)
    records = []
    for facility in facilities:
        record = FACILITY.copy(facility, {"id": str(facility.uid)})
        own = names.get(facility.id, ())
        record["names"] = [FACILITY_NAME.record(name) for name in own]
        records.append(record)
    return records


def bundle_article(article: Row) -> dict[str, Any]:
    """Return an article (a row of rows_of()) as a bundle lists it."""
    return ARTICLE.copy(article, {"id": str(article.uid)})


def _case_rows(cases: QuerySet[Case], count: int | None = None) -> list[Row]:
    username = F(f"assigned_to__{get_user_model().USERNAME_FIELD}")
    rows = (
        cases.order_by("reference")
        .annotate(assigned_username=username)
        .values_list(*COLUMNS[Case], "assigned_username", named=True)
    )
    return list(rows if count is None else rows[:count])


def _rows(records: QuerySet[Any]) -> list[Row]:
    return list(rows_of(records))


def _names(names: QuerySet[Any], key: str, ids: list[int]) -> dict[int, list[Row]]:
    """Return the names of the records of these ids, grouped by record."""
    if not ids:
        return {}
    low, high = min(ids), max(ids)
    # A dense run of ids, as a whole export's chunk is, is read by its range:
    # a list of thousands of ids cost more to build and send than the names of
    # the few records between them that are read and never looked up.
    if high - low < 2 * len(ids):
        dense = names.filter(**{f"{key}__gte": low, f"{key}__lte": high})
        return grouped(dense, key)
    return grouped(names.filter(**{f"{key}__in": ids}), key)
