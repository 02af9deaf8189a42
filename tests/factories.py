"""factory-boy factories for invented people and their cases."""

import datetime

import factory
from django.contrib.auth import get_user_model

from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    NameKind,
    Person,
    PersonName,
    Relative,
)
from sources.models import Citation, Mention, SourceArticle


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"worker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    gender = "female"
    ethnicity = "kazakh"


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"Aigerim Testova{n}")
    kind = NameKind.PRIMARY
    language = "kk"


class NamedPersonFactory(PersonFactory):
    """A person with one primary Latin name form."""

    class Meta:
        skip_postgeneration_save = True

    name = factory.RelatedFactory(PersonNameFactory, factory_related_name="person")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"CT-2020-{n + 1:04d}")
    subject = factory.SubFactory(NamedPersonFactory)
    disappeared_on = datetime.date(2018, 3, 21)


class RelativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relative

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(NamedPersonFactory)
    relationship = "brother"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Invented Camp No. {n}")
    prefecture = "Ili"


class FacilityNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityName

    facility = factory.SubFactory(FacilityFactory)
    text = factory.Sequence(lambda n: f"Лагерь {n}")


class DetentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Detention

    case = factory.SubFactory(CaseFactory)
    facility = factory.SubFactory(FacilityFactory)
    started_on = datetime.date(2018, 4, 1)


class SourceArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceArticle

    url = factory.Sequence(lambda n: f"https://news.example.org/article/{n}")
    title = factory.Sequence(lambda n: f"Invented report {n}")
    publisher = "Example News"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    article = factory.SubFactory(SourceArticleFactory)
    case = factory.SubFactory(CaseFactory)


class DocumentedCaseFactory(CaseFactory):
    """A case with an assigned worker, a relative, a detention and two citations."""

    class Meta:
        skip_postgeneration_save = True

    # A case worker: only staff who may change cases are assigned cases.
    assigned_to = factory.LazyFunction(lambda: user_with_role("Case worker"))
    relative = factory.RelatedFactory(RelativeFactory, factory_related_name="case")

    @factory.post_generation
    def detention(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        detention = DetentionFactory(
            case=self, ended_on=datetime.date(2019, 6, 1), ended_on_precision="month"
        )
        FacilityNameFactory(facility=detention.facility)
        CitationFactory(case=self, detention=detention, quote="an invented quote")
        CitationFactory(case=self, article__published_on=datetime.date(2020, 1, 2))


class MentionFactory(factory.django.DjangoModelFactory):
    """A suggested mention of a person's primary name at the start of the text."""

    class Meta:
        model = Mention

    article = factory.SubFactory(
        SourceArticleFactory, text="Aigerim Testova was last seen in 2018."
    )
    person = factory.SubFactory(NamedPersonFactory)
    text = "Aigerim Testova"
    start = 0
    end = factory.LazyAttribute(lambda m: m.start + len(m.text))
    score = 1.0


def person_named(*texts: str, **facts: object) -> Person:
    """Create a person with these facts and one name form per text."""
    person = PersonFactory(**facts)
    for text in texts:
        PersonName.objects.create(person=person, text=text)
    return person


class TestimonyFactory(factory.django.DjangoModelFactory):
    """An invented testimony by a relative, given to the group in Almaty."""

    __test__ = False  # a factory, though pytest would collect a "Test..." class

    class Meta:
        # By label, so this block only appends to the file.
        model = "cases.Testimony"

    case = factory.SubFactory(CaseFactory)
    witness = factory.SubFactory(NamedPersonFactory)
    given_on = datetime.date(2019, 5, 14)
    language = "kk"
    text = factory.Sequence(
        lambda n: f"Invented testimony {n}: my brother was taken from home at night."
    )


class TeamFactory(factory.django.DjangoModelFactory):
    """A team of case workers that shares its confidential cases."""

    class Meta:
        model = "cases.Team"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Invented team {n}")


def user_with_role(role: str, **fields: object):
    """Create a user in one of the roles (groups) the cases migration creates.

    Staff, who may log into the admin, unless the role is "API reader". A test
    database emptied by a transactional test has lost its groups: they are
    made again with the migration's own function.
    """
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=role).exists():
        import_module("cases.migrations.0005_roles").apply_roles(apps)
    fields.setdefault("is_staff", role != "API reader")
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


class LeadFactory(factory.django.DjangoModelFactory):
    """A name in an invented article that matches none of our persons."""

    class Meta:
        model = "sources.Lead"

    article = factory.SubFactory(
        SourceArticleFactory,
        text="On Feb. 3 police took Aigerim Inventedova from her home. Nobody knows.",
    )
    text = "Aigerim Inventedova"
    start = factory.LazyAttribute(lambda lead: lead.article.text.index(lead.text))
    end = factory.LazyAttribute(lambda lead: lead.start + len(lead.text))


class StepFactory(factory.django.DjangoModelFactory):
    """A step the group took to find the person (no relative needed)."""

    class Meta:
        model = "cases.Step"

    case = factory.SubFactory(CaseFactory)
    taken_on = datetime.date(2018, 4, 2)
    kind = "police"
    taken_by = "group"
    authority = "County police (invented)"
    outcome = "No answer (invented)."


class StateClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.StateClaim"

    case = factory.SubFactory(CaseFactory)
    claimed_on = datetime.date(2019, 5, 1)
    claimed_on_precision = "month"
    text = "An invented statement said he is studying at a training centre."
    source = "Invented press briefing"


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Submission"

    case = factory.SubFactory(CaseFactory)
    status = "sent"
    sent_on = datetime.date(2019, 9, 1)
    wgeid_reference = "INVENTED-1"
