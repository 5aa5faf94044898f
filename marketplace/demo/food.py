"""Food information for the demo's food products (EU regulation 1169/2011; catalogue/food.py).

A plausible composition per trade and category, so that a demo product page shows its
« Composition et conservation » section: invented for the demonstration, like the shops, and
declaring every allergen a real product of the kind usually holds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoFood:
    ingredients: str
    allergens: tuple[str, ...]
    net_quantity: str
    storage: str


_FRIDGE_3_DAYS = "Au réfrigérateur, entre 0 et 4 °C ; à consommer dans les 3 jours."
_FRIDGE_2_DAYS = "Au réfrigérateur, entre 0 et 4 °C ; à consommer dans les 48 heures."
_DRY = "Au sec, à l'abri de la chaleur et de la lumière ; à consommer de préférence dans les 3 mois."

# (trade, category) first, then the trade's default (category "").
_FOOD: dict[tuple[str, str], DemoFood] = {
    ("boulangerie", ""): DemoFood("Farine de blé, eau, levain naturel, sel de Camargue", ("gluten",), "400 g",
                                  "Dans un torchon, à l'abri de l'air ; à consommer dans les 3 jours."),
    ("boulangerie", "Viennoiseries"): DemoFood("Farine de blé, beurre (lait), eau, sucre, œufs, levure, sel",
                                               ("gluten", "milk", "eggs"), "70 g", "À température ambiante ; à consommer le jour même."),
    ("boulangerie", "Spécialités provençales"): DemoFood(
        "Farine de blé, huile d'olive, eau, sucre, fleur d'oranger, amandes, œufs, levure, sel", ("gluten", "eggs", "nuts"), "300 g",
        "Dans une boîte, à l'abri de l'air ; à consommer dans la semaine."),
    ("patisserie", ""): DemoFood("Farine de blé, beurre (lait), sucre, œufs, crème (lait), amandes", ("gluten", "milk", "eggs", "nuts"),
                                 "", _FRIDGE_2_DAYS),
    ("patisserie", "Biscuits et douceurs"): DemoFood("Farine de blé, beurre (lait), sucre, œufs, amandes, sel",
                                                     ("gluten", "milk", "eggs", "nuts"), "200 g", _DRY),
    ("patisserie", "Spécialités provençales"): DemoFood("Amandes, sucre, melon confit, farine de blé, blancs d'œufs, fleur d'oranger",
                                                        ("nuts", "gluten", "eggs"), "200 g", _DRY),
    ("boucherie-charcuterie", ""): DemoFood("Viande née, élevée et abattue en France", (), "", _FRIDGE_3_DAYS),
    ("boucherie-charcuterie", "Charcuterie maison"): DemoFood("Viande de porc, sel, poivre, ail, vin blanc (sulfites), épices",
                                                              ("sulphites",), "250 g", _FRIDGE_3_DAYS),
    ("boucherie-charcuterie", "Plats cuisinés"): DemoFood(
        "Viande de bœuf, vin rouge (sulfites), carottes, oignons, céleri, farine de blé, huile d'olive, thym, sel, poivre",
        ("sulphites", "celery", "gluten"), "500 g", _FRIDGE_3_DAYS),
    ("fromagerie", ""): DemoFood("Lait cru, ferments lactiques, présure, sel", ("milk",), "",
                                 "Au réfrigérateur, dans son papier ; à consommer dans les 10 jours."),
    ("fromagerie", "Plateaux et épicerie"): DemoFood("Fromages au lait cru (lait), fruits secs (noix, amandes), confiture de figues",
                                                     ("milk", "nuts"), "", _FRIDGE_3_DAYS),
    ("chocolaterie", ""): DemoFood(
        "Chocolat noir 70 % (fèves de cacao, sucre, beurre de cacao, émulsifiant : lécithine de soja), crème (lait), beurre, noisettes",
        ("soybeans", "milk", "nuts"), "150 g", "Entre 15 et 18 °C, à l'abri de la lumière ; à consommer dans les 3 semaines."),
    ("chocolaterie", "Tablettes"): DemoFood(
        "Fèves de cacao, sucre, beurre de cacao, lait entier en poudre, émulsifiant : lécithine de soja ; traces de fruits à coque",
        ("milk", "soybeans", "nuts"), "100 g", "Entre 15 et 18 °C, à l'abri de la lumière ; à consommer de préférence dans les 12 mois."),
    ("miellerie", ""): DemoFood("Miel (100 %), récolté et mis en pot par l'apiculteur", (), "250 g",
                                "À température ambiante, à l'abri de l'humidité ; à consommer de préférence dans les 2 ans."),
    ("miellerie", "Douceurs au miel"): DemoFood("Miel (40 %), amandes, sucre, blancs d'œufs, pain azyme (fécule de pomme de terre)",
                                                ("nuts", "eggs"), "200 g", _DRY),
    ("brasserie-artisanale", ""): DemoFood("Eau, malt d'orge, houblon, levure. Alcool : 5,5 % vol.", ("gluten",), "33 cl",
                                           "Au frais et à l'abri de la lumière ; à consommer de préférence dans l'année."),
    ("moulin-a-huile", ""): DemoFood("Huile d'olive vierge extra, obtenue directement des olives par des procédés mécaniques", (),
                                     "50 cl", "À l'abri de la lumière et de la chaleur ; à consommer de préférence dans les 18 mois."),
    ("moulin-a-huile", "Olives et tapenades"): DemoFood("Olives noires, câpres, huile d'olive, anchois (poisson), ail, herbes de Provence",
                                                        ("fish",), "90 g", "Après ouverture, au réfrigérateur ; à consommer dans les 10 jours."),
}


def demo_food(trade_code: str, category: str) -> dict:
    """The food fields of a demo product (none for a craft), as Product keyword arguments."""
    food = _FOOD.get((trade_code, category)) or _FOOD.get((trade_code, ""))
    if food is None:
        return {}
    return {
        "ingredients": food.ingredients,
        "allergens": list(food.allergens),
        "net_quantity": food.net_quantity,
        "storage_instructions": food.storage,
    }
