"""Colour arithmetic for accessible themes (WCAG 2.x contrast)."""

from __future__ import annotations

import colorsys

MINIMUM_TEXT_CONTRAST = 4.5
WHITE = "#ffffff"
DARK_TEXT = "#1f1a17"


def _channels(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[index : index + 2], 16) / 255 for index in (0, 2, 4))


def relative_luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker_shade(colour: str, against: str = WHITE, target: float = MINIMUM_TEXT_CONTRAST) -> str:
    """The same hue, darkened just enough for ``against`` text on it to reach ``target``."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*_channels(colour))
    while lightness > 0:
        lightness = max(0.0, lightness - 0.01)
        red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
        candidate = "#{:02x}{:02x}{:02x}".format(round(red * 255), round(green * 255), round(blue * 255))
        if contrast_ratio(candidate, against) >= target:
            return candidate
    return "#000000"
