"""Strings of cnnviz.nn.shapes: why a size / padding / channel configuration is invalid and how to fix it.

Each problem key ``shapes.X`` has its advice under ``shapes.X.fix``. Quantity names such as
``stride`` or ``kernel_size`` are PyTorch's argument names and stay untranslated.
"""

STRINGS = {
    "shapes.message_and_fix": {"en": "{message}: {fix}", "zh": "{message}：{fix}"},
    "shapes.on_axis": {"en": " ({axis})", "zh": "（{axis}方向）"},
    "shapes.axis0": {"en": "height", "zh": "高度"},
    "shapes.axis1": {"en": "width", "zh": "宽度"},
    # --- argument types and ranges ----------------------------------------------------------
    "shapes.not_int": {
        "en": "{name} must be an integer or a pair of integers (got {value})",
        "zh": "{name} 必须是整数或一对整数（当前为 {value}）",
    },
    "shapes.not_int.fix": {
        "en": "give a whole number such as 3, or a pair such as (3, 5)",
        "zh": "请填写整数（如 3）或一对整数（如 (3, 5)）",
    },
    "shapes.too_small": {
        "en": "{name} must be ≥ {minimum} (got {value})",
        "zh": "{name} 必须 ≥ {minimum}（当前为 {value}）",
    },
    "shapes.too_small.fix": {"en": "set {name} to {minimum} or more", "zh": "请把 {name} 设为 {minimum} 或更大"},
    "shapes.padding_mode": {
        "en": "padding must be a number, a pair, 'valid', 'same' or 'full' (got {value})",
        "zh": ("填充（`padding`）必须是数字、一对数字，或 `'valid'`、`'same'`、`"
               "'full'` 之一（当前为 {value}）"),
    },
    "shapes.padding_mode.fix": {"en": "give the padding as a number", "zh": "请把填充写成数字"},
    "shapes.same_stride": {
        "en": "padding 'same' needs stride 1 (got stride {stride})",
        "zh": "`padding='same'` 要求步长为 1（当前步长为 {stride}）",
    },
    "shapes.same_stride.fix": {
        "en": "set stride to 1, or give the padding as a number",
        "zh": "请把步长设为 1，或把填充写成具体数字",
    },
    # --- convolution ------------------------------------------------------------------------
    "shapes.kernel_span": {
        "en": "kernel span {span} exceeds padded input {padded}",
        "zh": "卷积核覆盖范围 {span} 超过了填充后的输入 {padded}",
    },
    "shapes.kernel_span.fix": {
        "en": "lower the kernel size or dilation, or add padding",
        "zh": "请减小卷积核尺寸或膨胀率，或增加填充",
    },
    "shapes.groups_in": {
        "en": "in_channels {channels} is not divisible by groups {groups}",
        "zh": ("输入通道数 `in_channels={channels}` 不能被分组数 `groups="
               "{groups}` 整除"),
    },
    "shapes.groups_in.fix": {
        "en": "pick a number of groups that divides {channels}",
        "zh": "请选择能整除 {channels} 的分组数",
    },
    "shapes.groups_out": {
        "en": "out_channels {channels} is not divisible by groups {groups}",
        "zh": ("输出通道数 `out_channels={channels}` 不能被分组数 `groups"
               "={groups}` 整除"),
    },
    "shapes.groups_out.fix": {
        "en": "pick a number of groups that divides {channels}",
        "zh": "请选择能整除 {channels} 的分组数",
    },
    # --- transposed convolution -------------------------------------------------------------
    "shapes.output_padding": {
        "en": "output_padding {output_padding} must be smaller than stride {stride} or dilation {dilation}",
        "zh": ("`output_padding={output_padding}` 必须小于步长 {stri"
               "de} 或膨胀率 {dilation}"),
    },
    "shapes.output_padding.fix": {
        "en": "lower output_padding below {limit}, or raise the stride",
        "zh": "请把 `output_padding` 降到 {limit} 以下，或增大步长",
    },
    "shapes.transpose_empty": {
        "en": "output size {size} is not positive: padding {padding} cuts away everything",
        "zh": "输出尺寸 {size} 不是正数：填充 {padding} 把输出全部裁掉了",
    },
    "shapes.transpose_empty.fix": {
        "en": "lower padding to at most {limit}",
        "zh": "请把填充降到 {limit} 或以下",
    },
    # --- pooling ----------------------------------------------------------------------------
    "shapes.pool_padding": {
        "en": "pooling padding {padding} must be at most half the window {kernel_size} (≤ {limit})",
        "zh": "池化填充 {padding} 最多为窗口 {kernel_size} 的一半（≤ {limit}）",
    },
    "shapes.pool_padding.fix": {
        "en": "lower the padding or enlarge the window",
        "zh": "请减小填充或增大池化窗口",
    },
    "shapes.pool_span": {
        "en": "pooling window span {span} exceeds padded input {padded}",
        "zh": "池化窗口覆盖范围 {span} 超过了填充后的输入 {padded}",
    },
    "shapes.pool_span.fix": {
        "en": "use a smaller window or dilation, or add padding",
        "zh": "请使用更小的窗口或膨胀率，或增加填充",
    },
    # --- receptive field --------------------------------------------------------------------
    "shapes.rf_spec": {
        "en": "a receptive-field layer must be (kernel, stride, padding, dilation) or have a kernel_size (got {value})",
        "zh": ("感受野计算中的每一层必须是 （卷积核、步长、填充、膨胀率）或带有 `kernel_size`"
               "（当前为 {value}）"),
    },
    "shapes.rf_spec.fix": {
        "en": "list only conv and pooling layers, e.g. (3, 1, 1, 1)",
        "zh": "只列出卷积层和池化层，例如 (3, 1, 1, 1)",
    },
}
