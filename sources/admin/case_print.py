"""A case on paper: one page to print (or save as PDF from the browser).

No PDF is made here: WeasyPrint, the library of the field, needs Pango and
other system libraries that `make run` does not install; the browser's own
"Print, save as PDF" gives the same page.
"""

from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from audit.models import AccessAction
from cases import access
from cases.dates import readable_date
from cases.models import Case, PersonName, Relative

from ..models import Capture, Citation
from ..timeline import case_timeline

if TYPE_CHECKING:
    from cases.admin import CaseAdmin

    _CaseAdmin = CaseAdmin
else:
    _CaseAdmin = object


class PrintableCaseMixin(_CaseAdmin):
    """Add the print view of a case, checked and logged as its change page is."""

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_print"
        view = self.admin_site.admin_view(self.print_view)
        return [path("<path:object_id>/print/", view, name=name), *super().get_urls()]

    def print_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self.logged(
            request,
            object_id,
            AccessAction.VIEWED,
            lambda: self.render_print(request, object_id),
        )

    def render_print(self, request: HttpRequest, object_id: str) -> HttpResponse:
        # This admin's records are cases.
        case = cast(Case, self.get_visible_or_404(request, object_id))
        user = request.user
        context = {
            **self.admin_site.each_context(request),
            "case": case,
            "title": _("Case %(reference)s") % {"reference": case.reference},
            "names": PersonName.objects.filter(person=case.subject).order_by("pk"),
            "facts": case_facts(case),
            "subject_facts": subject_facts(case),
            "timeline": case_timeline(case, user=user),
            "relatives": relatives(case, user),
            "shows_contacts": not access.hidden_fields(user, Relative),
            "citations": citations(case, user),
        }
        return TemplateResponse(request, "admin/sources/case_print.html", context)


def case_facts(case: Case) -> list[tuple[str, str]]:
    """Return the case's facts as (label, value), dates as precise as known."""
    facts = [
        (_("Reference"), case.reference),
        (_("Fate"), case.get_fate_display()),
        (
            _("Disappeared"),
            readable_date(case.disappeared_on, case.disappeared_on_precision),
        ),
        (
            _("Last contact"),
            readable_date(case.last_contact_on, case.last_contact_on_precision),
        ),
        (
            _("Released, found or died"),
            readable_date(case.missing_until, case.missing_until_precision),
        ),
        (_("Days missing"), case.days_missing_display()),
        (_("Place last seen"), case.place_last_seen),
        (_("Believed responsible"), case.believed_responsible),
        (_("Summary"), case.summary),
        (_("Workflow"), case.get_workflow_display()),
        (_("Confidentiality"), case.get_confidentiality_display()),
    ]
    return [(label, value) for label, value in facts if value]


def subject_facts(case: Case) -> list[tuple[str, str]]:
    """Return the missing person's facts as (label, value); no sensitive field."""
    person = case.subject
    origin = person.origin_display()
    facts = [
        (_("Description"), person.description),
        (_("Gender"), person.get_gender_display() if person.gender else ""),
        (_("Ethnicity"), person.get_ethnicity_display() if person.ethnicity else ""),
        (_("Born"), person.birth_display()),
        (_("Citizenship"), str(person.citizenship.name) if person.citizenship else ""),
        (_("Place of origin"), origin),
        (_("Occupation"), person.occupation),
    ]
    return [(label, value) for label, value in facts if value]


def relatives(case: Case, user: access.User) -> list[Relative]:
    """Return the case's relatives with their names, if the user may view them."""
    if not access.may_view(user, Relative):
        return []
    names = Prefetch("person__names", PersonName.objects.order_by("pk"))
    return list(case.relatives.select_related("person").prefetch_related(names))


def citations(case: Case, user: access.User) -> list[Citation]:
    """Return the case's sources with their captures, if the user may view them."""
    if not access.may_view(user, Citation):
        return []
    captures = Prefetch("article__captures", Capture.objects.order_by("fetched_at"))
    return list(
        case.citations.select_related("article", "detention__facility")
        .prefetch_related(captures)
        .order_by("article__published_on", "pk")
    )
