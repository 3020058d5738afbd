"""A search that asks to compare roles, or names two or more of them, is offered the page
comparing them ("art therapy or dramatherapy", "compare arts therapies")."""

from dataclasses import dataclass

from django.urls import reverse

from careers.models import MAX_COMPARED, Role, compare_url
from core.versions import for_version
from search.engine import stem, words

ASKS_TO_COMPARE = frozenset(
    "compare comparing comparison versus vs difference differences".split()  # noqa: SIM905
)
# Words every role's title shares: they name no one role.
SHARED_WORDS = frozenset("therapist therapy arts or and psychotherapist".split())  # noqa: SIM905


@dataclass(frozen=True)
class Offer:
    url: str
    titles: tuple  # the roles named, or () for the picker


def role_names():
    """Each published role's slug, title and the stems only its title uses."""
    names = []
    for role in Role.objects.published().only("slug", "title"):
        own = {stem(word) for word in words(role.title) if word not in SHARED_WORDS}
        names.append((role.slug, role.title, frozenset(own)))
    return names


def compare_offer(phrase):
    """The compare page for the roles ``phrase`` names (two or three), the picker when it
    asks to compare without naming two, or None."""
    typed = words(phrase)
    stems = {stem(word) for word in typed if word not in SHARED_WORDS}
    names = for_version("role-names", role_names)
    named = [(slug, title) for slug, title, own in names if own & stems]
    if 2 <= len(named) <= MAX_COMPARED:
        return Offer(compare_url([slug for slug, _ in named]), tuple(t for _, t in named))
    if ASKS_TO_COMPARE & set(typed):
        return Offer(reverse("compare"), ())
    return None
