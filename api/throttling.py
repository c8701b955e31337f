"""Anonymous throttling: DJANGO_API_THROTTLE_ANON requests per client (default 120/min)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate when each request comes (DRF reads it once at
    import), so that a test can lower it with override_settings."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
