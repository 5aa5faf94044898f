from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet


class MarketplaceProductQuerySet(ProductQuerySet):
    def visible(self):
        """Products the public may see: public, and sold by a shop the chamber approved."""
        # EXISTS rather than a join: no duplicate rows, and PostgreSQL can walk an index on the
        # product table (newest first, say) and stop at the LIMIT.
        stock_of_approved_shop = apps.get_model("partner", "StockRecord").objects.filter(
            product=models.OuterRef("pk"), partner__shop__status="approved"
        )
        return self.filter(models.Exists(stock_of_approved_shop), is_public=True)


class Product(AbstractProduct):
    # French consumer law (art. L221-28 of the Code de la consommation) removes the 14-day
    # withdrawal right for these two kinds of goods; checkout states it per line.
    is_perishable = models.BooleanField(
        _("perishable"),
        default=False,
        help_text=_("Goods that deteriorate or expire quickly (bread, cheese, meat…)."),
    )
    is_made_to_order = models.BooleanField(
        _("made to order"),
        default=False,
        help_text=_("Made to the customer's specifications or clearly personalised."),
    )

    objects = MarketplaceProductQuerySet.as_manager()


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
