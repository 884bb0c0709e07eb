"""Strings of cnnviz.architectures: layer kinds, hyper-parameter labels, summary columns, presets,
and the reasons / fixes for invalid layers and table rows (problem ``arch.X`` → advice ``arch.X.fix``).
"""

STRINGS = {
    "arch.list_sep": {"en": ", ", "zh": "，"},
    "arch.total": {"en": "total", "zh": "合计"},
    # --- hyper-parameters ({v} is the value) -----------------------------------------------
    "arch.hp.filters": {"en": "{v} filters", "zh": "{v} 个卷积核"},
    "arch.hp.kernel": {"en": "kernel {v}", "zh": "卷积核 {v}"},
    "arch.hp.window": {"en": "window {v}", "zh": "窗口 {v}"},
    "arch.hp.stride": {"en": "stride {v}", "zh": "步长 {v}"},
    "arch.hp.padding": {"en": "padding {v}", "zh": "填充 {v}"},
    "arch.hp.dilation": {"en": "dilation {v}", "zh": "膨胀率 {v}"},
    "arch.hp.groups": {"en": "groups {v}", "zh": "分组 {v}"},
    "arch.hp.no_bias": {"en": "no bias", "zh": "无偏置"},
    "arch.hp.ceil_mode": {"en": "ceil mode", "zh": "向上取整"},
    "arch.hp.coef_bias": {"en": "trainable coefficient and bias per map", "zh": "每张特征图一个可训练系数和偏置"},
    "arch.hp.table": {"en": "connection table {v}", "zh": "连接表 {v}"},
    "arch.hp.units": {"en": "{v} units", "zh": "{v} 个神经元"},
    "arch.hp.slope": {"en": "slope {v}", "zh": "负半轴斜率 {v}"},
    "arch.hp.p": {"en": "drop rate {v}", "zh": "丢弃率 {v}"},
    "arch.hp.size": {"en": "{v} neighbouring channels", "zh": "相邻 {v} 个通道"},
    "arch.hp.branches": {"en": "{v} branches", "zh": "{v} 个分支"},
    "arch.hp.projection": {"en": "1×1 projection shortcut", "zh": "1×1 投影捷径"},
    "arch.hp.identity": {"en": "identity shortcut", "zh": "恒等捷径"},
    "arch.hp.then": {"en": "then {v}", "zh": "相加后接 {v}"},
    # --- layer kinds --------------------------------------------------------------------------
    "arch.kind.input": {"en": "Input", "zh": "输入"},
    "arch.kind.conv": {"en": "Convolution", "zh": "卷积"},
    "arch.kind.maxpool": {"en": "Max pooling", "zh": "最大池化"},
    "arch.kind.avgpool": {"en": "Average pooling", "zh": "平均池化"},
    "arch.kind.subsample": {"en": "Subsampling (LeNet)", "zh": "下采样（LeNet）"},
    "arch.kind.partial_conv": {"en": "Partially connected convolution", "zh": "部分连接卷积"},
    "arch.kind.linear": {"en": "Fully connected", "zh": "全连接"},
    "arch.kind.rbf": {"en": "RBF output", "zh": "RBF 输出层"},
    "arch.kind.relu": {"en": "ReLU", "zh": "ReLU"},
    "arch.kind.leaky_relu": {"en": "Leaky ReLU", "zh": "Leaky ReLU"},
    "arch.kind.sigmoid": {"en": "Sigmoid", "zh": "Sigmoid"},
    "arch.kind.tanh": {"en": "Tanh", "zh": "Tanh"},
    "arch.kind.lecun_tanh": {"en": "Scaled tanh 1.7159·tanh(2x/3)", "zh": "缩放 tanh 1.7159·tanh(2x/3)"},
    "arch.kind.softmax": {"en": "Softmax", "zh": "Softmax"},
    "arch.kind.flatten": {"en": "Flatten", "zh": "展平"},
    "arch.kind.batchnorm": {"en": "Batch normalization", "zh": "批归一化"},
    "arch.kind.dropout": {"en": "Dropout", "zh": "Dropout"},
    "arch.kind.lrn": {"en": "Local response normalization", "zh": "局部响应归一化"},
    "arch.kind.global_avgpool": {"en": "Global average pooling", "zh": "全局平均池化"},
    "arch.kind.inception": {"en": "Inception module", "zh": "Inception 模块"},
    "arch.kind.residual": {"en": "Residual block", "zh": "残差块"},
    # --- status and columns -------------------------------------------------------------------
    "arch.status.ok": {"en": "ok", "zh": "正常"},
    "arch.status.invalid": {"en": "invalid", "zh": "无效"},
    "arch.status.waiting": {"en": "waiting", "zh": "等待"},
    "arch.status.waiting_reason": {
        "en": "waiting for a layer above to be fixed",
        "zh": "等待上方的层修正后再计算",
    },
    "arch.col.index": {"en": "#", "zh": "序号"},
    "arch.col.name": {"en": "Layer", "zh": "层"},
    "arch.col.type": {"en": "Type", "zh": "类型"},
    "arch.col.depth": {"en": "Depth", "zh": "嵌套层级"},
    "arch.col.hparams": {"en": "Hyper-parameters", "zh": "超参数"},
    "arch.col.out_shape": {"en": "Output shape", "zh": "输出形状"},
    "arch.col.params": {"en": "Parameters", "zh": "参数量"},
    "arch.col.formula": {"en": "Parameter formula", "zh": "参数量计算式"},
    "arch.col.macs": {"en": "Multiply-adds", "zh": "乘加次数"},
    "arch.col.act_elements": {"en": "Activations (elements)", "zh": "激活值（个数）"},
    "arch.col.act_bytes": {"en": "Activations (bytes)", "zh": "激活值（字节）"},
    "arch.col.rf": {"en": "Receptive field", "zh": "感受野"},
    "arch.col.jump": {"en": "Jump", "zh": "跳距"},
    "arch.col.status": {"en": "Status", "zh": "状态"},
    "arch.col.reason": {"en": "Reason", "zh": "原因"},
    "arch.col.fix": {"en": "Fix", "zh": "修改建议"},
    # --- presets --------------------------------------------------------------------------
    "arch.preset.lenet5-1998": {"en": "LeNet-5 (1998 paper)", "zh": "LeNet-5（1998 年原论文）"},
    "arch.preset.lenet5-1998.note": {
        "en": "LeCun et al. 1998 on a 32×32 input: 60,000 trainable parameters (C1 156, S2 12, C3 1,516, "
              "S4 32, C5 48,120, F6 10,164) plus 840 fixed RBF centres; 340,908 connections.",
        "zh": "LeCun 等人 1998 年论文，输入 32×32：可训练参数 60,000 个（C1 156、S2 12、C3 1,516、S4 32、"
              "C5 48,120、F6 10,164），另有 840 个固定的 RBF 中心；共 340,908 个连接。",
    },
    "arch.preset.lenet5": {"en": "LeNet-5 (modern, MNIST 28×28)", "zh": "LeNet-5（现代版，MNIST 28×28）"},
    "arch.preset.lenet5.note": {
        "en": "The version usually trained today: ReLU and max pooling by default, a 28×28 input padded "
              "by 2, ordinary full connections: 61,706 parameters.",
        "zh": "如今常用的版本：默认 ReLU 与最大池化，28×28 输入补零 2 圈，普通全连接：共 61,706 个参数。",
    },
    "arch.preset.alexnet": {"en": "AlexNet (2012)", "zh": "AlexNet（2012）"},
    "arch.preset.alexnet.note": {
        "en": "Krizhevsky et al. 2012 on 227×227×3, as one tower: 62,378,344 parameters (≈ 62.4M); split "
              "over two GPUs as in the paper (grouped conv2/4/5): 60,965,224. Most sit in the fully "
              "connected layers.",
        "zh": ("Krizhevsky 等人 2012 年，输入 227×227×3，单路版本：62,378,"
               "344 个参数（约 6240 万）；按原论文拆到两块 GPU（`conv2/4/5` 分组）"
               "：60,965,224 个。绝大多数参数在全连接层。"),
    },
    "arch.preset.vgg16": {"en": "VGG-16 (2014)", "zh": "VGG-16（2014）"},
    "arch.preset.vgg16.note": {
        "en": "Simonyan & Zisserman 2014, configuration D, on 224×224×3: 138,357,544 parameters, "
              "102,764,544 of them in the first fully connected layer.",
        "zh": "Simonyan 与 Zisserman 2014 年的 D 配置，输入 224×224×3：共 138,357,544 个参数，其中 "
              "102,764,544 个在第一个全连接层。",
    },
    "arch.preset.inception3a": {"en": "Inception module 3a (GoogLeNet)", "zh": "Inception 3a 模块（GoogLeNet）"},
    "arch.preset.inception3a.note": {
        "en": "Szegedy et al. 2015, on 28×28×192: four branches with 1×1 reductions, 256 channels out, "
              "163,696 parameters.",
        "zh": "Szegedy 等人 2015 年，输入 28×28×192：四个分支，带 1×1 降维，输出 256 通道，共 163,696 个参数。",
    },
    "arch.preset.inception3a-naive": {"en": "Inception 3a without 1×1 reductions", "zh": "不带 1×1 降维的 Inception 3a"},
    "arch.preset.inception3a-naive.note": {
        "en": "The same branches without the 1×1 reductions: 416 channels out and 387,296 parameters.",
        "zh": "相同的分支但去掉 1×1 降维：输出 416 通道，共 387,296 个参数。",
    },
    "arch.preset.resnet18": {"en": "ResNet-18 (2015)", "zh": "ResNet-18（2015）"},
    "arch.preset.resnet18.note": {
        "en": "He et al. 2015, torchvision layout, on 224×224×3: basic blocks with 1×1 projection "
              "shortcuts where the shape changes; 11,689,512 parameters including batch norm.",
        "zh": "He 等人 2015 年，torchvision 结构，输入 224×224×3：基本残差块，形状变化处用 1×1 投影捷径；"
              "含批归一化共 11,689,512 个参数。",
    },
    "arch.preset.keras-mnist": {"en": "Keras MNIST example", "zh": "Keras MNIST 示例"},
    "arch.preset.keras-mnist.note": {
        "en": "The Keras example of the course notes: conv 32 (320), conv 64 (18,496), dense 128 "
              "(1,179,776), dense 10 (1,290): 1,199,882 parameters.",
        "zh": "课程笔记中的 Keras 示例：卷积 32（320）、卷积 64（18,496）、全连接 128（1,179,776）、"
              "全连接 10（1,290）：共 1,199,882 个参数。",
    },
    "arch.inception_note": {
        "en": "The slides print {slide:,}: they leave out the {reduce:,} weights of the 1×1 layer. "
              "The correct total is {reduced:,}, still {ratio:.1f}× fewer than {direct:,}.",
        "zh": "课件上写的是 {slide:,}：漏掉了 1×1 层的 {reduce:,} 个权重。正确的总数是 {reduced:,}，"
              "仍只有 {direct:,} 的 1/{ratio:.1f}。",
    },
    # --- problems and fixes -------------------------------------------------------------------
    "arch.needs_image": {
        "en": "the {kind} layer needs a (C, H, W) feature map, but gets {shape}",
        "zh": "{kind} 层需要 (C, H, W) 形式的特征图，但收到的是 {shape}",
    },
    "arch.needs_image.fix": {
        "en": "move it before the flatten layer",
        "zh": "请把它移到展平层之前",
    },
    "arch.needs_flat": {
        "en": "the {kind} layer needs a flat vector, but gets {shape}",
        "zh": "{kind} 层需要一维向量，但收到的是 {shape}",
    },
    "arch.needs_flat.fix": {"en": "insert a flatten layer before it", "zh": "请在它前面插入一个展平层"},
    "arch.table_empty": {
        "en": "output map {map} of the connection table reads no input map",
        "zh": "连接表中第 {map} 张输出特征图没有连接任何输入特征图",
    },
    "arch.table_empty.fix": {"en": "list at least one input map for it", "zh": "请至少为它指定一张输入特征图"},
    "arch.table_channels": {
        "en": "output map {map} reads input map {index}, but the input has only {channels} maps",
        "zh": "第 {map} 张输出特征图要读取第 {index} 张输入特征图，但输入只有 {channels} 张",
    },
    "arch.table_channels.fix": {
        "en": "use input maps 0 to {channels} − 1 only",
        "zh": "只能使用编号 0 到 {channels}−1 的输入特征图",
    },
    "arch.bad_option": {
        "en": "{option} must be one of {choices} (got {value})",
        "zh": "{option} 必须是 {choices} 之一（当前为 {value}）",
    },
    "arch.bad_option.fix": {"en": "pick one of {choices}", "zh": "请从 {choices} 中选择"},
    "arch.bad_options": {
        "en": "the network {value} does not take the options {options}",
        "zh": "网络 {value} 不支持选项 {options}",
    },
    "arch.bad_options.fix": {"en": "leave these options out", "zh": "请去掉这些选项"},
    "arch.dropout_p": {
        "en": "the drop rate must be at least 0 and below 1 (got {value})",
        "zh": "丢弃率必须在 0 到 1 之间（不含 1），当前为 {value}",
    },
    "arch.dropout_p.fix": {"en": "use a rate such as 0.5", "zh": "请使用例如 0.5 的丢弃率"},
    "arch.unknown_layer": {"en": "unknown layer {value}", "zh": "未知的层 {value}"},
    "arch.unknown_layer.fix": {
        "en": "use the layer specs of cnnviz.architectures",
        "zh": "请使用 `cnnviz.architectures` 中定义的层",
    },
    "arch.branch_mismatch": {
        "en": "the branches give maps of different sizes: {shapes}",
        "zh": "各分支输出的特征图尺寸不同：{shapes}",
    },
    "arch.branch_mismatch.fix": {
        "en": "give every branch stride 1 and size-preserving padding",
        "zh": "请让每个分支都使用步长 1 和保持尺寸的填充",
    },
    "arch.residual_mismatch": {
        "en": "the block's output {body} does not match its shortcut {shortcut}",
        "zh": "残差块主路输出 {body} 与捷径 {shortcut} 的形状不一致",
    },
    "arch.residual_mismatch.fix": {
        "en": "add a 1×1 projection shortcut: a conv to {channels} channels with stride {stride}",
        "zh": "请加入 1×1 投影捷径：输出 {channels} 个通道、步长为 {stride} 的卷积",
    },
    "arch.residual_mismatch_any": {
        "en": "the block's output {body} does not match its shortcut {shortcut}",
        "zh": "残差块主路输出 {body} 与捷径 {shortcut} 的形状不一致",
    },
    "arch.residual_mismatch_any.fix": {
        "en": "make the block keep its input size, or project the shortcut to the same shape",
        "zh": "请让主路保持输入尺寸，或把捷径投影成相同形状",
    },
    "arch.input_shape": {
        "en": "the input shape must be (C, H, W) or (features,) with positive sizes (got {value})",
        "zh": "输入形状必须是 (C, H, W) 或 (特征数,)，且各维为正（当前为 {value}）",
    },
    "arch.input_shape.fix": {"en": "give an input shape such as (1, 28, 28)", "zh": "请给出输入形状，例如 (1, 28, 28)"},
    "arch.unknown_preset": {"en": "unknown network {value}", "zh": "未知的网络 {value}"},
    "arch.unknown_preset.fix": {"en": "choose one of {choices}", "zh": "请从 {choices} 中选择"},
    "arch.not_runnable": {
        "en": "{kind} layers cannot be built with cnnviz.nn.layers",
        "zh": "{kind} 层无法用 `cnnviz.nn.layers` 构建",
    },
    "arch.not_runnable.fix": {
        "en": "choose {choices}, or a network of conv, pooling, activation, flatten and fully connected layers",
        "zh": "请选择 {choices}，或只由卷积、池化、激活、展平和全连接层组成的网络",
    },
    "arch.keras_unsupported": {
        "en": "Keras has no built-in layer like the {kind} layer",
        "zh": "Keras 没有与该 {kind} 层对应的内置层",
    },
    "arch.keras_unsupported.fix": {
        "en": "export to PyTorch instead, or replace the layer",
        "zh": "请改为导出 PyTorch 代码，或替换该层",
    },
    # --- editable table -------------------------------------------------------------------
    "arch.table.unknown_type": {
        "en": "unknown layer type {value}",
        "zh": "未知的层类型 {value}",
    },
    "arch.table.unknown_type.fix": {"en": "choose one of {choices}", "zh": "请从 {choices} 中选择"},
    "arch.table.missing": {
        "en": "{type} rows need a value in the “{column}” column",
        "zh": "{type} 行的“{column}”一栏必须填写",
    },
    "arch.table.missing.fix": {
        "en": "enter the number of filters or units",
        "zh": "请填写卷积核个数或神经元个数",
    },
    "arch.table.not_int": {
        "en": "“{column}” must be a whole number ≥ {minimum} (got {value})",
        "zh": "“{column}”必须是 ≥ {minimum} 的整数（当前为 {value}）",
    },
    "arch.table.not_int.fix": {
        "en": "enter a whole number, or for kernels two numbers such as 3x5",
        "zh": "请填写整数；卷积核也可以写成 3x5 这样的两个数",
    },
    "arch.table.unreadable": {"en": "this row cannot be read: {value}", "zh": "无法读取这一行：{value}"},
    "arch.table.unreadable.fix": {"en": "check the values in this row", "zh": "请检查这一行的取值"},
    "arch.table.not_tabular": {
        "en": "{kind} layers cannot be edited as table rows",
        "zh": "{kind} 层无法以表格行的形式编辑",
    },
    "arch.table.not_tabular.fix": {
        "en": "start the custom network from a plain preset such as lenet5",
        "zh": "请从 `lenet5` 这类只含普通层的预设开始自定义网络",
    },
}
