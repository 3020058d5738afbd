"""The sources behind the records a page shows, whatever their models."""

from collections import defaultdict

from django.db.models import prefetch_related_objects


def cite(records):
    """Give each record a ``cited`` list of its sources, by publisher and title, and return
    every source cited on the page, in the same order.

    The records of each model read their sources in one query (``prefetch_related_objects``)
    and keep them. Page data is built once per content version and shared by the requests
    after it, so a page, or a plan, that shows only records shown before reads nothing.
    """
    uncited = defaultdict(list)
    for record in records:
        if not hasattr(record, "cited"):
            uncited[type(record)].append(record)
    for same_model in uncited.values():
        prefetch_related_objects(same_model, "sources")
        for record in same_model:
            record.cited = sorted(record.sources.all(), key=by_publisher)
    page_sources = {}
    for record in records:
        for source in record.cited:
            page_sources.setdefault(source.pk, source)
    return sorted(page_sources.values(), key=by_publisher)


def by_publisher(source):
    return (source.publisher, source.title)
