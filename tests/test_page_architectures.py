"""The Architectures page under AppTest: presets, the editable table (and its deep link), the
flagged invalid row with the layers waiting behind it, the Inception reduction and the exports.
Every number checked is one the page shows (tables, metrics, formulas, charts, code)."""

from __future__ import annotations

import pytest
from conftest import APP_PATH, plotly_specs, rendered
from streamlit.testing.v1 import AppTest

KERAS_SPEC = "1x28x28-conv32k3-relu-conv64k3-relu-max2-drop0.25-flat-fc128-relu-drop0.5-fc10-softmax"
SHRINKING = "1x28x28-conv6k5-relu-max2-conv16k5-relu-max2-conv32k5-relu-flat-fc10"  # 4×4 meets a 5×5 kernel
EDITOR = "arch.editor.0.{lang}"


@pytest.fixture
def open_page():
    """Open the page directly (one script run instead of home + switch; same router and shell)."""

    def run(query: dict | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(APP_PATH), default_timeout=30)
        at.query_params["lang"] = lang
        for key, value in (query or {}).items():
            at.query_params[key] = str(value)
        at.switch_page("pages/architectures.py")
        at.run()
        assert not at.exception
        return at

    return run


def summary(at):
    """The summary table (the last dataframe: the editor comes first on custom networks)."""
    return at.dataframe[-1].value


def column(at, label: str, key: str = "Layer") -> dict:
    frame = summary(at)
    return dict(zip(frame[key], frame[label]))


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def texts(at, *kinds) -> str:
    kinds = kinds or ("markdown", "caption", "info", "success", "warning", "error", "latex")
    return rendered("\n".join(e.value for kind in kinds for e in getattr(at, kind)))


def spec_param(at):
    return at.query_params.get("arch.custom")


def latex(at) -> list[str]:
    """The formulas shown (without the $$ fences Streamlit adds)."""
    return [e.value.strip().removeprefix("$$").removesuffix("$$").strip() for e in at.latex]


def edit(at, lang="en", **state):
    """Apply cell edits to the (first-generation) table editor, as the browser would."""
    at.session_state[EDITOR.format(lang=lang)] = {"edited_rows": state.get("edited", {}),
                                                  "added_rows": state.get("added", []),
                                                  "deleted_rows": state.get("deleted", [])}
    at.run()
    assert not at.exception
    return at


# --------------------------------------------------------------------------------------------
# presets
# --------------------------------------------------------------------------------------------

def test_alexnet_default_shows_the_course_sizes_and_formula(open_page):
    at = open_page()
    assert at.title[0].value == "Classic architectures, layer by layer"
    shapes = column(at, "Output shape")
    assert (shapes["conv1"], shapes["pool1"], shapes["conv2"]) == ("96×55×55", "96×27×27", "256×27×27")
    assert column(at, "Parameter formula")["conv1"] == "96×3×11×11+96 = 34,944"
    assert column(at, "Parameters")["fc6"] == "37,752,832"
    assert latex(at)[0] == r"H_{out} = \frac{H - K + 2P}{S} + 1 = \frac{227 - 11 + 2\cdot 0}{4} + 1 = \mathbf{55}"
    assert metrics(at)["Parameters"] == "62,378,344"
    assert metrics(at)["Output"] == "1000"
    assert "Fully connected layers hold **94%** of the parameters but do **5.2%**" in texts(at, "markdown")
    volumes, costs = plotly_specs(at)
    assert len(volumes["layout"]["shapes"]) == 3 * 13  # 13 tensors drawn, three faces each
    fc6 = next(t for t in costs["data"] if t["type"] == "bar" and t["xaxis"] == "x" and "fc6" in t["y"])
    assert fc6["x"][fc6["y"].index("fc6")] == 37_752_832
    code = {c.value.splitlines()[0]: c.value for c in at.code}
    torch = code["# alexnet: input (N, 3, 227, 227), PyTorch NCHW"]
    assert "model = nn.Sequential(" in torch and "nn.Conv2d(3, 96, kernel_size=11, stride=4)" in torch
    assert "layers.Conv2D(96, 11, strides=4, name='conv1')" in code["# alexnet: input (N, 227, 227, 3), Keras NHWC"]
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download the PyTorch code", "Download the Keras code", "Download the table as CSV"]


def test_pick_a_layer_to_see_its_formulas(open_page):
    at = open_page()
    at.selectbox(key="arch.layer").set_value("pool1").run()
    assert latex(at)[0].endswith(r"\frac{55 - 3 + 2\cdot 0}{2} + 1 = \mathbf{27}")
    assert "pool1 has no parameters." in texts(at, "caption")
    at.selectbox(key="arch.layer").set_value("conv2").run()
    assert latex(at)[0].endswith(r"\frac{27 - 5 + 2\cdot 2}{1} + 1 = \mathbf{27}")
    assert latex(at)[1].endswith(r"256 \times 96 \times 5 \times 5+256 = 614{,}656")
    assert at.query_params["arch.layer"] == "conv2"


def test_switch_preset_to_the_keras_example(open_page):
    at = open_page()
    at.selectbox(key="arch.net").set_value("keras-mnist").run()
    assert not at.exception
    assert metrics(at)["Parameters"] == "1,199,882"
    params = column(at, "Parameters")
    assert [params[n] for n in ("conv2d_1", "conv2d_2", "dense_1", "preds")] == ["320", "18,496", "1,179,776", "1,290"]
    assert params["total"] == "1,199,882"
    assert at.query_params["arch.net"] == "keras-mnist"
    assert "nn.Linear(9216, 128)" in at.code[0].value


def test_lenet_1998_partial_connections(open_page):
    at = open_page({"arch.net": "lenet5-1998"})
    params, formulas = column(at, "Parameters"), column(at, "Parameter formula")
    assert (params["C1"], formulas["C1"]) == ("156", "6×1×5×5+6 = 156")
    assert (params["S2"], formulas["S2"]) == ("12", "2×6 = 12")
    assert (params["C3"], formulas["C3"]) == ("1,516", "(5×5×3+1)×6+(5×5×4+1)×9+(5×5×6+1)×1 = 1,516")
    m = at.metric[0]
    assert (m.value, m.proto.delta) == ("60,840", "60,000 trainable")
    assert "class PartialConv2d(nn.Module)" in at.code[0].value
    assert "Not available for this network: Keras has no built-in layer like the lecun_tanh layer" in texts(
        at, "warning")
    assert at.button(key="arch.edit_copy").disabled


def test_lenet5_options_and_alexnet_towers(open_page):
    at = open_page({"arch.net": "lenet5", "arch.act": "tanh", "arch.pool": "avg"})
    assert metrics(at)["Parameters"] == "61,706"
    assert column(at, "Type")["pool1"] == "Average pooling" and column(at, "Type")["tanh1"] == "Tanh"
    at = open_page({"arch.towers": "2"})
    assert metrics(at)["Parameters"] == "60,965,224"
    assert "groups 2" in column(at, "Hyper-parameters")["conv2"]


# --------------------------------------------------------------------------------------------
# the Inception view
# --------------------------------------------------------------------------------------------

def test_inception_reduction_819200_vs_208896(open_page):
    at = open_page({"arch.net": "inception3a"})
    m = metrics(at)
    assert (m["Direct 5×5 conv"], m["1×1 then 5×5"], m["Fewer weights"]) == ("819,200", "208,896", "3.9× fewer")
    formulas = latex(at)
    assert r"128 \times 5 \times 5 \times 256 = 819{,}200" in formulas
    assert (r"128 \times 1 \times 1 \times 32 + 32 \times 5 \times 5 \times 256 = 4{,}096 + 204{,}800"
            r" = 208{,}896") in formulas
    page = texts(at)
    assert ("The slides print 204,800: they leave out the 4,096 weights of the 1×1 layer. "
            "The correct total is 208,896") in page
    assert "**163,696** parameters and 256 output channels" in page and "**387,296** parameters and give 416" in page
    reduction = plotly_specs(at)[1]
    assert [t["x"][0] for t in reduction["data"]] == [819_200, 4_096, 204_800, 204_800]
    lanes = next(t for t in plotly_specs(at)[0]["data"] if t["name"] == "names")
    assert lanes["text"] == ["Input", "1x1", "3x3_reduce", "3x3", "5x5_reduce", "5x5", "pool", "pool_proj",
                             "inception3a"]
    at.slider(key="arch.reduce").set_value(16).run()
    assert metrics(at)["1×1 then 5×5"] == "104,448"
    assert "With 16 channels the 1×1 layer has 2,048 weights and the 5×5 layer 102,400: 104,448 in all." in texts(at)


# --------------------------------------------------------------------------------------------
# the editable table
# --------------------------------------------------------------------------------------------

def test_edit_a_copy_then_add_a_layer(open_page):
    at = open_page({"arch.net": "keras-mnist"})
    at.button(key="arch.edit_copy").click().run()
    assert at.selectbox(key="arch.net").value == "custom"
    assert spec_param(at) == KERAS_SPEC
    table = at.data_editor[0]
    assert table.editing_mode == "dynamic"
    assert table.value["type"].tolist()[:5] == ["conv", "relu", "conv", "relu", "maxpool"]
    assert metrics(at)["Parameters"] == "1,199,882"
    edit(at, added=[{"type": "linear", "out": 5}])
    assert metrics(at)["Parameters"] == "1,199,937"  # + 5×10+5
    assert column(at, "Parameter formula")["linear3"] == "5×10+5 = 55"
    assert column(at, "Table row")["linear3"] == "13"
    assert spec_param(at) == KERAS_SPEC + "-fc5"


def test_the_main_table_fits_and_the_total_is_pinned_under_it(open_page):
    main, total, full = (d.value for d in open_page().dataframe)  # AlexNet: every row is fine
    assert list(main.columns) == ["Layer", "Output shape", "Parameters", "Multiply-adds", "Receptive field / jump"]
    assert "total" not in set(main["Layer"]) and list(total["Layer"]) == ["total"]
    assert list(total["Parameters"]) == ["62,378,344"]
    assert {"Type", "Parameter formula", "Activation memory"} <= set(full.columns)  # details in the expander
    at = edit(open_page({"arch.net": "custom"}), edited={3: {"kernel": "15"}})  # LeNet-5's conv2 breaks
    editor, main, total, full = (d.value for d in at.dataframe)
    assert list(main.columns)[-2:] == ["Status", "Reason and fix"]  # status only when a row is not ok
    status = dict(zip(main["Layer"], main["Status"]))
    assert status["conv1"] == "" and status["conv2"] == "✗ invalid"


def test_an_invalid_layer_is_flagged_and_the_rows_after_it_wait(open_page):
    at = open_page({"arch.net": "custom"})
    assert spec_param(at) is None  # the default table (LeNet-5) keeps the link short
    edit(at, edited={3: {"kernel": "15"}})  # conv2: a 15×15 kernel on a 14×14 map
    assert at.error[0].value == (
        "**Row 4 (conv2)** cannot work: kernel span 15 exceeds padded input 14. **Fix:** lower the kernel size "
        "or dilation, or add padding. The 8 layers after it wait; the totals count the layers before it.")
    status, note = column(at, "Status"), column(at, "Reason and fix")
    assert status["conv2"] == "✗ invalid"
    assert note["conv2"] == "kernel span 15 exceeds padded input 14 → lower the kernel size or dilation, or add padding"
    assert [status[n] for n in ("relu2", "maxpool2", "linear1", "linear3")] == ["… waiting"] * 4
    assert note["linear3"] == "waiting for a layer above to be fixed"
    assert column(at, "Parameters")["total"] == "156"
    assert metrics(at)["Output"] == "—"
    assert latex(at)[0].endswith(r"\frac{14 - 15 + 2\cdot 0}{1} + 1 = 0 \le 0 \;\;\text{✗}")
    volumes = plotly_specs(at)[0]
    assert [s["line"].get("dash") for s in volumes["layout"]["shapes"]].count("dash") == 3
    assert texts(at, "warning").count("Code needs a network that works: kernel span 15 exceeds padded input 14") == 2
    assert "invalid" in at.code[-1].value  # the CSV still exports, with the status
    assert spec_param(at) == "1x28x28-conv6k5p2-relu-max2-conv16k15-relu-max2-flat-fc120-relu-fc84-relu-fc10"


def test_a_teachers_link_reproduces_the_network(open_page):
    at = open_page({"arch.net": "custom", "arch.custom": SHRINKING}, lang="zh")
    editor = at.data_editor[0].value
    assert editor["type"].tolist() == ["conv", "relu", "maxpool", "conv", "relu", "maxpool", "conv", "relu",
                                       "flatten", "linear"]
    assert editor["out"].tolist()[:1] == [6] and editor["kernel"].tolist()[6] == "5"
    assert at.error[0].value.startswith("**第 7 行（conv3）** 无法计算：")
    assert column(at, "状态", key="层")["conv3"] == "✗ 无效"
    assert spec_param(at) == SHRINKING


def test_the_last_layer_invalid_has_no_waiting_rows(open_page):
    at = open_page({"arch.net": "custom", "arch.custom": "5-fc3-relu-conv3"})
    assert at.error[0].value == (
        "**Row 3 (conv1)** cannot work: the conv layer needs a (C, H, W) feature map, but gets 3. **Fix:** move it "
        "before the flatten layer. The totals count the layers before it.")
    assert metrics(at)["Parameters"] == "18"


def test_a_bad_link_is_explained_and_falls_back(open_page):
    at = open_page({"arch.net": "custom", "arch.custom": "1x28x28-conv6k5-foo"})
    assert ("The network in the link cannot be read: layer 2 “foo”: unknown layer. Fix: start each layer with "
            "one of conv, max, avg") in texts(at, "warning")
    assert "arch.custom" in texts(at, "info")  # the shell's notice about the invalid link value
    assert metrics(at)["Parameters"] == "61,706"  # the default LeNet-5 table
    assert spec_param(at) is None


def test_move_duplicate_and_remove_rows(open_page):
    at = open_page({"arch.net": "custom", "arch.custom": KERAS_SPEC})
    at.selectbox(key="arch.move_row").set_value(2).run()
    at.button(key="arch.row_up").click().run()
    assert spec_param(at) == KERAS_SPEC.replace("conv32k3-relu", "relu-conv32k3")
    assert at.selectbox(key="arch.move_row").value == 1
    at.button(key="arch.row_down").click().run()
    assert spec_param(at) == KERAS_SPEC
    at.selectbox(key="arch.move_row").set_value(3).run()
    at.button(key="arch.row_copy").click().run()
    assert spec_param(at) == KERAS_SPEC.replace("conv64k3", "conv64k3-conv64k3")
    assert column(at, "Output shape")["conv3"] == "64×22×22"
    at.button(key="arch.row_remove").click().run()
    assert spec_param(at) == KERAS_SPEC
    assert len(at.data_editor[0].value) == 12


def test_edits_survive_a_language_switch_and_a_preset_visit(open_page):
    at = open_page({"arch.net": "custom"})
    edit(at, edited={0: {"out": 8}})
    changed = "1x28x28-conv8k5p2-relu-max2-conv16k5-relu-max2-flat-fc120-relu-fc84-relu-fc10"
    assert spec_param(at) == changed
    at.radio(key="app.lang").set_value("zh").run()
    assert spec_param(at) == changed and at.data_editor[0].value["out"].tolist()[0] == 8
    at.selectbox(key="arch.net").set_value("vgg16").run()
    assert spec_param(at) is None
    at.selectbox(key="arch.net").set_value("custom").run()
    assert spec_param(at) == changed


def test_unreadable_rows_and_input_shapes_are_explained(open_page):
    at = open_page({"arch.net": "custom"})
    edit(at, added=[{"out": 5}], edited={0: {"stride": "-1"}})
    warnings = texts(at, "warning")
    assert "Row 13 is left out of the network: unknown layer type —." in warnings
    assert "Row 1 is left out of the network: “stride” must be a whole number ≥ 1 (got -1)." in warnings
    edit(at, edited={0: {"kernel": "99999999"}})  # the table holds it, the link could not
    assert ("This network text cannot be read: layer 1 “conv6k99999999p2”: a number is larger than 1,000,000."
            in texts(at, "warning"))
    edit(at, deleted=list(range(12)))
    assert "The table has no layers yet: add a row with ＋ below the table." in texts(at, "info")
    assert metrics(at)["Output"] == "1×28×28"
    at.text_input(key="arch.input.0.en").set_value("28 by 28").run()
    assert "The input shape cannot be read: the first item must be the input shape" in texts(at, "warning")
    assert not at.dataframe[1:]  # no summary until the input reads


def test_load_a_network_from_text(open_page):
    at = open_page({"arch.net": "custom"})
    at.text_input(key="arch.paste").set_value("3x32x32-conv16k3p1-relu-max2-flat-fc10").run()
    at.button(key="arch.load").click().run()
    assert spec_param(at) == "3x32x32-conv16k3p1-relu-max2-flat-fc10"
    assert metrics(at)["Parameters"] == "41,418"  # 16·3·9+16 = 448, 10·4096+10 = 40,970
    at.text_input(key="arch.paste").set_value("3x32x32-conv").run()
    at.button(key="arch.load").click().run()
    assert ("This network text cannot be read: layer 1 “conv”: conv and fc layers need a whole number of filters "
            "or units.") in texts(at, "warning")
    assert spec_param(at) == "3x32x32-conv16k3p1-relu-max2-flat-fc10"


# --------------------------------------------------------------------------------------------
# languages and presentation mode
# --------------------------------------------------------------------------------------------

def test_chinese_page(open_page):
    at = open_page({"arch.net": "keras-mnist"}, lang="zh")
    assert at.title[0].value == "经典网络结构：逐层拆解"
    assert metrics(at)["参数量"] == "1,199,882"
    assert column(at, "类型", key="层")["conv2d_1"] == "卷积"
    csv = at.code[-1].value
    assert csv.splitlines()[0].startswith("序号,层,类型")
    assert csv.splitlines()[-1].startswith(",合计,")
    assert [b.proto.label for b in at.get("download_button")][2] == "下载 CSV 表格"


def test_presentation_mode_has_fewer_controls(open_page):
    at = open_page({"arch.net": "custom", "present": "1"})
    keys = {b.key for b in at.button}
    assert "arch.row_up" not in keys and "arch.load" not in keys
    assert "Hyper-parameters" not in summary(at).columns
    at = open_page({"present": "1"})
    assert "arch.edit_copy" not in {b.key for b in at.button}
    assert metrics(at)["Parameters"] == "62,378,344"
