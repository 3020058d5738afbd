"""The "Content editors" group holds every permission on the content apps' models (but the
content version's, ``core.content.NOT_CONTENT``; and,
from feedback's own migration, reading feedback; nothing else): kept so after every
``migrate``, so a model added later (a new kind of content) is editable by editors at once,
on new sites and running ones alike."""

from django.conf import settings

GROUP_NAME = "Content editors"


def grant_content_permissions(sender, using="default", apps=None, **kwargs):
    """post_migrate, after auth has made the app's permissions: give them to the group."""
    if sender.label not in settings.CONTENT_APPS or apps is None:
        return
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth not migrated (yet)
        return
    group, _ = Group.objects.using(using).get_or_create(name=GROUP_NAME)
    group.permissions.add(*content_permissions(Permission.objects.using(using), sender.label))


def content_permissions(permissions, app_label):
    """The app's permissions an editor gets: all but those on ``core.content.NOT_CONTENT``."""
    from core.content import NOT_CONTENT

    permissions = permissions.filter(content_type__app_label=app_label)
    for label in NOT_CONTENT:
        not_app_label, model_name = label.lower().split(".")
        if not_app_label == app_label:
            permissions = permissions.exclude(content_type__model__in=[model_name])
    return permissions
