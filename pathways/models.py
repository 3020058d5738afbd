from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from careers.models import (
    BY_NAME,
    ClientGroup,
    NationFact,
    Organisation,
    PayFigure,
    Role,
    RoleChild,
    SharedChild,
    roles_field,
    unique_slug_per_role,
)
from core.content import Content, ContentQuerySet, Nation, SlugManager
from core.models import with_glossary
from core.periods import YearKind, has_ended, has_passed_date, validate_period


def non_negative(field, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message="A duration cannot be negative.",
    )


class EntryRoute(SharedChild):
    """A way into one role or several, such as a postgraduate course or the arts therapist
    apprenticeship."""

    roles = roles_field("entry_routes")
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=60, help_text="For tables and the planner.")
    summary = models.CharField(max_length=300)
    description = models.TextField(help_text="The route in full. Blank lines separate paragraphs.")
    duration = models.CharField(max_length=120, help_text="e.g. '2 years full time'.")
    months_full_time = models.PositiveIntegerField(null=True, blank=True)
    months_part_time = models.PositiveIntegerField(null=True, blank=True)
    study_modes = models.CharField(max_length=200)
    who_pays = models.TextField()
    funding_note = models.TextField(
        blank=True,
        help_text="Who can get the training funded, and what that means in practice. "
        "Shown everywhere the route is described.",
    )
    cost = models.TextField(blank=True, help_text="What it costs the student, as a breakdown.")
    is_paid_while_learning = models.BooleanField("earn while you learn", default=False)
    where_available = models.CharField(max_length=200)
    nations = models.CharField(
        max_length=100, help_text="Comma-separated: england, scotland, wales, northern-ireland."
    )
    who_it_suits = models.TextField()
    outcome = models.TextField(help_text="What the visitor has at the end.")
    how_to_apply = models.TextField(blank=True)

    class Meta(SharedChild.Meta):
        constraints = [
            non_negative("months_full_time", "entryroute_months_full_time_non_negative"),
            non_negative("months_part_time", "entryroute_months_part_time_non_negative"),
        ]

    def __str__(self):
        return self.name

    @property
    def page_role(self):
        """The role whose pages this route was read for (``entry_routes_for_detail_page``)."""
        return self.page_roles[0]

    def programmes_for(self, role):
        """The route's programmes a visitor to ``role``'s pages sees: those for every role it
        leads to and those for ``role`` alone (``shown_to_role`` in a query). Filters the
        prefetched list: no query."""
        return [p for p in self.programmes.all() if p.role_id in (None, role.pk)]

    @property
    def page_programmes(self):
        """The programmes of the route's page for ``page_role``."""
        return self.programmes_for(self.page_role)

    def url_for(self, role):
        """The route's page among ``role``'s pages (a shared route has one per role)."""
        return reverse(
            "pathways:entry_route_detail", kwargs={"role_slug": role.slug, "slug": self.slug}
        )

    def get_absolute_url(self):
        role = self.roles.order_by("pk").first()
        return self.url_for(role) if role else None


class RequirementManager(SlugManager):
    natural_key_fields = ("route", "slug")


class Requirement(Content):
    """One thing an entry route asks of an applicant."""

    class Kind(models.TextChoices):
        DEGREE = "degree", "Degree"
        # Stored as "music" for every role: the standard asked in the role's own art form.
        MUSIC = "music", "Standard in the art form"
        EXPERIENCE = "experience", "Experience"
        CHECKS = "checks", "Checks"
        ENGLISH = "english", "English language"
        EMPLOYMENT = "employment", "Employment"
        SELECTION = "selection", "Selection"
        OTHER = "other", "Other"

    route = models.ForeignKey(EntryRoute, on_delete=models.CASCADE, related_name="requirements")
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    is_essential = models.BooleanField(
        "essential", default=True, help_text="Untick when it is usual rather than essential."
    )

    objects = RequirementManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["route", "slug"], name="requirement_unique_slug"),
        ]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (*self.route.natural_key(), self.slug)

    natural_key.dependencies = ["pathways.entryroute"]


class Qualification(SharedChild):
    """A qualification, registration or membership, mandatory or helpful."""

    roles = roles_field("qualifications")
    name = models.CharField(max_length=160)
    level = models.CharField(max_length=60, blank=True, help_text="e.g. 'Level 7 (Masters)'.")
    body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="qualifications",
        help_text="The awarding, approving or regulating body.",
    )
    is_mandatory = models.BooleanField("mandatory", default=False)
    summary = models.CharField(max_length=300)
    description = models.TextField()

    class Meta(SharedChild.Meta):
        ordering = ["-is_mandatory", "position", "pk"]

    def __str__(self):
        return self.name


def shown_to_role(role):
    """Programmes a visitor to ``role``'s pages sees among their routes' (``role``: a role, or
    an expression naming one): those for every role of their routes, and those for ``role``
    alone. ``EntryRoute.programmes_for`` is the same test on a prefetched list."""
    return Q(role__isnull=True) | Q(role=role)


class ProgrammeQuerySet(ContentQuerySet):
    def for_role(self, role):
        """The programmes ``role``'s pages list: on a route leading to it, and either for
        every role of their routes or for ``role`` alone."""
        return self.filter(shown_to_role(role), routes__roles=role).distinct()


class ProgrammeManager(SlugManager.from_queryset(ProgrammeQuerySet)):
    pass


class Programme(Content):
    """An approved course that leads to registration. Blank facts show as "check with the
    course"."""

    class Delivery(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        BLENDED = "blended", "Blended: in person and online"

    class Recruitment(models.TextChoices):
        RECRUITING = "recruiting", "Recruiting"
        NOT_RECRUITING = "not_recruiting", "Not recruiting at present"
        ASK = "ask", "Not known: ask the course"

    slug = models.SlugField(max_length=80, unique=True)
    provider = models.CharField(max_length=160)
    award = models.CharField(
        max_length=120,
        help_text="The award's full name, e.g. 'MA Music Therapy' or 'Master of "
        "Music Therapy (MMT)'.",
    )
    location = models.CharField("city", max_length=160, help_text="Where it is taught.")
    nation = models.CharField(max_length=20, choices=Nation.choices)
    months_full_time = models.PositiveIntegerField(
        null=True, blank=True, help_text="Blank if unknown or not offered full time."
    )
    months_part_time = models.PositiveIntegerField(
        null=True, blank=True, help_text="Blank if unknown or not offered part time."
    )
    delivery = models.CharField(
        max_length=20, choices=Delivery.choices, blank=True, help_text="Blank if unknown."
    )
    intake = models.CharField(
        max_length=200,
        blank=True,
        help_text="The intake pattern, e.g. 'Every September' or 'Alternate years'.",
    )
    intake_month = models.PositiveSmallIntegerField(
        default=9, help_text="The month training starts (1-12); September for most courses."
    )
    next_intake = models.DateField(
        null=True, blank=True, help_text="The next start date, where the course gives one."
    )
    closing_date = models.DateField(
        null=True, blank=True, help_text="The next closing date for applications, if known."
    )
    closing_note = models.CharField(
        max_length=200, blank=True, help_text="Usual closing dates, e.g. 'Early January'."
    )
    recruitment = models.CharField(
        max_length=20,
        choices=Recruitment.choices,
        default=Recruitment.ASK,
        help_text="Whether it is taking applications now, as the course says.",
    )
    personal_therapy = models.CharField(
        max_length=200,
        blank=True,
        help_text="What personal therapy the course asks for, e.g. 'At least 40 hours'.",
    )
    notes = models.TextField(blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    routes = models.ManyToManyField(EntryRoute, blank=True, related_name="programmes")
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_programmes",
        verbose_name="only for this role",
        help_text="Blank for a course for every role its routes lead to, e.g. a shared "
        "apprenticeship taught in every art form. Choose a role for a course that trains in "
        "one art form only: it then shows on that role's pages alone.",
    )

    objects = ProgrammeManager()

    class Meta:
        ordering = ["provider"]
        constraints = [
            non_negative("months_full_time", "programme_months_full_time_non_negative"),
            non_negative("months_part_time", "programme_months_part_time_non_negative"),
            models.CheckConstraint(
                condition=Q(intake_month__gte=1, intake_month__lte=12),
                name="programme_intake_month_is_a_month",
                violation_error_message="The intake month is a number from 1 to 12.",
            ),
        ]

    def __str__(self):
        return f"{self.provider}: {self.award}"

    def next_closing_date(self, today=None):
        """The closing date still to come, or None once it has passed: a passed date is
        never the next one."""
        if self.closing_date and not has_passed_date(self.closing_date, today):
            return self.closing_date
        return None

    def has_started(self, today=None):
        """Its next start date is behind us, so it is not the next one any more."""
        return has_passed_date(self.next_intake, today)

    def has_closed(self, today=None):
        """Its last known closing date has passed (and no newer one is known)."""
        return has_passed_date(self.closing_date, today)

    def natural_key(self):
        return (self.slug,)


class ProgrammeFeeManager(SlugManager):
    natural_key_fields = ("programme", "slug")


class ProgrammeFee(Content):
    """A course's tuition fee as its provider publishes it: home or international, full or
    part time, per year, for the whole course or per so many credits, with its academic
    year. A blank amount records that the provider publishes none."""

    class Status(models.TextChoices):
        HOME = "home", "Home"
        INTERNATIONAL = "international", "International"

    class Mode(models.TextChoices):
        FULL_TIME = "full_time", "Full time"
        PART_TIME = "part_time", "Part time"

    class Basis(models.TextChoices):
        PER_YEAR = "per_year", "a year"
        TOTAL = "total", "for the whole course"
        PER_CREDITS = "per_credits", "per so many credits"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="fees")
    slug = models.SlugField(max_length=80)
    status = models.CharField("fee status", max_length=20, choices=Status.choices)
    mode = models.CharField(max_length=20, choices=Mode.choices)
    amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="In pounds, as published. Blank when the provider publishes no fee.",
    )
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.PER_YEAR)
    per_credits = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a fee per so many credits: how many, e.g. 20."
    )
    course_credits = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Credits in the whole course, as published (e.g. 180), for a fee per credits.",
    )
    year = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_period],
        help_text="The academic year the fee is for, e.g. '2026/27'.",
    )
    year_kind = models.CharField(
        max_length=10, choices=YearKind.choices, default=YearKind.ACADEMIC, blank=True
    )
    date_given = models.CharField(
        "date the source gives",
        max_length=60,
        blank=True,
        help_text="The date the provider's page gives for the fee, or 'undated'.",
    )

    objects = ProgrammeFeeManager()

    class Meta:
        ordering = ["programme", "status", "mode"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="programmefee_unique_slug"),
            non_negative("amount", "programmefee_amount_non_negative"),
        ]

    def __str__(self):
        return f"{self.programme}: {self.get_status_display()} {self.get_mode_display().lower()}"

    def natural_key(self):
        return (*self.programme.natural_key(), self.slug)

    natural_key.dependencies = ["pathways.programme"]

    @property
    def is_published_fee(self):
        return self.amount is not None

    @property
    def months(self):
        return getattr(self.programme, f"months_{self.mode}")

    @property
    def course_total(self):
        """The whole course's fee from the published figure, or None where it cannot be
        worked out from what is published (a yearly fee for a course of unknown length)."""
        if self.amount is None:
            return None
        if self.basis == self.Basis.TOTAL:
            return self.amount
        if self.basis == self.Basis.PER_CREDITS:
            if not self.per_credits or not self.course_credits:
                return None
            return self.amount * self.course_credits / self.per_credits
        if not self.months or self.months % 12:
            return None
        return self.amount * (self.months // 12)

    @property
    def basis_label(self):
        if self.basis == self.Basis.PER_CREDITS and self.per_credits:
            return f"per {self.per_credits} credits"
        return self.get_basis_display()

    @property
    def is_out_of_date(self):
        return bool(self.year) and has_ended(self.year, self.year_kind)


class ProgressionStage(RoleChild):
    """A rung on the career ladder, from gaining experience to consultant."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="progression_stages")
    name = models.CharField(max_length=120)
    summary = models.CharField(max_length=300)
    responsibilities = models.TextField()
    typical_band = models.CharField(max_length=60, blank=True, help_text="e.g. 'Band 6'.")
    pay = models.ForeignKey(
        "careers.PayFigure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progression_stages",
    )
    is_optional = models.BooleanField(
        "optional branch", default=False, help_text="A path some take, not a step everyone passes."
    )

    class Meta(RoleChild.Meta):
        constraints = [unique_slug_per_role("progressionstage_unique_slug_per_role")]

    def __str__(self):
        return self.name


class Specialism(RoleChild):
    """A clinical area a practitioner can specialise in."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="specialisms")
    name = models.CharField(max_length=120)
    description = models.TextField()
    is_emerging = models.BooleanField("new or growing area", default=False)

    class Meta(RoleChild.Meta):
        constraints = [unique_slug_per_role("specialism_unique_slug_per_role")]

    def __str__(self):
        return self.name


class NationNote(RoleChild):
    """How training or careers advice differs in one of the UK's four nations."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="nation_notes")
    nation = models.CharField(max_length=20, choices=Nation.choices)
    text = models.TextField()
    careers_service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(RoleChild.Meta):
        constraints = [unique_slug_per_role("nationnote_unique_slug_per_role")]

    def __str__(self):
        return self.get_nation_display()


class SchoolFact(RoleChild):
    """What a school or college student can do now: subjects, first degrees, applying,
    grade exams and volunteering. UK-wide (no nation) or for one nation where it differs."""

    class Topic(models.TextChoices):
        SUBJECTS = "subjects", "Subjects that help"
        DEGREES = "degrees", "First degrees that lead in"
        OFFERS = "offers", "Offers for a music degree"
        APPLYING = "applying", "Applying for a degree"
        MUSIC = "music", "Grade exams, ensembles and improvising"
        VOLUNTEERING = "volunteering", "Volunteering at 16 and 17"
        TIMING = "timing", "When people start training"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="school_facts")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    nation = models.CharField(
        max_length=20,
        choices=Nation.choices,
        blank=True,
        help_text="Blank when it is the same in every UK nation.",
    )
    title = models.CharField(max_length=160)
    text = models.TextField(
        help_text="What it means for a student. Blank lines separate paragraphs."
    )
    is_typical = models.BooleanField(
        "typical figure",
        default=False,
        help_text="Tick for typical offers or dates that change every year: visitors see "
        "'typical, check the year'.",
    )

    class Meta(RoleChild.Meta):
        ordering = ["position", "pk"]
        constraints = [unique_slug_per_role("schoolfact_unique_slug_per_role")]

    def __str__(self):
        return self.title


class PlanStep(RoleChild):
    """An action the planner can put in a visitor's plan. The planner decides which and when."""

    class Topic(models.TextChoices):
        ROLE = "role", "What is this job"
        SKILLS = "skills", "Is it for me"
        ENTRY_ROUTES = "entry-routes", "How do I get in"
        SCHOOL = "school", "At school or college"
        QUALIFICATIONS = "qualifications", "Qualifications and registration"
        PROGRESSION = "progression", "Where can it lead"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="plan_steps")
    title = models.CharField(max_length=160)
    what_to_do = models.TextField()
    duration = models.CharField(max_length=80, help_text="Roughly how long, e.g. '2 to 4 weeks'.")
    months = models.PositiveIntegerField(
        default=0, help_text="Typical months, for the plan's timeline (0 for a quick action)."
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="plan_steps")

    class Meta(RoleChild.Meta):
        constraints = [
            unique_slug_per_role("planstep_unique_slug_per_role"),
            non_negative("months", "planstep_months_non_negative"),
        ]

    def __str__(self):
        return self.title

    @property
    def topic_url_name(self):
        """The journey page that explains this step's topic."""
        return TOPIC_URL_NAMES[self.topic]

    @property
    def topic_anchor(self):
        """The section of that page, where the topic is one section of it."""
        return TOPIC_ANCHORS.get(self.topic, "")


class PlanNote(RoleChild):
    """Something the planner shows beside the steps: a caveat about a route, where people
    train, or a UK-wide cost such as the HCPC's fees. The planner decides which, by slug."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        COST = "cost", "Cost of qualifying"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="plan_notes")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    title = models.CharField(max_length=160)
    text = models.TextField(help_text="What it means for the visitor, and whom to ask.")
    amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The figure in pounds, if there is one. Blank when nobody has published one.",
    )
    amount_label = models.CharField(
        max_length=60, blank=True, help_text="What the figure is, e.g. 'to apply', 'a year'."
    )
    year = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_period],
        help_text="The period the figure covers, e.g. '2026/27', if it covers one. Leave "
        "blank for a fee in force until it changes.",
    )
    year_kind = models.CharField(
        max_length=10, choices=YearKind.choices, default=YearKind.CALENDAR, blank=True
    )
    effective_from = models.DateField(
        "in force from",
        null=True,
        blank=True,
        help_text="The date the figure took effect, as the source gives it.",
    )

    class Meta(RoleChild.Meta):
        constraints = [
            unique_slug_per_role("plannote_unique_slug_per_role"),
            non_negative("amount", "plannote_amount_non_negative"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_out_of_date(self):
        """True once the year its figure applies to has passed."""
        return bool(self.year) and has_ended(self.year, self.year_kind)


TOPIC_URL_NAMES = {
    PlanStep.Topic.ROLE: "careers:role_detail",
    PlanStep.Topic.SKILLS: "careers:skills",
    PlanStep.Topic.ENTRY_ROUTES: "pathways:entry_route_list",
    PlanStep.Topic.SCHOOL: "pathways:entry_route_list",
    PlanStep.Topic.QUALIFICATIONS: "pathways:qualifications",
    PlanStep.Topic.PROGRESSION: "pathways:progression",
}


TOPIC_ANCHORS = {PlanStep.Topic.SCHOOL: "#school"}


# What each pathways page reads: one function per page, every related list it shows prefetched.


def published_requirements():
    return Requirement.objects.published()


def roles_for_entry_routes_page():
    return with_glossary(Role.objects.published()).prefetch_related(
        Prefetch(
            "entry_routes",
            queryset=EntryRoute.objects.published().prefetch_related(
                Prefetch("requirements", queryset=published_requirements())
            ),
        ),
        Prefetch("school_facts", queryset=SchoolFact.objects.published()),
    )


def entry_routes_for_detail_page(role_slug):
    """The published routes of the published role ``role_slug``, each with that role as
    ``page_role`` (a shared route's page differs only in the role around it)."""
    role = Role.objects.published().filter(slug=role_slug)
    return (
        with_glossary(EntryRoute.objects.published())
        .filter(roles__in=role)
        .prefetch_related(
            Prefetch("roles", queryset=role, to_attr="page_roles"),
            Prefetch("requirements", queryset=published_requirements()),
            Prefetch("programmes", queryset=Programme.objects.published()),
        )
    )


def roles_for_qualifications_page():
    return with_glossary(Role.objects.published()).prefetch_related(
        Prefetch(
            "qualifications", queryset=Qualification.objects.published().select_related("body")
        ),
        Prefetch(
            "nation_facts",
            queryset=NationFact.objects.published().select_related("organisation", "pay_figure"),
        ),
        "entry_routes__sources",
        "entry_routes__programmes__sources",
        "entry_routes__programmes__fees__sources",
        "plan_steps__sources",
        "plan_notes__sources",
        "nation_facts__sources",
    )


def programmes_for_role(role):
    return Programme.objects.published().for_role(role)


def roles_for_progression_page():
    return with_glossary(Role.objects.published()).prefetch_related(
        Prefetch(
            "progression_stages",
            queryset=ProgressionStage.objects.published().select_related("pay"),
        ),
        Prefetch("specialisms", queryset=Specialism.objects.published()),
    )


def roles_for_next_steps_page():
    return Role.objects.published()


def roles_for_plan():
    """Everything a plan can show: steps, routes with their courses, notes and the per-nation
    facts, and the sources of each, each list in one query (read once per content version,
    so a plan for any answers cites its sources without a query)."""
    return Role.objects.published().prefetch_related(
        Prefetch(
            "entry_routes",
            queryset=EntryRoute.objects.published().prefetch_related(
                Prefetch(
                    "programmes",
                    queryset=Programme.objects.published().prefetch_related(
                        Prefetch("fees", queryset=ProgrammeFee.objects.published())
                    ),
                )
            ),
        ),
        Prefetch(
            "plan_steps",
            queryset=PlanStep.objects.published().prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.published())
            ),
        ),
        Prefetch("plan_notes", queryset=PlanNote.objects.published()),
        Prefetch(  # when people start, shown with every timeline
            "school_facts",
            queryset=SchoolFact.objects.published()
            .filter(topic=SchoolFact.Topic.TIMING, nation="")
            .prefetch_related("sources"),
        ),
        Prefetch(
            "nation_facts",
            queryset=NationFact.objects.published().select_related("organisation", "pay_figure"),
        ),
        "entry_routes__sources",
        "entry_routes__programmes__sources",
        "entry_routes__programmes__fees__sources",
        "plan_steps__sources",
        "plan_notes__sources",
        "nation_facts__sources",
    )


def roles_for_compare():
    """What the compare page shows of each role, each list in one query."""
    return Role.objects.published().prefetch_related(
        Prefetch("client_groups", queryset=ClientGroup.objects.published().order_by(*BY_NAME)),
        Prefetch(
            "qualifications", queryset=Qualification.objects.published().select_related("body")
        ),
        Prefetch(
            "entry_routes",
            queryset=EntryRoute.objects.published()
            .order_by(*BY_NAME)
            .prefetch_related(
                Prefetch("requirements", queryset=published_requirements()),
                Prefetch(
                    "programmes",
                    queryset=Programme.objects.published().prefetch_related(
                        Prefetch("fees", queryset=ProgrammeFee.objects.published())
                    ),
                ),
            ),
        ),
        Prefetch("pay_figures", queryset=PayFigure.objects.published()),
        Prefetch(
            "nation_facts",
            queryset=NationFact.objects.published().filter(topic=NationFact.Topic.HOURS),
        ),
        Prefetch("vacancy_organisations", queryset=Organisation.objects.published()),
    )
