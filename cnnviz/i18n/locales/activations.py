"""Strings of the Activations page (pages/activations.py), its figures and cnnviz/lessons/activations.py."""

STRINGS = {
    "activations.title": {"en": "Activation functions", "zh": "激活函数"},
    "activations.intro": {
        "en": "Without a non-linear function between them, a stack of convolutions and linear layers is "
              "still one linear map. The activation bends it. Its **derivative** matters just as much: "
              "backpropagation multiplies every gradient by f′(u), so where f′ is close to 0, learning stops.",
        "zh": "如果层与层之间没有非线性函数，再多的卷积层和线性层叠在一起也仍然只是一个线性映射，激活函数让它“弯曲”起来。"
              "它的**导数**同样重要：反向传播会把每个梯度乘以 f′(u)，f′ 接近 0 的地方，学习就停止了。",
    },
    "activations.name.relu": {"en": "ReLU", "zh": "ReLU"},
    "activations.name.leaky_relu": {"en": "Leaky ReLU", "zh": "Leaky ReLU"},
    "activations.name.sigmoid": {"en": "Sigmoid", "zh": "Sigmoid"},
    "activations.name.tanh": {"en": "tanh", "zh": "tanh"},
    "activations.name.gelu": {"en": "GELU", "zh": "GELU"},
    # --- 1. curves --------------------------------------------------------------------------
    "activations.curves_header": {"en": "Shapes and slopes", "zh": "函数形状与斜率"},
    "activations.functions": {"en": "Functions", "zh": "函数"},
    "activations.slope": {"en": "Leaky ReLU slope α", "zh": "Leaky ReLU 斜率 α"},
    "activations.slope_help": {
        "en": "Slope for x ≤ 0. PyTorch's default is 0.01; 0.1 is easier to see.",
        "zh": "x ≤ 0 时的斜率。PyTorch 默认为 0.01；0.1 更容易看清。",
    },
    "activations.more_settings": {"en": "More settings", "zh": "更多设置"},
    "activations.probe": {"en": "Look at x =", "zh": "查看 x ="},
    "activations.pick_one": {"en": "Pick at least one function to draw.", "zh": "请至少选择一个函数。"},
    "activations.col_function": {"en": "Function", "zh": "函数"},
    "activations.curves_text": {
        "en": "**ReLU** passes positive values unchanged (slope 1) and blocks negative ones (slope 0); "
              "**leaky ReLU** lets a little through on the left so no unit is ever completely dead. "
              "**Sigmoid** squashes into (0, 1) and its slope is at most 1/4; **tanh** squashes into (−1, 1), "
              "centred at 0, slope at most 1. Far from 0 both become flat: that is *saturation*. "
              "**GELU** (used in Transformers) is a smooth ReLU.",
        "zh": "**ReLU** 让正值原样通过（斜率 1），挡住负值（斜率 0）；**Leaky ReLU** 在左侧放过一点点，"
              "因此不会有神经元彻底“死掉”。**Sigmoid** 把输入压缩到 (0, 1)，斜率最大只有 1/4；**tanh** 压缩到 (−1, 1)，"
              "以 0 为中心，斜率最大为 1。远离 0 时两者都变得平坦，这就是*饱和*。**GELU**（Transformer 中常用）是平滑版的 ReLU。",
    },
    "activations.exercise_title": {
        "en": "Course exercise: one sigmoid neuron, A1 = sigmoid(W1·P + b1)",
        "zh": "课程练习：一个 sigmoid 神经元，A1 = sigmoid(W1·P + b1)",
    },
    "activations.exercise_text": {
        "en": "The course's BP-network exercise feeds 9 inputs P through the weights W1 and the bias b1 into one "
              "sigmoid neuron. Predict A1 yourself first: the Backpropagation page asks for your answer and "
              "then shows the computation, with the derivative σ(u)(1 − σ(u)).",
        "zh": "课程的 BP 网络练习题中，9 个输入 P 经过权重 W1 和偏置 b1 进入一个 sigmoid 神经元。"
              "请先自己预测 A1：反向传播页面会先请你作答，再给出计算过程和导数 σ(u)(1 − σ(u))。",
    },
    "activations.exercise_link": {
        "en": "Work out A1 on the Backpropagation page", "zh": "到反向传播页面算出 A1",
    },
    # --- 2. feature map ---------------------------------------------------------------------
    "activations.feature_header": {"en": "On a real feature map", "zh": "作用在真实的特征图上"},
    "activations.feature_text": {
        "en": "A Sobel filter (one convolution) turns the photo into a signed feature map: positive where the "
              "image gets brighter along the chosen direction, negative where it gets darker. The activation "
              "is applied to every value; the last panel shows how much gradient each position would let through.",
        "zh": "用 Sobel 滤波器（一次卷积）把照片变成有正有负的特征图：沿所选方向变亮的地方为正，变暗的地方为负。"
              "激活函数作用在每一个值上；最后一幅图显示每个位置能让多少梯度通过。",
    },
    "activations.function": {"en": "Activation", "zh": "激活函数"},
    "activations.image": {"en": "Image", "zh": "图像"},
    "activations.edge": {"en": "Sobel direction", "zh": "Sobel 方向"},
    "activations.edge.x": {"en": "→ x (vertical edges)", "zh": "→ x（竖直边缘）"},
    "activations.edge.y": {"en": "↓ y (horizontal edges)", "zh": "↓ y（水平边缘）"},
    "activations.fig_post_named": {"en": "After {name}: f(u)", "zh": "经过 {name}：f(u)"},
    "activations.metric_negative": {"en": "Negative responses u < 0", "zh": "负响应 u < 0"},
    "activations.metric_zero": {"en": "Exactly zero after the activation", "zh": "激活后恰好为 0"},
    "activations.metric_mean_grad": {"en": "Mean f′(u)", "zh": "f′(u) 的平均值"},
    "activations.feature_note.relu": {
        "en": "ReLU keeps only the edges of one polarity and sets the rest to exactly 0: a sparse map. "
              "Those zeros pass no gradient, while even a tiny positive response passes all of it (f′ = 1): "
              "that is why the last panel looks speckled.",
        "zh": "ReLU 只保留一种极性的边缘，其余全部变为 0，得到稀疏的特征图。这些 0 的位置不会传回梯度，"
              "而哪怕极小的正响应也会把梯度全部传回（f′ = 1），所以最后一幅图看起来斑斑点点。",
    },
    "activations.feature_note.leaky_relu": {
        "en": "Leaky ReLU keeps a faint copy of the negative edges, and a small gradient α flows through them.",
        "zh": "Leaky ReLU 保留了负边缘的微弱副本，也有一个小梯度 α 从那里流过。",
    },
    "activations.feature_note.sigmoid": {
        "en": "Sigmoid maps the flat background to 0.5 and squeezes strong edges towards 0 or 1, where its gradient is smallest.",
        "zh": "Sigmoid 把平坦的背景映射为 0.5，把强边缘压向 0 或 1，而那里的梯度最小。",
    },
    "activations.feature_note.tanh": {
        "en": "tanh keeps the sign and the zero background, but the strongest edges saturate near ±1 and pass little gradient.",
        "zh": "tanh 保留了正负号和为 0 的背景，但最强的边缘在 ±1 附近饱和，几乎不传回梯度。",
    },
    "activations.feature_note.gelu": {
        "en": "GELU looks like ReLU but lets small negative values through slightly; its gradient varies smoothly.",
        "zh": "GELU 看起来像 ReLU，但会让较小的负值略微通过；它的梯度变化是平滑的。",
    },
    # --- 3. saturation ----------------------------------------------------------------------
    "activations.saturation_header": {
        "en": "Why sigmoid and tanh need normalised inputs",
        "zh": "为什么 sigmoid 和 tanh 需要归一化的输入",
    },
    "activations.saturation_text": {
        "en": "From the course notes: *with sigmoid or tanh, always normalise the inputs, otherwise the "
              "activations end up in the flat region.* Below, a freshly initialised 3×3 conv layer (8 filters, "
              "weights ~ N(0, 1/9)) sees the photographer image with its pixels on three different scales. "
              "Left: the pre-activations u with f′(u) drawn over them (grey: flat region). Right: the "
              "gradients f′(u) that backpropagation would multiply by.",
        "zh": "课程笔记中说：「用 sigmoid、tanh 作激活函数时，一定要对输入进行归一化，否则激活后的值都会进入平坦区。」"
              "下面，一个刚初始化的 3×3 卷积层（8 个滤波器，权重 ~ N(0, 1/9)）处理“摄影师”照片，像素取三种不同的尺度。"
              "左图：预激活值 u 的分布，并叠加 f′(u) 曲线（灰色为平坦区）。右图：反向传播时要乘上的梯度 f′(u) 的分布。",
    },
    "activations.scale": {"en": "Input pixels", "zh": "输入像素"},
    "activations.scale.raw": {"en": "raw 0 … 255", "zh": "原始值 0 … 255"},
    "activations.scale.unit": {"en": "scaled to [0, 1]", "zh": "缩放到 [0, 1]"},
    "activations.scale.standard": {"en": "standardised (mean 0, std 1)", "zh": "标准化（均值 0，标准差 1）"},
    "activations.metric_u": {"en": "Pre-activations u (mean ± std)", "zh": "预激活值 u（均值 ± 标准差）"},
    "activations.metric_flat": {"en": "Units in the flat region", "zh": "处于平坦区的单元"},
    "activations.metric_flat_help": {
        "en": "Share of units whose f′(u) is below {pct}% of the largest possible f′.",
        "zh": "f′(u) 低于最大可能导数 {pct}% 的单元所占比例。",
    },
    "activations.metric_mean_deriv": {"en": "Mean gradient factor f′(u)", "zh": "平均梯度因子 f′(u)"},
    "activations.metric_peak": {"en": "best possible: {peak}", "zh": "最大可能值：{peak}"},
    "activations.saturated": {
        "en": "{pct}% of the units are saturated: their gradient is almost 0, so the weights in front of them "
              "barely learn. Normalise the inputs (try “standardised”).",
        "zh": "{pct}% 的单元已经饱和：它们的梯度几乎为 0，前面的权重几乎学不到东西。请对输入做归一化（试试“标准化”）。",
    },
    "activations.raw_other": {
        "en": "{name} has no flat region for positive inputs, so it does not saturate like sigmoid, but the "
              "values are in the hundreds and every negative unit still gets 0 gradient: normalised inputs "
              "train more reliably.",
        "zh": "{name} 在正半轴没有平坦区，所以不会像 sigmoid 那样饱和；但数值达到几百，而且所有负值单元的梯度仍为 0："
              "归一化的输入训练起来更稳定。",
    },
    "activations.healthy": {
        "en": "Only {pct}% of the units are flat: most pre-activations are near 0, where the gradient flows.",
        "zh": "只有 {pct}% 的单元处于平坦区：大多数预激活值在 0 附近，梯度可以顺畅流动。",
    },
    "activations.healthy_none": {
        "en": "None of the units is in the flat region: every pre-activation lets the gradient through.",
        "zh": "没有任何单元处于平坦区：每个预激活值都能让梯度通过。",
    },
    "activations.healthy_half": {
        "en": "{pct}% of the units are negative, where {name} is flat; that is not saturation (positive values "
              "never flatten), and the other units let the gradient through.",
        "zh": "{pct}% 的单元为负值，{name} 在那里是平坦的；这不是饱和（正值永远不会变平），其余单元让梯度通过。",
    },
    "activations.saturation_note": {
        "en": "{count} pre-activations. Each layer multiplies the gradient by f′(u) again: with sigmoid, "
              "five layers scale it by at most (1/4)⁵ ≈ 0.001, even without saturation. This is why "
              "AlexNet switched to ReLU.",
        "zh": "共 {count} 个预激活值。每经过一层，梯度都要再乘一次 f′(u)：使用 sigmoid 时，即使没有饱和，"
              "五层之后梯度最多只剩 (1/4)⁵ ≈ 0.001。这正是 AlexNet 改用 ReLU 的原因。",
    },
    # --- 4. softmax -------------------------------------------------------------------------
    "activations.softmax_header": {"en": "Softmax: scores into probabilities", "zh": "Softmax：把分数变成概率"},
    "activations.softmax_text": {
        "en": "The last layer of a classifier outputs one score (logit) per class. Softmax exponentiates "
              "and normalises them into probabilities that sum to 1. The course example: the scores 3, 1, −3 "
              "become 0.879, 0.119, 0.002. The temperature T divides the logits first: T < 1 sharpens the "
              "distribution, T > 1 flattens it.",
        "zh": "分类器的最后一层为每个类别输出一个分数（logit）。Softmax 对它们取指数并归一化，变成总和为 1 的概率。"
              "课程示例：分数 3、1、−3 变为 0.879、0.119、0.002。温度 T 先去除 logit：T < 1 使分布更尖锐，T > 1 使分布更平坦。",
    },
    "activations.logits": {"en": "Logits z", "zh": "Logit 分数 z"},
    "activations.logits_help": {
        "en": "2 to 10 numbers separated by commas or spaces, each between −100 and 100.",
        "zh": "2 到 10 个数，用逗号或空格分隔，每个数在 −100 到 100 之间。",
    },
    "activations.temperature": {"en": "Temperature T", "zh": "温度 T"},
    "activations.temperature_help": {
        "en": "softmax(z / T). T = 1 is the ordinary softmax.",
        "zh": "softmax(z / T)。T = 1 即普通的 softmax。",
    },
    "activations.logits_invalid": {
        "en": "These logits cannot be used yet: {reason}",
        "zh": "这些 logit 暂时无法使用：{reason}",
    },
    "activations.logits.not_number": {
        "en": "value {position} (“{token}”) is not a number. Use digits, a decimal point and a minus sign.",
        "zh": "第 {position} 个值（“{token}”）不是数字。只能使用数字、小数点和负号。",
    },
    "activations.logits.too_large": {
        "en": "“{token}” is too large: keep every logit between −{limit} and {limit}.",
        "zh": "“{token}”太大了：每个 logit 请保持在 −{limit} 到 {limit} 之间。",
    },
    "activations.logits.count": {
        "en": "there are {count} numbers; type between {low} and {high}, e.g. 3, 1, -3.",
        "zh": "当前有 {count} 个数；请输入 {low} 到 {high} 个，例如 3, 1, -3。",
    },
    "activations.col_class": {"en": "Class", "zh": "类别"},
    "activations.col_logit": {"en": "Logit z", "zh": "Logit z"},
    "activations.col_prob": {"en": "Probability p", "zh": "概率 p"},
    "activations.softmax_sum": {
        "en": "The probabilities sum to {total} (T = {t}). The order of the classes never changes; only how "
              "confident the distribution is.",
        "zh": "各概率之和为 {total}（T = {t}）。类别的排序不会改变，改变的只是分布的“自信程度”。",
    },
    # --- 5. maxout --------------------------------------------------------------------------
    "activations.maxout_header": {"en": "Maxout: the max of k lines", "zh": "Maxout：k 条直线的最大值"},
    "activations.maxout_text": {
        "en": "A maxout unit computes k linear functions $z_j = w_j x + b_j$ and outputs the largest, "
              "$h(x) = \\max_j z_j$. It learns the shape of its own activation: with two pieces it can be ReLU "
              "or |x|, with more it approximates any convex function. The gradient flows only into the "
              "winning piece, just like max pooling.",
        "zh": "Maxout 单元先计算 k 个线性函数 $z_j = w_j x + b_j$，再输出其中最大的一个：$h(x) = \\max_j z_j$。"
              "它能学习自己的激活函数形状：两段时可以是 ReLU 或 |x|，段数更多时可以逼近任意凸函数。"
              "梯度只流向“获胜”的那一段，和最大池化一样。",
    },
    "activations.maxout_preset": {"en": "Example", "zh": "示例"},
    "activations.maxout.relu": {"en": "ReLU = max(0, x)", "zh": "ReLU = max(0, x)"},
    "activations.maxout.abs": {"en": "|x| = max(−x, x)", "zh": "|x| = max(−x, x)"},
    "activations.maxout.convex": {"en": "k tangents of x²/2", "zh": "x²/2 的 k 条切线"},
    "activations.maxout.random": {"en": "k random lines", "zh": "k 条随机直线"},
    "activations.pieces": {"en": "Pieces k", "zh": "段数 k"},
    "activations.seed": {"en": "Random seed", "zh": "随机种子"},
    "activations.maxout_note.relu": {
        "en": "Two pieces, 0 and x: maxout is exactly ReLU.",
        "zh": "两段，0 和 x：此时 maxout 恰好就是 ReLU。",
    },
    "activations.maxout_note.abs": {
        "en": "Two pieces, −x and x: the absolute value, something ReLU alone cannot do with one unit.",
        "zh": "两段，−x 和 x：得到绝对值函数，单个 ReLU 单元做不到这一点。",
    },
    "activations.maxout_note.convex": {
        "en": "Tangent lines of the parabola x²/2: the more pieces, the closer their maximum follows the curve.",
        "zh": "抛物线 x²/2 的切线：段数越多，它们的最大值越贴近这条曲线。",
    },
    "activations.maxout_note.random": {
        "en": "Whatever the lines, their maximum is always convex and piecewise linear.",
        "zh": "无论直线如何，它们的最大值总是一个凸的分段线性函数。",
    },
    # --- figures ----------------------------------------------------------------------------
    "activations.fig.functions": {"en": "f(x)", "zh": "函数 f(x)"},
    "activations.fig.derivatives": {"en": "Derivative f′(x)", "zh": "导数 f′(x)"},
    "activations.fig.image": {"en": "Image", "zh": "图像"},
    "activations.fig.pre": {"en": "Sobel response u", "zh": "Sobel 响应 u"},
    "activations.fig.post": {"en": "After the activation f(u)", "zh": "激活后 f(u)"},
    "activations.fig.grad": {"en": "Local gradient f′(u)", "zh": "局部梯度 f′(u)"},
    "activations.fig.u_title": {"en": "Pre-activations u and f′(u)", "zh": "预激活值 u 与 f′(u)"},
    "activations.fig.grad_title": {"en": "Gradient factors f′(u)", "zh": "梯度因子 f′(u)"},
    "activations.fig.u_hist": {"en": "share of u", "zh": "u 的占比"},
    "activations.fig.grad_hist": {"en": "share of f′(u)", "zh": "f′(u) 的占比"},
    "activations.fig.u_axis": {"en": "pre-activation u", "zh": "预激活值 u"},
    "activations.fig.grad_axis": {"en": "f′(u)", "zh": "f′(u)"},
    "activations.fig.share": {"en": "% of units", "zh": "单元占比 %"},
    "activations.fig.flat_label": {"en": "← flat", "zh": "← 平坦区"},
    "activations.fig.class": {"en": "class", "zh": "类别"},
    "activations.fig.logit": {"en": "logit z", "zh": "logit z"},
    "activations.fig.prob": {"en": "probability", "zh": "概率"},
    "activations.fig.logits_title": {"en": "Logits", "zh": "Logit 分数"},
    "activations.fig.probs_title": {"en": "softmax(z / T)", "zh": "softmax(z / T)"},
    "activations.fig.maxout": {"en": "h(x) = max", "zh": "h(x) = 最大值"},
    "activations.fig.winner": {"en": "wins", "zh": "胜出"},
    "activations.fig.winner_hover": {"en": "x = %{x:.2f}: z%{customdata} wins", "zh": "x = %{x:.2f}：z%{customdata} 胜出"},
}
