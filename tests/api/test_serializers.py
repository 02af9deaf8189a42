"""What every API serializer shares: fields worked out once, copied per use."""

from api.serializers.cases import CaseDetailSerializer, CaseSerializer


def test_each_serializer_gets_its_own_copy_of_the_fields() -> None:
    first, second = CaseSerializer(), CaseSerializer()

    assert list(first.fields) == list(second.fields)
    assert not {id(field) for field in first.fields.values()} & {
        id(field) for field in second.fields.values()
    }
    assert all(field.parent is first for field in first.fields.values())


def test_a_subclass_keeps_its_own_fields() -> None:
    assert "subject" in CaseSerializer().fields  # the parent's, worked out first

    detail = CaseDetailSerializer().fields

    assert {"relatives", "detentions", "citations"} <= set(detail)
    assert "relatives" not in CaseSerializer().fields
    assert detail["subject"].__class__.__name__ == "PersonSerializer"
