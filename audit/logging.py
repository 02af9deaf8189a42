"""Record a look at, or an export of, protected records in the access log."""

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import HttpRequest
from rest_framework.request import Request

from .models import AccessAction, AccessLogEntry, Channel

__all__ = ["PENDING_ATTRIBUTE", "client_address", "record_access"]

# Where AccessLogMiddleware keeps the entries of a request until it ends.
PENDING_ATTRIBUTE = "_pending_access_log"


def record_access(
    *,
    request: HttpRequest | Request,
    action: AccessAction,
    target: models.Model | type[models.Model],
    channel: Channel,
    case_reference: str = "",
    rows: int | None = None,
) -> AccessLogEntry:
    """Record that the request's user did this to a record (or a kind of record).

    `target` is the record, or its model for an export of a list (give `rows`).
    Within a request that passed through AccessLogMiddleware the entry is
    written when the request ends, after its transaction, so that a refused
    attempt (a 404 that rolls the transaction back) is still recorded.
    Otherwise it is written at once. DRF's request reads the user, the
    address and the pending entries from the request it wraps.
    """
    current = request.user
    # Only AnonymousUser is not authenticated; isinstance() tells the type checker.
    if isinstance(current, AnonymousUser) or not current.is_authenticated:
        user = None
    else:
        user = current
    entry = AccessLogEntry(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        object_type=target._meta.label_lower,
        object_ref="" if isinstance(target, type) else _reference(target),
        case_reference=case_reference,
        rows=rows,
        channel=channel,
        client_address=client_address(request),
    )
    pending = getattr(request, PENDING_ATTRIBUTE, None)
    if pending is None:
        entry.save()
    else:
        pending.append(entry)
    return entry


def _reference(record: models.Model) -> str:
    """Return the key people quote for a record: a reference, else a uid, else id."""
    for name in ("reference", "uid"):
        value = getattr(record, name, None)
        if value:
            return str(value)
    return str(record.pk)


def client_address(request: HttpRequest | Request) -> str | None:
    """Return the client's address as the login lockout sees it.

    django-axes reads it behind a proxy as its settings say; without axes,
    the address the connection came from.
    """
    if apps.is_installed("axes"):
        # Imported here: axes.helpers imports its models.
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(request)
    return request.META.get("REMOTE_ADDR")
