from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from search.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(SimpleHistoryAdmin):
    list_display = ["phrase", "means", "is_published"]
    list_editable = ["means", "is_published"]
    search_fields = ["phrase", "means"]
    list_filter = ["is_published"]
