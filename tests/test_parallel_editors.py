"""Two editors saving at once on PostgreSQL both commit: the content version moves after
each change commits, in its own short transaction, so it is no global write lock."""

import threading
import time

import pytest
from django.db import connection, transaction

from careers.models import Task
from core.versions import content_version

pytestmark = pytest.mark.django_db(transaction=True)


def edit(pk, text):
    task = Task.objects.get(pk=pk)
    task.text = text
    task.save()


def test_overlapping_saves_both_commit(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and deadlocks are PostgreSQL's; SQLite writes one at a time")
    first, second = Task.objects.order_by("pk").values_list("pk", flat=True)[:2]
    before = content_version()
    results = {}
    one_has_first, two_has_second = threading.Event(), threading.Event()

    def editor_one():  # edits the first task, then the second
        try:
            with transaction.atomic():
                edit(first, "Editor one, first task.")
                one_has_first.set()
                two_has_second.wait(5)
                edit(second, "Editor one, second task.")
            results["one"] = "committed"
        except Exception as error:  # noqa: BLE001 - reported below
            results["one"] = repr(error)
        finally:
            connection.close()

    def editor_two():  # edits the second task while editor one holds the first
        try:
            one_has_first.wait(5)
            with transaction.atomic():
                edit(second, "Editor two, second task.")
                two_has_second.set()
                time.sleep(0.3)
            results["two"] = "committed"
        except Exception as error:  # noqa: BLE001
            results["two"] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=editor_one), threading.Thread(target=editor_two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert results == {"one": "committed", "two": "committed"}
    assert Task.objects.get(pk=second).text == "Editor one, second task."
    assert content_version() != before
