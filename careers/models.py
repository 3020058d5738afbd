from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import CharField, F, IntegerField, Prefetch, Q, Value
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.content import (
    Content,
    ContentQuerySet,
    RoleChildManager,
    SlugManager,
    SnippetQuerySet,
)


class Source(models.Model):
    """Where a fact comes from, and when we last looked at it."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True)
    date_shown = models.CharField(
        max_length=60,
        default="undated",
        help_text="The date the source itself gives, as it gives it (or 'undated').",
    )
    last_checked = models.DateField(help_text="When we last read the source.")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def natural_key(self):
        return (self.slug,)


class Organisation(Content):
    """A body that regulates, represents or helps: the HCPC, BAMT, NHS Jobs, …"""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    url = models.URLField("URL", max_length=500)
    helps_with = models.TextField(help_text="What this organisation helps a visitor with.")

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


class RoleQuerySet(ContentQuerySet):
    def for_role_page(self):
        """Everything the 'what is this job' page shows, bar the lists in ``role_page_lists``."""
        return self.select_related("regulator").prefetch_related(
            Prefetch("pay_figures", queryset=PayFigure.objects.published())
        )

    def for_skills_page(self):
        return self.prefetch_related(Prefetch("skills", queryset=Skill.objects.published()))


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


class PayFigure(RoleChild):
    """A pay range with the year it applies to and where it comes from."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="pay_figures")
    label = models.CharField(max_length=120, help_text="e.g. 'Newly qualified (NHS band 6)'.")
    band = models.CharField(max_length=40, blank=True, help_text="e.g. 'Band 6'.")
    minimum = models.PositiveIntegerField(help_text="Pounds a year.")
    maximum = models.PositiveIntegerField(help_text="Pounds a year.")
    pay_year = models.CharField(max_length=20, help_text="e.g. '2025/26', or 'undated'.")
    note = models.CharField(max_length=300, blank=True)

    class Meta(RoleChild.Meta):
        constraints = [
            unique_slug_per_role("payfigure_unique_slug_per_role"),
            models.CheckConstraint(
                condition=Q(minimum__lte=F("maximum")),
                name="payfigure_minimum_not_above_maximum",
                violation_error_message="The minimum pay cannot be more than the maximum.",
            ),
        ]

    def __str__(self):
        return f"{self.label}: £{self.minimum:,}–£{self.maximum:,} ({self.pay_year})"


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


class Snippet(Content):
    """A passage of site text that belongs to no one record: page introductions, notes."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=160, blank=True)
    text = models.TextField(help_text="Blank lines separate paragraphs.")

    objects = SlugManager.from_queryset(SnippetQuerySet)()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title or self.slug

    def natural_key(self):
        return (self.slug,)


@dataclass(frozen=True)
class ListRow:
    """One item of a list on the role page, whatever table (``model_label``) it came from."""

    model_label: str
    kind: str
    slug: str
    position: int
    name: str
    description: str
    url: str
    last_reviewed: date
    pk: int


def role_page_lists(role):
    """The role page's lists (tasks, client groups, workplaces, neighbouring roles, where jobs
    are advertised, and the skill and qualification names for search engines) read in one
    UNION query, grouped by list."""
    text = CharField()

    def rows(queryset, kind, name, description=None, url=None, position=None):
        return (
            queryset.published()
            .annotate(
                row_label=Value(queryset.model._meta.label_lower, output_field=text),
                row_kind=Value(kind, output_field=text),
                row_slug=F("slug"),
                row_position=F(position) if position else Value(0, output_field=IntegerField()),
                row_name=F(name),
                row_description=F(description) if description else Value("", output_field=text),
                row_url=F(url) if url else Value("", output_field=text),
                row_reviewed=F("last_reviewed"),
                row_pk=F("pk"),
            )
            .values_list(*ROW_COLUMNS)
            .order_by()
        )

    related = role.related_roles.all()
    described = {"description": "description", "position": "position"}
    combined = (
        rows(role.tasks.all(), "tasks", "text", position="position")
        .union(
            rows(role.client_groups.all(), "client_groups", "name", **described),
            rows(role.workplaces.all(), "workplaces", "name", **described),
            rows(
                related.filter(relation="related"),
                "related",
                "title",
                "explanation",
                "url",
                "position",
            ),
            rows(
                related.filter(relation="not_same"),
                "not_same",
                "title",
                "explanation",
                "url",
                "position",
            ),
            rows(role.vacancy_organisations.all(), "vacancy_sites", "name", "helps_with", "url"),
            rows(role.skills.all(), "skills", "name", position="position"),
            # Defined in pathways; read through the reverse accessor so careers imports nothing.
            rows(
                role.qualifications.filter(is_mandatory=True),
                "qualifications",
                "name",
                "summary",
                position="position",
            ),
            all=True,
        )
        .order_by("row_kind", "row_position", "row_name")
    )
    lists = {kind: [] for kind in LIST_KINDS}
    for values in combined:
        row = ListRow(*values)
        lists[row.kind].append(row)
    return lists


ROW_COLUMNS = [
    "row_label",
    "row_kind",
    "row_slug",
    "row_position",
    "row_name",
    "row_description",
    "row_url",
    "row_reviewed",
    "row_pk",
]
LIST_KINDS = [
    "tasks",
    "client_groups",
    "workplaces",
    "related",
    "not_same",
    "vacancy_sites",
    "skills",
    "qualifications",
]
