"""Local development, the default of manage.py: debug on unless DJANGO_DEBUG says otherwise
(then DJANGO_SECRET_KEY is required, as everywhere). Servers use config.settings.prod."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings.base import *  # noqa: E402, F403
