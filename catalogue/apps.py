import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Forked to add the artisan product flags (perishable, made to order) that checkout's withdrawal notice reads."""

    name = "catalogue"

    def ready(self):
        super().ready()
        from . import menu  # noqa: F401  (connects the receivers that forget the cached menu)
