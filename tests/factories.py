"""Addresses of admin pages for tests."""

from django.urls import reverse


def admin_url(model, view, *args):
    """An admin page of ``model``: "changelist", "add", "change", "history", …"""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
