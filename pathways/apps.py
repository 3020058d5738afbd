from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pathways"
    verbose_name = "Pathways: how to get in and where it leads"

    def ready(self):
        from django.urls import reverse

        from careers.models import add_role_page_list
        from core.journey import Step, add_steps
        from core.pages import add_page_check
        from pathways.redirects import page_exists

        add_page_check(page_exists)
        add_steps(
            3,
            Step("pathways:entry_route_list", "How do I get in"),
            Step("pathways:qualifications", "Qualifications and registration"),
            Step("pathways:progression", "Where can it lead"),
            Step("pathways:next_steps", "What do I do next"),
        )
        # The role page lists the qualifications everyone needs and the ways in.
        add_role_page_list(
            "qualifications",
            lambda role: role.qualifications.filter(is_mandatory=True),
            "name",
            "summary",
            position="position",
        )
        add_role_page_list(
            "entry_routes",
            lambda role: role.entry_routes.all(),
            "name",
            "funding_note",
            position="position",
            link=lambda role, slug: reverse(
                "pathways:entry_route_detail", kwargs={"role_slug": role.slug, "slug": slug}
            ),
        )
