import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Forked for the marketplace's pricing and availability strategy (prices include VAT; closed shops sell nothing)."""

    name = "shops.partner"
