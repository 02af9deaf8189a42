"""Session rules: a generation per user, an idle limit and an absolute limit.

A session records the user's generation when they log in; "log out everywhere"
advances the generation, and the next request of each older session ends it.
This works with any session backend and costs one indexed query per request of a
logged-in browser. A session without a recorded generation counts as generation
0, so none escapes by having none.
"""

import logging

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import SessionGeneration

log = logging.getLogger(__name__)

GENERATION_KEY = "accounts_generation"
LOGIN_AT_KEY = "accounts_login_at"
SEEN_AT_KEY = "accounts_seen_at"
# How stale the last-activity stamp may get: a session write on every request
# would cost more than a minute's precision is worth.
SEEN_RESOLUTION = 60


def log_out_everywhere(*, user_id: int, actor_id: int | None = None) -> None:
    """End every session of the user, on every device, at its next request."""
    SessionGeneration.objects.advance(user_id)
    # Ids only: who ended whose sessions, for the operator's log.
    log.info("Ended every session of user %s, asked by user %s", user_id, actor_id)


def ending_reason(session: SessionBase, *, now: int) -> str | None:
    """Return why this logged-in session must end now, or None to keep it."""
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return None
    if session.get(GENERATION_KEY, 0) < SessionGeneration.objects.number_for(user_id):
        return _("You were logged out everywhere: log in again.")
    login_at = session.get(LOGIN_AT_KEY)
    if login_at is not None and now - login_at > settings.SESSION_COOKIE_AGE:
        hours = settings.SESSION_COOKIE_AGE // 3600
        return ngettext(
            "A login lasts at most %(hours)d hour: log in again.",
            "A login lasts at most %(hours)d hours: log in again.",
            hours,
        ) % {"hours": hours}
    idle = settings.SESSION_IDLE_TIMEOUT
    seen_at = session.get(SEEN_AT_KEY)
    if idle and seen_at is not None and now - seen_at > idle:
        minutes = idle // 60
        return ngettext(
            "You were logged out after %(minutes)d minute without activity.",
            "You were logged out after %(minutes)d minutes without activity.",
            minutes,
        ) % {"minutes": minutes}
    return None


def stamp(session: SessionBase, *, now: int, logged_in: bool) -> None:
    """Record what the rules need in a session: at login, the generation and the
    time; then, at most once a minute, the time of the latest request.

    A session that logged in some other way (the test client's force_login, or
    before these rules) gets no times, and so only Django's own expiry.
    """
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return
    if logged_in:
        session[GENERATION_KEY] = SessionGeneration.objects.number_for(user_id)
        session[LOGIN_AT_KEY] = session[SEEN_AT_KEY] = now
    elif now - session.get(SEEN_AT_KEY, now) >= SEEN_RESOLUTION:
        session[SEEN_AT_KEY] = now
