"""A voucher programme and its vouchers for tests: a territory, a funder's bonus, participating shops."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import ShopFactory
from vouchers import ledger, selling
from vouchers.models import Participation, Programme, ProgrammeStatus


def programme(*, bonus_percent="20", bonus_budget="10000", bonus_cap=None, fixed_values=(), today=None, **fields) -> Programme:
    today = today or timezone.localdate()
    values = dict(
        name="Bons d'achat du Pays gapençais", slug=f"pays-gapencais-{Programme.objects.count() + 1}",
        funder_name="Communauté d'agglomération Gap-Tallard-Durance", funder_kind="intercommunality",
        status=ProgrammeStatus.PUBLISHED, department_codes=["05"], fixed_values=[str(value) for value in fixed_values],
        bonus_percent=Decimal(bonus_percent), bonus_budget=Decimal(bonus_budget),
        bonus_cap=Decimal(bonus_cap) if bonus_cap is not None else None,
        sale_starts_on=today - datetime.timedelta(days=10), sale_ends_on=today + datetime.timedelta(days=50),
        valid_until=today + datetime.timedelta(days=180), terms="Valable chez les artisans participants.",
    )
    values.update(fields)
    return Programme.objects.create(**values)


def participating(programme_, *shops) -> None:
    for shop in shops:
        Participation.objects.create(programme=programme_, shop=shop)


def paid_voucher(programme_, buyer, face_value="20.00", **options):
    voucher = selling.start_purchase(programme_, buyer, Decimal(face_value), **options)
    return ledger.credit_purchase(voucher, payment_intent_id=f"pi_test_{voucher.pk}")


# Fixtures shared by the voucher tests (imported by name in each module).

@pytest.fixture
def clock(time_machine):
    """A Tuesday in March 2027, 11:00 in Paris; the programmes' dates are set from it."""
    time_machine.move_to(datetime.datetime(2027, 3, 9, 10, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def bakery():
    return ShopFactory(partner__name="Au Fournil de Gap")


@pytest.fixture
def gapencais(clock, bakery):
    """« Bons d'achat du Pays gapençais »: +20 %, a 10 000 € budget, the bakery taking part."""
    territory = programme(bonus_percent="20", bonus_budget="10000")
    participating(territory, bakery)
    return territory
