"""The query vocabulary of cases: open ones, by name, as a user may see them."""

from typing import TYPE_CHECKING

from django.db import models

from .case_choices import Workflow
from .person_names import PersonName

if TYPE_CHECKING:
    from cases.access import User

__all__ = ["CaseQuerySet"]


class CaseQuerySet(models.QuerySet):
    def open(self) -> "CaseQuerySet":
        """Return the cases still being worked on."""
        return self.exclude(workflow=Workflow.CLOSED)

    def matching(self, text: str, *, relatives: bool = True) -> "CaseQuerySet":
        """Return the cases with this reference, or whose missing person or
        (with relatives) a relative has a name form matching the text in any
        script.

        One UNION of indexed lookups: an OR of them makes the database read
        every case. Relatives count because some subjects' names are unknown;
        a user who may not view relatives must not find a case by one.
        """
        persons = PersonName.objects.person_ids_matching(text)
        every = self.model.objects.order_by()
        case_ids = (
            every.filter(reference=text.strip().upper())
            .values("pk")
            .union(every.filter(subject__in=persons).values("pk"))
        )
        if relatives:
            case_ids = case_ids.union(
                every.filter(relatives__person__in=persons).values("pk")
            )
        return self.filter(pk__in=case_ids)

    def visible_to(self, user: "User") -> "CaseQuerySet":
        """Return the cases this user may know exist; the others are a 404 to them.

        Public cases need only `view_case`; restricted ones `view_restricted_case`;
        confidential ones `view_confidential_case`, or `view_team_confidential_case`
        when the case is assigned to the user or to a team of theirs (cases.access).
        """
        from cases import access  # access reads the models

        return access.visible_cases(self, user)

    def hidden_from(self, user: "User") -> "CaseQuerySet":
        """Return the cases whose existence this user may not learn."""
        from cases import access

        return access.hidden_cases(self.model.objects.all(), user)

    def next_reference(self, year: int) -> str:
        """Return the next free reference of a year, such as CT-2021-0042."""
        prefix = f"CT-{year}-"
        taken = self.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        numbers = [
            int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()
        ]
        return f"{prefix}{max(numbers, default=0) + 1:04d}"
