"""Collection windows as people read them: « samedi 5 décembre, 9 h–12 h »."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from checkout.offers import clock


def window_words(occurrence) -> str:
    """The day and the window of an occurrence (collection.offers.Occurrence or SessionOccurrence)."""
    starts, ends = timezone.localtime(occurrence.starts_at), timezone.localtime(occurrence.ends_at)
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": formats.date_format(starts.date(), "l j F"), "start": clock(starts.time()), "end": clock(ends.time()),
    }


def session_words(session) -> str:
    """« every Saturday, 9:00–12:00 »."""
    return _("every %(weekday)s, %(start)s–%(end)s") % {
        "weekday": session.get_weekday_display().lower(), "start": clock(session.starts_at), "end": clock(session.ends_at),
    }
