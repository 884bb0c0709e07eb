"""Explanations for grids of numbers typed as text (cnnviz.lessons.kernels.parse_grid), shared by pages.

Each is a fragment that completes "This grid cannot be read: …".
"""

STRINGS = {
    "grid.empty": {
        "en": "it is empty. Type at least one number, e.g. 1 2; 3 4.",
        "zh": "内容为空。请至少输入一个数，例如 1 2; 3 4。",
    },
    "grid.not_number": {
        "en": "“{token}” in row {row} is not a number. Use digits, a decimal point and a minus sign only.",
        "zh": "第 {row} 行的“{token}”不是数。只能使用数字、小数点和负号。",
    },
    "grid.not_finite": {
        "en": "“{token}” in row {row} is not a finite number. Type an ordinary number instead.",
        "zh": "第 {row} 行的“{token}”不是有限的数。请改成普通的数。",
    },
    "grid.too_large": {
        "en": "“{token}” in row {row} is too large: type numbers between −{limit} and {limit}.",
        "zh": "第 {row} 行的“{token}”太大了：请输入 −{limit} 到 {limit} 之间的数。",
    },
    "grid.ragged": {
        "en": "row {row} has {count} numbers but row 1 has {first}. Every row needs the same number of values.",
        "zh": "第 {row} 行有 {count} 个数，而第 1 行有 {first} 个。每一行的数的个数必须相同。",
    },
    "grid.too_big": {
        "en": "it is {rows}×{cols}; at most {limit}×{limit} fits. Remove some rows or columns.",
        "zh": "它是 {rows}×{cols}，最多只能 {limit}×{limit}。请删掉一些行或列。",
    },
    "grid.empty_slice": {
        "en": "slice {slice} (between the | signs) is empty. Type its numbers or remove the extra |.",
        "zh": "第 {slice} 个切片（两个 | 之间）是空的。请输入它的数，或删掉多余的 |。",
    },
    "grid.slice_shape": {
        "en": "slice {slice} is {shape} but slice 1 is {first}. All slices must have the same size.",
        "zh": "第 {slice} 个切片是 {shape}，而第 1 个是 {first}。所有切片的尺寸必须相同。",
    },
    "grid.too_many_slices": {
        "en": "it has {count} slices but at most {limit} are allowed (one per input channel).",
        "zh": "它有 {count} 个切片，但最多只能有 {limit} 个（每个输入通道一个）。",
    },
}
