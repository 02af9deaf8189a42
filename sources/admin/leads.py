"""Leads: names found in articles that match none of our persons. A case worker
says, on the lead's page, whether it is a known person written another way, a
new person, or not a person."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases import access
from cases.models import Person

from ..leads import dismiss_lead, lead_is_existing_person, lead_is_new_person
from ..models import Lead
from .passages import passage_html
from .review import ReviewPageAdmin


class LeadStatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [
            ("open", _("to review")),
            ("person", _("a person")),
            ("dismissed", _("not a person")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "open":
            return queryset.filter(person__isnull=True, dismissed=False)
        if self.value() == "person":
            return queryset.filter(person__isnull=False)
        if self.value() == "dismissed":
            return queryset.filter(dismissed=True)
        return queryset


class SameAsForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        error_messages={
            "required": gettext_lazy("Type a name and choose the person first."),
            "invalid_choice": gettext_lazy("Choose the person again from the list."),
        },
    )

    def __init__(self, data: Any, *, persons: QuerySet) -> None:
        super().__init__(data)
        # Only the persons this case worker may see can be chosen.
        self.fields["person"] = forms.ModelChoiceField(
            queryset=persons, error_messages=self.fields["person"].error_messages
        )


@admin.register(Lead)
class LeadAdmin(ReviewPageAdmin):
    class Media:
        css = {"all": ["sources/review.css"]}

    list_display = ["text", "passage", "article", "outcome"]
    list_select_related = ["article", "person"]
    list_filter = [LeadStatusFilter]
    search_fields = ["text"]
    autocomplete_fields = ["person"]
    fields = ["passage", "reason", "article", "person", "resolve"]
    readonly_fields = ["passage", "reason", "article", "resolve"]
    actions = ["create_persons"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_create_persons_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms([access.ADDS_PERSONS, access.CHANGES_LEADS])

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = super().get_readonly_fields(request, obj)
        open_lead = obj is not None and obj.person_id is None and not obj.dismissed
        return readonly if open_lead else [*readonly, "person"]

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "person":
            kwargs["label"] = _("Same as")
            kwargs["help_text"] = _(
                "Type the name in any script or spelling, choose the person, "
                "then press “Same as the chosen person”."
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "person" and field is not None:
            # Only choosing: "A new person" adds one, the lead is never edited.
            for link in ("add", "change", "delete", "view"):
                setattr(field.widget, f"can_{link}_related", False)
        return field

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(require_POST(self.resolve_view))
        return [
            path("<path:object_id>/resolve/", view, name="sources_lead_resolve"),
            *super().get_urls(),
        ]

    def resolve_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Say what the lead is: a known person, a new person, or not a person."""
        lead = self.get_visible_or_404(request, object_id)
        if not isinstance(lead, Lead):
            raise Http404  # never: this admin's own model
        verdict = request.POST.get("verdict")
        if verdict == "same":
            return self._same_as(request, lead)
        if verdict == "new":
            return self._new_person(request, lead)
        self._require(request, access.CHANGES_LEADS)
        dismiss_lead(lead=lead)
        message = _("“%(name)s” set aside: not a person.") % {"name": lead.text}
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:sources_lead_changelist"))

    def _same_as(self, request: HttpRequest, lead: Lead) -> HttpResponse:
        self._require(request, access.CHANGES_LEADS, access.CHANGES_PERSONS)
        persons = Person.objects.visible_to(request.user)
        form = SameAsForm(request.POST, persons=persons)
        if not form.is_valid():
            for error in form.errors["person"]:
                self.message_user(request, str(error), messages.ERROR)
            url = reverse("admin:sources_lead_change", args=[lead.pk])
            return HttpResponseRedirect(url)
        person = form.cleaned_data["person"]
        mention = lead_is_existing_person(lead=lead, person=person)
        message = _(
            "“%(name)s” is now a name of %(person)s. Confirm or reject the passage."
        ) % {"name": lead.text, "person": person.display_name}
        self.message_user(request, message, messages.SUCCESS)
        url = reverse("admin:sources_mention_change", args=[mention.pk])
        return HttpResponseRedirect(url)

    def _new_person(self, request: HttpRequest, lead: Lead) -> HttpResponse:
        self._require(request, access.ADDS_PERSONS, access.CHANGES_LEADS)
        mention = lead_is_new_person(lead=lead)
        message = _(
            "%(name)s added as a new person: add what you know of them. "
            "The passage waits in the review queue."
        ) % {"name": lead.text}
        self.message_user(request, message, messages.SUCCESS)
        url = reverse("admin:cases_person_change", args=[mention.person_id])
        return HttpResponseRedirect(url)

    def _require(self, request: HttpRequest, *permissions: str) -> None:
        if not request.user.has_perms(permissions):
            raise PermissionDenied

    @admin.display(description=gettext_lazy("passage"))
    def passage(self, lead: Lead) -> SafeString:
        return passage_html(lead.article.text, lead.start, lead.end)

    @admin.display(description=gettext_lazy("what it is"))
    def outcome(self, lead: Lead) -> str:
        if lead.person is not None:
            url = reverse("admin:cases_person_change", args=[lead.person_id])
            return format_html(
                '<a href="{}" dir="auto">{}</a>', url, lead.person.display_name
            )
        return _("not a person") if lead.dismissed else _("to review")

    @admin.display(description=gettext_lazy("decide"))
    def resolve(self, lead: Lead) -> SafeString:
        if lead.person_id is not None or lead.dismissed:
            return format_html("{}", self.outcome(lead))
        url = reverse("admin:sources_lead_resolve", args=[lead.pk])
        buttons = [
            ("same", _("Same as the chosen person")),
            ("new", _("A new person")),
            ("dismiss", _("Not a person")),
        ]
        return format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" name="verdict"'
            ' value="{}">{}</button>',
            ((url, verdict, label) for verdict, label in buttons),
        )

    @admin.action(
        description=gettext_lazy("Create a person from each selected lead"),
        permissions=["create_persons"],
    )
    def create_persons(self, request: HttpRequest, queryset: QuerySet) -> None:
        leads = list(queryset.filter(person__isnull=True, dismissed=False))
        for lead in leads:
            lead_is_new_person(lead=lead)
        message = _("%d persons created: add what you know of them.") % len(leads)
        self.message_user(request, message)
