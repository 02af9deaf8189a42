import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case, Detention, NameKind, Person, PersonName, Relative
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    NamedPersonFactory,
    PersonFactory,
    PersonNameFactory,
    RelativeFactory,
)

pytestmark = pytest.mark.django_db


def test_founding_case_is_on_its_1049th_day_on_2021_02_02():
    case = CaseFactory(disappeared_on=datetime.date(2018, 3, 21))

    assert str(case.days_missing(on=datetime.date(2021, 2, 2))) == "1,049"


def test_month_known_disappearance_shows_a_range_of_days():
    case = CaseFactory(
        disappeared_on=datetime.date(2018, 3, 1), disappeared_on_precision="month"
    )

    assert str(case.days_missing(on=datetime.date(2021, 2, 2))) == "1,039–1,069"


def test_case_without_a_date_has_no_days_missing():
    assert CaseFactory(disappeared_on=None).days_missing() is None


def test_database_refuses_a_duplicate_reference():
    CaseFactory(reference="CT-2021-0042")

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(reference="CT-2021-0042")


def test_database_refuses_a_birth_date_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(birth_date=tomorrow)


def test_validation_names_a_birth_date_in_the_future():
    person = PersonFactory.build(birth_date=datetime.date(2999, 1, 1))

    with pytest.raises(ValidationError, match="birth date cannot be in the future"):
        person.full_clean()


def test_database_refuses_a_detention_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        DetentionFactory(
            started_on=datetime.date(2019, 5, 1), ended_on=datetime.date(2019, 4, 1)
        )


def test_refuses_an_age_range_without_its_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(age_min=40, age_max=49)


def test_describes_an_age_range_as_of_a_date():
    person = PersonFactory(age_min=40, age_max=49, age_as_of=datetime.date(2019, 1, 1))

    assert person.birth_display() == "aged 40–49 as of 2019-01-01"


def test_describes_a_year_known_birth_date_without_false_precision():
    person = PersonFactory(
        birth_date=datetime.date(1975, 1, 1), birth_date_precision="year"
    )

    assert person.birth_display() == "1975"


def test_person_is_shown_by_the_primary_name_form():
    person = PersonFactory()
    PersonName.objects.create(person=person, text="Айгерім", kind=NameKind.ALIAS)
    PersonName.objects.create(person=person, text="Aigerim", kind=NameKind.PRIMARY)

    assert str(Person.objects.get(pk=person.pk)) == "Aigerim"


def test_name_form_gets_its_script_and_search_key_on_create():
    name = PersonNameFactory(text="Байболат Күнболатұлы")

    assert name.script == "Cyrl"
    assert name.search_key


def test_name_form_gets_its_keys_on_bulk_create():
    person = PersonFactory()
    (name,) = PersonName.objects.bulk_create(
        [PersonName(person=person, text="رەھىلە داۋۇت")]
    )

    assert name.script == "Arab"
    assert PersonName.objects.get(pk=name.pk).search_key


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\u200f\u200d"])
def test_refuses_a_name_without_letters(text):
    name = PersonName(person=PersonFactory(), text=text)

    with pytest.raises(ValidationError) as raised:
        name.full_clean()
    assert "text" in raised.value.message_dict


def test_finds_name_forms_by_search_key_in_any_script():
    name = PersonNameFactory(text="Серикжан Билаш")

    assert list(PersonName.objects.search("серикжан")) == [name]
    assert list(PersonName.objects.search("")) == []


def test_next_reference_continues_the_years_numbering():
    CaseFactory(reference="CT-2021-0041")
    CaseFactory(reference="CT-2021-0007")
    CaseFactory(reference="CT-2020-0999")

    assert Case.objects.next_reference(2021) == "CT-2021-0042"
    assert Case.objects.next_reference(2022) == "CT-2022-0001"


def test_new_case_gets_a_reference_of_this_year():
    case = Case.objects.create(subject=NamedPersonFactory())

    assert case.reference == f"CT-{timezone.now().year}-0001"


def test_open_cases_leave_out_closed_ones():
    open_case = CaseFactory(workflow="verifying")
    CaseFactory(workflow="closed")

    assert list(Case.objects.open()) == [open_case]


def test_refuses_the_missing_person_as_their_own_relative():
    case = CaseFactory()
    relative = Relative(case=case, person=case.subject, relationship="brother")

    with pytest.raises(ValidationError, match="own relative"):
        relative.full_clean()


def test_refuses_a_report_date_for_a_relative_who_did_not_report():
    with pytest.raises(IntegrityError), transaction.atomic():
        RelativeFactory(reported_case=False, reported_on=datetime.date(2020, 1, 1))


def test_refuses_deleting_a_person_who_is_the_subject_of_a_case():
    from django.db.models import ProtectedError

    case = CaseFactory()

    with pytest.raises(ProtectedError):
        case.subject.delete()


def test_records_history_of_changes():
    case = CaseFactory(fate="missing")
    case.fate = "camp"
    case.save()

    newest, oldest = case.history.all()[:2]
    delta = newest.diff_against(oldest)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("fate", "missing", "camp")
    ]


def test_detention_is_shown_with_its_facility_and_start():
    detention = DetentionFactory(
        facility__name="Invented Camp", started_on=datetime.date(2018, 4, 1)
    )

    assert (
        str(Detention.objects.get(pk=detention.pk)) == "Invented Camp from 2018-04-01"
    )


def test_stores_a_month_known_date_as_the_first_day_of_the_month():
    case = CaseFactory.build(
        subject=NamedPersonFactory(),
        disappeared_on=datetime.date(2018, 3, 15),
        disappeared_on_precision="month",
    )

    case.full_clean()

    assert case.disappeared_on == datetime.date(2018, 3, 1)


def test_refuses_a_latitude_without_a_longitude():
    from tests.factories import FacilityFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityFactory(latitude=43.9, longitude=None)


def test_refuses_the_same_name_form_twice_whatever_the_case():
    name = PersonNameFactory(text="Baibolat")
    duplicate = PersonName(person=name.person, text="BAIBOLAT")

    with pytest.raises(ValidationError, match="has this name form already"):
        duplicate.full_clean()
