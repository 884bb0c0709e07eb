"""Messages of the core operations (cnnviz.nn.functional): malformed arrays and arguments.

Hyper-parameter rules (sizes, strides, padding, groups) are in shapes.py; these are the array checks.
"""

STRINGS = {
    "nn.not_array": {
        "en": "{name} must be a NumPy array of shape {what}, got {got}",
        "zh": "{name} 必须是形状为 {what} 的 NumPy 数组，实际是 {got}",
    },
    "nn.ndim": {
        "en": "{name} must have {ndim} dimensions {what}, got shape {shape}",
        "zh": "{name} 必须是 {ndim} 维数组 {what}，实际形状为 {shape}",
    },
    "nn.dtype": {
        "en": "{name} must be float32 or float64, got {dtype}: convert with {name}.astype(np.float32)",
        "zh": "{name} 必须是 `float32` 或 `float64`，实际是 {dtype}：请用 `.astype(np.float32)` 转换",
    },
    "nn.bias_size": {
        "en": "bias has {got} entries but there are {channels} output channels",
        "zh": "偏置有 {got} 个元素，但输出通道有 {channels} 个",
    },
    "nn.weight_in_channels": {
        "en": "weight expects {expected} input channels (weight.shape[1]={per_group} × groups {groups}) but x has "
              "{channels}",
        "zh": "卷积核需要 {expected} 个输入通道（`weight.shape[1]`={per_group} × 分组数 {groups}），但 x 有 {channels} 个",
    },
    "nn.transpose_weight": {
        "en": "weight.shape[0]={got} must equal the input channels {channels} (weight is (C_in, C_out/groups, KH, KW))",
        "zh": "`weight.shape[0]`={got} 必须等于输入通道数 {channels}（权重形状为 `(C_in, C_out/groups, KH, KW)`）",
    },
    "nn.dout_shape": {
        "en": "dout has shape {got}, expected {expected}",
        "zh": "`dout` 的形状为 {got}，应为 {expected}",
    },
    "nn.features": {
        "en": "x has {got} features but weight expects {expected} (in_features)",
        "zh": "x 有 {got} 个特征，但权重需要 {expected} 个（`in_features`）",
    },
    "nn.bn_input": {
        "en": "x must be an array of shape (N, C), (N, C, L) or (N, C, H, W), got {got}",
        "zh": "x 必须是形状为 (N, C)、(N, C, L) 或 (N, C, H, W) 的数组，实际是 {got}",
    },
    "nn.bn_channel_shape": {
        "en": "{name} must have shape ({channels},) (one value per channel of x), got {got}",
        "zh": "{name} 的形状必须是 ({channels},)（x 的每个通道一个值），实际是 {got}",
    },
    "nn.bn_eps": {"en": "eps must be > 0, got {value}", "zh": "`eps` 必须大于 0，实际是 {value}"},
    "nn.bn_batch": {
        "en": "batch norm in training mode needs more than 1 value per channel, got input shape {shape}: use a "
              "larger batch or eval mode",
        "zh": "训练模式下的批归一化每个通道需要多于 1 个值，实际输入形状为 {shape}：请加大批量或改用评估模式",
    },
    "nn.bn_running": {
        "en": "batch norm in eval mode needs running_mean and running_var",
        "zh": "评估模式下的批归一化需要 `running_mean` 和 `running_var`",
    },
    "nn.dropout_p": {
        "en": "dropout probability p must lie in [0, 1], got {p}",
        "zh": "丢弃概率 p 必须在 [0, 1] 之间，实际是 {p}",
    },
    "nn.target_type": {
        "en": "target must be integer class indices of shape ({n},), got {dtype} {shape}",
        "zh": "`target` 必须是形状为 ({n},) 的整数类别编号，实际是 {dtype} {shape}",
    },
    "nn.target_range": {
        "en": "target values must lie in [0, {classes}), got {low}..{high}",
        "zh": "`target` 的值必须在 [0, {classes}) 之间，实际是 {low}..{high}",
    },
    "nn.reduction": {
        "en": "reduction must be one of {allowed}, got {value}",
        "zh": "`reduction` 必须是 {allowed} 之一，实际是 {value}",
    },
    "nn.approximate": {
        "en": "approximate must be 'none' or 'tanh', got {value}",
        "zh": "`approximate` 必须是 `'none'` 或 `'tanh'`，实际是 {value}",
    },
    "nn.maxout_shape": {
        "en": "{name} must have shape {what}, got {shape}",
        "zh": "{name} 的形状必须是 {what}，实际是 {shape}",
    },
}
