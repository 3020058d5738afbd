from django import forms
from django.contrib import admin

from careers.admin import RoleAdmin, RoleChildAdmin, SharedChildAdmin, shared_inline
from careers.models import Role
from core.admin import SOURCES_FIELDSET, ContentAdmin, ContentInline, ReviewStatusFilter
from core.editing import ContentForm
from pathways.models import (
    EntryRoute,
    NationNote,
    PlanNote,
    PlanStep,
    Programme,
    ProgrammeFee,
    ProgressionStage,
    Qualification,
    Requirement,
    SchoolFact,
    Specialism,
)


class RequirementInline(ContentInline):
    model = Requirement
    fields = ["position", "kind", "text", "slug", "is_essential", "is_published", "last_reviewed"]
    prepopulated_fields = {"slug": ("text",)}


class ProgressionStageInline(ContentInline):
    model = ProgressionStage
    fields = ["position", "name", "slug", "typical_band", "is_optional", "is_published"]


class SpecialismInline(ContentInline):
    model = Specialism
    fields = ["position", "name", "slug", "is_emerging", "is_published", "last_reviewed"]


# A role is edited on one page: pathways adds its own lists to the careers admin.
admin.site.unregister(Role)


@admin.register(Role)
class RoleWithPathwaysAdmin(RoleAdmin):
    inlines = [
        *RoleAdmin.inlines,
        shared_inline(EntryRoute, "entry route"),
        shared_inline(Qualification, "qualification"),
        ProgressionStageInline,
        SpecialismInline,
    ]


@admin.register(EntryRoute)
class EntryRouteAdmin(SharedChildAdmin):
    list_display = ["name", "role_list", "duration", "is_paid_while_learning", "is_published"]
    search_fields = ["name", "summary", "description"]
    inlines = [RequirementInline]
    fieldsets = [
        (None, {"fields": ["roles", "name", "short_name", "slug", "position", "summary"]}),
        (
            "The route in full",
            {"fields": ["description", "outcome", "who_it_suits", "how_to_apply"]},
        ),
        (
            "Duration, cost and where",
            {
                "fields": [
                    "duration",
                    ("months_full_time", "months_part_time"),
                    "study_modes",
                    "is_paid_while_learning",
                    "who_pays",
                    "cost",
                    "where_available",
                    "nations",
                ]
            },
        ),
        SOURCES_FIELDSET,
    ]


@admin.register(Requirement)
class RequirementAdmin(ContentAdmin):
    list_display = ["text", "route", "kind", "is_essential", "position", "is_published"]
    list_select_related = ["route"]
    list_filter = ["route", "kind", "is_essential", "is_published", ReviewStatusFilter]
    search_fields = ["text", "detail"]
    autocomplete_fields = ["route"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(Qualification)
class QualificationAdmin(SharedChildAdmin):
    list_display = ["name", "level", "body", "is_mandatory", "role_list", "is_published"]
    list_select_related = ["body"]
    search_fields = ["name", "summary", "description"]
    autocomplete_fields = ["body"]


class ProgrammeFeeInline(ContentInline):
    model = ProgrammeFee
    fields = [
        "slug",
        "status",
        "mode",
        "amount",
        "basis",
        "per_credits",
        "course_credits",
        "year",
        "date_given",
        "is_published",
        "needs_verification",
    ]
    prepopulated_fields = {}


@admin.register(ProgrammeFee)
class ProgrammeFeeAdmin(ContentAdmin):
    list_display = ["programme", "status", "mode", "amount", "basis", "year", "is_published"]
    list_select_related = ["programme"]
    list_filter = ["status", "mode", "is_published", ReviewStatusFilter]
    search_fields = ["programme__provider", "slug"]
    autocomplete_fields = ["programme"]
    filter_horizontal = ["sources"]


class ProgrammeForm(ContentForm):
    def clean(self):
        """A course for one role only must be on a route that leads to that role, or no page
        would list it."""
        cleaned = super().clean()
        role, routes = cleaned.get("role"), cleaned.get("routes")
        if role is not None and routes is not None and not routes.filter(roles=role).exists():
            self.add_error(
                "role",
                forms.ValidationError(
                    "None of the routes ticked leads to the %(role)s role: tick one that "
                    "does, or leave this blank.",
                    code="role_not_on_routes",
                    params={"role": role},
                ),
            )
        return cleaned


@admin.register(Programme)
class ProgrammeAdmin(ContentAdmin):
    form = ProgrammeForm
    inlines = [ProgrammeFeeInline]
    list_display = ["provider", "award", "role", "location", "nation", "needs_verification"]
    list_select_related = ["role"]
    list_filter = ["nation", "routes", "role", "is_published", ReviewStatusFilter]
    search_fields = ["provider", "award", "location", "notes"]
    prepopulated_fields = {"slug": ("provider",)}
    filter_horizontal = ["sources", "routes"]


@admin.register(ProgressionStage)
class ProgressionStageAdmin(RoleChildAdmin):
    list_display = ["name", "typical_band", "position", "is_optional", "role", "is_published"]
    search_fields = ["name", "summary", "responsibilities"]


@admin.register(Specialism)
class SpecialismAdmin(RoleChildAdmin):
    list_display = ["name", "is_emerging", "position", "role", "is_published"]
    search_fields = ["name", "description"]


@admin.register(NationNote)
class NationNoteAdmin(RoleChildAdmin):
    list_display = ["nation", "careers_service", "role", "is_published"]
    list_select_related = ["role", "careers_service"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("nation",)}
    autocomplete_fields = ["role", "careers_service"]


@admin.register(SchoolFact)
class SchoolFactAdmin(RoleChildAdmin):
    list_display = ["title", "topic", "nation", "is_typical", "position", "role", "is_published"]
    list_filter = ["role", "topic", "nation", "is_published", ReviewStatusFilter]
    search_fields = ["title", "text", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["sources"]


@admin.register(PlanStep)
class PlanStepAdmin(RoleChildAdmin):
    list_display = ["title", "slug", "topic", "duration", "role", "is_published"]
    list_filter = ["role", "topic", "is_published", ReviewStatusFilter]
    search_fields = ["title", "what_to_do", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["sources", "organisations"]


@admin.register(PlanNote)
class PlanNoteAdmin(RoleChildAdmin):
    list_display = ["title", "slug", "kind", "amount", "year", "role", "is_published"]
    list_filter = ["role", "kind", "is_published", ReviewStatusFilter]
    search_fields = ["title", "text", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["sources"]
