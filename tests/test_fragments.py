"""Rendered once per content version: the planner's questions (the same HTML crispy-forms
renders afresh, per answer and error state) and ``{% fragment %}`` parts of templates."""

from datetime import date
from itertools import count
from unittest import mock

import pytest
from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.layout import Field, Layout, Size
from django.http import QueryDict
from django.template import Context, Template

from core.glossary import Glossary, by_spelling
from core.versions import bump_content_version
from pathways.forms import PlannerForm

pytestmark = pytest.mark.django_db


def render(query, cache):
    form = PlannerForm(QueryDict(query))
    form.is_valid()
    if not cache:
        form.helper.layout = Layout(
            *(Field.radios(name, legend_size=Size.SMALL) for name in form.base_fields)
        )
    return render_crispy_form(form, form.helper)


QUERIES = [
    "",
    "stage=graduate&degree=music",
    "stage=school&mode=part_time",
    "stage=bogus",
    "stage=other-bogus&practice=advanced",
    "stage=school&stage=graduate",
    "stage=graduate",
]


def test_cached_questions_are_the_html_crispy_renders():
    fresh = {query: render(query, cache=False) for query in QUERIES}
    for _ in range(2):  # rendered, then from the cache, in turn
        for query in QUERIES:
            assert render(query, cache=True) == fresh[query], query


def render_fragment(source, **context):
    return Template("{% load fragments content_tags %}" + source).render(Context(context))


def test_a_fragment_is_rendered_once_per_content_version_day_and_key():
    renders = count(1)
    template = '{% fragment "test" key %}render {{ renders }}{% endfragment %}'

    def page(key, day=date(2026, 11, 22)):
        with mock.patch("django.utils.timezone.localdate", return_value=day):
            return render_fragment(template, key=key, renders=lambda: next(renders))

    assert page("a") == "render 1"
    assert page("a") == "render 1"
    assert page("b") == "render 2"
    bump_content_version()
    assert page("a") == "render 3"
    assert page("a", day=date(2026, 11, 23)) == "render 4"


def test_a_fragment_without_a_key_is_rendered_every_time():
    renders = count(1)
    template = '{% fragment "test" None %}render {{ renders }}{% endfragment %}'
    assert render_fragment(template, renders=lambda: next(renders)) == "render 1"
    assert render_fragment(template, renders=lambda: next(renders)) == "render 2"


def test_a_fragment_refuses_a_key_it_cannot_compare():
    with pytest.raises(TypeError, match="cannot key on object"):
        render_fragment('{% fragment "test" thing %}x{% endfragment %}', thing=object())


TERMS = [{"slug": "hcpc", "term": "HCPC", "also_matches": "", "definition": "The regulator."}]


@pytest.mark.parametrize("first_render", ["rendered", "from the cache"])
def test_a_term_a_cached_fragment_explained_is_not_explained_again(first_render):
    template = (
        '{% fragment "test" "key" %}<p>{{ "HCPC"|explain:glossary }}</p>{% endfragment %}'
        '<p>{{ "HCPC again"|explain:glossary }}</p>'
    )
    if first_render == "from the cache":
        render_fragment(template, glossary=Glossary(by_spelling(TERMS)))
    html = render_fragment(template, glossary=Glossary(by_spelling(TERMS)))
    assert html.count("app-glossary-link") == 1
    assert html.index("app-glossary-link") < html.index("HCPC again")


def test_a_fragment_whose_key_is_missing_is_rendered_every_time():
    """base.html keeps the whole page only when the view names it (``document_key``): a page
    rendered without that variable must not share one rendering with every other."""
    renders = count(1)
    template = '{% fragment "test" not_given %}render {{ renders }}{% endfragment %}'
    assert render_fragment(template, renders=lambda: next(renders)) == "render 1"
    assert render_fragment(template, renders=lambda: next(renders)) == "render 2"


ROLE = "/careers/music-therapist/"


def test_a_journey_page_without_parameters_is_rendered_once_per_content_version(
    client, seeded, settings
):
    """The whole page, frame included, is kept: a page the page cache does not hold renders
    no part of it again until an editor changes content."""
    from careers.models import Role

    settings.PAGE_CACHE_SECONDS = 0  # every request is a miss
    first = client.get(ROLE)
    assert "includes/page_tools.html" in [t.name for t in first.templates]
    again = client.get(ROLE)
    assert again.content == first.content
    assert not {"includes/page_tools.html", "includes/journey_nav.html"} & {
        t.name for t in again.templates
    }
    role = Role.objects.get(slug="music-therapist")
    role.summary = "A summary an editor just wrote."
    role.save()
    assert "A summary an editor just wrote." in client.get(ROLE).content.decode()


def test_a_plan_renders_its_answers_every_time_around_the_kept_frame(client, seeded):
    """A plan's frame is kept per path, never its answers or its address."""
    first = client.get(ROLE + "next-steps/?stage=graduate&degree=music").content.decode()
    other = client.get(ROLE + "next-steps/?stage=school&nation=wales").content.decode()
    assert "degree=music" in first and "degree=music" not in other
    assert "nation=wales" in other and "nation=wales" not in first
    for html in (first, other):
        assert html.count('aria-current="step"') == 1
        assert 'id="feedback-heading"' in html
