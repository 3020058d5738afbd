from django.contrib import admin, messages

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

# The role's form is long: its sections open on demand, so its lists are in reach.
COLLAPSED = ["collapse"]


class RoleChildAdmin(ContentAdmin):
    list_select_related = ["role"]
    list_filter = ["role", "is_published", ReviewStatusFilter]
    autocomplete_fields = ["role"]
    prepopulated_fields = {"slug": ("name",)}


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


class PayFigureInline(ContentInline):
    model = PayFigure
    fields = [
        "position",
        "label",
        "slug",
        "band",
        "minimum",
        "maximum",
        "pay_year",
        "effective_from",
        "is_starting_figure",
        "is_published",
        "last_reviewed",
        "needs_verification",
    ]
    prepopulated_fields = {"slug": ("label",)}


class RelatedRoleInline(ContentInline):
    model = RelatedRole
    fk_name = "role"
    autocomplete_fields = ["linked_role"]
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
        PayFigureInline,
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


@admin.register(PayFigure)
class PayFigureAdmin(RoleChildAdmin):
    list_display = [
        "label",
        "minimum",
        "maximum",
        "pay_year",
        "is_starting_figure",
        "role",
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
class NationFactAdmin(RoleChildAdmin):
    list_display = ["title", "topic", "nation", "amount", "year", "role", "needs_verification"]
    list_filter = ["role", "topic", "nation", "is_published", ReviewStatusFilter]
    search_fields = ["title", "text"]
    autocomplete_fields = ["role", "organisation"]
    prepopulated_fields = {"slug": ("topic", "nation", "title")}
