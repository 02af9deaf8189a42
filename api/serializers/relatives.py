"""Relatives linked to a case."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Case, Person, Relative

from .base import ApiModelSerializer, api_link
from .persons import PersonSerializer

RELATIVE_FIELDS = [
    "relationship",
    "reported_case",
    "reported_on",
    "country_of_residence",
    "contact_details",
    "address",
    "consent",
    "notes",
]


class RelativeSerializer(ApiModelSerializer[Relative]):
    """A relative of the missing person in one case, linked to a known person."""

    api_url = api_link("relative-detail")
    case = serializers.SlugRelatedField(
        slug_field="reference",
        queryset=Case.objects.all(),
        help_text=_("The reference of the case."),
    )
    person = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=Person.objects.all(),
        help_text=_("The uid of the relative (a person)."),
    )

    class Meta:
        model = Relative
        fields = ["id", "api_url", "case", "person", *RELATIVE_FIELDS]


class RelativeInCaseSerializer(ApiModelSerializer[Relative]):
    """A relative as the case shows it, with the person in full."""

    person = PersonSerializer(read_only=True, help_text=_("The relative."))

    class Meta:
        model = Relative
        fields = ["id", "person", *RELATIVE_FIELDS]


class NewRelativeSerializer(ApiModelSerializer[Relative]):
    """A relative given with a new case: the person is created with them."""

    person = PersonSerializer(help_text=_("The relative, created with the case."))

    class Meta:
        model = Relative
        fields = ["person", *RELATIVE_FIELDS]
