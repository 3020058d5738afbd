from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.RoleListView.as_view(), name="role_list"),
    # Before the role pages, so "glossary" is never read as a role's slug.
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
    path("<slug:role_slug>/", views.RoleDetailView.as_view(), name="role_detail"),
    path("<slug:role_slug>/skills/", views.SkillsView.as_view(), name="skills"),
]
