"""The sources behind every record a page shows, whatever their models: every citation on
the site is read in one query per content version."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings
from django.db.models import CharField, F, Value

from core.versions import for_version

CITATION_COLUMNS = [
    "owner_label",
    "owner_pk",
    "cited_slug",
    "cited_title",
    "cited_publisher",
    "cited_url",
    "cited_date_shown",
    "cited_last_checked",
]


@dataclass(frozen=True)
class Citation:
    slug: str
    title: str
    publisher: str
    url: str
    date_shown: str
    last_checked: date


def cite(records):
    """Give each model instance a ``cited`` list of its sources, and return every source
    cited on the page, by publisher and title.

    ``records`` may mix models, and rows that name their model (``model_label``) and ``pk``.
    Every citation on the site is read in one query per content version (``citations``),
    so a page that shows a new mix of records, such as a plan, costs no query.
    """
    every_citation = for_version("citations", citations)
    page_sources = {}
    for record in records:
        label = getattr(record, "model_label", None) or record._meta.label_lower
        cited = every_citation.get((label, record.pk), [])
        if hasattr(record, "_meta"):
            record.cited = cited
        for citation in cited:
            page_sources.setdefault(citation.slug, citation)
    return sorted(page_sources.values(), key=lambda c: (c.publisher, c.title))


def citations():
    """(model label, pk) → the record's sources, by publisher and title: one UNION over the
    through tables of every content model that cites sources."""
    queries = [
        _through_rows(model)
        for app_label in settings.CONTENT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if any(field.name == "sources" for field in model._meta.many_to_many)
    ]
    combined = (
        queries[0]
        .union(*queries[1:], all=True)
        .order_by("owner_label", "owner_pk", "cited_publisher", "cited_title")
    )
    cited = defaultdict(list)
    for label, pk, *source_fields in combined:
        cited[(label, pk)].append(Citation(*source_fields))
    return dict(cited)


def _through_rows(model):
    field = model._meta.get_field("sources")
    owner = field.m2m_field_name()
    return (
        field.remote_field.through.objects.annotate(
            owner_label=Value(model._meta.label_lower, output_field=CharField()),
            owner_pk=F(owner),
            cited_slug=F("source__slug"),
            cited_title=F("source__title"),
            cited_publisher=F("source__publisher"),
            cited_url=F("source__url"),
            cited_date_shown=F("source__date_shown"),
            cited_last_checked=F("source__last_checked"),
        )
        .values_list(*CITATION_COLUMNS)
        .order_by()
    )
