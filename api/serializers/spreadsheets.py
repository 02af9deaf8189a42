"""The upload of a spreadsheet of cases to import (docs/importing-spreadsheets.md)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# A sheet of 10,000 cases is about 3 MB; a hundred times less than this.
MAX_SPREADSHEET_BYTES = 50 * 1024 * 1024


class SpreadsheetUploadSerializer(serializers.Serializer):
    """A CSV or XLSX file, and whether to only check it."""

    file = serializers.FileField(
        help_text=_("A CSV (UTF-8, comma or semicolon) or XLSX file, one case a row.")
    )

    def validate_file(self, upload: object) -> object:
        if getattr(upload, "size", 0) > MAX_SPREADSHEET_BYTES:
            raise serializers.ValidationError(
                _("The file is larger than %(mib)d MiB: split it.")
                % {"mib": MAX_SPREADSHEET_BYTES // (1024 * 1024)}
            )
        return upload


class DryRunSerializer(serializers.Serializer):
    """The query of an import: ?dry_run=true checks and counts, writing nothing."""

    dry_run = serializers.BooleanField(
        default=False,
        help_text=_("true: run the import and roll it back, for its report."),
    )
