"""Strings of the Pooling page (pages/pooling.py) and its figures (cnnviz/figures/pooling.py)."""

STRINGS = {
    "pooling.title": {"en": "Pooling", "zh": "池化"},
    "pooling.intro": {
        "en": "A pooling layer slides a small window over each feature map and keeps **one number per "
              "window**: the largest (max pooling) or the mean (average pooling). The map gets smaller, "
              "small shifts of the input matter less, and there is **nothing to learn**: pooling has no "
              "weights.",
        "zh": "池化层在每张特征图上滑动一个小窗口，**每个窗口只保留一个数**：最大值（最大池化）或平均值"
              "（平均池化）。特征图因此变小，输入的微小平移影响变小，而且池化层**没有任何需要学习的参数**。",
    },
    # --- input ------------------------------------------------------------------------------
    "pooling.preset": {"en": "Input", "zh": "输入"},
    "pooling.preset.course6": {"en": "Course example 6×6", "zh": "课程示例 6×6"},
    "pooling.preset.classic4": {"en": "Classic example 4×4", "zh": "经典示例 4×4"},
    "pooling.preset.random": {"en": "Random integers", "zh": "随机整数"},
    "pooling.preset.digit": {"en": "MNIST digit (12×12)", "zh": "MNIST 手写数字（12×12）"},
    "pooling.preset.edge": {"en": "Step edge 8×8", "zh": "阶跃边缘 8×8"},
    "pooling.preset.custom": {"en": "Type your own", "zh": "自己输入"},
    "pooling.preset_note.course6": {
        "en": "From the course slides: 6×6 input, 3×3 window, stride 3 → 2×2. With stride 1 the windows "
              "overlap and the output is 4×4.",
        "zh": "来自课程课件：输入 6×6，池化窗口 3×3，步长 3 → 输出 2×2。步长改为 1 时窗口相互重叠，输出为 4×4。",
    },
    "pooling.preset_note.classic4": {
        "en": "2×2 max pooling with stride 2 keeps 6, 8, 3 and 4: the largest value of each quarter.",
        "zh": "2×2 最大池化、步长 2，保留 6、8、3、4：每个四分之一区域中的最大值。",
    },
    "pooling.preset_note.edge": {
        "en": "A vertical edge: dark on the left, bright on the right. Good for the shift demo below.",
        "zh": "一条竖直边缘：左边暗、右边亮。适合下方的平移实验。",
    },
    "pooling.preset_note.custom": {
        "en": "Type numbers below; the page pools exactly what you type.",
        "zh": "在下方输入数字，页面会对你输入的内容做池化。",
    },
    "pooling.size": {"en": "Size (n × n)", "zh": "尺寸（n × n）"},
    "pooling.seed": {"en": "Random seed", "zh": "随机种子"},
    "pooling.digit": {"en": "Digit number (test set)", "zh": "数字编号（测试集）"},
    "pooling.digit_help": {
        "en": "One of the 1,000 bundled MNIST test digits, shrunk to {side}×{side} and shown as ink levels 0–9.",
        "zh": "随附的 1,000 个 MNIST 测试数字之一，缩小到 {side}×{side}，以 0–9 的墨迹深浅显示。",
    },
    "pooling.grid": {"en": "Your grid", "zh": "你的网格"},
    "pooling.grid_help": {
        "en": "One row per line (or separate rows with ';'), numbers separated by spaces or commas. "
              "At most {limit} rows and columns.",
        "zh": "每行一排数字（也可用 ';' 分隔各行），数字之间用空格或逗号分隔。最多 {limit} 行 {limit} 列。",
    },
    "pooling.grid_invalid": {
        "en": "This grid cannot be pooled yet: {reason}",
        "zh": "这个网格暂时无法池化：{reason}",
    },
    # --- window controls --------------------------------------------------------------------
    "pooling.mode": {"en": "Pooling", "zh": "池化方式"},
    "pooling.mode.max": {"en": "Max", "zh": "最大池化"},
    "pooling.mode.avg": {"en": "Average", "zh": "平均池化"},
    "pooling.kernel": {"en": "Window size K (kernel_size)", "zh": "窗口大小 K（`kernel_size`）"},
    "pooling.kernel_help": {
        "en": "The window is K×K. It cannot be larger than the input.",
        "zh": "窗口为 K×K，不能比输入更大。",
    },
    "pooling.same_stride": {"en": "Stride = window", "zh": "步长 = 窗口大小"},
    "pooling.same_stride_help": {
        "en": "PyTorch's default: nn.MaxPool2d(K) moves the window by K, so the windows tile the input "
              "without overlap. Turn this off to choose the stride yourself.",
        "zh": ("PyTorch 的默认设置：`nn.MaxPool2d(K)` 每次移动 K 格，窗口恰好铺"
               "满输入、互不重叠。关闭后可以自己选择步长。"),
    },
    "pooling.stride_is": {"en": "stride S = {stride}", "zh": "步长 S = {stride}"},
    "pooling.stride": {"en": "Stride S", "zh": "步长 S"},
    "pooling.stride_help": {
        "en": "How far the window moves each step. S < K: windows overlap. S > K: some inputs are skipped.",
        "zh": "窗口每一步移动的距离。S < K：窗口重叠；S > K：有些输入会被跳过。",
    },
    "pooling.more_settings": {"en": "Padding and edge settings", "zh": "填充与边缘设置"},
    "pooling.padding": {"en": "Padding P", "zh": "填充 P"},
    "pooling.padding_help": {
        "en": "PyTorch allows at most K//2. Max pooling pads with −∞ (never chosen), average pooling with 0.",
        "zh": "PyTorch 规定填充最多为 K//2。最大池化用 −∞ 填充（永远不会被选中），平均池化用 0 填充。",
    },
    "pooling.ceil": {"en": "ceil_mode (round the size up)", "zh": "尺寸向上取整（`ceil_mode`）"},
    "pooling.ceil_help": {
        "en": "Round the output size up instead of down: a last, partial window covers the leftover edge.",
        "zh": "输出尺寸向上取整而不是向下取整：用最后一个不完整的窗口覆盖剩余的边缘。",
    },
    "pooling.include_pad": {"en": "count_include_pad", "zh": "平均时计入填充（`count_include_pad`）"},
    "pooling.include_pad_help": {
        "en": "Whether padding zeros count in the average's divisor (PyTorch's default: yes).",
        "zh": "平均值的除数是否计入填充的零（PyTorch 默认：计入）。",
    },
    "pooling.alexnet_button": {"en": "Load AlexNet's overlapping pooling (3×3, stride 2)",
                               "zh": "载入 AlexNet 的重叠池化（3×3，步长 2）"},
    "pooling.alexnet_help": {
        "en": "AlexNet (2012) pooled 3×3 windows with stride 2, so neighbouring windows share a row or column.",
        "zh": "AlexNet（2012）使用 3×3 窗口、步长 2 的池化，相邻窗口共享一行或一列。",
    },
    "pooling.impossible": {
        "en": "These settings cannot pool this input: {reason}.",
        "zh": "这组设置无法对该输入做池化：{reason}。",
    },
    # --- 1. animation -----------------------------------------------------------------------
    "pooling.animate_header": {"en": "Watch the window slide", "zh": "看窗口如何滑动"},
    "pooling.animate_text.max": {
        "en": "Each output cell is the **largest** value under the window (filled blue). "
              "Max pooling keeps the strongest response of each region.",
        "zh": "每个输出格都是窗口下的**最大值**（蓝色标出）。最大池化保留每个区域中最强的响应。",
    },
    "pooling.animate_text.avg": {
        "en": "Each output cell is the **mean** of the values under the window: their sum divided by the "
              "window's size. Average pooling smooths; it also averages the noise away.",
        "zh": "每个输出格都是窗口下数值的**平均值**：总和除以窗口大小。平均池化起平滑作用，也能平均掉噪声。",
    },
    "pooling.animate_hint": {
        "en": "Press ▶ Play, or drag the slider through the {steps} output cells.",
        "zh": "点击 ▶ 播放，或拖动滑块逐个查看 {steps} 个输出格。",
    },
    # --- 2. size ----------------------------------------------------------------------------
    "pooling.size_header": {"en": "How big is the output?", "zh": "输出有多大？"},
    "pooling.torch_formula": {
        "en": "PyTorch's form, with dilation D = 1: {formula}",
        "zh": "PyTorch 文档中的写法（膨胀率 D = 1）：{formula}",
    },
    "pooling.metric_in": {"en": "Input", "zh": "输入"},
    "pooling.metric_out": {"en": "Output", "zh": "输出"},
    "pooling.metric_kept": {"en": "{pct}% of the values", "zh": "保留 {pct}% 的数值"},
    "pooling.metric_params": {"en": "Learnable parameters", "zh": "可学习参数"},
    "pooling.no_params": {
        "en": "Pooling has **no parameters**: max and mean are fixed rules, so backpropagation has nothing "
              "to update here. A {k}×{k} convolution on the same map would learn {conv} numbers "
              "({k}·{k} weights + 1 bias).",
        "zh": "池化层**没有参数**：取最大值和取平均值都是固定的规则，反向传播在这里没有需要更新的量。"
              "若在同一张特征图上做 {k}×{k} 卷积，则要学习 {conv} 个数（{k}·{k} 个权重 + 1 个偏置）。",
    },
    "pooling.overlap": {
        "en": "**Overlapping pooling**: the window ({k}) is larger than the stride ({s}), so neighbouring windows "
              "share {overlap} row(s)/column(s) (the cells counted 2 or more times on the right). AlexNet used "
              "3×3 windows with stride 2: {alexnet}, i.e. 55×55 → 27×27.",
        "zh": "**重叠池化**：窗口（{k}）大于步长（{s}），相邻窗口共享 {overlap} 行/列（右图中被计数 2 次及以上的格子）。"
              "AlexNet 使用 3×3 窗口、步长 2：{alexnet}，即 55×55 → 27×27。",
    },
    "pooling.gaps": {
        "en": "The stride ({s}) is larger than the window ({k}): the cells marked 0 on the right are never "
              "read. Their information is simply lost.",
        "zh": "步长（{s}）大于窗口（{k}）：右图中标为 0 的格子从未被读取，其中的信息直接丢失了。",
    },
    "pooling.dropped": {
        "en": "The last {rows} row(s) and {cols} column(s) are read by no window: the ⌊ ⌋ in the formula drops "
              "a last window that would not fit. ceil_mode keeps it.",
        "zh": "最后 {rows} 行和 {cols} 列没有被任何窗口读取：公式中的 ⌊ ⌋ 舍去了放不下的最后一个窗口。"
              "打开“尺寸向上取整”可以保留它。",
    },
    # --- 3. compare -------------------------------------------------------------------------
    "pooling.compare_header": {"en": "Max or average?", "zh": "最大池化还是平均池化？"},
    "pooling.compare_text": {
        "en": "The same windows, two rules. Max pooling keeps the strongest local feature (sharp, "
              "AlexNet's choice: no blur); average pooling keeps the overall level and reduces noise "
              "(LeNet-5's subsampling).",
        "zh": "同样的窗口，两种规则。最大池化保留最强的局部特征（清晰，AlexNet 的选择：避免模糊）；"
              "平均池化保留整体水平并降低噪声（LeNet-5 的下采样）。",
    },
    # --- 4. shift ---------------------------------------------------------------------------
    "pooling.shift_header": {"en": "Small shifts, (mostly) the same output", "zh": "小平移，输出（基本）不变"},
    "pooling.shift_text": {
        "en": "Move the input by a pixel: almost every input value changes, yet many pooled values stay the "
              "same, because the maximum often stays inside the same window. This is pooling's "
              "**local translation invariance**. Outlined cells changed.",
        "zh": "把输入平移一个像素：几乎每个输入值都变了，但很多池化结果保持不变，因为最大值往往仍落在同一个窗口内。"
              "这就是池化的**局部平移不变性**。描边的格子表示发生了变化。",
    },
    "pooling.shift_dir": {"en": "Shift direction", "zh": "平移方向"},
    "pooling.dir.right": {"en": "→ right", "zh": "→ 向右"},
    "pooling.dir.down": {"en": "↓ down", "zh": "↓ 向下"},
    "pooling.dir.left": {"en": "← left", "zh": "← 向左"},
    "pooling.dir.up": {"en": "↑ up", "zh": "↑ 向上"},
    "pooling.shift_amount": {"en": "Pixels", "zh": "像素数"},
    "pooling.shift_result.max": {
        "en": "**{unchanged} of {total}** max-pooled values did not change.",
        "zh": "最大池化的 {total} 个输出中，有 **{unchanged} 个**保持不变。",
    },
    "pooling.shift_result.avg": {
        "en": "**{unchanged} of {total}** average-pooled values did not change. Averages move with every "
              "pixel, so average pooling is less shift-invariant than max pooling.",
        "zh": "平均池化的 {total} 个输出中，有 **{unchanged} 个**保持不变。平均值会随每个像素变化，"
              "所以平均池化的平移不变性不如最大池化。",
    },
    # --- 5. backward ------------------------------------------------------------------------
    "pooling.backward_header": {"en": "How the gradient flows back", "zh": "梯度如何反向传播"},
    "pooling.backward_text": {
        "en": "In backpropagation each output cell hands its gradient ∂L/∂y back to its window. "
              "**Max pooling** routes all of it to the one input that was the maximum (the arg-max); the "
              "others get 0 (on a tie, the first maximum in reading order wins, as in PyTorch). **Average "
              "pooling** spreads it evenly: every input of the window gets ∂L/∂y ÷ (window size).",
        "zh": ("反向传播时，每个输出格把自己的梯度 ∂L/∂y 交回给它的窗口。**最大池化**把梯度全部传"
               "给取得最大值的那个输入（最大值位置），其余输入得到 0（若有并列最大值，则按从左到右、从上到"
               "下的顺序取第一个，与 PyTorch 相同）；**平均池化**把梯度平均分配：窗口内每个输入"
               "得到 ∂L/∂y ÷（窗口大小）。"),
    },
    "pooling.dout": {"en": "Upstream gradient ∂L/∂y", "zh": "上游梯度 ∂L/∂y"},
    "pooling.dout.ramp": {"en": "1, 2, 3, … (easy to trace)", "zh": "1, 2, 3, …（便于追踪）"},
    "pooling.dout.ones": {"en": "all ones", "zh": "全为 1"},
    "pooling.backward_sums": {
        "en": "Sum of ∂L/∂y = {dout}; sum reaching the input: max pooling {dmax}, average pooling {davg}. "
              "Pooling has no weights, so this input gradient is all it passes on.",
        "zh": "∂L/∂y 之和 = {dout}；传回输入的总和：最大池化 {dmax}，平均池化 {davg}。"
              "池化层没有权重，因此它只需把梯度传给输入。",
    },
    "pooling.backward_lost": {
        "en": "With count_include_pad, part of the average's gradient belongs to padding cells and is dropped.",
        "zh": "在“平均时计入填充”时，平均池化有一部分梯度分给了填充格，随后被丢弃。",
    },
    "pooling.backward_overlap": {
        "en": "Windows overlap here, so a cell read by two windows adds up the gradient from both.",
        "zh": "这里的窗口相互重叠，被两个窗口读取的格子会把两份梯度相加。",
    },
    # --- figures ----------------------------------------------------------------------------
    "pooling.fig.input": {"en": "Input {h}×{w}", "zh": "输入 {h}×{w}"},
    "pooling.fig.max_out": {"en": "Max pooling {h}×{w}", "zh": "最大池化 {h}×{w}"},
    "pooling.fig.avg_out": {"en": "Average pooling {h}×{w}", "zh": "平均池化 {h}×{w}"},
    "pooling.fig.max_note": {"en": "strongest value per window", "zh": "每个窗口的最强值"},
    "pooling.fig.avg_note": {"en": "mean per window", "zh": "每个窗口的平均值"},
    "pooling.fig.coverage": {"en": "Windows reading each cell", "zh": "读取每个格子的窗口数"},
    "pooling.fig.coverage_note": {"en": "outlined: read by no window", "zh": "描边：没有窗口读取"},
    "pooling.fig.original": {"en": "Input", "zh": "输入"},
    "pooling.fig.shifted": {"en": "Shifted input", "zh": "平移后的输入"},
    "pooling.fig.pooled_original": {"en": "Pooled", "zh": "池化结果"},
    "pooling.fig.pooled_shifted": {"en": "Pooled, shifted", "zh": "平移后池化"},
    "pooling.fig.changed_of": {"en": "{changed} of {total} changed", "zh": "{total} 个中有 {changed} 个改变"},
    "pooling.fig.dout": {"en": "∂L/∂y (upstream)", "zh": "∂L/∂y（上游梯度）"},
    "pooling.fig.dx_max": {"en": "∂L/∂x through max", "zh": "经最大池化的 ∂L/∂x"},
    "pooling.fig.dx_avg": {"en": "∂L/∂x through average", "zh": "经平均池化的 ∂L/∂x"},
    "pooling.fig.dx_max_note": {"en": "all to the arg-max, 0 elsewhere", "zh": "全部给最大值位置，其余为 0"},
    "pooling.fig.dx_avg_note": {"en": "spread evenly over the window", "zh": "在窗口内平均分配"},
}
