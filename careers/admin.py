from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from careers.models import (
    ClientGroup,
    NationFact,
    Organisation,
    PayFigure,
    RelatedRole,
    Role,
    Skill,
    Task,
    Workplace,
)
from core.admin import SOURCES_FIELDSET, ContentAdmin, ContentInline, ReviewStatusFilter
from core.editing import ContentForm

# The role's form is long: its sections open on demand, so its lists are in reach.
COLLAPSED = ["collapse"]


class RoleChildAdmin(ContentAdmin):
    list_select_related = ["role"]
    list_filter = ["role", "is_published", ReviewStatusFilter]
    autocomplete_fields = ["role"]
    prepopulated_fields = {"slug": ("name",)}


class SharedChildAdmin(ContentAdmin):
    """A record several roles can share: the roles it applies to are ticked on its own page,
    and the role's page lists it (see ``shared_inline``)."""

    list_filter = ["roles", "is_published", ReviewStatusFilter]
    filter_horizontal = ["roles", "sources"]
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description="roles")
    def role_list(self, obj):
        return ", ".join(role.title for role in obj.roles.all())


def shared_inline(model, label):
    """On a role's page, the shared records it uses, each linked to its own page, where it is
    edited (for every role) and the roles it applies to are ticked."""
    name = model._meta.model_name

    class SharedRecordsInline(admin.TabularInline):
        extra = 0
        fields = readonly_fields = ["record"]
        verbose_name = label
        verbose_name_plural = f"{label}s (shared: edit each on its own page)"

        def has_add_permission(self, request, obj=None):
            return False

        def get_queryset(self, request):
            return super().get_queryset(request).select_related(name)

        @admin.display(description=label)
        def record(self, link):
            record = getattr(link, name)
            url = reverse(f"admin:{model._meta.app_label}_{name}_change", args=[record.pk])
            return format_html('<a href="{}">{}</a>', url, record)

    SharedRecordsInline.model = model.roles.through
    SharedRecordsInline.__name__ = f"{model.__name__}RolesInline"
    return SharedRecordsInline


class TaskInline(ContentInline):
    model = Task
    fields = ["position", "text", "slug", "is_published", "last_reviewed", "needs_verification"]
    prepopulated_fields = {"slug": ("text",)}


class ClientGroupInline(ContentInline):
    model = ClientGroup
    fields = ["position", "name", "slug", "description", "is_published", "last_reviewed"]


class WorkplaceInline(ContentInline):
    model = Workplace
    fields = ["position", "name", "slug", "description", "is_published", "last_reviewed"]


class SkillInline(ContentInline):
    model = Skill
    fields = ["position", "kind", "name", "slug", "is_published", "last_reviewed"]


class RelatedRoleInline(ContentInline):
    model = RelatedRole
    fk_name = "role"
    fields = [
        "position",
        "relation",
        "title",
        "slug",
        "explanation",
        "linked_role",
        "url",
        "is_published",
    ]
    prepopulated_fields = {"slug": ("title",)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The roles to link to, read once for every row (a select per row would read them
        again for each)."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "linked_role":
            field.choices = list(field.choices)
        return field


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    list_display = ["title", "slug", "is_featured", "is_published", "last_reviewed"]
    list_select_related = ["regulator"]
    search_fields = ["title", "alternative_titles", "summary"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["regulator"]
    filter_horizontal = ["sources", "vacancy_organisations"]
    inlines = [
        TaskInline,
        ClientGroupInline,
        WorkplaceInline,
        SkillInline,
        shared_inline(PayFigure, "pay figure"),
        shared_inline(NationFact, "fact per nation"),
        RelatedRoleInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "alternative_titles", "summary", "is_featured"]}),
        ("Key facts panel", {"fields": ["key_entry", "key_training", "key_cost"]}),
        (
            "What the job is",
            {"fields": ["description", "how_it_helps", "career_changers"], "classes": COLLAPSED},
        ),
        (
            "Regulation",
            {"fields": ["regulation", "regulator", "register_check"], "classes": COLLAPSED},
        ),
        (
            "Hours, jobs and ways of working",
            {
                "fields": [
                    "working_pattern",
                    ("hours_per_week_min", "hours_per_week_max"),
                    "job_market",
                    "vacancies",
                    "vacancy_organisations",
                    "ways_of_working",
                    "occupational_category",
                ],
                "classes": COLLAPSED,
            },
        ),
        SOURCES_FIELDSET,
    ]


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ["name", "short_name", "url", "is_published", "last_reviewed"]
    search_fields = ["name", "short_name", "helps_with"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Task)
class TaskAdmin(RoleChildAdmin):
    list_display = ["text", "role", "position", "is_published", "last_reviewed"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(ClientGroup)
class ClientGroupAdmin(RoleChildAdmin):
    list_display = ["name", "role", "position", "is_published", "last_reviewed"]
    search_fields = ["name", "description"]


@admin.register(Workplace)
class WorkplaceAdmin(RoleChildAdmin):
    list_display = ["name", "role", "position", "is_published", "last_reviewed"]
    search_fields = ["name", "description"]


@admin.register(Skill)
class SkillAdmin(RoleChildAdmin):
    list_display = ["name", "kind", "role", "position", "is_published", "last_reviewed"]
    list_filter = ["role", "kind", "is_published", ReviewStatusFilter]
    search_fields = ["name", "why_it_matters", "how_to_build"]


class PayFigureForm(ContentForm):
    def clean(self):
        """A role has one starting figure: refuse a second among the roles ticked."""
        cleaned = super().clean()
        roles = cleaned.get("roles")
        if cleaned.get("is_starting_figure") and roles:
            others = PayFigure.objects.filter(is_starting_figure=True, roles__in=roles)
            clash = others.exclude(pk=self.instance.pk).distinct().first()
            if clash is not None:
                self.add_error(
                    "is_starting_figure",
                    forms.ValidationError(
                        "“%(other)s” is already the starting figure for a role ticked here: "
                        "untick it there first.",
                        code="second_starting_figure",
                        params={"other": clash},
                    ),
                )
        return cleaned


@admin.register(PayFigure)
class PayFigureAdmin(SharedChildAdmin):
    form = PayFigureForm
    list_display = [
        "label",
        "minimum",
        "maximum",
        "pay_year",
        "is_starting_figure",
        "role_list",
        "needs_verification",
    ]
    search_fields = ["label", "band", "pay_year"]
    prepopulated_fields = {"slug": ("label",)}

    def _set_published(self, request, queryset, value):
        """The starting figure is never unpublished in bulk: the key facts would lose it."""
        if not value:
            starting = queryset.filter(is_starting_figure=True, is_published=True)
            for pay in starting:
                self.message_user(
                    request,
                    f"“{pay}” is the starting figure, so it stays published: mark another "
                    "figure as the starting figure first.",
                    messages.ERROR,
                )
            queryset = queryset.exclude(pk__in=starting.values("pk"))
        super()._set_published(request, queryset, value)

    def save_model(self, request, obj, form, change):
        if "_unpublish" in request.POST and obj.is_starting_figure:
            self.message_user(
                request,
                f"“{obj}” is the starting figure, so it stays published: mark another "
                "figure as the starting figure first.",
                messages.ERROR,
            )
            request.POST = request.POST.copy()
            request.POST.pop("_unpublish")
        super().save_model(request, obj, form, change)


@admin.register(RelatedRole)
class RelatedRoleAdmin(RoleChildAdmin):
    list_display = ["title", "relation", "role", "position", "is_published"]
    list_filter = ["role", "relation", "is_published", ReviewStatusFilter]
    search_fields = ["title", "explanation"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["role", "linked_role"]


@admin.register(NationFact)
class NationFactAdmin(SharedChildAdmin):
    list_display = [
        "title",
        "topic",
        "nation",
        "amount",
        "year",
        "role_list",
        "needs_verification",
    ]
    list_filter = ["roles", "topic", "nation", "is_published", ReviewStatusFilter]
    search_fields = ["title", "text"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ("topic", "nation", "title")}
