"""Strings of the convolution-family page (pages/conv_family.py, cnnviz/figures/family.py)."""

STRINGS = {
    "family.title": {"en": "The convolution family", "zh": "卷积家族"},
    "family.intro": {
        "en": (
            "Ordinary convolution has relatives that change *where* the kernel looks (dilation), *which channels* "
            "it mixes (groups, depthwise, 1×1) or the *dimension* it slides along (1-D). Pick one:"
        ),
        "zh": (
            "普通卷积有不少“亲戚”：有的改变卷积核*看哪里*（空洞卷积），有的改变它*混合哪些通道*（分组卷积、深度卷积、"
            "1×1 卷积），还有的改变它*沿哪个维度滑动*（一维卷积）。选择一个："
        ),
    },
    "family.topic": {"en": "Topic", "zh": "主题"},
    "family.topic.dilated": {"en": "Dilated", "zh": "空洞（膨胀）卷积"},
    "family.topic.groups": {"en": "Grouped & depthwise", "zh": "分组与深度卷积"},
    "family.topic.separable": {"en": "Depthwise-separable", "zh": "深度可分离卷积"},
    "family.topic.bottleneck": {"en": "1×1 bottleneck", "zh": "1×1 瓶颈"},
    "family.topic.conv1d": {"en": "1-D convolution", "zh": "一维卷积"},
    "family.more_settings": {"en": "More settings", "zh": "更多设置"},
    # --- dilated ----------------------------------------------------------------------------
    "family.dilated_intro": {
        "en": (
            "A **dilated** (atrous) convolution inserts D − 1 holes between neighbouring kernel taps: the kernel "
            "covers a larger area with the same number of weights. Stacking dilated layers grows the receptive "
            "field quickly — but the holes can line up so that some pixels are never seen (“gridding”)."
        ),
        "zh": (
            "**空洞卷积**（又称膨胀卷积）在卷积核相邻元素之间插入 D − 1 个空洞：参数个数不变，覆盖范围变大。堆叠多层"
            "空洞卷积能让感受野迅速增大——但空洞可能彼此对齐，导致某些像素永远看不到（“网格效应”）。"
        ),
    },
    "family.kernel": {"en": "Kernel size K", "zh": "卷积核尺寸 K"},
    "family.dilation": {"en": "Dilation D", "zh": "膨胀率 D"},
    "family.layers": {"en": "Stacked layers", "zh": "堆叠层数"},
    "family.doubling": {"en": "Double D in each layer", "zh": "每层膨胀率翻倍"},
    "family.doubling_help": {
        "en": (
            "Dilations D, 2D, 4D … instead of D, D, D. Starting from D = 1 the field is covered without holes "
            "(WaveNet; Yu & Koltun, 2016)."
        ),
        "zh": "各层膨胀率依次为 D、2D、4D …，而不是 D、D、D。从 D = 1 开始时感受野中没有空洞（WaveNet；Yu & Koltun，2016）。",
    },
    "family.dilated_params": {
        "en": (
            "Still {n} weights: at this dilation a {k}×{k} kernel spans {span}×{span} input pixels and skips the "
            "cells in between."
        ),
        "zh": "参数仍然是 {n} 个：在这个膨胀率下，{k}×{k} 的卷积核覆盖 {span}×{span} 个输入像素，跳过中间的格子。",
    },
    "family.dilation_single_title": {
        "en": "One layer: {k}×{k} kernel, D = {d} → {span}×{span} ({n} weights)",
        "zh": "单层：{k}×{k} 卷积核，D = {d} → {span}×{span}（{n} 个权重）",
    },
    "family.dilation_stack_title": {
        "en": "{n} layers, D = {dilations}: receptive field {rf}×{rf}",
        "zh": "{n} 层，D = {dilations}：感受野 {rf}×{rf}",
    },
    "family.dilation_note": {
        "en": "orange = kernel taps · dotted = holes, never seen · numbers = paths from a pixel to the outlined output pixel",
        "zh": "橙色 = 卷积核的位置 · 点状 = 空洞、从未被看到 · 数字 = 该像素到描边输出像素的路径数",
    },
    "family.hover_tap": {"en": "kernel tap (%{y}, %{x})<extra></extra>", "zh": "卷积核位置 (%{y}, %{x})<extra></extra>"},
    "family.hover_paths": {"en": "(%{y}, %{x}): %{z} paths<extra></extra>", "zh": "(%{y}, %{x})：%{z} 条路径<extra></extra>"},
    "family.colorbar_paths": {"en": "paths", "zh": "路径数"},
    "family.gridding": {
        "en": (
            "Gridding: {holes} of the {total} pixels in the receptive field never reach the output pixel. "
            "Try doubling the dilation from D = 1."
        ),
        "zh": "网格效应：感受野内的 {total} 个像素中有 {holes} 个永远影响不到该输出像素。试试从 D = 1 开始逐层翻倍膨胀率。",
    },
    "family.no_gridding": {
        "en": "Every pixel of the {rf}×{rf} receptive field reaches the output pixel: no holes.",
        "zh": "{rf}×{rf} 感受野中的每个像素都能影响到该输出像素：没有空洞。",
    },
    "family.dilated_course": {
        "en": (
            "From the course: a 3×3 kernel covers a 5×5 region at D = 2 and a 7×7 region at D = 3 — still with "
            "9 parameters. When an image carries little fine detail, dilation buys a large receptive field cheaply."
        ),
        "zh": (
            "课程中的例子：3×3 卷积核在 D = 2 时覆盖 5×5 区域，在 D = 3 时覆盖 7×7 区域——参数仍然只有 9 个。"
            "当图像中的细节信息不多时，空洞卷积能以很低的代价获得较大的感受野。"
        ),
    },
    # --- groups -----------------------------------------------------------------------------
    "family.groups_intro": {
        "en": (
            "A **grouped** convolution splits the Ci input channels into g groups and gives each group its own "
            "Co/g filters, which see only that group's Ci/g channels: parameters and multiply-adds drop by a factor "
            "of g. With g = Ci every filter sees a single channel — a **depthwise** convolution. (AlexNet used "
            "g = 2 to split the network over two GPUs.)"
        ),
        "zh": (
            "**分组卷积**把 Ci 个输入通道分成 g 组，每组有自己的 Co/g 个卷积核，只看本组"
             "的 Ci/g 个通道：参数量和乘加次数都降为原来的 1/g。当 g = Ci 时，每个卷积核"
             "只看一个通道——这就是**深度卷积**。（AlexNet 曾用 g = 2 把网络拆分到两块"
             " GPU 上。）"
        ),
    },
    "family.in_channels": {"en": "Input channels Ci", "zh": "输入通道数 Ci"},
    "family.out_channels": {"en": "Output channels Co", "zh": "输出通道数 Co"},
    "family.g_kernel": {"en": "Kernel size K (K×K)", "zh": "卷积核尺寸 K（K×K）"},
    "family.groups": {"en": "Groups g", "zh": "分组数 g"},
    "family.groups_help": {
        "en": "From 1 (an ordinary convolution) to Ci (depthwise). g must divide both Ci and Co.",
        "zh": "从 1（普通卷积）到 Ci（深度卷积）。g 必须同时整除 Ci 和 Co。",
    },
    "family.groups_allowed": {
        "en": "Allowed for Ci = {ci}, Co = {co}: g ∈ {{{allowed}}}.",
        "zh": "Ci = {ci}、Co = {co} 时可选：g ∈ {{{allowed}}}。",
    },
    "family.weight_shape": {
        "en": (
            "Weight shape (Co, Ci/g, K, K) = ({co}, {cig}, {k}, {k}). An ordinary convolution (g = 1) would "
            "need {standard} parameters."
        ),
        "zh": "权重形状 (Co, Ci/g, K, K) = ({co}, {cig}, {k}, {k})。普通卷积（g = 1）需要 {standard} 个参数。",
    },
    "family.depthwise": {
        "en": (
            "g = Ci = {ci}: a **depthwise** convolution — every input channel is filtered on its own, by {m} "
            "filter(s) (the depth multiplier). It mixes no information between channels; a 1×1 convolution "
            "afterwards does that (see “Depthwise-separable”)."
        ),
        "zh": (
            "g = Ci = {ci}：这是**深度卷积**——每个输入通道由 {m} 个卷积核单独处理（深度乘数）。它不在通道之间交换"
            "信息；之后的 1×1 卷积负责这一点（见“深度可分离卷积”）。"
        ),
    },
    "family.groups_title": {
        "en": "g = {g}: {co} filters × {ci} input channels",
        "zh": "g = {g}：{co} 个卷积核 × {ci} 个输入通道",
    },
    "family.groups_note": {
        "en": "each line = one {k} kernel · each filter reads {per} channel(s)",
        "zh": "每条连线 = 一个 {k} 卷积核 · 每个卷积核读取 {per} 个通道",
    },
    "family.group_label": {"en": "group {g}", "zh": "第 {g} 组"},
    "family.hover_channel": {"en": "input channel %{customdata}<extra></extra>", "zh": "输入通道 %{customdata}<extra></extra>"},
    "family.hover_filter": {"en": "filter %{customdata}<extra></extra>", "zh": "卷积核 %{customdata}<extra></extra>"},
    "family.axis_in_channel": {"en": "input channels ({n})", "zh": "输入通道（{n} 个）"},
    "family.axis_filter": {"en": "filters = output channels ({n})", "zh": "卷积核 = 输出通道（{n} 个）"},
    "family.groups_bars_title": {"en": "Parameters for every allowed g", "zh": "各个可选分组数下的参数量"},
    "family.bar_groups": {"en": "g = {g}", "zh": "g = {g}"},
    # --- depthwise-separable ----------------------------------------------------------------
    "family.separable_intro": {
        "en": (
            "A **depthwise-separable** convolution (Xception, MobileNet) replaces one K×K convolution Ci → Co by "
            "two cheap steps: a depthwise K×K convolution (g = Ci, one filter per channel: *where*), then a "
            "pointwise 1×1 convolution Ci → Co (*which channels*). The output has the same shape; the cost drops "
            "to about 1/Co + 1/K²."
        ),
        "zh": (
            "**深度可分离卷积**（Xception、MobileNet）把一个 Ci → Co 的 K×K 卷积拆成两个廉价的步骤：先做深度 K×K "
            "卷积（g = Ci，每个通道一个卷积核：负责*空间*），再做逐点 1×1 卷积 Ci → Co（负责*通道*组合）。输出形状"
            "不变，计算量约降为原来的 1/Co + 1/K²。"
        ),
    },
    "family.sep_size": {"en": "Output size H (H×H)", "zh": "输出尺寸 H（H×H）"},
    "family.sep_size_help": {
        "en": "Spatial size of the output feature map, for the multiply-adds (padding keeps it equal to the input).",
        "zh": "输出特征图的空间尺寸，用于计算乘加次数（假设填充使其与输入相同）。",
    },
    "family.params_heading": {"en": "**Parameters** (with bias)", "zh": "**参数量**（含偏置）"},
    "family.macs_heading": {"en": "**Multiply-adds** per image", "zh": "**乘加次数**（每张图像）"},
    "family.separable_summary": {
        "en": (
            "The separable version needs {params} of the parameters and {macs} of the multiply-adds: about "
            "{times}× less computation."
        ),
        "zh": "可分离版本只需要 {params} 的参数量和 {macs} 的乘加次数：计算量约为原来的 1/{times}。",
    },
    "family.bar_standard": {"en": "standard K×K", "zh": "标准 K×K 卷积"},
    "family.bar_depthwise": {"en": "depthwise K×K", "zh": "深度 K×K 卷积"},
    "family.bar_pointwise": {"en": "pointwise 1×1", "zh": "逐点 1×1 卷积"},
    "family.bar_separable": {"en": "separable (sum)", "zh": "可分离（合计）"},
    "family.params_bars_title": {"en": "Parameters", "zh": "参数量"},
    "family.macs_bars_title": {"en": "Multiply-adds", "zh": "乘加次数"},
    "family.separable_caption": {
        "en": (
            "Check with the course's Keras example: conv(32 → 64, 3×3) has 64·32·3·3 + 64 = {standard} "
            "parameters; its separable version has 32·9 + 32 + 64·32 + 64 = {separable}."
        ),
        "zh": (
            "与课程中的 Keras 例子核对：卷积(32 → 64, 3×3) 有 64·32·3·3 "
             "+ 64 = {standard} 个参数；其可分离版本有 32·9 + 32 + 64·3"
             "2 + 64 = {separable} 个。"
        ),
    },
    "family.tex_standard": {"en": "standard", "zh": "标准卷积"},
    "family.tex_depthwise": {"en": "depthwise", "zh": "深度卷积"},
    "family.tex_pointwise": {"en": "pointwise", "zh": "逐点卷积"},
    "family.tex_separable": {"en": "separable", "zh": "可分离合计"},
    "family.tex_ratio": {"en": "ratio", "zh": "比值"},
    # --- 1×1 bottleneck ---------------------------------------------------------------------
    "family.bottleneck_intro": {
        "en": (
            "A **1×1 convolution** mixes the channels at every pixel without looking at its neighbours. Inception "
            "uses it as a bottleneck: reduce the Ci channels to a few before an expensive K×K convolution. The "
            "course's example: a 100×100×128 input and 256 filters of 5×5."
        ),
        "zh": (
            "**1×1 卷积**在每个像素位置上混合各个通道，不看邻域。Inception 用它做“瓶颈”：在昂贵的 K×K 卷积之前先把 "
            "Ci 个通道压缩到少数几个。课程中的例子：输入为 100×100×128，使用 256 个 5×5 卷积核。"
        ),
    },
    "family.width": {"en": "Bottleneck width (1×1 filters)", "zh": "瓶颈宽度（1×1 卷积核个数）"},
    "family.width_help": {
        "en": "The number of channels the 1×1 convolution reduces to.",
        "zh": "1×1 卷积压缩后的通道数。",
    },
    "family.tex_direct": {"en": "direct", "zh": "直接卷积"},
    "family.tex_reduced": {"en": "1×1 first", "zh": "先做 1×1"},
    "family.bottleneck_saves": {
        "en": "The bottleneck needs {ratio}× fewer weights (biases not counted).",
        "zh": "瓶颈结构的权重数只有直接卷积的 1/{ratio}（不计偏置）。",
    },
    "family.bottleneck_costs": {
        "en": "With {width} bottleneck channels the 1×1 layer saves nothing: make it narrower.",
        "zh": "瓶颈宽度为 {width} 时，1×1 层并没有节省参数：应让它更窄一些。",
    },
    "family.bottleneck_slides": {
        "en": (
            "The slides print {expand} for the bottleneck version: they leave out the 1×1 layer's {reduce} "
            "weights. The correct total is {reduce} + {expand} = {total}."
        ),
        "zh": "课件中瓶颈版本写的是 {expand}：漏算了 1×1 层的 {reduce} 个权重。正确的总数是 {reduce} + {expand} = {total}。",
    },
    "family.bar_direct": {"en": "direct {k}×{k}", "zh": "直接 {k}×{k} 卷积"},
    "family.bar_reduce": {"en": "1×1 reduction", "zh": "1×1 降维"},
    "family.bar_expand": {"en": "{k}×{k} after the reduction", "zh": "降维后的 {k}×{k} 卷积"},
    "family.bar_bottleneck": {"en": "bottleneck (sum)", "zh": "瓶颈（合计）"},
    "family.bottleneck_bars_title": {"en": "Weights", "zh": "权重数"},
    # --- 1-D convolution --------------------------------------------------------------------
    "family.conv1d_intro": {
        "en": (
            "In one dimension the kernel slides along a signal. An example from signal processing: an **echo**. "
            "A sound x[t] is heard again one step later at half the loudness and two steps later at a quarter, so "
            "the kernel w = [1, 0.5, 0.25] describes a decaying echo and the convolution y = w ∗ x is what you "
            "hear. Edit the signal and the kernel (numbers separated by commas)."
        ),
        "zh": (
            "在一维情形下，卷积核沿着信号滑动。来自信号处理的例子：**回声**。声音 x[t] 在一步之后以一半的响度再次被"
            "听到，两步之后以四分之一的响度再次被听到，所以卷积核 w = [1, 0.5, 0.25] 描述的是逐渐衰减的回声，卷积 "
            "y = w ∗ x 就是最终听到的声音。可以修改信号和卷积核（数字之间用逗号分隔）。"
        ),
    },
    "family.signal": {"en": "Signal x", "zh": "信号 x"},
    "family.kernel1d": {"en": "Kernel w", "zh": "卷积核 w"},
    "family.mode": {"en": "Mode", "zh": "模式"},
    "family.mode.valid": {"en": "valid", "zh": "有效（`valid`）"},
    "family.mode.same": {"en": "same", "zh": "相同（`same`）"},
    "family.mode.full": {"en": "full", "zh": "完全（`full`）"},
    "family.flip": {"en": "Flip the kernel (signal-processing convolution)", "zh": "翻转卷积核（信号处理中的卷积）"},
    "family.flip_help": {
        "en": (
            "On: y[t] = Σ w[k]·x[t−k], as numpy.convolve and the echo. Off: cross-correlation "
            "y[i] = Σ w[k]·x[i+k], which is what deep-learning layers (torch.nn.Conv1d) compute."
        ),
        "zh": (
            "开：y[t] = Σ w[k]·x[t−k]，与 `numpy.convolve` 和回声模"
             "型一致。关：互相关 y[i] = Σ w[k]·x[i+k]，也就是深度学习中的卷积层（`t"
             "orch.nn.Conv1d`）实际计算的内容。"
        ),
    },
    "family.bad_numbers": {
        "en": "{name}: type up to {limit} numbers between −{big} and {big}, separated by commas, e.g. 1, 0.5, 0.25.",
        "zh": "{name}：请输入最多 {limit} 个 −{big} 到 {big} 之间的数，用逗号分隔，例如 1, 0.5, 0.25。",
    },
    "family.conv1d_fix": {
        "en": "(The kernel has {k} samples, the signal {n}: choose same or full, or shorten the kernel.)",
        "zh": ("（卷积核有 {k} 个样本，信号只有 {n} 个：请改用相同（`same`）或完全（`ful"
               "l`）模式，或缩短卷积核。）"),
    },
    "family.conv1d_formula_flip": {
        "en": "Each output sample: **y[t] = Σₖ w[k] · x[t − k]** — the kernel is flipped, so w[0] multiplies the newest sample.",
        "zh": "每个输出样本：**y[t] = Σₖ w[k] · x[t − k]**——卷积核被翻转，w[0] 与最新的样本相乘。",
    },
    "family.conv1d_formula_corr": {
        "en": "Each output sample: **y[i] = Σₖ w[k] · x_pad[i + k]** — cross-correlation without a flip (deep learning's “convolution”).",
        "zh": ("每个输出样本：**y[i] = Σₖ w[k] · x填充[i + k]**——不翻转的互相"
               "关（深度学习中的“卷积”）。"),
    },
    "family.row_input": {"en": "signal x (padded)", "zh": "信号 x（含填充）"},
    "family.row_kernel": {"en": "kernel w", "zh": "卷积核 w"},
    "family.row_kernel_flipped": {"en": "kernel w, flipped", "zh": "卷积核 w（翻转）"},
    "family.row_products": {"en": "products w·x", "zh": "乘积 w·x"},
    "family.row_output": {"en": "output y", "zh": "输出 y"},
    "family.step_prefix": {"en": "Output sample ", "zh": "输出样本 "},
    "family.signal_title": {"en": "Signal x ({n} samples)", "zh": "信号 x（{n} 个样本）"},
    "family.output_title": {
        "en": "Output y, {mode} mode ({n} samples), drawn at the time of the newest input under the kernel",
        "zh": "输出 y，{mode} 模式（{n} 个样本），画在卷积核下最新输入的时刻",
    },
    "family.conv1d_modes": {
        "en": (
            "valid: only positions where the kernel lies fully inside the signal ({n} − {k} + 1 samples); same: "
            "pad so that the output is as long as the signal; full: every position where kernel and signal "
            "overlap at all ({n} + {k} − 1 samples) — only here is the echo's whole tail heard. The course's "
            "example: a 5-sample input and a kernel of size 3 give 3 outputs in valid mode."
        ),
        "zh": (
            "有效（`valid`）：只保留卷积核完全落在信号内部的位置（{n} − {k} + 1 个样"
             "本）；相同（`same`）：填充使输出与信号等长；完全（`full`）：保留卷积核与信号有任"
             "何重叠的所有位置（{n} + {k} − 1 个样本）——只有这时才能听到完整的回声尾音。课"
             "程中的例子：5 维的输入经过大小为 3 的卷积核，在有效（`valid`）模式下输出 3 维"
             "特征。"
        ),
    },
    "family.conv1d_numpy_flip": {
        "en": (
            "Equals numpy.convolve(x, w, mode=\"{mode}\") (in same mode with an even kernel length, numpy and "
            "PyTorch centre the window one sample apart)."
        ),
        "zh": ("与 `numpy.convolve(x, w, mode=\"{mode}\")` 的结果相同（"
                "相同模式下若卷积核长度为偶数，numpy 与 PyTorch 的窗口中心相差一个样本）。"),
    },
    "family.conv1d_numpy_corr": {
        "en": (
            "Equals numpy.correlate(x, w, mode=\"{mode}\") and torch.nn.functional.conv1d with this padding (in same mode with an "
            "even kernel length, numpy centres the window one sample differently)."
        ),
        "zh": (
            "与 `numpy.correlate(x, w, mode=\"{mode}\")` 及同样填充"
              "下 `torch.nn.functional.conv1d` 的结果相同（相同模式下若卷积核"
              "长度为偶数，numpy 的窗口中心与之相差一个样本）。"
        ),
    },
}
