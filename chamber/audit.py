"""Recording what the chamber's staff do: every chamber action calls ``record`` in its transaction."""

from __future__ import annotations

from .models import AuditEntry


def record(actor, action: str, target, reason: str = "", target_label: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else "",
        action=action,
        target_type=target._meta.model_name,
        target_id=str(target.pk),
        target_label=(target_label or str(target))[:255],
        reason=reason or "",
    )
