from django.db import models
from django.utils.translation import gettext_lazy as _


class CoordinateSource(models.TextChoices):
    """How a commune's point was obtained: a precision flag (see data/README.md)."""

    GEONAMES = "geonames", _("own point")
    POSTCODE = "postcode", _("point of a neighbour sharing its postcode (about 5 km)")
    EPCI = "epci", _("point of its intercommunality (about 9 km)")
    DEPARTMENT = "department", _("point of its department's prefecture")


class CommuneQuerySet(models.QuerySet):
    def with_postcode(self, postcode: str) -> "CommuneQuerySet":
        return self.filter(postcode_links__postcode=postcode)

    def most_relevant_first(self) -> "CommuneQuerySet":
        # Arrondissements are more precise than their city's row, and a big town is the likelier
        # meaning of an ambiguous postcode or name.
        return self.order_by("-is_arrondissement", "-population", "name")


class Commune(models.Model):
    """A French commune (or a Paris/Lyon/Marseille arrondissement) with one WGS84 point."""

    insee_code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    search_name = models.CharField(
        _("normalised name"), max_length=100, help_text=_("Lower case, without accents or hyphens.")
    )
    postcodes = models.CharField(_("postcodes"), max_length=200, help_text=_("Separated by spaces."))
    department_code = models.CharField(_("department code"), max_length=3, db_index=True)
    department_name = models.CharField(_("department"), max_length=100)
    region_code = models.CharField(_("region code"), max_length=3)
    region_name = models.CharField(_("region"), max_length=100)
    population = models.PositiveIntegerField(_("population"), default=0)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    coordinate_source = models.CharField(
        _("coordinate source"), max_length=12, choices=CoordinateSource.choices
    )
    is_arrondissement = models.BooleanField(_("municipal arrondissement"), default=False)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="commune_position"),
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%' whatever the
            # collation; other databases ignore the operator class.
            models.Index(fields=["search_name"], name="commune_search_name", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.main_postcode})"

    @property
    def main_postcode(self) -> str:
        return self.postcodes.split(" ", 1)[0] if self.postcodes else ""

    @property
    def label(self) -> str:
        """The text autocomplete offers and the place lookup reads back: "Gap (05000)"."""
        return str(self)


class CommunePostcode(models.Model):
    """One La Poste postcode of a commune: a postcode may serve several communes, and vice versa."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postcode_links")
    postcode = models.CharField(_("postcode"), max_length=5)

    class Meta:
        verbose_name = _("commune postcode")
        verbose_name_plural = _("commune postcodes")
        constraints = [
            models.UniqueConstraint(fields=["commune", "postcode"], name="commune_postcode_unique"),
        ]
        indexes = [
            models.Index(fields=["postcode"], name="commune_postcode", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.commune.name}"
