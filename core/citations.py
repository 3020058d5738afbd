"""Read the sources behind every record a page shows in one query, whatever their models."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db.models import CharField, F, Value

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
    cited on the page (in order of first citation), using one UNION over the through tables.

    ``records`` may mix models, and rows that name their model (``model_label``) and ``pk``.
    """
    pks_by_label = defaultdict(set)
    instances = defaultdict(list)
    for record in records:
        label = getattr(record, "model_label", None) or record._meta.label_lower
        pks_by_label[label].add(record.pk)
        if hasattr(record, "_meta"):
            instances[(label, record.pk)].append(record)
    queries = [_through_rows(label, pks) for label, pks in sorted(pks_by_label.items())]
    cited = defaultdict(list)
    page_sources = {}
    if queries:
        combined = (
            queries[0]
            .union(*queries[1:], all=True)
            .order_by("owner_label", "owner_pk", "cited_publisher", "cited_title")
        )
        for label, pk, *source_fields in combined:
            citation = Citation(*source_fields)
            cited[(label, pk)].append(citation)
            page_sources.setdefault(citation.slug, citation)
    for key, owners in instances.items():
        for instance in owners:
            instance.cited = cited[key]
    return sorted(page_sources.values(), key=lambda c: (c.publisher, c.title))


def _through_rows(label, pks):
    model = apps.get_model(label)
    field = model._meta.get_field("sources")
    owner = field.m2m_field_name()
    return (
        field.remote_field.through.objects.filter(**{f"{owner}__in": pks})
        .annotate(
            owner_label=Value(label, output_field=CharField()),
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
