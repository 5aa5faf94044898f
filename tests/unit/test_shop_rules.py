import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from shops.richtext import sanitize_story, story_html
from shops.validators import french_vat_number, validate_french_vat_number, validate_siren, validate_siret
from themes.colours import contrast_ratio, darker_shade


@pytest.mark.parametrize(
    "siret",
    ["73282932000074", "732 829 320 00074", "35600000000048", "35600000049837", "44306184100047"],
)
def test_valid_siret(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "code"),
    [
        ("73282932000075", "siret_checksum"),  # one digit off: the Luhn checksum fails
        ("7328293200007", "siret_length"),
        ("7328293200007A", "siret_length"),
        ("", "siret_length"),
        ("12345678900017", "siret_checksum"),
    ],
)
def test_invalid_siret_gets_a_reason_in_french(siret, code):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.error_list[0].code == code
    with translation.override("en"):
        english = str(error.value.error_list[0].message)
    assert "SIRET" in error.value.messages[0] and error.value.messages[0] != english


@pytest.mark.parametrize("siren", ["732829320", "443061841", "552100554", "356000000"])
def test_valid_siren(siren):
    validate_siren(siren)


@pytest.mark.parametrize("siren", ["732829321", "44306184", "abcdefghi", "4430618410"])
def test_invalid_siren(siren):
    with pytest.raises(ValidationError):
        validate_siren(siren)


def test_vat_number_key_is_computed_from_the_siren():
    assert french_vat_number("303265045") == "FR40303265045"
    assert french_vat_number("443061841") == "FR64443061841"
    validate_french_vat_number("FR 40 303 265 045")
    validate_french_vat_number("FR40303265045", siren="303265045")
    for wrong in ("FR41303265045", "DE40303265045", "FR403032650"):
        with pytest.raises(ValidationError):
            validate_french_vat_number(wrong)
    with pytest.raises(ValidationError) as error:
        validate_french_vat_number("FR40303265045", siren="443061841")
    assert error.value.error_list[0].code == "vat_siren" and "443061841" in error.value.messages[0]


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#f4c542", "#ffcc00", "#7fb3d5", "#ffffff", "#e07a1f"])
def test_darker_shade_reaches_the_minimum_contrast_with_the_same_hue(colour):
    suggestion = darker_shade(colour)
    assert contrast_ratio(suggestion, "#ffffff") >= 4.5
    # Only just: one step lighter would not reach it.
    assert contrast_ratio(suggestion, "#ffffff") < 5.2 or colour == "#ffffff"


def test_story_keeps_allowed_formatting_and_drops_everything_else():
    html = (
        '<p onclick="steal()">Pains <strong>au levain</strong> <script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a> <a href="https://example.fr">site</a></p>'
        '<img src=x onerror=alert(1)><iframe src="https://evil"></iframe><style>body{}</style>'
    )
    cleaned = sanitize_story(html)
    assert "<strong>au levain</strong>" in cleaned
    assert '<a href="https://example.fr" rel="nofollow noopener noreferrer">site</a>' in cleaned
    for forbidden in ("script", "onclick", "javascript:", "<img", "iframe", "<style", "onerror"):
        assert forbidden not in cleaned


def test_plain_text_story_becomes_paragraphs_without_double_escaping():
    assert story_html("Pain & vin\n\nDepuis 1982") == "<p>Pain &amp; vin</p>\n\n<p>Depuis 1982</p>"
    assert story_html(story_html("Pain & vin")) == story_html("Pain & vin")
