"""Messages of the training library (cnnviz.train): run settings, data sets, lessons, augmentation.

Raised as :class:`cnnviz.errors.CnnvizError`; the Training Lab's own texts are in training.py.
"""

STRINGS = {
    # TrainConfig.validate and the trainer
    "train.choice": {
        "en": "{name} must be one of {allowed}, got {value}",
        "zh": "`{name}` 必须是 {allowed} 之一，实际是 {value}",
    },
    "train.int_range": {
        "en": "{name} must be an integer from {low} to {high}, got {value}",
        "zh": "`{name}` 必须是 {low} 到 {high} 之间的整数，实际是 {value}",
    },
    "train.odd_kernel": {
        "en": "kernel_size must be odd (so 'same' padding keeps the size), got {value}",
        "zh": "卷积核大小（`kernel_size`）必须是奇数（这样 `'same'` 填充才能保持尺寸），实际是 {value}",
    },
    "train.lr": {
        "en": "learning rate must be a positive number, got {value}",
        "zh": "学习率必须是正数，实际是 {value}",
    },
    "train.weight_decay": {
        "en": "weight_decay must be ≥ 0, got {value}",
        "zh": "权重衰减（`weight_decay`）必须 ≥ 0，实际是 {value}",
    },
    "train.dropout": {
        "en": "dropout must be a probability in [0, 1), got {value}",
        "zh": "丢弃概率（`dropout`）必须在 [0, 1) 之间，实际是 {value}",
    },
    "train.flag": {
        "en": "{name} must be True or False, got {value}",
        "zh": "`{name}` 必须是 `True` 或 `False`，实际是 {value}",
    },
    "train.residual_depth": {
        "en": "a residual stack pairs its layers into blocks: depth must be even, got {depth}",
        "zh": "残差网络把层两两组成残差块：层数（`depth`）必须是偶数，实际是 {depth}",
    },
    "train.lenet_input": {
        "en": "lenet5 expects 1×28×28 inputs, got {shape}: use the small CNN",
        "zh": "`lenet5` 需要 1×28×28 的输入，实际是 {shape}：请改用小型 CNN",
    },
    "train.val_size": {
        "en": "val_size {val_size} must be smaller than the {train} training images",
        "zh": "验证集大小（`val_size`）{val_size} 必须小于训练图像数 {train}",
    },
    # lessons: running in chunks, statistics, probe images
    "train.max_seconds": {
        "en": "max_seconds must be a finite number ≥ 0 or None, got {value}",
        "zh": "`max_seconds` 必须是 ≥ 0 的有限数或 `None`，实际是 {value}",
    },
    "train.max_steps": {
        "en": "max_steps must be an integer ≥ 1, got {value}",
        "zh": "`max_steps` 必须是 ≥ 1 的整数，实际是 {value}",
    },
    "train.no_trainers": {
        "en": "trainers is empty: pass at least one Trainer",
        "zh": "`trainers` 为空：请至少传入一个 `Trainer`",
    },
    "train.probe_image": {
        "en": "image must have shape (1, C, H, W) or (C, H, W), got {shape}",
        "zh": "`image` 的形状必须是 (1, C, H, W) 或 (C, H, W)，实际是 {shape}",
    },
    "train.no_label": {
        "en": "no sample has label {label}",
        "zh": "没有标签为 {label} 的样本",
    },
    "train.occurrence": {
        "en": "occurrence must lie in [0, {last}] for label {label}, got {value}",
        "zh": "对标签 {label}，`occurrence` 必须在 [0, {last}] 之间，实际是 {value}",
    },
    # data sets
    "train.float_dtype": {
        "en": "dtype must be a floating type such as float32 or float64, got {dtype}",
        "zh": "`dtype` 必须是浮点类型，例如 `float32` 或 `float64`，实际是 {dtype}",
    },
    "train.scale_first": {
        "en": "x must be a float array scaled to [0, 1], got dtype {dtype}: divide by 255 first",
        "zh": "x 必须是缩放到 [0, 1] 的浮点数组，实际类型为 {dtype}：请先除以 255",
    },
    "train.images_n": {
        "en": "n (number of images) must be an integer >= 1, got {value}",
        "zh": "图像数 n 必须是 ≥ 1 的整数，实际是 {value}",
    },
    "train.image_size": {
        "en": "size must be an integer from 8 to 64 pixels, got {value}",
        "zh": "图像边长（`size`）必须是 8 到 64 像素之间的整数，实际是 {value}",
    },
    "train.rng": {
        "en": "rng must be a numpy.random.Generator, e.g. numpy.random.default_rng(0)",
        "zh": "`rng` 必须是 `numpy.random.Generator`，例如 `numpy.random.default_rng(0)`",
    },
    "train.noise": {
        "en": "noise (standard deviation) must lie in [0, 0.5], got {value}",
        "zh": "噪声标准差（`noise`）必须在 [0, 0.5] 之间，实际是 {value}",
    },
    "train.shape_classes": {
        "en": "classes must be at least two distinct names from {allowed}, got {value}",
        "zh": "`classes` 必须是 {allowed} 中至少两个不同的名称，实际是 {value}",
    },
    "train.xy_length": {
        "en": "x and y must have the same length, got {n} and {m}",
        "zh": "x 和 y 的长度必须相同，实际是 {n} 和 {m}",
    },
    "train.batch_size": {
        "en": "batch_size must be an integer >= 1, got {value}",
        "zh": "批量大小（`batch_size`）必须是 ≥ 1 的整数，实际是 {value}",
    },
    "train.shuffle_rng": {
        "en": "shuffle=True needs rng, a numpy.random.Generator (or pass shuffle=False)",
        "zh": "`shuffle=True` 需要 `rng`（一个 `numpy.random.Generator`），或者传入 `shuffle=False`",
    },
    # augmentation
    "train.batch_shape": {
        "en": "x must have shape (N, C, H, W), got {shape}",
        "zh": "x 的形状必须是 (N, C, H, W)，实际是 {shape}",
    },
    "train.max_shift": {
        "en": "max_shift must be an integer ≥ 0, got {value}",
        "zh": "最大平移量（`max_shift`）必须是 ≥ 0 的整数，实际是 {value}",
    },
    "train.max_degrees": {
        "en": "max_degrees must lie in [0, 180], got {value}",
        "zh": "最大旋转角（`max_degrees`）必须在 [0, 180] 之间，实际是 {value}",
    },
}
