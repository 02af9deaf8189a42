"""What a person's page lists below their names: the cases that name them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.models import Case, Person, PersonName, Relative, Testimony

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from cases.access import User

# Rows listed per section; a person named in more gets "and N more".
MAX_LINKS = 25


@dataclass(frozen=True)
class Link:
    """One row of a section: a link, and notes beside it (each read in its own
    direction, as names may be in Arabic script)."""

    url: str
    text: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled list of links on a person's page."""

    title: "StrOrPromise"
    links: list[Link]
    empty: "StrOrPromise"
    more: int = 0


def section(
    title: "StrOrPromise",
    rows: QuerySet,
    to_link: Callable[[Any], Link],
    empty: "StrOrPromise",
) -> Section:
    """Return a section of at most MAX_LINKS rows, counting those left out."""
    shown = list(rows[: MAX_LINKS + 1])
    total = rows.count() if len(shown) > MAX_LINKS else len(shown)
    links = [to_link(row) for row in shown[:MAX_LINKS]]
    return Section(title, links, empty, total - len(links))


def subject_names(lookup: str) -> Prefetch:
    """Prefetch the names of the cases' subjects, in display order."""
    return Prefetch(lookup, queryset=PersonName.objects.order_by("id"))


def case_url(case: Case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def case_sections(person: Person, user: "User") -> list[Section]:
    """Return the cases the user may see that name the person: as the missing
    person, as a relative and as a witness (each role only to those who may
    view it).
    """
    visible = Case.objects.visible_to(user)
    sections = [
        section(
            _("Cases about this person"),
            visible.filter(subject=person).order_by("reference"),
            lambda c: Link(
                case_url(c),
                c.reference,
                (c.get_fate_display(), c.days_missing_display()),
            ),
            _("No case is about this person."),
        )
    ]
    if access.may_view(user, Relative):
        sections.append(relative_section(person, visible))
    if access.may_view(user, Testimony):
        sections.append(witness_section(person, visible))
    return sections


def relative_section(person: Person, visible: QuerySet) -> Section:
    """Return the cases in which the person is a relative of the missing person."""
    relatives = (
        Relative.objects.filter(person=person, case__in=visible)
        .select_related("case__subject")
        .prefetch_related(subject_names("case__subject__names"))
        .order_by("case__reference")
    )
    return section(
        _("Relative in"),
        relatives,
        lambda r: Link(
            case_url(r.case),
            r.case.reference,
            (
                gettext("%(relationship)s of %(person)s")
                % {
                    "relationship": r.get_relationship_display(),
                    "person": r.case.subject,
                },
            ),
        ),
        _("Not a relative in any case."),
    )


def witness_section(person: Person, visible: QuerySet) -> Section:
    """Return the cases in which the person gave testimony."""
    testimonies = (
        Testimony.objects.filter(witness=person, case__in=visible)
        .select_related("case__subject")
        .prefetch_related(subject_names("case__subject__names"))
        .order_by("case__reference")
    )
    return section(
        _("Witness in"),
        testimonies,
        lambda t: Link(
            case_url(t.case),
            t.case.reference,
            (str(t.case.subject), testimony_label(t)),
        ),
        _("Gave no testimony in any case."),
    )


def testimony_label(testimony: Testimony) -> str:
    if testimony.given_on is None:
        return gettext("testimony, undated")
    return gettext("testimony of %(date)s") % {"date": testimony.given_on.isoformat()}
