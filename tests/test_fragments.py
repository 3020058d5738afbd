"""Rendered once per content version: the planner's questions (the same HTML crispy-forms
renders afresh, per answer and error state) and ``{% fragment %}`` parts of templates."""

import re
from datetime import date
from itertools import count
from unittest import mock

import pytest
from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.layout import Field, Layout, Size
from django.http import QueryDict
from django.template import Context, Template

from core.fragments import render_questions
from core.glossary import Glossary, by_spelling
from core.page_html import SOME_ORIGIN, put_in
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


@pytest.mark.parametrize("role", ["music-therapist", "art-therapist"])
def test_the_kept_questions_put_together_are_the_html_crispy_renders(role):
    """``{% questions form %}`` gives what ``{% crispy form %}`` gives: first rendered by
    crispy-forms, then put together from the kept questions without it."""
    from pathways.planner import rules_for

    def form(query, cache=True):
        planner = PlannerForm(QueryDict(query), rules=rules_for(role))
        planner.is_valid()
        if not cache:
            planner.helper.layout = Layout(
                *(Field.radios(name, legend_size=Size.SMALL) for name in planner.base_fields)
            )
        return planner

    fresh = {}
    for query in QUERIES:
        planner = form(query, cache=False)
        fresh[query] = render_crispy_form(planner, planner.helper)
    bump_content_version()  # no question kept
    with mock.patch("core.fragments.render_crispy_form", wraps=render_crispy_form) as crispy:
        for query in QUERIES:
            assert render_questions(form(query)) == fresh[query], query
        assert crispy.call_count  # a question not kept yet: crispy-forms renders the form
        crispy.reset_mock()
        for query in QUERIES:
            assert render_questions(form(query)) == fresh[query], query
        assert not crispy.called  # every question kept


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


def test_a_hole_in_a_kept_fragment_is_rendered_for_every_request():
    renders = count(1)
    template = (
        '{% fragment "test" "key" %}kept {{ renders }}, '
        "{% hole %}{{ visitor }}{% endhole %}"
        '{% fragment "inner" "key" %}, inner {{ renders }}: {% hole %}{{ visitor }}{% endhole %}'
        "{% endfragment %}{% endfragment %}"
    )

    def page(visitor):
        return render_fragment(template, visitor=visitor, renders=lambda: next(renders))

    assert page("Ann") == "kept 1, Ann, inner 2: Ann"
    assert page("Bob & Co") == "kept 1, Bob &amp; Co, inner 2: Bob &amp; Co"
    # Outside a kept fragment (or in one rendered every time) a hole is rendered in place.
    assert render_fragment("{% hole %}{{ visitor }}{% endhole %}", visitor="Cy") == "Cy"
    every_time = '{% fragment "t" None %}{% hole %}{{ v }}{% endhole %}{% endfragment %}'
    assert render_fragment(every_time, v=1) == "1"


def test_a_kept_fragment_puts_in_each_request_s_values():
    renders = count(1)
    template = (
        '{% fragment "test" "key" put_in=values %}{{ renders }}: <a href="{{ url }}">'
        "{% hole %}{{ visitor }} at {{ url }}{% endhole %}</a>{% endfragment %}"
    )

    def page(host, visitor):
        values = put_in(f"https://{host}")
        return render_fragment(
            template,
            values=values,
            url=SOME_ORIGIN + "/a",
            visitor=visitor,
            renders=lambda: next(renders),
        )

    assert page("one.example", "Ann") == (
        '1: <a href="https://one.example/a">Ann at https://one.example/a</a>'
    )
    assert page("two.example", "Bob") == (
        '1: <a href="https://two.example/a">Bob at https://two.example/a</a>'
    )


def test_plans_with_the_same_shape_share_one_page_with_their_own_answers(client, seeded, settings):
    """The page of a plan is kept for every set of answers that gives the same steps, routes,
    notes, study mode and nation: what the visitor said, the form and the plan's address are
    their own."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver", "other.testserver"]
    planner = ROLE + "next-steps/?stage=graduate&degree=music"
    first = client.get(planner)
    other = client.get(planner + "&employed=no", HTTP_HOST="other.testserver")
    assert "pathways/plan/summary.html" in [t.name for t in first.templates]
    assert "pathways/plan/summary.html" not in [t.name for t in other.templates]
    html = other.content.decode()
    assert "http://other.testserver/careers/music-therapist/next-steps/?stage=graduate" in html
    assert "testserver/" not in html.replace("other.testserver/", "")
    shared = "next-steps/?stage=graduate&amp;degree=music&amp;employed=no"
    assert html.count(shared) == 4  # to copy and in print, in the plan and the page tools
    assert "next-steps/%3Fstage%3Dgraduate%26degree%3Dmusic%26employed%3Dno" in html  # by email
    heard = html[html.index('id="heard"') : html.index("</div>", html.index('id="heard"'))]
    assert "You told us:</strong> I have a degree · Music · No." in heard
    assert re.search(r'id="id_employed_2"\s+value="no"\s+checked', html)
    assert not re.search(r'id="id_employed_2"\s+value="no"\s+checked', first.content.decode())


def test_a_plan_renders_its_answers_every_time_around_the_kept_frame(client, seeded):
    """A plan's page is kept per shape, never its answers or its address."""
    first = client.get(ROLE + "next-steps/?stage=graduate&degree=music").content.decode()
    other = client.get(ROLE + "next-steps/?stage=school&nation=wales").content.decode()
    assert "degree=music" in first and "degree=music" not in other
    assert "nation=wales" in other and "nation=wales" not in first
    for html in (first, other):
        assert html.count('aria-current="step"') == 1
        assert 'id="feedback-heading"' in html
