"""Request body parsing that fails with a 400 or 413, never a 500."""

import json
from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from casetracker.storable import unstorable


class JSONParser(parsers.JSONParser):
    """Parse UTF-8 JSON; Django has refused bodies over DATA_UPLOAD_MAX_MEMORY_SIZE.

    Beside DRF's parser, refuse what would reach the database and fail there
    (lone surrogates) or exhaust the parser (deep nesting).
    """

    def parse(
        self,
        stream: IO[bytes] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        if stream is None:
            return None
        body = stream.read()
        try:
            data = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
            refused = unstorable(data)
        except UnicodeError:
            raise exceptions.ParseError(
                _("The body is not valid UTF-8 text, or holds an unpaired surrogate.")
            ) from None
        except ValueError as error:
            raise exceptions.ParseError(
                _("The body is not valid JSON: %(error)s") % {"error": error}
            ) from None
        except RecursionError:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from None
        if refused is not None:
            raise exceptions.ParseError(
                _("The body holds %(what)s, which cannot be stored.")
                % {"what": refused}
            )
        return data


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")
