from django.views.generic import TemplateView

from search.compare import compare_offer
from search.engine import Results, search
from search.forms import SearchForm


class SearchView(TemplateView):
    """Site search: a GET form, so a search is a URL."""

    template_name = "search/search.html"
    http_method_names = ["get", "head", "options"]
    cache_params = ("q",)

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET or None)
        phrase = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
        results = search(phrase) if phrase else Results(phrase, [])
        context = self.get_context_data(
            form=form,
            phrase=phrase,
            results=results,
            compare=compare_offer(phrase) if phrase else None,
        )
        status = 400 if form.is_bound and not form.is_valid() else 200
        return self.render_to_response(context, status=status)
