"""System checks: without its middleware the access log loses refused attempts."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

MIDDLEWARE = "audit.middleware.AccessLogMiddleware"


@register()
def check_middleware(**kwargs: Any) -> list[Error]:
    """Require the middleware that writes entries after the request's transaction."""
    if MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [
        Error(
            f"{MIDDLEWARE} is missing from MIDDLEWARE.",
            hint=(
                "Without it, an entry recorded during a request that ends in an "
                "error (such as a refused look at a confidential case) is rolled "
                "back with the request's transaction."
            ),
            id="audit.E001",
        )
    ]
