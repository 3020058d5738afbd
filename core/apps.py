from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Shared content: sources, snippets, glossary"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import checks, editors, versions  # noqa: F401 - checks register themselves

        versions.connect_signals()
        post_migrate.connect(editors.grant_content_permissions)
