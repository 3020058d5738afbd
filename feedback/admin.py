from django.contrib import admin
from django.utils.text import Truncator

from feedback.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """What visitors said, page by page. Read-only: answers are the visitors' own words."""

    change_list_template = "admin/feedback/feedback/change_list.html"
    list_display = ["path", "is_useful", "short_comment", "created"]
    list_filter = ["is_useful", "created"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created"
    fields = ["path", "is_useful", "comment", "created"]
    readonly_fields = fields

    @admin.display(description="comment")
    def short_comment(self, feedback):
        return Truncator(feedback.comment).chars(80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        pages = Feedback.objects.by_page()[:50]
        return super().changelist_view(request, {"pages": pages, **(extra_context or {})})
