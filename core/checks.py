"""System checks for what the caches rely on and what operators must set."""

import inspect
import os
import re

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

GET_NAME = re.compile(r"""\bGET(?:\.get|\.getlist|\.__contains__)?[\[(]\s*["'](\w+)["']""")
GET_IN = re.compile(r"""["'](\w+)["']\s+in\s+(?:self\.)?request\.GET\b""")
GET_WHOLE = re.compile(r"""Form\((?:self\.)?request\.GET\b""")


@register(Tags.caches)
def content_writes_move_the_version(app_configs, **kwargs):
    """``update()`` and bulk writes on a content model must move the content version."""
    from django.apps import apps

    from core.content import VersionedQuerySet
    from core.versions import is_content

    return [
        Error(
            f"{model._meta.label}'s default manager does not use core.content."
            "VersionedQuerySet, so its update() and bulk writes would leave pages stale.",
            id="core.E001",
        )
        for model in apps.get_models()
        if is_content(model)
        and not issubclass(model._default_manager._queryset_class, VersionedQuerySet)
    ]


@register(Tags.caches, Tags.urls)
def views_declare_the_parameters_they_read(app_configs, **kwargs):
    """The page cache gives a view only the query parameters it declares (``cache_params``):
    a view reading another would silently see nothing."""
    from django.urls import get_resolver

    from core.pagecache import declared_params

    errors = []
    for callback in walk(get_resolver().url_patterns):
        declared = set(declared_params(callback))
        source = view_source(callback)
        if source is None:
            continue
        read = set(GET_NAME.findall(source)) | set(GET_IN.findall(source))
        undeclared = sorted(read - declared)
        if GET_WHOLE.search(source) and not declared:
            undeclared.append("(a form bound to request.GET)")
        if undeclared:
            name = getattr(callback, "__qualname__", repr(callback))
            errors.append(
                Error(
                    f"{callback.__module__}.{name} reads query parameters it does not declare "
                    f"in cache_params: {', '.join(undeclared)}",
                    hint="Add them to cache_params (or reads_params); the page cache hands a "
                    "view only the parameters it declares.",
                    id="core.E002",
                )
            )
    return errors


def walk(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from walk(pattern.url_patterns)
        else:
            yield pattern.callback


def view_source(callback):
    """The source of a project view (its class and the project classes it builds on)."""
    target = getattr(callback, "view_class", None)
    parts = []
    if target is not None:
        classes = [cls for cls in target.__mro__ if is_project(cls)]
    else:
        function = inspect.unwrap(callback)
        classes = [function] if is_project(function) else []
    for item in classes:
        try:
            parts.append(inspect.getsource(item))
        except (OSError, TypeError):
            continue
    return "\n".join(parts) or None


def is_project(item):
    """Code of this project (under BASE_DIR, not an installed package)."""
    try:
        path = inspect.getsourcefile(item) or ""
    except TypeError:
        return False
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


@register(Tags.security, deploy=True)
def proxy_count_is_set(app_configs, **kwargs):
    """Behind a proxy with no proxy count, every visitor has the proxy's address: 20 failed
    sign-ins lock every editor out, and one visitor uses up everyone's feedback."""
    if not settings.IS_PRODUCTION or os.environ.get("DJANGO_PROXY_COUNT", "").strip():
        return []
    return [
        Warning(
            "DJANGO_PROXY_COUNT is not set, so every request counts as coming from the "
            "connection's own address.",
            hint="Behind a proxy (nginx, a load balancer) set DJANGO_PROXY_COUNT to the number "
            "of proxies (usually 1); with none, set it to 0 to say so.",
            id="core.W001",
        )
    ]
