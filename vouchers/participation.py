"""Which shops a programme's territory covers, which programmes a shop may join, and the artisan's
opt-in and the chamber's exclusion (each chamber action written to its audit log)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Sum

from chamber import audit
from chamber.models import AuditEntry

from .models import ZERO, Movement, MovementKind, Participation, Programme, ProgrammeStatus
from .reports import cents

# Actions of the chamber's audit log for the voucher programmes (labelled and filterable there).
PROGRAMME_CREATED = AuditEntry.Action.PROGRAMME_CREATED
PROGRAMME_SAVED = AuditEntry.Action.PROGRAMME_SAVED
PROGRAMME_PUBLISHED = AuditEntry.Action.PROGRAMME_PUBLISHED
PROGRAMME_CLOSED = AuditEntry.Action.PROGRAMME_CLOSED
SHOP_EXCLUDED = AuditEntry.Action.PROGRAMME_SHOP_EXCLUDED
SHOP_REINCLUDED = AuditEntry.Action.PROGRAMME_SHOP_INCLUDED


def territory_q(programme: Programme, prefix: str = "") -> Q:
    """Shops (or anything with a commune at ``prefix``) inside the programme's territory."""
    condition = Q(**{f"{prefix}commune__in": programme.communes.all()})
    if programme.department_codes:
        condition |= Q(**{f"{prefix}commune__department_code__in": list(programme.department_codes)})
    return condition


def covers(programme: Programme, commune) -> bool:
    if commune is None:
        return False
    if commune.department_code in (programme.department_codes or []):
        return True
    return programme.communes.filter(pk=commune.pk).exists()


def programmes_for_shop(shop):
    """The published programmes whose territory covers the shop's commune (few: filtered here, since
    a JSON list cannot be searched the same way by every database)."""
    if shop.commune_id is None:
        return []
    programmes = (
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)
        .annotate(names_commune=Exists(Programme.communes.through.objects.filter(programme_id=OuterRef("pk"), commune_id=shop.commune_id)))
        .order_by("valid_until", "name")
    )
    department = shop.commune.department_code
    return [programme for programme in programmes if programme.names_commune or department in (programme.department_codes or [])]


def received_by_shop(shop) -> dict[int, object]:
    """What vouchers paid the shop, per programme (redemptions net of put-backs)."""
    rows = (
        Movement.objects.filter(shop=shop, kind__in=(MovementKind.REDEMPTION, MovementKind.REFUND))
        .values("voucher__programme_id").annotate(total=Sum("amount")).order_by()
    )
    return {row["voucher__programme_id"]: cents(-row["total"]) + ZERO for row in rows}


def opt_in(programme: Programme, shop) -> Participation:
    try:
        with transaction.atomic():
            return Participation.objects.get_or_create(programme=programme, shop=shop)[0]
    except IntegrityError:  # the same click twice at once
        return Participation.objects.get(programme=programme, shop=shop)


def opt_out(programme: Programme, shop) -> bool:
    """The shop stops taking the programme's vouchers; a shop the chamber excluded stays on record
    (with the chamber's reason) so that it cannot come back by opting in again."""
    deleted, _ = Participation.objects.filter(programme=programme, shop=shop, excluded_by_chamber=False).delete()
    return bool(deleted)


def exclude(participation: Participation, actor, reason: str) -> None:
    with transaction.atomic():
        participation.excluded_by_chamber = True
        participation.exclusion_reason = reason
        participation.save(update_fields=["excluded_by_chamber", "exclusion_reason"])
        audit.record(actor, SHOP_EXCLUDED, participation.shop, reason=f"{participation.programme.name}. {reason}",
                     target_label=str(participation.shop.name))


def reinclude(participation: Participation, actor) -> None:
    with transaction.atomic():
        participation.excluded_by_chamber = False
        participation.exclusion_reason = ""
        participation.save(update_fields=["excluded_by_chamber", "exclusion_reason"])
        audit.record(actor, SHOP_REINCLUDED, participation.shop, reason=participation.programme.name,
                     target_label=str(participation.shop.name))
