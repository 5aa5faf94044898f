"""The living style page: every token and component of the design system, for the chamber's staff."""

from django.contrib.auth.decorators import user_passes_test
from django.core.paginator import Paginator
from django.shortcuts import render

from shops.roles import can_review_shops

from . import tokens


def is_staff_of_the_chamber(user) -> bool:
    return user.is_authenticated and (user.is_staff or can_review_shops(user))


@user_passes_test(is_staff_of_the_chamber)
def style_page(request):
    from catalogue.models import Product
    from shops.models import Shop

    colours = [(name, value) for name, value in tokens.token_group("color-").items()]
    context = {
        "colours": colours,
        "pairs": tokens.text_pairs(),
        "type_steps": list(tokens.token_group("step-").items()),
        "spaces": list(tokens.token_group("space-").items()),
        "radii": list(tokens.token_group("radius-").items()),
        "shadows": list(tokens.token_group("shadow-").items()),
        "fonts": list(tokens.token_group("font-").items()),
        "sample_products": list(Product.objects.browsable()[:2]),
        "sample_shop": Shop.objects.select_related("commune").first(),
        "sample_page": Paginator(range(60), 12).page(2),
    }
    return render(request, "themes/style_page.html", context)
