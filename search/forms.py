from crispy_forms_gds.helper import FormHelper
from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=200,
        required=False,
        error_messages={
            "max_length": "Search for 200 characters or fewer.",
            "null_characters_not_allowed": "Search words cannot contain null characters.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()  # the error summary reads it
