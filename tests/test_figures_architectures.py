"""Figures and helpers of the Architectures page: the URL spec, editable copies, the summary
table's cells, formulas with numbers, and the three figures (course numbers pinned)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from cnnviz import architectures as A
from cnnviz.architectures import spec as netspec
from cnnviz.figures import architectures as fa
from cnnviz.i18n import STRINGS, problem_fix
from cnnviz.nn.shapes import ShapeError

KERAS_SPEC = "1x28x28-conv32k3-relu-conv64k3-relu-max2-drop0.25-flat-fc128-relu-drop0.5-fc10-softmax"
SHRINKING = "1x28x28-conv6k5-relu-max2-conv16k5-relu-max2-conv32k5-relu-flat-fc10"  # 4×4 map meets a 5×5 kernel


def validated(figure: go.Figure) -> go.Figure:
    """Builders skip Plotly's validation for speed: re-validate the output here."""
    return go.Figure(figure.to_dict())


def custom(spec: str) -> A.Network:
    shape, layers = netspec.parse_spec(spec)
    return A.Network("custom", layers, shape)


# --------------------------------------------------------------------------------------------
# the compact spec
# --------------------------------------------------------------------------------------------

def test_keras_example_spec_round_trip_and_total():
    shape, layers = netspec.parse_spec(KERAS_SPEC)
    assert shape == (1, 28, 28)
    assert layers == A.layers_from_table(A.layers_to_table(A.keras_mnist().layers)).layers
    assert netspec.format_spec(shape, layers) == KERAS_SPEC
    summary = A.summarize(A.Network("custom", layers, shape))
    assert summary.total_params == 1_199_882
    assert [r.params for r in summary.rows if r.kind in ("conv", "linear")] == [320, 18_496, 1_179_776, 1_290]


@pytest.mark.parametrize("name", ["lenet5", "keras-mnist", "vgg16", "alexnet"])
def test_preset_copies_round_trip_through_the_spec(name):
    shape, layers, dropped = netspec.editable_copy(name)
    spec = netspec.format_spec(shape, layers)
    assert netspec.parse_spec(spec) == (shape, layers)
    assert netspec.format_spec(*netspec.parse_spec(spec)) == spec
    assert A.summarize(A.Network("c", layers, shape)).total_params == A.summarize(name).total_params
    assert dropped == (("lrn",) if name == "alexnet" else ())


def test_alexnet_copy_keeps_the_course_sizes():
    shape, layers, _ = netspec.editable_copy("alexnet")
    spec = netspec.format_spec(shape, layers)
    assert spec.startswith("3x227x227-conv96k11s4-relu-max3s2-conv256k5p2-relu-max3s2-conv384k3p1")
    summary = A.summarize(A.Network("c", layers, shape))
    conv_pool = [r.out_shape for r in summary.rows if r.kind in ("conv", "maxpool")]
    assert conv_pool[:3] == [(96, 55, 55), (96, 27, 27), (256, 27, 27)]


def test_hand_written_tokens():
    shape, layers = netspec.parse_spec("3×32×32-CONV8k3x5s2ppsame".replace("pp", "p").lower().replace("×", "x"))
    assert shape == (3, 32, 32)
    assert layers == (A.Conv(8, (3, 5), 2, "same"),)
    _, layers = netspec.parse_spec("1x8x8-maxk3x2s1p1-avg2-gap-bn-lrelu-sigmoid-tanh-flat-fc4-drop-dense2-softmax")
    assert layers == (A.MaxPool((3, 2), 1, 1), A.AvgPool(2), A.GlobalAvgPool(), A.BatchNorm(),
                      A.Activation("leaky_relu"), A.Activation("sigmoid"), A.Activation("tanh"), A.Flatten(),
                      A.Linear(4), A.Dropout(0.5), A.Linear(2), A.Activation("softmax"))
    assert netspec.format_spec((1, 8, 8), layers) == (
        "1x8x8-maxk3x2s1p1-avg2-gap-bn-lrelu-sigmoid-tanh-flat-fc4-drop0.5-fc2-softmax")
    assert netspec.parse_spec("120-fc10") == ((120,), (A.Linear(10),))
    assert netspec.parse_spec("1x4x4") == ((1, 4, 4), ())


@pytest.mark.parametrize("text, key, position", [
    ("", "archpage.spec.empty", None),
    ("1x28x28-", "archpage.spec.blank", None),
    ("1x28-relu", "archpage.spec.input", None),
    ("0x28x28-relu", "archpage.spec.input", None),
    ("1x28x28-conv6k5-foo", "archpage.spec.word", 2),
    ("1x28x28-conv", "archpage.spec.needs_number", 1),
    ("1x28x28-fc2.5", "archpage.spec.needs_number", 1),
    ("1x28x28-max", "archpage.spec.pool_kernel", 1),
    ("1x28x28-max2k3", "archpage.spec.pool_kernel", 1),
    ("1x28x28-conv3k3k5", "archpage.spec.token", 1),
    ("1x28x28-relu3", "archpage.spec.token", 1),
    ("1x28x28-maxsame", "archpage.spec.token", 1),
    ("1x28x28-max2psame", "archpage.spec.token", 1),
    ("1x28x28-conv9999999", "archpage.spec.too_large", 1),
    ("1x28x28-conv0k3", "arch.table.not_int", 1),
])
def test_bad_specs_are_explained(text, key, position):
    with pytest.raises(netspec.SpecError) as info:
        netspec.parse_spec(text)
    err = info.value
    assert isinstance(err, ShapeError)
    assert err.problem.key == key
    assert err.position == position
    for lang in ("en", "zh"):
        assert fa.spec_error_message(err, lang) and problem_fix(err.problem, lang)
    if position is not None:
        assert fa.spec_error_message(err, "en").startswith(f"layer {position} “")
        assert fa.spec_error_message(err, "zh").startswith(f"第 {position} 层“")


def test_unknown_word_lists_the_words():
    with pytest.raises(netspec.SpecError) as info:
        netspec.parse_spec("1x28x28-conv6k5-foo")
    assert fa.spec_error_message(info.value, "en") == "layer 2 “foo”: unknown layer"
    assert "conv, max, avg, fc, drop" in problem_fix(info.value.problem, "en")


def test_too_many_layers():
    with pytest.raises(netspec.SpecError) as info:
        netspec.parse_spec("1x8x8" + "-relu" * (netspec.MAX_SPEC_LAYERS + 1))
    assert info.value.problem.key == "archpage.spec.too_long"


@pytest.mark.parametrize("text, shape", [("1x28x28", (1, 28, 28)), (" 3×224×224 ", (3, 224, 224)),
                                         ("(1, 28, 28)", (1, 28, 28)), ("120", (120,))])
def test_input_shapes(text, shape):
    assert netspec.parse_input_shape(text) == shape
    assert netspec.parse_input_shape(netspec.format_input_shape(shape)) == shape


@pytest.mark.parametrize("name, kind", [("resnet18", "residual"), ("inception3a", "inception"),
                                        ("lenet5-1998", "subsample")])
def test_networks_without_a_table_form(name, kind):
    with pytest.raises(ShapeError) as info:
        netspec.editable_copy(name)
    assert info.value.problem.key == "arch.table.not_tabular"
    assert dict(info.value.problem.fields)["kind"] == kind


def test_grouped_alexnet_cannot_be_copied():
    with pytest.raises(ShapeError):
        netspec.editable_copy(A.alexnet(towers=2))


# --------------------------------------------------------------------------------------------
# numbers as text
# --------------------------------------------------------------------------------------------

def test_number_formats():
    assert fa.group_digits(1_199_882) == "1,199,882"
    assert fa.compact_count(1_135_256_096) == "1.14 G"
    assert fa.compact_count(62_378_344) == "62.4 M"
    assert fa.compact_count(240_000) == "240 K"
    assert fa.compact_count(999) == "999"
    assert fa.compact_count(4_200_000_000_000) == "4.2 T"
    assert fa.compact_count(4 * 10**24) == "4e+24"  # absurd networks still print
    assert fa.compact_count(62_378_344, "zh") == "6238 万"
    assert fa.compact_count(15_470_000_000, "zh") == "154.7 亿"
    assert fa.compact_count(9_999, "zh") == "9,999"
    assert fa.human_bytes(512) == "512 B"
    assert fa.human_bytes(618_348 * 4) == "2.36 MB"
    assert fa.human_bytes(249_513_376) == "238 MB"


# --------------------------------------------------------------------------------------------
# the summary table's cells
# --------------------------------------------------------------------------------------------

def test_lenet_1998_records_pin_the_course_numbers():
    records = {r["layer"]: r for r in fa.summary_records(A.summarize("lenet5-1998"), "en")}
    assert records["C1"]["params"] == 156 and records["C1"]["formula"] == "6×1×5×5+6 = 156"
    assert records["S2"]["params"] == 12 and records["S2"]["formula"] == "2×6 = 12"
    assert records["C3"]["params"] == 1516
    assert records["C3"]["formula"] == "(5×5×3+1)×6+(5×5×4+1)×9+(5×5×6+1)×1 = 1,516"
    assert records["C1"]["shape"] == "6×28×28" and records["C1"]["rf"] == "5 / 1"
    total = fa.summary_records(A.summarize("lenet5-1998"), "zh")[-1]
    assert total["layer"] == "合计" and total["params"] == 60_840 and total["status"] == "total"


def test_records_of_an_invalid_network():
    summary = A.summarize(custom(SHRINKING))
    records = fa.summary_records(summary, "en", table_rows=list(range(1, 11)))
    by_layer = {r["layer"]: r for r in records}
    bad = by_layer["conv3"]
    assert bad["status"] == "invalid" and bad["row"] == 7 and bad["params"] is None
    assert bad["note"] == "kernel span 5 exceeds padded input 4 → lower the kernel size or dilation, or add padding"
    assert [by_layer[n]["status"] for n in ("relu3", "flatten1", "linear1")] == ["waiting"] * 3
    assert by_layer["linear1"]["note"] == "waiting for a layer above to be fixed"
    assert records[-1]["params"] == 156 + 2416 and records[-1]["note"]
    assert by_layer["relu1"]["memory"] is None and by_layer["conv1"]["memory"] == 6 * 24 * 24 * 4
    assert [fa.record_label(c, "zh") for c in ("layer", "note")] == ["层", "原因与修改建议"]


def test_inception_children_are_indented():
    records = fa.summary_records(A.summarize("inception3a"), "en")
    assert records[1]["layer"] == "inception3a" and records[1]["params"] == 163_696
    assert records[2]["layer"] == "\u2003inception3a.1x1" and records[2]["params"] == 12_352


# --------------------------------------------------------------------------------------------
# formulas with numbers
# --------------------------------------------------------------------------------------------

def explain(summary, network, name):
    top = [r for r in summary.rows if r.depth == 0][1:]
    index = [r.name for r in top].index(name)
    return network.layers[index], top[index]


def test_alexnet_size_formulas_55_27_27():
    net = A.alexnet()
    summary = A.summarize(net)
    conv1 = fa.size_latex(*explain(summary, net, "conv1"))
    assert conv1 == [r"H_{out} = \frac{H - K + 2P}{S} + 1 = \frac{227 - 11 + 2\cdot 0}{4} + 1 = \mathbf{55}"]
    assert fa.size_latex(*explain(summary, net, "pool1"))[0].endswith(r"\frac{55 - 3 + 2\cdot 0}{2} + 1 = \mathbf{27}")
    assert fa.size_latex(*explain(summary, net, "conv2"))[0].endswith(r"\frac{27 - 5 + 2\cdot 2}{1} + 1 = \mathbf{27}")
    assert fa.size_latex(*explain(summary, net, "fc6")) == []
    assert fa.params_latex(explain(summary, net, "conv1")[1]) == (
        r"C_{out} \times C_{in} \times K_h \times K_w+C_{out} = 96 \times 3 \times 11 \times 11+96 = 34{,}944")


def test_size_formula_floor_non_square_and_invalid():
    net = custom("1x28x28-conv4k3s2-max3s2p1")
    summary = A.summarize(net)
    (floor,) = fa.size_latex(*explain(summary, net, "conv1"))
    assert r"\left\lfloor \frac{28 - 3 + 2\cdot 0}{2} \right\rfloor + 1 = \mathbf{13}" in floor
    assert summary.row("conv1").out_shape == (4, 13, 13)
    (pool,) = fa.size_latex(*explain(summary, net, "maxpool1"))
    assert pool.endswith(r"\frac{13 - 3 + 2\cdot 1}{2} + 1 = \mathbf{7}") and summary.row("maxpool1").out_shape == (4, 7, 7)


def test_invalid_row_formula_is_flagged():
    net = custom(SHRINKING)
    summary = A.summarize(net)
    (line,) = fa.size_latex(*explain(summary, net, "conv3"))
    assert line.endswith(r"\frac{4 - 5 + 2\cdot 0}{1} + 1 = 0 \le 0 \;\;\text{✗}")
    assert fa.size_latex(*explain(summary, net, "linear1")) == []
    assert fa.params_latex(summary.row("conv3")) == ""


def test_rectangular_windows_give_two_formulas():
    net = custom("1x28x20-conv4k3x5")
    summary = A.summarize(net)
    lines = fa.size_latex(*explain(summary, net, "conv1"))
    assert len(lines) == 2 and lines[0].endswith(r"= \mathbf{26}")
    assert lines[1].startswith("W_{out}") and lines[1].endswith(r"= \mathbf{16}")


# --------------------------------------------------------------------------------------------
# where the parameters and the compute go
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, fc_low", [("alexnet", 0.9), ("vgg16", 0.85)])
def test_fully_connected_layers_dominate_the_parameters_not_the_compute(name, fc_low):
    shares = fa.cost_shares(A.summarize(name))
    params = sum(p for p, _ in shares.values())
    macs = sum(m for _, m in shares.values())
    assert shares["fc"][0] / params > fc_low
    assert shares["fc"][1] / macs < 0.1
    assert params == A.summarize(name).total_params


def test_cost_figure_bars():
    summary = A.summarize("keras-mnist")
    fig = validated(fa.cost_figure(summary, lang="en"))
    bars = [trace for trace in fig.data if trace.type == "bar"]
    params = {y: x for trace in bars if trace.xaxis == "x" for x, y in zip(trace.x, trace.y)}
    assert params == {"conv2d_1": 320, "conv2d_2": 18_496, "dense_1": 1_179_776, "preds": 1_290}
    texts = {y: text for trace in bars if trace.xaxis == "x" for y, text in zip(trace.y, trace.text)}
    assert texts["dense_1"] == "98%"
    lenet = fa.cost_figure(A.summarize("lenet5-1998"))
    shares = {y: text for t in lenet.data if t.xaxis == "x" for y, text in zip(t.y, t.text)}
    assert (shares["C1"], shares["S2"], shares["C5"]) == ("0.3%", "<0.1%", "79%")
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["Parameters (total 1.2 M)", "Multiply-adds per image (total 12 M)"]
    zh = fa.cost_figure(summary, lang="zh")
    assert zh.layout.annotations[0].text == "参数量（合计 120 万）"


def test_cost_rows_fall_back_to_top_level_for_resnet():
    rows = fa.cost_rows(A.summarize("resnet18"))
    assert all(r.depth == 0 for r in rows) and len(rows) == 11  # conv1, bn1, 8 blocks, fc


# --------------------------------------------------------------------------------------------
# the volumes
# --------------------------------------------------------------------------------------------

def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_alexnet_volumes():
    summary = A.summarize("alexnet")
    fig = validated(fa.volumes_figure(summary, A.alexnet(), lang="en"))
    drawn = fa.drawn_rows(summary)
    assert [r.name for r in drawn] == ["input", "conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5",
                                       "pool5", "flatten1", "fc6", "fc7", "fc8"]
    assert len(fig.layout.shapes) == 3 * len(drawn)
    assert list(trace(fig, "shapes").text[:4]) == ["3×227×227", "96×55×55", "96×27×27", "256×27×27"]
    assert trace(fig, "names").text[0] == "Input"
    assert "34,944 parameters" in trace(fig, "boxes").hovertext[1]
    legend = [t.name for t in fig.data if t.showlegend]
    assert legend == ["Input", "Convolution", "Pooling", "Other", "Fully connected"]


def test_log_scaled_boxes_grow_with_size():
    summary = A.summarize("vgg16")
    fig = fa.volumes_figure(summary, lang="zh")
    assert trace(fig, "names").text[0] == "输入"
    dims = [fa._box_dims(r.out_shape) for r in fa.drawn_rows(summary)]
    thick = {r.name: d[0] for r, d in zip(fa.drawn_rows(summary), dims)}
    height = {r.name: d[1] for r, d in zip(fa.drawn_rows(summary), dims)}
    assert thick["input"] < thick["conv1_2"] < thick["conv5_3"]
    assert height["conv1_2"] > height["conv3_3"] > height["conv5_3"]
    assert height["conv1_2"] / height["conv5_3"] < 3  # 224 vs 14: log-scaled, not 16×


def test_invalid_and_waiting_boxes():
    fig = validated(fa.volumes_figure(A.summarize(custom(SHRINKING)), lang="en"))
    labels = list(trace(fig, "shapes").text)
    assert labels[-3:] == ["✗", "?", "?"]
    dashes = [s.line.dash for s in fig.layout.shapes]
    assert dashes.count("dash") == 3 and dashes.count("dot") == 6
    assert "kernel span 5 exceeds padded input 4" in trace(fig, "boxes").hovertext[-3]


def test_inception_opens_into_four_lanes():
    summary = A.summarize("inception3a")
    fig = validated(fa.volumes_figure(summary, A.inception3a(), lang="en"))
    names = list(trace(fig, "names").text)
    assert names == ["Input", "1x1", "3x3_reduce", "3x3", "5x5_reduce", "5x5", "pool", "pool_proj", "inception3a"]
    assert list(trace(fig, "shapes").text) == ["192×28×28", "64×28×28", "96×28×28", "128×28×28", "16×28×28",
                                               "32×28×28", "192×28×28", "32×28×28", "256×28×28"]
    lanes_y = sorted(set(trace(fig, "boxes").y[1:-1]), reverse=True)
    assert len(lanes_y) == 4
    flat = fa.volumes_figure(summary, lang="en")  # without the network: just input and output
    assert list(trace(flat, "names").text) == ["Input", "inception3a"]


def test_builders_validate_their_inputs():
    with pytest.raises(ValueError, match="summary"):
        fa.volumes_figure("alexnet")
    with pytest.raises(ValueError, match="network"):
        fa.volumes_figure(A.summarize("alexnet"), "alexnet")
    with pytest.raises(ValueError, match="lang"):
        fa.cost_figure(A.summarize("alexnet"), lang="fr")
    with pytest.raises(ValueError, match="example"):
        fa.reduction_figure(819_200)


# --------------------------------------------------------------------------------------------
# the Inception 1×1 reduction
# --------------------------------------------------------------------------------------------

def test_reduction_figure_819200_vs_208896():
    example = A.inception_reduction_example()
    fig = validated(fa.reduction_figure(example, lang="en"))
    values = [(t.y[0], t.x[0]) for t in fig.data]
    assert values == [("5×5 directly", 819_200), ("1×1 (32) then 5×5", 4_096), ("1×1 (32) then 5×5", 204_800),
                      ("The slides' sum", 204_800)]
    notes = [a.text for a in fig.layout.annotations]
    assert notes == ["4,096 + 204,800 = 208,896", "misses the 1×1 layer's 4,096"]
    assert fig.layout.barmode == "stack"
    zh = fa.reduction_figure(example, lang="zh", presentation=True)
    assert zh.layout.annotations[1].text == "漏掉了 1×1 层的 4,096"


def test_page_strings_are_complete():
    keys = [k for k in STRINGS if k.startswith("archpage.")]
    assert len(keys) > 100
    for key in keys:
        assert set(STRINGS[key]) == {"en", "zh"}


# ---------------------------------------------------------------------------------------------
# text from outside the app is drawn literally (issue 12): Plotly would render <a href>, <b>, <br>
# ---------------------------------------------------------------------------------------------

HOSTILE_NAMES = ('<a href="http://x">login</a>', "<b>bold</b>")


def test_plain_text_escapes_what_plotly_would_render():
    from cnnviz.figures._common import plain_text

    assert plain_text('<a href="http://x">') == '&lt;a href="http://x"&gt;'
    assert plain_text("<b>R&D</b>") == "&lt;b&gt;R&amp;D&lt;/b&gt;"
    assert plain_text("conv1") == "conv1"


def figure_strings(figure: go.Figure) -> str:
    """Every string in the figure's JSON (as the browser receives it), one per line."""
    out = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(figure.to_json()))
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_layer_names_from_outside_are_literal_in_every_architecture_figure(lang):
    layers = [A.Conv(6, 5, name=HOSTILE_NAMES[0]), A.Activation("relu"), A.MaxPool(2, name=HOSTILE_NAMES[1]),
              A.Conv(16, 40, name=HOSTILE_NAMES[1] + "!")]  # kernel 40 > 12: an invalid row
    network = A.Network("custom", layers, (1, 28, 28))
    summary = A.summarize(network)
    assert [row.status for row in summary.rows][-1] == "invalid"
    volumes = figure_strings(fa.volumes_figure(summary, network, lang=lang))
    costs = figure_strings(fa.cost_figure(summary, lang=lang))
    for text in (volumes, costs):
        assert "<a href" not in text and "<b>" not in text
        assert '&lt;a href="http://x"&gt;login&lt;/a&gt;' in text  # the conv layer's name, drawn as typed
    assert "&lt;b&gt;bold&lt;/b&gt;" in volumes  # the pooling layer's name
    assert "&lt;b&gt;bold&lt;/b&gt;!" in volumes  # the invalid layer's hover
    assert "<br>" in volumes  # the app's own markup around the names stays
