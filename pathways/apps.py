from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pathways"
    verbose_name = "Pathways: how to get in and where it leads"

    def ready(self):
        from django.urls import reverse

        from careers.models import add_role_page_list
        from core.journey import Step, add_steps

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
        # And the published home fees of its courses, cheapest first, for its key facts.
        add_role_page_list(
            "home_fees",
            home_fees,
            "fee_total_text",
            "year",
            position="fee_total_whole",
        )


def home_fees(role):
    """The role's courses' published home fees that give a whole-course figure (in total, or
    per so many credits with the course's credits), as text and in whole pounds to sort."""
    from django.db.models import Case, CharField, DecimalField, F, IntegerField, When
    from django.db.models.functions import Cast

    from pathways.models import Programme, ProgrammeFee

    money = DecimalField(max_digits=12, decimal_places=2)
    total = Case(
        When(basis=ProgrammeFee.Basis.TOTAL, then=F("amount")),
        When(
            basis=ProgrammeFee.Basis.PER_CREDITS,
            per_credits__gt=0,
            course_credits__gt=0,
            then=F("amount") * F("course_credits") / F("per_credits"),
        ),
        default=None,
        output_field=money,
    )
    return (
        ProgrammeFee.objects.filter(
            status=ProgrammeFee.Status.HOME,
            amount__isnull=False,
            programme__in=Programme.objects.published().filter(routes__role=role),
        )
        .annotate(fee_total=total)
        .filter(fee_total__isnull=False)
        .annotate(
            fee_total_text=Cast("fee_total", CharField()),
            fee_total_whole=Cast("fee_total", IntegerField()),
        )
    )
