"""Is this page useful? A plain form on every page, posted here.

Public pages set no cookies, so there is no CSRF token: the endpoint is csrf_exempt and
guarded instead by POST only, a same-site Origin/Referer check, length caps, a honeypot, a
validated page path and a limit per address counted in the database (shared by every
process).
"""

import ipaddress
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from core.pagecache import reads_params
from feedback.forms import FeedbackForm, is_public_page
from feedback.models import Feedback

logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's address: behind N trusted proxies, the Nth from the right in
    X-Forwarded-For; otherwise the connection's own."""
    if settings.PROXY_COUNT:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def sender_network(address):
    """The network an address stands for: an IPv4 address itself; for IPv6 its /64, which
    one subscriber usually holds whole."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def sender_hash(request):
    """A salted hash of the sender's network (``sender_network``): the same network gives
    the same hash, and the address cannot be read back from it."""
    network = sender_network(client_address(request))
    return salted_hmac("feedback.sender", network, algorithm="sha256").hexdigest()


def is_same_site(request):
    """False when the browser says the form was posted from another site."""
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not origin or origin == "null":
        return not origin
    return urlsplit(origin).netloc == request.get_host()


def problem(request, messages, status):
    response = render(
        request, "feedback/problem.html", {"messages": messages, "page": back_to(request.POST)}
    )
    response.status_code = status
    return response


def back_to(data):
    page = data.get("page", "")
    return page if isinstance(page, str) and is_public_page(page) else "/"


@csrf_exempt
@require_POST
def send_feedback(request):
    if not is_same_site(request):
        return problem(request, ["Feedback can only be sent from this site's own pages."], 403)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages = [error for errors in form.errors.values() for error in errors]
        return problem(request, messages, 400)
    thanks = reverse("feedback_thanks") + "?" + urlencode({"page": form.cleaned_data["page"]})
    if form.is_from_software:  # thanked like anyone, so it learns nothing; not stored
        return see_other(thanks)
    sender = sender_hash(request)
    window = timedelta(minutes=settings.FEEDBACK_LIMIT_MINUTES)
    recent = Feedback.objects.from_sender_since(sender, timezone.now() - window).count()
    if recent >= settings.FEEDBACK_LIMIT:
        response = problem(
            request,
            [
                f"You have sent feedback {recent} times in the last "
                f"{settings.FEEDBACK_LIMIT_MINUTES} minutes. Please wait a few minutes and "
                "try again."
            ],
            429,
        )
        response["Retry-After"] = str(window.seconds)
        return response
    Feedback.objects.create(
        path=form.cleaned_data["page"],
        is_useful=form.cleaned_data["useful"] == "yes",
        comment=form.cleaned_data["comment"],
        sender=sender,
    )
    return see_other(thanks)


def see_other(url):
    """303: the browser fetches the thanks page with GET, so reloading sends nothing twice."""
    response = redirect(url)
    response.status_code = 303
    return response


def canonical_page(query):
    """The thanks page shows the page it links back to: any other value shows "/"."""
    query.setlist("page", [back_to(query)])
    return query


@reads_params("page", canonical=canonical_page)
@require_safe
def thanks(request):
    return render(request, "feedback/thanks.html", {"page": back_to(request.GET)})
