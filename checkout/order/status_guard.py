"""One door to an order's status, opened by checkout.lifecycle for the step it takes.

The marketplace's rules for a step (pickup code, stock and slot given back, e-mails, refunds) live
in checkout.lifecycle. Oscar's generic code (its dashboard's actions, its event handler) calls
``set_status`` and saves orders and lines as it pleases: below every screen, the order and line
models refuse a status change made outside a lifecycle step, whichever way it is written
(``set_status``, an assignment then ``save``, a queryset ``update`` or ``bulk_update``).
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.db import models

# A context variable rather than a global flag: each thread and each asyncio task has its own.
_step_in_progress: contextvars.ContextVar[bool] = contextvars.ContextVar("order_lifecycle_step", default=False)


class StatusChangeOutsideLifecycle(RuntimeError):
    """A status was changed other than through checkout.lifecycle: a programming error, never user input."""


@contextmanager
def lifecycle_step():
    """Lets the status changes of one step through. For checkout.lifecycle only (a test checks so)."""
    token = _step_in_progress.set(True)
    try:
        yield
    finally:
        _step_in_progress.reset(token)


def _refuse_outside_lifecycle(model, how: str) -> None:
    if not _step_in_progress.get():
        raise StatusChangeOutsideLifecycle(
            f"{model._meta.label}: status changed by {how} outside checkout.lifecycle; take the step through "
            "checkout.lifecycle (advance, hand_over, cancel_lines) or payments.refunds.cancel_and_refund."
        )


class StatusGuardedQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if "status" in kwargs:
            _refuse_outside_lifecycle(self.model, "QuerySet.update")
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        if "status" in fields:
            _refuse_outside_lifecycle(self.model, "QuerySet.bulk_update")
        return super().bulk_update(objs, fields, batch_size=batch_size)


class StatusGuardedMixin:
    """For a model with a ``status`` field and Oscar's ``set_status``; put it first among the bases."""

    def set_status(self, new_status):
        if new_status != self.status:
            _refuse_outside_lifecycle(type(self), "set_status")
        return super().set_status(new_status)

    set_status.alters_data = True

    def save(self, *args, **kwargs):
        self._refuse_a_status_change_outside_lifecycle(kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def _refuse_a_status_change_outside_lifecycle(self, update_fields) -> None:
        if _step_in_progress.get() or self.pk is None or (update_fields is not None and "status" not in update_fields):
            return
        # Compared with the row rather than with the value as loaded, so that a stale copy saved
        # after a step (which would quietly put the old status back) is refused too.
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is not None and stored != self.status:
            _refuse_outside_lifecycle(type(self), "save")
