"""The admin every content app shares: the site's headers, the base for content records'
admins (review status, sources, history, the editors' trust features), and the shared
records: sources, snippets and glossary terms."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.editing import EditorTrustInlineMixin, EditorTrustMixin
from core.models import GlossaryTerm, Snippet, Source

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
SOURCES_FIELDSET = ("Publishing, review and sources", {"fields": (*REVIEW_FIELDS, "sources")})


class ContentAdmin(EditorTrustMixin, SimpleHistoryAdmin):
    """Shared admin behaviour for every visitor-facing record."""

    list_filter = ["is_published", ReviewStatusFilter]
    filter_horizontal = ["sources"]
    save_on_top = True


class ContentInline(EditorTrustInlineMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
    prepopulated_fields = {"slug": ("name",)}


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
    change_form_template = "admin/core/source/change_form.html"

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


@admin.register(Snippet)
class SnippetAdmin(ContentAdmin):
    list_display = ["slug", "title", "is_published", "last_reviewed"]
    search_fields = ["slug", "title", "text"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ContentAdmin):
    list_display = ["term", "slug", "is_published", "last_reviewed"]
    search_fields = ["term", "also_matches", "definition"]
    prepopulated_fields = {"slug": ("term",)}
