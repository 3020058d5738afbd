from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from careers.editing import EditorTrustInlineMixin, EditorTrustMixin
from careers.models import (
    ClientGroup,
    GlossaryTerm,
    NationFact,
    Organisation,
    PayFigure,
    RelatedRole,
    Role,
    Skill,
    Snippet,
    Source,
    Task,
    Workplace,
)

admin.site.site_header = f"{settings.SITE_NAME}: content"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Content"


def review_cutoff():
    """Records last reviewed before this date are due for review."""
    return timezone.localdate() - timedelta(days=round(settings.CONTENT_REVIEW_MONTHS * 30.44))


class ReviewStatusFilter(admin.SimpleListFilter):
    title = "review status"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", f"Due for review (older than {settings.CONTENT_REVIEW_MONTHS} months)"),
            ("verify", "Flagged for verification"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(last_reviewed__lt=review_cutoff())
        if self.value() == "verify":
            return queryset.filter(needs_verification=True)
        return queryset


REVIEW_FIELDS = ("is_published", "last_reviewed", "needs_verification", "verification_note")
# The role's form is long: its sections open on demand, so its lists are in reach.
COLLAPSED = ["collapse"]
SOURCES_FIELDSET = ("Publishing, review and sources", {"fields": (*REVIEW_FIELDS, "sources")})


class ContentAdmin(EditorTrustMixin, SimpleHistoryAdmin):
    """Shared admin behaviour for every visitor-facing record."""

    list_filter = ["is_published", ReviewStatusFilter]
    filter_horizontal = ["sources"]
    save_on_top = True


class RoleChildAdmin(ContentAdmin):
    list_select_related = ["role"]
    list_filter = ["role", "is_published", ReviewStatusFilter]
    autocomplete_fields = ["role"]
    prepopulated_fields = {"slug": ("name",)}


class ContentInline(EditorTrustInlineMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
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
        "is_published",
        "last_reviewed",
        "needs_verification",
    ]
    prepopulated_fields = {"slug": ("label",)}


class RelatedRoleInline(ContentInline):
    model = RelatedRole
    fields = ["position", "relation", "title", "slug", "explanation", "is_published"]
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


CHECKED_REASON = "Checked against the live page"


def mark_checked(source, user):
    """Record that ``user`` checked ``source`` against its live page today."""
    source.last_checked = timezone.localdate()
    source.checked_by = user
    source._change_reason = CHECKED_REASON
    source._history_user = user


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "date_shown", "last_checked", "checked_by"]
    list_select_related = ["checked_by"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"slug": ("publisher", "title")}
    readonly_fields = ["checked_by"]
    actions = ["mark_checked_today"]
    # Adds a "Mark checked today" button beside Save.
    change_form_template = "admin/careers/source/change_form.html"

    @admin.action(description="Mark checked today", permissions=["change"])
    def mark_checked_today(self, request, queryset):
        sources = list(queryset)
        for source in sources:
            mark_checked(source, request.user)
            source.save()
        self.message_user(request, f"Marked {len(sources)} source(s) checked today.")

    def save_model(self, request, obj, form, change):
        if "_mark_checked" in request.POST:
            mark_checked(obj, request.user)
        elif "last_checked" in form.changed_data:
            # A check date is always someone's: whoever set it (or nobody, once cleared).
            obj.checked_by = request.user if obj.last_checked else None
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ["name", "short_name", "url", "is_published", "last_reviewed"]
    search_fields = ["name", "short_name", "helps_with"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Snippet)
class SnippetAdmin(ContentAdmin):
    list_display = ["slug", "title", "is_published", "last_reviewed"]
    search_fields = ["slug", "title", "text"]


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
    list_display = ["label", "minimum", "maximum", "pay_year", "role", "needs_verification"]
    search_fields = ["label", "band", "pay_year"]
    prepopulated_fields = {"slug": ("label",)}


@admin.register(RelatedRole)
class RelatedRoleAdmin(RoleChildAdmin):
    list_display = ["title", "relation", "role", "position", "is_published"]
    list_filter = ["role", "relation", "is_published", ReviewStatusFilter]
    search_fields = ["title", "explanation"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(NationFact)
class NationFactAdmin(RoleChildAdmin):
    list_display = ["title", "topic", "nation", "amount", "year", "role", "needs_verification"]
    list_filter = ["role", "topic", "nation", "is_published", ReviewStatusFilter]
    search_fields = ["title", "text"]
    autocomplete_fields = ["role", "organisation"]
    prepopulated_fields = {"slug": ("topic", "nation", "title")}


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ContentAdmin):
    list_display = ["term", "slug", "is_published", "last_reviewed"]
    search_fields = ["term", "also_matches", "definition"]
    prepopulated_fields = {"slug": ("term",)}
