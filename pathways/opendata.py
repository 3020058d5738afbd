"""Open data: the published content as JSON, with every record's sources and dates.

Three documents, each a plain dict built once per content version (``for_version``) from
published records only, and served like any page: through the page cache, gzipped, with an
ETag (a browser's ``If-None-Match`` gets 304). Field names are a contract, documented in
the README ("Open data"); add fields, never rename or remove one. Editors' names (a source's
``checked_by``) and unpublished records are never part of them.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, JsonResponse

from careers.models import NationFact, PayFigure, Role
from core.citations import cite
from core.versions import content_version, for_version
from pathways.models import (
    EntryRoute,
    Programme,
    ProgrammeFee,
    ProgressionStage,
    Qualification,
    Requirement,
)

SCHEMA_VERSION = 1
# The site's own words and structure; what a source says stays under its own terms.
LICENCE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def json_document(view):
    """A GET view answering ``JsonResponse`` that any site may read (CORS)."""

    def answer(request, *args, **kwargs):
        try:
            document, status = {**header(), **view(request, *args, **kwargs)}, 200
        except Http404 as error:  # a program reading it gets JSON too
            document, status = {"error": str(error)}, 404
        response = JsonResponse(document, status=status, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response

    answer.__name__ = answer.__qualname__ = view.__name__
    answer.__module__ = view.__module__
    answer.__doc__ = view.__doc__
    return answer


def header():
    return {
        "schema_version": SCHEMA_VERSION,
        "content_version": str(content_version()),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "publisher": settings.SITE_NAME,
    }


# Records as dicts: each with what a reader needs to judge it (when it was last reviewed,
# whether it is confirmed, and its sources with the dates they give).


def source_data(source):
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date_given": source.date_shown,
        "last_checked": source.last_checked,
    }


def number(amount):
    """A figure in pounds (or hours) as a JSON number: whole when it is whole."""
    if amount is None:
        return None
    return int(amount) if amount == int(amount) else float(amount)


def provenance(record):
    return {
        "last_reviewed": record.last_reviewed,
        "needs_verification": record.needs_verification,
        "verification_note": record.verification_note,
        "sources": [source_data(source) for source in record.cited],
    }


def organisation_data(organisation):
    if organisation is None:
        return None
    return {"slug": organisation.slug, "name": organisation.name, "url": organisation.url}


def pay_data(pay):
    return {
        "slug": pay.slug,
        "label": pay.label,
        "band": pay.band,
        "scale": pay.scale,
        "nation": pay.nation,
        "minimum": pay.minimum,
        "maximum": pay.maximum,
        "currency": "GBP",
        "period": "year",
        "pay_year": pay.pay_year,
        "effective_from": pay.effective_from,
        "is_starting_figure": pay.is_starting_figure,
        "is_out_of_date": pay.is_out_of_date,
        **provenance(pay),
    }


def role_data(request, role):
    return {
        "slug": role.slug,
        "title": role.title,
        "alternative_titles": [
            name.strip() for name in role.alternative_titles.split(",") if name.strip()
        ],
        "summary": role.summary,
        "url": request.build_absolute_uri(role.get_absolute_url()),
        "data_url": request.build_absolute_uri(f"{role.get_absolute_url()}data.json"),
        "regulator": organisation_data(role.regulator),
        "key_facts": {
            "entry": role.key_entry,
            "training": role.key_training,
            "cost": role.key_cost,
        },
        "starting_pay": pay_data(role.starting_pay) if role.starting_pay else None,
        "pay": [pay_data(pay) for pay in role.pay_figures.all()],
        **provenance(role),
    }


def requirement_data(requirement):
    return {
        "slug": requirement.slug,
        "kind": requirement.kind,
        "text": requirement.text,
        "detail": requirement.detail,
        "is_essential": requirement.is_essential,
        **provenance(requirement),
    }


def route_data(request, route, role):
    return {
        "slug": route.slug,
        "name": route.name,
        "summary": route.summary,
        "duration": route.duration,
        "months_full_time": route.months_full_time,
        "months_part_time": route.months_part_time,
        "study_modes": route.study_modes,
        "who_pays": route.who_pays,
        "funding_note": route.funding_note,
        "is_paid_while_learning": route.is_paid_while_learning,
        "nations": [nation.strip() for nation in route.nations.split(",") if nation.strip()],
        "url": request.build_absolute_uri(route.url_for(role)),
        "requirements": [requirement_data(r) for r in route.requirements.all()],
        "course_slugs": [programme.slug for programme in route.programmes_for(role)],
        **provenance(route),
    }


def qualification_data(qualification):
    return {
        "slug": qualification.slug,
        "name": qualification.name,
        "level": qualification.level,
        "body": organisation_data(qualification.body),
        "is_mandatory": qualification.is_mandatory,
        "summary": qualification.summary,
        **provenance(qualification),
    }


def stage_data(stage):
    return {
        "slug": stage.slug,
        "name": stage.name,
        "summary": stage.summary,
        "typical_band": stage.typical_band,
        "is_optional": stage.is_optional,
        "pay_slug": stage.pay.slug if stage.pay and stage.pay.is_published else None,
        **provenance(stage),
    }


def nation_fact_data(fact):
    return {
        "slug": fact.slug,
        "topic": fact.topic,
        "nation": fact.nation,
        "title": fact.title,
        "text": fact.text,
        "amount": number(fact.amount),
        "amount_label": fact.amount_label,
        "year": fact.year,
        "effective_from": fact.effective_from,
        "organisation": organisation_data(fact.organisation),
        **provenance(fact),
    }


def fee_data(fee):
    return {
        "slug": fee.slug,
        "status": fee.status,
        "mode": fee.mode,
        "amount": number(fee.amount),
        "currency": "GBP",
        "basis": fee.basis,
        "per_credits": fee.per_credits,
        "course_credits": fee.course_credits,
        "year": fee.year,
        "date_given": fee.date_given,
        **provenance(fee),
    }


def course_data(programme, role_slugs):
    return {
        "slug": programme.slug,
        "provider": programme.provider,
        "award": programme.award,
        "location": programme.location,
        "nation": programme.nation,
        "months_full_time": programme.months_full_time,
        "months_part_time": programme.months_part_time,
        "delivery": programme.delivery,
        "intake": programme.intake,
        "next_intake": programme.next_intake,
        "closing_date": programme.closing_date,
        "recruitment": programme.recruitment,
        "personal_therapy": programme.personal_therapy,
        "url": programme.url,
        "role_slugs": role_slugs,
        "role": programme.role.slug if programme.role else None,
        "fees": [fee_data(fee) for fee in programme.fees.all()],
        **provenance(programme),
    }


# What the documents read: published records only, each list in one query.


def published_programmes():
    return (
        Programme.objects.published()
        .select_related("role")
        .prefetch_related(Prefetch("fees", queryset=ProgrammeFee.objects.published()))
    )


def roles_for_open_data():
    return (
        Role.objects.published()
        .select_related("regulator")
        .prefetch_related(
            Prefetch("pay_figures", queryset=PayFigure.objects.published()),
            Prefetch(
                "entry_routes",
                queryset=EntryRoute.objects.published().prefetch_related(
                    Prefetch("requirements", queryset=Requirement.objects.published()),
                    Prefetch("programmes", queryset=published_programmes()),
                ),
            ),
            Prefetch(
                "qualifications",
                queryset=Qualification.objects.published().select_related("body"),
            ),
            Prefetch(
                "progression_stages",
                queryset=ProgressionStage.objects.published().select_related("pay"),
            ),
            Prefetch(
                "nation_facts",
                queryset=NationFact.objects.published().select_related("organisation"),
            ),
        )
    )


def cited_records(role):
    routes = role.entry_routes.all()
    programmes = {p.pk: p for route in routes for p in route.programmes_for(role)}.values()
    return [
        role,
        *role.pay_figures.all(),
        *routes,
        *(requirement for route in routes for requirement in route.requirements.all()),
        *programmes,
        *(fee for programme in programmes for fee in programme.fees.all()),
        *role.qualifications.all(),
        *role.progression_stages.all(),
        *role.nation_facts.all(),
    ]


def published_organisation(organisation):
    return organisation if organisation and organisation.is_published else None


def built_roles():
    roles = list(roles_for_open_data())
    cite([record for role in roles for record in cited_records(role)])
    for role in roles:  # an unpublished organisation is named nowhere
        role.regulator = published_organisation(role.regulator)
        for qualification in role.qualifications.all():
            qualification.body = published_organisation(qualification.body)
        for fact in role.nation_facts.all():
            fact.organisation = published_organisation(fact.organisation)
    return roles


def roles_by_slug():
    return {role.slug: role for role in for_version(("open-data", "roles"), built_roles)}


@json_document
def roles_json(request):
    """/data/roles.json: every published role with its key facts and pay."""
    return {"roles": [role_data(request, role) for role in roles_by_slug().values()]}


@json_document
def role_json(request, role_slug):
    """/careers/<role>/data.json: one role in full."""
    role = roles_by_slug().get(role_slug)
    if role is None:
        raise Http404("No published role with that address.")
    routes = list(role.entry_routes.all())
    programmes = {p.pk: p for route in routes for p in route.programmes_for(role)}.values()
    return {
        "role": role_data(request, role),
        "entry_routes": [route_data(request, route, role) for route in routes],
        "qualifications": [qualification_data(q) for q in role.qualifications.all()],
        "courses": [
            course_data(programme, [role.slug])
            for programme in sorted(programmes, key=lambda p: (p.provider, p.slug))
        ],
        "progression": [stage_data(stage) for stage in role.progression_stages.all()],
        "nation_facts": [nation_fact_data(fact) for fact in role.nation_facts.all()],
    }


@json_document
def courses_json(request):
    """/data/courses.json: every published course of a published role, with its fees."""
    courses = {}
    for role in roles_by_slug().values():
        for route in role.entry_routes.all():
            for programme in route.programmes_for(role):
                programme_roles = courses.setdefault(programme.slug, (programme, []))[1]
                if role.slug not in programme_roles:
                    programme_roles.append(role.slug)
    return {
        "courses": [
            course_data(programme, sorted(role_slugs))
            for programme, role_slugs in sorted(
                courses.values(), key=lambda item: (item[0].provider, item[0].slug)
            )
        ]
    }
