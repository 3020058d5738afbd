"""Bring the content fixtures into a database that already has content, without ever
overwriting an editor's change.

Each record's history (django-simple-history) says what seeding wrote: the latest entry with
a seeding reason is the record's *baseline*, the fixture text it was last given.

- A record that is missing is added (its first history entry: "Loaded from the content
  fixtures").
- A record nobody changed since seeding (its latest history entry is seeding's and its values
  are still the baseline's) takes the fixture's new values, with a history entry "Updated
  from the content fixtures".
- A record an editor changed is kept as it is. Where the fixture's text changed too (fixture
  differs from both the baseline and the record), a ``FixtureUpdate`` waits in the review list
  with the fixture's version, until the editor takes it or keeps their own text.

Many-to-many links (a record's sources) have no history. They follow the record: an unedited
record takes the fixture's links; on an edited record, links that differ from the fixture's
are listed for review with the fields. The admin saves a record whenever an editor changes
its links, so that save marks the record as edited; links changed in a shell without saving
the record are not noticed.

One exception protects visitors: a source's check date that no editor set (no ``checked_by``,
and the same date seeding gave it) is cleared whenever the fixture clears it, because the site
must never show a check that no person made.
"""

import json
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.base import deserialize_fk_value, deserialize_m2m_values
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS

from core.content import natural_key_lookups
from core.fixtures import CONTENT_APPS, fixture_path
from core.models import FixtureUpdate, Source

LOADED = "Loaded from the content fixtures"
UPDATED = "Updated from the content fixtures"
SEEDING_REASONS = {LOADED, UPDATED}
PARTLY_TAKEN = "Took part of the content fixtures' text"
UNMADE_CHECK_CLEARED = "Cleared a check date no editor made (content fixtures)"


@dataclass
class SeedReport:
    added: int = 0
    updated: int = 0
    kept: int = 0
    to_review: int = 0
    checks_cleared: int = 0

    @property
    def has_changes(self):
        """Whether visitors may see something new."""
        return bool(self.added or self.updated or self.checks_cleared)

    def __str__(self):
        return (
            f"Seeded content: {self.added} added, {self.updated} updated, "
            f"{self.kept} kept (editor's changes), {self.to_review} to review."
        )


def compared_fields(model):
    """The fields seeding compares and writes: every column but the primary key."""
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def field_values(instance, fields):
    return {field.attname: getattr(instance, field.attname) for field in fields}


def as_json(value):
    """A value as stored in ``FixtureUpdate.fixture_values`` (dates as ISO text, and so on)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class NaturalKeys:
    """The primary keys of one ``seed()`` run's records by natural key, read with one query
    per model and kept up to date with the records the run adds, so that the deserializer
    need not look up each record and each of its links. A key not known here is left for
    the deserializer to look up in the database."""

    def __init__(self):
        self.pks = {}

    def known(self, model):
        if model not in self.pks:
            rows = model._default_manager.values_list("pk", *natural_key_lookups(model))
            self.pks[model] = {tuple(key): pk for pk, *key in rows}
        return self.pks[model]

    def link(self, model, value):
        """A link's value in a fixture: its record's primary key where known."""
        if not isinstance(value, list) or not hasattr(model._default_manager, "natural_key_fields"):
            return value
        return self.known(model).get(tuple(value), value)

    def resolve(self, model, record):
        """A fixture entry with its links as primary keys, and its own where it exists."""
        fields = {}
        for name, value in record["fields"].items():
            field = model._meta.get_field(name)
            if field.many_to_many:
                value = [self.link(field.related_model, key) for key in value]
            elif field.many_to_one:
                value = self.link(field.related_model, value)
            fields[name] = value
        resolved = {**record, "fields": fields}
        pk = self.known(model).get(natural_key(model, record))
        if pk is not None:
            resolved.setdefault("pk", pk)
        return resolved

    def add(self, model, record, pk):
        self.known(model)[natural_key(model, record)] = pk


def natural_key(model, record):
    """A fixture entry's natural key, from its ``natural_key_fields`` (a link gives the natural
    key of the record it links to, as the fixture writes it)."""
    key = []
    for name in model._default_manager.natural_key_fields:
        value = record["fields"][name]
        key += value if isinstance(value, list) else [value]
    return tuple(key)


def seed():
    """Load the fixtures into the database; call inside a transaction. Returns a report."""
    report = SeedReport()
    natural_keys = NaturalKeys()
    existing_pks = {}
    added = defaultdict(list)
    added_links = []
    deferred = []
    existing = defaultdict(list)
    for app_label in CONTENT_APPS:
        with open(fixture_path(app_label), encoding="utf-8") as fixture:
            records = json.load(fixture)
        for record in records:
            model = apps.get_model(record["model"])
            [item] = serializers.deserialize(
                "python",
                [natural_keys.resolve(model, record)],
                handle_forward_references=True,
            )
            if model not in existing_pks:  # before this run adds any: every record's key read
                existing_pks[model] = set(natural_keys.known(model).values())
            # Natural keys resolve an existing record's primary key.
            if item.object.pk in existing_pks[model]:
                existing[model].append(item)
                continue
            added_links.append((item.object, item.m2m_data))
            item.save(save_m2m=False)
            natural_keys.add(model, record, item.object.pk)
            added[model].append(item.object)
            report.added += 1
            if item.deferred_fields:
                deferred.append(item)
    _add_links(added_links)
    for item in deferred:
        item.save_deferred_fields()
    # The shipped text is each record's first version, so editors can always go back to it.
    for model, objects in added.items():
        if hasattr(model, "history"):
            model.history.bulk_history_create(objects, default_change_reason=LOADED)
    for model, items in existing.items():
        if hasattr(model, "history"):
            for item in items:
                _resolve_forward_references(item)
            _reconcile(model, items, report)
    for update in FixtureUpdate.objects.select_related("content_type"):
        if update.record is None:  # the record was deleted since
            update.delete()
    report.to_review = FixtureUpdate.objects.filter(is_declined=False).count()
    return report


def _add_links(records):
    """Give the records this run added their links (``[(record, {field name: linked pks})]``):
    one insert per many-to-many table, where ``set()`` made three queries per record."""
    rows = defaultdict(list)
    for record, links in records:
        for name, pks in links.items():
            field = record._meta.get_field(name)
            through = field.remote_field.through
            owner = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            # set() inserts ``set(pks).difference(linked)``: a set built the same way lists
            # the pks in the same order, so every row gets the id set() gave it.
            unlinked = set(pks).difference(())
            rows[through] += [through(**{owner: record.pk, target: pk}) for pk in unlinked]
    for through, objects in rows.items():
        through._default_manager.bulk_create(objects)


def _resolve_forward_references(item):
    """Links to records this run added could not be resolved while reading; resolve them now."""
    for field, value in item.deferred_fields.items():
        if field.many_to_many:
            item.m2m_data[field.name] = deserialize_m2m_values(
                field, value, DEFAULT_DB_ALIAS, False
            )
        else:
            setattr(
                item.object,
                field.attname,
                deserialize_fk_value(field, value, DEFAULT_DB_ALIAS, False),
            )
    item.deferred_fields = {}


def _current_links(model, pks):
    """Each record's many-to-many links, as {field name: {pk: set of linked pks}}."""
    links = {}
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        by_owner = defaultdict(set)
        for owner_pk, target_pk in through.objects.filter(**{f"{owner}__in": pks}).values_list(
            owner, target
        ):
            by_owner[owner_pk].add(target_pk)
        links[field.name] = by_owner
    return links


def _reconcile(model, items, report):
    fields = compared_fields(model)
    pks = [item.object.pk for item in items]
    current = model._default_manager.in_bulk(pks)
    latest, baseline = {}, {}
    for entry in model.history.filter(id__in=pks).order_by("history_date", "history_id"):
        latest[entry.id] = entry
        if entry.history_change_reason in SEEDING_REASONS:
            baseline[entry.id] = entry
    links = _current_links(model, pks)
    content_type = ContentType.objects.get_for_model(model)
    reviews = {
        review.object_id: review
        for review in FixtureUpdate.objects.filter(content_type=content_type, object_id__in=pks)
    }
    for item in items:
        record, fixture = current[item.object.pk], item.object
        fixture_fields = field_values(fixture, fields)
        record_fields = field_values(record, fields)
        fixture_links = {name: set(linked) for name, linked in item.m2m_data.items()}
        record_links = {name: links[name].get(record.pk, set()) for name in fixture_links}
        review = reviews.get(record.pk)
        if fixture_fields == record_fields and fixture_links == record_links:
            if review:
                review.delete()
            continue
        base = baseline.get(record.pk)
        base_fields = field_values(base, fields) if base else None
        is_edited = base is None or latest[record.pk] is not base or record_fields != base_fields
        if not is_edited:
            apply_fixture(record, fixture_fields, fixture_links, UPDATED)
            if review:
                review.delete()
            report.updated += 1
            continue
        report.kept += 1
        if model is Source and _clear_unmade_check(record, fixture_fields, base_fields):
            report.checks_cleared += 1
            record_fields = field_values(record, fields)
        changed = [
            name
            for name, value in fixture_fields.items()
            if value != record_fields[name] and (base_fields is None or value != base_fields[name])
        ] + [name for name, value in fixture_links.items() if value != record_links[name]]
        if not changed:
            if review:
                review.delete()
            continue
        snapshot = as_json(
            {
                "fields": fixture_fields,
                "links": {name: sorted(value) for name, value in fixture_links.items()},
                "changed": changed,
            }
        )
        if review and review.is_declined and _same_version(review.fixture_values, snapshot):
            continue
        FixtureUpdate.objects.update_or_create(
            content_type=content_type,
            object_id=record.pk,
            defaults={
                "fixture_values": snapshot,
                "is_declined": False,
                "decided_by": None,
                "decided_at": None,
            },
        )


def _same_version(declined, snapshot):
    """Whether an editor already kept their text against this very fixture version."""
    return all(declined.get(part) == snapshot[part] for part in ("fields", "links"))


def _clear_unmade_check(source, fixture_fields, base_fields):
    if (
        base_fields is not None
        and fixture_fields["last_checked"] is None
        and source.last_checked is not None
        and source.checked_by_id is None
        and source.last_checked == base_fields["last_checked"]
    ):
        source.last_checked = None
        source._change_reason = UNMADE_CHECK_CLEARED
        source.save(update_fields=["last_checked"])
        return True
    return False


def apply_fixture(record, fields, links, reason):
    """Give ``record`` the fixture's values (by attname) and links, with a history entry."""
    for attname, value in fields.items():
        setattr(record, attname, value)
    record._change_reason = reason
    record.save()
    for name, pks in links.items():
        getattr(record, name).set(pks)
