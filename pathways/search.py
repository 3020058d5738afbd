"""Site search across the content of both apps, in one query.

PostgreSQL ranks with its own full-text search (English stemming, web-search syntax);
SQLite, which has none built in, falls back to matching every word anywhere in a record.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, F, FloatField, Q, TextField, Value
from django.urls import reverse

from careers.models import ClientGroup, Organisation, Role, Skill, Task, Workplace
from pathways.models import (
    TOPIC_URL_NAMES,
    EntryRoute,
    PlanStep,
    ProgressionStage,
    Qualification,
    Requirement,
    Specialism,
)

MAX_RESULTS = 50
MAX_WORDS = 10  # more words only narrow the match, and each one costs a filter


@dataclass(frozen=True)
class Target:
    """A model searched, the fields read, and where a hit on it is shown."""

    model: type
    title: str
    text: str
    fields: tuple
    role_slug: str = "role__slug"
    url_name: str = ""
    anchor: str = ""
    parent_slug: str = ""


TARGETS = [
    Target(
        Role,
        "title",
        "summary",
        ("title", "alternative_titles", "summary", "description", "regulation", "job_market"),
        role_slug="slug",
        url_name="careers:role_detail",
        anchor="summary",
    ),
    Target(Task, "text", "text", ("text",), url_name="careers:role_detail", anchor="task-"),
    Target(
        ClientGroup,
        "name",
        "description",
        ("name", "description"),
        url_name="careers:role_detail",
        anchor="client-",
    ),
    Target(
        Workplace,
        "name",
        "description",
        ("name", "description"),
        url_name="careers:role_detail",
        anchor="workplace-",
    ),
    Target(
        Skill,
        "name",
        "why_it_matters",
        ("name", "why_it_matters", "how_to_build"),
        url_name="careers:skills",
        anchor="skill-",
    ),
    Target(
        EntryRoute,
        "name",
        "summary",
        ("name", "summary", "description", "who_it_suits"),
        url_name="pathways:entry_route_detail",
    ),
    Target(
        Requirement,
        "text",
        "detail",
        ("text", "detail"),
        role_slug="route__role__slug",
        url_name="pathways:entry_route_detail",
        anchor="requirement-",
        parent_slug="route__slug",
    ),
    Target(
        Qualification,
        "name",
        "summary",
        ("name", "summary", "description"),
        url_name="pathways:qualifications",
        anchor="",
    ),
    Target(
        ProgressionStage,
        "name",
        "summary",
        ("name", "summary", "responsibilities"),
        url_name="pathways:progression",
        anchor="stage-",
    ),
    Target(
        Specialism,
        "name",
        "description",
        ("name", "description"),
        url_name="pathways:progression",
        anchor="specialism-",
    ),
    Target(PlanStep, "title", "what_to_do", ("title", "what_to_do"), parent_slug="topic"),
    Target(Organisation, "name", "helps_with", ("name", "short_name", "helps_with"), role_slug=""),
]
TARGETS_BY_LABEL = {target.model._meta.label_lower: target for target in TARGETS}
COLUMNS = [
    "hit_label",
    "hit_slug",
    "hit_role",
    "hit_parent",
    "hit_title",
    "hit_text",
    "hit_url",
    "hit_rank",
]


@dataclass(frozen=True)
class Hit:
    label: str
    slug: str
    role_slug: str
    parent_slug: str
    title: str
    text: str
    external_url: str
    rank: float

    @property
    def kind(self):
        return TARGETS_BY_LABEL[self.label].model._meta.verbose_name.capitalize()

    @property
    def url(self):
        target = TARGETS_BY_LABEL[self.label]
        if target.model is PlanStep:  # a step is explained on its topic's journey page
            return reverse(TOPIC_URL_NAMES[self.parent_slug], kwargs={"role_slug": self.role_slug})
        if not target.url_name:
            return self.external_url
        if target.url_name == "pathways:entry_route_detail":
            slug = self.parent_slug or self.slug
            path = reverse(target.url_name, kwargs={"role_slug": self.role_slug, "slug": slug})
        else:
            path = reverse(target.url_name, kwargs={"role_slug": self.role_slug})
        if target.anchor or target.model is Qualification:
            path += f"#{target.anchor}{self.slug}"
        return path


def _matching(target, words, phrase):
    """The target's published records that match, and how to rank them."""
    queryset = target.model._default_manager.published()
    if target.role_slug == "role__slug":
        queryset = queryset.filter(role__is_published=True)
    if target.role_slug == "route__role__slug":
        queryset = queryset.filter(route__is_published=True, route__role__is_published=True)
    if connection.vendor == "postgresql":
        query = SearchQuery(phrase, search_type="websearch", config="english")
        vector = SearchVector(*target.fields, config="english")
        return queryset.annotate(hit_document=vector).filter(hit_document=query), SearchRank(
            vector, query
        )
    for word in words:
        matches_word = Q()
        for field in target.fields:
            matches_word |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches_word)
    return queryset, Value(1.0, output_field=FloatField())


def _rows(target, words, phrase):
    text = CharField()
    blank = Value("", output_field=text)
    queryset, rank = _matching(target, words, phrase)
    # Annotated in COLUMNS order: the UNION's parts must list their columns alike.
    return (
        queryset.annotate(
            hit_label=Value(target.model._meta.label_lower, output_field=text),
            hit_slug=F("slug"),
            hit_role=F(target.role_slug) if target.role_slug else Value("", output_field=text),
            hit_parent=F(target.parent_slug)
            if target.parent_slug
            else Value("", output_field=text),
            hit_title=F(target.title),
            hit_text=F(target.text) if target.text else Value("", output_field=TextField()),
            hit_url=F("url") if target.model is Organisation else blank,
            hit_rank=rank,
        )
        .values_list(*COLUMNS)
        .order_by()
    )


def search(phrase):
    """The best matches for a visitor's words, best first."""
    words = phrase.split()[:MAX_WORDS]
    if not words:
        return []
    queries = [_rows(target, words, phrase) for target in TARGETS]
    combined = queries[0].union(*queries[1:], all=True).order_by("-hit_rank", "hit_title")
    return [Hit(*row) for row in combined[:MAX_RESULTS]]
