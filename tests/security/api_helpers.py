"""Users of each role with API tokens, and the records the API tests ask for.

The roles are the groups the `cases` data migration creates, so the tests
check the real roles, not permissions picked for the test.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from api.models import ApiToken
from cases.models import Case, Detention, Person, Relative, Team, Testimony
from sources.models import Citation, Feed, ImportJob, Mention, SourceArticle
from tests.factories import (
    CitationFactory,
    DetentionFactory,
    FacilityFactory,
    MentionFactory,
    NamedPersonFactory,
    RelativeFactory,
    SourceArticleFactory,
    TestimonyFactory,
)

ADMINISTRATOR = "Administrator"
CASE_WORKER = "Case worker"
RESEARCHER = "Researcher"
API_READER = "API reader"
ROLES = (ADMINISTRATOR, CASE_WORKER, RESEARCHER, API_READER)

# Invented sensitive values: none of them may leave the API without permission.
ID_NUMBER = "ID-INVENTED-0042"
HOME_ADDRESS = "12 Invented Street, Flat 3"
CONTACT = "+7 700 555 0199 (invented)"
RELATIVE_ADDRESS = "7 Imaginary Lane"
TESTIMONY = "Invented testimony: they came at night and took him."
SENSITIVE_VALUES = (ID_NUMBER, HOME_ADDRESS, CONTACT, RELATIVE_ADDRESS, TESTIMONY)


def client_for(user, *, write: bool = True) -> APIClient:
    """Return an API client with a token of this user (read-only unless write)."""
    _token, secret = ApiToken.objects.issue(user=user, read_only=not write)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    client.user = user
    return client


@dataclass
class CaseRecords:
    """A case and one record of every kind that belongs to it."""

    case: Case
    subject: Person
    relative: Relative
    detention: Detention
    testimony: Testimony
    citation: Citation
    mention: Mention


def case_with_records(
    confidentiality: str,
    *,
    team: Team | None = None,
    assigned_to: User | None = None,
    subject_name: str | None = None,
) -> CaseRecords:
    """Create a case with sensitive values in every sensitive field."""
    names = {"name__text": subject_name} if subject_name else {}
    subject = NamedPersonFactory(
        id_document_number=ID_NUMBER, home_address=HOME_ADDRESS, **names
    )
    relative = RelativeFactory(
        case__subject=subject,
        case__confidentiality=confidentiality,
        case__team=team,
        case__assigned_to=assigned_to,
        contact_details=CONTACT,
        address=RELATIVE_ADDRESS,
    )
    case = relative.case
    return CaseRecords(
        case=case,
        subject=subject,
        relative=relative,
        detention=DetentionFactory(case=case, started_on=datetime.date(2018, 4, 1)),
        testimony=TestimonyFactory(case=case, witness=relative.person, text=TESTIMONY),
        citation=CitationFactory(case=case),
        mention=MentionFactory(person=subject),
    )


@dataclass
class Standalone:
    """Records tied to no case: facilities, articles, feeds, an import job."""

    person: Person
    article: SourceArticle
    feed: Feed
    import_job: ImportJob


def standalone_records() -> Standalone:
    FacilityFactory()
    return Standalone(
        person=NamedPersonFactory(),
        article=SourceArticleFactory(),
        feed=Feed.objects.create(url="https://news.example.org/feed.xml"),
        import_job=ImportJob.objects.create(label="Invented batch"),
    )
