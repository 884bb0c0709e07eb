"""Strings of the Training page (pages/training.py, ui/training_state.py, cnnviz/train/lessons.py,
cnnviz/figures/training.py)."""

STRINGS = {
    # --- page ----------------------------------------------------------------------------------
    "training.title": {"en": "Training lab", "zh": "训练实验室"},
    "training.intro": {
        "en": "Train a convolutional network right here, in NumPy, and watch it learn: the loss and accuracy "
              "curves, the first layer's filters, the feature maps of one digit, the weights and gradients of "
              "every layer and, after each epoch, the confusion matrix and the digits it still gets wrong.",
        "zh": ("就在这里用 NumPy 训练一个卷积网络，看着它学习：损失和准确率曲线、第一层的卷积核、某个"
               "数字的特征图、每一层的权重与梯度，以及每轮结束后的混淆矩阵和仍被认错的数字。"),
    },
    "training.lessons_header": {"en": "Lessons", "zh": "课堂实验"},
    "training.lessons_hint": {
        "en": "One click sets all the options and starts training.",
        "zh": "点一下即可设置全部选项并开始训练。",
    },
    "training.lesson_active": {"en": "Lesson · {title}", "zh": "实验 · {title}"},
    "training.compare_note": {
        "en": "Solid: {run}. Dashed: {compare}, trained side by side on the same batches.",
        "zh": "实线：{run}；虚线：{compare}，两者用相同的小批量并排训练。",
    },
    # lessons
    "training.lesson.overfitting": {"en": "Overfitting", "zh": "过拟合"},
    "training.lesson.overfitting.sentence": {
        "en": "Only 200 training images and no weight decay: the training loss falls to almost zero and training "
              "accuracy reaches 100 %, while the held-out loss turns upwards after about ten epochs and held-out "
              "accuracy stalls near 80 % — the network memorises the training images instead of generalising.",
        "zh": "只用 200 张训练图像、不加权重衰减：训练损失几乎降到 0，训练准确率达到 100%；而测试集损失大约在第十轮后"
              "开始回升，测试集准确率停在 80% 左右——网络在死记训练图像，而不是学会泛化。",
    },
    "training.lesson.weight_decay": {"en": "Weight decay λ", "zh": "权重衰减 λ"},
    "training.lesson.weight_decay.sentence": {
        "en": "The same 200 images with L2 weight decay λ = 0.003 (solid) next to λ = 0 (dashed): the penalty "
              "λ‖w‖² keeps the weights smaller (compare the weight histograms) and the held-out loss climbs less, "
              "at the same accuracy. The effect is modest with Adam, whose per-weight step sizes partly undo the "
              "penalty (PyTorch's AdamW decouples it for this reason); a large λ such as 0.03 costs accuracy.",
        "zh": "同样的 200 张图像，加 L2 权重衰减 λ = 0.003（实线）与 λ = 0（虚线）对比：惩罚项 λ‖w‖² 让权重保持较小"
              "（看权重直方图），测试集损失回升得更少，准确率不变。在 Adam 下效果有限：它按每个权重调整步长，"
              "部分抵消了惩罚项（PyTorch 的 AdamW 因此把权重衰减分离出来）；λ 取 0.03 这样的大值反而会降低准确率。",
    },
    "training.lesson.weight_decay.run": {"en": "λ = 0.03", "zh": "λ = 0.03"},
    "training.lesson.weight_decay.compare": {"en": "λ = 0", "zh": "λ = 0"},
    "training.lesson.underfitting": {"en": "Underfitting", "zh": "欠拟合"},
    "training.lesson.underfitting.sentence": {
        "en": "A tiny CNN with a single 3×3 filter (1,980 parameters, solid) next to LeNet-5 (61,706 parameters, "
              "dashed): its training and held-out accuracy stay together and level off near 90 % — the model is "
              "too small to fit even its training images, while LeNet-5 keeps improving.",
        "zh": "只有一个 3×3 卷积核的微型 CNN（1,980 个参数，实线）与 LeNet-5（61,706 个参数，虚线）对比：微型网络的"
              "训练准确率和测试集准确率始终贴在一起，停在 90% 左右——模型太小，连训练图像都拟合不了；而 LeNet-5 "
              "还在继续进步。",
    },
    "training.lesson.underfitting.run": {"en": "tiny CNN", "zh": "微型 CNN"},
    "training.lesson.underfitting.compare": {"en": "LeNet-5", "zh": "LeNet-5"},
    "training.lesson.vanishing": {"en": "Vanishing gradients", "zh": "梯度消失"},
    "training.lesson.vanishing.sentence": {
        "en": "LeNet-5 with sigmoid activations and plain SGD (solid) stays at chance, 10 %, while the same network "
              "with ReLU (dashed) learns: every sigmoid multiplies the gradient by at most 0.25, so the first "
              "layer's gradient ends up about 100× smaller than the last layer's — see the gradient-size chart.",
        "zh": "使用 sigmoid 激活和普通 SGD 的 LeNet-5（实线）准确率一直停在随机猜测的 10%，而换成 ReLU 的同一网络"
              "（虚线）能学会：每经过一个 sigmoid，梯度至多乘以 0.25，于是第一层的梯度比最后一层小约 100 倍——"
              "请看“各层梯度大小”图。",
    },
    "training.lesson.vanishing.run": {"en": "sigmoid + SGD", "zh": "sigmoid + SGD"},
    "training.lesson.vanishing.compare": {"en": "ReLU + SGD", "zh": "ReLU + SGD"},
    "training.lesson.edges": {"en": "Edge detectors", "zh": "边缘检测器"},
    "training.lesson.edges.sentence": {
        "en": "A one-block CNN with eight 5×5 filters learns to tell synthetic strokes and shapes apart, with a "
              "little weight decay (λ = 0.03) that wipes out the random starting pattern: watch the first-layer "
              "filters turn from noise into oriented edge and stroke detectors.",
        "zh": "一个只有一组卷积、八个 5×5 卷积核的 CNN 学习区分合成的笔画和形状，并加了少量权重衰减（λ = 0.03）"
              "来抹去随机的初始图案：看第一层的卷积核如何从噪声变成不同方向的边缘和笔画检测器。",
    },
    "training.lesson.degradation": {"en": "Plain vs residual", "zh": "普通 vs 残差"},
    "training.lesson.degradation.sentence": {
        "en": "Twelve 3×3 convolution layers stacked one after another (PyTorch's default initialisation), "
              "trained side by side with the same twelve layers paired into residual blocks, whose skip "
              "connections add each block's input to its output. Same data, same starting weights.",
        "zh": "十二个 3×3 卷积层直接一层接一层堆叠（PyTorch 默认初始化），与同样十二层两两组成残差块的网络并排训练："
              "残差块的跳跃连接把块的输入加到输出上。数据相同，初始权重也相同。",
    },
    "training.lesson.degradation.run": {"en": "plain stack", "zh": "普通堆叠"},
    "training.lesson.degradation.compare": {"en": "residual", "zh": "残差"},
    "training.lesson.degradation.after": {
        "en": "What you saw: the plain stack stays at chance (about 10 %) — even on the images it trains on, so "
              "this is not overfitting — while the residual network passes 85 %. The gradient chart shows why: "
              "in the plain stack the first layers get gradients about 10,000× smaller than the last ones, so "
              "they hardly move; the skip connections carry the gradient back unchanged, so every layer of the "
              "residual network gets one of similar size.",
        "zh": "你看到的：普通堆叠一直停在随机水平（约 10 %）——连它训练用的图像都学不会，所以这不是过拟合——"
              "而残差网络超过了 85 %。梯度图说明了原因：普通堆叠前几层的梯度比最后几层小约一万倍，几乎不更新；"
              "跳跃连接把梯度原样传回，残差网络的每一层都得到大小相近的梯度。",
    },
    "training.lesson.batchnorm": {"en": "Batch normalisation", "zh": "批归一化"},
    "training.lesson.batchnorm.sentence": {
        "en": "A three-block CNN trained for two epochs with plain SGD at a high learning rate (0.5), once with "
              "batch normalisation after every convolution and once without. Same data, same starting weights.",
        "zh": "一个三组卷积的 CNN 用普通 SGD 以很高的学习率（0.5）训练两轮：一次在每个卷积后加批归一化，一次不加。"
              "数据相同，初始权重也相同。",
    },
    "training.lesson.batchnorm.run": {"en": "with BatchNorm", "zh": "有批归一化"},
    "training.lesson.batchnorm.compare": {"en": "without", "zh": "无批归一化"},
    "training.lesson.batchnorm.after": {
        "en": "What you saw: with batch normalisation the network passes 85 % on held-out digits within two "
              "epochs; without it the same learning rate makes the updates overshoot and accuracy stays near "
              "chance (about 10 %). Batch norm rescales every channel to mean 0 and variance 1 in each batch, so "
              "every layer's input keeps the same scale however big the steps are, and a large learning rate "
              "becomes usable.",
        "zh": "你看到的：有批归一化的网络两轮之内在测试集上超过 85 %；没有它时，同样的学习率让每次更新都“冲过头”，"
              "准确率停在随机水平附近（约 10 %）。批归一化在每个批次里把每个通道重新缩放到均值 0、方差 1，"
              "无论步子多大，每层输入的尺度都保持不变，于是大学习率也能用了。",
    },
    "training.lesson.dropout": {"en": "Dropout", "zh": "Dropout"},
    "training.lesson.dropout.sentence": {
        "en": "LeNet-5 on only 200 training images (Adam, 25 epochs) — a recipe for overfitting — with 500 "
              "validation images carved from the training pool and never trained on; once with dropout p = 0.25 "
              "before every fully connected layer and once without.",
        "zh": "LeNet-5 只用 200 张训练图像（Adam，25 轮）——典型的过拟合配方——并从训练数据中划出 500 张从不参与训练的"
              "验证图像；一次在每个全连接层前加 p = 0.25 的 Dropout，一次不加。",
    },
    "training.lesson.dropout.run": {"en": "dropout 0.25", "zh": "Dropout 0.25"},
    "training.lesson.dropout.compare": {"en": "no dropout", "zh": "无 Dropout"},
    "training.lesson.dropout.after": {
        "en": "What you saw: without dropout the training accuracy reaches 100 % while the validation loss, after "
              "falling to about 0.8, climbs back to about 1.2 — the network memorises its 200 images. With dropout "
              "(each step trains a random thinned network) the validation loss keeps falling and ends near 0.66, "
              "and the validation accuracy a few points higher. For evaluation dropout is switched off (eval "
              "mode); the training-time scaling by 1/(1 − p) means nothing needs rescaling.",
        "zh": "你看到的：不加 Dropout 时训练准确率达到 100 %，验证损失先降到约 0.8，又回升到约 1.2——网络记住了它的 200 张"
              "图像。加了 Dropout（每一步训练的都是随机“变瘦”的网络），验证损失持续下降，最终约 0.66，验证准确率也高出"
              "几个百分点。评估时 Dropout 关闭（评估模式，`eval()`）；训练时已按 1/(1 − p) 放大，所以不需要再缩放。",
    },
    "training.lesson.augmentation": {"en": "Data augmentation", "zh": "数据增强"},
    "training.lesson.augmentation.sentence": {
        "en": "The same 200-image LeNet-5 run with 500 validation images carved from the training pool; once every "
              "training batch is randomly shifted (up to 2 pixels) and rotated (up to 12°) — the strip below shows "
              "such versions of one image. No flips: a mirrored 2 or 7 is not a digit.",
        "zh": "同样是 200 张图像的 LeNet-5 实验，并从训练数据中划出 500 张验证图像；其中一次把每个训练批次随机平移"
              "（最多 2 像素）并旋转（最多 12°）——下面一排就是同一张图像的这类变体。不做翻转：镜像的 2 或 7 不是数字。",
    },
    "training.lesson.augmentation.run": {"en": "augmented", "zh": "数据增强"},
    "training.lesson.augmentation.compare": {"en": "not augmented", "zh": "无增强"},
    "training.lesson.augmentation.after": {
        "en": "What you saw: the augmented run never sees exactly the same image twice, so it cannot simply "
              "memorise them: its validation loss keeps falling (to about 0.46) instead of climbing back to about "
              "1.2, and its validation and held-out accuracy end several points higher (held-out about 89 % "
              "against 83 %). Shifted and slightly rotated digits are still the same digits: the network learns "
              "that they are.",
        "zh": "你看到的：增强后的训练从不两次看到完全相同的图像，没法简单地记住它们：验证损失持续下降（到约 0.46），"
              "而不是回升到约 1.2；验证和测试准确率最终高出好几个百分点（测试集约 89 % 对 83 %）。平移和轻微旋转后的"
              "数字仍是同一个数字：网络学会了这一点。",
    },
    "training.lesson_after": {"en": "After the run", "zh": "实验结束后"},
    "training.augment_strip": {
        "en": "Random augmented versions of one training image (what the network sees instead of the original)",
        "zh": "同一张训练图像的随机增强版本（网络看到的是它们，而不是原图）",
    },
    "training.opt.model.deep": {"en": "Deep stack", "zh": "深层堆叠"},
    "training.opt.regularise": {"en": "Regularisation and validation", "zh": "正则化与验证"},
    "training.opt.depth": {"en": "Conv layers in the stack", "zh": "堆叠的卷积层数"},
    "training.opt.residual": {"en": "Residual connections (skips)", "zh": "残差连接（跳跃连接）"},
    "training.opt.batchnorm": {"en": "Batch normalisation", "zh": "批归一化"},
    "training.opt.dropout": {"en": "Dropout p", "zh": "Dropout 概率 p"},
    "training.opt.augment": {"en": "Augment: random shifts and rotations", "zh": "数据增强：随机平移和旋转"},
    "training.opt.val_size": {"en": "Validation images (from the training pool)", "zh": "验证图像（从训练数据中划出）"},
    "training.model_deep": {
        "en": "deep stack of {depth} 3×3 conv layers{residual}, {filters} channels, {activation}",
        "zh": "{depth} 个 3×3 卷积层的深层堆叠{residual}，{filters} 个通道，{activation}",
    },
    "training.model_deep_residual": {"en": " in residual blocks", "zh": "（残差块）"},
    "training.metric_val_acc": {"en": "Validation accuracy", "zh": "验证准确率"},
    "training.fig.val": {"en": "validation", "zh": "验证集"},
    "training.fig.original": {"en": "original", "zh": "原图"},
    # controls and status
    "training.start": {"en": "Start", "zh": "开始"},
    "training.resume": {"en": "Resume", "zh": "继续"},
    "training.pause": {"en": "Pause", "zh": "暂停"},
    "training.step": {"en": "Step one batch", "zh": "单步训练"},
    "training.reset": {"en": "Reset", "zh": "重置"},
    "training.summary": {
        "en": "{model} · {params} parameters · {optimizer}, η = {lr}, λ = {wd} · batch {batch} · "
              "{batches} batches per epoch · {images} training images",
        "zh": "{model} · {params} 个参数 · {optimizer}，η = {lr}，λ = {wd} · 批大小 {batch} · "
              "每轮 {batches} 个批次 · {images} 张训练图像",
    },
    "training.model_lenet5": {"en": "LeNet-5 ({activation}, {pooling} pooling)", "zh": "LeNet-5（{activation}，{pooling}池化）"},
    "training.model_small": {
        "en": "small CNN ({blocks} × conv {k}×{k}, {filters} filters, {activation}, {pooling} pooling)",
        "zh": "小型 CNN（{blocks} 组 {k}×{k} 卷积，{filters} 个卷积核，{activation}，{pooling}池化）",
    },
    "training.status_ready": {"en": "Ready — press Start.", "zh": "准备就绪——请点“开始”。"},
    "training.status_running": {"en": "Training…", "zh": "正在训练…"},
    "training.status_paused": {"en": "Paused.", "zh": "已暂停。"},
    "training.status_done": {
        "en": "Finished: held-out accuracy {acc}.",
        "zh": "训练完成：测试集准确率 {acc}。",
    },
    "training.status_loaded": {
        "en": "Loaded from {name}. Start continues training from these weights.",
        "zh": "已从 {name} 载入。点“开始”会从这些权重继续训练。",
    },
    "training.progress": {
        "en": "Epoch {epoch} of {epochs} · step {step} of {total}",
        "zh": "第 {epoch}/{epochs} 轮 · 第 {step}/{total} 步",
    },
    "training.progress_speed": {"en": "{speed} images/s", "zh": "每秒 {speed} 张图像"},
    "training.progress_eta": {"en": "{eta} left", "zh": "剩余 {eta}"},
    "training.options_stale": {
        "en": "The options changed. The current run keeps its own settings; press Reset to start a new run "
              "with the new ones.",
        "zh": "选项已更改。当前这次训练仍使用原来的设置；点“重置”即可用新选项重新开始。",
    },
    "training.options_locked": {"en": "Pause to change the options.", "zh": "暂停后才能更改选项。"},
    "training.status_waiting": {
        "en": "Waiting for a free core: other students are training on this server (place {position} in the "
              "queue). Your training continues by itself; every page still answers meanwhile.",
        "zh": "正在等待空闲的处理器核心：本服务器上其他同学也在训练（排队第 {position} 位）。训练会自动继续，其间其他页面照常可用。",
    },
    "training.chunk_stats": {
        "en": "Last chunk: {steps} steps in {seconds} s · charts refresh {rate} times per second",
        "zh": "上一段：{seconds} 秒内 {steps} 步 · 图表每秒刷新 {rate} 次",
    },
    "training.diverged_nan": {
        "en": "Training stopped at step {step}: the loss or a gradient became NaN or infinite. The learning rate "
              "η = {lr} is probably too high: lower it (e.g. to {lower}) and press Reset. The weights of the last "
              "good step are kept.",
        "zh": "训练在第 {step} 步停止：损失或梯度变成了 NaN 或无穷大。学习率 η = {lr} 多半太大：请调低（例如 "
              "{lower}）后点“重置”。已保留最后一个正常步骤的权重。",
    },
    "training.stalled_sigmoid_sgd": {
        "en": "The network is not learning: it does no better than guessing (loss {chance}, accuracy {guess}). "
              "Sigmoid with plain SGD passes back tiny gradients (at most 0.25 per layer), so the early layers barely "
              "move. Switch the activation to ReLU or the optimizer to Adam.",
        "zh": "网络没有在学习：它并不比随机猜测好（损失 {chance}，准确率 {guess}）。sigmoid 配合普通 SGD 时回传的梯度很小"
              "（每层最多 0.25），前面的层几乎不动。请把激活函数换成 ReLU，或把优化器换成 Adam。",
    },
    "training.stalled_batch": {
        "en": "The network is not learning: it does no better than guessing (loss {chance}, accuracy {guess}). "
              "A batch of {batch} gives noisy gradients, and with learning rate η = {lr} each step overshoots. "
              "Use a batch of 32 or more, or lower η (e.g. to {lower}).",
        "zh": "网络没有在学习：它并不比随机猜测好（损失 {chance}，准确率 {guess}）。批大小 {batch} 的梯度噪声大，"
              "学习率 η = {lr} 时每一步都迈过了头。请用 32 或更大的批大小，或调低 η（例如 {lower}）。",
    },
    "training.stalled_lr_high": {
        "en": "The network is not learning: it does no better than guessing (loss {chance}, accuracy {guess}). "
              "The learning rate η = {lr} is probably too high: each step jumps past the minimum. Lower it "
              "(e.g. to {lower}) and press Reset.",
        "zh": "网络没有在学习：它并不比随机猜测好（损失 {chance}，准确率 {guess}）。学习率 η = {lr} 多半太大："
              "每一步都跳过了最低点。请调低（例如 {lower}）并按“重置”。",
    },
    "training.stalled_lr_low": {
        "en": "The network is barely learning: it still does no better than guessing (loss {chance}, accuracy "
              "{guess}). The learning rate η = {lr} is very small: raise it (e.g. to {higher}) or train for more "
              "epochs.",
        "zh": "网络几乎没有在学习：它仍然并不比随机猜测好（损失 {chance}，准确率 {guess}）。学习率 η = {lr} 很小："
              "请调高（例如 {higher}），或训练更多轮。",
    },
    "training.stalled_few_steps": {
        "en": "The network has not learned yet: after only {steps} steps it does no better than guessing (loss "
              "{chance}, accuracy {guess}). Train on more images or for more epochs.",
        "zh": "网络还没有学到东西：只训练了 {steps} 步，它并不比随机猜测好（损失 {chance}，准确率 {guess}）。"
              "请用更多图像，或训练更多轮。",
    },
    "training.stalled_other": {
        "en": "The network is not learning: it does no better than guessing (loss {chance}, accuracy {guess}). "
              "Try the default settings (ReLU, Adam, η = 0.002, batch 64) and change one thing at a time.",
        "zh": "网络没有在学习：它并不比随机猜测好（损失 {chance}，准确率 {guess}）。请先用默认设置（ReLU、Adam、"
              "η = 0.002、批大小 64），再一次只改一项。",
    },
    "training.diverged_small_batch": {
        "en": " A batch of {batch} also makes every step noisy: a batch of 32 or more steadies it.",
        "zh": "批大小 {batch} 也让每一步的噪声很大：用 32 或更大的批大小会更稳。",
    },
    "training.diverged_exploded": {
        "en": "Training stopped at step {step}: the loss exploded to {loss} (guessing gives 2.3). The learning "
              "rate η = {lr} is too high: lower it (e.g. to {lower}) and press Reset. The weights of the last good "
              "step are kept.",
        "zh": "训练在第 {step} 步停止：损失暴涨到 {loss}（随机猜测约为 2.3）。学习率 η = {lr} 太大：请调低（例如 "
              "{lower}）后点“重置”。已保留最后一个正常步骤的权重。",
    },
    # metrics
    "training.metric_test_acc": {"en": "Held-out accuracy", "zh": "测试集准确率"},
    "training.metric_train_acc": {"en": "Training accuracy", "zh": "训练准确率"},
    "training.metric_test_loss": {"en": "Held-out loss", "zh": "测试集损失"},
    "training.metric_batch_loss": {"en": "Batch loss", "zh": "批次损失"},
    "training.metric_gap": {"en": "Gap", "zh": "差距"},
    "training.metric_gap_help": {
        "en": ("Training accuracy minus held-out accuracy, in percentage points, both measured the same way: "
               "with the weights at the end of the latest epoch, on as many training images as there are "
               "held-out images. A large gap means overfitting."),
        "zh": ("训练准确率减去测试集准确率（百分点），两者测法相同：都用最近一轮结束时的权重，"
               "在与测试集同样数量的训练图像上测得。差距大说明过拟合。"),
    },
    "training.metric_epoch": {"en": "Epoch", "zh": "轮次"},
    # sections
    "training.section_curves": {"en": "Learning curves", "zh": "学习曲线"},
    "training.section_inside": {"en": "Inside the network", "zh": "网络内部"},
    "training.section_weights": {"en": "Weights and gradients", "zh": "权重与梯度"},
    "training.section_epoch": {"en": "After epoch {epoch}", "zh": "第 {epoch} 轮之后"},
    "training.section_loaded_eval": {"en": "The loaded model on the held-out images", "zh": "载入的模型在测试集上的表现"},
    "training.epoch_wait": {
        "en": "The confusion matrix and the misclassified images appear after the first epoch.",
        "zh": "第一轮结束后，这里会显示混淆矩阵和被认错的图像。",
    },
    "training.probe_label": {"en": "Image to look at (first held-out example of)", "zh": "要观察的图像（测试集中该类的第一张）"},
    "training.filters_caption": {
        "en": "Blue is negative, orange positive, white zero; they start as random noise.",
        "zh": "蓝色为负、橙色为正、白色为零；一开始它们只是随机噪声。",
    },
    "training.probe_caption": {
        "en": "Each map is scaled to its own range.",
        "zh": "每张特征图按各自的取值范围着色。",
    },
    # options
    "training.options_header": {"en": "Training options", "zh": "训练选项"},
    "training.opt.network": {"en": "Network", "zh": "网络"},
    "training.opt.data_optim": {"en": "Data and optimisation", "zh": "数据与优化"},
    "training.opt.model": {"en": "Model", "zh": "模型"},
    "training.opt.model.lenet5": {"en": "LeNet-5", "zh": "LeNet-5"},
    "training.opt.model.small": {"en": "Small CNN", "zh": "小型 CNN"},
    "training.opt.activation": {"en": "Activation", "zh": "激活函数"},
    "training.opt.activation.relu": {"en": "ReLU", "zh": "ReLU"},
    "training.opt.activation.sigmoid": {"en": "sigmoid", "zh": "sigmoid"},
    "training.opt.activation.tanh": {"en": "tanh", "zh": "tanh"},
    "training.opt.pooling": {"en": "Pooling", "zh": "池化"},
    "training.opt.pooling.max": {"en": "max", "zh": "最大"},
    "training.opt.pooling.avg": {"en": "average", "zh": "平均"},
    "training.opt.conv_blocks": {"en": "Conv blocks (conv → activation → pool)", "zh": "卷积组数（卷积 → 激活 → 池化）"},
    "training.opt.filters": {"en": "Filters in the first block (doubling per block)", "zh": "第一组的卷积核个数（每组翻倍）"},
    "training.opt.kernel_size": {"en": "Kernel size", "zh": "卷积核大小"},
    "training.opt.dataset": {"en": "Dataset", "zh": "数据集"},
    "training.opt.dataset.mnist": {"en": "MNIST digits", "zh": "MNIST 手写数字"},
    "training.opt.dataset.shapes": {"en": "Strokes and shapes", "zh": "笔画与形状"},
    "training.opt.dataset_help": {
        "en": "MNIST: 4,000 training and 1,000 held-out handwritten digits. Strokes and shapes: 2,100 + 700 "
              "synthetic images of lines, crosses and circles, on which first-layer filters become edge detectors.",
        "zh": "MNIST：4,000 张训练、1,000 张测试用的手写数字。笔画与形状：2,100 + 700 张合成的线条、十字和圆圈图像，"
              "在它上面第一层卷积核会变成边缘检测器。",
    },
    "training.opt.train_size": {"en": "Training images", "zh": "训练图像数"},
    "training.opt.train_size_all": {"en": "all ({n})", "zh": "全部（{n}）"},
    "training.opt.optimizer": {"en": "Optimizer", "zh": "优化器"},
    "training.opt.optimizer.sgd": {"en": "SGD", "zh": "SGD"},
    "training.opt.optimizer.momentum": {"en": "SGD + momentum", "zh": "SGD + 动量"},
    "training.opt.optimizer.adam": {"en": "Adam", "zh": "Adam"},
    "training.opt.momentum": {"en": "Momentum β", "zh": "动量系数 β"},
    "training.opt.lr": {"en": "Learning rate η", "zh": "学习率 η"},
    "training.opt.weight_decay": {"en": "L2 weight decay λ", "zh": "L2 权重衰减 λ"},
    "training.opt.weight_decay_help": {
        "en": "Adds λ·w to every weight's gradient, i.e. the penalty (λ/2)‖w‖² to the loss.",
        "zh": "给每个权重的梯度加上 λ·w，即在损失中加入惩罚项 (λ/2)‖w‖²。",
    },
    "training.opt.batch_size": {"en": "Batch size", "zh": "批大小"},
    "training.opt.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "training.opt.seed": {"en": "Random seed", "zh": "随机种子"},
    "training.opt.seed_help": {
        "en": "The same seed gives the same initial weights, batches and results.",
        "zh": "相同的种子给出相同的初始权重、批次顺序和结果。",
    },
    # save and load
    "training.save_header": {"en": "Save and load the model", "zh": "保存与载入模型"},
    "training.save_button": {"en": "Download the model (.npz)", "zh": "下载模型（.npz）"},
    "training.save_paused_only": {"en": "Pause training to download the model.", "zh": "暂停训练后才能下载模型。"},
    "training.save_nothing": {
        "en": "Train at least one step (or load a model) to download it.",
        "zh": "至少训练一步（或载入一个模型）后才能下载。",
    },
    "training.load_label": {"en": "Load a saved model (.npz)", "zh": "载入已保存的模型（.npz）"},
    "training.load_failed": {
        "en": "Could not load “{name}”: {reason} The current model is unchanged.",
        "zh": "无法载入“{name}”：{reason}当前模型保持不变。",
    },
    "training.load_err_empty": {"en": "the file is empty.", "zh": "文件是空的。"},
    "training.load_err_too_big": {
        "en": "the file is {size_mb} MB, more than the {limit_mb} MB a model file can be.",
        "zh": "文件大小为 {size_mb} MB，超过了模型文件 {limit_mb} MB 的上限。",
    },
    "training.load_err_not_npz": {
        "en": "it is not a NumPy .npz archive. Choose a file saved with “Download the model”.",
        "zh": "它不是 NumPy 的 .npz 压缩包。请选择用“下载模型”保存的文件。",
    },
    "training.load_err_corrupt": {
        "en": "the archive is damaged (an entry cannot be read). Download the model again.",
        "zh": "压缩包已损坏（有条目无法读取）。请重新下载模型。",
    },
    "training.load_err_no_header": {
        "en": "this .npz has no cnnviz model header. Choose a file saved with “Download the model”.",
        "zh": "这个 .npz 文件没有 cnnviz 模型头信息。请选择用“下载模型”保存的文件。",
    },
    "training.load_err_version": {
        "en": "it has format version {version}, this app reads version {supported}.",
        "zh": "它的格式版本为 {version}，本应用只能读取版本 {supported}。",
    },
    "training.load_err_mismatch": {
        "en": "its weights do not fit the network its settings describe ({detail}).",
        "zh": "其中的权重与它的设置所描述的网络不相符（{detail}）。",
    },
    "training.load_err_settings": {
        "en": "its settings do not go together ({reason}).",
        "zh": "其中的设置不能同时使用（{reason}）。",
    },
    "training.load_err_too_many_entries": {
        "en": "the archive holds {count} entries; a model file has at most {limit}.",
        "zh": "压缩包里有 {count} 个条目；模型文件最多只有 {limit} 个。",
    },
    "training.load_err_unpacks_too_big": {
        "en": "unpacked, it would take {size_mb} MB; a model file unpacks to at most {limit_mb} MB. "
              "Nothing was unpacked.",
        "zh": "解压后它会占用 {size_mb} MB；模型文件解压后最多 {limit_mb} MB。没有解压任何内容。",
    },
    "training.load_err_dtype": {
        "en": "the entry “{name}” holds {dtype} values, not numbers.",
        "zh": "条目“{name}”存放的是 {dtype} 类型的值，不是数。",
    },
    "training.load_err_setting": {
        "en": "the setting “{name}” has the unusable value “{value}”.",
        "zh": "设置“{name}”的值“{value}”无法使用。",
    },
    "training.load_err_out_of_range": {
        "en": "the setting “{name}” is {value}; the Training Lab allows {low} to {high}.",
        "zh": "设置“{name}”为 {value}；训练实验室允许的范围是 {low} 到 {high}。",
    },
    "training.load_err_weights": {
        "en": "the weights “{name}” are not finite or larger than {limit} in size; a trained network's are far smaller.",
        "zh": "权重“{name}”不是有限数，或绝对值大于 {limit}；训练好的网络的权重要小得多。",
    },
    "training.load_err_not_finite": {
        "en": "the network gives infinite or undefined (NaN) outputs on a test image.",
        "zh": "这个网络在测试图像上给出无穷大或未定义（NaN）的输出。",
    },
    "training.shared_note": {
        "en": "The page “Inside a trained CNN” looks at the model trained or loaded here.",
        "zh": "“训练好的 CNN 内部”页面会使用在这里训练或载入的模型。",
    },
    # figures
    "training.fig.batch": {"en": "training (each batch)", "zh": "训练（每个批次）"},
    "training.fig.train": {"en": "training (epoch mean)", "zh": "训练（每轮平均）"},
    "training.fig.test": {"en": "held-out", "zh": "测试集"},
    "training.fig.epoch": {"en": "epoch", "zh": "轮次"},
    "training.fig.loss_title": {"en": "Loss", "zh": "损失"},
    "training.fig.accuracy_title": {"en": "Accuracy", "zh": "准确率"},
    "training.fig.loss_axis": {"en": "cross-entropy", "zh": "交叉熵"},
    "training.fig.accuracy_axis": {"en": "accuracy (%)", "zh": "准确率（%）"},
    "training.fig.no_steps": {"en": "Press Start to train", "zh": "点“开始”进行训练"},
    "training.fig.filters_title": {"en": "First-layer filters: {count} × {kh}×{kw}", "zh": "第一层卷积核：{count} 个 {kh}×{kw}"},
    "training.fig.first_n": {"en": "(first {n})", "zh": "（前 {n} 个）"},
    "training.fig.probe_input": {"en": "Input<br>{label}", "zh": "输入<br>{label}"},
    "training.fig.probe_stage": {
        "en": "{name} + {activation}<br>{count} maps {h}×{w}",
        "zh": "{name} + {activation}<br>{count} 张 {h}×{w} 特征图",
    },
    "training.fig.probe_right": {"en": "Output<br>{label} ({p} %) ✓", "zh": "输出<br>{label}（{p}%）✓"},
    "training.fig.probe_wrong": {"en": "Output<br>{label} ({p} %) ✗", "zh": "输出<br>{label}（{p}%）✗"},
    "training.fig.weights": {"en": "weights", "zh": "权重"},
    "training.fig.gradients": {"en": "gradients", "zh": "梯度"},
    "training.fig.no_gradient": {"en": "no gradient yet", "zh": "尚无梯度"},
    "training.fig.hist_title": {
        "en": "Histograms of each layer's weights and of its latest gradient",
        "zh": "各层权重及其最近一次梯度的直方图",
    },
    "training.fig.grad_scale_title": {
        "en": "Gradient size per layer<br>(RMS, log scale)",
        "zh": "各层梯度大小<br>（均方根，对数坐标）",
    },
    "training.fig.confusion_title": {"en": "Confusion matrix (held-out images)", "zh": "混淆矩阵（测试集）"},
    "training.fig.confusion_hover": {"en": "true %{y}, predicted %{x}: %{text}", "zh": "真实 %{y}，预测 %{x}：%{text}"},
    "training.fig.predicted": {"en": "predicted", "zh": "预测类别"},
    "training.fig.true": {"en": "true", "zh": "真实类别"},
    "training.fig.misclassified_title": {
        "en": "Misclassified held-out images (first {shown}): true → predicted",
        "zh": "被认错的测试集图像（前 {shown} 张）：真实 → 预测",
    },
    "training.fig.no_mistakes": {"en": "No mistakes on the held-out images.", "zh": "测试集图像全部识别正确。"},
}
