"""Whether the code now running serves the public: then only published records exist.

Set for every request outside the admin by curation.middleware.PublicOnlyMiddleware,
and read by the managers of every cited model (sources.models.CitedManager).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_public = ContextVar("containment_public_only", default=False)


def is_public():
    return _public.get()


@contextmanager
def public_only(enabled=True):
    token = _public.set(enabled)
    try:
        yield
    finally:
        _public.reset(token)
