"""Wording: automatic teasers never end with « .. » or « .… »; a shop is named with its town in the
chamber's menus."""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from chamber.shop_choices import ShopChoiceField, shop_label
from geography.models import Commune
from marketplace.teasers import ELLIPSIS, teaser
from shops.models import Shop

Partner = get_model("partner", "Partner")

SENTENCES = "Pain au levain. Fait maison depuis 1987. Cuit au feu de bois, chaque matin."


@pytest.mark.parametrize("limit", range(4, len(SENTENCES) + 3))
def test_a_teaser_never_ends_with_a_doubled_stop_whatever_the_cut(limit):
    short = teaser(SENTENCES, limit)
    assert len(short) <= limit
    assert not short.endswith((".." , "." + ELLIPSIS, ELLIPSIS + ELLIPSIS, " " + ELLIPSIS, "," + ELLIPSIS))


def test_a_cut_just_after_a_full_stop_gives_the_ellipsis_alone():
    assert teaser(SENTENCES, 16) == "Pain au levain…"
    assert teaser(SENTENCES, 15) == "Pain au levain…"


def test_a_cut_falls_between_words():
    assert teaser("Un mot, puis un autre encore", 12) == "Un mot…"


def test_a_word_longer_than_half_the_teaser_is_cut_rather_than_dropped():
    assert teaser("Anticonstitutionnellement vôtre", 10) == "Anticonst…"


def test_a_short_text_is_kept_whole_with_its_stop():
    assert teaser("Pain au levain.", 200) == "Pain au levain."
    assert teaser("Pain au levain", 200) == "Pain au levain"


@pytest.mark.parametrize(("typed", "shown"), [
    ("Pain au levain..", "Pain au levain."),
    ("Pain au levain...", "Pain au levain…"),
    ("Pain au levain.…", "Pain au levain…"),
    ("Pain au levain…", "Pain au levain…"),
])
def test_a_sentence_typed_with_extra_stops_ends_with_one(typed, shown):
    assert teaser(typed, 200) == shown


def test_html_becomes_plain_text_with_paragraphs_apart():
    assert teaser("<p>Pain <strong>bio</strong>, levain.</p><p>Cuit au feu de bois.</p>", 200) == "Pain bio, levain. Cuit au feu de bois."
    assert teaser(None, 50) == ""
    assert teaser("   \n ", 50) == ""


def test_the_template_filter_is_the_same_function():
    from marketplace.templatetags.teasers import teaser as teaser_filter

    assert teaser_filter(SENTENCES, 16) == "Pain au levain…"
    assert teaser_filter(None) == ""


def _shop(name: str, town: str) -> Shop:
    return Shop(partner=Partner(name=name), commune=Commune(name=town, department_code="05"))


def test_a_shop_is_named_with_its_town():
    assert shop_label(_shop("Fournil des Écrins", "Briançon")) == "Fournil des Écrins — Briançon"


def test_two_shops_of_the_same_name_are_told_apart():
    field = ShopChoiceField(queryset=Shop.objects.none())
    labels = {field.label_from_instance(_shop("Le Fournil", town)) for town in ("Gap", "Embrun")}
    assert labels == {"Le Fournil — Gap", "Le Fournil — Embrun"}
