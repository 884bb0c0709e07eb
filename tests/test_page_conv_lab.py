"""The Convolution Lab page under AppTest: drive every control, check the numbers it shows."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from conftest import APP_PATH
from PIL import Image
from streamlit.testing.v1 import AppTest

from cnnviz.i18n import t
from cnnviz.lessons import kernels as K
from cnnviz.train import datasets


@pytest.fixture
def open_lab():
    """Open the page directly (one script run instead of home + switch; same router and shell)."""

    def open_page(query: dict | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(APP_PATH), default_timeout=60)
        at.query_params["lang"] = lang
        for key, value in (query or {}).items():
            at.query_params[key] = str(value)
        at.switch_page("pages/conv_lab.py")
        at.run()
        assert not at.exception, at.exception
        return at

    return open_page


def run(widget) -> AppTest:
    at = widget.run()
    assert not at.exception, at.exception
    return at


def charts(at) -> dict:
    """Plotly specs by chart key ("conv.animation", "conv.visits", ...)."""
    return {element.key: json.loads(element.proto.spec) for element in at.get("plotly_chart")}


def grid(values) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float)


def animated_output(at) -> np.ndarray:
    spec = charts(at)["conv.animation"]
    return grid(spec["data"][spec["layout"]["meta"]["output_traces"][0]]["z"])


def frames(at) -> int:
    return len(charts(at)["conv.animation"]["frames"])


def params(at) -> dict:
    """The URL's query parameters after the run, one string each."""
    return {key: value[-1] if isinstance(value, list) else value for key, value in dict(at.query_params).items()}


def latex(at) -> str:
    return "\n".join(element.value for element in at.latex)


def texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "success", "warning", "error")
                     for e in getattr(at, kind))


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def titles(spec) -> list[str]:
    return [a["text"] for a in spec["layout"].get("annotations", [])]


# ---------------------------------------------------------------------------------------------
# the course examples, the formula, the parameter count
# ---------------------------------------------------------------------------------------------

def test_default_is_the_course_example(open_lab):
    at = open_lab()
    assert at.title[0].value == "Convolution lab"
    np.testing.assert_array_equal(animated_output(at), [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    assert frames(at) == 9
    formulas = latex(at)
    assert r"\frac{5 + 2\cdot 0 - 1\cdot(3 - 1) - 1}{1}" in formulas
    assert formulas.count(r"\frac{2}{1} \right\rfloor + 1 = 2 + 1 = \mathbf{3}") == 2  # H and W
    assert r"1 \times 1 \times 3 \times 3 + 1 = \mathbf{10}" in formulas
    assert metrics(at) == {"Input": "5 × 5", "Output": "3 × 3", "Steps": "9"}
    found = charts(at)
    assert set(found) == {"conv.animation", "conv.visits", "conv.flip_chart", "conv.real"}
    assert "identical" in titles(found["conv.flip_chart"])  # the course kernel is symmetric
    assert "never under the kernel" not in texts(at)
    assert params(at) == {"lang": "en"}  # defaults stay out of the URL


def test_typed_grids_give_the_second_course_example(open_lab):
    at = open_lab()
    at = run(at.selectbox(key="conv.input").set_value("typed"))
    at = run(at.text_area(key="conv.grid").set_value("0 1 2; 3 4 5; 6 7 8"))
    at = run(at.text_area(key="conv.kgrid").set_value("0 1; 2 3"))
    assert at.selectbox(key="conv.kernel").value == "custom"  # editing the weights makes it custom
    np.testing.assert_array_equal(animated_output(at), [[19, 25], [37, 43]])
    assert frames(at) == 4
    assert r"\frac{3 + 2\cdot 0 - 1\cdot(2 - 1) - 1}{1}" in latex(at)
    assert r"1 \times 1 \times 2 \times 2 + 1 = \mathbf{5}" in latex(at)
    assert params(at)["conv.kernel"] == "custom" and params(at)["conv.kgrid"] == "0 1; 2 3"
    # the same through the presets
    at = open_lab({"conv.input": "ramp", "conv.kernel": "ramp2"})
    np.testing.assert_array_equal(animated_output(at), [[19, 25], [37, 43]])


def test_switching_to_typed_starts_from_the_grid_on_screen(open_lab):
    at = open_lab({"conv.input": "diagonal", "conv.size": 4})
    at = run(at.selectbox(key="conv.input").set_value("typed"))
    assert K.parse_grid(at.text_area(key="conv.grid").value).tolist() == np.eye(4).tolist()


# ---------------------------------------------------------------------------------------------
# stride, padding, dilation
# ---------------------------------------------------------------------------------------------

def test_stride_padding_and_dilation_controls(open_lab):
    at = open_lab({"conv.input": "edge", "conv.kernel": "sobel_x"})
    assert at.slider(key="conv.size").value == 7
    at = run(at.slider(key="conv.size").set_value(8))
    at = run(at.slider(key="conv.sh").set_value(2))
    at = run(at.slider(key="conv.sw").set_value(2))
    assert metrics(at)["Output"] == "3 × 3"
    at = run(at.selectbox(key="conv.pad").set_value("number"))
    at = run(at.slider(key="conv.ph").set_value(1))
    at = run(at.slider(key="conv.pw").set_value(1))
    assert r"\frac{8 + 2\cdot 1 - 1\cdot(3 - 1) - 1}{2}" in latex(at)
    assert r"\frac{7}{2} \right\rfloor + 1 = 3 + 1 = \mathbf{4}" in latex(at)
    assert metrics(at)["Output"] == "4 × 4" and frames(at) == 16
    out = animated_output(at)
    assert out[:, 2].tolist() == [3, 4, 4, 4] and out[:, :2].tolist() == [[0, 0]] * 4  # the edge, found
    at = run(at.slider(key="conv.dil").set_value(2))
    assert r"\frac{8 + 2\cdot 1 - 2\cdot(3 - 1) - 1}{2}" in latex(at)
    for key, value in {"conv.sh": "2", "conv.pad": "number", "conv.ph": "1", "conv.dil": "2"}.items():
        assert params(at)[key] == value


def test_same_full_and_per_side_padding(open_lab):
    at = open_lab({"conv.input": "checker", "conv.sh": 2})
    at = run(at.selectbox(key="conv.pad").set_value("same"))
    assert not [s for s in at.slider if s.key in ("conv.sh", "conv.sw")]  # stride is 1 with "same"
    assert "only works with stride 1" in texts(at)
    assert metrics(at)["Output"] == "7 × 7" and frames(at) == 49
    at = run(at.selectbox(key="conv.pad").set_value("full"))
    assert metrics(at)["Output"] == "5 × 9"  # the link's stride 2 (down) is back once "same" is off
    at = run(at.selectbox(key="conv.pad").set_value("sides"))
    at = run(at.number_input(key="conv.pt").set_value(2))
    at = run(at.number_input(key="conv.pb").set_value(1))
    at = run(at.number_input(key="conv.pl").set_value(0))
    at = run(at.number_input(key="conv.pr").set_value(3))
    assert "P_t + P_b" in latex(at) and r"7 + 2 + 1" in latex(at) and r"7 + 0 + 3" in latex(at)
    assert metrics(at)["Output"] == "4 × 8"  # (7 + 2 + 1 − 3) // 2 + 1 down, 7 + 0 + 3 − 2 across
    spec = charts(at)["conv.animation"]
    assert "Input (with padding)" in titles(spec)


def test_rows_and_columns_that_no_window_reads_are_explained(open_lab):
    at = open_lab({"conv.input": "edge", "conv.size": 6, "conv.sh": 2, "conv.sw": 3})
    page = texts(at)
    assert "Input rows 5 (counting from 0) are never under the kernel" in page
    assert "remainder of 1" in page
    assert "Input columns" not in page  # (6 − 3) / 3 leaves no remainder
    visits = charts(at)["conv.visits"]
    assert "orange = never read" in titles(visits)
    counts = grid(visits["data"][0]["z"])
    assert counts[5].tolist() == [0] * 6 and counts[:5].min() >= 1
    at = open_lab({"conv.input": "edge", "conv.size": 5, "conv.kernel": "box", "conv.kh": 2, "conv.kw": 2,
                   "conv.dil": 4})
    assert "with dilation 4 the kernel's taps jump over them" in texts(at)


def test_an_impossible_typed_kernel_is_explained(open_lab):
    at = open_lab({"conv.input": "ramp", "conv.kernel": "custom", "conv.kgrid": "1 1 1 1 1"})
    assert "kernel span 5 exceeds padded input 3" in texts(at)
    assert not at.get("plotly_chart")  # nothing is drawn
    at = run(at.selectbox(key="conv.pad").set_value("number"))  # the padding slider starts where it fits
    assert at.slider(key="conv.pw").value == 1  # a 1×5 kernel on 3 columns needs one zero each side
    assert metrics(at)["Output"] == "3 × 1"


# ---------------------------------------------------------------------------------------------
# kernels, bias, flip
# ---------------------------------------------------------------------------------------------

def test_kernel_presets_sizes_and_bias(open_lab):
    at = open_lab({"conv.input": "checker", "conv.size": 5})
    at = run(at.selectbox(key="conv.kernel").set_value("box"))
    at = run(at.slider(key="conv.kh").set_value(5))
    at = run(at.slider(key="conv.kw").set_value(3))
    assert K.parse_kernel(at.text_area(key="conv.kgrid").value).shape == (1, 5, 3)  # the text follows the size
    assert metrics(at)["Output"] == "1 × 3"
    np.testing.assert_allclose(animated_output(at), [[8 / 15, 7 / 15, 8 / 15]], rtol=1e-5)  # ones under 5×3
    at = run(at.number_input(key="conv.bias").set_value(1.5))
    np.testing.assert_allclose(animated_output(at), [[8 / 15 + 1.5, 7 / 15 + 1.5, 8 / 15 + 1.5]], rtol=1e-5)
    assert params(at)["conv.bias"] == "1.5"
    for preset in ("identity", "gaussian", "sobel_y", "laplacian", "sharpen", "emboss"):
        at = run(at.selectbox(key="conv.kernel").set_value(preset))
        kernel = K.parse_kernel(at.text_area(key="conv.kgrid").value)[0]
        expected = K.kernel_preset(preset, (5, 3)) if preset in K.SIZABLE_KERNELS else K.kernel_preset(preset)
        np.testing.assert_allclose(kernel, expected, rtol=1e-3)
        assert not at.warning


def test_flip_turns_the_kernel(open_lab):
    at = open_lab({"conv.input": "edge", "conv.size": 5, "conv.kernel": "sobel_x"})
    before = animated_output(at)
    assert "6 of 9 cells differ" in titles(charts(at)["conv.flip_chart"])
    at = run(at.toggle(key="conv.flip").set_value(True))
    np.testing.assert_array_equal(animated_output(at), -before)
    assert "Kernel rotated 180°" in titles(charts(at)["conv.animation"])
    assert "computes the convolution" in texts(at)


def test_a_kernel_with_text_in_it_keeps_the_last_kernel(open_lab):
    at = open_lab()
    at = run(at.text_area(key="conv.kgrid").set_value("1 0 1; 0 x 0; 1 0 1"))
    page = "\n".join(w.value for w in at.warning)
    assert "This kernel cannot be read: “x” in row 2 is not a number" in page
    np.testing.assert_array_equal(animated_output(at), K.COURSE_OUTPUT)  # the last good kernel
    at = run(at.text_area(key="conv.kgrid").set_value("1 0 1; 0 1; 1 0 1"))
    assert "row 2 has 2 numbers but row 1 has 3" in "\n".join(w.value for w in at.warning)
    at = run(at.selectbox(key="conv.input").set_value("typed"))
    at = run(at.text_area(key="conv.grid").set_value("1 2; 3 4; five 6"))
    assert "This input grid cannot be read: “five” in row 3 is not a number" in texts(at)


# ---------------------------------------------------------------------------------------------
# channels and filters
# ---------------------------------------------------------------------------------------------

def test_channels_and_filters(open_lab):
    at = open_lab()
    assert "Raise “Input channels" in texts(at)
    at = run(at.slider(key="conv.in_ch").set_value(3))
    at = run(at.slider(key="conv.out_ch").set_value(2))
    assert r"2 \times 3 \times 3 \times 3 + 2 = \mathbf{56}" in latex(at)
    assert "(2, 3, 3, 3)" in texts(at)
    found = charts(at)
    assert sum(title.startswith("Input · channel") for title in titles(found["conv.animation"])) == 3
    x = K.channel_stack(K.COURSE_IMAGE, 3)
    weights = K.filter_bank(K.COURSE_KERNEL, 2, 3)
    expected = K.convolve(x, weights)
    np.testing.assert_array_equal(animated_output(at), expected[0])
    sums = found["conv.channel_sum"]
    np.testing.assert_array_equal(grid(sums["data"][-1]["z"]), expected[0])
    np.testing.assert_array_equal(sum(grid(sums["data"][c]["z"]) for c in range(3)), expected[0])
    maps = found["conv.maps"]
    assert len(maps["data"]) == 2 and "Map 2 (filter 2)" in titles(maps)
    at = run(at.radio(key="conv.filter").set_value(2))
    np.testing.assert_array_equal(animated_output(at), expected[1])
    real = charts(at)["conv.real"]
    assert real["layout"]["meta"]["panels"] == 3  # the photo and two maps


def test_kernel_slices_one_per_channel(open_lab):
    at = open_lab({"conv.input": "ramp", "conv.in_ch": 2, "conv.kernel": "custom",
                   "conv.kgrid": "0 1; 2 3 | 1 0; 0 0"})
    x = K.channel_stack(K.RAMP_IMAGE, 2)
    expected = K.convolve(x, np.array([[[[0, 1], [2, 3]], [[1, 0], [0, 0]]]]))[0]
    np.testing.assert_array_equal(animated_output(at), expected)
    at = run(at.slider(key="conv.in_ch").set_value(3))
    assert "The kernel has 2 slices but the input has 3 channels" in texts(at)


# ---------------------------------------------------------------------------------------------
# inputs: digit, photo, uploads
# ---------------------------------------------------------------------------------------------

def png_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def test_digit_and_photo_inputs(open_lab):
    at = open_lab({"conv.input": "digit"})
    at = run(at.number_input(key="conv.digit").set_value(3))
    at = run(at.slider(key="conv.size").set_value(10))
    images, labels = datasets.load_mnist("test")
    assert f"A handwritten {labels[3]}, averaged down to 10 pixels" in texts(at)
    assert metrics(at)["Input"] == "10 × 10" and frames(at) == 64
    at = run(at.selectbox(key="conv.input").set_value("photo"))
    assert at.slider(key="conv.size").value == 12  # a new source starts at its own default size
    at = run(at.selectbox(key="conv.photo").set_value("cat"))
    at = run(at.toggle(key="conv.rgb").set_value(True))
    assert "3 input channels: red, green, blue." in texts(at)
    assert metrics(at)["Input"] == "8 × 12"  # 170 × 256 keeps its shape
    assert r"\times 3 \times 3 \times 3 + 1" in latex(at)
    assert "Stefan van der Walt" in texts(at)


def test_uploads_good_and_bad(open_lab):
    at = open_lab({"conv.photo": "upload"})
    assert "No image uploaded yet" in texts(at)
    ramp = np.tile(np.arange(0, 250, 10, dtype=np.uint8), (20, 1))  # 20 × 25
    at = run(at.file_uploader(key="conv.upload").set_value(("ramp.png", png_bytes(ramp), "image/png")))
    assert "Your image “ramp.png”" in texts(at) and "Photo 20×25" in texts(at)
    noise = png_bytes(np.random.default_rng(0).integers(0, 256, (40, 40), dtype=np.uint8))
    bad_files = {
        "notes.txt": (b"just some text", "data.err_not_image"),
        "cut.png": (noise[: len(noise) // 2], "data.err_truncated"),  # a download that stopped halfway
    }
    for name, (content, key) in bad_files.items():
        at = run(at.file_uploader(key="conv.upload").set_value((name, content, "application/octet-stream")))
        errors = "\n".join(e.value for e in at.error)
        assert f"“{name}” cannot be used: {t(key, 'en')}" in errors
        assert "Still showing your previous image, “ramp.png”" in texts(at)
        assert "Photo 20×25" in texts(at)  # the previous input stays
    deep = (np.arange(32 * 24, dtype=np.uint16).reshape(24, 32) * 80)
    at = run(at.file_uploader(key="conv.upload").set_value(("deep.png", png_bytes(deep), "image/png")))
    assert t("data.notice_high_bit_depth", "en") in texts(at) and not at.error
    cmyk = io.BytesIO()
    Image.new("CMYK", (30, 20), (0, 128, 255, 0)).save(cmyk, format="JPEG")
    at = run(at.file_uploader(key="conv.upload").set_value(("print.jpg", cmyk.getvalue(), "image/jpeg")))
    assert t("data.notice_cmyk", "en") in texts(at) and "Photo 20×30" in texts(at)
    huge = Image.new("L", (3000, 1500), 128)
    buffer = io.BytesIO()
    huge.save(buffer, format="PNG")
    at = run(at.file_uploader(key="conv.upload").set_value(("huge.png", buffer.getvalue(), "image/png")))
    assert "Photo 128×256" in texts(at) and "3000" in texts(at)  # scaled down, with a notice


# ---------------------------------------------------------------------------------------------
# deep links, languages, presentation, big configurations
# ---------------------------------------------------------------------------------------------

def test_a_deep_link_opens_that_configuration(open_lab):
    query = {"conv.input": "diagonal", "conv.size": 6, "conv.kernel": "emboss", "conv.pad": "number",
             "conv.ph": 1, "conv.pw": 2, "conv.dil": 2, "conv.sh": 2, "conv.bias": -1,
             "conv.flip": 1, "conv.in_ch": 2, "conv.out_ch": 3, "conv.filter": 3, "conv.photo": "house",
             "conv.rgb": 1}
    at = open_lab(query)
    assert at.selectbox(key="conv.input").value == "diagonal" and at.slider(key="conv.size").value == 6
    assert at.selectbox(key="conv.kernel").value == "emboss" and at.toggle(key="conv.flip").value
    assert [at.slider(key=key).value for key in ("conv.ph", "conv.pw", "conv.dil")] == [1, 2, 2]
    assert (at.slider(key="conv.sh").value, at.slider(key="conv.sw").value) == (2, 1)  # sw: the default
    assert at.radio(key="conv.filter").value == 3 and at.number_input(key="conv.bias").value == -1
    x = K.channel_stack(K.input_preset("diagonal", 6), 2)
    weights = K.filter_bank(K.kernel_preset("emboss"), 3, 2)
    expected = K.convolve(x, weights, -1.0, (2, 1), (1, 1, 2, 2), 2, flip=True)
    np.testing.assert_array_equal(animated_output(at), expected[2])
    assert metrics(at)["Output"] == f"{expected.shape[1]} × {expected.shape[2]}"
    assert charts(at)["conv.real"]["layout"]["meta"]["panels"] == 4
    for key, value in query.items():  # the link survives the run unchanged
        assert params(at)[key] == str(value), key


def test_invalid_link_values_fall_back_with_a_notice(open_lab):
    at = open_lab({"conv.sh": "abc", "conv.kernel": "blur", "conv.kgrid": "1 2; 3"})
    notice = "\n".join(i.value for i in at.info)
    assert "conv.sh" in notice and "conv.kernel" in notice and "conv.kgrid" in notice
    np.testing.assert_array_equal(animated_output(at), K.COURSE_OUTPUT)


def test_chinese_and_presentation_mode(open_lab):
    at = open_lab({"present": 1, "conv.input": "edge"}, lang="zh")
    assert at.title[0].value == "卷积实验室"
    labels = [e.label for e in at.expander]  # presenting: intro, the question, controls folded
    assert labels[0] == "本页说明" and labels[1].startswith("**先预测：**") and labels[2] == "设置"
    spec = charts(at)["conv.animation"]
    menu = spec["layout"]["updatemenus"][spec["layout"]["meta"]["step_menu"]]
    assert [b["label"] for b in menu["buttons"]] == ["◀ 上一步", "下一步 ▶"]
    assert spec["layout"]["font"]["size"] > 13  # larger type for a projector
    assert "互相关还是卷积？" in [h.value for h in at.subheader]


def test_too_many_steps_show_a_static_view(open_lab):
    at = open_lab({"conv.input": "checker", "conv.size": 16, "conv.kernel": "box", "conv.kh": 7, "conv.kw": 7,
                   "conv.pad": "full"})
    assert metrics(at)["Output"] == "22 × 22"
    assert "484 output cells, more than the 400" in texts(at)
    found = charts(at)
    assert "conv.animation" not in found and "conv.static" in found and "conv.visits" not in found
