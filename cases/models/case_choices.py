"""The vocabularies of a case: its fate, its workflow, who may see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Confidentiality", "Fate", "Workflow"]


class Fate(models.TextChoices):
    MISSING = "missing", _("missing")
    CAMP = "camp", _("held in a camp")
    PRISON = "prison", _("held in prison or sentenced")
    POLICE_CUSTODY = "police_custody", _("held in police custody")
    HOUSE_ARREST = "house_arrest", _("under house arrest or surveillance")
    TRAVEL_BAN = "travel_ban", _("passport confiscated or barred from leaving")
    RELEASED = "released", _("released")
    DECEASED = "deceased", _("deceased")
    UNKNOWN = "unknown", _("whereabouts unknown")


class Workflow(models.TextChoices):
    NEW = "new", _("new")
    VERIFYING = "verifying", _("verifying")
    VERIFIED = "verified", _("verified")
    CLOSED = "closed", _("closed")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("public")
    RESTRICTED = "restricted", _("restricted")
    CONFIDENTIAL = "confidential", _("confidential")

    @classmethod
    def lowers(cls, before: str, after: str) -> bool:
        """Say whether going from before to after lets more people see a case."""
        order: list[str] = [cls.PUBLIC, cls.RESTRICTED, cls.CONFIDENTIAL]
        return after in order and order.index(after) < order.index(before)
