from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Shared machinery"

    def ready(self):
        from core import versions

        versions.connect_signals()
