"""Query parameters that filter the lists (django-filter)."""

from typing import TYPE_CHECKING, Any

import django_filters as filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request

from cases import access
from cases.models import (
    Case,
    Confidentiality,
    Detention,
    Ethnicity,
    Facility,
    FacilityKind,
    FacilityName,
    Fate,
    Gender,
    Person,
    PersonName,
    Relative,
    Workflow,
)
from cases.models.cases import CaseQuerySet
from sources.models import (
    ArticleState,
    Citation,
    Mention,
    MentionStatus,
    SourceArticle,
)

from .filter_fields import MAX_QUERY, NameQueryFilter, PeriodFilter, SinceFilter

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class FilterBackend(DjangoFilterBackend):
    """django-filter, skipped when the request gives none of the filters.

    Building a FilterSet copies its filters and form fields, a few milliseconds
    that a list without filters need not pay: with no parameter of theirs, our
    FilterSets select everything.
    """

    def filter_queryset(
        self, request: Request, queryset: QuerySet, view: Any
    ) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or request.query_params.keys().isdisjoint(
            filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


def choices(
    field_name: str, vocabulary: Any, help_text: "StrOrPromise"
) -> filters.Filter:
    # The fields are the record's own or its subject's: no join repeats a row,
    # and DISTINCT would make the database sort every match before the LIMIT.
    return filters.MultipleChoiceFilter(
        field_name=field_name,
        distinct=False,
        choices=vocabulary.choices,
        help_text=help_text + " " + str(_("Repeat the parameter for several.")),
    )


class CaseFilter(filters.FilterSet):
    q = NameQueryFilter(
        method="search",
        help_text=_(
            "A name in any script (the subject's or a relative's), or a reference."
        ),
    )
    fate = choices("fate", Fate, _("Fate."))
    workflow = choices("workflow", Workflow, _("Workflow state."))
    confidentiality = choices("confidentiality", Confidentiality, _("Confidentiality."))
    ethnicity = choices("subject__ethnicity", Ethnicity, _("Subject's ethnicity."))
    gender = choices("subject__gender", Gender, _("Subject's gender."))
    facility = filters.UUIDFilter(
        method="held_at", help_text=_("Uid of a facility the person was held in.")
    )
    disappeared_from = PeriodFilter(field_name="disappeared_on", bound="from")
    disappeared_to = PeriodFilter(field_name="disappeared_on", bound="to")
    detained_from = PeriodFilter(
        bound="from",
        method="detained_since",
        help_text=_("A detention started on or after this date (YYYY[-MM[-DD]])."),
    )
    detained_to = PeriodFilter(
        bound="to",
        method="detained_until",
        help_text=_("A detention started on or before this date (YYYY[-MM[-DD]])."),
    )
    has_sources = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="cited",
        help_text=_("true: at least one citation; false: none."),
    )
    updated_since = SinceFilter()

    class Meta:
        model = Case
        fields: list[str] = []

    def search(self, queryset: CaseQuerySet, name: str, value: str) -> CaseQuerySet:
        relatives = access.may_search_relatives(self.request.user)
        return queryset.matching(value, relatives=relatives)

    def held_at(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        held = Detention.objects.filter(case=OuterRef("pk"), facility__uid=value)
        return queryset.filter(Exists(held))

    def detained_since(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        started = Detention.objects.filter(
            case=OuterRef("pk"), started_on__gte=value[0]
        )
        return queryset.filter(Exists(started))

    def detained_until(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        started = Detention.objects.filter(
            case=OuterRef("pk"), started_on__lte=value[1]
        )
        return queryset.filter(Exists(started))

    def cited(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        cited = Exists(Citation.objects.filter(case=OuterRef("pk")))
        return queryset.filter(cited if value == "true" else ~cited)


class PersonFilter(filters.FilterSet):
    q = NameQueryFilter(
        method="search",
        help_text=_("A name in any script."),
    )
    ethnicity = choices("ethnicity", Ethnicity, _("Ethnicity."))
    gender = choices("gender", Gender, _("Gender."))
    updated_since = SinceFilter()

    class Meta:
        model = Person
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=PersonName.objects.person_ids_matching(value))


class ArticleFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search",
        max_length=MAX_QUERY,
        help_text=_("Words to find in the title or text."),
    )
    publisher = filters.CharFilter(
        lookup_expr="iexact", max_length=200, help_text=_("Publisher.")
    )
    language = filters.CharFilter(max_length=12, help_text=_("BCP 47 code."))
    state = choices("state", ArticleState, _("Import state."))
    published_from = PeriodFilter(field_name="published_on", bound="from")
    published_to = PeriodFilter(field_name="published_on", bound="to")
    updated_since = SinceFilter()

    class Meta:
        model = SourceArticle
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))


class MentionFilter(filters.FilterSet):
    status = choices("status", MentionStatus, _("Review status."))
    article = filters.UUIDFilter(
        field_name="article__uid", help_text=_("Uid of the article.")
    )
    person = filters.UUIDFilter(
        field_name="person__uid", help_text=_("Uid of the person.")
    )

    class Meta:
        model = Mention
        fields: list[str] = []


class CaseLinkFilter(filters.FilterSet):
    """Relatives, detentions and citations: by the case they belong to."""

    case = filters.CharFilter(
        field_name="case__reference",
        max_length=30,
        help_text=_("Reference of the case."),
    )


class RelativeFilter(CaseLinkFilter):
    person = filters.UUIDFilter(
        field_name="person__uid", help_text=_("Uid of the relative (a person).")
    )

    class Meta:
        model = Relative
        fields: list[str] = []


class DetentionFilter(CaseLinkFilter):
    facility = filters.UUIDFilter(
        field_name="facility__uid", help_text=_("Uid of the facility.")
    )

    class Meta:
        model = Detention
        fields: list[str] = []


class CitationFilter(CaseLinkFilter):
    article = filters.UUIDFilter(
        field_name="article__uid", help_text=_("Uid of the article.")
    )

    class Meta:
        model = Citation
        fields: list[str] = []


class FacilityFilter(filters.FilterSet):
    q = NameQueryFilter(
        method="search",
        help_text=_("A name of the facility, in any script."),
    )
    kind = choices("kind", FacilityKind, _("Type of facility."))
    prefecture = filters.CharFilter(
        lookup_expr="iexact", max_length=200, help_text=_("Prefecture.")
    )

    class Meta:
        model = Facility
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        named = FacilityName.objects.search(value).values("facility_id")
        return queryset.filter(Q(name__icontains=value.strip()) | Q(pk__in=named))
