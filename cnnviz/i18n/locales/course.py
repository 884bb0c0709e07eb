"""Strings of the guided path (ui/course.py): lectures, goals, "try this first", "explain", lesson flows."""

STRINGS = {
    # --- navigation sections: the start, then one per lecture --------------------------------------
    "nav.section.start": {"en": "Start", "zh": "开始"},
    "nav.section.convolution": {"en": "1 · Convolution", "zh": "1 · 卷积"},
    "nav.section.pooling": {"en": "2 · Pooling", "zh": "2 · 池化"},
    "nav.section.activations": {"en": "3 · Activation functions", "zh": "3 · 激活函数"},
    "nav.section.architectures": {"en": "4 · Classic architectures", "zh": "4 · 经典网络结构"},
    "nav.section.backprop": {"en": "5 · Backpropagation", "zh": "5 · 反向传播"},
    "nav.section.training": {"en": "6 · Training", "zh": "6 · 训练"},
    "nav.section.visualisation": {"en": "7 · Visualisation", "zh": "7 · 可视化"},
    "nav.teacher": {"en": "Teacher view", "zh": "教师视图"},
    # --- lectures: title and one-line goal ---------------------------------------------------------
    "course.lecture.convolution": {"en": "Lecture 1 · Convolution", "zh": "第 1 讲 · 卷积"},
    "course.lecture.pooling": {"en": "Lecture 2 · Pooling", "zh": "第 2 讲 · 池化"},
    "course.lecture.activations": {"en": "Lecture 3 · Activation functions", "zh": "第 3 讲 · 激活函数"},
    "course.lecture.architectures": {"en": "Lecture 4 · Classic architectures", "zh": "第 4 讲 · 经典网络结构"},
    "course.lecture.backprop": {"en": "Lecture 5 · Backpropagation", "zh": "第 5 讲 · 反向传播"},
    "course.lecture.training": {"en": "Lecture 6 · Training", "zh": "第 6 讲 · 训练"},
    "course.lecture.visualisation": {"en": "Lecture 7 · Visualisation", "zh": "第 7 讲 · 可视化"},
    "course.goal.convolution": {
        "en": "Compute a convolution by hand, predict its output size, and say why it needs so few weights.",
        "zh": "能手算卷积、预测输出尺寸，并说明卷积层为什么只需要很少的参数。",
    },
    "course.goal.pooling": {
        "en": "Predict what max and average pooling keep, and what a small shift of the input changes.",
        "zh": "能预测最大池化与平均池化保留什么，以及输入平移一点时输出改变多少。",
    },
    "course.goal.activations": {
        "en": "Explain why a network needs a non-linearity, where sigmoid saturates, and what softmax returns.",
        "zh": "能说明网络为什么需要非线性、sigmoid 在哪里饱和，以及 softmax 输出的是什么。",
    },
    "course.goal.architectures": {
        "en": "Follow LeNet-5 and AlexNet layer by layer: output sizes, parameters, and the 1×1 bottleneck.",
        "zh": "能逐层跟踪 LeNet-5 和 AlexNet 的输出尺寸与参数量，并理解 1×1 卷积降维。",
    },
    "course.goal.backprop": {
        "en": "Carry the chain rule through a small network and through convolution and pooling, by hand.",
        "zh": "能沿着链式法则手算小网络以及卷积层、池化层的梯度。",
    },
    "course.goal.training": {
        "en": "Train a CNN on handwritten digits and read its loss and accuracy curves: what works, what fails.",
        "zh": "在手写数字上训练 CNN，读懂损失与准确率曲线：哪些设置有效，哪些会失败。",
    },
    "course.goal.visualisation": {
        "en": "Look inside a trained CNN: feature maps, and which pixels its decision depends on.",
        "zh": "观察训练好的 CNN 内部：特征图，以及它的判断依赖哪些像素。",
    },
    # --- "try this first": what the deep link sets up ----------------------------------------------
    "course.try_label": {"en": "Try this first", "zh": "先试试"},
    "course.try.conv_lab": {
        "en": "dilation 2 — how big is the output, and which input rows are never read?",
        "zh": "膨胀率 2——输出有多大？哪些输入行从未被读取？",
    },
    "course.try.why_conv": {
        "en": "a 2-D image — count the weights of a dense, a local and a shared layer.",
        "zh": "二维图像——数一数全连接、局部连接和权值共享各需要多少权重。",
    },
    "course.try.receptive_field": {
        "en": "two 3×3 convolutions — how much of the input does one output unit see?",
        "zh": "两层 3×3 卷积——一个输出单元能看到多大的输入区域？",
    },
    "course.try.pooling": {
        "en": "average pooling — which outputs differ from max pooling, and why?",
        "zh": "平均池化——哪些输出与最大池化不同？为什么？",
    },
    "course.try.activations": {
        "en": "softmax of [3, 1, −3] at temperature 2 — is the top probability higher or lower?",
        "zh": "温度 T = 2 时 [3, 1, −3] 的 softmax——最大概率变大还是变小？",
    },
    "course.try.architectures": {
        "en": "LeNet-5 (1998) — the parameters of C1 and of the partially connected C3.",
        "zh": "LeNet-5（1998）——C1 层和部分连接的 C3 层各有多少参数？",
    },
    "course.try.conv_family": {
        "en": "the 1×1 bottleneck — how many weights does it save?",
        "zh": "1×1 卷积降维——它能省下多少权重？",
    },
    "course.try.transposed_conv": {
        "en": "kernel 3, stride 2 on an input of ones — where does the checkerboard come from?",
        "zh": "全 1 输入、卷积核 3、步长 2——棋盘格伪影从何而来？",
    },
    "course.try.backprop": {
        "en": "the gradient of a convolution — which input cells receive the most gradient?",
        "zh": "卷积层的梯度——哪些输入位置得到的梯度最多？",
    },
    "course.try.training": {
        "en": "sigmoid with plain SGD — does the network learn at all?",
        "zh": "sigmoid 加普通 SGD——这个网络能学会吗？",
    },
    "course.try.inside": {
        "en": "Grad-CAM — which part of the digit does the decision rest on?",
        "zh": "Grad-CAM——网络的判断依赖数字的哪一部分？",
    },
    # --- end of every page ---------------------------------------------------------------------------
    "course.explain_header": {
        "en": "What you should now be able to explain",
        "zh": "现在你应该能够解释",
    },
    "course.previous": {"en": "Previous: {title}", "zh": "上一页：{title}"},
    "course.next": {"en": "Next: {title}", "zh": "下一页：{title}"},
    "course.explain.conv_lab": {
        "en": ("- how one output value is the sum of the kernel times the patch under it, plus the bias;\n"
               "- the output size ⌊(H + 2P − D(K−1) − 1)/S⌋ + 1, and why dilation can leave input rows unread;\n"
               "- why several filters give several feature maps."),
        "zh": ("- 一个输出值如何等于卷积核与其覆盖区域逐元素相乘再求和，加上偏置；\n"
               "- 输出尺寸 ⌊(H + 2P − D(K−1) − 1)/S⌋ + 1，以及膨胀率为什么会让某些输入行从未被读取；\n"
               "- 为什么多个卷积核得到多张特征图。"),
    },
    "course.explain.why_conv": {
        "en": ("- the difference between dense, locally connected and convolutional layers;\n"
               "- why sparse connections and weight sharing cut the number of parameters;\n"
               "- why a shifted input gives a shifted feature map (equivariance)."),
        "zh": ("- 全连接、局部连接与卷积层的区别；\n"
               "- 稀疏连接和权值共享为什么能大幅减少参数；\n"
               "- 为什么输入平移后特征图也随之平移（等变性）。"),
    },
    "course.explain.receptive_field": {
        "en": ("- what the receptive field of one output unit is;\n"
               "- how it grows layer by layer with kernel size, stride (the cumulative stride) and dilation;\n"
               "- why two 3×3 convolutions see as much as one 5×5 convolution."),
        "zh": ("- 一个输出单元的感受野是什么；\n"
               "- 感受野如何随卷积核大小、步长（累积步长）和膨胀率逐层增长；\n"
               "- 为什么两层 3×3 卷积与一层 5×5 卷积看到的范围一样大。"),
    },
    "course.explain.pooling": {
        "en": ("- what max and average pooling compute, and the output size of a pooling window;\n"
               "- why pooling has no weights to learn;\n"
               "- why max pooling is only locally invariant to a small shift."),
        "zh": ("- 最大池化与平均池化分别计算什么，以及池化的输出尺寸；\n"
               "- 为什么池化层没有需要学习的参数；\n"
               "- 为什么最大池化只对小的平移具有局部不变性。"),
    },
    "course.explain.activations": {
        "en": ("- why stacked linear layers without an activation stay linear;\n"
               "- where sigmoid and tanh saturate, and why that slows learning;\n"
               "- what softmax does to the scores and how the temperature changes it."),
        "zh": ("- 为什么没有激活函数时多层线性层仍然是线性的；\n"
               "- sigmoid 和 tanh 在哪里饱和，为什么这会让学习变慢；\n"
               "- softmax 如何把分数变成概率，温度又如何改变它。"),
    },
    "course.explain.architectures": {
        "en": ("- the output size and parameter count of each layer of LeNet-5 and AlexNet;\n"
               "- where most of the parameters of a classic CNN are (the fully connected layers);\n"
               "- how the layers of a network alternate convolution, activation and pooling."),
        "zh": ("- LeNet-5 和 AlexNet 每一层的输出尺寸与参数量；\n"
               "- 经典 CNN 的大部分参数在哪里（全连接层）；\n"
               "- 网络如何交替使用卷积、激活和池化。"),
    },
    "course.explain.conv_family": {
        "en": ("- how a 1×1 convolution reduces the channels and the cost of the next layer;\n"
               "- how dilated, grouped and depthwise-separable convolutions change the receptive field and the cost;\n"
               "- what the gridding problem of stacked dilated convolutions is."),
        "zh": ("- 1×1 卷积如何减少通道数，并降低下一层的计算量；\n"
               "- 空洞（膨胀）卷积、分组卷积和深度可分离卷积如何改变感受野与计算量；\n"
               "- 连续使用相同膨胀率时的网格效应是什么。"),
    },
    "course.explain.transposed_conv": {
        "en": ("- how a transposed convolution spreads each input value over an output patch;\n"
               "- its output size (H − 1)·S − 2P + D(K − 1) + output padding + 1;\n"
               "- why a kernel size not divisible by the stride gives checkerboard artifacts."),
        "zh": ("- 转置卷积如何把每个输入值分散到一块输出区域；\n"
               "- 它的输出尺寸 (H − 1)·S − 2P + D(K − 1) + 输出填充 + 1；\n"
               "- 为什么卷积核大小不能被步长整除时会出现棋盘格伪影。"),
    },
    "course.explain.backprop": {
        "en": ("- how the chain rule carries the error from the loss back to every weight;\n"
               "- why the sigmoid's derivative f(u)(1 − f(u)) is at most 0.25;\n"
               "- how gradients flow back through a convolution and through max and average pooling."),
        "zh": ("- 链式法则如何把误差从损失函数传回每个权重；\n"
               "- 为什么 sigmoid 的导数 f(u)(1 − f(u)) 最大只有 0.25；\n"
               "- 梯度如何反向经过卷积层，以及最大池化和平均池化。"),
    },
    "course.explain.training": {
        "en": ("- why an untrained network starts near loss ln 10 ≈ 2.30 on ten classes;\n"
               "- how to read training and test accuracy together (overfitting, underfitting);\n"
               "- why sigmoid with plain SGD hardly learns while ReLU with Adam does."),
        "zh": ("- 为什么未训练的十分类网络初始损失约为 ln 10 ≈ 2.30；\n"
               "- 如何同时看训练集和测试集准确率（过拟合、欠拟合）；\n"
               "- 为什么 sigmoid 加普通 SGD 几乎学不会，而 ReLU 加 Adam 可以。"),
    },
    "course.explain.inside": {
        "en": ("- what the feature maps of each layer show for one input;\n"
               "- what saliency, occlusion and Grad-CAM each measure;\n"
               "- how to check that an explanation depends on the trained weights at all."),
        "zh": ("- 每一层的特征图对一个输入显示了什么；\n"
               "- 显著性图、遮挡实验和 Grad-CAM 分别衡量什么；\n"
               "- 如何检验一个解释确实依赖于训练得到的权重。"),
    },
    # --- home: the course map -----------------------------------------------------------------------
    "home.course_map": {"en": "The course, lecture by lecture", "zh": "课程地图：按讲次学习"},
    "home.teacher_hint": {
        "en": "Teaching a class? The teacher view lists four ready 45-minute lessons for the projector.",
        "zh": "给全班上课？教师视图列出了四节可直接投影的 45 分钟课。",
    },
    # --- the teacher view ---------------------------------------------------------------------------
    "teacher.title": {"en": "Teacher view: ready lessons", "zh": "教师视图：现成的课"},
    "teacher.intro": {
        "en": ("Four 45-minute lessons in course order. Each step opens a page in presentation mode with "
               "its settings, in a new tab; ask the class the question **before** you reveal the answer on "
               "the screen."),
        "zh": ("按课程顺序排好的四节 45 分钟课。每一步都会在新标签页中以演示模式打开一个已设置好的页面；"
               "请先向全班提出问题，**再**在屏幕上揭示答案。"),
    },
    "teacher.lesson": {"en": "Lesson {number}: {title} ({minutes} min)", "zh": "第 {number} 课：{title}（{minutes} 分钟）"},
    "teacher.step": {
        "en": "{number}. [{page}]({url}) · {minutes} min — ask: {question}",
        "zh": "{number}. [{page}]({url}) · {minutes} 分钟——提问：{question}",
    },
    "course.flow.convolution": {"en": "Convolution by hand", "zh": "手算卷积"},
    "course.flow.convolution.1": {
        "en": "The course's 5×5 image and kernel: what is the top-left output value?",
        "zh": "课程中的 5×5 图像和卷积核：左上角的输出值是多少？",
    },
    "course.flow.convolution.2": {
        "en": "At dilation 2 the 3×3 kernel spans 5×5: how big is the output, and which input rows are never read?",
        "zh": "膨胀率为 2 时 3×3 卷积核覆盖 5×5：输出有多大？哪些输入行从未被读取？",
    },
    "course.flow.convolution.3": {
        "en": "How many weights does a dense layer need here, and how many does the convolution need?",
        "zh": "这里全连接层需要多少权重？卷积层又需要多少？",
    },
    "course.flow.convolution.4": {
        "en": "How much of the input does one output unit of two stacked 3×3 convolutions see?",
        "zh": "两层 3×3 卷积叠加后，一个输出单元能看到多大的输入区域？",
    },
    "course.flow.pooling_activations": {"en": "Pooling and activation functions", "zh": "池化与激活函数"},
    "course.flow.pooling_activations.1": {
        "en": "A 6×6 input, a 3×3 window, stride 3: what size is the output? Would average pooling differ here?",
        "zh": "6×6 输入、3×3 窗口、步长 3：输出多大？这里换成平均池化，结果会不同吗？",
    },
    "course.flow.pooling_activations.2": {
        "en": "Max pooling of this 4×4 input gives [[6, 8], [3, 4]]: predict the average-pooled outputs.",
        "zh": "对这个 4×4 输入做最大池化得到 [[6, 8], [3, 4]]：预测平均池化的输出。",
    },
    "course.flow.pooling_activations.3": {
        "en": "Where is the derivative of the sigmoid largest, and what is its value there?",
        "zh": "sigmoid 的导数在哪里最大？最大值是多少？",
    },
    "course.flow.pooling_activations.4": {
        "en": "Softmax of [3, 1, −3] puts 0.88 on the top score at T = 1: predict it at T = 2.",
        "zh": "T = 1 时 [3, 1, −3] 的 softmax 最大概率是 0.88：预测 T = 2 时的值。",
    },
    "course.flow.architectures": {"en": "Classic architectures", "zh": "经典网络结构"},
    "course.flow.architectures.1": {
        "en": "How many parameters do LeNet-5's C1 and its partially connected C3 have?",
        "zh": "LeNet-5 的 C1 层和部分连接的 C3 层各有多少参数？",
    },
    "course.flow.architectures.2": {
        "en": "A 227×227 input, an 11×11 kernel, stride 4: how big is AlexNet's first feature map?",
        "zh": "227×227 输入、11×11 卷积核、步长 4：AlexNet 第一层特征图有多大？",
    },
    "course.flow.architectures.3": {
        "en": "128 → 256 channels with a 5×5 kernel: how many weights, and how many with a 1×1 reduction to 32 first?",
        "zh": "128 → 256 通道、5×5 卷积核：需要多少权重？先用 1×1 卷积降到 32 通道呢？",
    },
    "course.flow.architectures.4": {
        "en": "Kernel 3, stride 2, an input of ones: will the output be smooth? Where is it larger?",
        "zh": "卷积核 3、步长 2、全 1 输入：输出是平滑的吗？哪里更大？",
    },
    "course.flow.learning": {"en": "Learning, and looking inside", "zh": "学习过程与网络内部"},
    "course.flow.learning.1": {
        "en": "Predict A1 = sigmoid(W1·P + b1) of the course's network before anyone computes it.",
        "zh": "在计算之前，先预测课程网络中 A1 = sigmoid(W1·P + b1) 的值。",
    },
    "course.flow.learning.2": {
        "en": "Before training: what loss should an untrained 10-class network have? Then start it.",
        "zh": "训练之前：一个未训练的十分类网络损失应该是多少？然后开始训练。",
    },
    "course.flow.learning.3": {
        "en": "Sigmoid with plain SGD: will it learn in three epochs? Why not?",
        "zh": "sigmoid 加普通 SGD：三轮之内能学会吗？为什么？",
    },
    "course.flow.learning.4": {
        "en": "Which pixels of the digit does the trained network's decision rest on?",
        "zh": "训练好的网络的判断依赖数字的哪些像素？",
    },
}
