import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Start each test with no throttle or lockout counts from the one before."""
    cache.clear()
    yield
    cache.clear()
