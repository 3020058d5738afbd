"""Small helpers that make valid records; pass only the fields a test cares about."""

import itertools

from django.urls import reverse

from careers.models import Organisation, Role
from core.models import Source

_numbers = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_numbers)}"


def make_source(**fields):
    fields.setdefault("slug", unique("source"))
    fields.setdefault("title", "A job profile")
    fields.setdefault("publisher", "A publisher")
    return Source.objects.create(**fields)


def make_organisation(**fields):
    fields.setdefault("slug", unique("org"))
    fields.setdefault("name", f"Organisation {fields['slug']}")
    fields.setdefault("url", "https://example.org/")
    fields.setdefault("helps_with", "Helps with things.")
    return Organisation.objects.create(**fields)


def make_role(**fields):
    fields.setdefault("slug", unique("role"))
    fields.setdefault("title", f"Role {fields['slug']}")
    fields.setdefault("summary", "A job in one line.")
    fields.setdefault("description", "What the job is.")
    fields.setdefault("regulation", "Who may use the title.")
    fields.setdefault("working_pattern", "37.5 hours a week.")
    fields.setdefault("job_market", "A small profession.")
    fields.setdefault("vacancies", "NHS Jobs.")
    if "regulator" not in fields:
        fields["regulator"] = make_organisation()
    return Role.objects.create(**fields)


def admin_url(model, view, *args):
    """An admin page of ``model``: "changelist", "add", "change", "history", …"""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
