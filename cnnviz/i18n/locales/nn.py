"""Messages of the core (cnnviz.nn.functional and cnnviz.nn.layers): malformed arrays and arguments.

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
    # layers (cnnviz.nn.layers): constructor arguments, state dicts, inputs
    "nn.init": {
        "en": "init must be one of {allowed}, got {value}",
        "zh": "初始化方式 `init` 必须是 {allowed} 之一，实际是 {value}",
    },
    "nn.positive_int": {
        "en": "{name} must be a positive int, got {value}",
        "zh": "`{name}` 必须是正整数，实际是 {value}",
    },
    "nn.state_names": {
        "en": "state does not fit this model: missing {missing}, unexpected {unexpected}",
        "zh": "参数状态与该模型不符：缺少 {missing}，多出 {unexpected}",
    },
    "nn.state_shape": {
        "en": "{name} has shape {shape} but the model needs {needed}",
        "zh": "`{name}` 的形状为 {shape}，但模型需要 {needed}",
    },
    "nn.state_float": {
        "en": "{name} must hold finite floating-point numbers",
        "zh": "`{name}` 必须是有限的浮点数",
    },
    "nn.state_count": {
        "en": "{name} must hold a non-negative integer",
        "zh": "`{name}` 必须是非负整数",
    },
    "nn.backward_first": {
        "en": "{layer}.backward called before forward",
        "zh": "在 `forward` 之前调用了 `{layer}.backward`：请先做一次前向传播",
    },
    "nn.kernel_size": {
        "en": "kernel_size must be >= 1, got {value}",
        "zh": "卷积核大小（`kernel_size`）必须 ≥ 1，实际是 {value}",
    },
    "nn.layer_eps": {
        "en": "eps must be a positive number, got {value}",
        "zh": "`eps` 必须是正数，实际是 {value}",
    },
    "nn.bn_momentum": {
        "en": "momentum must lie in [0, 1] (or be None for a cumulative average), got {value}",
        "zh": "`momentum` 必须在 [0, 1] 之间（或为 `None`，即累积平均），实际是 {value}",
    },
    "nn.layer_input": {
        "en": "{layer} expects input of shape {expected}, got {got}",
        "zh": "{layer} 需要形状为 {expected} 的输入，实际是 {got}",
    },
    "nn.bn_features": {
        "en": "{layer}({features}) got {got} channels: num_features must equal the input's channels",
        "zh": "{layer}({features}) 收到 {got} 个通道：`num_features` 必须等于输入的通道数",
    },
    "nn.adaptive_size": {
        "en": "only output_size 1 (global average pooling) is supported, got {value}",
        "zh": "只支持 `output_size` 为 1（全局平均池化），实际是 {value}",
    },
    "nn.sequential_item": {
        "en": "layer {index} is a {got}, not a cnnviz layer",
        "zh": "第 {index} 层是 {got}，不是 cnnviz 的层",
    },
    "nn.not_layer": {
        "en": "{name} is a {got}, not a cnnviz layer",
        "zh": "`{name}` 是 {got}，不是 cnnviz 的层",
    },
    "nn.residual_shape": {
        "en": "residual body gives shape {body} but the shortcut gives {skip}: the two must agree; use a 1×1 "
              "projection shortcut Conv2d({c_in}, {c_out}, 1, stride) where channels or size change",
        "zh": "残差主体的输出形状为 {body}，捷径的输出形状为 {skip}：两者必须一致；在通道数或尺寸改变处使用 1×1 "
              "投影捷径 `Conv2d({c_in}, {c_out}, 1, stride)`",
    },
}
