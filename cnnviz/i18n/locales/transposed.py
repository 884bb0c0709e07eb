"""Strings of the transposed-convolution page (pages/transposed_conv.py, cnnviz/figures/transposed.py)."""

STRINGS = {
    "transposed.title": {"en": "Transposed convolution", "zh": "转置卷积"},
    "transposed.intro": {
        "en": (
            "A convolution with stride S shrinks an image; a **transposed convolution** (also called a "
            "fractionally-strided convolution, or — misleadingly — a deconvolution) maps a small image to a "
            "larger one with a learned kernel, as in the decoders of segmentation networks and GANs. Below, the "
            "same operation seen three ways: zeros inserted into the input and an ordinary convolution, the "
            "transpose of the convolution's matrix, and overlapping stamps of the kernel."
        ),
        "zh": (
            "步长为 S 的卷积会把图像缩小；**转置卷积**（又称微步卷积，也常被不太准确地称为“反卷积”）用可学习的"
            "卷积核把小图映射成大图，常见于语义分割网络和 GAN 的解码器。下面从三个角度观察同一个运算：在输入中插零后"
            "做普通卷积、卷积矩阵的转置，以及卷积核“印章”的相互重叠。"
        ),
    },
    # --- controls ---------------------------------------------------------------------------
    "transposed.size": {"en": "Input size H (H×H)", "zh": "输入尺寸 H（H×H）"},
    "transposed.size_help": {
        "en": "The transposed convolution's input is an H×H grid.",
        "zh": "转置卷积的输入是 H×H 的网格。",
    },
    "transposed.kernel": {"en": "Kernel size K", "zh": "卷积核尺寸 K"},
    "transposed.stride": {"en": "Stride S", "zh": "步长 S"},
    "transposed.stride_help": {
        "en": "The stride of the convolution being transposed: S − 1 zeros go between neighbouring input pixels.",
        "zh": "被转置的那个卷积的步长：相邻输入像素之间插入 S − 1 个零。",
    },
    "transposed.dilation": {"en": "Dilation D", "zh": "膨胀率 D"},
    "transposed.padding": {"en": "Padding P", "zh": "填充 P"},
    "transposed.padding_help": {
        "en": "Removes P rows and columns from every border of the output (the padding of the matching convolution).",
        "zh": "从输出的每条边裁掉 P 行/列（对应卷积的填充）。",
    },
    "transposed.output_padding": {"en": "output_padding", "zh": "输出补齐（`output_padding`）"},
    "transposed.output_padding_help": {
        "en": "Extra rows and columns at the bottom and right of the output; must be smaller than the stride or the dilation.",
        "zh": "在输出的下方和右侧额外增加的行/列；必须小于步长或膨胀率。",
    },
    "transposed.input": {"en": "Input values", "zh": "输入数值"},
    "transposed.weights": {"en": "Kernel values", "zh": "卷积核数值"},
    "transposed.grid.ramp": {"en": "0, 1, 2, … (row by row)", "zh": "0, 1, 2, …（逐行递增）"},
    "transposed.grid.ones": {"en": "all ones", "zh": "全为 1"},
    "transposed.grid.pixel": {"en": "a single 1 (top-left)", "zh": "单个 1（左上角）"},
    "transposed.grid.signed": {"en": "+1 / −1 checkerboard", "zh": "+1 / −1 棋盘格"},
    "transposed.more_settings": {"en": "More settings", "zh": "更多设置"},
    # --- the size formula -------------------------------------------------------------------
    "transposed.size_heading": {"en": "Output size: {h}×{h} → {out}×{out}", "zh": "输出尺寸：{h}×{h} → {out}×{out}"},
    "transposed.op_rule_zero": {
        "en": (
            "`output_padding` must be 0 here: it has to be smaller than the stride S = {s} or the dilation "
            "D = {d}. Raise the stride to make room for it."
        ),
        "zh": "这里 `output_padding` 只能为 0：它必须小于步长 S = {s} 或膨胀率 D = {d}。增大步长后才能调节它。",
    },
    "transposed.op_rule": {
        "en": (
            "`output_padding` can be 0 … {limit}: it must be smaller than the stride S = {s} or the dilation "
            "D = {d} (PyTorch's rule); it adds that many rows at the bottom and columns at the right."
        ),
        "zh": (
            "`output_padding` 可取 0 … {limit}：它必须小于步长 S = {s} 或膨胀率 D = {d}（PyTorch 的规则）；"
            "它会在输出下方和右侧增加相应数量的行和列。"
        ),
    },
    "transposed.op_why": {
        "en": (
            "Why it exists: a `Conv2d` with K = {k}, S = {s}, P = {p}, D = {d} maps every input size in "
            "{{{sizes}}} to {h}, so the way back is ambiguous; `output_padding` picks one of these sizes."
        ),
        "zh": (
            "为什么需要它：K = {k}、S = {s}、P = {p}、D = {d} 的 `Conv2d` 会把 {{{sizes}}} 中的每个输入尺寸都"
            "映射成 {h}，反过来就不唯一了；`output_padding` 用来选定其中一个尺寸。"
        ),
    },
    "transposed.inverse_check": {
        "en": "Going back: a `Conv2d` with the same kernel size, stride, padding and dilation maps this size back: {formula}.",
        "zh": "反过来：卷积核尺寸、步长、填充、膨胀率都相同的 `Conv2d` 会把这个尺寸映射回去：{formula}。",
    },
    # --- views ------------------------------------------------------------------------------
    "transposed.view": {"en": "View", "zh": "视角"},
    "transposed.view.animation": {"en": "Zero insertion (animated)", "zh": "插零（动画）"},
    "transposed.view.matrix": {"en": "Matrix view: Cᵀ", "zh": "矩阵视角：Cᵀ"},
    "transposed.view.overlap": {"en": "Overlaps and checkerboards", "zh": "重叠与棋盘格"},
    "transposed.steps": {
        "en": (
            "**The zero-insertion view, step by step** (what the animation plays):\n\n"
            "1. Insert S − 1 = {zeros} zero(s) between neighbouring input pixels: {h}×{h} → {stuffed}×{stuffed}.\n"
            "2. Pad D(K − 1) − P = {d}·({k} − 1) − {p} = {pad} zero(s) on every side (a negative amount crops), "
            "plus `output_padding` = {op} at the bottom and right: → {padded}×{padded}.\n"
            "3. Rotate the kernel by 180° and slide it with stride 1 (dilation {d}): → **{out}×{out}**."
        ),
        "zh": (
            "**插零视角，逐步计算**（即动画播放的内容）：\n\n"
            "1. 在相邻输入像素之间插入 S − 1 = {zeros} 个零：{h}×{h} → {stuffed}×{stuffed}。\n"
            "2. 四周各填充 D(K − 1) − P = {d}·({k} − 1) − {p} = {pad} 个零（为负数时表示裁剪），"
            "再在下方和右侧补 `output_padding` = {op} 行/列：→ {padded}×{padded}。\n"
            "3. 把卷积核旋转 180°，以步长 1（膨胀率 {d}）滑动做普通卷积：→ **{out}×{out}**。"
        ),
    },
    "transposed.animation_caption": {
        "en": (
            "Press ▶ to play, or drag the slider to step through the output cells. The output equals "
            "`conv_transpose2d` (PyTorch semantics) — which is also the gradient of `conv2d` with respect to its input."
        ),
        "zh": (
            "点击 ▶ 播放，或拖动滑块逐个查看输出位置。输出与 `conv_transpose2d`（PyTorch 语义）完全一致——"
            "它同时也是 `conv2d` 对其输入的梯度。"
        ),
    },
    "transposed.matrix_intro": {
        "en": (
            "A convolution is linear, so it is a matrix. Flatten an image row by row into a vector z: an ordinary "
            "convolution with the same kernel, stride, padding and dilation computes **C z**, where each row of "
            "**C** is one position of the sliding kernel — its weights laid out flat, zeros everywhere else. "
            "Here C maps the large grid down to the small one."
        ),
        "zh": (
            "卷积是线性运算，所以可以写成矩阵。把图像逐行展平成向量 z：同样卷积核、步长、填充和膨胀率的普通卷积计算的"
            "就是 **C z**，其中 **C** 的每一行对应卷积核滑动到的一个位置——权重平铺在相应位置，其余全为 0。"
            "这里 C 把大网格映射到小网格。"
        ),
    },
    "transposed.matrix_middle": {
        "en": (
            "The transposed convolution multiplies by **Cᵀ**: the same weights with the arrows reversed, "
            "**y = Cᵀ x**. Column j of Cᵀ is row j of C: it says where input pixel j is *stamped* into the "
            "output, scaled by x[j]. Adding all the stamps gives y — exactly `conv_transpose2d`."
        ),
        "zh": (
            "转置卷积乘的是 **Cᵀ**：权重相同，只是箭头方向反过来，**y = Cᵀ x**。Cᵀ 的第 j 列就是 C 的第 j 行："
            "它表示输入像素 j 乘以 x[j] 后“盖印”到输出的哪些位置。把所有印章相加就得到 y——与 `conv_transpose2d` "
            "的结果完全相同。"
        ),
    },
    "transposed.matrix_outro": {
        "en": (
            "Cᵀ restores the *shape* of the convolution's input, not its values: C(Cᵀx) ≠ x in general, which is "
            "why “deconvolution” is a misleading name. It is, however, exactly how gradients flow back through a "
            "convolution: if z ↦ Cz, then ∂L/∂z = Cᵀ · ∂L/∂(Cz)."
        ),
        "zh": (
            "Cᵀ 恢复的是卷积输入的*形状*，而不是数值：一般来说 C(Cᵀx) ≠ x，所以“反卷积”这个名字容易误导。不过，"
            "它恰好就是梯度反向穿过卷积层的方式：若 z ↦ Cz，则 ∂L/∂z = Cᵀ · ∂L/∂(Cz)。"
        ),
    },
    "transposed.matrix_too_big": {
        "en": "Cᵀ would be {rows}×{cols}: too large to draw legibly. Lower the input size, kernel size or stride.",
        "zh": "Cᵀ 的大小为 {rows}×{cols}，太大了，无法清楚显示。请减小输入尺寸、卷积核尺寸或步长。",
    },
    "transposed.overlap_intro": {
        "en": (
            "Each input pixel stamps the (scaled) kernel into the output, one stamp every S pixels. Below, a "
            "{n}×{n} input of ones and a kernel of ones with K = {k}, S = {s} and the padding above: each output "
            "pixel shows how many stamps overlap there."
        ),
        "zh": (
            "每个输入像素都会把（按数值缩放的）卷积核“盖印”到输出上，每隔 S 个像素盖一次。下面用 {n}×{n} 的全 1 "
            "输入和全 1 卷积核（K = {k}，S = {s}，填充同上）：每个输出像素显示有多少个印章在此重叠。"
        ),
    },
    "transposed.overlap_range": {"en": "Counts range from {lo} to {hi}.", "zh": "重叠次数从 {lo} 到 {hi}。"},
    "transposed.overlap_even": {
        "en": (
            "K = {k} is a multiple of S = {s}: away from the borders every output pixel receives the same number "
            "of stamps, so a flat input gives a flat output."
        ),
        "zh": "K = {k} 是 S = {s} 的整数倍：除边缘外，每个输出像素收到的印章数相同，平坦的输入得到平坦的输出。",
    },
    "transposed.overlap_uneven": {
        "en": (
            "K = {k} is not a multiple of S = {s}: neighbouring output pixels receive different numbers of "
            "stamps — a checkerboard. Upsampling networks built this way tend to paint checkerboard artefacts; "
            "choose K divisible by S, or resize first and then apply an ordinary convolution."
        ),
        "zh": (
            "K = {k} 不是 S = {s} 的整数倍：相邻输出像素收到的印章数不同——形成棋盘格。这样搭建的上采样网络容易"
            "产生棋盘格伪影；可以让 K 能被 S 整除，或先缩放图像再做普通卷积。"
        ),
    },
    "transposed.overlap_source": {
        "en": "Further reading: Odena, Dumoulin & Olah, “Deconvolution and Checkerboard Artifacts”, Distill (2016).",
        "zh": ("延伸阅读：Odena、Dumoulin、Olah，《Deconvolution and Ch"
               "eckerboard Artifacts》，Distill（2016）。"),
    },
    # --- inside the figures -----------------------------------------------------------------
    "transposed.matrix_c_title": {
        "en": "C ({rows}×{cols}): rows = outputs of the convolution, columns = its inputs",
        "zh": "C（{rows}×{cols}）：行 = 卷积的输出，列 = 卷积的输入",
    },
    "transposed.matrix_ct_title": {"en": "Cᵀ ({rows}×{cols})", "zh": "Cᵀ（{rows}×{cols}）"},
    "transposed.matrix_y": {"en": "y = Cᵀx", "zh": "y = Cᵀx"},
    "transposed.matrix_note": {
        "en": "grey = no connection (always 0) · outlined row = the kernel at one position",
        "zh": "灰色 = 无连接（恒为 0）· 描边的一行 = 卷积核处在某一位置",
    },
    "transposed.matrix_t_note": {
        "en": "outlined: input pixel x₀ and its column — the kernel it stamps into y",
        "zh": "描边：输入像素 x₀ 及其所在列——它盖印到 y 中的卷积核",
    },
    "transposed.hover_matrix": {
        "en": "row %{y}, column %{x}: %{z:.4~g}<extra></extra>",
        "zh": "第 %{y} 行，第 %{x} 列：%{z:.4~g}<extra></extra>",
    },
    "transposed.overlap_title": {
        "en": "Stamps added into each output pixel",
        "zh": "每个输出像素叠加的印章数",
    },
    "transposed.hover_overlap": {
        "en": "(%{y}, %{x}): %{z} stamps<extra></extra>",
        "zh": "(%{y}, %{x})：%{z} 个印章<extra></extra>",
    },
}
