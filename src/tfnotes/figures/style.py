"""Matplotlib set-up shared by all figures: the project style, a Hangul font check, deterministic saving."""

from __future__ import annotations

import io
import warnings

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager

from tfnotes.figures import STYLE

HANGUL_FONT = "Noto Sans CJK KR"
COLORS = matplotlib.rc_params_from_file(STYLE, use_default_template=False)["axes.prop_cycle"].by_key()["color"]


class MissingFontError(RuntimeError):
    """The Hangul font is not installed: figures would show empty boxes instead of Korean text."""


def check_font() -> None:
    """Fail with one clear line when the Hangul font is missing (instead of rendering tofu)."""
    try:
        font_manager.findfont(font_manager.FontProperties(family=HANGUL_FONT), fallback_to_default=False)
    except ValueError:
        raise MissingFontError(
            f"font {HANGUL_FONT!r} not found: install it (Debian/Ubuntu: apt-get install fonts-noto-cjk, "
            "which `make setup` does), then delete matplotlib's font cache (~/.cache/matplotlib)") from None


def use_style() -> None:
    check_font()
    plt.style.use(STYLE)


def save(fig, fmt: str) -> bytes:
    """Figure -> bytes, identical for identical input; a missing glyph is an error, not a warning."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=metadata)
    plt.close(fig)
    return buf.getvalue()
