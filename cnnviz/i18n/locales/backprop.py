"""Strings of the backpropagation page (pages/backprop.py) and its figures (cnnviz/figures/backprop.py)."""

STRINGS = {
    # --- page ----------------------------------------------------------------------------------
    "backprop.title": {"en": "Backpropagation, number by number", "zh": "反向传播：逐个数字算清楚"},
    "backprop.intro": {
        "en": (
            "Training a network means nudging every weight against the gradient of the loss. "
            "Backpropagation computes all those gradients in one sweep from the output back to the "
            "input, reusing the numbers of the forward pass. Here every intermediate value is on the "
            "screen — first in the course's small fully connected network, then through a convolution, "
            "through pooling, checked numerically, and finally for one training step of a tiny CNN."
        ),
        "zh": (
            "训练网络，就是让每个权重沿着损失梯度的反方向挪一小步。反向传播从输出一路算回输入，"
            "并复用前向传播中的数值，一次就得到所有梯度。本页把每一个中间值都摆在眼前："
            "先是课程中的小型全连接网络，然后依次经过卷积层、池化层，再用数值方法检验梯度，"
            "最后完整走一遍小型 CNN 的一次训练迭代。"
        ),
    },
    "backprop.section": {"en": "Section", "zh": "章节"},
    "backprop.section.network": {"en": "① Network by hand", "zh": "① 手算全连接网络"},
    "backprop.section.conv": {"en": "② Through a convolution", "zh": "② 穿过卷积层"},
    "backprop.section.pool": {"en": "③ Through pooling", "zh": "③ 穿过池化层"},
    "backprop.section.gradcheck": {"en": "④ Gradient check", "zh": "④ 梯度检验"},
    "backprop.section.cnn": {"en": "⑤ A whole small CNN", "zh": "⑤ 完整的小型 CNN"},
    "backprop.from_functional": {
        "en": "All numbers on this page are computed by `cnnviz.nn.functional` and `cnnviz.nn.layers`.",
        "zh": "本页所有数字均由 `cnnviz.nn.functional` 与 `cnnviz.nn.layers` 计算得出。",
    },
    # --- 1. the fully connected network ---------------------------------------------------------
    "backprop.net.header": {"en": "The course's 9-5-3 network", "zh": "课程中的 9-5-3 网络"},
    "backprop.net.intro": {
        "en": (
            "Nine inputs **P**, five hidden neurons and three output neurons, every layer fully "
            "connected. Each neuron forms a weighted sum **u = W·x + b** and passes it through the "
            "sigmoid **f(u) = 1 / (1 + e⁻ᵘ)**. The input, neuron i = 4's weights and its bias are "
            "the slides' numbers; the slides do not list the other weights, so they are fixed example values."
        ),
        "zh": (
            "9 个输入 **P**、5 个隐藏神经元、3 个输出神经元，层与层之间全连接。每个神经元先求加权和 "
            "**u = W·x + b**，再经过 sigmoid 函数 **f(u) = 1 / (1 + e⁻ᵘ)**。输入、第 i = 4 个隐藏神经元的权重和偏置"
            "取自课件；课件没有给出其余权重，这里用固定的示例数值。"
        ),
    },
    "backprop.net.loss": {"en": "Loss", "zh": "损失函数"},
    "backprop.net.loss.mse": {"en": "Squared error ½Σ(t−y)²", "zh": "平方误差 ½Σ(t−y)²"},
    "backprop.net.loss.cross_entropy": {"en": "Softmax + cross-entropy", "zh": "Softmax + 交叉熵"},
    "backprop.net.target": {"en": "True class k", "zh": "真实类别 k"},
    "backprop.net.lr": {"en": "Learning rate η", "zh": "学习率 η"},
    "backprop.net.neuron": {"en": "Hidden neuron i to follow", "zh": "跟踪的隐藏神经元 i"},
    "backprop.net.forward": {"en": "Forward pass, neuron by neuron", "zh": "前向传播：逐个神经元计算"},
    "backprop.net.forward_caption": {
        "en": "Node numbers are the neurons' outputs; edge colour is the weight (orange > 0, blue < 0), width its size. Hover an edge for its value.",
        "zh": "节点中的数字是神经元的输出；连线颜色表示权重（橙色为正、蓝色为负），粗细表示大小。鼠标悬停在连线上可查看数值。",
    },
    "backprop.net.hidden_formula": {
        "en": "Hidden neuron i = {i}: weighted sum of the nine inputs plus the bias, then the sigmoid.",
        "zh": "隐藏神经元 i = {i}：9 个输入的加权和加上偏置，再经过 sigmoid。",
    },
    "backprop.net.output_formula": {
        "en": "The output layer repeats this with the five hidden outputs as its inputs:",
        "zh": "输出层以 5 个隐藏神经元的输出为输入，重复同样的计算：",
    },
    "backprop.net.loss_formula": {"en": "The loss for the true class k = {k}:", "zh": "真实类别 k = {k} 时的损失："},
    "backprop.net.hidden_until_reveal": {
        "en": "Neuron i = {i} shows “?” until you check your answer.",
        "zh": "检查答案之前，神经元 i = {i} 显示为“?”。",
    },
    "backprop.net.reveal_to_continue": {
        "en": "Type your prediction for A1(i={i}) above and press **Check**: the answer, the backward pass and the update follow.",
        "zh": "先在上面写下你对 A1(i={i}) 的预测，再点击 **检查答案**：随后会显示答案、反向传播和参数更新。",
    },
    "backprop.net.backward": {"en": "Backward pass: the δ terms", "zh": "反向传播：误差项 δ"},
    "backprop.net.backward_intro": {
        "en": (
            "δ = ∂E/∂u is how much the loss changes when a neuron's weighted input changes. It starts at "
            "the output and flows back along the same edges, each hidden neuron collecting the δ of the "
            "outputs it feeds, weighted by the connecting weight, times the sigmoid's slope "
            "f′(u) = f(u)(1 − f(u))."
        ),
        "zh": (
            "δ = ∂E/∂u 表示神经元的加权输入变化时损失变化多少。它从输出层出发，沿原来的连线反向流动："
            "每个隐藏神经元收集它所连接的输出神经元的 δ（按连线权重加权），再乘以 sigmoid 的斜率 "
            "f′(u) = f(u)(1 − f(u))。"
        ),
    },
    "backprop.net.backward_caption": {
        "en": "Node numbers are δ terms; edge colour and width are the weight gradients ∂E/∂W.",
        "zh": "节点中的数字是误差项 δ；连线的颜色和粗细表示权重梯度 ∂E/∂W。",
    },
    "backprop.net.delta_output_mse": {
        "en": "Output layer, squared error: δ2 = (y − t) · f′(u2) = (y − t) · y(1 − y).",
        "zh": "输出层（平方误差）：δ2 = (y − t) · f′(u2) = (y − t) · y(1 − y)。",
    },
    "backprop.net.delta_output_ce": {
        "en": "Output layer, softmax with cross-entropy: the derivatives cancel and δ2 = y − t.",
        "zh": "输出层（softmax + 交叉熵）：导数相互抵消，δ2 = y − t。",
    },
    "backprop.net.delta_hidden": {
        "en": "Hidden neuron i = {i}: collect the output δs through the weights W2, then multiply by the slope.",
        "zh": "隐藏神经元 i = {i}：经由权重 W2 收集输出层的 δ，再乘以斜率。",
    },
    "backprop.net.weight_grads": {
        "en": "Each weight's gradient is the δ of the neuron it feeds times the value on its input side:",
        "zh": "每个权重的梯度 = 它所连接的神经元的 δ × 它输入端的值：",
    },
    "backprop.net.sigmoid_title": {
        "en": "The sigmoid and its slope at the hidden neurons",
        "zh": "sigmoid 函数及其在各隐藏神经元处的斜率",
    },
    "backprop.net.sigmoid_note": {
        "en": "The slope f(u)(1 − f(u)) is at most 0.25 (at u = 0), so every sigmoid layer shrinks the δ that passes through it by at least 4× — the vanishing gradient of deep sigmoid networks.",
        "zh": "斜率 f(u)(1 − f(u)) 最大只有 0.25（在 u = 0 处），所以每经过一层 sigmoid，δ 至少缩小为原来的 1/4——这就是深层 sigmoid 网络的梯度消失。",
    },
    "backprop.net.loss_compare": {
        "en": "**Two losses.** Squared error E = ½ Σ (t − y)² with sigmoid outputs keeps the factor y(1 − y) in δ2, which is tiny when an output is confidently wrong. Softmax with cross-entropy E = −log y[target] gives δ2 = y − t: the larger the mistake, the larger the gradient. Switch the loss above and compare the δ terms.",
        "zh": "**两种损失。** 平方误差 E = ½ Σ (t − y)² 配合 sigmoid 输出时，δ2 中保留了 y(1 − y) 这一因子；当输出“自信地错了”时它非常小。Softmax 加交叉熵 E = −log y[目标] 则给出 δ2 = y − t：错得越多，梯度越大。切换上方的损失函数，比较 δ 的数值。",
    },
    "backprop.net.update": {"en": "The update", "zh": "参数更新"},
    "backprop.net.update_intro": {
        "en": "Gradient descent moves every weight a step of size η against its gradient: W ← W − η · ∂E/∂W. For neuron i = {i}:",
        "zh": "梯度下降让每个权重沿梯度的反方向移动步长 η：W ← W − η · ∂E/∂W。以神经元 i = {i} 为例：",
    },
    "backprop.net.update_table": {
        "en": "All nine incoming weights of neuron i = {i}, before and after:",
        "zh": "神经元 i = {i} 的全部 9 个输入权重，更新前后对比：",
    },
    "backprop.net.col_weight": {"en": "weight", "zh": "权重"},
    "backprop.net.col_old": {"en": "before", "zh": "更新前"},
    "backprop.net.col_grad": {"en": "∂E/∂W", "zh": "∂E/∂W"},
    "backprop.net.col_new": {"en": "after", "zh": "更新后"},
    "backprop.net.loss_before": {"en": "Loss before", "zh": "更新前的损失"},
    "backprop.net.loss_after": {"en": "Loss after one step", "zh": "一步之后的损失"},
    # --- 2. convolution -----------------------------------------------------------------------
    "backprop.conv.header": {"en": "Through a convolution layer", "zh": "穿过卷积层"},
    "backprop.conv.intro": {
        "en": (
            "Forward, y = x ⋆ w + b (⋆ is the cross-correlation every CNN library calls “convolution”). "
            "Given the upstream gradient δ = ∂E/∂y, both gradients are convolutions again: "
            "the weight gradient slides δ over the input, the input gradient slides the rotated kernel over the padded δ."
        ),
        "zh": (
            "前向：y = x ⋆ w + b（⋆ 是互相关，也就是各深度学习库所说的“卷积”）。"
            "已知上游梯度 δ = ∂E/∂y，两个梯度本身也都是卷积：权重梯度是让 δ 在输入上滑动，"
            "输入梯度是让旋转后的卷积核在填充后的 δ 上滑动。"
        ),
    },
    "backprop.conv.example": {"en": "Example", "zh": "示例"},
    "backprop.conv.example.course": {"en": "Textbook 3×3 ⋆ 2×2", "zh": "教材 3×3 ⋆ 2×2"},
    "backprop.conv.example.random": {"en": "Random integers", "zh": "随机整数"},
    "backprop.conv.size": {"en": "Input size", "zh": "输入尺寸"},
    "backprop.conv.kernel": {"en": "Kernel size", "zh": "卷积核尺寸"},
    "backprop.conv.seed": {"en": "Random seed", "zh": "随机种子"},
    "backprop.conv.course_note": {
        "en": "The worked example of the textbook Dive into Deep Learning (not in the course notes): "
              "[[0,1,2],[3,4,5],[6,7,8]] ⋆ [[0,1],[2,3]] = [[19,25],[37,43]], with δ = [[1,−1],[2,0]].",
        "zh": "教材《动手学深度学习》中的例题（不在课程讲义中）：[[0,1,2],[3,4,5],[6,7,8]] ⋆ [[0,1],[2,3]] = [[19,25],[37,43]]，"
              "取 δ = [[1,−1],[2,0]]。",
    },
    "backprop.conv.overview": {"en": "Everything at a glance", "zh": "一览"},
    "backprop.conv.animate": {"en": "Animate", "zh": "动画演示"},
    "backprop.conv.animate.weight": {"en": "Weight gradient ∂E/∂w", "zh": "权重梯度 ∂E/∂w"},
    "backprop.conv.animate.input": {"en": "Input gradient ∂E/∂x", "zh": "输入梯度 ∂E/∂x"},
    "backprop.conv.weight_title": {"en": "Weight gradient: x ⋆ δ", "zh": "权重梯度：x ⋆ δ"},
    "backprop.conv.weight_text": {
        "en": "Weight w[p, q] touched input x[i + p, j + q] at every output position (i, j), so its gradient adds up input × δ over all positions — the valid cross-correlation of the input with δ:",
        "zh": ("权重 w[p, q] 在每个输出位置 (i, j) 都与输入 x[i + p, j + q]"
               " 相乘，所以它的梯度是所有位置上“输入 × δ”之和——即输入与 δ 的 有效（`valid"
               "`）互相关："),
    },
    "backprop.conv.weight_roles": {
        "en": "In the animation the “input” is x, the “kernel” is δ ({oh}×{ow}) and each output cell is one weight's gradient.",
        "zh": "动画中的“输入”是 x，“卷积核”是 δ（{oh}×{ow}），每个输出格就是一个权重的梯度。",
    },
    "backprop.conv.input_title": {"en": "Input gradient: full convolution with the rotated kernel", "zh": "输入梯度：与旋转后卷积核的 完全卷积"},
    "backprop.conv.input_text": {
        "en": "Input x[r, c] was multiplied by w[r − i, c − j] for every output (i, j) whose window covered it. Collecting those terms is a cross-correlation of δ, padded with K − 1 = {p} zeros on every side, with the kernel rotated by 180° — the full convolution of δ with w:",
        "zh": ("输入 x[r, c] 在每个覆盖它的输出 (i, j) 处都与 w[r − i, c − j"
               "] 相乘。把这些项收集起来，就是：δ 四周各补 K − 1 = {p} 个零，再与旋转 18"
               "0° 的卷积核做互相关——也就是 δ 与 w 的完全（`full`）卷积："),
    },
    "backprop.conv.input_roles": {
        "en": "In the animation the “input” is δ padded with zeros, the kernel is w rotated by 180°, and each output cell is one input pixel's gradient.",
        "zh": "动画中的“输入”是补零后的 δ，卷积核是旋转 180° 后的 w，每个输出格就是一个输入像素的梯度。",
    },
    "backprop.conv.bias": {"en": "The bias touched every output once, so ∂E/∂b = Σ δ:", "zh": "偏置对每个输出都贡献一次，所以 ∂E/∂b = Σ δ："},
    "backprop.conv.check_ok": {
        "en": "Checked: `F.conv2d` of {what} equals `F.conv2d_backward`'s {grad} (largest difference {error}).",
        "zh": "已核对：用 `F.conv2d` 计算的{what}与 `F.conv2d_backward` 给出的 {grad} 一致（最大差 {error}）。",
    },
    "backprop.conv.check_bad": {
        "en": "Mismatch: `F.conv2d` of {what} differs from `F.conv2d_backward`'s {grad} by {error}.",
        "zh": "不一致：用 `F.conv2d` 计算的{what}与 `F.conv2d_backward` 给出的 {grad} 相差 {error}。",
    },
    "backprop.conv.what_weight": {"en": "x with δ", "zh": " x 与 δ 的互相关"},
    "backprop.conv.what_input": {"en": "the padded δ with the rotated kernel", "zh": "补零 δ 与旋转卷积核的互相关"},
    "backprop.conv.stride_note": {
        "en": "With stride S > 1 the same holds after inserting S − 1 zeros between the entries of δ — the transposed convolution.",
        "zh": "步长 S > 1 时，只需先在 δ 的元素之间插入 S − 1 个零，结论不变——这正是转置卷积。",
    },
    # --- 3. pooling -------------------------------------------------------------------------------
    "backprop.pool.header": {"en": "Through pooling", "zh": "穿过池化层"},
    "backprop.pool.intro": {
        "en": "Pooling has no weights, only a routing rule for the gradient. Max pooling passed on one value per window, so the whole upstream gradient goes back to that arg-max cell; average pooling used every cell equally, so it spreads the gradient evenly.",
        "zh": "池化层没有权重，只有梯度的“路由规则”。最大池化每个窗口只传出一个值，因此整个上游梯度都回到那个最大值所在的格子；平均池化平等地使用了每个格子，因此把梯度平均分给它们。",
    },
    "backprop.pool.mode": {"en": "Pooling", "zh": "池化方式"},
    "backprop.pool.mode.max": {"en": "Max", "zh": "最大池化"},
    "backprop.pool.mode.avg": {"en": "Average", "zh": "平均池化"},
    "backprop.pool.size": {"en": "Input size", "zh": "输入尺寸"},
    "backprop.pool.window": {"en": "Window", "zh": "窗口大小"},
    "backprop.pool.stride": {"en": "Stride", "zh": "步长"},
    "backprop.pool.seed": {"en": "Random seed", "zh": "随机种子"},
    "backprop.pool.rule_max": {
        "en": "Max pooling: the cell that was the maximum of window (i, j) receives δ[i, j]; every other cell receives 0.",
        "zh": "最大池化：窗口 (i, j) 中的最大值所在格得到 δ[i, j]，其余格得到 0。",
    },
    "backprop.pool.rule_avg": {
        "en": "Average pooling: each of the K·K = {n} cells of window (i, j) receives δ[i, j] / {n}.",
        "zh": "平均池化：窗口 (i, j) 的 K·K = {n} 个格子各得到 δ[i, j] / {n}。",
    },
    "backprop.pool.overlap": {
        "en": "Stride {s} < window {k}: windows overlap, so a cell inside several windows adds up the shares it receives.",
        "zh": "步长 {s} < 窗口 {k}：窗口相互重叠，落在多个窗口中的格子会把收到的梯度累加起来。",
    },
    "backprop.pool.gap": {
        "en": "Stride {s} > window {k}: some input cells are in no window and get gradient 0.",
        "zh": "步长 {s} > 窗口 {k}：有些输入格不在任何窗口中，梯度为 0。",
    },
    "backprop.pool.conserved": {
        "en": "Nothing is lost or created on the way back: Σ ∂E/∂x = {dx} = Σ δ = {delta}.",
        "zh": "梯度在回传过程中既不丢失也不增加：Σ ∂E/∂x = {dx} = Σ δ = {delta}。",
    },
    "backprop.pool.caption": {
        "en": "Press ▶ or drag the slider: the window moves over x, and its δ goes to the outlined cells of ∂E/∂x (accumulated window by window). The final grid is `F.{fn}`.",
        "zh": "点击 ▶ 或拖动滑块：窗口在 x 上移动，它的 δ 被送到 ∂E/∂x 中描边的格子（逐个窗口累加）。最终的网格来自 `F.{fn}`。",
    },
    # --- 4. gradient check ------------------------------------------------------------------------
    "backprop.gc.header": {"en": "Gradient check", "zh": "梯度检验"},
    "backprop.gc.intro": {
        "en": "Backpropagation is easy to get subtly wrong, so test it against the definition of a derivative: nudge one weight by ±ε, run the forward pass twice, and see how much the loss moves.",
        "zh": "反向传播很容易出现细微的错误，所以要用导数的定义来检验：把某个权重分别加上、减去 ε，各做一次前向传播，看损失变化了多少。",
    },
    "backprop.gc.param": {"en": "Parameter", "zh": "参数"},
    "backprop.gc.param.w1": {"en": "W1 (hidden weights)", "zh": "W1（隐藏层权重）"},
    "backprop.gc.param.b1": {"en": "b1 (hidden biases)", "zh": "b1（隐藏层偏置）"},
    "backprop.gc.param.w2": {"en": "W2 (output weights)", "zh": "W2（输出层权重）"},
    "backprop.gc.param.b2": {"en": "b2 (output biases)", "zh": "b2（输出层偏置）"},
    "backprop.gc.hidden": {"en": "Hidden neuron i", "zh": "隐藏神经元 i"},
    "backprop.gc.input": {"en": "Input j", "zh": "输入 j"},
    "backprop.gc.output": {"en": "Output neuron k", "zh": "输出神经元 k"},
    "backprop.gc.eps": {"en": "Nudge ε", "zh": "扰动 ε"},
    "backprop.gc.dtype": {"en": "Precision", "zh": "数值精度"},
    "backprop.gc.loss_plus": {"en": "E(w + ε)", "zh": "E(w + ε)"},
    "backprop.gc.loss_minus": {"en": "E(w − ε)", "zh": "E(w − ε)"},
    "backprop.gc.numeric": {"en": "Numerical gradient", "zh": "数值梯度"},
    "backprop.gc.analytic": {"en": "Backpropagated gradient", "zh": "反向传播梯度"},
    "backprop.gc.rel_error": {"en": "Relative error", "zh": "相对误差"},
    "backprop.gc.verdict.excellent": {
        "en": "Relative error {err}: below 1e−7, the gradient is right.",
        "zh": "相对误差 {err}：低于 1e−7，梯度正确。",
    },
    "backprop.gc.verdict.good": {
        "en": "Relative error {err}: below 1e−5 — fine, though the ε or the precision limits the agreement.",
        "zh": "相对误差 {err}：低于 1e−5——可以接受，只是 ε 或数值精度限制了吻合程度。",
    },
    "backprop.gc.verdict.suspicious": {
        "en": "Relative error {err}: suspicious. Here the backward pass is correct, so ε is too large (truncation) or too small for the precision (round-off).",
        "zh": "相对误差 {err}：可疑。这里的反向传播是正确的，所以原因是 ε 太大（截断误差）或相对于精度太小（舍入误差）。",
    },
    "backprop.gc.verdict.wrong": {
        "en": "Relative error {err}: the two disagree. The backward pass is correct here, so the finite difference failed: with this ε and precision, E(w + ε) and E(w − ε) are (almost) the same number.",
        "zh": "相对误差 {err}：两者不一致。这里的反向传播是正确的，所以是差分失败了：在这个 ε 和精度下，E(w + ε) 与 E(w − ε) （几乎）是同一个数。",
    },
    "backprop.gc.rel_explained": {
        "en": "**Why relative?** Gradients range from 10⁻⁶ to 10³, so an absolute difference of 10⁻⁶ can be perfect or useless. Dividing by the larger magnitude gives one scale for every weight: in float64, below 10⁻⁷ is right, 10⁻⁵ to 10⁻² is worth a look, above 10⁻² is a bug.",
        "zh": ("**为什么用相对误差？** 梯度的量级从 10⁻⁶ 到 10³ 都有，同样是 10⁻⁶ 的绝"
               "对误差，可能完美也可能毫无意义。除以两者中较大的绝对值，所有权重就有了统一的标准：在 `fl"
               "oat64` 下，低于 10⁻⁷ 表示正确，10⁻⁵ 到 10⁻² 值得检查，高于 10⁻²"
               " 说明有错误。"),
    },
    "backprop.gc.sweep_title": {"en": "How the error depends on ε", "zh": "误差如何随 ε 变化"},
    "backprop.gc.sweep_text": {
        "en": "Large ε: the secant is not the tangent (truncation error ∝ ε² for the central difference, ∝ ε for the one-sided one). Tiny ε: E(w ± ε) differ only in their last digits, and round-off ∝ machine-ε / ε takes over — early in float32, late in float64. The dashed line is the ε chosen above.",
        "zh": ("ε 较大时，割线不等于切线（中心差分的截断误差 ∝ ε²，单侧差分 ∝ ε）。ε 很小时，E"
               "(w ± ε) 只在最后几位上不同，舍入误差 ∝ 机器精度 / ε 占据主导——`float"
               "32` 很早就出现，`float64` 要晚得多。虚线是上面选定的 ε。"),
    },
    # --- 5. the tiny CNN ----------------------------------------------------------------------------
    "backprop.cnn.header": {"en": "One training step of a tiny CNN", "zh": "小型 CNN 的一次训练迭代"},
    "backprop.cnn.intro": {
        "en": "A 6×6 image goes through Conv2d(1→2, 3×3) → ReLU → MaxPool2d(2) → Flatten → Linear(8→3) and a softmax cross-entropy loss. The network learns to tell three strokes apart. Every tensor is listed below in the order it is computed: forward, then backward from the loss to the input, then the SGD update.",
        "zh": ("一张 6×6 的图像依次经过 `Conv2d(1→2, 3×3) → ReLU → MaxP"
               "ool2d(2) → Flatten → Linear(8→3)`，再计算 softmax "
               "交叉熵损失。网络要学会区分三种笔画。下面按计算顺序列出每一个张量：先前向，再从损失反向传回输"
               "入，最后是 SGD 更新。"),
    },
    "backprop.cnn.pattern": {"en": "Input image", "zh": "输入图像"},
    "backprop.cnn.target": {"en": "Label to learn", "zh": "要学习的标签"},
    "backprop.cnn.pattern.vertical": {"en": "vertical", "zh": "竖线"},
    "backprop.cnn.pattern.horizontal": {"en": "horizontal", "zh": "横线"},
    "backprop.cnn.pattern.diagonal": {"en": "diagonal", "zh": "斜线"},
    "backprop.cnn.lr": {"en": "Learning rate η", "zh": "学习率 η"},
    "backprop.cnn.seed": {"en": "Initial weights (seed)", "zh": "初始权重（随机种子）"},
    "backprop.cnn.flow": {"en": "Activations and their gradients", "zh": "激活值及其梯度"},
    "backprop.cnn.flow_caption": {
        "en": "Top: forward, left to right. Bottom: ∂L/∂(the tensor above), computed right to left. Two channels are stacked vertically.",
        "zh": "上排：前向传播，从左到右。下排：损失对上方张量的梯度 ∂L/∂(·)，从右往左计算。两个通道上下排列。",
    },
    "backprop.cnn.logits_grad": {
        "en": "The chain starts at the loss: ∂L/∂s = softmax(s) − onehot(t).",
        "zh": "链式法则从损失开始：∂L/∂s = softmax(s) − 独热(t)。",
    },
    "backprop.cnn.table": {"en": "Every tensor, in order", "zh": "按顺序列出的所有张量"},
    "backprop.cnn.col_order": {"en": "#", "zh": "序号"},
    "backprop.cnn.col_phase": {"en": "phase", "zh": "阶段"},
    "backprop.cnn.col_tensor": {"en": "tensor", "zh": "张量"},
    "backprop.cnn.col_layer": {"en": "layer", "zh": "所属层"},
    "backprop.cnn.col_shape": {"en": "shape", "zh": "形状"},
    "backprop.cnn.col_min": {"en": "min", "zh": "最小值"},
    "backprop.cnn.col_max": {"en": "max", "zh": "最大值"},
    "backprop.cnn.col_norm": {"en": "‖·‖₂", "zh": "‖·‖₂"},
    "backprop.cnn.phase.forward": {"en": "forward", "zh": "前向"},
    "backprop.cnn.phase.loss": {"en": "loss", "zh": "损失"},
    "backprop.cnn.phase.backward": {"en": "backward", "zh": "反向"},
    "backprop.cnn.phase.update": {"en": "update", "zh": "更新"},
    "backprop.cnn.relu_note": {
        "en": "ReLU passes a gradient only where its input was positive; max pooling only to each window's maximum. That is why ∂L/∂z₁ is mostly zeros.",
        "zh": "ReLU 只在输入为正的位置传递梯度；最大池化只把梯度传给每个窗口的最大值。所以 ∂L/∂z₁ 大部分是 0。",
    },
    "backprop.cnn.update": {"en": "The update W ← W − η ∂L/∂W", "zh": "参数更新 W ← W − η ∂L/∂W"},
    "backprop.cnn.result": {"en": "Before and after the step", "zh": "更新前后对比"},
    "backprop.cnn.loss_before": {"en": "Loss before", "zh": "更新前的损失"},
    "backprop.cnn.loss_after": {"en": "Loss after", "zh": "更新后的损失"},
    "backprop.cnn.p_target": {"en": "P(label) after", "zh": "更新后标签的概率"},
    # --- figures ----------------------------------------------------------------------------------
    "backprop.fig.col_input": {"en": "Input P (9)", "zh": "输入 P（9）"},
    "backprop.fig.col_hidden": {"en": "Hidden A1 = f(u1) (5)", "zh": "隐藏层 A1 = f(u1)（5）"},
    "backprop.fig.col_output": {"en": "Output y = f(u2) (3)", "zh": "输出 y = f(u2)（3）"},
    "backprop.fig.col_output_softmax": {"en": "Output y = softmax(u2) (3)", "zh": "输出 y = softmax(u2)（3）"},
    "backprop.fig.col_hidden_delta": {"en": "Hidden δ1", "zh": "隐藏层 δ1"},
    "backprop.fig.col_output_delta": {"en": "Output δ2", "zh": "输出层 δ2"},
    "backprop.fig.edges_forward": {
        "en": "edges: weights W (orange > 0, blue < 0, width ∝ |W|)",
        "zh": "连线：权重 W（橙色 > 0，蓝色 < 0，粗细 ∝ |W|）",
    },
    "backprop.fig.edges_backward": {
        "en": "edges: gradients ∂E/∂W (orange > 0, blue < 0, width ∝ size)",
        "zh": "连线：梯度 ∂E/∂W（橙色 > 0，蓝色 < 0，粗细 ∝ 大小）",
    },
    "backprop.fig.sigmoid_points": {"en": "hidden neurons f(u1)", "zh": "隐藏神经元 f(u1)"},
    "backprop.fig.sigmoid_slopes": {"en": "their slopes f′(u1)", "zh": "对应斜率 f′(u1)"},
    "backprop.fig.x": {"en": "Input x", "zh": "输入 x"},
    "backprop.fig.w": {"en": "Kernel w", "zh": "卷积核 w"},
    "backprop.fig.y": {"en": "Output y", "zh": "输出 y"},
    "backprop.fig.delta": {"en": "Upstream δ = ∂E/∂y", "zh": "上游梯度 δ = ∂E/∂y"},
    "backprop.fig.dw": {"en": "∂E/∂w = x ⋆ δ", "zh": "∂E/∂w = x ⋆ δ"},
    "backprop.fig.dx": {"en": "∂E/∂x = pad(δ) ⋆ rot180(w)", "zh": "∂E/∂x = 补零(δ) ⋆ 旋转180°(w)"},
    "backprop.fig.row_forward": {"en": "forward", "zh": "前向"},
    "backprop.fig.row_backward": {"en": "backward", "zh": "反向"},
    "backprop.fig.pool_x": {"en": "Input x", "zh": "输入 x"},
    "backprop.fig.pool_y": {"en": "Pooled y", "zh": "池化输出 y"},
    "backprop.fig.pool_dx": {"en": "∂E/∂x", "zh": "∂E/∂x"},
    "backprop.fig.window_prefix": {"en": "Window ", "zh": "窗口 "},
    "backprop.fig.route_max": {
        "en": "δ({r},{c}) = {d} goes to x{cell} = {value}, the window's maximum; the other cells get 0",
        "zh": "δ({r},{c}) = {d} 全部送到窗口最大值 x{cell} = {value}，其余格得到 0",
    },
    "backprop.fig.route_avg": {
        "en": "δ({r},{c}) = {d} is shared by the window's {n} cells: {d} ÷ {n} = {share} each",
        "zh": "δ({r},{c}) = {d} 平均分给窗口的 {n} 个格子：每格 {d} ÷ {n} = {share}",
    },
    "backprop.fig.sweep_central": {"en": "central difference, {dtype}", "zh": "中心差分，{dtype}"},
    "backprop.fig.sweep_forward": {"en": "one-sided difference, {dtype}", "zh": "单侧差分，{dtype}"},
    "backprop.fig.rel_error": {"en": "relative error", "zh": "相对误差"},
    "backprop.fig.sweep_good": {"en": "below 1e−7: gradient right", "zh": "低于 1e−7：梯度正确"},
    "backprop.fig.param_before": {"en": "{name} before", "zh": "更新前 {name}"},
    "backprop.fig.param_step": {"en": "−η ∂L/∂{name} (η = {lr})", "zh": "−η ∂L/∂{name}（η = {lr}）"},
    "backprop.fig.param_after": {"en": "{name} after", "zh": "更新后 {name}"},
    "backprop.fig.before": {"en": "before the step", "zh": "更新前"},
    "backprop.fig.after": {"en": "after the step", "zh": "更新后"},
    "backprop.fig.probability": {"en": "probability", "zh": "概率"},
}
