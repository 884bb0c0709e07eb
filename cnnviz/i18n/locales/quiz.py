"""Predict-then-reveal questions (``cnnviz.lessons.quizzes``, ``ui/quiz.py``): the frame and every page's
question, choices and worked reasoning."""

STRINGS = {
    # --- the frame -------------------------------------------------------------------------------
    "quiz.title": {"en": "Predict first:", "zh": "先预测："},
    "quiz.your_answer": {"en": "Your answer", "zh": "你的答案"},
    "quiz.your_choice": {"en": "Your answer", "zh": "你的答案"},
    "quiz.placeholder.number": {"en": "e.g. 0.25 or 25%", "zh": "例如 0.25 或 25%"},
    "quiz.placeholder.integer": {"en": "a whole number, e.g. 1,024", "zh": "一个整数，例如 1,024"},
    "quiz.placeholder.shape": {"en": "height × width, e.g. 3x3", "zh": "高 × 宽，例如 3x3"},
    "quiz.placeholder.square": {"en": "e.g. 3x3 (or just 3)", "zh": "例如 3x3（或只写 3）"},
    "quiz.check": {"en": "Check", "zh": "检查答案"},
    "quiz.another": {"en": "Another question", "zh": "换一道题"},
    "quiz.right": {"en": "Right: **{answer}**.", "zh": "答对了：**{answer}**。"},
    "quiz.wrong": {"en": "Not quite — the answer is **{answer}** (yours: {yours}).",
                   "zh": "不对——答案是 **{answer}**（你的答案：{yours}）。"},
    "quiz.revealed": {"en": "Answer: **{answer}**.", "zh": "答案：**{answer}**。"},
    "quiz.you_typed": {"en": "You typed {text}.", "zh": "你输入的是 {text}。"},
    "quiz.error.empty": {"en": "Type an answer first, then press Check.",
                         "zh": "请先输入答案，再点“检查答案”。"},
    "quiz.error.too_long": {"en": "That is longer than {limit} characters: type just the answer.",
                            "zh": "超过 {limit} 个字符：只需输入答案本身。"},
    "quiz.error.number": {"en": "That is not a number: type e.g. 0.49 or 49%.",
                          "zh": "这不是一个数：请输入例如 0.49 或 49%。"},
    "quiz.error.integer": {"en": "Type a whole number, e.g. 208896 or 208,896.",
                           "zh": "请输入整数，例如 208896 或 208,896。"},
    "quiz.error.shape": {"en": "Type two whole numbers, height × width: e.g. 3x3, 3×3 or 3 3.",
                         "zh": "请输入两个整数（高 × 宽）：例如 3x3、3×3 或 3 3。"},
    "quiz.error.shape_square": {"en": "Type the size as two whole numbers, e.g. 5x5, or one number (5) for a square.",
                                "zh": "请用两个整数写出大小，例如 5x5；正方形也可只写一个数（5）。"},
    "quiz.error.no_choice": {"en": "Pick one of the answers first, then press Check.",
                             "zh": "请先选择一个答案，再点“检查答案”。"},

    # --- conv_lab ------------------------------------------------------------------------------------
    "quiz.conv_lab.prompt": {
        "en": "A {h}×{w} input and a {kh}×{kw} kernel with **dilation {d}**, stride {sh} down and {sw} across, "
              "no padding. What size is the output?",
        "zh": "输入 {h}×{w}，卷积核 {kh}×{kw}，**膨胀率 {d}**，纵向步长 {sh}、横向步长 {sw}，无填充。"
              "输出有多大？",
    },
    "quiz.conv_lab.reasoning.unread": {
        "en": "With dilation {d} the {kh}×{kw} kernel spans {eh}×{ew} input pixels "
              "(K + (K − 1)(D − 1)). Height: ⌊({h} − {eh}) / {sh}⌋ + 1 = {oh}; width: ⌊({w} − {ew}) / {sw}⌋ + 1 "
              "= {ow}. The kernel never reads input rows {rows} and columns {cols} (counted from 0). "
              "The lab below now uses these settings: step through the animation and read the warning under "
              "the formula.",
        "zh": "膨胀率为 {d} 时，{kh}×{kw} 的卷积核覆盖 {eh}×{ew} 个输入像素（K + (K − 1)(D − 1)）。"
              "高：⌊({h} − {eh}) / {sh}⌋ + 1 = {oh}；宽：⌊({w} − {ew}) / {sw}⌋ + 1 = {ow}。"
              "卷积核从不读取输入的第 {rows} 行和第 {cols} 列（从 0 开始数）。下面的实验已换成这些设置："
              "逐步播放动画，并看公式下方的提示。",
    },
    "quiz.conv_lab.reasoning.all_read": {
        "en": "With dilation {d} the {kh}×{kw} kernel spans {eh}×{ew} input pixels "
              "(K + (K − 1)(D − 1)). Height: ⌊({h} − {eh}) / {sh}⌋ + 1 = {oh}; width: ⌊({w} − {ew}) / {sw}⌋ + 1 "
              "= {ow}. Every input row and column is read at least once. The lab below now uses these "
              "settings: step through the animation.",
        "zh": "膨胀率为 {d} 时，{kh}×{kw} 的卷积核覆盖 {eh}×{ew} 个输入像素（K + (K − 1)(D − 1)）。"
              "高：⌊({h} − {eh}) / {sh}⌋ + 1 = {oh}；宽：⌊({w} − {ew}) / {sw}⌋ + 1 = {ow}。"
              "每一行、每一列输入都至少被读到一次。下面的实验已换成这些设置：逐步播放动画看看。",
    },

    # --- why_conv ------------------------------------------------------------------------------------
    "quiz.why_conv.prompt.dense": {
        "en": "A {side}×{side} grey image feeds {units} hidden units, one per pixel. In a **fully connected** "
              "layer every unit is connected to every pixel. How many weights does it need (no biases)?",
        "zh": "一幅 {side}×{side} 的灰度图像连到 {units} 个隐藏单元（每个像素一个）。**全连接**层里每个单元"
              "都连到每个像素。需要多少个权重（不计偏置）？",
    },
    "quiz.why_conv.prompt.local": {
        "en": "A {side}×{side} grey image feeds {units} hidden units, one per pixel. In a **locally connected** "
              "layer each unit sees only a {k}×{k} patch, with weights of its own. How many weights (no biases)?",
        "zh": "一幅 {side}×{side} 的灰度图像连到 {units} 个隐藏单元（每个像素一个）。**局部连接**层里每个单元"
              "只看一个 {k}×{k} 的小块，且有自己的一组权重。需要多少个权重（不计偏置）？",
    },
    "quiz.why_conv.prompt.shared": {
        "en": "A {side}×{side} grey image feeds {units} hidden units, one per pixel. In a **convolution** all "
              "units share one {k}×{k} kernel. How many weights (no biases)?",
        "zh": "一幅 {side}×{side} 的灰度图像连到 {units} 个隐藏单元（每个像素一个）。**卷积**层里所有单元共享"
              "同一个 {k}×{k} 卷积核。需要多少个权重（不计偏置）？",
    },
    "quiz.why_conv.prompt.filters": {
        "en": "A {side}×{side} grey image, a **convolution with {f} filters** of {k}×{k} ({f} feature maps). "
              "How many weights (no biases)?",
        "zh": "一幅 {side}×{side} 的灰度图像，**{f} 个 {k}×{k} 卷积核**的卷积（{f} 张特征图）。需要多少个权重"
              "（不计偏置）？",
    },
    "quiz.why_conv.reasoning": {
        "en": "Fully connected: ({side}·{side})·({side}·{side}) = {dense}. Locally connected: ({side}·{side})·{k}² "
              "= {local}. One shared kernel: {k}² = {shared}. {f} kernels: {f}·{k}² = {filters}. Sparse "
              "connectivity cuts {dense} to {local}; weight sharing cuts it to {shared} per kernel. The chart "
              "below compares the four with these numbers.",
        "zh": "全连接：({side}·{side})·({side}·{side}) = {dense}。局部连接：({side}·{side})·{k}² = {local}。"
              "一个共享卷积核：{k}² = {shared}。{f} 个卷积核：{f}·{k}² = {filters}。稀疏连接把 {dense} 降到 "
              "{local}；权值共享再降到每个卷积核 {shared}。下面的图用这些数比较四种层。",
    },

    # --- receptive_field -----------------------------------------------------------------------------
    "quiz.receptive_field.prompt": {
        "en": "The stack **{stack}** (c3: a 3×3 convolution, stride 1; p2: 2×2 pooling, stride 2; d2: dilation 2). "
              "How large is the receptive field of one output unit, in input pixels?",
        "zh": "层堆叠 **{stack}**（c3：3×3 卷积，步长 1；p2：2×2 池化，步长 2；d2：膨胀率 2）。"
              "一个输出单元的感受野在输入上有多大（像素）？",
    },
    "quiz.receptive_field.reasoning": {
        "en": "Each layer adds (kernel span − 1) × the distance between its inputs, measured in input pixels "
              "(the product of the earlier strides). Layer by layer the field grows {steps}: one unit sees "
              "**{rf}×{rf}** input pixels. The page below now shows this stack: pick an output unit and follow "
              "its field back to the input.",
        "zh": "每一层把感受野增加（卷积核跨度 − 1）×（该层输入之间的距离，以输入像素计，即前面各层步长之积）。"
              "逐层增长为 {steps}：一个单元看到 **{rf}×{rf}** 个输入像素。下面已换成这个层堆叠："
              "选一个输出单元，沿它的感受野回到输入。",
    },

    # --- pooling -------------------------------------------------------------------------------------
    "quiz.pooling.prompt.max": {
        "en": "**Max** pooling {k}×{k}, stride {s}, turns the input below into {oh}×{ow} = {total} outputs. "
              "Shift the input by 1 pixel ({direction}): how many of the {total} outputs change?",
        "zh": "{k}×{k}、步长 {s} 的**最大**池化把下面的输入变成 {oh}×{ow} = {total} 个输出。"
              "把输入平移 1 个像素（{direction}）：{total} 个输出中有几个会改变？",
    },
    "quiz.pooling.prompt.avg": {
        "en": "**Average** pooling {k}×{k}, stride {s}, turns the input below into {oh}×{ow} = {total} outputs. "
              "Shift the input by 1 pixel ({direction}): how many of the {total} outputs change?",
        "zh": "{k}×{k}、步长 {s} 的**平均**池化把下面的输入变成 {oh}×{ow} = {total} 个输出。"
              "把输入平移 1 个像素（{direction}）：{total} 个输出中有几个会改变？",
    },
    "quiz.pooling.reasoning.max": {
        "en": "{changed} of {total} change, {same} stay the same. A max-pooling output changes only when its "
              "window's largest value leaves the window or a larger one enters: a small shift often keeps "
              "the maximum inside, which is the small translation invariance pooling gives. The translation "
              "section below now shows this shift.",
        "zh": "{total} 个输出中 {changed} 个改变，{same} 个不变。只有当窗口里的最大值移出窗口、或更大的值移入时，"
              "最大池化的输出才会改变：小的平移常常让最大值仍留在窗口内，这就是池化带来的少许平移不变性。"
              "下面的平移部分已显示这次平移。",
    },
    "quiz.pooling.reasoning.avg": {
        "en": "{changed} of {total} change, {same} stay the same. An average changes as soon as any value in "
              "its window changes, so average pooling is less invariant to shifts than max pooling. The "
              "translation section below now shows this shift.",
        "zh": "{total} 个输出中 {changed} 个改变，{same} 个不变。窗口里任何一个值变了，平均值就会变，"
              "所以平均池化对平移不如最大池化稳定。下面的平移部分已显示这次平移。",
    },

    # --- activations ---------------------------------------------------------------------------------
    "quiz.activations.prompt": {
        "en": "Logits **[{logits}]**, softmax at temperature **T = {t}**: what is the largest probability? "
              "(two decimals are enough)",
        "zh": "logits 为 **[{logits}]**，温度 **T = {t}** 的 softmax：最大的概率是多少？（两位小数即可）",
    },
    "quiz.activations.reasoning": {
        "en": "Divide the logits by T = {t}, exponentiate and normalise: p = [{probs}], so class {top} gets "
              "**{p}**. A higher temperature flattens the distribution, a lower one sharpens it. The softmax "
              "section below now uses T = {t}.",
        "zh": "把 logits 除以 T = {t}，取指数再归一化：p = [{probs}]，所以第 {top} 类得到 **{p}**。"
              "温度越高分布越平，越低越尖。下面的 softmax 部分已改用 T = {t}。",
    },

    # --- transposed_conv -----------------------------------------------------------------------------
    "quiz.transposed_conv.prompt": {
        "en": "A transposed convolution with a **{k}×{k}** kernel of ones and **stride {s}** on a {n}×{n} input "
              "of ones. Away from the border, does every output pixel receive the same number of contributions?",
        "zh": "对 {n}×{n} 的全 1 输入做转置卷积，卷积核为 **{k}×{k}** 的全 1 核，**步长 {s}**。"
              "在边界以外，每个输出像素收到的贡献数都相同吗？",
    },
    "quiz.transposed_conv.prompt.even": {"en": "Yes, the same everywhere", "zh": "相同，处处一样"},
    "quiz.transposed_conv.prompt.uneven": {"en": "No — a checkerboard of more and fewer",
                                           "zh": "不同——多少交替，呈棋盘格"},
    "quiz.transposed_conv.reasoning.uneven": {
        "en": "Each input pixel stamps a {k}×{k} copy of the kernel, {s} pixels from the next. {s} does not "
              "divide {k}, so neighbouring stamps overlap on some rows and columns but not on others: inside, the "
              "counts range from {low} to {high} — the checkerboard artefact of upsampling layers. The overlap "
              "view below now shows these counts.",
        "zh": "每个输入像素印下一个 {k}×{k} 的卷积核副本，相邻副本相距 {s} 个像素。{s} 不能整除 {k}，"
              "所以相邻副本在某些行列重叠、在另一些行列不重叠：内部的计数在 {low} 到 {high} 之间变化——"
              "这就是上采样层的棋盘格伪影。下面的重叠视图已显示这些计数。",
    },
    "quiz.transposed_conv.reasoning.even": {
        "en": "Each input pixel stamps a {k}×{k} copy of the kernel, {s} pixels from the next. {s} divides {k}, "
              "so every inside pixel is covered by the same number of stamps ({high}): no checkerboard. The "
              "overlap view below now shows these counts.",
        "zh": "每个输入像素印下一个 {k}×{k} 的卷积核副本，相邻副本相距 {s} 个像素。{s} 能整除 {k}，"
              "所以内部每个像素被同样多的副本覆盖（{high} 个）：没有棋盘格。下面的重叠视图已显示这些计数。",
    },

    # --- conv_family ---------------------------------------------------------------------------------
    "quiz.conv_family.prompt": {
        "en": "A {k}×{k} convolution from {ci} to {co} channels needs {ci}×{k}×{k}×{co} = {direct} weights. "
              "How many weights in total if a **1×1 convolution first reduces the {ci} channels to {r}**? "
              "(no biases)",
        "zh": "从 {ci} 个通道到 {co} 个通道的 {k}×{k} 卷积需要 {ci}×{k}×{k}×{co} = {direct} 个权重。"
              "如果先用 **1×1 卷积把 {ci} 个通道降到 {r} 个**，总共需要多少个权重？（不计偏置）",
    },
    "quiz.conv_family.reasoning": {
        "en": "The 1×1 reduction: {ci}×1×1×{r} = {reduce}; then the {k}×{k} convolution: {r}×{k}×{k}×{co} = "
              "{expand}; together **{total}**, {ratio} times fewer than {direct}. The bottleneck section below "
              "now shows these numbers.",
        "zh": "1×1 降维：{ci}×1×1×{r} = {reduce}；再做 {k}×{k} 卷积：{r}×{k}×{k}×{co} = {expand}；"
              "合计 **{total}**，比 {direct} 少 {ratio} 倍。下面的瓶颈部分已显示这些数。",
    },
    "quiz.conv_family.reasoning.course": {
        "en": "The 1×1 reduction: {ci}×1×1×{r} = {reduce}; then the {k}×{k} convolution: {r}×{k}×{k}×{co} = "
              "{expand}; together **{total}**, {ratio} times fewer than {direct}. The course slides print "
              "{expand}: they forget the {reduce} weights of the 1×1 layer itself. The bottleneck section below "
              "now shows these numbers.",
        "zh": "1×1 降维：{ci}×1×1×{r} = {reduce}；再做 {k}×{k} 卷积：{r}×{k}×{k}×{co} = {expand}；"
              "合计 **{total}**，比 {direct} 少 {ratio} 倍。课件上写的是 {expand}：漏算了 1×1 层自己的 "
              "{reduce} 个权重。下面的瓶颈部分已显示这些数。",
    },

    # --- architectures -------------------------------------------------------------------------------
    "quiz.architectures.prompt.size": {
        "en": "Layer **{name}**: {co} filters of {k}×{k}, stride {s}, padding {p}, on a {ci}×{h}×{w} input. "
              "What size (height × width) is its output?",
        "zh": "**{name}** 层：{co} 个 {k}×{k} 卷积核，步长 {s}，填充 {p}，输入为 {ci}×{h}×{w}。"
              "它的输出有多大（高 × 宽）？",
    },
    "quiz.architectures.prompt.params": {
        "en": "Layer **{name}**: {co} filters of {k}×{k}, stride {s}, padding {p}, on a {ci}×{h}×{w} input. "
              "How many parameters (weights and biases) does it have?",
        "zh": "**{name}** 层：{co} 个 {k}×{k} 卷积核，步长 {s}，填充 {p}，输入为 {ci}×{h}×{w}。"
              "它有多少个参数（权重加偏置）？",
    },
    "quiz.architectures.reasoning": {
        "en": "Output side = ⌊(input + 2·padding − kernel) / stride⌋ + 1: ⌊({h} + 2·{p} − {kh}) / {s}⌋ + 1 = "
              "{oh}, so the output is {co}×{oh}×{ow}. Parameters = Co×Ci×Kh×Kw + Co = {co}×{ci}×{kh}×{kw} + {co} "
              "= **{params}**. The worked-out layer below now shows {name}.",
        "zh": "输出边长 = ⌊(输入 + 2·填充 − 卷积核) / 步长⌋ + 1：⌊({h} + 2·{p} − {kh}) / {s}⌋ + 1 = {oh}，"
              "所以输出为 {co}×{oh}×{ow}。参数 = Co×Ci×Kh×Kw + Co = {co}×{ci}×{kh}×{kw} + {co} = **{params}**。"
              "下面“逐层计算”已显示 {name}。",
    },

    # --- inside --------------------------------------------------------------------------------------
    "quiz.inside.prompt.conv": {
        "en": "Layer **{name}** is a convolution: {co} filters of {k}×{k}, stride {s}, padding {p}, on {ci} "
              "feature maps of {h}×{w}. What size is each feature map it outputs?",
        "zh": "**{name}** 层是卷积：{co} 个 {k}×{k} 卷积核，步长 {s}，填充 {p}，输入为 {ci} 张 {h}×{w} 的特征图。"
              "它输出的每张特征图有多大？",
    },
    "quiz.inside.prompt.pool": {
        "en": "Layer **{name}** pools {k}×{k} windows with stride {s} (padding {p}) over {ci} feature maps of "
              "{h}×{w}. What size is each map it outputs?",
        "zh": "**{name}** 层对 {ci} 张 {h}×{w} 的特征图做 {k}×{k} 池化，步长 {s}（填充 {p}）。"
              "它输出的每张特征图有多大？",
    },
    "quiz.inside.reasoning.conv": {
        "en": "⌊({h} + 2·{p} − {k}) / {s}⌋ + 1 = {oh}: the layer outputs {co} maps of **{oh}×{ow}**, one per "
              "filter. The layer view below now shows {name}'s maps.",
        "zh": "⌊({h} + 2·{p} − {k}) / {s}⌋ + 1 = {oh}：该层输出 {co} 张 **{oh}×{ow}** 的特征图，每个卷积核一张。"
              "下面的逐层视图已显示 {name} 的特征图。",
    },
    "quiz.inside.reasoning.pool": {
        "en": "⌊({h} + 2·{p} − {k}) / {s}⌋ + 1 = {oh}: pooling keeps the {co} maps and shrinks each to "
              "**{oh}×{ow}**. The layer view below now shows {name}'s maps.",
        "zh": "⌊({h} + 2·{p} − {k}) / {s}⌋ + 1 = {oh}：池化保留 {co} 张特征图，每张缩小为 **{oh}×{ow}**。"
              "下面的逐层视图已显示 {name} 的特征图。",
    },

    # --- training ------------------------------------------------------------------------------------
    "quiz.training.vanishing": {
        "en": "Before you run it: LeNet-5 with **sigmoid** activations and plain SGD (learning rate 0.1, 3 epochs) "
              "trains beside the same network with **ReLU**. Which one learns to read the digits?",
        "zh": "运行之前先猜：用 **sigmoid** 激活和普通 SGD（学习率 0.1，3 轮）的 LeNet-5，与同样设置但用 "
              "**ReLU** 的网络一起训练。哪一个能学会识别数字？",
    },
    "quiz.training.vanishing.relu": {"en": "Only ReLU; sigmoid stays near 10 %",
                                     "zh": "只有 ReLU；sigmoid 停在 10 % 左右"},
    "quiz.training.vanishing.sigmoid": {"en": "Only sigmoid", "zh": "只有 sigmoid"},
    "quiz.training.vanishing.both": {"en": "Both, above 90 %", "zh": "两个都能，超过 90 %"},
    "quiz.training.vanishing.reasoning": {
        "en": "The sigmoid's slope is at most 1/4, so the gradient shrinks at every layer on its way back: with "
              "plain SGD the first layers barely move and accuracy stays near chance (10 %) for these epochs, "
              "while ReLU passes the gradient on unchanged where it is active. The lesson now runs: watch the "
              "two curves and the gradient-size chart.",
        "zh": "sigmoid 的斜率最多 1/4，梯度每往回传一层就缩小一次：用普通 SGD 时前面几层几乎不动，"
              "这几轮里准确率停在随机水平（10 %）；而 ReLU 在激活区把梯度原样传回。这个课例已开始运行："
              "看两条曲线和梯度大小图。",
    },
    "quiz.training.overfitting": {
        "en": "Before you run it: LeNet-5 trains on only **200 images** for 25 epochs, without weight decay. "
              "What happens to training and held-out accuracy?",
        "zh": "运行之前先猜：LeNet-5 只用 **200 张图像**训练 25 轮，不用权重衰减。训练集和测试集准确率会怎样？",
    },
    "quiz.training.overfitting.overfit": {"en": "Training reaches ~100 %, held-out stays far lower",
                                          "zh": "训练集接近 100 %，测试集明显更低"},
    "quiz.training.overfitting.both_low": {"en": "Both stay near 10 %", "zh": "两者都停在 10 % 左右"},
    "quiz.training.overfitting.both_high": {"en": "Both reach ~99 %", "zh": "两者都达到约 99 %"},
    "quiz.training.overfitting.reasoning": {
        "en": "200 images are easy to memorise: the training loss falls to almost zero while the held-out "
              "accuracy stalls (near 80 %) and its loss turns upwards — overfitting. The lesson now runs: watch "
              "the gap between the two curves.",
        "zh": "200 张图像很容易被记住：训练损失几乎降到 0，而测试集准确率停滞（约 80 %），测试损失还会回升——"
              "这就是过拟合。这个课例已开始运行：看两条曲线之间的差距。",
    },
    "quiz.training.underfitting": {
        "en": "Before you run it: a tiny CNN with a **single 3×3 filter** trains beside LeNet-5 (6 epochs, Adam). "
              "Which one ends more accurate?",
        "zh": "运行之前先猜：只有**一个 3×3 卷积核**的小 CNN 与 LeNet-5 一起训练（6 轮，Adam）。"
              "哪一个最后更准确？",
    },
    "quiz.training.underfitting.lenet5": {"en": "LeNet-5", "zh": "LeNet-5"},
    "quiz.training.underfitting.tiny": {"en": "The tiny CNN", "zh": "小 CNN"},
    "quiz.training.underfitting.same": {"en": "About the same", "zh": "差不多"},
    "quiz.training.underfitting.reasoning": {
        "en": "One filter cannot hold enough features: the tiny CNN's training and held-out accuracy stay "
              "together and level off (near 90 %) — it underfits — while LeNet-5 keeps improving. The lesson "
              "now runs: compare the solid and dashed curves.",
        "zh": "一个卷积核装不下足够的特征：小 CNN 的训练和测试准确率贴在一起并停在约 90 %——欠拟合；"
              "LeNet-5 则继续提高。这个课例已开始运行：比较实线和虚线。",
    },
    "quiz.training.weight_decay": {
        "en": "Before you run it: the same 200 images, once with **weight decay λ = 0.03** and once without. "
              "Which run keeps the held-out loss lower?",
        "zh": "运行之前先猜：同样的 200 张图像，一次用**权重衰减 λ = 0.03**，一次不用。哪一次的测试损失更低？",
    },
    "quiz.training.weight_decay.decay": {"en": "With weight decay", "zh": "用权重衰减的"},
    "quiz.training.weight_decay.none": {"en": "Without weight decay", "zh": "不用权重衰减的"},
    "quiz.training.weight_decay.same": {"en": "No difference", "zh": "没有区别"},
    "quiz.training.weight_decay.reasoning": {
        "en": "The penalty λ‖w‖² keeps the weights small, so the network cannot memorise the 200 images as "
              "sharply: its training loss stays above zero and its held-out loss stays lower instead of "
              "climbing. The lesson now runs: compare the loss curves and the weight histograms.",
        "zh": "惩罚项 λ‖w‖² 让权重保持较小，网络就不能把 200 张图像记得那么死：训练损失不会降到 0，"
              "测试损失保持较低而不是回升。这个课例已开始运行：比较损失曲线和权重直方图。",
    },

    # --- backprop ------------------------------------------------------------------------------------
    "quiz.backprop.prompt": {
        "en": "With P = [{p}], W1(:, i={i}) = [{w}] and b1 = {b}, what is the output of hidden neuron "
              "**i = {i}**, A1(i={i}) = 1 / (1 + exp(−(W1·P + b1)))? (two decimals are enough)",
        "zh": "已知 P = [{p}]，W1(:, i={i}) = [{w}]，b1 = {b}，隐藏神经元 **i = {i}** 的输出 "
              "A1(i={i}) = 1 / (1 + exp(−(W1·P + b1))) 是多少？（两位小数即可）",
    },
    "quiz.backprop.reasoning": {
        "en": "u = W1·P + b1 = {u}, so A1(i={i}) = 1 / (1 + e^(−u)) = **{a}** (the slides round "
              "the course's neuron 4 to 0.49). The forward pass below now shows neuron {i} term by term, then "
              "the backward pass and the update.",
        "zh": "u = W1·P + b1 = {u}，所以 A1(i={i}) = 1 / (1 + e^(−u)) = **{a}**（课件把第 4 个神经元"
              "取为 0.49）。下面的前向传播已逐项显示神经元 {i}，随后是反向传播和参数更新。",
    },
}
