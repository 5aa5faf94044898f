import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app with the marketplace's views (label ``customer`` kept, so ``get_class`` finds them)."""

    name = "marketplace.customer"
