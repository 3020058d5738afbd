from django.urls import path

from feedback import views

urlpatterns = [
    path("feedback/", views.send_feedback, name="feedback"),
    path("feedback/thanks/", views.thanks, name="feedback_thanks"),
]
