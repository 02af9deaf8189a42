"""Write the access log entries of a request after its transaction has ended."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .logging import PENDING_ATTRIBUTE
from .models import AccessLogEntry


class AccessLogMiddleware:
    """Keep the entries a request records, and write them when it is answered.

    With ATOMIC_REQUESTS a view that ends in an error, such as the 404 for a
    confidential case, rolls back everything it wrote: an entry written there
    would vanish with it. Middleware runs outside that transaction.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pending: list[AccessLogEntry] = []
        setattr(request, PENDING_ATTRIBUTE, pending)
        response = self.get_response(request)
        # If this write fails, the answer is a 500 and the records are not sent.
        AccessLogEntry.objects.bulk_create(pending)
        return response
