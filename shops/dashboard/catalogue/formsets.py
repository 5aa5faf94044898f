"""Oscar's product formsets; the recommendations formset hands the user to its forms, which offer
only the products that user may attach (see forms.ProductRecommendationForm)."""

from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F401,F403


class ProductRecommendationFormSet(oscar_formsets.ProductRecommendationFormSet):
    def __init__(self, product_class, user, *args, **kwargs):
        self.user = user
        super().__init__(product_class, user, *args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "user": self.user}
