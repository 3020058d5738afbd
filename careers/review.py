"""The editors' list of what is due for review, across every content model of both apps."""

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.views.generic import TemplateView

from careers.admin import review_cutoff
from careers.fixtures import CONTENT_APPS, content_models


class ReviewListView(TemplateView):
    template_name = "admin/review_list.html"

    def get_context_data(self, **kwargs):
        cutoff = review_cutoff()
        sections = []
        for app_label in CONTENT_APPS:
            for model in content_models(app_label):
                if not hasattr(model, "needs_verification"):
                    continue
                opts = model._meta
                records = [
                    {
                        "record": record,
                        "url": reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]
                        ),
                        "is_overdue": record.last_reviewed < cutoff,
                    }
                    for record in model._default_manager.due_for_review(cutoff).order_by(
                        "last_reviewed", "pk"
                    )
                ]
                if records:
                    sections.append({"name": opts.verbose_name_plural, "records": records})
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title="Due for review",
            cutoff=cutoff,
            review_months=settings.CONTENT_REVIEW_MONTHS,
            sections=sections,
            **kwargs,
        )
