"""What makes the admin trustworthy for editors: text saved as typed (no stray line endings
that make every field look changed), a readable side-by-side diff of each change, wide boxes
for long texts, unpublishing as the obvious way to take something down, and a warning when
a page's address changes (the old address then redirects, see ``pathways.redirects``)."""

import difflib
import re

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

WIDE = {"class": "vLargeTextField app-wide"}
SLUG_WARNING = (
    "Part of the page's address. Changing it on a published page breaks links people have "
    "shared: the old address will redirect to the new one, but choose slugs to last."
)


def normalise_line_endings(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


CONFIRM_SLUG = "_confirm_slug_change"
# The fields a slug is unique within, where it is not unique across the whole model.
SLUG_SCOPES = ("role", "route")


def slug_taken_before(model, slug, instance, cleaned):
    """Whether a record of this kind other than ``instance`` has ever had ``slug`` (its old
    address redirects to that record, so taking it would send shared links astray)."""
    history = getattr(model, "history", None)
    if history is None:
        return False
    past = history.filter(slug=slug)
    if instance.pk:
        past = past.exclude(id=instance.pk)
    scopes = () if model._meta.get_field("slug").unique else SLUG_SCOPES
    for scope in scopes:
        if any(field.name == scope for field in model._meta.fields):
            owner = cleaned.get(scope)
            owner_id = owner.pk if owner is not None else getattr(instance, f"{scope}_id", None)
            past = past.filter(**{f"{scope}_id": owner_id})
    return past.exists()


class ContentForm(forms.ModelForm):
    """Browsers send text boxes with Windows line endings; store them as typed on any
    system, so history records only the fields an editor really changed. A slug another
    record has had is refused; changing a published page's slug asks for confirmation."""

    asks_slug_confirmation = False
    is_inline = False

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            cleaned[name] = normalise_line_endings(value)
        self.check_slug(cleaned)
        return cleaned

    def check_slug(self, cleaned):
        slug = cleaned.get("slug")
        if not slug or "slug" not in self.changed_data:
            return
        model, instance = self._meta.model, self.instance
        if slug_taken_before(model, slug, instance, cleaned):
            self.add_error(
                "slug",
                forms.ValidationError(
                    "Another %(kind)s has had this address: its old links redirect there. "
                    "Choose another slug.",
                    code="slug_taken_before",
                    params={"kind": model._meta.verbose_name},
                ),
            )
            return
        page = getattr(instance, "get_absolute_url", None)
        if (
            not self.is_inline
            and instance.pk
            and getattr(instance, "is_published", False)
            and page is not None
            and self.data.get(CONFIRM_SLUG) != "1"
        ):
            self.asks_slug_confirmation = True
            self.add_error(
                "slug",
                forms.ValidationError(
                    "This page is published. If you save the new address, links to "
                    "%(old)s and the pages under it will redirect to the address ending "
                    "“%(new)s”. Tick “Yes, change the address” below and save again to go "
                    "ahead.",
                    code="confirm_slug_change",
                    params={"old": page(), "new": slug},
                ),
            )


FORMFIELD_OVERRIDES = {
    models.TextField: {"widget": forms.Textarea(attrs={**WIDE, "rows": 6})},
}


def wide_char_fields(db_field, kwargs):
    """Long one-line fields (summaries, notes, titles) get a box as wide as the form."""
    if isinstance(db_field, models.CharField) and (db_field.max_length or 0) >= 120:
        kwargs.setdefault("widget", forms.TextInput(attrs=WIDE))
    if isinstance(db_field, models.SlugField):
        kwargs.setdefault("help_text", SLUG_WARNING)
    return kwargs


def word_diff(old, new):
    """Old and new text as HTML, with removed words marked <del> and added words <ins>."""
    old_words = re.split(r"(\s+)", old)
    new_words = re.split(r"(\s+)", new)
    before, after = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = escape("".join(old_words[i1:i2]))
        added = escape("".join(new_words[j1:j2]))
        if tag == "equal":
            before.append(removed)
            after.append(added)
            continue
        if removed:
            before.append(f"<del>{removed}</del>")
        if added:
            after.append(f"<ins>{added}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))


class SideBySideChanges(HistoricalRecordContextHelper):
    """History's "Changes" column in full (not cut at 100 characters), word by word."""

    def context_for_delta_changes(self, delta):
        changes = []
        for change in delta.changes:
            formatted = self.format_delta_change(change)
            old, new = word_diff(str(formatted.old), str(formatted.new))
            changes.append({"field": formatted.field, "old": old, "new": new})
        return changes

    def stringify_delta_change_values(self, change, old, new):
        def text(value):
            if isinstance(value, list | tuple):
                return ", ".join(str(item) for item in value) or "(none)"
            return "(empty)" if value in (None, "") else str(value)

        return text(old), text(new)


class EditorTrustMixin:
    """For every content admin: the form, the boxes, the diff, and Unpublish before Delete."""

    form = ContentForm
    formfield_overrides = FORMFIELD_OVERRIDES
    object_history_list_template = "admin/content_history_list.html"
    history_list_per_page = 20
    actions = ["unpublish", "publish"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(
            db_field, request, **wide_char_fields(db_field, kwargs)
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return SideBySideChanges(self.model, historical_record)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    @admin.action(
        description="Unpublish selected (hide from the site, keep the record)",
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    @admin.action(description="Publish selected", permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    def _set_published(self, request, queryset, value):
        changed = 0
        for record in queryset.filter(is_published=not value):
            record.is_published = value
            record._change_reason = "Published" if value else "Unpublished"
            record.save()
            changed += 1
        verb = "published" if value else "unpublished"
        self.message_user(request, f"{changed} {verb}.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        if "_unpublish" in request.POST:
            obj.is_published = False
        super().save_model(request, obj, form, change)
        if "_unpublish" in request.POST:
            self.message_user(
                request,
                format_html("“{}” is unpublished: visitors no longer see it.", obj),
                messages.SUCCESS,
            )
        if change and "slug" in form.changed_data and getattr(obj, "is_published", False):
            self.message_user(
                request,
                format_html(
                    "The address changed from “{}” to “{}”. Links to the old address now "
                    "redirect to the new one.",
                    form.initial.get("slug"),
                    obj.slug,
                ),
                messages.WARNING,
            )


class InlineContentForm(ContentForm):
    is_inline = True


class EditorTrustInlineMixin:
    form = InlineContentForm
