"""Sharing a voucher's balance out between the shops of a basket (vouchers.allocation.allocate)."""

from decimal import Decimal

import pytest

from vouchers.allocation import allocate

D = Decimal


def test_a_balance_larger_than_the_basket_pays_every_shop_in_full():
    assert allocate({3: D("10.00"), 1: D("4.50"), 2: D("7.25")}, D("40.00")) == {1: D("4.50"), 2: D("7.25"), 3: D("10.00")}


def test_a_short_balance_pays_the_shops_in_order_and_the_last_one_in_part():
    shares = allocate({3: D("10.00"), 1: D("4.50"), 2: D("7.25")}, D("15.00"))
    assert shares == {1: D("4.50"), 2: D("7.25"), 3: D("3.25")}
    assert list(shares) == [1, 2, 3]
    assert sum(shares.values()) == D("15.00")


def test_the_shares_add_up_to_the_cent():
    eligible = {key: D("0.01") * (key * 37 % 1000 + 1) for key in range(1, 60)}
    for balance in (D("0.01"), D("3.33"), D("99.99"), D("1000")):
        assert sum(allocate(eligible, balance).values()) == min(balance, sum(eligible.values()))


@pytest.mark.parametrize("eligible, balance", [({}, D("10")), ({1: D("5")}, D("0")), ({1: D("0"), 2: D("-3")}, D("10")), ({1: D("5")}, D("-1"))])
def test_nothing_to_pay_or_nothing_left_gives_no_share(eligible, balance):
    assert allocate(eligible, balance) == {}


def test_shops_with_nothing_eligible_are_skipped():
    assert allocate({1: D("0.00"), 2: D("6.00")}, D("5.00")) == {2: D("5.00")}


def test_the_result_does_not_depend_on_the_order_of_the_input():
    one = allocate({"b": D("5"), "a": D("5"), "c": D("5")}, D("7"))
    other = allocate({"c": D("5"), "a": D("5"), "b": D("5")}, D("7"))
    assert one == other == {"a": D("5.00"), "b": D("2.00")}
