"""The marketplace's one CSV writer: what a spreadsheet opening its files gets."""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from marketplace.csv_export import SpreadsheetWriter, attachment_filename, cell, csv_response

HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "=cmd|' /C calc'!A0",
    " =1+1",  # an importer that trims spaces would find the formula
    "\u00a0 +1",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_text_that_would_run_as_a_formula_is_shown_as_text(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Pain de campagne", "Crème brûlée à 12 €", "'déjà cité", "1+1=2", "", "  ", "A-1 @ 2"])
def test_other_text_is_written_as_given(text):
    assert cell(text) == text


def test_typed_values_are_written_as_a_french_spreadsheet_reads_them():
    paris = ZoneInfo("Europe/Paris")
    # Numbers keep their sign: a negative amount that is really a number stays a number.
    assert cell(Decimal("-3.00")) == "-3,00"
    assert cell(Decimal("1234567.5")) == "1234567,5"  # no thousands separator
    assert cell(Decimal("1E+2")) == "100"  # never an exponent
    assert cell(-7) == "-7"
    assert cell(2.5) == "2,5"
    assert cell(None) == ""
    assert cell(datetime.date(2026, 3, 29)) == "2026-03-29"
    # An aware time in Paris time, whatever zone it was given in.
    assert cell(datetime.datetime(2026, 3, 29, 1, 30, tzinfo=datetime.timezone.utc)) == "2026-03-29 03:30"
    assert cell(datetime.datetime(2026, 3, 28, 23, 0, tzinfo=paris)) == "2026-03-28 23:00"
    with translation.override("fr"):
        assert (cell(True), cell(False)) == ("oui", "non")


def test_the_writer_uses_semicolons_crlf_and_quotes_what_needs_it():
    stream = io.StringIO()
    writer = SpreadsheetWriter(stream)
    writer.writerow(["Réf", "Titre", "Prix"])
    writer.writerows([["A;1", 'Le "bon" pain\nde 1 kg', Decimal("4.50")], ["B", "=1+1", Decimal("-1")]])
    assert stream.getvalue() == 'Réf;Titre;Prix\r\n"A;1";"Le ""bon"" pain\nde 1 kg";4,50\r\nB;\'=1+1;-1\r\n'
    assert list(csv.reader(io.StringIO(stream.getvalue(), newline=""), delimiter=";")) == [
        ["Réf", "Titre", "Prix"], ["A;1", 'Le "bon" pain\nde 1 kg', "4,50"], ["B", "'=1+1", "-1"],
    ]


def test_a_response_is_utf8_with_its_bom_and_round_trips_accents():
    response = csv_response("Ventes d'été", ["Nom", "Montant"], [["« é ç € »", Decimal("11.20")], ["@SUM(1)", 3]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ventes-dete.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=";")) == [
        ["Nom", "Montant"], ["« é ç € »", "11,20"], ["'@SUM(1)", "3"],
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("statistiques-department-2026-03-01-2026-03-31.csv", "statistiques-department-2026-03-01-2026-03-31.csv"),
        ("../../etc/passwd", "etcpasswd.csv"),
        ('produits "2026".CSV', "produits-2026.csv"),
        ("a\r\nContent-Type: text/html", "a-content-type-texthtml.csv"),
        ("€€€", "export.csv"),
        ("x" * 300, "x" * 100 + ".csv"),
    ],
)
def test_file_names_are_plain_ascii(given, expected):
    assert attachment_filename(given) == expected
