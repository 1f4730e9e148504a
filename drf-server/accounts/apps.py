from django.apps import AppConfig
from django.conf import settings


class AccountsConfig(AppConfig):
    name = 'accounts'

    def ready(self):
        if settings.DJOSER_ROUTES:
            # drf-spectacular finds an extension by its class being defined.
            from . import djoser_schema  # noqa: F401
