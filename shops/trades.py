"""The crafts a shop can practise. The codes appear in URLs, so they are French and stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Trade(models.TextChoices):
    BAKERY = "boulangerie", _("Bakery")
    PASTRY = "patisserie", _("Pastry shop")
    BUTCHER = "boucherie-charcuterie", _("Butcher and delicatessen")
    CHEESE = "fromagerie", _("Cheese shop")
    CHOCOLATE = "chocolaterie", _("Chocolate maker")
    HONEY = "miellerie", _("Honey farm")
    BREWERY = "brasserie-artisanale", _("Craft brewery")
    OLIVE_OIL = "moulin-a-huile", _("Olive oil mill")
    POTTERY = "poterie-ceramique", _("Pottery and ceramics")
    JEWELLERY = "bijouterie", _("Jewellery")
    CABINET_MAKING = "ebenisterie", _("Cabinet making")
    SOAP = "savonnerie", _("Soap maker")
    LEATHER = "maroquinerie", _("Leather goods")
    SEWING = "couture", _("Dressmaking")
    CUTLERY = "coutellerie", _("Cutlery")
    SANTONS = "santonnier", _("Santon maker")
    GLASS = "verrerie", _("Glassblowing")
