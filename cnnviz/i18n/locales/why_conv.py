"""Strings of the "Why convolution?" page (pages/why_conv.py) and its figures (cnnviz/figures/why_conv.py)."""

STRINGS = {
    "why_conv.title": {
        "en": "Why convolution? Sparse connections and shared weights",
        "zh": "为什么用卷积？稀疏连接与权值共享",
    },
    "why_conv.intro": {
        "en": (
            "A fully connected layer joins **every** input to **every** output, each connection with its own "
            "weight. A convolutional layer is the same kind of layer — a matrix times the input — with two "
            "restrictions: each output looks only at a small neighbourhood (**local, sparse connectivity**), "
            "and all outputs use the **same** few weights (**weight sharing**). These two ideas cut the "
            "number of parameters by many orders of magnitude, and they make the layer **translation "
            "equivariant**: move the input and the output moves with it."
        ),
        "zh": (
            "全连接层把**每一个**输入连到**每一个**输出，每条连接都有自己的权重。卷积层其实是同一类层"
            "（一个矩阵乘以输入），只是加了两条限制：每个输出只看一个小邻域（**局部连接 / 稀疏连接**），"
            "并且所有输出使用**同一组**少量权重（**权值共享**）。这两点让参数量减少了许多个数量级，"
            "也让卷积层具有**平移等变性**：输入平移，输出也跟着平移。"
        ),
    },
    # --- section 1 --------------------------------------------------------------------------
    "why_conv.s1.header": {"en": "1 · The same layer, drawn two ways", "zh": "1 · 同一层的两种画法"},
    "why_conv.s1.text": {
        "en": (
            "Below, one layer maps the inputs x to the outputs y. On the left it is fully connected; on the "
            "right it is a convolution. Each line is a multiplication by a weight; lines of the same colour "
            "use the **same** weight."
        ),
        "zh": (
            "下图中，一层网络把输入 x 映射为输出 y。左边是全连接，右边是卷积。每条连线代表乘以一个权重；"
            "颜色相同的连线使用的是**同一个**权重。"
        ),
    },
    "why_conv.dims": {"en": "Input", "zh": "输入"},
    "why_conv.dims.1d": {"en": "1-D signal", "zh": "一维信号"},
    "why_conv.dims.2d": {"en": "2-D image", "zh": "二维图像"},
    "why_conv.length": {"en": "Input length", "zh": "输入长度"},
    "why_conv.side": {"en": "Image size (H = W)", "zh": "图像尺寸（H = W）"},
    "why_conv.kernel": {"en": "Kernel size K", "zh": "卷积核大小 K"},
    "why_conv.stride": {"en": "Stride", "zh": "步长"},
    "why_conv.padding": {"en": "Padding", "zh": "填充"},
    "why_conv.padding_help": {
        "en": "Zeros added at both ends. A tap that lands on a padding zero is not a connection to any input.",
        "zh": "在两端补零。落在补零位置上的卷积核元素不连接任何输入。",
    },
    "why_conv.metric.dense": {"en": "Fully connected: weights", "zh": "全连接：权重个数"},
    "why_conv.metric.dense_help": {
        "en": "{inputs} inputs × {outputs} outputs, one weight per pair.",
        "zh": "{inputs} 个输入 × {outputs} 个输出，每一对都有一个权重。",
    },
    "why_conv.metric.connections": {"en": "Convolution: connections", "zh": "卷积：连接数"},
    "why_conv.metric.connections_help": {
        "en": "Non-zero entries of the convolution's matrix: {percent}% of the fully connected matrix.",
        "zh": "卷积矩阵中的非零元素个数：占全连接矩阵的 {percent}%。",
    },
    "why_conv.metric.shared": {"en": "Convolution: distinct weights", "zh": "卷积：不同的权重个数"},
    "why_conv.metric.shared_help": {
        "en": "The kernel's entries: every connection reuses one of them.",
        "zh": "即卷积核的元素个数：每条连接都复用其中之一。",
    },
    "why_conv.s1.summary": {
        "en": (
            "The fully connected layer needs **{dense}** weights. The convolution uses only **{connections}** "
            "of those connections ({percent}% — the matrix is *sparse*: each row has non-zeros only in a band) "
            "and all of them are copies of just **{shared}** weights (*weight sharing*: every row holds the "
            "same kernel, shifted). The {outputs} outputs run the same small detector at different places."
        ),
        "zh": (
            "全连接层需要 **{dense}** 个权重。卷积只用到其中 **{connections}** 条连接（{percent}%：矩阵是"
            "*稀疏*的，每一行只在一条带状区域内非零），而且它们全都是 **{shared}** 个权重的副本（*权值共享*："
            "每一行都是同一个卷积核，只是位置平移）。这 {outputs} 个输出是在不同位置运行同一个小检测器。"
        ),
    },
    "why_conv.s1.course": {
        "en": (
            "From the course notes: with a 2-weight kernel and 6 outputs, “counted normally there are 2×6 = 12 "
            "parameters, but every blue line and every green line is the same, so there are only 2 parameters "
            "w1, w2 — this is weight sharing.” (Input length 7, kernel 2 shows exactly that example.)"
        ),
        "zh": (
            "课程笔记：“最左侧的蓝色和绿色连接线，正常计算是 2*6=12 个参数，但每个蓝线、绿线是一样的，"
            "所以共有 2 个参数 w1、w2，这就是权值共享。”（输入长度 7、卷积核大小 2 正是这个例子。）"
        ),
    },
    # --- section 2 --------------------------------------------------------------------------
    "why_conv.s2.header": {"en": "2 · Counting parameters on a 1000 × 1000 image", "zh": "2 · 在 1000 × 1000 图像上数参数"},
    "why_conv.s2.text": {
        "en": (
            "The course's example: a 1000 × 1000 greyscale image (10⁶ pixels) feeds a hidden layer of 10⁶ units. "
            "Fully connected, every unit has a weight for every pixel. **Locally connected**, each unit sees "
            "only a K × K patch (10 × 10 in the course), but every unit still has its own weights. A "
            "**convolution** also shares them: one K × K kernel for all units, and F different kernels "
            "(filters) to detect F different patterns."
        ),
        "zh": (
            "课程中的例子：一幅 1000 × 1000 的灰度图（10⁶ 个像素）输入到一个有 10⁶ 个单元的隐藏层。"
            "全连接时，每个单元对每个像素都有一个权重。**局部连接**时，每个单元只看一个 K × K 的小块"
            "（课程中为 10 × 10），但每个单元仍有自己的一套权重。**卷积**再进一步共享权重：所有单元共用一个"
            " K × K 的卷积核，用 F 个不同的卷积核（滤波器）检测 F 种不同的模式。"
        ),
    },
    "why_conv.image": {"en": "Image size (pixels)", "zh": "图像尺寸（像素）"},
    "why_conv.field": {"en": "Local field / kernel K", "zh": "局部感受野 / 卷积核 K"},
    "why_conv.filters": {"en": "Filters F", "zh": "滤波器个数 F"},
    "why_conv.bias": {"en": "Count biases too", "zh": "同时计入偏置"},
    "why_conv.bias_help": {
        "en": "The course counts weights only. With biases, each dense or locally connected unit adds one, and each filter adds one.",
        "zh": "课程中只计算权重。计入偏置时，全连接和局部连接的每个单元各加 1 个，卷积的每个滤波器加 1 个。",
    },
    "why_conv.row.dense": {
        "en": "**Fully connected** · {units} hidden units, each sees all pixels",
        "zh": "**全连接** · {units} 个隐藏单元，每个都看全部像素",
    },
    "why_conv.row.local": {
        "en": "**Locally connected** · {units} units, each its own {k} × {k} weights",
        "zh": "**局部连接** · {units} 个单元，各自有一套 {k} × {k} 的权重",
    },
    "why_conv.row.shared": {
        "en": "**Convolution, one filter** · {units} units share one {k} × {k} kernel",
        "zh": "**卷积，1 个滤波器** · {units} 个单元共用一个 {k} × {k} 卷积核",
    },
    "why_conv.row.filters": {
        "en": "**Convolution, {f} filters** · {f} feature maps, {units} units",
        "zh": "**卷积，{f} 个滤波器** · {f} 张特征图，共 {units} 个单元",
    },
    "why_conv.s2.ratios": {
        "en": "Locality alone divides the count by **{local}**; sharing the weights divides it again by **{shared}**.",
        "zh": "仅靠局部连接，参数量就除以 **{local}**；再共享权重，又除以 **{shared}**。",
    },
    "why_conv.s2.course": {
        "en": (
            "Course notes: “for a 1000×1000 image with 1M hidden units there are 10^12 parameters … with 10×10 "
            "filters … 100 filters of 10×10 describe the low-level features of the whole image.” "
            "(Another slide sums it up as “parameters: 10^12 → 10^6”.)"
        ),
        "zh": (
            "课程笔记：“对于一张 1000x1000 像素的图片，如果有 1M 隐藏层单元，一共有 10^12 个参数……"
            "用 100 个 10x10 的小过滤器，就能够描述整幅图片上的底层特征。”"
            "（另一页幻灯片概括为“参数量：10^12 -> 10^6”。）"
        ),
    },
    "why_conv.kind.dense": {"en": "Fully connected", "zh": "全连接"},
    "why_conv.kind.local": {"en": "Locally connected", "zh": "局部连接"},
    "why_conv.kind.shared": {"en": "Conv, 1 filter", "zh": "卷积，1 个滤波器"},
    "why_conv.kind.filters": {"en": "Conv, {f} filters", "zh": "卷积，{f} 个滤波器"},
    "why_conv.kind.shared_short": {"en": "Convolution", "zh": "卷积"},
    "why_conv.kind.dense_short": {"en": "Fully connected", "zh": "全连接"},
    # --- section 3 --------------------------------------------------------------------------
    "why_conv.s3.header": {"en": "3 · Locality and translation equivariance", "zh": "3 · 局部性与平移等变性"},
    "why_conv.s3.text": {
        "en": (
            "**Locality**: an output of a convolution depends only on a K × K neighbourhood of the input — "
            "edges, corners and strokes are local patterns, so nearby pixels are what matter first. "
            "**Translation equivariance**: because every position uses the same kernel, shifting the input "
            "shifts the feature map by the same amount: 卷积(平移(x)) = 平移(卷积(x)). A detector learnt "
            "in one corner works everywhere. A fully connected layer has neither property: shifting the "
            "input gives a completely different output."
        ),
        "zh": (
            "**局部性**：卷积的一个输出只依赖输入中一个 K × K 的邻域——边缘、角点和笔画都是局部模式，"
            "最先起作用的是相邻像素。**平移等变性**：由于每个位置使用同一个卷积核，输入平移多少，特征图"
            "就平移多少：卷积(平移(x)) = 平移(卷积(x))。在一个角落学到的检测器，在任何位置都能用。"
            "全连接层没有这两个性质：输入一平移，输出就完全变了样。"
        ),
    },
    "why_conv.source": {"en": "Image", "zh": "图像"},
    "why_conv.source.digit": {"en": "MNIST digit", "zh": "MNIST 手写数字"},
    "why_conv.source.photo": {"en": "Photo", "zh": "照片"},
    "why_conv.digit": {"en": "Digit", "zh": "数字"},
    "why_conv.photo_note": {
        "en": "The camera photo, shrunk to {side} × {side}.",
        "zh": "摄影师照片，缩小到 {side} × {side}。",
    },
    "why_conv.kernel_pick": {"en": "Kernel", "zh": "卷积核"},
    "why_conv.kernel.edge_vertical": {"en": "Vertical edges (Sobel)", "zh": "竖直边缘（Sobel）"},
    "why_conv.kernel.edge_horizontal": {"en": "Horizontal edges (Sobel)", "zh": "水平边缘（Sobel）"},
    "why_conv.kernel.blur": {"en": "Blur (3 × 3 Gaussian)", "zh": "模糊（3 × 3 高斯）"},
    "why_conv.dy": {"en": "Shift down (pixels)", "zh": "向下平移（像素）"},
    "why_conv.dx": {"en": "Shift right (pixels)", "zh": "向右平移（像素）"},
    "why_conv.metric.conv_gap": {"en": "Convolution: max |difference|", "zh": "卷积：最大 |差值|"},
    "why_conv.metric.conv_gap_help": {
        "en": "max |卷积(平移(x)) − 平移(卷积(x))| over the whole image.",
        "zh": "整幅图上 |卷积(平移(x)) − 平移(卷积(x))| 的最大值。",
    },
    "why_conv.metric.conv_gap_interior": {
        "en": "… away from a {margin}-pixel border",
        "zh": "……去掉 {margin} 像素宽的边框后",
    },
    "why_conv.metric.dense_gap": {"en": "Fully connected: max |difference|", "zh": "全连接：最大 |差值|"},
    "why_conv.metric.dense_gap_help": {
        "en": "max |全连接(平移(x)) − 平移(全连接(x))|; the outputs themselves reach {scale}. The dense layer's weights are random (seed 0).",
        "zh": "|全连接(平移(x)) − 平移(全连接(x))| 的最大值；输出本身的量级约为 {scale}。全连接层的权重为随机数（种子 0）。",
    },
    "why_conv.s3.exact": {
        "en": "Shift by ({dy}, {dx}), then convolve — or convolve, then shift: the two maps are identical, pixel for pixel.",
        "zh": "先平移 ({dy}, {dx}) 再卷积，或先卷积再平移：两张特征图逐像素完全相同。",
    },
    "why_conv.s3.border": {
        "en": (
            "The two convolution maps differ by at most {value}, and only in a band of {margin} pixels along "
            "the border: there the shift pushed pixels out of the image (and zero padding stands in for them). "
            "Inside, they are identical."
        ),
        "zh": (
            "两张卷积特征图最多相差 {value}，而且只出现在沿边框 {margin} 像素宽的带状区域：那里的像素被平移"
            "移出了图像（由零填充代替）。内部完全相同。"
        ),
    },
    "why_conv.s3.takeaway": {
        "en": (
            "**In short:** local connections + shared weights = far fewer parameters, the same detector at "
            "every position, and feature maps that move with the image. Pooling then adds a little "
            "*invariance* to small shifts (see the Pooling page)."
        ),
        "zh": (
            "**小结**：局部连接 + 权值共享 = 参数大大减少、每个位置使用同一个检测器、特征图随图像一起平移。"
            "随后的池化再为小的平移带来一定的*不变性*（见“池化”页面）。"
        ),
    },
    # --- figures ----------------------------------------------------------------------------
    "why_conv.fig.dense_diagram": {"en": "Fully connected: {weights} weights", "zh": "全连接：{weights} 个权重"},
    "why_conv.fig.conv_diagram": {
        "en": "Convolution: {connections} connections, {shared} weights",
        "zh": "卷积：{connections} 条连接，{shared} 个权重",
    },
    "why_conv.fig.inputs": {"en": "input x", "zh": "输入 x"},
    "why_conv.fig.outputs": {"en": "output y", "zh": "输出 y"},
    "why_conv.fig.shared_legend": {"en": "shared weights:", "zh": "共享权重："},
    "why_conv.fig.dense_hover": {
        "en": "output %{y} ← input %{x}: its own weight (no. %{text})",
        "zh": "输出 %{y} ← 输入 %{x}：独立的权重（第 %{text} 个）",
    },
    "why_conv.fig.conv_hover": {
        "en": "output %{y} ← input %{x}: %{text}",
        "zh": "输出 %{y} ← 输入 %{x}：%{text}",
    },
    "why_conv.fig.dense_matrix": {
        "en": "Fully connected W ({rows}×{cols})<br>{weights} different weights",
        "zh": "全连接矩阵 W（{rows}×{cols}）<br>{weights} 个各不相同的权重",
    },
    "why_conv.fig.conv_matrix": {
        "en": "Convolution as a matrix<br>{connections} non-zeros, only {shared} distinct values",
        "zh": "卷积写成矩阵<br>{connections} 个非零元，只有 {shared} 个不同的值",
    },
    "why_conv.fig.kernel": {"en": "Kernel<br>{taps} weights", "zh": "卷积核<br>{taps} 个权重"},
    "why_conv.fig.blank_zero": {"en": "blank = 0 (no connection)", "zh": "空白 = 0（无连接）"},
    "why_conv.fig.weights_axis": {"en": "parameters (log scale)", "zh": "参数个数（对数坐标）"},
    "why_conv.fig.bars_title": {"en": "Parameters of one layer", "zh": "一层的参数个数"},
    "why_conv.fig.input": {"en": "input x", "zh": "输入 x"},
    "why_conv.fig.shifted": {"en": "shifted x′ = shift(x)", "zh": "平移后 x′ = 平移(x)"},
    "why_conv.fig.conv_of_shifted": {"en": "conv(x′)", "zh": "卷积(x′)"},
    "why_conv.fig.shifted_conv": {"en": "shift(conv(x))", "zh": "平移(卷积(x))"},
    "why_conv.fig.dense_of_shifted": {"en": "dense(x′)", "zh": "全连接(x′)"},
    "why_conv.fig.shifted_dense": {"en": "shift(dense(x))", "zh": "平移(全连接(x))"},
    "why_conv.fig.shift_by": {"en": "shifted {shift}", "zh": "平移 {shift}"},
    "why_conv.fig.difference": {"en": "difference", "zh": "差值"},
    "why_conv.fig.max_gap": {"en": "max |difference| = {value}", "zh": "最大 |差值| = {value}"},
}
