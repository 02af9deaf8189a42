"""What a load of a case bundle did: records created, updated, left unchanged."""

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["KINDS", "LoadSummary"]

KINDS = {
    "case": "cases",
    "person": "persons",
    "name form": "name forms",
    "facility": "facilities",
    "facility name": "facility names",
    "article": "articles",
    "relative": "relatives",
    "detention": "detentions",
    "step": "steps",
    "submission": "submissions",
    "state claim": "state claims",
    "citation": "citations",
}


@dataclass
class LoadSummary:
    """How many records of each kind a load created, updated or left unchanged."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: "LoadSummary") -> "LoadSummary":
        return LoadSummary(
            created=self.created + other.created,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
        )

    def __str__(self) -> str:
        counts = ", ".join(
            f"{self.total(kind)} {kind if self.total(kind) == 1 else plural}"
            for kind, plural in KINDS.items()
        )
        return (
            f"Loaded {counts} (created {self.created.total()}, "
            f"updated {self.updated.total()}, unchanged {self.unchanged.total()})"
        )

    def total(self, kind: str) -> int:
        return self.created[kind] + self.updated[kind] + self.unchanged[kind]
