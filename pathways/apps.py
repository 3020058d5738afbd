from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pathways"
    verbose_name = "Pathways: how to get in and where it leads"

    def ready(self):
        from careers.models import BY_NAME, add_role_page_list
        from core.journey import Step, add_steps
        from core.pages import add_page_check
        from pathways.models import EntryRoute, Qualification
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
            "qualifications",
            Qualification.objects.published().filter(is_mandatory=True).order_by(*BY_NAME),
        )
        add_role_page_list(
            "entry_routes", "entry_routes", EntryRoute.objects.published().order_by(*BY_NAME)
        )
        # And the published home fees of its courses, cheapest first, for its key facts.
        add_role_page_list("home_fees", None, home_fees)


def home_fees(role):
    """The role's courses' published home fees that give a whole-course figure (in total, or
    per so many credits with the course's credits), cheapest first."""
    from pathways.models import Programme, ProgrammeFee

    fees = ProgrammeFee.objects.published().filter(
        status=ProgrammeFee.Status.HOME,
        amount__isnull=False,
        programme__in=Programme.objects.published().for_role(role),
    )
    return sorted(
        (fee for fee in fees.select_related("programme") if fee.course_total is not None),
        key=lambda fee: fee.course_total,
    )
