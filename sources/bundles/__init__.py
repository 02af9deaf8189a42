"""Case bundles: the versioned JSON exchange format of docs/case-bundle.md."""

from .exporting import export_bundle
from .fields import FORMAT, VERSION
from .files import load_bundle_files, read_bundle_file
from .loading import LoadSummary, load_bundle
from .records import BundleError

__all__ = [
    "FORMAT",
    "VERSION",
    "BundleError",
    "LoadSummary",
    "export_bundle",
    "load_bundle",
    "load_bundle_files",
    "read_bundle_file",
]
