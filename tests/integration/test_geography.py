import gzip
import math

import pytest
from django.conf import settings
from django.core.management import call_command

from geography.distance import GeoPoint, annotate_distance, haversine_km
from geography.importer import GazetteerError, import_communes
from geography.lookup import PlaceNotFound, autocomplete, resolve_insee_code, resolve_place
from geography.models import Commune, CommunePostcode
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_import_reads_every_row_and_a_second_run_changes_nothing(communes_imported, capsys):
    assert Commune.objects.count() == 35008
    gap = Commune.objects.get(insee_code="05061")
    assert (gap.name, gap.department_code, gap.latitude, gap.longitude) == ("Gap", "05", 44.55858, 6.07868)
    assert Commune.objects.get(insee_code="2A004").department_code == "2A"  # Corsica keeps its letters
    assert Commune.objects.filter(is_arrondissement=True).count() == 45
    links_before = CommunePostcode.objects.count()

    report = import_communes(settings.COMMUNES_DATA_FILE)

    assert report.communes_created == 0
    assert report.postcode_links_created == report.postcode_links_removed == 0
    assert CommunePostcode.objects.count() == links_before
    call_command("import_communes")
    assert "0 new" in capsys.readouterr().out


def test_import_repairs_a_changed_row(communes_imported):
    Commune.objects.filter(insee_code="05061").update(name="Gapp", latitude=0)
    CommunePostcode.objects.filter(commune__insee_code="05061").delete()
    import_communes(settings.COMMUNES_DATA_FILE)
    gap = Commune.objects.get(insee_code="05061")
    assert (gap.name, gap.latitude) == ("Gap", 44.55858)
    assert list(gap.postcode_links.values_list("postcode", flat=True)) == ["05000"]


def test_import_rejects_a_file_that_is_not_the_gazetteer(tmp_path):
    path = tmp_path / "wrong.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("code,label\n1,2\n")
    with pytest.raises(GazetteerError, match="missing columns"):
        import_communes(path)
    assert not Commune.objects.filter(insee_code="1").exists()


@pytest.mark.parametrize(
    ("text", "expected_insee_code"),
    [
        ("05000", "05061"),  # Gap, the most populous of the communes sharing 05000
        ("Gap (05000)", "05061"),
        ("05000 gap", "05061"),
        ("gap", "05061"),
        ("GAP", "05061"),
        ("La Freissinouse (05000)", "05059"),  # a small commune sharing Gap's postcode
        ("saint etienne", "42218"),  # accents and hyphens ignored
        ("Aix-en-Provence", "13001"),
        ("13001", "13201"),  # a postcode of Marseille: its 1st arrondissement, not Aix (INSEE 13001)
        ("moustiers ste marie", "04135"),
    ],
)
def test_resolve_place(communes_imported, text, expected_insee_code):
    assert resolve_place(text).commune.insee_code == expected_insee_code


def test_resolved_postcode_lists_the_other_communes_that_share_it(communes_imported):
    place = resolve_place("05000")
    alternatives = {commune.name for commune in place.alternatives}
    assert {"La Freissinouse", "Pelleautier", "La Bâtie-Vieille"} <= alternatives


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Indiquez un code postal ou une commune."),
        ("99999", "Code postal inconnu\xa0: 99999."),
        ("123", "Un code postal français compte cinq chiffres, par exemple 05000."),
        ("Zzyzx-sur-Mer", "Aucune commune ne s’appelle «\xa0Zzyzx-sur-Mer\xa0»."),
        ("x" * 500, "Un lieu compte au plus 100 caractères\xa0: indiquez un code postal ou une commune."),
    ],
)
def test_unknown_places_get_a_french_message(communes_imported, text, message):
    with pytest.raises(PlaceNotFound) as error:
        resolve_place(text)
    assert str(error.value) == message


def test_resolve_insee_code(communes_imported):
    assert resolve_insee_code("13001").commune.name == "Aix-en-Provence"
    assert resolve_insee_code("2a004").commune.department_code == "2A"
    for bad in ("99999", "abc", "<script>"):
        with pytest.raises(PlaceNotFound):
            resolve_insee_code(bad)


def test_autocomplete_by_name_prefix_postcode_prefix_and_inner_word(communes_imported):
    names = [commune.name for commune in autocomplete("aix en")]
    assert names[0] == "Aix-en-Provence"  # the most populous first
    assert all(name.lower().startswith("aix-en") for name in names)
    assert autocomplete("050")[0].name == "Gap"
    assert "Saint-Étienne" in [commune.name for commune in autocomplete("etienne")]
    assert [commune.name for commune in autocomplete("Gâp")][0] == "Gap"
    assert autocomplete("g") == []  # too short to be useful
    assert autocomplete("x" * 5000) == []


def test_orm_distance_matches_python_haversine(communes_imported):
    gap = GeoPoint(44.55858, 6.07868)
    communes = annotate_distance(Commune.objects.filter(department_code__in=["04", "05", "13", "2A"]), gap)
    checked = 0
    for commune in communes.iterator():
        expected = haversine_km(gap, GeoPoint(commune.latitude, commune.longitude))
        assert math.isclose(commune.distance_km, expected, rel_tol=1e-9, abs_tol=1e-6)
        checked += 1
    assert checked > 500


def test_radius_keeps_19_9_km_and_drops_20_1_km():
    center = GeoPoint(44.0, 6.0)
    kilometre_in_latitude = 1 / (math.pi * 6371.0088 / 180)
    inside = CommuneFactory(name="Dedans", latitude=44.0 + 19.9 * kilometre_in_latitude, longitude=6.0)
    outside = CommuneFactory(name="Dehors", latitude=44.0 - 20.1 * kilometre_in_latitude, longitude=6.0)
    east = CommuneFactory(name="Est", latitude=44.0, longitude=6.0 + 0.2495)  # about 19.96 km east
    assert haversine_km(center, GeoPoint(east.latitude, east.longitude)) < 20

    candidates = Commune.objects.filter(pk__in=[inside.pk, outside.pk, east.pk])  # not the real gazetteer
    found = annotate_distance(candidates, center, radius_km=20).order_by("distance_km")

    assert [commune.name for commune in found] == ["Dedans", "Est"]
    assert found[0].distance_km == pytest.approx(19.9, abs=1e-6)
    assert outside not in found
    assert inside in found
