"""Articles' languages shown by name ("Kazakh"), in the reader's language."""

from typing import Any

from babel import Locale, UnknownLocaleError
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

__all__ = ["LanguageFilter", "language_name"]


def language_name(code: str) -> str:
    """Return a language's name in the interface's language, else its code."""
    if not code:
        return ""
    reader = translation.to_locale(translation.get_language() or "en")
    try:
        name = Locale.parse(translation.to_locale(code)).get_display_name(reader)
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


class LanguageFilter(admin.SimpleListFilter):
    """Filter by the languages the articles are written in, named."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = (
            model_admin.get_queryset(request)
            .exclude(language="")
            .values_list("language", flat=True)
            .distinct()
            .order_by("language")
        )
        return sorted(((code, language_name(code)) for code in codes), key=_second)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(language=self.value()) if self.value() else queryset


def _second(pair: tuple[str, str]) -> str:
    return pair[1]
