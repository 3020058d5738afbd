from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.RoleListView.as_view(), name="role_list"),
    path("<slug:role_slug>/", views.RoleDetailView.as_view(), name="role_detail"),
    path("<slug:role_slug>/skills/", views.SkillsView.as_view(), name="skills"),
]
