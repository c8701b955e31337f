import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """The anonymous throttle counts requests in the cache, which outlives a test: start each
    test with none counted, or a long run of API tests ends in 429s."""
    cache.clear()
    yield
    cache.clear()
