"""Strings of the Receptive-field page (pages/receptive_field.py), its figure (cnnviz/figures/receptive.py)
and the layer-stack parser of cnnviz/lessons/connectivity.py (keys ``receptive.spec.*``, each with a ``.fix``)."""

STRINGS = {
    "receptive.title": {"en": "Receptive field: what one unit can see", "zh": "感受野：一个神经元能“看到”多大范围"},
    "receptive.intro": {
        "en": (
            "The **receptive field** of a unit is the region of the input that can change its value. "
            "(The idea comes from Hubel and Wiesel's studies of the visual cortex: a neuron responds only to "
            "stimuli inside its own region.) One 3 × 3 convolution sees 3 × 3 pixels; stacking layers makes "
            "the field grow, and pooling or a stride makes it grow *faster*, because every later step moves "
            "several input pixels at once (the **jump**). Build a stack below, pick an output unit, and follow "
            "its field back to the input."
        ),
        "zh": (
            "一个单元的**感受野**是输入中能够影响它取值的那片区域。（这个概念来自 Hubel 和 Wiesel 对视觉皮层的"
            "研究：神经元只接受其所支配的刺激区域内的信号。）一个 3 × 3 卷积只看 3 × 3 个像素；层层堆叠后"
            "感受野不断变大，而池化或步长会让它变大得*更快*，因为之后每移动一步都对应输入上的好几个像素"
            "（即**累积步长**）。在下面搭一个网络，选一个输出单元，沿着它的感受野一路追溯回输入。"
        ),
    },
    # --- controls -----------------------------------------------------------------------------
    "receptive.stack": {"en": "Layers, first to last", "zh": "网络层（从前到后）"},
    "receptive.stack_help": {
        "en": (
            "One layer per item, separated by commas: c = convolution, p = pooling, then the kernel size, then "
            "optional s<stride>, p<padding>, d<dilation>. Defaults: stride 1 for conv and the kernel size for "
            "pooling, padding 0, dilation 1. Example: c3p1, p2, c3d2 = 3×3 conv with padding 1, 2×2 pooling "
            "(stride 2), 3×3 conv with dilation 2. At most {limit} layers."
        ),
        "zh": (
            "每层一项，用逗号分隔：c = 卷积，p = 池化，后跟卷积核大小，再可选 s<步长>、p<填充>、d<膨胀率>。"
            "默认：卷积步长 1，池化步长等于窗口大小，填充 0，膨胀率 1。例如 c3p1, p2, c3d2 = 填充为 1 的 3×3 卷积、"
            "2×2 池化（步长 2）、膨胀率为 2 的 3×3 卷积。最多 {limit} 层。"
        ),
    },
    "receptive.grammar": {
        "en": "**c**3 = conv 3×3 · **p**2 = pool 2×2 (stride 2) · add **s**2 stride, **p**1 padding, **d**2 dilation, e.g. `c3s2p1`",
        "zh": "**c**3 = 3×3 卷积 · **p**2 = 2×2 池化（步长 2）· 追加 **s**2 步长、**p**1 填充、**d**2 膨胀率，例如 `c3s2p1`",
    },
    "receptive.examples": {"en": "Examples:", "zh": "示例："},
    "receptive.example.three_conv": {"en": "3 × conv 3×3", "zh": "3 个 3×3 卷积"},
    "receptive.example.conv_pool_conv": {"en": "conv · pool · conv", "zh": "卷积 · 池化 · 卷积"},
    "receptive.example.vgg": {"en": "VGG blocks", "zh": "VGG 模块"},
    "receptive.example.dilated": {"en": "dilated 1-2-4", "zh": "膨胀 1-2-4"},
    "receptive.example.gridding": {"en": "dilated 2-2 (holes)", "zh": "膨胀 2-2（空洞）"},
    "receptive.example.lenet": {"en": "LeNet-5", "zh": "LeNet-5"},
    "receptive.size": {"en": "Input size (H = W)", "zh": "输入尺寸（H = W）"},
    "receptive.row": {"en": "Output row", "zh": "输出行"},
    "receptive.col": {"en": "Output column", "zh": "输出列"},
    "receptive.pick_hint": {
        "en": "Pick the output unit with the sliders, or click a cell of the last map.",
        "zh": "用滑块选择输出单元，或直接点击最后一张特征图中的格子。",
    },
    "receptive.kind.conv": {"en": "conv", "zh": "卷积"},
    "receptive.kind.pool": {"en": "pool", "zh": "池化"},
    # --- parser problems (cnnviz.lessons.connectivity.parse_layer_stack) ------------------------------
    "receptive.spec.empty": {"en": "the stack has no layers", "zh": "网络中还没有任何层"},
    "receptive.spec.empty.fix": {
        "en": "type at least one layer, e.g. c3 (a 3×3 convolution)",
        "zh": "请至少输入一层，例如 c3（一个 3×3 卷积）",
    },
    "receptive.spec.too_many": {
        "en": "the stack has {count} layers, more than {limit}",
        "zh": "网络有 {count} 层，超过了上限 {limit} 层",
    },
    "receptive.spec.too_many.fix": {
        "en": "remove layers until at most {limit} are left",
        "zh": "请删去一些层，最多保留 {limit} 层",
    },
    "receptive.spec.token": {
        "en": "layer {index} “{token}” is not understood",
        "zh": "第 {index} 层“{token}”无法识别",
    },
    "receptive.spec.token.fix": {
        "en": "write c (conv) or p (pool), the kernel size, then optional s<stride>, p<padding>, d<dilation> — e.g. c3, p2, c3s2p1",
        "zh": "请写成 c（卷积）或 p（池化）+ 卷积核大小，再可选 s<步长>、p<填充>、d<膨胀率>，例如 c3、p2、c3s2p1",
    },
    "receptive.spec.repeated": {
        "en": "layer {index} “{token}” gives the {name} twice",
        "zh": "第 {index} 层“{token}”重复指定了 {name}",
    },
    "receptive.spec.repeated.fix": {"en": "give each of s, p, d at most once", "zh": "s、p、d 每项最多写一次"},
    "receptive.spec.range": {
        "en": "layer {index} “{token}”: {name} {value} is outside {low}–{high}",
        "zh": "第 {index} 层“{token}”：{name} = {value} 超出了范围 {low}–{high}",
    },
    "receptive.spec.range.fix": {
        "en": "choose a {name} between {low} and {high}",
        "zh": "请把 {name} 设在 {low} 到 {high} 之间",
    },
    # --- results ------------------------------------------------------------------------------
    "receptive.invalid_stack": {"en": "This stack cannot be read: {problem}.", "zh": "无法解析这个网络：{problem}。"},
    "receptive.failed": {
        "en": (
            "Layer {index} ({code}) receives a {size} × {size} map and produces nothing: {problem}. "
            "Make the input larger, or use padding, smaller kernels or strides earlier in the stack."
        ),
        "zh": (
            "第 {index} 层（{code}）的输入只有 {size} × {size}，输出为空：{problem}。"
            "请增大输入尺寸，或在前面的层中使用填充、更小的卷积核或步长。"
        ),
    },
    "receptive.failed_table": {
        "en": "The receptive field does not depend on the input size, so the table still lists every layer.",
        "zh": "感受野与输入尺寸无关，因此下表仍然列出了每一层。",
    },
    "receptive.selected": {
        "en": (
            "Unit **({row}, {col})** of the last map sees input rows **{r0}…{r1}** and columns **{c0}…{c1}**: "
            "a **{rf} × {rf}** receptive field."
        ),
        "zh": "最后一张特征图的单元 **({row}, {col})** 能看到输入的第 **{r0}…{r1}** 行、第 **{c0}…{c1}** 列："
              "感受野为 **{rf} × {rf}**。",
    },
    "receptive.selected_padding": {
        "en": "Part of it lies outside the {size} × {size} input (hatched): there the network only sees zero padding.",
        "zh": "其中一部分超出了 {size} × {size} 的输入（斜线区域）：那里网络看到的只是补零。",
    },
    "receptive.holes": {
        "en": (
            "Notice the gaps: with dilation, {missing} of the {area} input pixels inside the field never reach "
            "this unit (the “gridding” effect of stacked dilated convolutions)."
        ),
        "zh": "注意其中的空洞：由于膨胀卷积，感受野内 {area} 个输入像素中有 {missing} 个根本无法影响这个单元"
              "（堆叠膨胀卷积的“网格效应”）。",
    },
    "receptive.colour_note": {
        "en": (
            "Blue shading = number of paths from that unit to the chosen output (numbers in small grids). The "
            "centre is reached by many more paths than the edges, so in a trained network the *effective* "
            "receptive field is smaller than the box and roughly bell-shaped. Orange box = full receptive field."
        ),
        "zh": "蓝色深浅 = 从该单元到所选输出单元的路径数（小网格中直接标出数字）。中心处的路径远多于边缘，"
              "所以训练后的网络中，*有效*感受野比方框小，大致呈钟形。橙色方框 = 完整的感受野。",
    },
    "receptive.table_header": {"en": "Layer by layer", "zh": "逐层计算"},
    "receptive.col.layer": {"en": "Layer", "zh": "层"},
    "receptive.col.type": {"en": "Type", "zh": "类型"},
    "receptive.col.kernel": {"en": "K", "zh": "K"},
    "receptive.col.stride": {"en": "S", "zh": "S"},
    "receptive.col.padding": {"en": "P", "zh": "P"},
    "receptive.col.dilation": {"en": "D", "zh": "D"},
    "receptive.col.size": {"en": "Output size", "zh": "输出尺寸"},
    "receptive.col.rf": {"en": "RF", "zh": "感受野"},
    "receptive.col.jump": {"en": "Jump", "zh": "累积步长"},
    "receptive.col.start": {"en": "Start", "zh": "起点"},
    "receptive.input_row": {"en": "input", "zh": "输入"},
    "receptive.empty_size": {"en": "empty", "zh": "空"},
    "receptive.table_help": {
        "en": (
            "**RF**: side of the input region one unit sees. **Jump**: input pixels between neighbouring units "
            "(the product of the strides so far). **Start**: input coordinate of the centre of unit 0's field "
            "(negative or fractional when padding or even kernels shift it)."
        ),
        "zh": "**感受野**：一个单元能看到的输入区域的边长。**累积步长**：相邻两个单元在输入上相隔的像素数（此前各层步长之积）。"
              "**起点**：第 0 个单元感受野中心在输入上的坐标（有填充或偶数核时可能为负数或小数）。",
    },
    "receptive.formula_header": {"en": "The recurrence, with your numbers", "zh": "递推公式（代入当前数值）"},
    "receptive.formula_text": {
        "en": "Starting from r₀ = 1 and j₀ = 1 at the input, each layer adds (its kernel span − 1) steps of the current jump:",
        "zh": ("从输入处 r₀ = 1、j₀ = 1 开始，每一层都把感受野加上（该层核的覆盖范围 − 1）"
               "个当前累积步长："),
    },
    "receptive.formula_box": {
        "en": "The field of unit (row, col) starts at input row top + row·jump (top = the first row of unit 0's field):",
        "zh": ("单元 (行 i, 列 j) 的感受野从输入的第 r₀ + i·累积步长 行开始（r₀ 为第 "
               "0 个单元感受野的第一行）："),
    },
    # --- figure -------------------------------------------------------------------------------
    "receptive.fig.input": {"en": "Input {n}×{n}", "zh": "输入 {n}×{n}"},
    "receptive.fig.input_rf": {"en": "field {rf}×{rf}", "zh": "感受野 {rf}×{rf}"},
    "receptive.fig.layer": {"en": "{i}. {label} → {n}×{n}", "zh": "{i}. {label} → {n}×{n}"},
    "receptive.fig.stage_rf": {"en": "field {rf}×{rf} here", "zh": "在此层上的范围 {rf}×{rf}"},
    "receptive.fig.unit": {"en": "chosen unit ({row}, {col})", "zh": "所选单元 ({row}, {col})"},
    "receptive.fig.hover": {"en": "(%{y}, %{x}): %{customdata} paths", "zh": "(%{y}, %{x})：%{customdata} 条路径"},
    "receptive.fig.pick_hover": {"en": "click to pick (%{y}, %{x})", "zh": "点击选择 (%{y}, %{x})"},
}
