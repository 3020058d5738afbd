from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models import (
    F,
    Prefetch,
    Q,
)
from django.urls import reverse

from core.content import Content, ContentQuerySet, Nation, RoleChildManager, SlugManager
from core.models import with_glossary
from core.periods import validate_period, validate_split_year
from core.years import YearKind, has_passed


class Organisation(Content):
    """A body that regulates, represents or helps: the HCPC, BAMT, NHS Jobs, …"""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    url = models.URLField("URL", max_length=500)
    helps_with = models.TextField(help_text="What this organisation helps a visitor with.")
    nations = models.CharField(
        max_length=100,
        blank=True,
        help_text="The nations it serves, comma-separated (england, scotland, wales, "
        "northern-ireland); blank for the whole UK. A plan names it only to visitors from "
        "these nations.",
    )

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def nation_list(self):
        return [nation.strip() for nation in self.nations.split(",") if nation.strip()]

    def serves(self, nation):
        """Whether a visitor from ``nation`` (a ``Nation`` value; None when not known) should
        be pointed here."""
        return nation is None or not self.nation_list or nation in self.nation_list

    @property
    def nations_display(self):
        """The nations it serves, as a visitor reads them ("Scotland"), or "" for the UK."""
        names = dict(Nation.choices)
        return ", ".join(str(names.get(nation, nation)) for nation in self.nation_list)


# The facts that differ by nation which the role page shows beside pay and hours.
ROLE_PAGE_NATION_TOPICS = ["hours", "pay", "jobs"]


class RoleQuerySet(ContentQuerySet):
    def for_role_page(self):
        """Everything the 'what is this job' page shows: pay, facts per nation and its lists
        (``role_page_lists``, each as ``role.listed_<name>``), a query each."""
        lists = [
            Prefetch(relation, queryset=records, to_attr=f"listed_{name}")
            for name, (relation, records) in role_page_lists().items()
            if relation
        ]
        return (
            self.with_glossary()
            .select_related("regulator")
            .prefetch_related(
                Prefetch("pay_figures", queryset=PayFigure.objects.published()),
                Prefetch(
                    "nation_facts",
                    queryset=NationFact.objects.published()
                    .filter(topic__in=ROLE_PAGE_NATION_TOPICS)
                    .select_related("organisation", "pay_figure"),
                ),
                *lists,
            )
        )

    def for_skills_page(self):
        return self.with_glossary().prefetch_related(
            Prefetch("skills", queryset=Skill.objects.published())
        )

    def with_glossary(self):
        """Each role carries the published glossary (``glossary_terms``), read in its own
        query, so a page explains its terms without a query of its own."""
        return with_glossary(self)


class Role(Content):
    """A career, with everything that says what the job is."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    alternative_titles = models.CharField(
        max_length=300, blank=True, help_text="Other names for the job, comma-separated."
    )
    summary = models.CharField(max_length=300, help_text="One line: the job in a sentence.")
    description = models.TextField(
        help_text="What the job is. Blank lines separate paragraphs.",
    )
    how_it_helps = models.TextField(
        blank=True, help_text="Who benefits and why this kind of therapy helps them."
    )
    regulation = models.TextField(
        help_text="The protected title and who may use it.",
    )
    regulator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="regulated_roles"
    )
    register_check = models.TextField(
        blank=True, help_text="How anyone can check that a practitioner is registered."
    )
    working_pattern = models.TextField(help_text="Hours and the usual shape of the working week.")
    hours_per_week_min = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    hours_per_week_max = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    job_market = models.TextField(help_text="How many jobs there are and what they are like.")
    vacancies = models.TextField(help_text="Where jobs are advertised.")
    vacancy_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="vacancy_roles"
    )
    ways_of_working = models.TextField(
        blank=True, help_text="Employed, self-employed and mixed work."
    )
    career_changers = models.TextField(
        blank=True, help_text="Who comes into the job, and when in life."
    )
    skills_intro = models.TextField(blank=True, help_text="Opens the 'Is it for me' page.")
    entry_routes_intro = models.TextField(blank=True, help_text="Opens 'How do I get in'.")
    getting_experience = models.TextField(
        blank=True, help_text="How to get the experience courses ask for."
    )
    qualifications_intro = models.TextField(
        blank=True, help_text="Opens 'Qualifications and registration'."
    )
    training_costs = models.TextField(
        blank=True, help_text="What training costs and who pays, as a breakdown to check."
    )
    four_nations = models.TextField(
        blank=True, help_text="How things differ across England, Scotland, Wales and NI."
    )
    progression_intro = models.TextField(blank=True, help_text="Opens 'Where can it lead'.")
    next_steps_intro = models.TextField(blank=True, help_text="Opens 'What do I do next'.")
    key_entry = models.CharField(
        "entry requirement in one line",
        max_length=300,
        blank=True,
        help_text="For the key facts panel at the top of the role page.",
    )
    key_training = models.CharField(
        "training in one line",
        max_length=300,
        blank=True,
        help_text="How long training takes, for the key facts panel.",
    )
    key_cost = models.CharField(
        "cost and who pays in one line",
        max_length=300,
        blank=True,
        help_text="What training costs and who pays, for the key facts panel.",
    )
    occupational_category = models.CharField(
        max_length=120, blank=True, help_text="For search engines, e.g. an SOC 2020 code and name."
    )
    is_featured = models.BooleanField("featured on the home page", default=False)

    objects = SlugManager.from_queryset(RoleQuerySet)()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week_min__isnull=True)
                | Q(hours_per_week_max__isnull=True)
                | Q(hours_per_week_min__lte=F("hours_per_week_max")),
                name="role_hours_min_not_above_max",
                violation_error_message="The minimum hours a week cannot be more than the maximum.",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("careers:role_detail", kwargs={"role_slug": self.slug})

    @property
    def starting_pay(self):
        """The pay figure an editor marked as the starting figure, if it is published: never
        another band in its place."""
        return next((pay for pay in self.pay_figures.all() if pay.is_starting_figure), None)


class RoleChild(Content):
    """Base for the ordered lists that belong to one role."""

    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    objects = RoleChildManager()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def natural_key(self):
        return (self.role.slug, self.slug)

    natural_key.dependencies = ["careers.role"]


def unique_slug_per_role(name):
    return models.UniqueConstraint(fields=["role", "slug"], name=name)


class SharedChild(Content):
    """Base for records that several roles can share, stored once: a route such as the arts
    therapist apprenticeship, a fact per nation such as the DBS check, an NHS pay band, HCPC
    registration. Each lists the roles it applies to in ``roles``, so a correction reaches
    every role's pages; its slug is unique across the model."""

    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["careers.role"]


def roles_field(related_name):
    return models.ManyToManyField(
        Role,
        related_name=related_name,
        help_text="Every role this applies to: one record serves them all, so correct it once.",
    )


class Task(RoleChild):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(max_length=300)

    class Meta(RoleChild.Meta):
        constraints = [unique_slug_per_role("task_unique_slug_per_role")]

    def __str__(self):
        return self.text


class ClientGroup(RoleChild):
    """A condition or group of people the role works with."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="client_groups")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta(RoleChild.Meta):
        constraints = [unique_slug_per_role("clientgroup_unique_slug_per_role")]

    def __str__(self):
        return self.name


class Workplace(RoleChild):
    """A setting or kind of employer."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="workplaces")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta(RoleChild.Meta):
        constraints = [unique_slug_per_role("workplace_unique_slug_per_role")]

    def __str__(self):
        return self.name


class Skill(RoleChild):
    """A skill, piece of knowledge or personal quality the role needs."""

    class Kind(models.TextChoices):
        MUSICAL = "musical", "Musical"
        INTERPERSONAL = "interpersonal", "Working with people"
        PERSONAL = "personal", "Personal qualities"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skills")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=120)
    why_it_matters = models.TextField()
    how_to_build = models.TextField()

    class Meta(RoleChild.Meta):
        ordering = ["kind", "position", "pk"]
        constraints = [unique_slug_per_role("skill_unique_slug_per_role")]

    def __str__(self):
        return self.name


class PayFigure(SharedChild):
    """A pay range with the year it applies to and where it comes from."""

    roles = roles_field("pay_figures")
    label = models.CharField(max_length=120, help_text="e.g. 'Newly qualified (NHS band 6)'.")
    band = models.CharField(max_length=40, blank=True, help_text="e.g. 'Band 6'.")
    minimum = models.PositiveIntegerField(help_text="Pounds a year.")
    maximum = models.PositiveIntegerField(help_text="Pounds a year.")
    pay_year = models.CharField(
        max_length=20,
        validators=[validate_split_year],
        help_text="The pay year (April to March), e.g. '2026/27', or 'undated'.",
    )
    effective_from = models.DateField(
        "in force from",
        null=True,
        blank=True,
        help_text="The date these figures took effect, as the source gives it.",
    )
    is_starting_figure = models.BooleanField(
        "starting figure",
        default=False,
        help_text="The pay a newly qualified practitioner starts on, shown in the key facts. "
        "One per role: roles that share a starting band share its record.",
    )
    nation = models.CharField(
        max_length=20,
        choices=Nation.choices,
        blank=True,
        help_text="The nation whose pay scale this is; blank where it is not one nation's.",
    )
    scale = models.CharField(
        max_length=120, blank=True, help_text="The pay scale, e.g. 'Agenda for Change'."
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta(SharedChild.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__lte=F("maximum")),
                name="payfigure_minimum_not_above_maximum",
                violation_error_message="The minimum pay cannot be more than the maximum.",
            ),
        ]

    def __str__(self):
        return f"{self.label}: £{self.minimum:,}–£{self.maximum:,} ({self.pay_year})"

    def clean(self):
        super().clean()
        if self.is_starting_figure and not self.is_published:
            raise ValidationError(
                "This is the role's starting figure, shown in its key facts: mark another "
                "figure as the starting figure before you unpublish it.",
                code="starting_figure_unpublished",
            )

    @property
    def is_out_of_date(self):
        """True once its pay year has passed and a newer one applies."""
        return has_passed(self.pay_year, YearKind.PAY)


class RelatedRole(RoleChild):
    """A neighbouring job: one that is related, or one that people mistake for this one."""

    class Relation(models.TextChoices):
        RELATED = "related", "Related role"
        NOT_SAME = "not_same", "Not the same as"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="related_roles")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    title = models.CharField(max_length=120)
    explanation = models.TextField()
    url = models.URLField("URL", max_length=500, blank=True)

    class Meta(RoleChild.Meta):
        ordering = ["relation", "position", "pk"]
        constraints = [unique_slug_per_role("relatedrole_unique_slug_per_role")]

    def __str__(self):
        return self.title


class NationFact(SharedChild):
    """A fact that differs between England, Scotland, Wales and Northern Ireland: one record
    per topic and nation, so pages can show every nation side by side and the planner the
    visitor's own."""

    class Topic(models.TextChoices):
        CHECKS = "checks", "Background checks"
        HOURS = "hours", "NHS full-time hours"
        PAY = "pay", "Pay scales"
        JOBS = "jobs", "Where jobs are advertised"
        FINANCE = "finance", "Student finance for a master's"
        CAREERS_SERVICE = "careers_service", "Careers service"
        COURSES = "courses", "Courses"

    roles = roles_field("nation_facts")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    title = models.CharField(
        max_length=160, help_text="The fact in a few words, e.g. 'Enhanced DBS check'."
    )
    text = models.TextField(help_text="What it is and what it means for the visitor.")
    amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The figure, if there is one: a fee or loan cap in pounds, or hours a week.",
    )
    amount_label = models.CharField(
        max_length=60,
        blank=True,
        help_text="What the figure is, e.g. 'fee', 'up to', 'hours a week'.",
    )
    year = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_period],
        help_text="The period the figure covers, e.g. '2026/27', if it covers one. Leave "
        "blank for a fee in force until it changes.",
    )
    year_kind = models.CharField(
        max_length=10, choices=YearKind.choices, default=YearKind.ACADEMIC, blank=True
    )
    effective_from = models.DateField(
        "in force from",
        null=True,
        blank=True,
        help_text="The date the figure took effect, as the source gives it.",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nation_facts",
        help_text="Who runs it, e.g. Disclosure Scotland or the careers service.",
    )
    pay_figure = models.ForeignKey(
        "PayFigure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nation_facts",
        help_text="For pay: the pay record whose figures and pay year this fact shows, so a "
        "figure is stored once. Leave the amount blank when you choose one.",
    )

    class Meta(SharedChild.Meta):
        ordering = ["topic", "position", "pk"]

    def __str__(self):
        return f"{self.get_topic_display()}, {self.get_nation_display()}: {self.title}"

    @property
    def is_in_pounds(self):
        """Whether the figure is money (a fee, a loan, pay) rather than hours a week."""
        return self.topic != self.Topic.HOURS

    @property
    def is_out_of_date(self):
        """True once the year its figure applies to has passed."""
        return bool(self.year) and has_passed(self.year, self.year_kind)


def role_page_lists():
    """The role page's lists, as ``{name: (relation of the role, queryset)}``: tasks, client
    groups, workplaces, neighbouring roles, where jobs are advertised and the skills named
    for search engines, then the lists other apps add with ``add_role_page_list``
    (pathways: the qualifications everyone needs and the ways in). ``for_role_page`` reads
    each in one query, as ``role.listed_<name>``."""
    related = RelatedRole.objects.published().order_by("position", "title")
    own = {
        "tasks": ("tasks", Task.objects.published().order_by("position", "text")),
        "client_groups": ("client_groups", ClientGroup.objects.published().order_by(*BY_NAME)),
        "workplaces": ("workplaces", Workplace.objects.published().order_by(*BY_NAME)),
        "related": ("related_roles", related.filter(relation="related")),
        "not_same": ("related_roles", related.filter(relation="not_same")),
        "vacancy_sites": ("vacancy_organisations", Organisation.objects.published()),
        "skills": ("skills", Skill.objects.published().order_by(*BY_NAME)),
    }
    return {**own, **ADDED_ROLE_PAGE_LISTS}


BY_NAME = ("position", "name")  # a list's order: editors' positions, then names

# Filled from other apps' AppConfig.ready, so careers names none of their models.
ADDED_ROLE_PAGE_LISTS = {}


def add_role_page_list(name, relation, queryset):
    """Show ``role.<relation>``, filtered by ``queryset``, as ``lists.<name>`` on the role
    page; call from the adding app's ``AppConfig.ready``. With no relation, ``queryset`` is
    a function of the role giving the records (for records the role reaches only through
    several relations)."""
    if name in ADDED_ROLE_PAGE_LISTS:
        raise ImproperlyConfigured(f"The role page already has a list called {name!r}.")
    ADDED_ROLE_PAGE_LISTS[name] = (relation, queryset)
