"""The planner's questions, rendered once per content version, answer and error state, are
the same HTML crispy-forms renders afresh."""

import pytest
from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.layout import Field, Layout, Size
from django.http import QueryDict

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
    "stage=other-bogus&music=advanced",
    "stage=school&stage=graduate",
    "stage=graduate",
]


def test_cached_questions_are_the_html_crispy_renders():
    fresh = {query: render(query, cache=False) for query in QUERIES}
    for _ in range(2):  # rendered, then from the cache, in turn
        for query in QUERIES:
            assert render(query, cache=True) == fresh[query], query
