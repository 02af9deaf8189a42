"""The header's checks: every problem named with its reason, before any row."""

from sources.spreadsheets.columns import check_header
from tests.factories import user_with_role


def problems(header, user=None):
    return {(p.column, p.message) for p in check_header(header, user=user)}


def test_names_the_nearest_known_column_of_an_unknown_one():
    assert problems(["subject.names", "dissapeared"]) == {
        ("dissapeared", "Unknown column; did you mean “disappeared”?")
    }


def test_refuses_a_repeated_column():
    assert problems(["subject.names", "fate", "fate"]) == {
        ("fate", "This column appears 2 times.")
    }


def test_requires_a_column_naming_the_missing_person():
    [(column, message)] = problems(["reference", "fate"])

    assert column == "subject.names"
    assert "required column is missing" in message


def test_a_researcher_may_not_write_a_sensitive_column(db):
    researcher = user_with_role("Researcher")
    header = ["subject.names", "relative.names", "relative.contact_details"]

    assert problems(header, researcher) == {
        (
            "relative.contact_details",
            "You may not see this column's field, so you may not set it.",
        )
    }
    assert problems(header, user_with_role("Case worker")) == set()
