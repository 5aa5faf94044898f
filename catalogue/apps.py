import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Forked to add the artisan product flags (perishable, made to order) that checkout's withdrawal notice reads."""

    name = "catalogue"
