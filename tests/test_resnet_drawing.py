"""/architectures draws ResNet-18 with its skip connections: one arc per residual block, identity
(dashed) or 1×1 projection (solid), from the block's input box to its output box."""

from cnnviz import architectures as A
from cnnviz.figures import architectures as figs


def test_resnet18_volumes_show_eight_skips_three_of_them_projections():
    net = A.get_preset("resnet18")
    summary = A.summarize(net)
    boxes, _ = figs._layout(summary, net)
    skips = figs._skips(summary, net, boxes)
    assert [(start.row.name, end.row.name, projected) for start, end, projected in skips] == [
        ("maxpool", "layer1.0", False), ("layer1.0", "layer1.1", False),
        ("layer1.1", "layer2.0", True), ("layer2.0", "layer2.1", False),
        ("layer2.1", "layer3.0", True), ("layer3.0", "layer3.1", False),
        ("layer3.1", "layer4.0", True), ("layer4.0", "layer4.1", False)]
    figure = figs.volumes_figure(summary, net).to_plotly_json()
    arcs = [shape for shape in figure["layout"]["shapes"] if shape["path"].count(" C ") == 1]
    assert len(arcs) == 8 and sum(arc["line"]["dash"] == "solid" for arc in arcs) == 3
    names = [trace.get("name") for trace in figure["data"]]
    assert "skip connection (identity)" in names and "projection shortcut (1×1 conv)" in names
    top = max(float(arc["path"].split()[-1].split(",")[1]) for arc in arcs)
    assert figure["layout"]["yaxis"]["range"][1] > top  # the arcs stay inside the figure


def test_networks_without_residual_blocks_have_no_arcs():
    net = A.get_preset("lenet5")
    figure = figs.volumes_figure(A.summarize(net), net).to_plotly_json()
    assert not any(" C " in shape["path"] for shape in figure["layout"]["shapes"])
    assert "skip connection (identity)" not in [trace.get("name") for trace in figure["data"]]
