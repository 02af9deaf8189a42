"""An invented case with one record of every kind its timeline and print show."""

import datetime

from django.utils import timezone

from cases.models import Case, StateClaim, Step
from sources.models import Capture
from tests.factories import (
    CaseFactory,
    CitationFactory,
    DetentionFactory,
    PersonNameFactory,
    RelativeFactory,
)

SHA256 = "5f1c" * 16
FETCHED_AT = datetime.datetime(2021, 2, 11, 9, 30, tzinfo=datetime.UTC)


def documented_case(**fields: object) -> Case:
    """Return a case with names in three scripts, a month-precise detention,
    a year-precise release, a step, a state claim and an archived source."""
    case = CaseFactory(
        disappeared_on=datetime.date(2018, 3, 21),
        last_contact_on=datetime.date(2018, 3, 1),
        last_contact_on_precision="month",
        missing_until=datetime.date(2020, 1, 1),
        missing_until_precision="year",
        fate="released",
        **fields,
    )
    PersonNameFactory(person=case.subject, text="Байболат Күнболатұлы", script="Cyrl")
    PersonNameFactory(
        person=case.subject, text="بايبولات كۇنبولاتۇلى", script="Arab", kind="alias"
    )
    detention = DetentionFactory(
        case=case,
        started_on=datetime.date(2019, 4, 1),
        started_on_precision="month",
        ended_on=datetime.date(2019, 4, 20),
    )
    Step.objects.create(
        case=case,
        taken_on=datetime.date(2018, 5, 2),
        kind="police",
        authority="Invented county police",
    )
    StateClaim.objects.create(
        case=case,
        claimed_on=datetime.date(2019, 4, 10),
        text="Invented claim: he is studying at a school.",
        claimed_by="Invented spokesperson",
    )
    citation = CitationFactory(
        case=case,
        detention=detention,
        article__title="Invented report on the camp",
        article__published_on=datetime.date(2019, 6, 3),
    )
    Capture.objects.create(
        article=citation.article,
        requested_url=citation.article.url,
        final_url=citation.article.url,
        status_code=200,
        content_type="text/html",
        fetched_at=FETCHED_AT,
        sha256=SHA256,
        size=10,
        body="captures/invented.html",
        warc="captures/invented.warc.gz",
    )
    RelativeFactory(
        case=case, contact_details="+7 700 000 00 00 (invented)", consent="none"
    )
    return case


def now() -> datetime.datetime:
    return timezone.now()
