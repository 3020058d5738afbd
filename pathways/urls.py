from django.urls import path

from pathways import opendata, views

app_name = "pathways"

urlpatterns = [
    path(
        "<slug:role_slug>/entry-routes/",
        views.EntryRouteListView.as_view(),
        name="entry_route_list",
    ),
    path(
        "<slug:role_slug>/entry-routes/<slug:slug>/",
        views.EntryRouteDetailView.as_view(),
        name="entry_route_detail",
    ),
    path(
        "<slug:role_slug>/qualifications/",
        views.QualificationsView.as_view(),
        name="qualifications",
    ),
    path("<slug:role_slug>/progression/", views.ProgressionView.as_view(), name="progression"),
    path("<slug:role_slug>/next-steps/", views.NextStepsView.as_view(), name="next_steps"),
    path("<slug:role_slug>/data.json", opendata.role_json, name="role_json"),
]
