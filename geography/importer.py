"""Load the communes gazetteer (data/fr_communes.csv.gz) into the database, idempotently."""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Commune, CommunePostcode
from .text import normalize

BATCH_SIZE = 2000
_UPDATED_FIELDS = [
    "name",
    "search_name",
    "postcodes",
    "department_code",
    "department_name",
    "region_code",
    "region_name",
    "population",
    "latitude",
    "longitude",
    "coordinate_source",
    "is_arrondissement",
]


class GazetteerError(Exception):
    """The file is not the gazetteer the importer expects."""


@dataclass(frozen=True)
class ImportReport:
    communes_in_file: int
    communes_created: int
    postcode_links_created: int
    postcode_links_removed: int


def _is_arrondissement(insee_code: str) -> bool:
    number = int(insee_code) if insee_code.isdigit() else 0
    return 75101 <= number <= 75120 or 69381 <= number <= 69389 or 13201 <= number <= 13216


def read_gazetteer(path: Path) -> list[Commune]:
    expected = {"insee_code", "name", "postcodes", "department_code", "latitude", "longitude", "coord_source"}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = expected - set(reader.fieldnames or [])
        if missing:
            raise GazetteerError(f"{path}: missing columns {', '.join(sorted(missing))}")
        communes = []
        for line_number, row in enumerate(reader, start=2):
            try:
                communes.append(
                    Commune(
                        insee_code=row["insee_code"],
                        name=row["name"],
                        search_name=normalize(row["name"]),
                        postcodes=row["postcodes"],
                        department_code=row["department_code"],
                        department_name=row["department_name"],
                        region_code=row["region_code"],
                        region_name=row["region_name"],
                        population=int(row["population"] or 0),
                        latitude=float(row["latitude"]),
                        longitude=float(row["longitude"]),
                        coordinate_source=row["coord_source"],
                        is_arrondissement=_is_arrondissement(row["insee_code"]),
                    )
                )
            except (KeyError, ValueError) as error:
                raise GazetteerError(f"{path}, line {line_number}: {error}") from error
    return communes


@transaction.atomic
def import_communes(path: Path) -> ImportReport:
    """Insert or update every commune of the file and its postcodes; running it again changes nothing.

    Communes that have left the file are kept: shops may still point to them.
    """
    communes = read_gazetteer(path)
    existing_before = Commune.objects.count()
    Commune.objects.bulk_create(
        communes,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["insee_code"],
        update_fields=_UPDATED_FIELDS,
    )
    id_by_insee_code = dict(Commune.objects.values_list("insee_code", "id"))

    wanted_links = {
        (id_by_insee_code[commune.insee_code], postcode)
        for commune in communes
        for postcode in commune.postcodes.split()
    }
    file_commune_ids = {id_by_insee_code[commune.insee_code] for commune in communes}
    existing_links = {
        (commune_id, postcode): link_id
        for link_id, commune_id, postcode in CommunePostcode.objects.filter(
            commune_id__in=file_commune_ids
        ).values_list("id", "commune_id", "postcode").iterator(chunk_size=BATCH_SIZE)
    }
    stale_link_ids = [link_id for key, link_id in existing_links.items() if key not in wanted_links]
    for start in range(0, len(stale_link_ids), BATCH_SIZE):
        CommunePostcode.objects.filter(id__in=stale_link_ids[start : start + BATCH_SIZE]).delete()
    new_links = [
        CommunePostcode(commune_id=commune_id, postcode=postcode)
        for commune_id, postcode in sorted(wanted_links - existing_links.keys())
    ]
    CommunePostcode.objects.bulk_create(new_links, batch_size=BATCH_SIZE)

    return ImportReport(
        communes_in_file=len(communes),
        communes_created=Commune.objects.count() - existing_before,
        postcode_links_created=len(new_links),
        postcode_links_removed=len(stale_link_ids),
    )
