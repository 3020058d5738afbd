"""Addresses of admin pages for tests."""

from django.urls import reverse


def admin_url(model, view, *args):
    """An admin page of ``model``: "changelist", "add", "change", "history", …"""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def clone(record, **changes):
    """A copy of ``record`` saved as a new row, with ``changes``; its sources too."""
    sources = list(record.sources.all()) if hasattr(record, "sources") else []
    record.pk = record.id = None
    record._state.adding = True
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()
    if sources:
        record.sources.set(sources)
    return record


def make_role(slug, title, *, source="hcpc-protected-titles", published=True, **fields):
    """A published role like the music therapist. It shares what roles share (the
    apprenticeship, the registration everyone needs, pay, the facts per nation) and has its
    own client groups, a postgraduate route with its requirements and one course, and the
    compare page's snippets."""
    from careers.models import ClientGroup, NationFact, PayFigure, Role
    from core.models import Snippet, Source
    from pathways.models import EntryRoute, Qualification

    music = Role.objects.get(slug="music-therapist")
    vacancy_sites = list(music.vacancy_organisations.all())
    role = clone(Role.objects.get(slug="music-therapist"), slug=slug, title=title, **fields)
    role.is_published = published
    role.save()
    role.vacancy_organisations.set(vacancy_sites)
    for shared in (PayFigure, NationFact, Qualification):
        for record in shared.objects.filter(roles=music):
            record.roles.add(role)
    for route in EntryRoute.objects.filter(roles=music).exclude(slug="postgraduate"):
        route.roles.add(role)
    for group in ClientGroup.objects.filter(role=music).order_by("position")[:3]:
        clone(group, role=role, name=f"{group.name} ({title})")
    route = EntryRoute.objects.get(slug="postgraduate")
    requirements = list(route.requirements.all())
    programme = route.programmes.order_by("pk").first()
    route = clone(route, slug=f"{slug}-postgraduate", duration=f"2 years full time ({title})")
    route.roles.set([role])
    for requirement in requirements:
        clone(requirement, route=route, text=f"{requirement.text} ({title})")
    programme = clone(
        programme,
        slug=f"{slug}-course",
        provider=f"A university teaching {title.lower()}s",
        location="Leeds",
        nation="england",
    )
    programme.routes.set([route])
    cited = Source.objects.get(slug=source)
    for row in ("art-form", "professional-body", "distinct"):
        snippet = Snippet.objects.create(
            slug=f"compare-{slug}-{row}", title=f"{title}: {row}", text=f"{title}'s {row}."
        )
        snippet.sources.set([cited])
    return role
