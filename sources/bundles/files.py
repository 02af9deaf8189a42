"""Read case bundles from JSON files and load them together."""

import json
from collections.abc import Sequence
from pathlib import Path

from django.db import transaction

from casetracker.storable import unstorable

from .loading import LoadSummary, load_bundle
from .records import BundleError

__all__ = ["load_bundle_files", "read_bundle_file"]


def read_bundle_file(path: Path) -> dict:
    """Return the JSON of a bundle file; raise BundleError naming what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BundleError(f"{path}: cannot be read ({error})") from None
    try:
        data = json.loads(text)
        refused = unstorable(data)
    except json.JSONDecodeError as error:
        raise BundleError(f"{path}: not valid JSON ({error})") from None
    except RecursionError:
        raise BundleError(f"{path}: the JSON is nested too deeply") from None
    if refused is not None:
        raise BundleError(f"{path}: holds {refused}, which cannot be stored")
    return data


def load_bundle_files(*, paths: Sequence[Path]) -> LoadSummary:
    """Load bundle files in order, all or nothing: one bad file loads none."""
    bundles = [(path, read_bundle_file(path)) for path in paths]
    summary = LoadSummary()
    with transaction.atomic():
        for path, data in bundles:
            try:
                summary += load_bundle(data=data)
            except BundleError as error:
                raise BundleError(f"{path}: {error}") from error
    return summary
