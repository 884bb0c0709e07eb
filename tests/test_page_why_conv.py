"""AppTest of pages/why_conv.py: every control, and the numbers the page shows."""

from __future__ import annotations

from conftest import plotly_specs


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def latex(at) -> str:
    return "\n".join(element.value for element in at.latex)


def test_defaults_show_the_course_examples(app_test):
    at = app_test("why_conv")
    assert not at.exception
    shown = metrics(at)
    # the course's 2-weight, 6-output example
    assert shown["Fully connected: weights"] == "42"
    assert shown["Convolution: connections"] == "12"
    assert shown["Convolution: distinct weights"] == "2"
    # the 1000×1000 example, with the formulas
    text = latex(at)
    assert r"= (1000 \cdot 1000) \cdot (1000 \cdot 1000) = 10^{12}" in text
    assert r"= (1000 \cdot 1000) \cdot (10 \cdot 10) = 10^{8}" in text
    assert r"= 10 \cdot 10 = 100" in text
    assert r"= 100 \cdot (10 \cdot 10) = 10^{4}" in text
    assert any("divides the count by **10⁴**" in m.value and "again by **10⁶**" in m.value for m in at.markdown)
    # equivariance on a digit: exact for the convolution, not for the dense layer
    assert shown["Convolution: max |difference|"] == "0"
    assert float(shown["Fully connected: max |difference|"]) > 0.5
    assert at.success and "identical" in at.success[0].value
    specs = plotly_specs(at)
    assert len(specs) == 4  # diagram, matrices, bars, equivariance
    assert list(specs[2]["data"][0]["x"]) == [10**12, 10**8, 100, 10**4]


def test_one_d_controls(app_test):
    at = app_test("why_conv")
    at.slider(key="why_conv.length").set_value(8).run()
    at.slider(key="why_conv.k1").set_value(3).run()
    shown = metrics(at)
    assert (shown["Fully connected: weights"], shown["Convolution: connections"],
            shown["Convolution: distinct weights"]) == ("48", "18", "3")
    at.slider(key="why_conv.stride").set_value(2).run()
    assert metrics(at)["Convolution: connections"] == "9"  # 3 outputs × 3 taps
    at.slider(key="why_conv.padding").set_value(1).run()
    shown = metrics(at)
    # padded length 10: 4 outputs; the first window's left tap reads a padding zero
    assert (shown["Fully connected: weights"], shown["Convolution: connections"]) == ("32", "11")
    assert not at.exception
    assert at.query_params["why_conv.length"] == "8"  # the view is in the URL


def test_two_d_image(app_test):
    at = app_test("why_conv")
    at.radio(key="why_conv.dims").set_value("2d").run()
    shown = metrics(at)
    # 3×3 kernel on a 4×4 image: the textbook 4×16 matrix
    assert (shown["Fully connected: weights"], shown["Convolution: connections"],
            shown["Convolution: distinct weights"]) == ("64", "36", "9")
    specs = plotly_specs(at)
    assert len(specs) == 3  # no network diagram in 2-D
    at.slider(key="why_conv.side").set_value(5).run()
    at.slider(key="why_conv.k2").set_value(2).run()
    assert metrics(at)["Convolution: connections"] == "64"  # 16 outputs × 4 taps
    assert not at.exception


def test_parameter_controls_reproduce_lenet_c1(app_test):
    at = app_test("why_conv")
    at.selectbox(key="why_conv.image").set_value(28).run()
    at.slider(key="why_conv.field").set_value(5).run()
    at.number_input(key="why_conv.filters").set_value(6).run()
    at.toggle(key="why_conv.bias").set_value(True).run()
    text = latex(at)
    assert r"F \cdot K^2 + F \\ &= 6 \cdot (5 \cdot 5) + 6 = 156" in text
    assert "615{,}440" in text
    assert not at.exception


def test_equivariance_controls(app_test):
    at = app_test("why_conv", query={"why_conv.source": "photo", "why_conv.kernel": "blur"})
    shown = metrics(at)
    assert float(shown["Convolution: max |difference|"]) > 0  # the photo reaches the border
    assert shown["… away from a 4-pixel border"] == "0"
    assert at.info and "border" in at.info[0].value
    at.slider(key="why_conv.dy").set_value(0).run()
    at.slider(key="why_conv.dx").set_value(0).run()
    shown = metrics(at)
    assert shown["Convolution: max |difference|"] == "0" and shown["Fully connected: max |difference|"] == "0"
    at.radio(key="why_conv.source").set_value("digit").run()
    at.slider(key="why_conv.digit").set_value(7).run()
    at.selectbox(key="why_conv.kernel").set_value("edge_horizontal").run()
    at.slider(key="why_conv.dy").set_value(-2).run()
    assert metrics(at)["Convolution: max |difference|"] == "0"
    assert not at.exception


def test_chinese_presentation_and_deep_links(app_test):
    at = app_test("why_conv", lang="zh", query={"present": "1", "why_conv.length": "9", "why_conv.k1": "4"})
    assert not at.exception
    shown = metrics(at)
    assert shown["全连接：权重个数"] == "54" and shown["卷积：连接数"] == "24" and shown["卷积：不同的权重个数"] == "4"
    keys = {widget.key for widget in at.slider} | {widget.key for widget in at.toggle}
    assert "why_conv.stride" not in keys and "why_conv.bias" not in keys  # fewer controls
    assert "10^{12}" in latex(at)
    bad = app_test("why_conv", query={"why_conv.length": "99"})
    assert bad.info and "why_conv.length" in bad.info[0].value
    assert metrics(bad)["Fully connected: weights"] == "42"
