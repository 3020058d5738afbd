"""Admin sign-in lock-out that locks out attackers, not editors (django-axes)."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    """Counts failures per username and address together (``AXES_FAILURE_LIMIT``), and per
    address alone with a higher cap (``AXES_ADDRESS_FAILURE_LIMIT``).

    ``AXES_LOCKOUT_PARAMETERS`` lists those two, in that order. Axes compares one number
    with one limit, so the per-address count is given on the same scale: reaching the
    address cap counts as reaching the failure limit.
    """

    def get_failures(self, request, credentials=None):
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(pair, address * limit // address_limit)
