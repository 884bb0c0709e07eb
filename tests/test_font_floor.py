"""Text in figures is at least 20 px on a projector (presentation mode) and 12 px on a screen
(:data:`cnnviz.figures._common.MIN_TEXT_PX`): every page's figures, built as the page builds them
(AppTest), every drawn text of each (titles, labels, ticks, legends, colour bars, numbers in cells)."""

from __future__ import annotations

import pytest

from cnnviz.figures._common import MIN_TEXT_PX
from tests.conftest import make_app_test, plotly_specs
from ui.shell import available_pages


def _size(font: dict | None, default: float) -> float:
    size = (font or {}).get("size", default)
    return float(min(size)) if isinstance(size, list) else float(size)  # per-point sizes: the smallest


def drawn_text_sizes(spec: dict) -> list[tuple[str, float]]:
    """(where, px) of every text a Plotly figure dict draws; unset sizes inherit the layout font."""
    layout, sizes = spec.get("layout", {}), []
    base = _size(layout.get("font"), 12.0)  # Plotly's default
    sizes.append(("layout.font", base))
    if (layout.get("title") or {}).get("text"):
        sizes.append(("layout.title", _size(layout["title"].get("font"), base)))
    for i, note in enumerate(layout.get("annotations", [])):
        if str(note.get("text", "")).strip() and note.get("visible", True):
            sizes.append((f"annotations[{i}] {str(note['text'])[:20]!r}", _size(note.get("font"), base)))
    for name, axis in layout.items():
        if not (name.startswith("xaxis") or name.startswith("yaxis")) or not isinstance(axis, dict):
            continue
        if axis.get("visible", True) and axis.get("showticklabels", True):
            sizes.append((f"{name}.tickfont", _size(axis.get("tickfont"), base)))
        if isinstance(axis.get("title"), dict) and axis["title"].get("text"):
            sizes.append((f"{name}.title", _size(axis["title"].get("font"), base)))
    if layout.get("showlegend") and (layout.get("legend") or {}).get("visible", True):
        sizes.append(("legend", _size((layout.get("legend") or {}).get("font"), base)))
    for i, slider in enumerate(layout.get("sliders", [])):
        if slider.get("visible", True):
            sizes.append((f"sliders[{i}].currentvalue", _size((slider.get("currentvalue") or {}).get("font"),
                                                               _size(slider.get("font"), base))))
    for i, menu in enumerate(layout.get("updatemenus", [])):
        if menu.get("visible", True):
            sizes.append((f"updatemenus[{i}]", _size(menu.get("font"), base)))
    for i, trace in enumerate(spec.get("data", [])):
        kind = trace.get("type", "scatter")
        has_text = trace.get("texttemplate") or (trace.get("text") is not None and (
            kind in ("heatmap", "bar") and trace.get("texttemplate") is not None
            or kind == "bar" and trace.get("textposition", "auto") != "none"
            or kind == "scatter" and "text" in str(trace.get("mode", ""))))
        if has_text and trace.get("visible", True) is True:
            sizes.append((f"data[{i}] {kind} text", _size(trace.get("textfont"), base)))
        bar = trace.get("colorbar")
        if trace.get("showscale") and isinstance(bar, dict):
            sizes.append((f"data[{i}] colorbar", _size(bar.get("tickfont"), base)))
    return sizes


# a 12 × 12 input with full padding, stride 2 and dilation 2: a 20 × 20 padded input, an 8 × 8 output
LARGE_GRID = {"conv.input": "checker", "conv.size": 12, "conv.pad": "full", "conv.sh": 2, "conv.sw": 2,
              "conv.dil": 2}
CASES = [(page.stem, {}) for page in available_pages()] + [("conv_lab", LARGE_GRID)]


@pytest.mark.parametrize("presentation", [True, False], ids=["present", "screen"])
@pytest.mark.parametrize(("stem", "query"), CASES, ids=[f"{stem}{'-large' if query else ''}" for stem, query in CASES])
def test_figure_text_is_never_below_the_floor(stem, query, presentation):
    at = make_app_test(stem, query={**query, "present": 1} if presentation else query)
    assert not at.exception
    floor = MIN_TEXT_PX[presentation]
    small = [f"chart {n}: {where} = {px:g} px" for n, spec in enumerate(plotly_specs(at))
             for where, px in drawn_text_sizes(spec) if px < floor]
    assert not small, "\n".join(small)
