"""Strings shared by the shell (app.py, ui/) and by several pages."""

STRINGS = {
    "app.title": {"en": "cnnviz — see inside a CNN", "zh": "cnnviz — 看见卷积神经网络的内部"},
    "common.language": {"en": "Language", "zh": "语言"},
    # --- shell: sidebar controls -------------------------------------------------------------
    "app.lang_label": {"en": "Language · 语言", "zh": "语言 · Language"},
    "app.present": {"en": "Presentation mode", "zh": "演示模式"},
    "app.present_help": {
        "en": "Larger text and high contrast for a projector; pages show fewer controls.",
        "zh": "字号更大、对比度更高，适合投影；各页面只显示主要控件。",
    },
    "app.share_hint": {
        "en": "Every control is stored in the address bar: copy the link to share this exact view.",
        "zh": "所有控件的取值都保存在地址栏中：复制链接即可分享当前这一视图。",
    },
    "app.about_page": {"en": "About this page", "zh": "本页说明"},
    "app.settings": {"en": "Settings", "zh": "设置"},
    # --- shell: navigation (section headers and page titles) ---------------------------------
    "nav.home": {"en": "Course map", "zh": "课程地图"},
    "nav.conv_lab": {"en": "Convolution lab", "zh": "卷积实验室"},
    "nav.why_conv": {"en": "Why convolution?", "zh": "为什么用卷积？"},
    "nav.receptive_field": {"en": "Receptive field", "zh": "感受野"},
    "nav.pooling": {"en": "Pooling", "zh": "池化"},
    "nav.activations": {"en": "Activations", "zh": "激活函数"},
    "nav.transposed_conv": {"en": "Transposed convolution", "zh": "转置卷积"},
    "nav.conv_family": {"en": "Convolution family", "zh": "卷积家族"},
    "nav.architectures": {"en": "Architectures", "zh": "经典网络结构"},
    "nav.inside": {"en": "Inside a trained CNN", "zh": "训练好的 CNN 内部"},
    "nav.training": {"en": "Training", "zh": "训练"},
    "nav.backprop": {"en": "Backpropagation", "zh": "反向传播"},
    # --- deep links (ui/urlstate.py) ---------------------------------------------------------
    "common.url_notice": {
        "en": "Some settings in the link were not valid here and were reset to their defaults: {items}.",
        "zh": "链接中的部分设置在此处无效，已恢复为默认值：{items}。",
    },
    "common.url_notice_item": {"en": "{name} = “{value}”", "zh": "{name} = “{value}”"},
    # Streamlit's file uploader draws its own English texts; ui/style.uploader_css shows these instead.
    "common.uploader_button": {"en": "Upload", "zh": "上传"},
    "common.uploader_limit": {"en": "Up to {mb} MB per file", "zh": "每个文件最大 {mb} MB"},
    "common.uploader_drop": {"en": "Drop the file here", "zh": "把文件拖放到这里"},
    "common.uploader_refused": {
        "en": "Not uploaded: files can be up to {mb} MB.",
        "zh": "没有上传：文件最大 {mb} MB。",
    },
    "common.uploader_refused_typed": {
        "en": "Not uploaded: files can be up to {mb} MB, of the type the label names.",
        "zh": "没有上传：文件最大 {mb} MB，并且必须是标签中写明的类型。",
    },
    "common.state_lost_restart": {
        "en": "The server restarted since this page was open: what was trained, loaded or uploaded here is gone. "
              "The settings from the link are back; start again.",
        "zh": "打开此页面后服务器重启了：在这里训练、载入或上传的内容已经没有了。链接中的设置已恢复，请重新开始。",
    },
    "common.state_lost_reload": {
        "en": "This is a new session: what was trained, loaded or uploaded in the earlier one is not here. "
              "The settings from the link are back; start again.",
        "zh": "这是一个新的会话：之前会话中训练、载入或上传的内容不在这里。链接中的设置已恢复，请重新开始。",
    },
}
