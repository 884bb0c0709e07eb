"""Strings of the page "Inside a trained CNN" (pages/inside.py) and its figures (cnnviz/figures/inside.py)."""

STRINGS = {
    "inside.title": {"en": "Inside a trained CNN", "zh": "训练好的 CNN 内部"},
    "inside.intro": {
        "en": "A LeNet-5 trained on MNIST digits, opened up. Give it a digit, watch every layer transform it, "
              "pick any unit to see exactly how its value was computed, ask *why* the network decided as it did, "
              "and let gradient ascent draw what a filter or a class is looking for.",
        "zh": "把一个在 MNIST 手写数字上训练好的 LeNet-5 拆开来看。给它一个数字，观察每一层如何变换它；"
              "任选一个单元，看它的值究竟是怎么算出来的；追问网络*为什么*这样判断；"
              "再用梯度上升画出某个滤波器或某个类别“想看到”的图像。",
    },
    # the model
    "inside.model_label": {"en": "Model", "zh": "模型"},
    "inside.model.pretrained": {"en": "Pretrained LeNet-5 (ships with the app)", "zh": "预训练 LeNet-5（随应用提供）"},
    "inside.model.trained": {"en": "My model from the Training page", "zh": "我在“训练”页面训练的模型"},
    "inside.model.uploaded": {"en": "Uploaded file “{name}”", "zh": "上传的文件“{name}”"},
    "inside.model_hint": {
        "en": "Train a network on the Training page and it appears here as a choice.",
        "zh": "在“训练”页面训练一个网络后，它会作为一个选项出现在这里。",
    },
    "inside.model_file": {"en": "Load a model file (.npz)", "zh": "载入模型文件（.npz）"},
    "inside.model_file_help": {
        "en": "A model saved with “Download the model” on the Training page (an MNIST model with 1×28×28 inputs "
              "and 10 classes).",
        "zh": "在“训练”页面用“下载模型”保存的文件（输入为 1×28×28、共 10 个类别的 MNIST 模型）。",
    },
    "inside.model_load_failed": {
        "en": "Could not load “{name}”: {reason} The page keeps using: {current}.",
        "zh": "无法载入“{name}”：{reason}本页继续使用：{current}。",
    },
    "inside.err_not_digits": {
        "en": "this model was trained on strokes and shapes, not on digits; this page needs an MNIST model.",
        "zh": "这个模型是在笔画与形状数据上训练的，不是手写数字；本页需要 MNIST 模型。",
    },
    "inside.err_no_pretrained": {
        "en": "The pretrained model cnnviz/assets/lenet5_mnist.npz is missing or damaged. Recreate it with "
              "`python assets/make_pretrained.py`, or train a model on the Training page.",
        "zh": ("预训练模型 `cnnviz/assets/lenet5_mnist.npz` 缺失或已损坏。请运行 `py"
               "thon assets/make_pretrained.py` 重新生成，或在“训练”页面训"
               "练一个模型。"),
    },
    # the input
    "inside.input_header": {"en": "1 · The input", "zh": "1 · 输入"},
    "inside.source": {"en": "Input", "zh": "输入来源"},
    "inside.source.mnist": {"en": "A held-out MNIST digit", "zh": "测试集中的 MNIST 数字"},
    "inside.source.draw": {"en": "Draw a digit", "zh": "手写一个数字"},
    "inside.source.upload": {"en": "Upload an image", "zh": "上传图像"},
    "inside.digit": {"en": "Digit", "zh": "数字"},
    "inside.sample": {"en": "Which example", "zh": "第几个样本"},
    "inside.sample_help": {
        "en": "The held-out set has {n} examples of this digit; the network never saw them in training.",
        "zh": "测试集中这个数字共有 {n} 个样本；网络在训练中从未见过它们。",
    },
    "inside.mnist_note": {
        "en": "Held-out image #{index}, true label {label}. MNIST digits are already prepared: centred by mass "
              "in 28×28, white ink on black.",
        "zh": "测试集第 {index} 张图像，真实标签为 {label}。MNIST 数字已经预处理过：按质心居中放在 28×28 中，"
              "黑底白字。",
    },
    "inside.draw_hint": {
        "en": "Draw one digit with the mouse or a finger, large and centred, like on paper. Use the toolbar above "
              "the canvas to undo or clear. The drawing is prepared the way MNIST digits were, and the network "
              "sees only the 28×28 result.",
        "zh": "用鼠标或手指写一个数字，写大一些、居中，就像在纸上写那样。画布上方的工具栏可以撤销或清空。"
              "画好的图会按 MNIST 的方式预处理，网络只看到最后那张 28×28 的图。",
    },
    "inside.image_file": {"en": "Upload a photo or scan of one digit", "zh": "上传一张单个数字的照片或扫描图"},
    "inside.image_file_help": {
        "en": "PNG, JPEG, BMP, GIF, WebP or TIFF. Dark ink on light paper or light ink on dark both work.",
        "zh": "支持 PNG、JPEG、BMP、GIF、WebP、TIFF。浅底深色字迹或深底浅色字迹都可以。",
    },
    "inside.upload_prompt": {
        "en": "Choose an image file above to see what the network makes of it.",
        "zh": "请在上方选择一个图像文件，看看网络如何识别它。",
    },
    "inside.err_upload_blank": {
        "en": "No digit found: the image is blank or almost uniform. Choose a photo with a clearly visible digit.",
        "zh": "没有找到数字：这张图像是空白的或几乎没有明暗变化。请选择一张数字清晰可见的照片。",
    },
    "inside.prep_header": {"en": "Preparing the digit like MNIST", "zh": "像 MNIST 一样预处理数字"},
    "inside.prep_text": {
        "en": "The background was already dark, so nothing was inverted. The ink is cropped to its bounding box, "
              "scaled so its longer side is 20 pixels (keeping the aspect ratio), and pasted into a 28×28 black "
              "image so that its **centre of mass** (×) falls on the centre (+) — exactly how the MNIST digits "
              "were made. A digit drawn small or in a corner would otherwise look nothing like the training data.",
        "zh": "背景本来就是深色，所以没有反相。接着把笔迹裁剪到外接框，按比例缩放使长边为 20 像素，"
              "再贴到一张 28×28 的黑色图像里，使笔迹的**质心**（×）落在中心（+）——MNIST 数字正是这样制作的。"
              "否则，写得很小或写在角落里的数字和训练数据看起来完全不同。",
    },
    "inside.prep_text_inverted": {
        "en": "The background was light, so the image was **inverted**: MNIST digits are white ink on black. "
              "The ink is then cropped to its bounding box, scaled so its longer side is 20 pixels (keeping the "
              "aspect ratio), and pasted into a 28×28 black image so that its **centre of mass** (×) falls on "
              "the centre (+) — exactly how the MNIST digits were made.",
        "zh": "背景是浅色的，所以先把图像**反相**：MNIST 数字是黑底白字。然后把笔迹裁剪到外接框，"
              "按比例缩放使长边为 20 像素，再贴到一张 28×28 的黑色图像里，使笔迹的**质心**（×）落在中心（+）"
              "——MNIST 数字正是这样制作的。",
    },
    # the prediction
    "inside.prediction_header": {"en": "2 · The prediction", "zh": "2 · 预测结果"},
    "inside.prediction": {"en": "Prediction", "zh": "预测"},
    "inside.prediction_help": {
        "en": "The class with the largest softmax probability.",
        "zh": "softmax 概率最大的类别。",
    },
    "inside.confidence": {"en": "with probability **{p}%**", "zh": "概率为 **{p}%**"},
    "inside.correct": {"en": "✓ correct (true label {label})", "zh": "✓ 正确（真实标签 {label}）"},
    "inside.wrong": {"en": "✗ wrong: the true label is {label}", "zh": "✗ 错误：真实标签是 {label}"},
    # the forward pass
    "inside.forward_header": {"en": "3 · The forward pass, layer by layer", "zh": "3 · 前向传播：逐层查看"},
    "inside.forward_text": {
        "en": "Every column below is one layer's output for this input: convolution layers produce a stack of "
              "feature maps, pooling halves their size, flatten lines them up into one vector, and the fully "
              "connected layers end in 10 scores (logits), one per digit. Greys: values ≥ 0 (darker = larger); "
              "blue–orange: signed values around 0. Pick a layer to see it in detail.",
        "zh": "下面每一列是某一层对这个输入的输出：卷积层产生一叠特征图，池化把尺寸减半，展平把它们排成一个向量，"
              "全连接层最后给出 10 个分数（logits），每个数字一个。灰色：值 ≥ 0（越深越大）；"
              "蓝—橙：以 0 为中心的有正负的值。选择一层查看细节。",
    },
    "inside.layer": {"en": "Layer", "zh": "层"},
    "inside.desc.conv": {
        "en": "convolution {cin}→{cout} channels, kernel {k}, stride {s}, padding {p}",
        "zh": "卷积 {cin}→{cout} 通道，卷积核 {k}，步长 {s}，填充 {p}",
    },
    "inside.desc.maxpool": {"en": "max pooling {k}, stride {s}", "zh": "最大池化 {k}，步长 {s}"},
    "inside.desc.avgpool": {"en": "average pooling {k}, stride {s}", "zh": "平均池化 {k}，步长 {s}"},
    "inside.desc.act": {"en": "{name}, element by element", "zh": "{name}，逐元素"},
    "inside.desc.flatten": {"en": "flatten into {n} numbers", "zh": "展平为 {n} 个数"},
    "inside.desc.linear": {"en": "fully connected {n_in}→{n_out}", "zh": "全连接 {n_in}→{n_out}"},
    "inside.channel": {"en": "Feature map (channel)", "zh": "特征图（通道）"},
    "inside.row": {"en": "Row", "zh": "行"},
    "inside.col": {"en": "Column", "zh": "列"},
    "inside.unit": {"en": "Unit", "zh": "单元"},
    "inside.view": {"en": "Show", "zh": "显示"},
    "inside.view.maps": {"en": "all outputs of {name}", "zh": "{name} 的全部输出"},
    "inside.view.unit": {"en": "the chosen unit: receptive field and computation", "zh": "所选单元：感受野与计算过程"},
    "inside.filters_all": {
        "en": "The {n} learned filters ({k}) of this layer. Each slides over the input; where the image looks "
            "like the filter (orange on ink, blue off it), its feature map lights up.",
        "zh": "这一层学到的 {n} 个滤波器（{k}）。每个滤波器在输入上滑动；图像与滤波器相似的地方"
              "（橙色处有笔迹、蓝色处没有），对应的特征图就会变亮。",
    },
    "inside.filters_one": {
        "en": "Filter {k} has one {size} slice per input map ({cin} slices): its output adds up all of them. "
              "Change the feature map slider to see another filter.",
        "zh": "第 {k} 个滤波器对每张输入特征图各有一个 {size} 的切片（共 {cin} 个）：它的输出是这些切片结果之和。"
              "拖动“特征图”滑块可查看其他滤波器。",
    },
    "inside.filter_title": {"en": "Filter {k}", "zh": "滤波器 {k}"},
    "inside.filter_slice": {"en": "Filter {k} · input {c}", "zh": "滤波器 {k} · 输入 {c}"},
    "inside.maps_text": {
        "en": "The {n} feature maps of {name} (one colour range for all, so their strengths compare).",
        "zh": "{name} 的 {n} 张特征图（共用一个颜色范围，便于比较强弱）。",
    },
    "inside.map_title": {"en": "Map {k}", "zh": "特征图 {k}"},
    "inside.flatten_text": {
        "en": "Flatten lines the {shape} maps up into one vector of {n} numbers, map after map ({per} numbers "
              "each; alternating greys mark the maps). No information is lost, but the spatial layout is: from "
              "here on every unit sees the whole image.",
        "zh": "展平把 {shape} 的特征图一张接一张排成一个含 {n} 个数的向量（每张 {per} 个数，深浅交替的灰色标出每张图）。"
              "信息没有丢失，但空间结构没有了：从这里开始，每个单元都能看到整张图像。",
    },
    "inside.vector_title": {"en": "{name}: {n} activations", "zh": "{name}：{n} 个激活值"},
    "inside.logits_title": {"en": "Output scores (logits), one per digit", "zh": "输出分数（logits），每个数字一个"},
    "inside.softmax_text": {
        "en": "Softmax turns the scores into probabilities that add up to 1:",
        "zh": "softmax 把这些分数变成总和为 1 的概率：",
    },
    "inside.unit_value": {
        "en": "Unit **{name}**, map {k}, position ({r}, {c}) has the value **{v}**.",
        "zh": "单元 **{name}**，特征图 {k}，位置 ({r}, {c}) 的值为 **{v}**。",
    },
    "inside.unit_value_flat": {
        "en": "Unit **{name}[{i}]** has the value **{v}**.",
        "zh": "单元 **{name}[{i}]** 的值为 **{v}**。",
    },
    "inside.unit_map_title": {"en": "{name} · map {k}", "zh": "{name} · 特征图 {k}"},
    "inside.rf_box": {
        "en": "Its **receptive field** is input rows {r0}–{r1} and columns {c0}–{c1} ({h}×{w} pixels; parts "
              "outside 0–27 are zero padding): no other input pixel can change this value.",
        "zh": "它的**感受野**是输入的第 {r0}–{r1} 行、第 {c0}–{c1} 列（{h}×{w} 像素；超出 0–27 的部分是零填充）："
              "其他输入像素都不会影响这个值。",
    },
    "inside.rf_all": {
        "en": "A fully connected unit is connected to every value of the layer before: its **receptive field** is "
              "the whole 28×28 input.",
        "zh": "全连接单元与前一层的每个值都相连：它的**感受野**是整张 28×28 输入。",
    },
    "inside.rf_title": {"en": "Receptive field on the input", "zh": "在输入上的感受野"},
    "inside.computation_header": {"en": "How this value was computed", "zh": "这个值是怎么算出来的"},
    "inside.conv_note": {
        "en": "{taps} products over {channels} input channel(s), summed, plus the bias. The numbers are the "
              "actual inputs and weights.",
        "zh": "{channels} 个输入通道上共 {taps} 个乘积求和，再加上偏置。图中数字就是实际的输入与权重。",
    },
    "inside.conv_first_channels": {
        "en": "Showing the first {shown} of {total} input channels; the sum below uses all of them.",
        "zh": "这里只画出 {total} 个输入通道中的前 {shown} 个；下面的求和用到了全部通道。",
    },
    "inside.pool_input": {"en": "{name} · map {k} with the window", "zh": "{name} · 特征图 {k} 与池化窗口"},
    "inside.pool_window": {"en": "Window (max outlined)", "zh": "窗口（最大值已框出）"},
    "inside.act_note": {
        "en": "An activation works on each value of {name} separately: same position, no weights.",
        "zh": "激活函数对 {name} 的每个值分别作用：位置不变，没有权重。",
    },
    "inside.linear_text": {
        "en": "A fully connected unit multiplies each of its {n} inputs by a weight and adds them up. The {k} "
              "largest terms w·a (orange pushes the value up, blue down):",
        "zh": "全连接单元把 {n} 个输入各乘以一个权重再相加。下面是绝对值最大的 {k} 项 w·a"
              "（橙色使值增大，蓝色使值减小）：",
    },
    "inside.logit_note": {
        "en": "This is the score of digit {c}; after softmax its probability is {p}%.",
        "zh": "这是数字 {c} 的分数；经过 softmax 后它的概率是 {p}%。",
    },
    # explanations
    "inside.explain_header": {"en": "4 · Why this answer? Explanations", "zh": "4 · 为什么是这个答案？可解释性方法"},
    "inside.explain_text": {
        "en": "Four ways to ask which pixels mattered for a class score. They do not always agree, and each "
              "answers a slightly different question.",
        "zh": "四种方法，回答“哪些像素对某个类别的分数重要”。它们并不总是一致，各自回答的问题也略有不同。",
    },
    "inside.target": {"en": "Explain the class", "zh": "解释的类别"},
    "inside.target_pred": {"en": "the prediction ({c})", "zh": "预测类别（{c}）"},
    "inside.target_class": {"en": "digit {c}", "zh": "数字 {c}"},
    "inside.patch": {"en": "Occlusion patch (pixels)", "zh": "遮挡块大小（像素）"},
    "inside.patch_help": {
        "en": "Side of the grey square slid over the input.",
        "zh": "在输入上滑动的遮挡方块的边长。",
    },
    "inside.stride": {"en": "Occlusion stride", "zh": "遮挡步长"},
    "inside.stride_help": {
        "en": "How far the patch moves each time (at most the patch size, so every pixel gets covered).",
        "zh": "遮挡块每次移动的距离（不超过遮挡块大小，保证每个像素都会被遮住）。",
    },
    "inside.samples": {"en": "SmoothGrad samples", "zh": "SmoothGrad 采样数"},
    "inside.noise": {"en": "SmoothGrad noise (fraction of range)", "zh": "SmoothGrad 噪声（占取值范围的比例）"},
    "inside.sanity": {"en": "Sanity check: randomise the weights", "zh": "合理性检验：随机化权重"},
    "inside.sanity_help": {
        "en": "Adds a row computed with a copy of the network whose weights are re-drawn at random. An "
              "explanation that hardly changes is explaining the image, not the model.",
        "zh": "增加一行：用权重被重新随机初始化的网络副本来计算。几乎不变的解释说明的是图像本身，而不是模型。",
    },
    "inside.random_from": {"en": "Randomise", "zh": "随机化范围"},
    "inside.random_all": {"en": "all layers", "zh": "所有层"},
    "inside.random_from_layer": {"en": "from {name} up to the output", "zh": "从 {name} 到输出层"},
    "inside.explain_for": {
        "en": "Explaining **digit {c}** (the network gives it {p}%). The orange line is the digit's outline.",
        "zh": "正在解释 **数字 {c}**（网络给出的概率为 {p}%）。橙色线是数字的轮廓。",
    },
    "inside.row_trained": {"en": "Trained network", "zh": "训练好的网络"},
    "inside.row_random": {"en": "Random weights", "zh": "随机权重"},
    "inside.method": {"en": "Look closer at", "zh": "详细查看"},
    "inside.method.saliency": {"en": "Gradient saliency", "zh": "梯度显著图"},
    "inside.method.smoothgrad": {"en": "SmoothGrad", "zh": "SmoothGrad"},
    "inside.skip.header": {"en": "Skip connections: what passes through, what each block adds",
                           "zh": "跳跃连接：直接传过去的，和每个块加上的"},
    "inside.skip.skip": {"en": "through the skip (input)", "zh": "经跳跃连接（输入）"},
    "inside.skip.body": {"en": "added by the block's body", "zh": "块的主体加上的"},
    "inside.skip.axis": {"en": "RMS for this image", "zh": "本图像的均方根"},
    "inside.skip.caption": {
        "en": "Each residual block outputs input + body(input). When the orange bar is much shorter than the green "
              "one, the block only makes a small correction and mostly passes its input on — which is also the "
              "path the gradient takes back, unchanged.",
        "zh": "每个残差块输出 输入 + 主体(输入)。橙色柱比绿色柱短得多时，这个块只做了小的修正，主要是把输入传下去——"
              "梯度也沿这条路原样传回。",
    },
    "inside.method.guided": {"en": "Guided backprop", "zh": "导向反向传播"},
    "inside.what.guided": {
        "en": "the gradient again, but every ReLU passes back only positive signals: sharp, stroke-like maps. "
              "Adebayo et al. (2018) found they hardly change when the weights are randomised — check it with "
              "the sanity test.",
        "zh": "还是梯度，但每个 ReLU 只把正的信号往回传：图像清晰、像笔画。Adebayo 等人（2018）发现权重随机化后它几乎"
              "不变——用合理性检验试试看。",
    },
    "inside.guided_note": {
        "en": "Saliency (left) passes every gradient back through the ReLUs; guided backpropagation (right) also "
              "drops the negative ones, so only what raises the score through active units is left.",
        "zh": "显著图（左）让所有梯度穿过 ReLU 往回传；导向反向传播（右）还去掉了负的梯度，只留下经由激活单元提高分数的部分。",
    },
    "inside.method.occlusion": {"en": "Occlusion", "zh": "遮挡敏感度"},
    "inside.method.gradcam": {"en": "Grad-CAM", "zh": "Grad-CAM"},
    "inside.what.saliency": {
        "en": "|∂score/∂pixel|: which pixels would change the score most if nudged; noisy, and it shows "
              "sensitivity, not evidence.",
        "zh": "|∂分数/∂像素|：哪些像素被轻微改变时分数变化最大；噪声多，而且反映的是敏感度而不是证据。",
    },
    "inside.what.smoothgrad": {
        "en": "the gradient averaged over noisy copies of the input: less speckle than plain saliency, but "
              "the noise level is a knob that changes the picture.",
        "zh": "在加噪声的多个输入副本上平均梯度：比普通显著图的斑点少，但噪声大小是一个会改变结果的参数。",
    },
    "inside.what.occlusion": {
        "en": "how much the class probability drops when a patch is blacked out: easy to read and model-agnostic, "
              "but coarse, slow, and dependent on patch size and fill value.",
        "zh": "遮住一块区域后该类别的概率下降多少：直观、不依赖模型结构，但分辨率粗、计算慢，"
              "而且结果取决于遮挡块大小和填充值。",
    },
    "inside.what.gradcam": {
        "en": "the last convolution layer's maps weighted by their average gradient: class-specific, but only "
              "as sharp as that layer (here 10×10, upsampled).",
        "zh": "用平均梯度对最后一个卷积层的特征图加权：能区分类别，但清晰度受限于该层（这里是 10×10，再上采样）。",
    },
    "inside.sanity_pred": {
        "en": "With random weights the network predicts {c} ({p}%) — it no longer knows anything. Similarity "
              "ρ (Spearman's rank correlation) between each map and its random-weight version:",
        "zh": "权重随机化后，网络预测为 {c}（{p}%）——它已经什么都不“懂”了。每种解释与其随机权重版本之间的相似度 ρ"
              "（斯皮尔曼等级相关系数）：",
    },
    "inside.sanity_changed": {
        "en": "{name}: ρ = {rho} — it changed, so it depends on what the network learned. ✓",
        "zh": "{name}：ρ = {rho}——它变了，说明它依赖于网络学到的东西。✓",
    },
    "inside.sanity_same": {
        "en": "{name}: ρ = {rho} — it barely changed: much of it comes from the input itself, not from the "
              "trained weights. ⚠",
        "zh": "{name}：ρ = {rho}——几乎没变：它的大部分来自输入本身，而不是训练得到的权重。⚠",
    },
    "inside.sanity_note": {
        "en": "The model-parameter randomisation test of Adebayo et al. (2018): a trustworthy explanation must "
              "change when the model it explains is destroyed.",
        "zh": "这是 Adebayo 等人（2018）提出的模型参数随机化检验：一个可信的解释，在被解释的模型被破坏后必须随之改变。",
    },
    "inside.gradient_signed": {"en": "Gradient ∂score/∂x (signed)", "zh": "梯度 ∂分数/∂x（带符号）"},
    "inside.drops_title": {
        "en": "Probability drop for each patch position ({n}×{m})",
        "zh": "每个遮挡位置造成的概率下降（{n}×{m}）",
    },
    "inside.occlusion_note": {
        "en": "{n} copies of the input, each with one {patch}×{patch} patch set to 0 (stride {stride}), run "
              "through the network in one batch. The largest drop: the patch at input row {r}, column {c}.",
        "zh": "把输入复制 {n} 份，每份把一个 {patch}×{patch} 的块置为 0（步长 {stride}），作为一个批次送入网络。"
              "下降最多的是输入第 {r} 行、第 {c} 列处的遮挡块。",
    },
    "inside.alpha_title": {
        "en": "Grad-CAM weights α_k of the {name} maps",
        "zh": "{name} 各特征图的 Grad-CAM 权重 α_k",
    },
    "inside.coarse_title": {
        "en": "ReLU(Σ α_k A^k) before upsampling",
        "zh": "上采样之前的 ReLU(Σ α_k A^k)",
    },
    "inside.limits.guided": {
        "en": "Limits: dropping the negative gradients makes the map look clean, but it then depends little on the "
              "higher layers: it often looks the same for every class and even for random weights (compare in "
              "the sanity check).",
        "zh": "局限：去掉负梯度让图看起来很干净，但它因此很少依赖高层：对不同类别、甚至对随机权重，它常常看起来都一样"
              "（在合理性检验里对比）。",
    },
    "inside.limits.saliency": {
        "en": "Limits: the gradient is local — it says how the score reacts to a tiny change, not what the "
              "network used. Saturated units (ReLU off) give zero gradient even for important pixels.",
        "zh": "局限：梯度是局部的——它只说明分数对微小变化的反应，而不是网络用了什么。"
              "饱和的单元（ReLU 关闭）即使对应重要像素，梯度也为零。",
    },
    "inside.limits.smoothgrad": {
        "en": "Limits: averaging removes speckle, but the result depends on the noise level and the number of "
              "samples; it is still a sensitivity map.",
        "zh": "局限：平均可以去掉斑点，但结果取决于噪声大小和采样数；它本质上仍然是敏感度图。",
    },
    "inside.limits.occlusion": {
        "en": "Limits: a black patch on a black background changes nothing, so occlusion only sees the ink; a "
              "patch larger than a stroke hides several features at once.",
        "zh": "局限：在黑色背景上放黑色遮挡块什么也不会改变，所以遮挡法只能看到笔迹；"
              "比笔画还大的遮挡块会一次遮住好几个特征。",
    },
    "inside.limits.gradcam": {
        "en": "Limits: the map is as coarse as the chosen layer, and ReLU hides the evidence *against* the class.",
        "zh": "局限：热力图的分辨率受所选层限制，而且 ReLU 会把*反对*该类别的证据去掉。",
    },
    # activation maximisation
    "inside.am_header": {"en": "5 · What does a filter want to see?", "zh": "5 · 滤波器“想看到”什么？"},
    "inside.am_text": {
        "en": "Start from a grey image with a little noise and repeatedly change it in the direction that "
              "increases one unit's activation (gradient ascent on the input, in NumPy). Press ▶ to watch the "
              "image evolve; the curve shows the activation climbing.",
        "zh": "从一张带少量噪声的灰色图像开始，不断沿着使某个单元激活值增大的方向修改它"
              "（对输入做梯度上升，用 NumPy 实现）。按 ▶ 观看图像的演变；右边的曲线显示激活值不断上升。",
    },
    "inside.am_layer": {"en": "Maximise", "zh": "最大化的对象"},
    "inside.am_classes": {"en": "a class score ({name})", "zh": "某个类别的分数（{name}）"},
    "inside.am_class": {"en": "Digit", "zh": "数字"},
    "inside.am_filter": {"en": "Filter / unit", "zh": "滤波器 / 单元"},
    "inside.am_steps": {"en": "Gradient steps", "zh": "梯度步数"},
    "inside.am_title_class": {"en": "The input that most excites digit {c}", "zh": "最能激发数字 {c} 的输入"},
    "inside.am_title_filter": {"en": "The input that most excites {name}, filter {k}",
                               "zh": "最能激发 {name} 第 {k} 个滤波器的输入"},
    "inside.am_result": {
        "en": "The activation rose from {first} to {last} in {steps} steps.",
        "zh": "激活值在 {steps} 步内从 {first} 上升到 {last}。",
    },
    "inside.am_note": {
        "en": "Each step: x ← clip(x + η·g/rms(g) − λ·x, 0, 1), with a light blur every few steps to keep the "
              "image smooth. Class images rarely look like clean digits: the network only needs the strokes "
              "that separate the classes.",
        "zh": ("每一步：x ← 截断到[0, 1](x + η·g/均方根(g) − λ·x)，每隔几步做一"
               "次轻微模糊，让图像保持平滑。类别的最大激活图像很少像干净的数字：网络只需要那些能区分各类别的"
               "笔画。"),
    },
    # figures
    "inside.fig.prep_grey": {"en": "1 · greyscale", "zh": "1 · 灰度"},
    "inside.fig.prep_ink": {"en": "2 · ink, box", "zh": "2 · 笔迹与外接框"},
    "inside.fig.prep_ink_inverted": {"en": "2 · inverted, box", "zh": "2 · 反相与外接框"},
    "inside.fig.prep_bbox": {"en": "rows {rows}, cols {cols}", "zh": "行 {rows}，列 {cols}"},
    "inside.fig.prep_crop": {"en": "3 · cropped", "zh": "3 · 裁剪"},
    "inside.fig.prep_scaled": {"en": "4 · scaled to 20", "zh": "4 · 缩放到 20"},
    "inside.fig.prep_centered": {"en": "5 · centred in 28×28", "zh": "5 · 在 28×28 中居中"},
    "inside.fig.prep_com": {"en": "mass at ({r}, {c})", "zh": "质心 ({r}, {c})"},
    "inside.fig.prep_mass": {"en": "centre of mass", "zh": "质心"},
    "inside.fig.prep_centre": {"en": "image centre", "zh": "图像中心"},
    "inside.fig.class": {"en": "digit", "zh": "数字"},
    "inside.fig.probability": {"en": "probability", "zh": "概率"},
    "inside.fig.prob_hover": {"en": "digit %{x}: %{y:.2%}", "zh": "数字 %{x}：%{y:.2%}"},
    "inside.fig.input": {"en": "Input", "zh": "输入"},
    "inside.fig.index": {"en": "index", "zh": "序号"},
    "inside.fig.patch": {"en": "Input patch", "zh": "输入块"},
    "inside.fig.kernel": {"en": "Kernel", "zh": "卷积核"},
    "inside.fig.products": {"en": "Products", "zh": "乘积"},
    "inside.fig.channel_sum": {"en": "in {c}: Σ = {s}", "zh": "输入 {c}：Σ = {s}"},
    "inside.fig.term": {"en": "a[{i}]", "zh": "a[{i}]"},
    "inside.fig.contribution": {"en": "term w·a", "zh": "乘积项 w·a"},
    "inside.fig.am_image": {"en": "synthesised input", "zh": "合成的输入"},
    "inside.fig.am_step": {"en": "step", "zh": "步数"},
    "inside.fig.am_activation": {"en": "activation", "zh": "激活值"},
    "inside.fig.am_hover": {"en": "step %{x}: %{y:.4g}", "zh": "第 %{x} 步：%{y:.4g}"},
    "inside.fig.am_step_prefix": {"en": "Step ", "zh": "步数 "},
}
