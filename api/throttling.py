"""Request rates per client (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])."""

from rest_framework import throttling
from rest_framework.settings import api_settings


class RateFromSettingsMixin:
    """Read the rate when asked, not once at import (so settings can change)."""

    scope: str | None

    def get_rate(self) -> str | None:
        if self.scope is None:
            return None
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return rate  # type: ignore[return-value]  # stubs type "60/minute" as a number


class AnonRateThrottle(RateFromSettingsMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(RateFromSettingsMixin, throttling.UserRateThrottle):
    pass
