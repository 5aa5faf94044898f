"""The design tokens live in one stylesheet; every colour pair the site sets text in reaches WCAG AA."""

from themes import tokens


def test_tokens_are_read_from_the_stylesheet():
    values = tokens.tokens()
    for name in ["color-brick", "color-olive", "color-honey", "color-lavender", "color-limestone", "color-ink",
                 "font-serif", "font-sans", "step-0", "space-3", "radius-m", "shadow-1", "tap"]:
        assert name in values, name
    assert values["tap"] == "44px"


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(tokens.contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(tokens.contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert round(tokens.contrast_ratio("#fff", "#fff"), 2) == 1.0


def test_every_text_pair_reaches_aa():
    failing = [(pair.text, pair.background, pair.ratio) for pair in tokens.text_pairs() if not pair.passes_aa]
    assert failing == []


def test_a_pair_below_aa_is_seen():
    pair = tokens.ColourPair("honey", "surface", "#e2a73b", "#ffffff", "", round(tokens.contrast_ratio("#e2a73b", "#ffffff"), 2))
    assert not pair.passes_aa
