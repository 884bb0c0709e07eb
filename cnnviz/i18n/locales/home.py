"""Strings of the home page (pages/home.py)."""

STRINGS = {
    "home.title": {"en": "See inside a convolutional neural network", "zh": "看见卷积神经网络的内部"},
    "home.intro": {
        "en": (
            "cnnviz shows what a convolutional neural network actually computes, one small grid "
            "of numbers at a time. Slide a kernel over an image, watch pooling and activations "
            "reshape feature maps, compare classic architectures layer by layer, and train a small "
            "network on real handwritten digits right here. Every control lives in the address "
            "bar, so a copied link opens exactly the view you are looking at."
        ),
        "zh": (
            "cnnviz 用一个个小小的数字网格，展示卷积神经网络究竟在计算什么。"
            "你可以让卷积核在图像上滑动，观察池化和激活函数如何改变特征图，逐层比较经典网络结构，"
            "还能在这里用真实的手写数字训练一个小网络。"
            "所有控件的取值都保存在地址栏中，复制链接就能打开你此刻看到的视图。"
        ),
    },
    "home.desc.conv_lab": {
        "en": "Slide a kernel over an image step by step: stride, padding, dilation and the output size.",
        "zh": "一步步让卷积核在图像上滑动：步长、填充、膨胀率与输出尺寸。",
    },
    "home.desc.why_conv": {
        "en": "Local connections and shared weights: why a convolution needs far fewer parameters than a dense layer.",
        "zh": "局部连接与权值共享：为什么卷积层的参数远少于全连接层。",
    },
    "home.desc.receptive_field": {
        "en": "How much of the input one output pixel can see, and how that grows layer after layer.",
        "zh": "一个输出像素能“看到”多大的输入区域，以及它如何逐层增长。",
    },
    "home.desc.pooling": {
        "en": "Max and average pooling: downsampling that keeps the strongest responses.",
        "zh": "最大池化与平均池化：保留最强响应的下采样。",
    },
    "home.desc.activations": {
        "en": "ReLU, sigmoid, tanh and friends: their shapes, their derivatives, and what they do to feature maps.",
        "zh": "ReLU、sigmoid、tanh 等：函数形状、导数，以及它们对特征图的作用。",
    },
    "home.desc.transposed_conv": {
        "en": "Upsampling with a learned kernel, and where checkerboard artifacts come from.",
        "zh": "用可学习的卷积核做上采样，以及棋盘格伪影从何而来。",
    },
    "home.desc.conv_family": {
        "en": "1×1, dilated, grouped and depthwise-separable convolutions side by side.",
        "zh": "1×1 卷积、空洞卷积、分组卷积与深度可分离卷积的对比。",
    },
    "home.desc.architectures": {
        "en": "LeNet-5, AlexNet, VGG and more: output sizes, parameters and compute, layer by layer.",
        "zh": "LeNet-5、AlexNet、VGG 等：逐层查看输出尺寸、参数量与计算量。",
    },
    "home.desc.inside": {
        "en": "Feature maps, saliency and Grad-CAM of a CNN trained on handwritten digits; draw your own digit.",
        "zh": "在手写数字上训练好的 CNN：特征图、显著性图与 Grad-CAM，还可以自己写一个数字试试。",
    },
    "home.desc.training": {
        "en": "Train LeNet-5 on MNIST digits live and watch the loss, the accuracy and the filters change.",
        "zh": "在 MNIST 手写数字上实时训练 LeNet-5，观察损失、准确率和卷积核的变化。",
    },
    "home.desc.backprop": {
        "en": "Backpropagation by hand: the chain rule through a small network, number by number.",
        "zh": "手算反向传播：沿着链式法则，逐个数字地走过一个小网络。",
    },
}
