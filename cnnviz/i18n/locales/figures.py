"""Strings drawn inside figures (cnnviz/figures/): subplot titles, equations, animation controls."""

STRINGS = {
    # subplot titles
    "figures.input": {"en": "Input", "zh": "输入"},
    "figures.input_padded": {"en": "Input (with padding)", "zh": "输入（含填充）"},
    "figures.input_channel": {"en": "Input · channel {c}", "zh": "输入 · 通道 {c}"},
    "figures.kernel": {"en": "Kernel", "zh": "卷积核"},
    "figures.kernel_rotated": {"en": "Kernel rotated 180°", "zh": "核旋转 180°"},
    "figures.kernel_channel": {"en": "Kernel · channel {c}", "zh": "卷积核 · 通道 {c}"},
    "figures.products": {"en": "Products (input × kernel)", "zh": "逐元素乘积"},
    "figures.products_channel": {"en": "Products · channel {c}", "zh": "乘积 · 通道 {c}"},
    "figures.output": {"en": "Output", "zh": "输出"},
    "figures.output_channel": {"en": "Output · channel {c}", "zh": "输出 · 通道 {c}"},
    "figures.window": {"en": "Window", "zh": "窗口"},
    "figures.window_channel": {"en": "Window · channel {c}", "zh": "窗口 · 通道 {c}"},
    "figures.original_input": {"en": "Input x", "zh": "输入 x"},
    "figures.original_input_channel": {"en": "Input x · channel {c}", "zh": "输入 x · 通道 {c}"},
    "figures.stuffed": {
        "en": "Zeros inserted (stride {s}) and padded",
        "zh": "插入零（步长 {s}）并填充",
    },
    "figures.stuffed_channel": {
        "en": "Zeros inserted + padded · channel {c}",
        "zh": "插零并填充 · 通道 {c}",
    },
    "figures.map": {"en": "Map {i}", "zh": "特征图 {i}"},
    # notes under the grids
    "figures.note_padding": {"en": "hatched ▨ = zero padding", "zh": "斜线 ▨ = 零填充"},
    "figures.note_padding_max": {
        "en": "hatched ▨ = padding (−∞, never the max)",
        "zh": "斜线 ▨ = 填充（−∞，永远不是最大值）",
    },
    "figures.note_overhang": {
        "en": "grey ▨ past the edge = ceil_mode overhang (ignored)",
        "zh": "边缘外的灰色 ▨ = 向上取整多出的部分（忽略）",
    },
    "figures.note_inserted": {
        "en": "dotted ░ = inserted zeros, hatched ▨ = padding D(K−1)−P = {p}",
        "zh": "点状 ░ = 插入的零，斜线 ▨ = 填充 D(K−1)−P = {p}",
    },
    "figures.note_cropped": {
        "en": "padding {p} > D(K−1): the zero-inserted input is cropped",
        "zh": "填充 {p} > D(K−1)：插零后的输入被裁剪",
    },
    # equations (one step)
    "figures.sum_terms": {"en": "Σ products = {terms} = {total}", "zh": "乘积之和 Σ = {terms} = {total}"},
    "figures.sum_many": {"en": "Σ of the {n} products = {total}", "zh": "{n} 个乘积之和 Σ = {total}"},
    "figures.sum_channels": {"en": "Σ over channels = {terms} = {total}", "zh": "各通道求和 Σ = {terms} = {total}"},
    "figures.channel_term": {"en": "{value} (ch {c})", "zh": "{value}（通道 {c}）"},
    "figures.channel_sum": {"en": "Σ = {total}", "zh": "Σ = {total}"},
    "figures.output_line": {
        "en": "output({r}, {c}) = Σ + b = {total} + {bias} = {value}",
        "zh": "输出({r}, {c}) = Σ + b = {total} + {bias} = {value}",
    },
    "figures.max_terms": {"en": "max({terms}) = {value}", "zh": "max({terms}) = {value}"},
    "figures.max_many": {"en": "max of the {n} values = {value}", "zh": "{n} 个值的最大值 = {value}"},
    "figures.avg_terms": {"en": "({terms}) ÷ {divisor} = {value}", "zh": "({terms}) ÷ {divisor} = {value}"},
    "figures.avg_many": {
        "en": "sum of the {n} values ÷ {divisor} = {total} ÷ {divisor} = {value}",
        "zh": "{n} 个值之和 ÷ {divisor} = {total} ÷ {divisor} = {value}",
    },
    "figures.divisor_with_pad": {
        "en": "divisor {divisor}: padding cells count (count_include_pad=True)",
        "zh": "除数 {divisor}：填充格也计入（`count_include_pad=True`）",
    },
    "figures.divisor_without_pad": {
        "en": "divisor {divisor}: only real input cells count (count_include_pad=False)",
        "zh": "除数 {divisor}：只计入真实输入格（`count_include_pad=False`）",
    },
    "figures.pool_output_line": {"en": "output({r}, {c})", "zh": "输出({r}, {c})"},
    "figures.channel_prefix": {"en": "ch {c}: ", "zh": "通道 {c}："},
    # animation controls
    "figures.play": {"en": "▶ Play", "zh": "▶ 播放"},
    "figures.pause": {"en": "❚❚ Pause", "zh": "❚❚ 暂停"},
    "figures.speed": {"en": "Speed", "zh": "速度"},
    "figures.step_prefix": {"en": "Output cell ", "zh": "输出位置 "},
}
