"""Strings of :mod:`cnnviz.images` and :mod:`cnnviz.train.datasets`: image-loading errors and notices, dataset and sample names."""

STRINGS = {
    # errors raised as ImageLoadError (shown to the user instead of a traceback)
    "data.err_empty": {
        "en": "The file is empty. Choose another file.",
        "zh": "这个文件是空的。请换一个文件。",
    },
    "data.err_not_image": {
        "en": "This file is not an image Pillow can read (PNG, JPEG, BMP, GIF, WebP...). Choose another file.",
        "zh": "这个文件不是 Pillow 能读取的图像（PNG、JPEG、BMP、GIF、WebP 等）。请换一个文件。",
    },
    "data.err_truncated": {
        "en": "The image file is damaged or incomplete, so it cannot be decoded. Choose another file.",
        "zh": "图像文件已损坏或不完整，无法解码。请换一个文件。",
    },
    "data.err_too_many_pixels": {
        "en": "The image is {width}×{height} pixels, more than the limit of {limit_mp} megapixels. "
              "Choose a smaller image.",
        "zh": "图像尺寸为 {width}×{height} 像素，超过了 {limit_mp} 百万像素的上限。请选择一张更小的图像。",
    },
    "data.err_pixel_bomb": {
        "en": "The image claims a size so large that opening it could exhaust memory "
              "(a \"decompression bomb\"). Choose a smaller image.",
        "zh": "这张图像声明的尺寸大得离谱，打开它可能耗尽内存（即“解压炸弹”）。请选择一张更小的图像。",
    },
    "data.err_file_too_big": {
        "en": "The file is {size_mb} MB, more than the limit of {limit_mb} MB. Choose a smaller file.",
        "zh": "文件大小为 {size_mb} MB，超过了 {limit_mb} MB 的上限。请选择一个更小的文件。",
    },
    "data.err_too_small": {
        "en": "The image is {height}×{width} pixels; it needs at least {side} pixels each way. Choose a larger image.",
        "zh": "图像只有 {height}×{width} 像素；每个方向至少需要 {side} 个像素。请选择一张更大的图像。",
    },
    "data.err_blank": {
        "en": "The canvas is empty: draw a digit first.",
        "zh": "画布是空的：请先写一个数字。",
    },
    # notices attached to a successfully loaded image
    "data.notice_downscaled": {
        "en": "The image was {orig_width}×{orig_height} pixels; it was scaled down to {width}×{height}.",
        "zh": "原图为 {orig_width}×{orig_height} 像素，已缩小为 {width}×{height}。",
    },
    "data.notice_transparency": {
        "en": "Transparent areas were filled with white.",
        "zh": "透明区域已用白色填充。",
    },
    "data.notice_high_bit_depth": {
        "en": "The image has more than 8 bits per pixel; its values were rescaled to the range 0–1.",
        "zh": "这张图像每像素超过 8 位，像素值已缩放到 0–1 范围。",
    },
    "data.notice_cmyk": {
        "en": "The CMYK (print) colours were converted to RGB.",
        "zh": "CMYK（印刷）颜色已转换为 RGB。",
    },
    "data.notice_to_grey": {
        "en": "The colour image was converted to greyscale (one channel).",
        "zh": "彩色图像已转换为灰度图（单通道）。",
    },
    "data.notice_rotated": {
        "en": "The photo was rotated upright using its EXIF orientation tag.",
        "zh": "已根据照片的 EXIF 方向标记将其转正。",
    },
    "data.notice_first_frame": {
        "en": "The file has {frames} frames; only the first one is used.",
        "zh": "该文件共有 {frames} 帧，只使用第一帧。",
    },
    # the synthetic shapes dataset
    "data.shape_horizontal": {"en": "horizontal stroke", "zh": "横线"},
    "data.shape_vertical": {"en": "vertical stroke", "zh": "竖线"},
    "data.shape_diagonal": {"en": "diagonal \\", "zh": "斜线 \\"},
    "data.shape_anti_diagonal": {"en": "diagonal /", "zh": "斜线 /"},
    "data.shape_plus": {"en": "cross +", "zh": "十字 +"},
    "data.shape_x": {"en": "cross ×", "zh": "叉号 ×"},
    "data.shape_circle": {"en": "circle", "zh": "圆圈"},
    # bundled sample images and credits
    "data.sample_camera": {"en": "Photographer (greyscale photo)", "zh": "摄影师（灰度照片）"},
    "data.sample_cat": {"en": "Chelsea the cat (colour photo)", "zh": "猫咪 Chelsea（彩色照片）"},
    "data.sample_house": {"en": "Drawn house (synthetic scene)", "zh": "小房子（合成场景）"},
    "data.sample_camera_credit": {
        "en": "Photo: Lav Varshney, CC0 (from scikit-image).",
        "zh": "照片：Lav Varshney，CC0（来自 scikit-image）。",
    },
    "data.sample_cat_credit": {
        "en": "Photo: Stefan van der Walt, CC0 (from scikit-image).",
        "zh": "照片：Stefan van der Walt，CC0（来自 scikit-image）。",
    },
    "data.sample_house_credit": {
        "en": "Drawn by a script in this project (assets/make_samples.py).",
        "zh": "由本项目的脚本绘制（`assets/make_samples.py`）。",
    },
    "data.mnist_credit": {
        "en": "MNIST handwritten digits: Yann LeCun, Corinna Cortes, Christopher J. C. Burges; "
              "CC BY-SA 3.0. A 5,000-image subset (500 per digit).",
        "zh": "MNIST 手写数字：Yann LeCun、Corinna Cortes、Christopher J. C. Burges；"
              "CC BY-SA 3.0。本应用使用其中 5,000 张（每个数字 500 张）。",
    },
}
