"""Territory gift vouchers: the funder's bonus within its budget, the purchase limit, and the ledger
(purchase, bonus, redemption, refund, expiry, withdrawal), never spending the same euro twice."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from shops.models import ShopStatus
from tests.factories import ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, participating, programme
from tests.integration.vouchers_support import clock, bakery, gapencais  # noqa: F401 (fixtures)
from vouchers import codes, ledger, selling
from vouchers.models import Movement, MovementKind, Programme, Voucher, VoucherStatus

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_20_euro_voucher_receives_the_20_percent_bonus(gapencais):
    buyer = UserFactory()
    voucher = paid_voucher(gapencais, buyer, "20.00")
    assert (voucher.status, voucher.face_value, voucher.bonus, voucher.balance()) == (VoucherStatus.ACTIVE, D("20.00"), D("4.00"), D("24.00"))
    assert [(m.kind, m.amount) for m in voucher.movements.all()] == [(MovementKind.PURCHASE, D("20.00")), (MovementKind.BONUS, D("4.00"))]
    gapencais.refresh_from_db()
    assert gapencais.bonus_committed == D("4.00")


def test_the_bonus_is_capped_per_voucher_and_rounded_to_the_cent(clock):
    territory = programme(bonus_percent="12.5", bonus_cap="15")
    assert selling.bonus_for(territory, D("33.33")) == D("4.17")
    assert selling.bonus_for(territory, D("200.00")) == D("15.00")


def test_sales_with_bonus_stop_cleanly_when_the_budget_is_spent(clock):
    territory = programme(bonus_percent="50", bonus_budget="25")
    buyer = UserFactory()
    first = paid_voucher(territory, buyer, "40.00")
    assert first.bonus == D("20.00")
    # 5 € left: the next voucher's 10 € bonus cannot be covered, it is sold without one (the quote says so).
    offer = selling.quote(Programme.objects.get(pk=territory.pk), D("20.00"))
    assert offer.bonus == 0 and offer.budget_spent
    second = paid_voucher(territory, buyer, "20.00")
    assert second.bonus == 0 and second.balance() == D("20.00")
    # A 10 € voucher's 5 € bonus still fits exactly.
    third = paid_voucher(territory, buyer, "10.00")
    assert third.bonus == D("5.00")
    territory.refresh_from_db()
    assert territory.bonus_committed == territory.bonus_budget == D("25.00")


def test_the_database_refuses_a_bonus_beyond_the_budget(clock):
    territory = programme(bonus_budget="10")
    with pytest.raises(IntegrityError):
        Programme.objects.filter(pk=territory.pk).update(bonus_committed=D("10.01"))


def test_a_payment_that_never_comes_gives_the_bonus_back(gapencais):
    voucher = selling.start_purchase(gapencais, UserFactory(), D("50.00"))
    gapencais.refresh_from_db()
    assert gapencais.bonus_committed == D("10.00")
    selling.cancel_unpaid(voucher)
    selling.cancel_unpaid(voucher)  # twice: once
    gapencais.refresh_from_db()
    assert gapencais.bonus_committed == 0 and voucher.status == VoucherStatus.CANCELLED
    assert voucher.balance() == 0


@pytest.mark.parametrize("fixed, amount, words", [
    ((), "5.00", "entre 10,00"),
    ((), "250.00", "entre 10,00"),
    (("20", "50"), "30.00", "20,00\u00a0€, 50,00\u00a0€"),
])
def test_amounts_outside_the_programme_are_refused(clock, fixed, amount, words):
    territory = programme(fixed_values=fixed)
    with pytest.raises(ledger.VoucherRefused, match=words):
        selling.start_purchase(territory, UserFactory(), D(amount))


def test_the_purchase_limit_per_person(clock):
    territory = programme(purchase_limit=D("100"))
    buyer = UserFactory()
    paid_voucher(territory, buyer, "80.00")
    with pytest.raises(ledger.VoucherRefused, match="20,00"):
        selling.start_purchase(territory, buyer, D("30.00"))
    paid_voucher(territory, UserFactory(), "80.00")  # another person has their own limit


def test_no_sale_outside_the_sale_period_or_before_publication(clock):
    today = timezone.localdate()
    with pytest.raises(ledger.VoucherRefused):
        selling.start_purchase(programme(sale_starts_on=today + datetime.timedelta(days=1)), UserFactory(), D("20"))
    with pytest.raises(ledger.VoucherRefused):
        selling.start_purchase(programme(status="draft"), UserFactory(), D("20"))


def test_crediting_a_payment_twice_writes_once(gapencais):
    voucher = paid_voucher(gapencais, UserFactory())
    ledger.credit_purchase(voucher)
    assert voucher.movements.count() == 2 and voucher.balance() == D("24.00")


def test_spending_at_a_participating_shop(gapencais, bakery):
    voucher = paid_voucher(gapencais, UserFactory())
    receipt = ledger.redeem(voucher, D("15.00"), bakery, key="counter-1")
    assert receipt.balance_after == D("9.00") == voucher.balance()
    again = ledger.redeem(voucher, D("15.00"), bakery, key="counter-1")  # a double tap
    assert again.movement.pk == receipt.movement.pk and voucher.balance() == D("9.00")
    with pytest.raises(ledger.VoucherRefused, match="9,00"):
        ledger.redeem(voucher, D("9.01"), bakery, key="counter-2")
    ledger.redeem(voucher, D("9.00"), bakery, key="counter-3")
    assert voucher.balance() == 0


@pytest.mark.parametrize("which", ["not_participating", "excluded", "suspended"])
def test_a_shop_outside_the_programme_cannot_take_it(gapencais, bakery, which):
    voucher = paid_voucher(gapencais, UserFactory())
    shop = bakery
    if which == "not_participating":
        shop = ShopFactory(partner__name="Boucherie hors programme")
    elif which == "excluded":
        gapencais.participations.update(excluded_by_chamber=True)
    else:
        type(bakery).objects.filter(pk=bakery.pk).update(status=ShopStatus.SUSPENDED)
        shop.refresh_from_db()
    with pytest.raises(ledger.VoucherRefused):
        ledger.redeem(voucher, D("5.00"), shop, key="x")
    assert voucher.balance() == D("24.00")


def test_an_expired_voucher_cannot_be_spent_and_its_rest_expires(gapencais, bakery, time_machine):
    voucher = paid_voucher(gapencais, UserFactory())
    ledger.redeem(voucher, D("4.00"), bakery, key="a")
    after_end = voucher.expires_on + datetime.timedelta(days=1)
    with pytest.raises(ledger.VoucherRefused, match="expiré"):
        ledger.redeem(voucher, D("1.00"), bakery, key="b", today=after_end)
    assert ledger.expire(voucher, today=voucher.expires_on) is None  # its last day: still valid
    movement = ledger.expire(voucher, today=after_end)
    assert movement.amount == D("-20.00")
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.EXPIRED and voucher.balance() == 0
    assert ledger.expire(voucher, today=after_end) is None


def test_a_cancelled_order_puts_the_money_back_at_most_what_it_took(gapencais, bakery):
    voucher = paid_voucher(gapencais, UserFactory())
    receipt = ledger.redeem(voucher, D("10.00"), bakery, key="order-1")
    ledger.put_back(receipt.movement, D("4.00"), key="refund-1")
    ledger.put_back(receipt.movement, D("4.00"), key="refund-1")  # retried: once
    ledger.put_back(receipt.movement, D("50.00"), key="refund-2")  # no more than the 6 € left of it
    assert voucher.balance() == D("24.00")
    assert ledger.put_back(receipt.movement, D("1.00"), key="refund-3") is None


def test_no_money_comes_back_after_the_end_date(gapencais, bakery):
    voucher = paid_voucher(gapencais, UserFactory())
    receipt = ledger.redeem(voucher, D("10.00"), bakery, key="order-1")
    assert ledger.put_back(receipt.movement, D("10.00"), key="late", today=voucher.expires_on + datetime.timedelta(days=1)) is None
    assert voucher.balance() == D("14.00")


def test_withdrawal_within_14_days_of_an_unused_voucher(gapencais, bakery, time_machine):
    buyer = UserFactory()
    unused = paid_voucher(gapencais, buyer)
    ledger.withdraw(unused, buyer)
    unused.refresh_from_db()
    assert unused.status == VoucherStatus.WITHDRAWN and unused.balance() == 0
    gapencais.refresh_from_db()
    assert gapencais.bonus_committed == 0  # the bonus goes back to the budget
    used = paid_voucher(gapencais, buyer)
    ledger.redeem(used, D("1.00"), bakery, key="used")
    with pytest.raises(ledger.VoucherRefused, match="utilisé"):
        ledger.withdraw(used, buyer)
    late = paid_voucher(gapencais, buyer)
    with pytest.raises(ledger.VoucherRefused, match="14"):
        ledger.withdraw(late, buyer, now=timezone.now() + datetime.timedelta(days=15))


def test_a_movement_is_never_changed_or_deleted_and_its_sign_is_checked(gapencais, bakery):
    voucher = paid_voucher(gapencais, UserFactory())
    movement = voucher.movements.first()
    with pytest.raises(ValueError):
        movement.save()
    with pytest.raises(ValueError):
        movement.delete()
    with pytest.raises(IntegrityError):
        Movement.objects.create(voucher=voucher, kind=MovementKind.REDEMPTION, amount=D("5.00"), shop=bakery, idempotency_key="wrong-sign")


def test_codes_carry_80_random_bits_and_read_back_however_typed():
    assert codes.RANDOM_BITS >= 80
    code = codes.new_code()
    assert len(code) == codes.LENGTH and not set(code) & set("01OIL")
    shown = codes.display(code)
    assert codes.normalise(shown.lower().replace("-", " ")) == code
    assert codes.normalise(codes.qr_payload(code)) == code
    assert codes.normalise("ABC") is None and codes.normalise("0" * 18) is None
    assert len({codes.new_code() for _ in range(1000)}) == 1000


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_redemptions_never_spend_the_same_euro():
    territory = programme()
    bakery = ShopFactory()
    participating(territory, bakery)
    voucher = paid_voucher(territory, UserFactory(), "20.00")  # 24 € with the bonus
    barrier = threading.Barrier(20)
    outcomes = []

    def spend(index):
        try:
            barrier.wait()
            ledger.redeem(Voucher.objects.get(pk=voucher.pk), D("5.00"), bakery, key=f"concurrent-{index}")
            outcomes.append("spent")
        except ledger.VoucherRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=spend, args=(index,)) for index in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 16 + ["spent"] * 4
    assert voucher.balance() == D("4.00")
