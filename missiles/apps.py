from django.apps import AppConfig


class MissilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "missiles"
