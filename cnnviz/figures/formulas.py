"""The LaTeX of the output-size formula, written once for every page that shows it.

:func:`size_latex` renders a :class:`cnnviz.nn.shapes.SizeSteps` (the numbers of the formula,
worked out by :func:`cnnviz.nn.shapes.size_steps`); the Convolution Lab, the Pooling page and the
Architecture explorer call it with their own steps.
"""

from __future__ import annotations

from cnnviz.nn.shapes import SizeSteps

__all__ = ["size_latex"]

_PAD_SYMBOLS = (("P_t", "P_b"), ("P_l", "P_r"))


def size_latex(steps: SizeSteps, axis: int = 0, *, subscripts: bool = False, worked: bool = False,
               dilation_form: bool | None = None) -> str:
    r"""The output-size formula of one axis as LaTeX: symbols, then the numbers, then the result.

    ``H_{out} = \frac{H - K + 2P}{S} + 1 = \frac{227 - 11 + 2\cdot 0}{4} + 1 = \mathbf{55}`` (the
    course's form), or with dilation or unequal padding ``\frac{H + 2P - D(K - 1) - 1}{S}``
    (``P_t + P_b`` when the two sides differ). Floor (ceil with ``ceil_mode``) brackets appear when
    the division is not exact, a window dropped by ``ceil_mode`` as ``- 1``, and an impossible
    size (``steps.valid`` False, result ≤ 0) is flagged ✗.

    Parameters
    ----------
    steps : SizeSteps
    axis : {0, 1}
        0: height (``H``), 1: width (``W``).
    subscripts : bool
        Write ``K_h``, ``S_h`` (``K_w``, ``S_w``) instead of ``K``, ``S``.
    worked : bool
        Three aligned lines, brackets always shown and the division worked out (the Convolution Lab).
    dilation_form : bool, optional
        Force the ``D(K - 1)`` form; by default used when ``worked``, with dilation, or with unequal padding.
    """
    if axis not in (0, 1):
        raise ValueError(f"axis must be 0 (height) or 1 (width), got {axis!r}")
    big = "HW"[axis]
    k_sym, s_sym = (f"K_{'hw'[axis]}", f"S_{'hw'[axis]}") if subscripts else ("K", "S")
    n, k, s, d = steps.size, steps.kernel_size, steps.stride, steps.dilation
    before, after = steps.pad_before, steps.pad_after
    if dilation_form is None:
        dilation_form = worked or d != 1 or before != after
    if before == after:
        pad_sym, pad_num = "2P", rf"2\cdot {before}"
    else:
        pad_sym, pad_num = " + ".join(_PAD_SYMBOLS[axis]), f"{before} + {after}"
    if dilation_form:
        symbolic = rf"\frac{{{big} + {pad_sym} - D({k_sym} - 1) - 1}}{{{s_sym}}}"
        numbers = rf"\frac{{{n} + {pad_num} - {d}\cdot({k} - 1) - 1}}{{{s}}}"
    else:
        symbolic = rf"\frac{{{big} - {k_sym} + {pad_sym}}}{{{s_sym}}}"
        numbers = rf"\frac{{{n} - {k} + {pad_num}}}{{{s}}}"
    lo, hi = (r"\left\lceil ", r" \right\rceil") if steps.ceil_mode else (r"\left\lfloor ", r" \right\rfloor")
    dropped = " - 1" if steps.dropped else ""
    result = steps.out if steps.valid else steps.quotient + 1
    tail = rf"\mathbf{{{result}}}" if steps.valid else str(result)
    if not steps.valid and result <= 0:
        tail += r" \le 0 \;\;\text{✗}"
    if worked:
        lines = [
            rf"{big}_{{out}} &= {lo}{symbolic}{hi} + 1",
            rf"&= {lo}{numbers}{hi} + 1",
            rf"&= {lo}\frac{{{steps.numerator}}}{{{s}}}{hi} + 1{dropped} = {steps.quotient} + 1{dropped} = {tail}",
        ]
        return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
    if steps.exact and not steps.ceil_mode:
        lo = hi = ""
    return rf"{big}_{{out}} = {lo}{symbolic}{hi} + 1 = {lo}{numbers}{hi} + 1{dropped} = {tail}"
