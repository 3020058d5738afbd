from django.apps import AppConfig


class CareersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"
    verbose_name = "Careers: what the job is"

    def ready(self):
        from core.journey import Step, add_steps

        add_steps(
            1,
            Step("careers:role_detail", "What is this job"),
            Step("careers:skills", "Is it for me"),
        )
