"""Strings of the Applications and history page (pages/history.py) and its quiz."""

STRINGS = {
    "nav.history": {"en": "Applications and history", "zh": "应用与历史"},
    "nav.section.applications": {"en": "8 · Applications and history", "zh": "8 · 应用与历史"},
    "home.desc.history": {
        "en": "What CNNs are used for beyond labels, and the four ideas from 1962 to 2015 that got them there.",
        "zh": "CNN 除了给图像贴标签还能做什么，以及从 1962 年到 2015 年让它走到今天的四个想法。",
    },
    "course.lecture.applications": {"en": "Lecture 8 · Applications and history", "zh": "第 8 讲 · 应用与历史"},
    "course.goal.applications": {
        "en": "Place what you have built in context: the tasks a CNN solves and where its ideas came from.",
        "zh": "把学过的内容放进全局：CNN 能解决哪些任务，它的想法从何而来。",
    },
    "course.try.history": {
        "en": "the timeline — which idea made 100-layer networks trainable?",
        "zh": "时间线——是哪个想法让 100 层的网络能够训练？",
    },
    "course.explain.history": {
        "en": ("- how detection adds box regression to classification, and segmentation classifies every pixel;\n"
               "- the one idea each of Hubel & Wiesel, LeNet, AlexNet and ResNet added."),
        "zh": ("- 检测如何在分类之上加入边框回归，分割如何给每个像素分类；\n"
               "- Hubel 与 Wiesel、LeNet、AlexNet、ResNet 各自带来的那一个想法。"),
    },
    "history.title": {"en": "Applications and history", "zh": "应用与历史"},
    "history.intro": {
        "en": "Everything in this app classifies a whole image. The same convolutional features answer richer "
              "questions — where, which pixels, which other images, which pose — and they took fifty years of "
              "ideas to reach today's depth.",
        "zh": "本应用里的网络都在给整张图像分类。同样的卷积特征还能回答更丰富的问题——在哪里、哪些像素、"
              "和哪些图像相似、是什么姿态——而它们走到今天的深度，用了五十年的积累。",
    },
    "history.apps_header": {"en": "From one label to many answers", "zh": "从一个标签到多种答案"},
    "history.apps_lead": {
        "en": "Each task keeps the convolutional feature extractor and changes what the head on top predicts.",
        "zh": "每个任务都保留卷积特征提取部分，只改变其上的“头”要预测什么。",
    },
    "history.app.classification": {"en": "Classification", "zh": "分类"},
    "history.app.classification.what": {
        "en": "One label for the whole image: softmax over the classes, as LeNet-5 does for digits here.",
        "zh": "给整张图像一个标签：对各类别做 softmax，就像这里的 LeNet-5 识别数字。",
    },
    "history.app.classification.output": {"en": "Output: class probabilities (K numbers)",
                                           "zh": "输出：各类别概率（K 个数）"},
    "history.app.detection": {"en": "Detection", "zh": "目标检测"},
    "history.app.detection.what": {
        "en": "Classification plus box regression: for each candidate region, a class and four numbers for "
              "its box, trained with a classification loss plus a regression loss.",
        "zh": "分类加边框回归：对每个候选区域给出一个类别和描述边框的四个数，用分类损失加回归损失训练。",
    },
    "history.app.detection.output": {"en": "Output: per object a class and a box (x, y, w, h)",
                                     "zh": "输出：每个目标一个类别和一个边框 (x, y, w, h)"},
    "history.app.segmentation": {"en": "Segmentation", "zh": "语义分割"},
    "history.app.segmentation.what": {
        "en": "A class for every pixel: the feature maps are upsampled back to the input size, e.g. with "
              "transposed convolutions, and classified position by position.",
        "zh": "给每个像素一个类别：特征图被上采样回输入尺寸（例如用转置卷积），再逐位置分类。",
    },
    "history.app.segmentation.output": {"en": "Output: a class map of H × W", "zh": "输出：H × W 的类别图"},
    "history.app.retrieval": {"en": "Retrieval", "zh": "图像检索"},
    "history.app.retrieval.what": {
        "en": "The last features become a vector; similar images have nearby vectors, so a search is a "
              "nearest-neighbour lookup.",
        "zh": "把最后一层特征当作向量；相似的图像向量相近，检索就是找最近邻。",
    },
    "history.app.retrieval.output": {"en": "Output: a feature vector per image", "zh": "输出：每张图像一个特征向量"},
    "history.app.pose": {"en": "Pose estimation", "zh": "姿态估计"},
    "history.app.pose.what": {
        "en": "Where each joint is: one heat map per keypoint (wrist, elbow, ...), its peak the joint's position.",
        "zh": "每个关节在哪里：每个关键点（手腕、手肘……）一张热图，峰值就是关节位置。",
    },
    "history.app.pose.output": {"en": "Output: K keypoint coordinates", "zh": "输出：K 个关键点坐标"},
    "history.focus": {"en": "Show", "zh": "显示"},
    "history.focus.all": {"en": "all four", "zh": "全部四个"},
    "history.timeline_header": {"en": "Four ideas, 1962 → 2015", "zh": "四个想法：1962 → 2015"},
    "history.hubel_wiesel": {"en": "Hubel & Wiesel: receptive fields", "zh": "Hubel 与 Wiesel：感受野"},
    "history.hubel_wiesel.idea": {
        "en": "neurons in the cat's visual cortex each respond to an oriented edge in a small patch of the "
              "visual field — their receptive field — and later cells combine them into larger ones. Local "
              "detectors stacked into a hierarchy is the idea convolution layers copy.",
        "zh": "猫视觉皮层中的每个神经元只对视野中一小块区域（它的感受野）里某个方向的边缘有反应，后面的细胞再把它们"
              "组合成更大的感受野。局部检测器层层堆叠，正是卷积层模仿的想法。",
    },
    "history.hubel_wiesel.link.receptive_field": {"en": "See receptive fields grow layer by layer",
                                                  "zh": "看感受野如何逐层增大"},
    "history.lenet": {"en": "LeNet-5: learned, shared kernels", "zh": "LeNet-5：学习得到的共享卷积核"},
    "history.lenet.idea": {
        "en": "LeCun et al. learn the convolution kernels themselves by backpropagation, one kernel shared "
              "across all positions, alternating with subsampling — read cheques by the million.",
        "zh": "LeCun 等人用反向传播直接学习卷积核，同一个卷积核在所有位置共享，卷积与下采样交替——用于成批识别支票。",
    },
    "history.lenet.link.architectures": {"en": "LeNet-5 (1998), layer by layer", "zh": "逐层查看 LeNet-5（1998）"},
    "history.alexnet": {"en": "AlexNet: depth on GPUs, ReLU, dropout", "zh": "AlexNet：GPU 上的深度、ReLU、Dropout"},
    "history.alexnet.idea": {
        "en": "Krizhevsky, Sutskever & Hinton train a much larger CNN on 1.2 million ImageNet images on two "
              "GPUs, with ReLU (fast training) and dropout (less overfitting): top-5 error 15.3 % against 26.2 % "
              "for the next entry.",
        "zh": "Krizhevsky、Sutskever 与 Hinton 在两块 GPU 上用 120 万张 ImageNet 图像训练了大得多的 CNN，"
              "用 ReLU（训练快）和 Dropout（减轻过拟合）：前五名错误率 15.3 %，第二名是 26.2 %。",
    },
    "history.alexnet.link.architectures": {"en": "AlexNet's layers and sizes", "zh": "AlexNet 的各层与尺寸"},
    "history.alexnet.link.activations": {"en": "Why ReLU and not sigmoid", "zh": "为什么用 ReLU 而不是 sigmoid"},
    "history.resnet": {"en": "ResNet: residual connections", "zh": "ResNet：残差连接"},
    "history.resnet.idea": {
        "en": "He et al. add each block's input to its output (a skip connection), so the gradient reaches the "
              "first layers undiminished: 152 layers train, and deeper becomes better — 3.57 % top-5 error.",
        "zh": "何恺明等人把每个块的输入加到它的输出上（跳跃连接），梯度可以不衰减地传到最前面的层：152 层的网络也能"
              "训练，越深越好——前五名错误率 3.57 %。",
    },
    "history.resnet.link.architectures": {"en": "ResNet-18 with its skip connections",
                                          "zh": "带跳跃连接的 ResNet-18"},
    "history.resnet.link.training": {"en": "Train a plain and a residual stack (lesson 'Plain vs residual')",
                                     "zh": "训练普通堆叠和残差网络（课堂实验“普通 vs 残差”）"},
    "history.sources": {
        "en": "Hubel & Wiesel, J. Physiol. 1962; LeCun, Bottou, Bengio & Haffner, Proc. IEEE 1998; Krizhevsky, "
              "Sutskever & Hinton, NeurIPS 2012; He, Zhang, Ren & Sun, CVPR 2016 (arXiv 2015).",
        "zh": "Hubel 与 Wiesel（1962）；LeCun 等（1998）；Krizhevsky、Sutskever 与 Hinton（2012）；何恺明等（2015）。",
    },
    # quiz
    "quiz.history.resnet": {
        "en": "A 56-layer plain CNN has higher *training* error than a 20-layer one. Which change lets the deeper "
              "network train at least as well?",
        "zh": "一个 56 层的普通 CNN 在*训练集*上的误差比 20 层的还高。哪个改动能让更深的网络至少训练得一样好？",
    },
    "quiz.history.resnet.skip": {"en": "Skip connections that add each block's input to its output",
                                 "zh": "把每个块的输入加到输出上的跳跃连接"},
    "quiz.history.resnet.dropout": {"en": "More dropout", "zh": "更多 Dropout"},
    "quiz.history.resnet.bigger": {"en": "Larger kernels (7×7 everywhere)", "zh": "更大的卷积核（全部 7×7）"},
    "quiz.history.resnet.reasoning": {
        "en": "Training error, not test error, is the problem, so regularisation such as dropout cannot help. "
              "With skip connections a block only has to learn a correction to the identity, and the gradient "
              "flows back through the additions unchanged — ResNet's idea (2015). Try the lesson 'Deep: plain vs "
              "residual' on the Training page.",
        "zh": "问题出在训练误差而不是测试误差，所以 Dropout 这类正则化帮不上忙。有了跳跃连接，每个块只需学习相对恒等映射"
              "的修正，梯度也能经由加法原样传回——这就是 ResNet（2015）的想法。去训练页试试课堂实验“普通 vs 残差”。",
    },
    "quiz.history.detection": {
        "en": "A classifier outputs 10 class scores. What must a detector add for each object it finds?",
        "zh": "一个分类器输出 10 个类别分数。检测器对找到的每个目标还必须额外输出什么？",
    },
    "quiz.history.detection.box": {"en": "Four numbers for its box (box regression)", "zh": "描述边框的四个数（边框回归）"},
    "quiz.history.detection.mask": {"en": "A class for every pixel", "zh": "每个像素一个类别"},
    "quiz.history.detection.nothing": {"en": "Nothing: a larger softmax is enough", "zh": "不需要：更大的 softmax 就够了"},
    "quiz.history.detection.reasoning": {
        "en": "Detection = classification + box regression: a class and (x, y, w, h) per object, trained with a "
              "classification loss plus a regression loss. A class per pixel is segmentation.",
        "zh": "检测 = 分类 + 边框回归：每个目标一个类别和 (x, y, w, h)，用分类损失加回归损失训练。"
              "每个像素一个类别是语义分割。",
    },
}
