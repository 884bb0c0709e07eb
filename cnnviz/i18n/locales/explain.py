"""Messages of the explanation library (cnnviz.explain): saliency, occlusion, Grad-CAM, units of a layer."""

STRINGS = {
    "explain.model_empty": {
        "en": "model must be a non-empty cnnviz Sequential",
        "zh": "模型必须是非空的 cnnviz `Sequential`",
    },
    "explain.not_sequential": {
        "en": "model must be a cnnviz Sequential, got {got}",
        "zh": "模型必须是 cnnviz 的 `Sequential`，实际是 {got}",
    },
    "explain.one_input": {
        "en": "x must be one input of shape (1, C, H, W), got {got}",
        "zh": "x 必须是形状为 (1, C, H, W) 的单个输入，实际是 {got}",
    },
    "explain.target": {
        "en": "target class must lie in [0, {classes}), got {target}",
        "zh": "目标类别必须在 [0, {classes}) 之间，实际是 {target}",
    },
    "explain.score": {
        "en": "score must be 'logit' or 'prob', got {value}",
        "zh": "`score` 必须是 `'logit'` 或 `'prob'`，实际是 {value}",
    },
    "explain.samples": {
        "en": "samples must be ≥ 1, got {value}",
        "zh": "采样次数（`samples`）必须 ≥ 1，实际是 {value}",
    },
    "explain.patch": {
        "en": "patch must lie in [1, {high}], got {value}",
        "zh": "遮挡块大小（`patch`）必须在 [1, {high}] 之间，实际是 {value}",
    },
    "explain.stride": {
        "en": "stride must be ≥ 1, got {value}",
        "zh": "步长（`stride`）必须 ≥ 1，实际是 {value}",
    },
    "explain.gradcam_conv": {
        "en": "Grad-CAM needs a network with a convolution layer",
        "zh": "Grad-CAM 需要含有卷积层的网络",
    },
    "explain.layer_index": {
        "en": "layer_index must lie in [0, {n}), got {value}",
        "zh": "层序号（`layer_index`）必须在 [0, {n}) 之间，实际是 {value}",
    },
    "explain.unit": {
        "en": "unit must lie in [0, {n}) for layer {layer}, got {value}",
        "zh": "对第 {layer} 层，单元序号（`unit`）必须在 [0, {n}) 之间，实际是 {value}",
    },
    "explain.flat_shape": {
        "en": "flat_shape (C, h, w) of the Flatten layer's input is needed for a flat unit",
        "zh": "展平后的单元需要 `Flatten` 层输入的形状 `flat_shape` (C, h, w)",
    },
    "explain.contribution_lengths": {
        "en": "weight_row and inputs must have the same non-zero length, got {n} and {m}",
        "zh": "`weight_row` 和 `inputs` 的长度必须相同且不为零，实际是 {n} 和 {m}",
    },
    "explain.rank_shapes": {
        "en": "a and b must have the same shape with at least 2 values, got {a} and {b}",
        "zh": "a 和 b 的形状必须相同且至少有 2 个值，实际是 {a} 和 {b}",
    },
    "explain.rank_finite": {
        "en": "a and b must be finite (no NaN or infinity)",
        "zh": "a 和 b 必须是有限数（不能有 NaN 或无穷大）",
    },
}
