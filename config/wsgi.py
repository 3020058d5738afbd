import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# A request makes thousands of short-lived objects, and a process keeps the content it
# serves as many long-lived ones; Python's default (a collection every 700 new objects)
# spent about 0.7 ms of a new plan's 7 ms walking them. Every 20,000 spends about 0.2 ms
# (docs/performance.md, "Issue 19, fourth round").
gc.set_threshold(20_000, 10, 10)
