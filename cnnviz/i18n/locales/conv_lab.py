"""Strings of the Convolution Lab page (pages/conv_lab.py), its figures (cnnviz/figures/conv_lab.py)
and its typed-grid errors (cnnviz/lessons/kernels.py)."""

STRINGS = {
    "conv_lab.title": {"en": "Convolution lab", "zh": "卷积实验室"},
    "conv_lab.intro": {
        "en": "Pick an input and a kernel, then watch the kernel slide. At every position the numbers under "
              "it are multiplied by the kernel's weights and added up, the bias is added, and the result fills "
              "one cell of the output. Change the stride, padding and dilation and the output size follows the "
              "formula under the animation.",
        "zh": "选一个输入和一个卷积核，然后看卷积核滑动：在每个位置，核下面的数与核的权重逐个相乘再相加，"
              "加上偏置，结果填入输出的一个格子。改变步长、填充和膨胀率，输出尺寸会按照动画下方的公式变化。",
    },
    "conv_lab.more": {"en": "More settings", "zh": "更多设置"},
    # --- input
    "conv_lab.input_header": {"en": "Input", "zh": "输入"},
    "conv_lab.source": {"en": "Example input", "zh": "输入示例"},
    "conv_lab.source.course": {"en": "Course example: 5×5 binary image", "zh": "课程示例：5×5 二值图像"},
    "conv_lab.source.ramp": {"en": "Textbook example: 3×3 numbers 0–8", "zh": "教材示例：3×3 的数字 0–8"},
    "conv_lab.source.edge": {"en": "Step edge", "zh": "阶跃边缘"},
    "conv_lab.source.diagonal": {"en": "Diagonal line", "zh": "对角线"},
    "conv_lab.source.checker": {"en": "Checkerboard", "zh": "棋盘格"},
    "conv_lab.source.digit": {"en": "MNIST digit", "zh": "MNIST 手写数字"},
    "conv_lab.source.typed": {"en": "Type your own grid", "zh": "自己输入网格"},
    "conv_lab.source.photo": {"en": "Photo, shrunk to a few pixels", "zh": "照片（缩小到几个像素）"},
    "conv_lab.source_note.course": {
        "en": "The binary image of the course notes. With the course kernel [[1,0,1],[0,1,0],[1,0,1]], stride 1, "
              "no padding and dilation 1 the output is [[4,3,4],[2,4,3],[2,3,4]].",
        "zh": "课程讲义中的二值图像。用课程中的卷积核 [[1,0,1],[0,1,0],[1,0,1]]、步长 1、不填充、膨胀率 1 时，"
              "输出为 [[4,3,4],[2,4,3],[2,3,4]]。",
    },
    "conv_lab.source_note.ramp": {
        "en": "The worked example of the textbook Dive into Deep Learning (it is not in the course notes). With "
              "the kernel [[0,1],[2,3]], stride 1 and no padding the output is [[19,25],[37,43]].",
        "zh": "教材《动手学深度学习》中的例题（不在课程讲义中）。用卷积核 [[0,1],[2,3]]、步长 1、不填充时，"
              "输出为 [[19,25],[37,43]]。",
    },
    "conv_lab.source_note.now": {
        "en": "Your settings give a {h}×{w} output{values}.",
        "zh": "当前设置的输出为 {h}×{w}{values}。",
    },
    "conv_lab.size": {"en": "Input size (longest side)", "zh": "输入尺寸（长边）"},
    "conv_lab.size_help": {
        "en": "Up to {limit}×{limit}, so every step stays readable. The real-image view at the bottom of the "
              "page applies the kernel to a whole photo.",
        "zh": "最大 {limit}×{limit}，这样每一步都看得清。页面底部的真实图像视图会把卷积核用在整张照片上。",
    },
    "conv_lab.digit": {"en": "Digit no.", "zh": "数字编号"},
    "conv_lab.digit_help": {
        "en": "One of the 1,000 test images of the bundled MNIST subset.",
        "zh": "内置 MNIST 子集中 1,000 张测试图像之一。",
    },
    "conv_lab.digit_note": {
        "en": "A handwritten {label}, averaged down to {side} pixels a side (0 = background, 1 = ink).",
        "zh": "手写的 {label}，平均缩小到每边 {side} 个像素（0 = 背景，1 = 笔迹）。",
    },
    "conv_lab.grid": {"en": "Your input grid", "zh": "你的输入网格"},
    "conv_lab.grid_help": {
        "en": "One row per line (or rows separated by ;), numbers separated by spaces or commas; at most "
              "{limit}×{limit}. Press Ctrl+Enter (⌘+Enter) to apply.",
        "zh": "每行一行（或用 ; 分隔各行），数之间用空格或逗号分隔；最多 {limit}×{limit}。按 Ctrl+Enter（⌘+Enter）生效。",
    },
    "conv_lab.grid_invalid": {
        "en": "This input grid cannot be read: {reason} The last grid that could be read is still shown.",
        "zh": "无法读取这个输入网格：{reason} 下面仍显示上一个能读取的网格。",
    },
    "conv_lab.photo": {"en": "Photo", "zh": "照片"},
    "conv_lab.photo_upload": {"en": "Your own image (upload)", "zh": "你自己的图片（上传）"},
    "conv_lab.upload": {"en": "Upload an image", "zh": "上传图片"},
    "conv_lab.upload_help": {
        "en": "PNG, JPEG, GIF, BMP, TIFF or WebP. Larger pictures are scaled down to {side} pixels on the "
              "longest side.",
        "zh": "PNG、JPEG、GIF、BMP、TIFF 或 WebP。较大的图片会缩小到长边 {side} 像素。",
    },
    "conv_lab.upload_failed": {"en": "“{name}” cannot be used: {reason}", "zh": "无法使用“{name}”：{reason}"},
    "conv_lab.upload_kept": {
        "en": "Still showing your previous image, “{name}”.",
        "zh": "仍显示你之前的图片“{name}”。",
    },
    "conv_lab.upload_none": {
        "en": "No image uploaded yet: the sample photo is shown meanwhile.",
        "zh": "还没有上传图片：暂时显示示例照片。",
    },
    "conv_lab.upload_shown": {"en": "Your image “{name}”. {notes}", "zh": "你的图片“{name}”。{notes}"},
    "conv_lab.rgb": {"en": "Keep the colours (3 channels)", "zh": "保留颜色（3 个通道）"},
    "conv_lab.rgb_help": {
        "en": "Off: the photo becomes one grey channel. On: red, green and blue stay three channels, each "
              "multiplied by its own kernel slice.",
        "zh": "关闭：照片变成一个灰度通道。打开：红、绿、蓝保留为三个通道，每个通道与自己的卷积核切片相乘。",
    },
    "conv_lab.rgb_channels": {"en": "3 input channels: red, green, blue.", "zh": "3 个输入通道：红、绿、蓝。"},
    "conv_lab.in_channels": {"en": "Input channels Cᵢ", "zh": "输入通道数 Cᵢ"},
    "conv_lab.in_channels_help": {
        "en": "Channels 2–4 are the input mirrored (left–right, upside down, both), so each channel's share of "
              "the sum can be followed.",
        "zh": "第 2–4 个通道是输入的镜像（左右翻转、上下翻转、两者都翻），这样能看清每个通道在总和中的贡献。",
    },
    # --- kernel
    "conv_lab.kernel_header": {"en": "Kernel", "zh": "卷积核"},
    "conv_lab.kernel": {"en": "Preset", "zh": "预设"},
    "conv_lab.kernel.course": {"en": "Course kernel [[1,0,1],[0,1,0],[1,0,1]]", "zh": "课程卷积核 [[1,0,1],[0,1,0],[1,0,1]]"},
    "conv_lab.kernel.identity": {"en": "Identity", "zh": "恒等"},
    "conv_lab.kernel.box": {"en": "Box blur (average)", "zh": "均值模糊"},
    "conv_lab.kernel.gaussian": {"en": "Gaussian blur", "zh": "高斯模糊"},
    "conv_lab.kernel.sobel_x": {"en": "Sobel x (vertical edges)", "zh": "Sobel x（竖直边缘）"},
    "conv_lab.kernel.sobel_y": {"en": "Sobel y (horizontal edges)", "zh": "Sobel y（水平边缘）"},
    "conv_lab.kernel.laplacian": {"en": "Laplacian", "zh": "拉普拉斯"},
    "conv_lab.kernel.sharpen": {"en": "Sharpen", "zh": "锐化"},
    "conv_lab.kernel.emboss": {"en": "Emboss", "zh": "浮雕"},
    "conv_lab.kernel.ramp2": {"en": "Textbook kernel [[0,1],[2,3]]", "zh": "教材卷积核 [[0,1],[2,3]]"},
    "conv_lab.kernel.custom": {"en": "Your own (typed below)", "zh": "自定义（在下方输入）"},
    "conv_lab.kh": {"en": "Kh (height)", "zh": "Kh（高）"},
    "conv_lab.kw": {"en": "Kw (width)", "zh": "Kw（宽）"},
    "conv_lab.kernel_size_fixed": {
        "en": "This preset is {kh}×{kw}. Box, Gaussian and identity come in any size; or type any size below.",
        "zh": "这个预设是 {kh}×{kw}。均值、高斯和恒等核可以选任意尺寸；也可以在下方输入任意尺寸的核。",
    },
    "conv_lab.kernel_grid": {"en": "Kernel weights", "zh": "卷积核权重"},
    "conv_lab.kernel_grid_help": {
        "en": "Edit any number, then press Ctrl+Enter (⌘+Enter). One row per line or rows separated by ;, at most "
              "{limit}×{limit}. For several input channels give one slice per channel, separated by a line "
              "with a single |.",
        "zh": "可以修改任何数，然后按 Ctrl+Enter（⌘+Enter）。每行一行或用 ; 分隔各行，最多 {limit}×{limit}。"
              "输入有多个通道时，可以为每个通道写一个切片，切片之间用只含 | 的一行分隔。",
    },
    "conv_lab.kernel_invalid": {
        "en": "This kernel cannot be read: {reason} The last kernel that could be read is still used.",
        "zh": "无法读取这个卷积核：{reason} 仍使用上一个能读取的卷积核。",
    },
    "conv_lab.slices_mismatch": {
        "en": "The kernel has {slices} slices but the input has {channels} channels. Type 1 slice (used for "
              "every channel) or {channels}. Slice 1 is used for every channel meanwhile.",
        "zh": "卷积核有 {slices} 个切片，而输入有 {channels} 个通道。请输入 1 个切片（所有通道共用）或 {channels} 个。"
              "暂时所有通道都使用第 1 个切片。",
    },
    "conv_lab.bias": {"en": "Bias b", "zh": "偏置 b"},
    "conv_lab.bias_help": {"en": "Added to every output cell after the sum.", "zh": "求和之后加到每个输出格子上。"},
    "conv_lab.out_channels": {"en": "Filters Cₒ", "zh": "卷积核个数 Cₒ"},
    "conv_lab.out_channels_help": {
        "en": "Each filter makes one output map. Filters 2, 3, 4 are the kernel turned by 90°, 180°, 270° "
              "(mirrored, for a non-square kernel).",
        "zh": "每个卷积核产生一张输出特征图。第 2、3、4 个卷积核是把核旋转 90°、180°、270°（非方形的核则为镜像）。",
    },
    "conv_lab.filter": {"en": "Filter in the animation", "zh": "动画中显示的卷积核"},
    "conv_lab.filter_name": {"en": "#{o}", "zh": "第 {o} 个"},
    "conv_lab.flip": {"en": "Turn the kernel 180° (true convolution)", "zh": "把卷积核旋转 180°（数学上的卷积）"},
    "conv_lab.flip_help": {
        "en": "Off: cross-correlation, what PyTorch and TensorFlow compute. On: the kernel is turned half a "
              "circle before it slides. See “Cross-correlation or convolution?” below.",
        "zh": "关闭：互相关，也就是 PyTorch 和 TensorFlow 实际计算的。打开：滑动前先把卷积核旋转半圈。"
              "见下方“互相关还是卷积？”。",
    },
    # --- sliding
    "conv_lab.slide_header": {"en": "Sliding", "zh": "滑动方式"},
    "conv_lab.padding": {"en": "Padding", "zh": "填充"},
    "conv_lab.padding.valid": {"en": "valid (no padding)", "zh": "有效 `valid`（不填充）"},
    "conv_lab.padding.same": {"en": "same (output as large as the input)", "zh": "相同 `same`（输出与输入一样大）"},
    "conv_lab.padding.full": {"en": "full (every overlap)", "zh": "完全 `full`（所有重叠位置）"},
    "conv_lab.padding.number": {"en": "P zeros on each side", "zh": "每边 P 个零"},
    "conv_lab.padding.sides": {"en": "a number for each side", "zh": "四条边分别设定"},
    "conv_lab.padding_help": {
        "en": "Zeros added around the input. same: PyTorch's padding='same' (stride 1 only; an odd extra zero "
              "goes to the bottom / right). full: D(K−1) zeros on every side, so every partial overlap counts.",
        "zh": ("在输入四周补零。相同（`same`）：PyTorch 的 `padding='same'`（"
               "只能用步长 1；多出的一个零补在下方 / 右侧）。完全（`full`）：每边补 D(K−1)"
               " 个零，所有部分重叠的位置都有输出。"),
    },
    "conv_lab.ph": {"en": "P (top and bottom)", "zh": "P（上下）"},
    "conv_lab.pw": {"en": "P (left and right)", "zh": "P（左右）"},
    "conv_lab.pt": {"en": "Top", "zh": "上"},
    "conv_lab.pb": {"en": "Bottom", "zh": "下"},
    "conv_lab.pl": {"en": "Left", "zh": "左"},
    "conv_lab.pr": {"en": "Right", "zh": "右"},
    "conv_lab.dilation": {"en": "Dilation D", "zh": "膨胀率 D"},
    "conv_lab.dilation_help": {
        "en": "Gaps between the kernel's taps: a 3×3 kernel at D = 2 covers 5×5 cells with the same 9 weights.",
        "zh": "卷积核各元素之间的间隔：D = 2 时 3×3 的核用同样 9 个权重覆盖 5×5 的范围。",
    },
    "conv_lab.sh": {"en": "Stride Sh (down)", "zh": "步长 Sh（向下）"},
    "conv_lab.sw": {"en": "Stride Sw (across)", "zh": "步长 Sw（向右）"},
    "conv_lab.stride_help": {
        "en": "How many cells the kernel jumps between two neighbouring outputs.",
        "zh": "相邻两个输出之间卷积核跳过的格子数。",
    },
    "conv_lab.same_stride": {
        "en": "Stride 1: padding “same” only works with stride 1 (as in PyTorch).",
        "zh": "步长为 1：“相同”（`same`）填充只能用步长 1（与 PyTorch 相同）。",
    },
    "conv_lab.impossible": {"en": "This setting cannot be computed: {reason}", "zh": "这个设置无法计算：{reason}"},
    # --- animation, formula, parameters
    "conv_lab.animate_header": {"en": "Watch the kernel slide", "zh": "看卷积核滑动"},
    "conv_lab.animate_hint": {
        "en": "▶ Play runs through all {steps} output cells; ◀ Step and Step ▶ move one cell; drag the slider to "
              "jump. Hatched cells are zero padding, the orange outline marks the cells under the kernel and "
              "the small ×w is the weight each one is multiplied by.",
        "zh": "▶ 播放会依次经过全部 {steps} 个输出格子；◀ 上一步 / 下一步 ▶ 每次移动一格；拖动滑块可以跳转。"
              "斜线格子是零填充，橙色框标出卷积核下面的格子，小字 ×w 是每个格子要乘的权重。",
    },
    "conv_lab.animate_hint_one": {
        "en": "This setting has a single output cell: ▶ Play shows the one position of the kernel. Hatched cells "
              "are zero padding, the orange outline marks the cells under the kernel and the small ×w is the "
              "weight each one is multiplied by.",
        "zh": "这个设置只有一个输出格子：▶ 播放显示卷积核唯一的位置。斜线格子是零填充，橙色框标出卷积核下面的格子，"
              "小字 ×w 是每个格子要乘的权重。",
    },
    "conv_lab.too_many_steps": {
        "en": "This setting has {steps} output cells, more than the {limit} the animation shows, so the input "
              "and the output are drawn instead. Raise the stride or reduce the padding, dilation or input size "
              "to animate it.",
        "zh": "这个设置有 {steps} 个输出格子，超过动画能显示的 {limit} 个，所以只画出输入和输出。"
              "增大步长，或减小填充、膨胀率或输入尺寸，就能看到动画。",
    },
    "conv_lab.fig_input": {"en": "Input (channel 1)", "zh": "输入（通道 1）"},
    "conv_lab.fig_output": {"en": "Output", "zh": "输出"},
    "conv_lab.formula_header": {"en": "Output size", "zh": "输出尺寸"},
    "conv_lab.metric_in": {"en": "Input", "zh": "输入"},
    "conv_lab.metric_out": {"en": "Output", "zh": "输出"},
    "conv_lab.metric_steps": {"en": "Steps", "zh": "步数"},
    "conv_lab.lost_rows": {
        "en": "Input rows {items} (counting from 0) are never under the kernel: {reason}",
        "zh": "输入的第 {items} 行（从 0 开始数）从来没有被卷积核覆盖：{reason}",
    },
    "conv_lab.lost_cols": {
        "en": "Input columns {items} (counting from 0) are never under the kernel: {reason}",
        "zh": "输入的第 {items} 列（从 0 开始数）从来没有被卷积核覆盖：{reason}",
    },
    "conv_lab.lost_remainder": {
        "en": "dividing by the stride {stride} leaves a remainder of {remainder}, and the floor ⌊ ⌋ drops it — "
              "no further window fits there.",
        "zh": "除以步长 {stride} 余 {remainder}，向下取整 ⌊ ⌋ 把余数舍掉了——那里再也放不下一个窗口。",
    },
    "conv_lab.lost_dilation": {
        "en": "with dilation {dilation} the kernel's taps jump over them.",
        "zh": "膨胀率为 {dilation} 时，卷积核元素跳过了它们。",
    },
    "conv_lab.params_header": {"en": "Learnable parameters", "zh": "可学习参数"},
    "conv_lab.params_note": {
        "en": "Weight shape (Cₒ, Cᵢ, Kh, Kw) = ({co}, {ci}, {kh}, {kw}) plus {co} bias(es). Multiply–adds for "
              "one image: Cₒ·Cᵢ·Kh·Kw·OH·OW = {macs} (output {oh}×{ow}).",
        "zh": "权重形状 (Cₒ, Cᵢ, Kh, Kw) = ({co}, {ci}, {kh}, {kw})，另加 {co} 个偏置。"
              "处理一张图像的乘加次数：Cₒ·Cᵢ·Kh·Kw·OH·OW = {macs}（输出 {oh}×{ow}）。",
    },
    # --- cross-correlation
    "conv_lab.flip_header": {"en": "Cross-correlation or convolution?", "zh": "互相关还是卷积？"},
    "conv_lab.flip_text": {
        "en": "In mathematics a convolution turns the kernel by 180° before sliding it; sliding it as it is "
              "is called **cross-correlation**. PyTorch's `conv2d` and TensorFlow's `Conv2D` compute "
              "cross-correlation: the weights are learned, so a network that needs the turned kernel simply "
              "learns the turned numbers. The turn would cost work and change nothing. For kernels that look "
              "the same upside down (box, Gaussian, Laplacian, the course kernel) the two are identical; for "
              "Sobel or emboss the sign or the direction changes.",
        "zh": "数学上的卷积要先把卷积核旋转 180° 再滑动；不旋转直接滑动叫做**互相关**。PyTorch 的 `conv2d` "
              "和 TensorFlow 的 `Conv2D` 计算的都是互相关：权重是学出来的，如果网络需要旋转后的核，它直接学到"
              "旋转后的数值即可，旋转只会多做一步，结果没有区别。对倒过来看也一样的核（均值、高斯、拉普拉斯、"
              "课程中的核），两者完全相同；对 Sobel 或浮雕核，符号或方向会改变。",
    },
    "conv_lab.flip_symmetric": {
        "en": "This kernel looks the same turned by 180°, so both outputs are equal.",
        "zh": "这个卷积核旋转 180° 后不变，所以两个输出相同。",
    },
    "conv_lab.flip_asymmetric": {
        "en": "This kernel changes when turned by 180°, so the outputs differ (outlined cells).",
        "zh": "这个卷积核旋转 180° 后会变，所以两个输出不同（有框的格子）。",
    },
    "conv_lab.flip_coincide": {
        "en": "This kernel changes when turned by 180°, but on this input both outputs happen to be equal.",
        "zh": "这个卷积核旋转 180° 后会变，但在这个输入上两个输出恰好相同。",
    },
    "conv_lab.flip_now_on": {
        "en": "The animation above computes the convolution (kernel turned).",
        "zh": "上面的动画计算的是卷积（核已旋转）。",
    },
    "conv_lab.flip_now_off": {
        "en": "The animation above computes the cross-correlation, as deep-learning libraries do.",
        "zh": "上面的动画计算的是互相关，与深度学习框架一致。",
    },
    # --- channels
    "conv_lab.channels_header": {"en": "Channels and filters", "zh": "通道与多个卷积核"},
    "conv_lab.channels_text": {
        "en": "An input with Cᵢ channels (a colour photo has 3) needs a kernel with Cᵢ slices: each channel is "
              "multiplied by its own slice, and the Cᵢ results are added, plus one bias, into **one** output "
              "map. A layer with Cₒ such filters makes Cₒ maps. Here Cᵢ = {ci} and Cₒ = {co}: each filter is "
              "{ci}×{kh}×{kw}.",
        "zh": "有 Cᵢ 个通道的输入（彩色照片有 3 个）需要有 Cᵢ 个切片的卷积核：每个通道与自己的切片相乘，"
              "Cᵢ 个结果相加再加上一个偏置，得到**一张**输出特征图。有 Cₒ 个这样的卷积核的层产生 Cₒ 张特征图。"
              "这里 Cᵢ = {ci}，Cₒ = {co}：每个卷积核是 {ci}×{kh}×{kw}。",
    },
    "conv_lab.channel_sum_note": {
        "en": "Filter {o}: the {ci} channel results added cell by cell, plus the bias, give its output map — "
              "the same numbers as the animation's output.",
        "zh": "第 {o} 个卷积核：{ci} 个通道的结果逐格相加，再加上偏置，就是它的输出特征图——与动画中的输出数值相同。",
    },
    "conv_lab.map_title": {"en": "Map {o} (filter {o})", "zh": "特征图 {o}（卷积核 {o}）"},
    "conv_lab.maps_note": {
        "en": "{co} filters → {co} output maps; they are the {co} input channels of the next layer.",
        "zh": "{co} 个卷积核 → {co} 张输出特征图；它们就是下一层的 {co} 个输入通道。",
    },
    "conv_lab.channels_try": {
        "en": "Raise “Input channels Cᵢ” or “Filters Cₒ” in the controls above (or keep a photo's colours) to "
              "see channels being added up and several output maps.",
        "zh": "在上方的设置中增大“输入通道数 Cᵢ”或“卷积核个数 Cₒ”（或保留照片的颜色），就能看到通道如何相加、"
              "以及多张输出特征图。",
    },
    # --- real image
    "conv_lab.real_header": {"en": "The kernel on a real image", "zh": "把卷积核用在真实图像上"},
    "conv_lab.real_text": {
        "en": "The same kernel, stride, padding and dilation applied to a whole picture. The result is a "
              "**feature map**: edge kernels light up where the brightness changes, blur kernels smooth it out.",
        "zh": "把同样的卷积核、步长、填充和膨胀率用在一整张图片上，得到的就是**特征图**：边缘检测核在亮度变化"
              "的地方响应强烈，模糊核则把图像抹平。",
    },
    "conv_lab.real_photo": {"en": "Photo", "zh": "照片"},
    "conv_lab.real_map": {"en": "Feature map", "zh": "特征图"},
    "conv_lab.real_too_small": {
        "en": "This picture ({h}×{w} pixels) is too small for the current kernel: {reason} Choose a larger picture "
              "or a smaller kernel.",
        "zh": "这张图片（{h}×{w} 像素）对当前的卷积核来说太小了：{reason} 请换一张更大的图片，或用更小的卷积核。",
    },
    "conv_lab.real_note": {
        "en": "Photo {h}×{w} → feature map {oh}×{ow}, values from {low} to {high} (colour bar on the right).",
        "zh": "照片 {h}×{w} → 特征图 {oh}×{ow}，数值从 {low} 到 {high}（颜色条在右侧）。",
    },
    # --- figures
    "conv_lab.fig.step_back": {"en": "◀ Step", "zh": "◀ 上一步"},
    "conv_lab.fig.step_forward": {"en": "Step ▶", "zh": "下一步 ▶"},
    "conv_lab.fig.visits": {"en": "Windows reading each cell", "zh": "每个格子被几个窗口读到"},
    "conv_lab.fig.visits_padding": {"en": "hatched = padding", "zh": "斜线 = 填充"},
    "conv_lab.fig.visits_never": {"en": "orange = never read", "zh": "橙色 = 从未被读到"},
    "conv_lab.fig.kernel_as_is": {"en": "Kernel", "zh": "卷积核"},
    "conv_lab.fig.kernel_turned": {"en": "Turned 180°", "zh": "旋转 180°"},
    "conv_lab.fig.out_xcorr": {"en": "Cross-correlation", "zh": "互相关"},
    "conv_lab.fig.out_conv": {"en": "Convolution", "zh": "卷积"},
    "conv_lab.fig.flip_same": {"en": "identical", "zh": "完全相同"},
    "conv_lab.fig.flip_differ": {"en": "{n} of {total} cells differ", "zh": "{total} 个格子中有 {n} 个不同"},
    "conv_lab.fig.channel_part": {"en": "Channel {c} ⋆ slice {c}", "zh": "通道 {c} ⋆ 切片 {c}"},
    "conv_lab.fig.channel_total": {"en": "Output map", "zh": "输出特征图"},
}
