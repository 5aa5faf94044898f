"""French typography in the French catalogue and the templates: a non-breaking space (U+00A0, or the
narrow U+202F) before « : ; ! ? » and inside « », never a plain space that lets the line break there.

What is not a French punctuation mark is left alone: the colon of an address (https://…), of a time
(8:00, %H:%M) or of a format specification ({value:.2f}), the question mark of a query string
(/search/?q=miel), the semicolon of an HTML entity (&amp;), anything inside a tag or a placeholder.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
NO_BREAK = "\u00a0\u202f"

# What is masked before looking at punctuation (replaced by a neutral letter, so that « %(name)s : »
# still needs its non-breaking space while the colon inside « %(time)s » or « {x:.2f} » is ignored).
MASKS = (
    re.compile(r"https?://\S+|mailto:\S+|tel:\S+"),  # addresses
    re.compile(r"<[^<>]*>"),  # tags and their attributes
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}"),  # Django template variables and tags
    re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]"),  # printf
    re.compile(r"\{[^{}\s]*\}"),  # str.format fields, {value:.2f} included
    re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"),  # HTML entities
)
# A high punctuation mark that ends a word or a clause: followed by a space, a closing mark or the end.
HIGH_MARK = re.compile(r"(?P<before>.?)(?P<mark>[:;!?])(?=$|[\s\u00a0\u202f»)\]\"'’.,<])", re.S)


def _masked(text: str) -> str:
    for pattern in MASKS:
        text = pattern.sub(lambda match: "x" * len(match.group()), text)
    return text


def _needs_no_break_space(masked: str, match: re.Match) -> bool:
    before, index = match.group("before"), match.start("mark")
    if not before or before in NO_BREAK or before in "!?":
        return False  # a mark opening the text, « ?! », or already right
    # Numbers typed as data: a time (8:00) or a band of the delivery fees (« 5: 2,00 »).
    return not (match.group("mark") == ":" and before.isdigit() and re.match(r" ?\d", masked[index + 1 :]))


def typography_faults(text: str) -> list[str]:
    """Where ``text`` breaks the rule, as short excerpts (empty when it follows it)."""
    masked = _masked(text)
    faults = []

    def excerpt(index: int) -> str:
        return text[max(0, index - 12) : index + 6].replace("\n", " ")

    for match in HIGH_MARK.finditer(masked):
        before, mark = match.group("before"), match.group("mark")
        index = match.start("mark")
        if not _needs_no_break_space(masked, match):
            continue
        faults.append(f"{'plain space' if before.isspace() else 'no space'} before « {mark} »: …{excerpt(index)}…")
    for match in re.finditer("«(.?)", masked):
        if match.group(1) not in NO_BREAK:
            faults.append(f"no non-breaking space after « « »: …{excerpt(match.start())}…")
    for match in re.finditer("(.?)»", masked):
        if match.group(1) not in NO_BREAK:
            faults.append(f"no non-breaking space before « » »: …{excerpt(match.start())}…")
    return faults


def with_no_break_spaces(text: str) -> str:
    """``text`` with its faults mended: the plain space before a high mark or inside « » becomes a
    non-breaking one, a missing one is added (used once to mend the catalogue; kept for the next time)."""
    masked = _masked(text)
    insert_before: set[int] = set()
    replace: set[int] = set()
    for match in HIGH_MARK.finditer(masked):
        before, index = match.group("before"), match.start("mark")
        if not _needs_no_break_space(masked, match):
            continue
        if before.isspace():
            replace.add(index - 1)
        else:
            insert_before.add(index)
    for match in re.finditer("«(.?)", masked):
        if match.group(1) == " ":
            replace.add(match.start() + 1)
        elif match.group(1) not in NO_BREAK:
            insert_before.add(match.start() + 1)
    for match in re.finditer("(.?)»", masked):
        if match.group(1) == " ":
            replace.add(match.start())
        elif match.group(1) not in NO_BREAK:
            insert_before.add(match.end() - 1)
    out = []
    for index, character in enumerate(text):
        if index in insert_before:
            out.append("\u00a0")
        out.append("\u00a0" if index in replace else character)
    return "".join(out)


@pytest.mark.parametrize(
    ("text", "faults"),
    [
        ("Adresse : 12 rue Carnot", 1),
        ("Adresse\u00a0: 12 rue Carnot", 0),
        ("Adresse\u202f: 12 rue Carnot", 0),
        ("Adresse: 12 rue Carnot", 1),
        ("Vraiment ?", 1),
        ("Vraiment\u00a0?!", 0),
        ("Merci !", 1),
        ("un ; deux", 1),
        ("le bouton « Payer »", 2),
        ("le bouton «\u00a0Payer\u00a0»", 0),
        ("le bouton «Payer»", 2),
        ("Voir https://example.fr/a?b=c:d ou mailto:x@example.fr", 0),
        ("Ouvert de 8:00 à 12:30, format %H:%M, par exemple « 5: 2,00 »", 2),
        ("Total {total:.2f} et /search/?q=miel&amp;radius=20", 0),
        ("%(count)s produit : voir", 1),
        ('<a href="/x?y=1" class="a:b">lien</a>', 0),
        ("Étape\u00a0: {{ step }}", 0),
    ],
)
def test_the_rule_is_told_precisely(text, faults):
    assert len(typography_faults(text)) == faults, typography_faults(text)
    mended = with_no_break_spaces(text)
    assert typography_faults(mended) == []
    assert mended.replace("\u00a0", "").replace(" ", "") == text.replace("\u00a0", "").replace(" ", "")


def _translations(entry: polib.POEntry) -> list[str]:
    return [text for text in [entry.msgstr, *entry.msgstr_plural.values()] if text]


def test_every_french_translation_has_its_non_breaking_spaces():
    catalogue = polib.pofile(str(CATALOGUE))
    faults = [
        f"{entry.msgid[:60]!r}: {fault}"
        for entry in catalogue
        if not entry.obsolete
        for text in _translations(entry)
        for fault in typography_faults(text)
    ]
    assert not faults, f"{len(faults)} French translations without their non-breaking space:\n" + "\n".join(faults)


# French written in templates (not through gettext): a plain space before a high mark or inside « ».
TEMPLATE_FAULT = re.compile(r"[A-Za-zÀ-ÿ0-9»)] [:;!?](?=[\s<]|$)|« | »")


def test_no_template_writes_french_punctuation_after_a_plain_space():
    faults = []
    for template in sorted(ROOT.glob("*/**/templates/**/*.html")):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        source = template.read_text(encoding="utf-8")
        # Comments are for developers (their « » may follow English spacing): blanked, lines kept.
        source = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", lambda match: "\n" * match.group().count("\n"), source, flags=re.S)
        for number, line in enumerate(source.splitlines(), start=1):
            text = re.sub(r"\{[{%#].*?[}%#]\}", "x", line)  # template syntax
            text = re.sub(r"<[^<>]*>", "x", text)  # tags
            if TEMPLATE_FAULT.search(text):
                faults.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not faults, "French punctuation after a plain space in templates:\n" + "\n".join(faults)
