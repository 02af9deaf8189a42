import pytest
from django.core.exceptions import ValidationError

from cases.candidates import find_candidates
from cases.merging import merge_persons, unmerge_persons
from cases.models import (
    DuplicateCandidate,
    DuplicateStatus,
    Person,
    PersonName,
    PersonNameKey,
    Relative,
)
from sources.models import Lead, Mention
from tests.factories import (
    CaseFactory,
    RelativeFactory,
    SourceArticleFactory,
    UserFactory,
    person_named,
)

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, set]:
    """Return every relation of every person, to compare before and after."""
    return {
        "names": set(PersonName.objects.values_list("pk", "person_id", "text")),
        "keys": set(PersonNameKey.objects.values_list("name_id", "person_id", "key")),
        "cases": set(CaseFactory._meta.model.objects.values_list("pk", "subject_id")),
        "relatives": set(Relative.objects.values_list("pk", "case_id", "person_id")),
        "mentions": set(Mention.objects.values_list("pk", "person_id")),
        "leads": set(Lead.objects.values_list("pk", "person_id")),
        "merged": set(Person.objects.values_list("pk", "merged_into_id")),
    }


@pytest.fixture
def two_records():
    """One invented person entered twice, each record with its own links."""
    keep = person_named("Gulnar Serikova", "Гүлнар Серікова")
    duplicate = person_named("Gulnar Serikqyzy", "gulnar serikova")
    shared_case = CaseFactory()
    RelativeFactory(case=shared_case, person=keep, relationship="sister")
    RelativeFactory(case=shared_case, person=duplicate, relationship="sister")
    own_case = CaseFactory(subject=duplicate)
    RelativeFactory(person=duplicate)
    article = SourceArticleFactory()
    Mention.objects.create(
        article=article, person=duplicate, text="Gulnar", start=0, end=6, score=0.9
    )
    Lead.objects.create(article=article, text="G. Serikova", start=9, end=20)
    Lead.objects.filter(text="G. Serikova").update(person=duplicate)
    return keep, duplicate, own_case


def test_moves_every_row_to_the_person_kept(two_records):
    keep, duplicate, own_case = two_records

    merge = merge_persons(keep=keep, duplicate=duplicate, actor=UserFactory())

    own_case.refresh_from_db()
    assert own_case.subject == keep
    assert Mention.objects.get().person == keep
    assert Lead.objects.get().person == keep
    assert set(keep.names.values_list("text", flat=True)) == {
        "Gulnar Serikova",
        "Гүлнар Серікова",
        "Gulnar Serikqyzy",
    }
    assert Relative.objects.filter(person=keep).count() == 2
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert len(merge.moves) == 5


def test_keeps_equal_rows_on_the_duplicate_and_records_them(two_records):
    keep, duplicate, _ = two_records

    merge = merge_persons(keep=keep, duplicate=duplicate, actor=UserFactory())

    kept = {(entry["model"], entry["field"]) for entry in merge.kept}
    assert kept == {("cases.personname", "person_id"), ("cases.relative", "person_id")}
    assert list(duplicate.names.values_list("text", flat=True)) == ["gulnar serikova"]
    assert duplicate.relative_of.count() == 1


def test_undo_restores_every_relation(two_records):
    keep, duplicate, _ = two_records
    before = snapshot()
    worker = UserFactory()
    merge = merge_persons(keep=keep, duplicate=duplicate, actor=worker)
    assert snapshot() != before

    unmerge_persons(merge=merge, actor=worker)

    assert snapshot() == before
    merge.refresh_from_db()
    assert merge.undone_by == worker


def test_each_moved_row_has_a_history_entry_naming_the_actor(two_records):
    keep, duplicate, own_case = two_records
    worker = UserFactory(username="merger")

    merge_persons(keep=keep, duplicate=duplicate, actor=worker)

    latest = own_case.history.latest()
    assert latest.history_user == worker
    assert "merged person" in latest.history_change_reason
    assert keep.names.get(text="Gulnar Serikqyzy").history.latest().history_user == (
        worker
    )
    duplicate.refresh_from_db()
    assert duplicate.history.latest().history_user == worker


def test_merged_person_is_no_longer_a_candidate_until_undone(two_records):
    keep, duplicate, _ = two_records
    merge = merge_persons(keep=keep, duplicate=duplicate, actor=None)

    found = {c.name_form.person_id for c in find_candidates(text="Gulnar Serikqyzy")}
    assert found == {keep.pk}

    unmerge_persons(merge=merge, actor=None)
    found = {c.name_form.person_id for c in find_candidates(text="Gulnar Serikqyzy")}
    assert found == {keep.pk, duplicate.pk}


def test_marks_the_reviewed_pair_merged_and_reopens_it_on_undo(two_records):
    keep, duplicate, _ = two_records
    low, high = sorted((keep, duplicate), key=lambda p: p.pk)
    pair = DuplicateCandidate.objects.create(person_a=low, person_b=high, score=0.9)

    merge = merge_persons(keep=keep, duplicate=duplicate, actor=None)
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.MERGED

    unmerge_persons(merge=merge, actor=None)
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.OPEN


def test_refuses_to_merge_a_person_into_themselves():
    person = person_named("Gulnar Serikova")

    with pytest.raises(ValidationError, match="into themselves"):
        merge_persons(keep=person, duplicate=person, actor=None)


def test_refuses_to_merge_into_an_already_merged_person():
    survivor, merged, third = (person_named(f"Gulnar Serikova{n}") for n in "abc")
    merge_persons(keep=survivor, duplicate=merged, actor=None)

    with pytest.raises(ValidationError, match="merge into that person instead"):
        merge_persons(keep=merged, duplicate=third, actor=None)
    with pytest.raises(ValidationError, match="merged into another person already"):
        merge_persons(keep=third, duplicate=merged, actor=None)
    assert third.names.count() == 1


def test_refuses_to_undo_twice_or_out_of_order():
    a, b, c = (person_named(f"Gulnar Serikova{n}") for n in "abc")
    first = merge_persons(keep=b, duplicate=a, actor=None)
    second = merge_persons(keep=c, duplicate=b, actor=None)

    with pytest.raises(ValidationError, match="undo that merge first"):
        unmerge_persons(merge=first, actor=None)
    unmerge_persons(merge=second, actor=None)
    unmerge_persons(merge=first, actor=None)
    with pytest.raises(ValidationError, match="undone already"):
        unmerge_persons(merge=first, actor=None)


def test_a_missing_person_is_not_made_their_own_relative():
    missing = person_named("Gulnar Serikova")
    case = CaseFactory(subject=missing)
    relative_record = person_named("Gulnar Serikova")
    RelativeFactory(case=case, person=relative_record)

    merge = merge_persons(keep=missing, duplicate=relative_record, actor=None)

    assert Relative.objects.get().person == relative_record
    assert any("own relative" in entry["reason"] for entry in merge.kept)
