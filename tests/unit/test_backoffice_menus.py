"""Every entry of the back-offices' menus leads to a screen that exists."""

import pytest
from django.urls import reverse

from chamber.menu import CHAMBER_MENU
from shops.artisan_menu import EVERY_SHOP, SELLING_SHOP, SETTINGS


@pytest.mark.parametrize("entry", [*EVERY_SHOP, *SELLING_SHOP, *SETTINGS, *CHAMBER_MENU], ids=lambda entry: entry.url_name)
def test_every_menu_entry_resolves(entry):
    assert reverse(entry.url_name)
