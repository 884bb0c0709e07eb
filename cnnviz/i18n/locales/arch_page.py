"""Strings of the Architectures page (keys ``archpage.*``). Layer kinds, hyper-parameters, column
names and presets come from ``cnnviz/i18n/locales/arch.py`` (``arch.*``)."""

STRINGS = {
    "archpage.title": {"en": "Classic architectures, layer by layer", "zh": "经典网络结构：逐层拆解"},
    "archpage.intro": {
        "en": "Pick a classic network or build your own in the table. Every layer's output shape, parameter "
              "count (with the formula written out), multiply-adds and memory follow from the shape rules. "
              "A layer whose output would be empty is flagged with the reason and the fix, and the layers "
              "after it wait.",
        "zh": "选择一个经典网络，或在表格里搭建你自己的网络。每一层的输出形状、参数量（附带代入数字的计算式）、"
              "乘加次数和内存占用都由形状规则逐层算出。某层的输出若为空，会标出原因和修改方法，其后的层进入等待状态。",
    },
    # --- choosing a network -------------------------------------------------------------------
    "archpage.network": {"en": "Network", "zh": "网络"},
    "archpage.custom": {"en": "Your own network (editable table)", "zh": "自定义网络（可编辑表格）"},
    "archpage.custom.note": {
        "en": "Edit the table below: change a cell, add a row with ＋ at the bottom, select rows on the left "
              "to delete them, or move a row with the buttons. The page address follows the table, so a "
              "copied link opens the same network.",
        "zh": "直接编辑下面的表格：修改单元格，用底部的 ＋ 添加一行，勾选左侧的行即可删除，或用按钮移动行。"
              "页面地址会随表格变化，复制链接即可让别人打开同一个网络。",
    },
    "archpage.opt.activation": {"en": "Activation", "zh": "激活函数"},
    "archpage.opt.pooling": {"en": "Pooling", "zh": "池化方式"},
    "archpage.opt.towers": {"en": "Layout", "zh": "结构"},
    "archpage.towers.1": {"en": "one tower", "zh": "单路"},
    "archpage.towers.2": {"en": "two GPUs (grouped conv2/4/5)", "zh": "两块 GPU（`conv2/4/5` 分组）"},
    "archpage.edit_copy": {"en": "Edit a copy in the table", "zh": "复制到表格中编辑"},
    "archpage.edit_copy_help": {
        "en": "Copies this network into the editable table, where you can change kernels, strides, "
              "padding and channels, or add and remove layers.",
        "zh": "把这个网络复制到可编辑表格中，可以修改卷积核、步长、填充和通道数，或增删层。",
    },
    "archpage.not_editable": {
        "en": "This network cannot be copied into the table: {reason}.",
        "zh": "这个网络无法复制到表格中：{reason}。",
    },
    "archpage.dropped": {
        "en": "Left out of the copy: {kinds} (it keeps the shape and has no parameters, and the table "
              "has no row type for it).",
        "zh": "复制时省略了：{kinds}（它不改变形状、没有参数，表格中也没有对应的层类型）。",
    },
    # --- the editable table -------------------------------------------------------------------
    "archpage.input_shape": {"en": "Input shape (C×H×W)", "zh": "输入形状（C×H×W）"},
    "archpage.input_shape_help": {
        "en": "Channels × height × width, e.g. 1x28x28 for MNIST or 3x224x224 for ImageNet; a single "
              "number is a flat vector of features.",
        "zh": "通道 × 高 × 宽，例如 MNIST 为 1x28x28，ImageNet 为 3x224x224；只写一个数表示一维特征向量。",
    },
    "archpage.ed.type": {"en": "Layer type", "zh": "层类型"},
    "archpage.ed.type_help": {"en": "What the layer does.", "zh": "这一层的类型。"},
    "archpage.ed.out": {"en": "Filters / units", "zh": "卷积核数 / 神经元数"},
    "archpage.ed.out_help": {
        "en": "Output channels of a convolution, or units of a fully connected layer.",
        "zh": "卷积层的输出通道数，或全连接层的神经元个数。",
    },
    "archpage.ed.kernel": {"en": "Kernel", "zh": "卷积核 / 窗口"},
    "archpage.ed.kernel_help": {
        "en": "Kernel or window size: 3, or 3x5 for height × width. Blank: 3 for conv, 2 for pooling.",
        "zh": "卷积核或池化窗口大小：3，或 3x5（高 × 宽）。留空时卷积取 3，池化取 2。",
    },
    "archpage.ed.stride": {"en": "Stride", "zh": "步长"},
    "archpage.ed.stride_help": {
        "en": "Step between windows. Blank: 1 for conv, the window size for pooling.",
        "zh": "窗口每次移动的距离。留空时卷积取 1，池化取窗口大小。",
    },
    "archpage.ed.padding": {"en": "Padding", "zh": "填充"},
    "archpage.ed.padding_help": {
        "en": "Zeros added on each side: a number, or same / valid / full for convolutions. Blank: 0.",
        "zh": "每侧补零的圈数：一个数；卷积也可写 `same / valid / full`。留空为 0。",
    },
    "archpage.ed.p": {"en": "Drop rate", "zh": "丢弃率"},
    "archpage.ed.p_help": {"en": "Dropout only: the fraction of units dropped in training.",
                           "zh": "仅用于 Dropout：训练时随机丢弃的比例。"},
    "archpage.move_row": {"en": "Row", "zh": "行号"},
    "archpage.move_up": {"en": "Move up", "zh": "上移"},
    "archpage.move_down": {"en": "Move down", "zh": "下移"},
    "archpage.insert_copy": {"en": "Duplicate", "zh": "复制此行"},
    "archpage.remove_row": {"en": "Remove", "zh": "删除"},
    "archpage.move_help": {
        "en": "Pick a row by its number, then move, duplicate or remove it.",
        "zh": "先选中行号，再上移、下移、复制或删除该行。",
    },
    "archpage.row_skipped": {
        "en": "Row {row} is left out of the network: {message}. Fix: {fix}.",
        "zh": "第 {row} 行未计入网络：{message}。修改建议：{fix}。",
    },
    "archpage.input_invalid": {
        "en": "The input shape cannot be read: {message}. Fix: {fix}.",
        "zh": "无法读取输入形状：{message}。修改建议：{fix}。",
    },
    "archpage.empty_network": {
        "en": "The table has no layers yet: add a row with ＋ below the table.",
        "zh": "表格中还没有任何层：请点击表格下方的 ＋ 添加一行。",
    },
    # --- the network as one line of text (the URL) --------------------------------------------
    "archpage.spec_header": {"en": "The network as one line of text", "zh": "用一行文字表示网络"},
    "archpage.spec_caption": {
        "en": "This line is what the page address stores (parameter arch.custom). Layers are joined by “-”: "
              "conv32k3s1p1 (32 filters, kernel 3, stride 1, padding 1), max2 or max3s2 (pooling window, "
              "stride), avg2, fc128, drop0.5, relu, lrelu, sigmoid, tanh, softmax, flat, bn, gap. The first "
              "item is the input shape.",
        "zh": ("页面地址中保存的就是这一行（参数 `arch.custom`）。各层用“-”连接：`conv"
               "32k3s1p1`（32 个卷积核、核大小 3、步长 1、填充 1），`max2` 或 `m"
               "ax3s2`（池化窗口、步长），`avg2`，`fc128`，`drop0.5`，`relu"
               "`，`lrelu`，`sigmoid`，`tanh`，`softmax`，`flat`，`b"
               "n`，`gap`。第一项是输入形状。"),
    },
    "archpage.spec_load": {"en": "Load a network from text", "zh": "从文字载入网络"},
    "archpage.spec_load_button": {"en": "Load", "zh": "载入"},
    "archpage.spec_invalid": {
        "en": "This network text cannot be read: {message}. Fix: {fix}.",
        "zh": "无法读取这段网络文字：{message}。修改建议：{fix}。",
    },
    "archpage.spec_url_invalid": {
        "en": "The network in the link cannot be read: {message}. Fix: {fix}. The table starts from LeNet-5 "
              "instead.",
        "zh": "链接中的网络无法读取：{message}。修改建议：{fix}。表格改为从 LeNet-5 开始。",
    },
    "archpage.spec.at": {
        "en": "layer {position} “{token}”: {message}",
        "zh": "第 {position} 层“{token}”：{message}",
    },
    "archpage.spec.empty": {"en": "the text is empty", "zh": "文字为空"},
    "archpage.spec.empty.fix": {
        "en": "start with the input shape, then the layers, e.g. 1x28x28-conv6k5p2-relu-max2",
        "zh": "先写输入形状，再写各层，例如 `1x28x28-conv6k5p2-relu-max2`",
    },
    "archpage.spec.blank": {"en": "two dashes in a row leave a layer blank", "zh": "连续两个“-”之间缺少一层"},
    "archpage.spec.blank.fix": {"en": "remove the extra dash", "zh": "请删去多余的“-”"},
    "archpage.spec.too_long": {
        "en": "{count} layers is more than the {limit} allowed",
        "zh": "共 {count} 层，超过了上限 {limit} 层",
    },
    "archpage.spec.too_long.fix": {"en": "use at most {limit} layers", "zh": "请不要超过 {limit} 层"},
    "archpage.spec.input": {
        "en": "the first item must be the input shape C×H×W or a number of features (got “{value}”)",
        "zh": "第一项必须是输入形状 C×H×W 或特征个数（当前为“{value}”）",
    },
    "archpage.spec.input.fix": {
        "en": "write it as 1x28x28 or 3x224x224, with positive sizes up to 1,000,000",
        "zh": "请写成 1x28x28 或 3x224x224 的形式，各维为不超过 1,000,000 的正整数",
    },
    "archpage.spec.word": {"en": "unknown layer", "zh": "未知的层"},
    "archpage.spec.word.fix": {"en": "start each layer with one of {words}", "zh": "每一层请以 {words} 之一开头"},
    "archpage.spec.token": {"en": "its settings cannot be read", "zh": "无法读取它的设置"},
    "archpage.spec.token.fix": {
        "en": "write settings once each, as k<kernel>, s<stride>, p<padding>: conv16k3s1p1, max3s2; layers "
              "without settings are just their name (relu)",
        "zh": ("每个设置只写一次，格式为 k<核大小>、s<步长>、p<填充>：如 `conv16k3s1p"
               "1`、`max3s2`；没有设置的层只写名称（如 `relu`）"),
    },
    "archpage.spec.too_large": {"en": "a number is larger than {limit}", "zh": "有数值超过了 {limit}"},
    "archpage.spec.too_large.fix": {"en": "use smaller numbers", "zh": "请使用更小的数值"},
    "archpage.spec.needs_number": {
        "en": "conv and fc layers need a whole number of filters or units",
        "zh": "卷积层和全连接层需要写出卷积核个数或神经元个数（整数）",
    },
    "archpage.spec.needs_number.fix": {"en": "write e.g. conv16k3 or fc128", "zh": "请写成 `conv16k3` 或 `fc128` 这样的形式"},
    "archpage.spec.pool_kernel": {
        "en": "a pooling layer needs its window size exactly once",
        "zh": "池化层需要且只能写一次窗口大小",
    },
    "archpage.spec.pool_kernel.fix": {
        "en": "write max2, max3s2 or maxk3x2",
        "zh": "请写成 `max2`、`max3s2` 或 `maxk3x2`",
    },
    # --- the drawing ----------------------------------------------------------------------------
    "archpage.drawing_header": {"en": "The network as a row of volumes", "zh": "网络的立体示意图"},
    "archpage.drawing_caption": {
        "en": "Each box is one layer's output, labelled C×H×W: its thickness grows with the channels, its "
              "height and depth with the map size, all on a log scale so large and small maps fit in one "
              "row. Activations, dropout and normalization keep the shape and are not drawn. Hover a box "
              "for its numbers.",
        "zh": "每个方块是一层的输出，标注为 C×H×W：厚度随通道数增加，高度和纵深随特征图尺寸增加，均按对数缩放，"
              "以便大小悬殊的特征图排成一行。激活、Dropout 和归一化不改变形状，不单独画出。鼠标悬停可查看数值。",
    },
    "archpage.volume.hover": {
        "en": "{name} ({kind})<br>{shape}<br>{params} parameters",
        "zh": "{name}（{kind}）<br>{shape}<br>{params} 个参数",
    },
    "archpage.volume.invalid_hover": {
        "en": "{name}: {reason}<br>Fix: {fix}",
        "zh": "{name}：{reason}<br>修改建议：{fix}",
    },
    "archpage.group.input": {"en": "Input", "zh": "输入"},
    "archpage.group.conv": {"en": "Convolution", "zh": "卷积"},
    "archpage.group.pool": {"en": "Pooling", "zh": "池化"},
    "archpage.group.fc": {"en": "Fully connected", "zh": "全连接"},
    "archpage.group.block": {"en": "Module / block", "zh": "模块 / 残差块"},
    "archpage.skip.identity": {"en": "skip connection (identity)", "zh": "跳跃连接（恒等）"},
    "archpage.skip.projection": {"en": "projection shortcut (1×1 conv)", "zh": "投影捷径（1×1 卷积）"},
    "archpage.group.other": {"en": "Other", "zh": "其他"},
    # --- the summary --------------------------------------------------------------------------
    "archpage.summary_header": {"en": "Layer by layer", "zh": "逐层汇总"},
    "archpage.m.params": {"en": "Parameters", "zh": "参数量"},
    "archpage.m.params_help": {
        "en": "Weights and biases of all layers: {exact}.",
        "zh": "所有层的权重和偏置之和：{exact}。",
    },
    "archpage.m.trainable": {"en": "{n} trainable", "zh": "其中可训练 {n}"},
    "archpage.m.macs": {"en": "Multiply-adds per image", "zh": "每张图的乘加次数"},
    "archpage.m.macs_help": {
        "en": "Multiply-accumulate operations for one image in the forward pass: {exact}.",
        "zh": "前向传播处理一张图所需的乘加运算次数：{exact}。",
    },
    "archpage.m.act": {"en": "Activation memory", "zh": "激活值内存"},
    "archpage.m.act_help": {
        "en": "Every layer output for one image in {dtype} ({elements} numbers), the input included; "
              "in-place ReLU and dropout and the flatten view cost nothing extra.",
        "zh": "一张图在 {dtype} 下所有层输出的总大小（共 {elements} 个数），含输入；原地执行的 ReLU、Dropout "
              "以及展平视图不额外占用内存。",
    },
    "archpage.m.weights": {"en": "Parameter memory", "zh": "参数内存"},
    "archpage.m.weights_help": {"en": "All parameters in {dtype}.", "zh": "全部参数按 {dtype} 存储的大小。"},
    "archpage.m.output": {"en": "Output", "zh": "输出形状"},
    "archpage.m.none": {"en": "—", "zh": "—"},
    "archpage.invalid_banner": {
        "en": "**{name}** cannot work: {reason}. **Fix:** {fix}.",
        "zh": "**{name}** 无法计算：{reason}。**修改建议**：{fix}。",
    },
    "archpage.invalid_banner_row": {
        "en": "**Row {row} ({name})** cannot work: {reason}. **Fix:** {fix}.",
        "zh": "**第 {row} 行（{name}）** 无法计算：{reason}。**修改建议**：{fix}。",
    },
    "archpage.banner_waiting": {
        "en": "The {waiting} layers after it wait; the totals count the layers before it.",
        "zh": "其后的 {waiting} 层进入等待状态；合计只统计它之前的层。",
    },
    "archpage.banner_last": {
        "en": "The totals count the layers before it.",
        "zh": "合计只统计它之前的层。",
    },
    "archpage.col.memory": {"en": "Activation memory", "zh": "激活值内存"},
    "archpage.all_columns": {
        "en": "Every column: type, hyper-parameters, parameter formula, memory",
        "zh": "全部列：类型、超参数、参数量计算式、内存",
    },
    "archpage.col.rf": {"en": "Receptive field / jump", "zh": "感受野 / 跳距"},
    "archpage.col.note": {"en": "Reason and fix", "zh": "原因与修改建议"},
    "archpage.col.row": {"en": "Table row", "zh": "表格行"},
    "archpage.rf_jump": {"en": "{rf} / {jump}", "zh": "{rf} / {jump}"},
    "archpage.note.invalid": {"en": "{reason} → {fix}", "zh": "{reason} → {fix}"},
    "archpage.note.partial_totals": {
        "en": "totals of the layers before the invalid one",
        "zh": "仅统计无效层之前的各层",
    },
    "archpage.status.ok": {"en": "✓ ok", "zh": "✓ 正常"},
    "archpage.status.invalid": {"en": "✗ invalid", "zh": "✗ 无效"},
    "archpage.status.waiting": {"en": "… waiting", "zh": "… 等待"},
    "archpage.table_caption": {
        "en": "Parameters: Co×Ci×Kh×Kw+Co for a convolution, out×in+out for a fully connected layer; "
              "pooling, activations and dropout have none. Multiply-adds and memory are for one image. "
              "Receptive field / jump: how many input pixels one output unit sees, and how far apart "
              "neighbouring units' fields are in the input.",
        "zh": ("参数量：卷积层为 Co×Ci×Kh×Kw+Co，全连接层为 输出×输入+输出；池化、激活和 "
               "Dropout 没有参数。乘加次数和内存均按一张图计算。感受野 / 累积步长：一个输出单元能"
               "看到多少个输入像素，以及相邻单元的感受野在输入上相隔多远。"),
    },
    # --- one layer's formulas -------------------------------------------------------------------
    "archpage.explain_header": {"en": "One layer's numbers, worked out", "zh": "单层计算过程"},
    "archpage.explain_layer": {"en": "Layer", "zh": "选择层"},
    "archpage.explain_size": {"en": "Output size", "zh": "输出尺寸"},
    "archpage.explain_params": {"en": "Parameters", "zh": "参数量"},
    "archpage.explain_no_window": {
        "en": "{name} has no sliding window: its output shape is {shape}.",
        "zh": "{name} 没有滑动窗口：输出形状为 {shape}。",
    },
    "archpage.explain_no_params": {"en": "{name} has no parameters.", "zh": "{name} 没有参数。"},
    "archpage.explain_invalid": {
        "en": "{name} gets its parameters once its output size is positive.",
        "zh": "{name} 的输出尺寸变为正数后，才能算出它的参数量。",
    },
    "archpage.explain_waiting": {
        "en": "{name} waits for the invalid layer above it to be fixed.",
        "zh": "{name} 正在等待上方的无效层被修正。",
    },
    # --- where the parameters and the compute go ----------------------------------------------
    "archpage.cost_header": {"en": "Where the parameters live, where the compute goes",
                             "zh": "参数在哪里，计算量花在哪里"},
    "archpage.cost_share": {
        "en": "Fully connected layers hold **{fc_params}** of the parameters but do **{fc_macs}** of the "
              "multiply-adds; the convolutions hold **{conv_params}** of the parameters and do **{conv_macs}** "
              "of the work. A convolution reuses a few weights at every position; a fully connected layer "
              "has one weight per input–output pair and uses each once.",
        "zh": "全连接层占了 **{fc_params}** 的参数，却只承担 **{fc_macs}** 的乘加运算；卷积层只占 **{conv_params}** "
              "的参数，却承担了 **{conv_macs}** 的运算。卷积在每个位置重复使用少量权重；全连接层的每对输入—输出"
              "都有一个权重，而且每个权重只用一次。",
    },
    "archpage.cost.params": {"en": "Parameters (total {total})", "zh": "参数量（合计 {total}）"},
    "archpage.cost.macs": {"en": "Multiply-adds per image (total {total})", "zh": "每张图的乘加次数（合计 {total}）"},
    "archpage.cost.empty": {"en": "No layer with parameters or multiply-adds yet.", "zh": "还没有带参数或乘加运算的层。"},
    # --- the Inception 1×1 reduction ----------------------------------------------------------
    "archpage.reduce_header": {"en": "Why Inception puts a 1×1 convolution first", "zh": "Inception 为何先做 1×1 卷积"},
    "archpage.reduce_intro": {
        "en": "The course's example: the layer below gives 100×100×128 and we want 256 maps from a 5×5 "
              "convolution (stride 1, padding 2, biases left out). Done directly, every 5×5 filter reads "
              "all 128 channels. With a 1×1 convolution to a few channels first, the 5×5 filters read "
              "only those.",
        "zh": "课程中的例子：上一层输出 100×100×128，要用 5×5 卷积（步长 1、填充 2，不计偏置）得到 256 张特征图。"
              "直接做时，每个 5×5 卷积核都要读全部 128 个通道；先用 1×1 卷积降到少数几个通道，5×5 卷积核就只需读这几个通道。",
    },
    "archpage.reduce.slider": {"en": "Channels after the 1×1 reduction", "zh": "1×1 降维后的通道数"},
    "archpage.reduce.m_direct": {"en": "Direct {k} conv", "zh": "直接 {k} 卷积"},
    "archpage.reduce.m_reduced": {"en": "1×1 then {k}", "zh": "先 1×1 再 {k}"},
    "archpage.reduce.m_ratio": {"en": "Fewer weights", "zh": "权重减少为"},
    "archpage.reduce.ratio_value": {"en": "{ratio:.1f}× fewer", "zh": "约 1/{ratio:.1f}"},
    "archpage.reduce.macs": {
        "en": "On the 100×100 map that is {direct} against {reduced} multiply-adds.",
        "zh": "在 100×100 的特征图上，乘加次数分别为 {direct} 和 {reduced}。",
    },
    "archpage.reduce.other_r": {
        "en": "The course uses 32 channels (4,096 + 204,800 = 208,896 weights). With {r} channels the 1×1 "
              "layer has {reduce} weights and the 5×5 layer {conv}: {total} in all.",
        "zh": "课程中用的是 32 个通道（4,096 + 204,800 = 208,896 个权重）。取 {r} 个通道时，1×1 层有 {reduce} 个权重，"
              "5×5 层有 {conv} 个，共 {total} 个。",
    },
    "archpage.reduce.bar_direct": {"en": "{k} directly", "zh": "直接 {k}"},
    "archpage.reduce.bar_reduced": {"en": "1×1 ({r}) then {k}", "zh": "先 1×1（{r}）再 {k}"},
    "archpage.reduce.bar_slides": {"en": "The slides' sum", "zh": "课件中的算式"},
    "archpage.reduce.part_direct": {"en": "{k} weights", "zh": "{k} 权重"},
    "archpage.reduce.part_1x1": {"en": "1×1 weights", "zh": "1×1 权重"},
    "archpage.reduce.part_conv": {"en": "{k} weights after the reduction", "zh": "降维后的 {k} 权重"},
    "archpage.reduce.part_slides": {"en": "printed on the slides", "zh": "课件所写"},
    "archpage.reduce.axis": {"en": "Weights (biases left out)", "zh": "权重个数（不计偏置）"},
    "archpage.reduce.sum_label": {"en": "{a} + {b} = {total}", "zh": "{a} + {b} = {total}"},
    "archpage.reduce.slides_label": {"en": "misses the 1×1 layer's {missing}", "zh": "漏掉了 1×1 层的 {missing}"},
    "archpage.reduce.module": {
        "en": "In GoogLeNet's module 3a the reductions give **{with_params}** parameters and {with_c} output "
              "channels; the same branches without them need **{without_params}** parameters and give "
              "{without_c} channels.",
        "zh": "在 GoogLeNet 的 3a 模块中，带 1×1 降维时共 **{with_params}** 个参数、输出 {with_c} 个通道；"
              "去掉降维的相同分支需要 **{without_params}** 个参数，输出 {without_c} 个通道。",
    },
    # --- export -------------------------------------------------------------------------------
    "archpage.export_header": {"en": "Export", "zh": "导出"},
    "archpage.export_intro": {
        "en": "The same network as PyTorch code (an nn.Sequential), as Keras code, and the summary as a CSV "
              "table. The code gives the same shapes and parameter counts as the table above.",
        "zh": ("把同一个网络导出为 PyTorch 代码（`nn.Sequential`）和 Keras 代"
               "码，并把汇总表导出为 CSV。代码得到的形状和参数量与上面的表格一致。"),
    },
    "archpage.tab.torch": {"en": "PyTorch", "zh": "PyTorch"},
    "archpage.tab.keras": {"en": "Keras", "zh": "Keras"},
    "archpage.tab.csv": {"en": "CSV table", "zh": "CSV 表格"},
    "archpage.download.torch": {"en": "Download the PyTorch code", "zh": "下载 PyTorch 代码"},
    "archpage.download.keras": {"en": "Download the Keras code", "zh": "下载 Keras 代码"},
    "archpage.download.csv": {"en": "Download the table as CSV", "zh": "下载 CSV 表格"},
    "archpage.export_invalid": {
        "en": "Code needs a network that works: {reason}. Fix: {fix}.",
        "zh": "只有能正常计算的网络才能导出代码：{reason}。修改建议：{fix}。",
    },
    "archpage.export_unsupported": {
        "en": "Not available for this network: {reason}. Fix: {fix}.",
        "zh": "此网络无法导出：{reason}。修改建议：{fix}。",
    },
}
