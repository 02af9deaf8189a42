"""Source articles in the admin, and the case page's citations and source filter."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import CaseAdmin
from cases.models import Case, Detention

from .models import Citation, SourceArticle


@admin.register(SourceArticle)
class SourceArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_on", "language"]
    list_filter = ["language", "publisher"]
    search_fields = ["title", "url", "publisher"]
    date_hierarchy = "published_on"
    show_full_result_count = False


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "detention", "quote", "note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "detention":
            # Offer only this case's detentions; a new case has none yet.
            case_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Detention.objects.filter(
                case_id=case_id
            ).select_related("facility")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HasSourceFilter(admin.SimpleListFilter):
    title = _("has a source")
    parameter_name = "has_source"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        cited = Exists(Citation.objects.filter(case=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(cited)
        if self.value() == "no":
            return queryset.filter(~cited)
        return queryset


class CaseWithSourcesAdmin(CaseAdmin):
    """The case admin with the parts that need sources (cases never imports them)."""

    inlines = [*CaseAdmin.inlines, CitationInline]
    list_filter = [*CaseAdmin.list_filter, HasSourceFilter]


admin.site.unregister(Case)
admin.site.register(Case, CaseWithSourcesAdmin)
