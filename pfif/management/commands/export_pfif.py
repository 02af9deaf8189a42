"""Export cases as PFIF 1.4."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import QueryDict

from api.filters import CaseFilter
from cases.models import Case
from cases.models.cases import CaseQuerySet
from pfif.exporting import export_pfif


class Command(BaseCommand):
    help = (
        "Export cases as PFIF 1.4. Filters are the API's case filters, given as "
        "NAME=VALUE (fate=camp disappeared_from=2018). By default only public "
        "cases whose family consented to publication."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("filters", nargs="*", metavar="NAME=VALUE")
        parser.add_argument("--output", type=Path, help="File to write (else stdout).")
        parser.add_argument(
            "--include-unpublished",
            action="store_true",
            help="Also cases not public or without the family's consent.",
        )

    def handle(
        self,
        *args: Any,
        filters: list[str],
        output: Path | None,
        include_unpublished: bool,
        **options: Any,
    ) -> None:
        cases = filtered_cases(filters)
        export = export_pfif(cases=cases, published_only=not include_unpublished)
        if output is None:
            self.stdout.write(export.xml.decode(), ending="")
        else:
            try:
                output.write_bytes(export.xml)
            except OSError as error:
                raise CommandError(
                    f"Cannot write {output}: {error.strerror}", returncode=2
                ) from None
        self.stderr.write(f"{len(export.cases)} cases exported.")


class OperatorCaseFilter(CaseFilter):
    """The API's case filters, for the operator, who may search relatives too."""

    def search(self, queryset: CaseQuerySet, name: str, value: str) -> CaseQuerySet:
        return queryset.matching(value)


def filtered_cases(filters: list[str]) -> Any:
    """Return the cases NAME=VALUE filters select; exit status 2 if one is wrong."""
    query = QueryDict(mutable=True)
    for item in filters:
        name, equals, value = item.partition("=")
        if not equals:
            raise CommandError(f"'{item}' is not NAME=VALUE.", returncode=2)
        query.appendlist(name, value)
    unknown = sorted(set(query) - set(CaseFilter.base_filters))
    if unknown:
        raise CommandError(f"Unknown filters: {', '.join(unknown)}.", returncode=2)
    filterset = OperatorCaseFilter(query, queryset=Case.objects.all())
    if not filterset.is_valid():
        errors = "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in filterset.errors.items()
        )
        raise CommandError(errors, returncode=2)
    return filterset.qs
