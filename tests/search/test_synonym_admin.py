import pytest
from django.contrib.auth.models import Group, User

from search.models import SearchSynonym

pytestmark = pytest.mark.django_db


def test_editors_can_add_a_synonym_in_the_admin(client, seeded):
    editor = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    assert client.get("/admin/search/searchsynonym/").status_code == 200
    response = client.post(
        "/admin/search/searchsynonym/add/",
        {"phrase": "  Fiddle  Player ", "means": "instrument, musicianship", "is_published": "on"},
    )
    assert response.status_code == 302
    synonym = SearchSynonym.objects.get(phrase="fiddle player")
    assert synonym.meanings == ["instrument", "musicianship"]
    assert synonym.history.count() == 1
