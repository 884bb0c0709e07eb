"""AppTest of pages/receptive_field.py: the stack, the examples, the picker, the table and the formulas."""

from __future__ import annotations

from conftest import plotly_specs

from cnnviz.figures.receptive import PICK_TRACE_NAME


def table(at):
    """The layer table as a DataFrame (index = layer)."""
    return at.table[0].value


def column(at, name: str) -> list:
    return [int(v) for v in table(at)[name]]


def markdown(at) -> str:
    return "\n".join(element.value for element in at.markdown)


def test_default_stack_conv_pool_conv(app_test):
    at = app_test("receptive_field")
    assert not at.exception
    assert at.text_input(key="receptive.stack").value == "c3, p2, c3"
    assert column(at, "RF") == [1, 3, 4, 8]
    assert column(at, "Jump") == [1, 1, 2, 2]
    assert list(table(at)["Start"]) == ["0", "1", "1.5", "3.5"]
    assert list(table(at)["Output size"]) == ["16×16", "14×14", "7×7", "5×5"]
    assert "Unit **(2, 2)** of the last map sees input rows **4…11** and columns **4…11**: a **8 × 8**" in markdown(at)
    formulas = "\n".join(element.value for element in at.latex)
    assert r"r_{3} &= 4 + 1\cdot(3-1)\cdot 2 = 8" in formulas
    assert r"\text{row}_0 = 0 + 2\cdot 2 = 4" in formulas
    spec = plotly_specs(at)[0]
    assert [trace["name"] for trace in spec["data"] if trace.get("name") == PICK_TRACE_NAME] == [PICK_TRACE_NAME]


def test_examples_and_typed_stacks(app_test):
    at = app_test("receptive_field")
    at.button(key="receptive.example.three_conv").click().run()
    assert at.text_input(key="receptive.stack").value == "c3, c3, c3"
    assert column(at, "RF") == [1, 3, 5, 7] and column(at, "Jump") == [1, 1, 1, 1]
    at.button(key="receptive.example.lenet").click().run()
    assert at.slider(key="receptive.size").value == 32
    assert column(at, "RF") == [1, 5, 6, 14, 16]
    assert list(table(at)["Output size"]) == ["32×32", "28×28", "14×14", "10×10", "5×5"]
    at.button(key="receptive.example.gridding").click().run()
    assert "56 of the 81 input pixels" in markdown(at)  # the holes of stacked dilated convolutions
    at.text_input(key="receptive.stack").input("c3s2p1, c3s2p1").run()
    assert column(at, "RF") == [1, 3, 7] and column(at, "Jump") == [1, 2, 4]
    assert at.query_params["receptive.stack"] == "c3s2p1, c3s2p1"
    assert not at.exception


def test_picking_a_unit_and_the_input_size(app_test):
    at = app_test("receptive_field")
    at.slider(key="receptive.row").set_value(0).run()
    at.slider(key="receptive.col").set_value(4).run()
    assert "sees input rows **0…7** and columns **8…15**" in markdown(at)
    spec = plotly_specs(at)[0]
    assert spec["layout"]["annotations"][-1]["text"].endswith("chosen unit (0, 4)")
    at.slider(key="receptive.size").set_value(10).run()  # 10 → 8 → 4 → 2: the picked unit is clamped
    assert list(table(at)["Output size"]) == ["10×10", "8×8", "4×4", "2×2"]
    assert at.slider(key="receptive.col").value == 1
    assert not at.exception


def test_padding_reaches_outside_the_input(app_test):
    at = app_test("receptive_field", query={"receptive.stack": "c3p1, c3p1, p2", "receptive.row": 0,
                                            "receptive.col": 0})
    assert column(at, "RF") == [1, 3, 5, 6]
    assert "sees input rows **-2…3**" in markdown(at)
    assert "zero padding" in markdown(at)
    assert list(table(at)["Start"]) == ["0", "0", "0", "0.5"]  # padding moves the field to the left


def test_invalid_stacks_are_explained(app_test):
    at = app_test("receptive_field")
    at.text_input(key="receptive.stack").input("c3, x2").run()
    assert at.warning and "layer 2 “x2” is not understood" in at.warning[0].value
    assert "write c (conv) or p (pool)" in at.warning[0].value
    assert not plotly_specs(at)
    at.text_input(key="receptive.stack").input("c5, c5, c5").run()
    at.slider(key="receptive.size").set_value(10).run()
    assert at.warning and "Layer 3 (c5) receives a 2 × 2 map and produces nothing" in at.warning[0].value
    assert "kernel span 5 exceeds padded input 2" in at.warning[0].value
    assert column(at, "RF") == [1, 5, 9, 13]  # the fields are still listed
    assert list(table(at)["Output size"])[-1] == "empty"
    assert not at.exception


def test_chinese_presentation_and_bad_links(app_test):
    at = app_test("receptive_field", lang="zh", query={"present": "1", "receptive.stack": "c3d2,c3d2"})
    assert not at.exception
    assert column(at, "感受野") == [1, 5, 9]
    assert "81 个输入像素中有 56 个" in markdown(at)
    assert len(at.latex) == 1  # presentation: the box formula is left out
    bad = app_test("receptive_field", query={"receptive.stack": "c3,zz"})
    assert bad.info and "receptive.stack" in bad.info[0].value
    assert bad.text_input(key="receptive.stack").value == "c3, p2, c3"
    assert not bad.exception
