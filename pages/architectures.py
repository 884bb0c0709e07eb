"""Architectures: classic CNNs layer by layer (LeNet-5, AlexNet, VGG-16, Inception, ResNet-18, the
Keras MNIST example), or your own network in an editable table that lives in the URL. Shapes,
parameters with their formulas, multiply-adds, memory; the network drawn as volumes; where the
parameters and the compute go; the Inception 1×1 reduction; export to PyTorch, Keras and CSV."""

import pandas as pd
import streamlit as st

from cnnviz import architectures as A
from cnnviz.architectures import spec as netspec
from cnnviz.figures import architectures as figs
from cnnviz.lessons import quizzes
from cnnviz.nn.shapes import ShapeError
from ui import figcache, quiz
from ui.literal import literal, message
from ui.shell import intro, page_context
from ui.urlstate import record_notice, show_url_notices, url_select, url_slider

ctx = page_context("arch")



show_url_notices(ctx)
CHART = {"displaylogo": False}
CUSTOM = "custom"
NETWORKS = A.preset_names() + (CUSTOM,)
SPEC_PARAM = "arch.custom"  # the custom network's compact spec in the URL
BASE_KEY = "arch._base"  # what seeds the table editor: {"gen", "input", "rows"}
LAST_KEY = "arch._last"  # the table as the reader left it on the previous run: (input text, rows)
LABELS_KEY = "arch._labels"  # the row numbers the editor showed on the previous run
ERROR_KEY = "arch._spec_error"  # a spec (from the link or typed) that could not be read
DROPPED_KEY = "arch._dropped"  # layer kinds left out when a preset was copied into the table
MOVE_KEY = "arch.move_row"
DEFAULT_INPUT, DEFAULT_LAYERS = (1, 28, 28), A.lenet5().layers
DEFAULT_SPEC = netspec.format_spec(DEFAULT_INPUT, DEFAULT_LAYERS)
INCEPTION = ("inception3a", "inception3a-naive")


# --------------------------------------------------------------------------------------------
# cached computations, keyed on plain values: ("preset", name, options) or ("custom", spec)
# --------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=128)
def network_for(key: tuple) -> A.Network:
    if key[0] == CUSTOM:
        shape, layers = netspec.parse_spec(key[1])
        return A.Network(CUSTOM, layers, shape)
    return A.get_preset(key[1], **dict(key[2]))


@st.cache_data(show_spinner=False, max_entries=128)
def summary_for(key: tuple) -> A.Summary:
    return A.summarize(network_for(key))


def charts_for(key: tuple, lang: str, presentation: bool):
    """The volumes and cost figures, built once per network, language and mode and frozen
    (ui.figcache: shared by all sessions, never copied or re-encoded on a rerun)."""
    plain = figcache.plain_key(key)
    return (figcache.cached_figure(("arch.volumes", plain, lang, presentation), lambda: figs.volumes_figure(
                summary_for(key), network_for(key), lang=lang, presentation=presentation)),
            figcache.cached_figure(("arch.costs", plain, lang, presentation), lambda: figs.cost_figure(
                summary_for(key), lang=lang, presentation=presentation)))


@st.cache_data(show_spinner=False, max_entries=128)
def exports_for(key: tuple, lang: str) -> dict:
    """``{"torch"|"keras": (code, None) or (None, Problem), "csv": text}``."""
    net = network_for(key)
    out = {"csv": figs.summary_to_csv(summary_for(key), lang)}
    for name, writer in (("torch", A.to_pytorch_code), ("keras", A.to_keras_code)):
        try:
            out[name] = (writer(net), None)
        except ShapeError as err:
            out[name] = (None, err.problem)
    return out


@st.cache_data(show_spinner=False, max_entries=8)
def editable_for(name: str, options: tuple):
    """``(input text, table rows, dropped kinds)`` of a preset, or ``(None, Problem, ())``."""
    try:
        shape, layers, dropped = netspec.editable_copy(A.get_preset(name, **dict(options)))
    except ShapeError as err:
        return None, err.problem, ()
    return netspec.format_input_shape(shape), table_rows(layers), dropped


# --------------------------------------------------------------------------------------------
# the editable table: rows <-> DataFrame, and its state
# --------------------------------------------------------------------------------------------

def blank(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or (
        isinstance(value, str) and not value.strip())


def clean_row(row: dict) -> dict:
    """A table row with plain Python values: type/kernel/stride/padding as text, out int, p float."""
    out = {}
    for column in netspec.EDITOR_COLUMNS:
        value = row.get(column)
        if blank(value):
            out[column] = None
        elif column == "out":
            out[column] = int(value) if float(value).is_integer() else float(value)
        elif column == "p":
            out[column] = float(value)
        else:
            out[column] = str(value).strip()
    return out


def table_rows(layers) -> list[dict]:
    return [clean_row(row) for row in A.layers_to_table(layers)]


def editor_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows as the editor shows them, numbered from 1 (rows the reader adds continue the count)."""
    frame = pd.DataFrame(rows, columns=list(netspec.EDITOR_COLUMNS), index=pd.RangeIndex(1, len(rows) + 1))
    frame = frame.astype({"type": "object", "kernel": "object", "stride": "object", "padding": "object"})
    frame["out"] = pd.array(frame["out"].tolist(), dtype="Int64")
    frame["p"] = pd.array(frame["p"].tolist(), dtype="Float64")
    return frame


def reseed(input_text: str, rows: list[dict]) -> None:
    """Give the editor new contents (a fresh widget generation, so no stale edits apply)."""
    state = st.session_state
    gen = state[BASE_KEY]["gen"] + 1 if BASE_KEY in state else 0
    state[BASE_KEY] = {"gen": gen, "input": input_text, "rows": [dict(r) for r in rows]}
    state[LAST_KEY] = (input_text, [dict(r) for r in rows])
    state[LABELS_KEY] = list(range(1, len(rows) + 1))


def custom_base() -> dict:
    """The editor's seed: from the link on the session's first custom run, else kept."""
    state = st.session_state
    if BASE_KEY not in state:
        raw = st.query_params.get(SPEC_PARAM)
        shape, layers = DEFAULT_INPUT, DEFAULT_LAYERS
        if raw is not None:
            try:
                shape, layers = netspec.parse_spec(raw)
            except netspec.SpecError as err:
                record_notice(SPEC_PARAM, raw)
                state[ERROR_KEY] = ("archpage.spec_url_invalid", err)
        reseed(netspec.format_input_shape(shape), table_rows(layers))
    base = state[BASE_KEY]
    last = state.get(LAST_KEY)
    editor_key = f"arch.editor.{base['gen']}.{ctx.lang}"
    # The editor's pending edits are gone when it was not shown on the last run (a preset was
    # picked) or when its language changed: start a new generation from what the reader had.
    if editor_key not in state and last is not None and last != (base["input"], base["rows"]):
        reseed(*last)
        base = state[BASE_KEY]
    return base


def edit_copy(name: str, options: tuple) -> None:
    input_text, rows, dropped = editable_for(name, options)
    if input_text is None:
        return
    reseed(input_text, rows)
    st.session_state[DROPPED_KEY] = dropped
    st.session_state.pop(ERROR_KEY, None)
    st.session_state["arch.net"] = CUSTOM


def change_row(action: str) -> None:
    """Move the picked row up or down, duplicate it below, or remove it."""
    state = st.session_state
    input_text, rows = state[LAST_KEY]
    rows = [dict(r) for r in rows]
    labels = state.get(LABELS_KEY) or list(range(1, len(rows) + 1))
    if state.get(MOVE_KEY) not in labels:
        return
    i = labels.index(state[MOVE_KEY])
    if action in ("up", "down"):
        j = i - 1 if action == "up" else i + 1
        if not 0 <= j < len(rows):
            return
        rows[i], rows[j] = rows[j], rows[i]
        position = j
    elif action == "copy":
        rows.insert(i + 1, dict(rows[i]))
        position = i + 1
    else:
        del rows[i]
        position = min(i, len(rows) - 1)
    reseed(input_text, rows)
    state[MOVE_KEY] = max(position, 0) + 1


def load_spec() -> None:
    state = st.session_state
    try:
        shape, layers = netspec.parse_spec(state.get("arch.paste", ""))
    except netspec.SpecError as err:
        state[ERROR_KEY] = ("archpage.spec_invalid", err)
        return
    state.pop(ERROR_KEY, None)
    state.pop(DROPPED_KEY, None)
    reseed(netspec.format_input_shape(shape), table_rows(layers))


def column_config() -> dict:
    cc = st.column_config
    return {
        "type": cc.SelectboxColumn(ctx.t("archpage.ed.type"), options=list(A.TABLE_TYPES), required=True,
                                   help=ctx.t("archpage.ed.type_help"),
                                   format_func=lambda kind: ctx.t(f"arch.kind.{kind}"), width="medium"),
        "out": cc.NumberColumn(ctx.t("archpage.ed.out"), min_value=1, max_value=netspec.MAX_SPEC_NUMBER, step=1,
                               format="%d",
                               help=ctx.t("archpage.ed.out_help")),
        "kernel": cc.TextColumn(ctx.t("archpage.ed.kernel"), help=ctx.t("archpage.ed.kernel_help"), max_chars=9),
        "stride": cc.TextColumn(ctx.t("archpage.ed.stride"), help=ctx.t("archpage.ed.stride_help"), max_chars=9),
        "padding": cc.TextColumn(ctx.t("archpage.ed.padding"), help=ctx.t("archpage.ed.padding_help"), max_chars=9),
        "p": cc.NumberColumn(ctx.t("archpage.ed.p"), min_value=0.0, max_value=1.0, step=0.05, format="%.2f",
                             help=ctx.t("archpage.ed.p_help")),
    }


def custom_network() -> tuple[tuple, list[int] | None]:
    """Show the editor; return the network key and, per layer, its 1-based row in the table."""
    state = st.session_state
    base = custom_base()
    gen = base["gen"]
    st.caption(ctx.t("archpage.custom.note"))
    if state.get(ERROR_KEY):
        key, err = state[ERROR_KEY]
        st.warning(ctx.t(key, message=message(err, ctx.lang, "message"), fix=message(err, ctx.lang, "fix")),
                   icon=":material/link_off:")
    if state.get(DROPPED_KEY):
        kinds = ", ".join(ctx.t(f"arch.kind.{k}") for k in state[DROPPED_KEY])
        st.caption(ctx.t("archpage.dropped", kinds=kinds))
    input_text = st.text_input(ctx.t("archpage.input_shape"), value=base["input"], key=f"arch.input.{gen}.{ctx.lang}",
                               help=ctx.t("archpage.input_shape_help"), max_chars=40)
    edited = st.data_editor(editor_frame(base["rows"]), key=f"arch.editor.{gen}.{ctx.lang}", num_rows="dynamic",
                            column_config=column_config(), hide_index=False, width="stretch", placeholder="",
                            disabled=["_index"], height=min(40 + 35 * (len(base["rows"]) + 1), 640))
    rows = [clean_row(r) for r in edited.to_dict("records")]
    labels = [int(label) for label in edited.index]
    state[LAST_KEY] = (input_text, rows)
    state[LABELS_KEY] = labels
    if not ctx.presentation and rows:
        if state.get(MOVE_KEY) not in labels:
            state[MOVE_KEY] = labels[0]
        c_row, c_up, c_down, c_copy, c_remove = st.columns([1.3, 1, 1, 1, 1], vertical_alignment="bottom")
        with c_row:
            st.selectbox(ctx.t("archpage.move_row"), labels, key=MOVE_KEY, help=ctx.t("archpage.move_help"))
        for column, action, icon in ((c_up, "up", ":material/arrow_upward:"),
                                     (c_down, "down", ":material/arrow_downward:"),
                                     (c_copy, "copy", ":material/content_copy:"),
                                     (c_remove, "remove", ":material/delete:")):
            label = {"up": "move_up", "down": "move_down", "copy": "insert_copy", "remove": "remove_row"}[action]
            column.button(ctx.t(f"archpage.{label}"), key=f"arch.row_{action}", on_click=change_row, args=(action,),
                          icon=icon, width="stretch")
    parsed = A.layers_from_table(rows)
    for index, prob in parsed.problems:
        st.warning(ctx.t("archpage.row_skipped", row=labels[index], message=message(prob, ctx.lang, "message"),
                         fix=message(prob, ctx.lang, "fix")),
                   icon=":material/table_rows:")
    try:
        shape = netspec.parse_input_shape(input_text)
    except netspec.SpecError as err:
        st.warning(ctx.t("archpage.input_invalid", message=message(err, ctx.lang, "message"),
                         fix=message(err, ctx.lang, "fix")),
                   icon=":material/input:")
        st.stop()
    if not parsed.layers:
        st.info(ctx.t("archpage.empty_network"), icon=":material/add_row_below:")
    spec = netspec.format_spec(shape, parsed.layers)
    try:  # what the table holds must also read back from the link (numbers within the spec's limits)
        netspec.parse_spec(spec)
    except netspec.SpecError as err:
        st.warning(ctx.t("archpage.spec_invalid", message=message(err, ctx.lang, "message"),
                         fix=message(err, ctx.lang, "fix")),
                   icon=":material/warning:")
        st.stop()
    if spec == DEFAULT_SPEC:
        if SPEC_PARAM in st.query_params:
            del st.query_params[SPEC_PARAM]
    elif st.query_params.get(SPEC_PARAM) != spec:
        st.query_params[SPEC_PARAM] = spec
    if not ctx.presentation:
        with st.expander(ctx.t("archpage.spec_header"), icon=":material/link:"):
            st.caption(ctx.t("archpage.spec_caption"))
            st.code(spec, language=None, wrap_lines=True)
            c_text, c_button = st.columns([4, 1], vertical_alignment="bottom")
            c_text.text_input(ctx.t("archpage.spec_load"), key="arch.paste", max_chars=4000, placeholder=DEFAULT_SPEC)
            c_button.button(ctx.t("archpage.spec_load_button"), key="arch.load", on_click=load_spec,
                            icon=":material/upload:", width="stretch")
    skipped = {index for index, _ in parsed.problems}
    return (CUSTOM, spec), [label for i, label in enumerate(labels) if i not in skipped]


# --------------------------------------------------------------------------------------------
# the summary table
# --------------------------------------------------------------------------------------------

ROW_STYLE = {
    "invalid": "background-color: #fde2dc; color: #7a1a05; font-weight: 600",
    "waiting": "color: #8a8a8a; font-style: italic",
    "total": "background-color: #eef2f7; font-weight: 700",
    "ok": "",
}


COLUMN_WIDTHS = {"row": 70, "layer": 175, "status": 95, "type": 200, "hparams": 340, "shape": 120, "params": 120,
                 "formula": 250, "macs": 140, "memory": 110, "rf": 150, "note": 420}


MAIN_COLUMNS = ("row", "layer", "shape", "params", "macs", "rf")
"""The columns that fit a 1400 px screen; status and note join them only when a row is not ok."""


def summary_frames(summary: A.Summary, table_row_numbers):
    """The formatted records (numbers as grouped text) and their status codes."""
    records = figs.summary_records(summary, ctx.lang, table_row_numbers)
    statuses = [r["status"] for r in records]
    for r in records:
        r["status"] = "" if r["status"] in ("total", "ok") else ctx.t(f"archpage.status.{r['status']}")
        for column in ("row", "params", "macs"):
            r[column] = "" if r[column] is None else figs.group_digits(r[column])
        r["memory"] = "" if r["memory"] is None else figs.human_bytes(r["memory"])
    return records, statuses


def show_table(records, statuses, columns, *, height=None) -> None:
    """One st.dataframe of ``records`` restricted to ``columns``, rows styled by status."""
    frame = pd.DataFrame(records, columns=columns)
    labels = {c: figs.record_label(c, ctx.lang) for c in columns}
    frame.columns = [labels[c] for c in columns]

    def style_row(row):
        return [ROW_STYLE[statuses[row.name]]] * len(row)

    scale = 1.35 if ctx.presentation else 1.0
    config = {labels[c]: st.column_config.TextColumn(labels[c], width=int(scale * COLUMN_WIDTHS[c]))
              for c in columns}
    st.dataframe(frame.style.apply(style_row, axis=1), hide_index=True, width="stretch", column_config=config,
                 height=height or min(38 + 35 * len(frame), 720))


def summary_table(summary: A.Summary, table_row_numbers) -> None:
    """The summary: the main columns (status and reason only when a row is not ok), the total row
    pinned under it, and every column (type, hyper-parameters, formula, memory) in an expander."""
    records, statuses = summary_frames(summary, table_row_numbers)
    present = [c for c in figs.RECORD_COLUMNS if c != "row" or table_row_numbers is not None]
    main = [c for c in MAIN_COLUMNS if c in present]
    if any(code in ("invalid", "waiting") for code in statuses):
        main += ["status", "note"]
    show_table(records[:-1], statuses[:-1], main)
    show_table(records[-1:], statuses[-1:], main, height=74)  # the total, always in view under the table
    with st.expander(ctx.t("archpage.all_columns"), icon=":material/table_view:"):
        full = [c for c in present if not (ctx.presentation and c in ("memory", "rf", "hparams"))]
        show_table(records, statuses, full)


# --------------------------------------------------------------------------------------------
# page
# --------------------------------------------------------------------------------------------

st.title(ctx.t("archpage.title"))
intro(ctx, ctx.t("archpage.intro"))
quiz_slot = quiz.slot("architectures")

page_only = ctx.presentation or ctx.embed  # projected or embedded: the drawing in the first screen
with st.container(border=not page_only):
    c_net, c_opt1, c_opt2 = st.columns([1.6, 1.0, 1.0])
    with c_net:
        name = url_select("arch.net", ctx.t("archpage.network"), NETWORKS, "alexnet",
                          format_func=lambda n: ctx.t("archpage.custom") if n == CUSTOM else ctx.t(f"arch.preset.{n}"))
    options = {}
    if name == "lenet5":
        with c_opt1:
            options["activation"] = url_select("arch.act", ctx.t("archpage.opt.activation"),
                                               ["relu", "sigmoid", "tanh", "leaky_relu"], "relu",
                                               format_func=lambda k: ctx.t(f"arch.kind.{k}"))
        with c_opt2:
            options["pooling"] = url_select("arch.pool", ctx.t("archpage.opt.pooling"), ["max", "avg"], "max",
                                            format_func=lambda k: ctx.t(f"arch.kind.{k}pool"), horizontal=True)
    elif name == "alexnet":
        with c_opt1:
            options["towers"] = url_select("arch.towers", ctx.t("archpage.opt.towers"), [1, 2], 1, horizontal=True,
                                           format_func=lambda n: ctx.t(f"archpage.towers.{n}"))
    table_row_numbers = None
    if name == CUSTOM:
        key, table_row_numbers = custom_network()
    else:
        if SPEC_PARAM in st.query_params:  # the custom table stays in the session, not in a preset's link
            del st.query_params[SPEC_PARAM]
        option_items = tuple(sorted(options.items()))
        key = ("preset", name, option_items)
        if not page_only:
            st.caption(ctx.t(f"arch.preset.{name}.note"))
        if not ctx.presentation:
            input_text, prob, _ = editable_for(name, option_items)
            st.button(ctx.t("archpage.edit_copy"), key="arch.edit_copy", on_click=edit_copy, args=(name, option_items),
                      icon=":material/edit:", disabled=input_text is None,
                      help=ctx.t("archpage.edit_copy_help") if input_text is not None else
                      ctx.t("archpage.not_editable", reason=message(prob, ctx.lang, "message")))

network = network_for(key)
summary = summary_for(key)
quiz.ask(quiz_slot, ctx, lambda seed: quizzes.architectures_question(summary, network, seed=seed))
bad = summary.first_invalid
if bad is not None:
    waiting = sum(1 for r in summary.rows if r.status == "waiting" and r.depth == 0)
    fields = {"name": literal(bad.name),
              "reason": message(bad.problem, ctx.lang, "message") if bad.problem else figs.row_reason(bad, ctx.lang),
              "fix": message(bad.problem, ctx.lang, "fix") if bad.problem else figs.row_fix(bad, ctx.lang)}
    tail = ctx.t("archpage.banner_waiting", waiting=waiting) if waiting else ctx.t("archpage.banner_last")
    if table_row_numbers is not None:
        top = [r for r in summary.rows if r.depth == 0][1:]
        fields["row"] = table_row_numbers[top.index(bad)]
        st.error(ctx.t("archpage.invalid_banner_row", **fields) + " " + tail, icon=":material/block:")
    else:
        st.error(ctx.t("archpage.invalid_banner", **fields) + " " + tail, icon=":material/block:")

# --- 1. the drawing ------------------------------------------------------------------------------
volumes, costs = charts_for(key, ctx.lang, ctx.presentation)
st.header(ctx.t("archpage.drawing_header"))
st.plotly_chart(volumes, key="arch.volumes", config=CHART)
st.caption(ctx.t("archpage.drawing_caption"))
if page_only and name != CUSTOM:
    st.caption(ctx.t(f"arch.preset.{name}.note"))

# --- 2. the summary ------------------------------------------------------------------------------
st.header(ctx.t("archpage.summary_header"))
if ctx.presentation:  # larger type: two rows of metrics
    m_params, m_macs, m_out = st.columns([1.2, 1, 1])
    m_act, m_weights, _ = st.columns([1.2, 1, 1])
else:
    m_params, m_macs, m_act, m_weights, m_out = st.columns([1.35, 1.05, 0.95, 0.95, 1.2])
m_params.metric(ctx.t("archpage.m.params"), figs.group_digits(summary.total_params),
                delta=ctx.t("archpage.m.trainable", n=figs.group_digits(summary.trainable_params))
                if summary.trainable_params != summary.total_params else None, delta_color="off", delta_arrow="off",
                help=ctx.t("archpage.m.params_help", exact=figs.group_digits(summary.total_params)))
m_macs.metric(ctx.t("archpage.m.macs"), figs.compact_count(summary.total_macs, ctx.lang),
              help=ctx.t("archpage.m.macs_help", exact=figs.group_digits(summary.total_macs)))
m_act.metric(ctx.t("archpage.m.act"), figs.human_bytes(summary.activation_bytes),
             help=ctx.t("archpage.m.act_help", dtype=summary.dtype,
                        elements=figs.group_digits(summary.activation_elements)))
m_weights.metric(ctx.t("archpage.m.weights"), figs.human_bytes(summary.param_bytes),
                 help=ctx.t("archpage.m.weights_help", dtype=summary.dtype))
m_out.metric(ctx.t("archpage.m.output"),
             "×".join(map(str, summary.output_shape)) if summary.output_shape else ctx.t("archpage.m.none"))
summary_table(summary, table_row_numbers)
st.caption(ctx.t("archpage.table_caption"))

# --- 3. the Inception 1×1 reduction ---------------------------------------------------------------
if name in INCEPTION:
    st.header(ctx.t("archpage.reduce_header"))
    st.markdown(ctx.t("archpage.reduce_intro"))
    reduced = url_slider("arch.reduce", ctx.t("archpage.reduce.slider"), 1, 128, 32)
    example = A.inception_reduction_example(reduced_channels=reduced)
    k = f"{example.kernel_size}×{example.kernel_size}"
    m_direct, m_reduced, m_ratio = st.columns(3)
    m_direct.metric(ctx.t("archpage.reduce.m_direct", k=k), figs.group_digits(example.direct_weights))
    m_reduced.metric(ctx.t("archpage.reduce.m_reduced", k=k), figs.group_digits(example.reduced_weights))
    m_ratio.metric(ctx.t("archpage.reduce.m_ratio"), ctx.t("archpage.reduce.ratio_value", ratio=example.ratio))
    st.latex(example.direct_formula.replace("×", r" \times ").replace(",", "{,}"))
    st.latex(example.reduced_formula.replace("×", r" \times ").replace(",", "{,}"))
    st.plotly_chart(figcache.cached_figure(("arch.reduction", reduced, ctx.lang, ctx.presentation),
                                           lambda: figs.reduction_figure(example, lang=ctx.lang,
                                                                         presentation=ctx.presentation)),
                    key="arch.reduction", config=CHART)
    if reduced == 32:
        st.info(ctx.t("arch.inception_note", slide=example.slide_weights, reduce=example.reduce_weights,
                      reduced=example.reduced_weights, ratio=example.ratio, direct=example.direct_weights),
                icon=":material/priority_high:")
    else:
        st.info(ctx.t("archpage.reduce.other_r", r=reduced, reduce=figs.group_digits(example.reduce_weights),
                      conv=figs.group_digits(example.conv_weights), total=figs.group_digits(example.reduced_weights)),
                icon=":material/priority_high:")
    st.caption(ctx.t("archpage.reduce.macs", direct=figs.group_digits(example.direct_macs),
                     reduced=figs.group_digits(example.reduced_macs)))
    with_r, without_r = summary_for(("preset", "inception3a", ())), summary_for(("preset", "inception3a-naive", ()))
    st.markdown(ctx.t("archpage.reduce.module", with_params=figs.group_digits(with_r.total_params),
                      with_c=with_r.output_shape[0], without_params=figs.group_digits(without_r.total_params),
                      without_c=without_r.output_shape[0]))

# --- 4. one layer worked out ---------------------------------------------------------------------
top_rows = [r for r in summary.rows if r.depth == 0][1:]
if top_rows:
    st.subheader(ctx.t("archpage.explain_header"))
    names = [r.name for r in top_rows]
    default = bad.name if bad is not None and bad.name in names else next(
        (r.name for r in top_rows if r.formula), names[0])
    flagged = bad.name if bad is not None else None
    if flagged != st.session_state.get("arch._flagged"):  # a layer just became invalid: show its numbers
        st.session_state["arch._flagged"] = flagged
        if flagged in names:
            st.session_state["arch.layer"] = flagged
    chosen = url_select("arch.layer", ctx.t("archpage.explain_layer"), names, default)
    row = top_rows[names.index(chosen)]
    layer = network.layers[names.index(chosen)]
    c_size, c_params = st.container(), st.container()
    with c_size:
        st.markdown(f"**{ctx.t('archpage.explain_size')}**")
        lines = figs.size_latex(layer, row)
        for line in lines:
            st.latex(line)
        if row.status == "waiting":
            st.caption(ctx.t("archpage.explain_waiting", name=literal(row.name)))
        elif not lines and row.status == "ok":
            st.caption(ctx.t("archpage.explain_no_window", name=literal(row.name), shape=row.shape_text))
    with c_params:
        st.markdown(f"**{ctx.t('archpage.explain_params')}**")
        formula = figs.params_latex(row)
        if formula:
            st.latex(formula)
        elif row.status == "ok":
            st.caption(ctx.t("archpage.explain_no_params", name=literal(row.name)))
        elif row.status == "invalid":
            st.caption(ctx.t("archpage.explain_invalid", name=literal(row.name)))

# --- 5. where the parameters and the compute go -------------------------------------------------
st.header(ctx.t("archpage.cost_header"))
shares = figs.cost_shares(summary)
all_params = sum(p for p, _ in shares.values())
all_macs = sum(m for _, m in shares.values())
if all_params and all_macs and shares["fc"][0] and shares["conv"][0]:
    st.markdown(ctx.t("archpage.cost_share",
                      fc_params=f"{100 * shares['fc'][0] / all_params:.0f}%",
                      fc_macs=f"{100 * shares['fc'][1] / all_macs:.1f}%",
                      conv_params=f"{100 * shares['conv'][0] / all_params:.0f}%",
                      conv_macs=f"{100 * shares['conv'][1] / all_macs:.0f}%"))
st.plotly_chart(costs, key="arch.costs", config=CHART)

# --- 6. export -----------------------------------------------------------------------------------
st.header(ctx.t("archpage.export_header"))
st.markdown(ctx.t("archpage.export_intro"))
exports = exports_for(key, ctx.lang)
tab_torch, tab_keras, tab_csv = st.tabs([ctx.t("archpage.tab.torch"), ctx.t("archpage.tab.keras"),
                                         ctx.t("archpage.tab.csv")])
for tab, kind, suffix, mime in ((tab_torch, "torch", "_pytorch.py", "text/x-python"),
                                (tab_keras, "keras", "_keras.py", "text/x-python")):
    with tab:
        code, prob = exports[kind]
        if code is None:
            why = "archpage.export_invalid" if bad is not None else "archpage.export_unsupported"
            st.warning(ctx.t(why, reason=message(prob, ctx.lang, "message"), fix=message(prob, ctx.lang, "fix")),
                       icon=":material/code_off:")
        else:
            st.download_button(ctx.t(f"archpage.download.{kind}"), data=code, file_name=summary.name + suffix,
                               mime=mime, key=f"arch.download_{kind}", on_click="ignore", icon=":material/download:")
            st.code(code, language="python")
with tab_csv:
    st.download_button(ctx.t("archpage.download.csv"), data=exports["csv"], file_name=f"{summary.name}_{ctx.lang}.csv",
                       mime="text/csv", key="arch.download_csv", on_click="ignore", icon=":material/download:")
    st.code(exports["csv"], language=None)
