"""Persons, relatives, detentions and facilities."""

from django.db.models import Prefetch, QuerySet

from api.filters import DetentionFilter, FacilityFilter, PersonFilter, RelativeFilter
from api.serializers.facilities import DetentionSerializer, FacilitySerializer
from api.serializers.persons import PersonSerializer
from api.serializers.relatives import RelativeSerializer
from cases.models import Detention, Facility, FacilityName, Person, PersonName, Relative

from .base import ApiViewSet


class PersonViewSet(ApiViewSet[Person]):
    """Persons with every written form of their names."""

    lookup_field = "uid"
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    ordering_fields = {"created_at": "pk", "updated_at": "updated_at"}

    def all_records(self) -> QuerySet[Person]:
        # A person merged into another is the same person: count them once.
        return Person.objects.active().prefetch_related(
            Prefetch("names", PersonName.objects.order_by("id"))
        )


class RelativeViewSet(ApiViewSet[Relative]):
    """Links between a case and a relative of its missing person."""

    serializer_class = RelativeSerializer
    filterset_class = RelativeFilter

    def all_records(self) -> QuerySet[Relative]:
        return Relative.objects.select_related("case", "person")


class DetentionViewSet(ApiViewSet[Detention]):
    """Detention episodes of cases."""

    lookup_field = "uid"
    serializer_class = DetentionSerializer
    filterset_class = DetentionFilter

    def all_records(self) -> QuerySet[Detention]:
        return Detention.objects.select_related("case", "facility")


class FacilityViewSet(ApiViewSet[Facility]):
    """Camps, prisons and police stations, with their names in other scripts."""

    lookup_field = "uid"
    serializer_class = FacilitySerializer
    filterset_class = FacilityFilter
    ordering_fields = {"created_at": "pk", "name": "name"}
    default_ordering = "name"

    def all_records(self) -> QuerySet[Facility]:
        return Facility.objects.prefetch_related(
            Prefetch("names", FacilityName.objects.order_by("id"))
        )
