"""Make the accurate NER model deterministic: fixed activation scales instead of per-batch ones.

`quantize_dynamic` (export_accurate.py) quantises every activation that enters an int8 matrix
product with a scale computed from the minimum and maximum of the whole input tensor, that is, over
every sentence in the batch and its padding. A sentence's tags then depended on which other sentences
were tagged with it: 38 of 500 GermEval dev sentences were tagged differently alone than in a batch,
so `storyline batch` (other batches) and `storyline ingest` disagreed on entities and event ids.

This script measures the range of each of those activations over calibration text (silver sentences
and headlines from ../shared/data, no GermEval), widens it by ``--margin``, and replaces each
`DynamicQuantizeLinear` with a `QuantizeLinear` of that fixed scale and zero point. The result is
batch-independent; its GermEval dev F1 is printed next to the dynamic model's.

Usage: python training/ner/static_scales.py [--calibration 4000] [--margin 1.1]
(needs onnx; run after export_accurate.py; rewrites storyline/models/ner/accurate/encoder.onnx.partNN)
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import onnx
from common import MODELS, WORK, germeval, sample_texts
from onnx import TensorProto, helper, numpy_helper

from storyline.nlp.ner.tagger import AccurateTagger, read_parts

PART = 4_500_000


def _calibration(n: int, seed: int) -> list[str]:
    return sample_texts(n, seed, 600)


def _ranges(model: onnx.ModelProto, texts: list[str]) -> dict[str, tuple[float, float]]:
    """min/max of every DynamicQuantizeLinear input over ``texts``, tagged in production batches."""
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    names = [n.input[0] for n in probe.graph.node if n.op_type == "DynamicQuantizeLinear"]
    for name in names:
        probe.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    tagger = AccurateTagger()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(probe.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    lo = dict.fromkeys(names, 0.0)
    hi = dict.fromkeys(names, 0.0)
    real_run = tagger.sess.run

    def run(_outputs, feeds):  # type: ignore[no-untyped-def]
        outs = sess.run(None, feeds)
        for name, arr in zip(names, outs[1:], strict=True):
            lo[name] = min(lo[name], float(arr.min()))
            hi[name] = max(hi[name], float(arr.max()))
        return outs[:1]

    tagger.sess.run = run  # type: ignore[method-assign]
    for i in range(0, len(texts), 256):
        tagger.tag(texts[i : i + 256])
    tagger.sess.run = real_run  # type: ignore[method-assign]
    return {n: (lo[n], hi[n]) for n in names}


def rewrite(model: onnx.ModelProto, ranges: dict[str, tuple[float, float]], margin: float) -> onnx.ModelProto:
    """Each DynamicQuantizeLinear(x) -> QuantizeLinear(x, fixed scale, fixed zero point), with the
    scale and zero point outputs turned into constants under their old names."""
    out = onnx.ModelProto()
    out.CopyFrom(model)
    nodes = []
    for node in out.graph.node:
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        lo, hi = ranges[node.input[0]]
        lo, hi = min(lo * margin, 0.0), max(hi * margin, 0.0)
        scale = np.float32((hi - lo) / 255.0 or 1.0)
        zp = np.uint8(np.clip(np.round(-lo / scale), 0, 255))
        y, y_scale, y_zp = node.output
        out.graph.initializer.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), y_scale))
        out.graph.initializer.append(numpy_helper.from_array(np.array(zp, dtype=np.uint8), y_zp))
        nodes.append(helper.make_node("QuantizeLinear", [node.input[0], y_scale, y_zp], [y], name=node.name + "_static"))
    del out.graph.node[:]
    out.graph.node.extend(_fused(nodes))
    if not any(o.domain == "com.microsoft" for o in out.opset_import):
        out.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(out)
    return out


def _fused(nodes: list[onnx.NodeProto]) -> list[onnx.NodeProto]:
    """MatMulInteger -> Cast -> Mul(Mul(a_scale, b_scale)) as one com.microsoft MatMulIntegerToFloat,
    onnxruntime's fused int8 kernel. onnxruntime fuses this pattern itself only behind a dynamic
    quantisation; unfused, the static model ran at about half the speed."""
    by_input: dict[str, list[onnx.NodeProto]] = {}
    by_output: dict[str, onnx.NodeProto] = {}
    for n in nodes:
        for i in n.input:
            by_input.setdefault(i, []).append(n)
        for o in n.output:
            by_output[o] = n
    drop: set[int] = set()
    replace: dict[int, onnx.NodeProto] = {}
    for n in nodes:
        if n.op_type != "MatMulInteger":
            continue
        (cast,) = by_input[n.output[0]]
        (mul,) = by_input[cast.output[0]]
        scales = by_output[mul.input[1]]
        if cast.op_type != "Cast" or mul.op_type != "Mul" or scales.op_type != "Mul" or len(by_input[scales.output[0]]) != 1:
            raise SystemExit(f"unexpected pattern after {n.name}")
        a_q, b_q, a_zp, b_zp = n.input
        a_scale, b_scale = scales.input
        replace[id(n)] = helper.make_node(
            "MatMulIntegerToFloat", [a_q, b_q, a_scale, b_scale, a_zp, b_zp], [mul.output[0]],
            domain="com.microsoft", name=n.name + "_fused",
        )
        drop.update({id(cast), id(mul), id(scales)})
    return [replace.get(id(n), n) for n in nodes if id(n) not in drop]


def _dev_f1(model_bytes: bytes) -> float:
    import onnxruntime as ort

    from storyline.eval.ner import score

    tagger = AccurateTagger()
    tagger.sess = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    sents = germeval("dev")
    return float(score([s.spans() for s in sents], tagger.tag([s.text for s in sents]))["f1"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calibration", type=int, default=4000)
    ap.add_argument("--margin", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    d = MODELS / "accurate"
    meta = json.loads((d / "meta.json").read_text())
    model = onnx.load_from_string(read_parts(d, meta["encoder"]))
    if not any(n.op_type == "DynamicQuantizeLinear" for n in model.graph.node):
        raise SystemExit("the shipped encoder has fixed scales already (run export_accurate.py first)")
    ranges = _ranges(model, _calibration(args.calibration, args.seed))
    fixed = rewrite(model, ranges, args.margin).SerializeToString()
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "static_ranges.json").write_text(json.dumps(ranges, indent=1))
    before, after = _dev_f1(model.SerializeToString()), _dev_f1(fixed)
    for p in meta["encoder"]:
        (d / p).unlink()
    parts = [f"encoder.onnx.part{i // PART:02d}" for i in range(0, len(fixed), PART)]
    for name, i in zip(parts, range(0, len(fixed), PART), strict=True):
        (d / name).write_bytes(fixed[i : i + PART])
    meta["encoder"] = parts
    meta["activation_scales"] = "static"
    (d / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps({"dev_f1_dynamic": round(before, 4), "dev_f1_static": round(after, 4), "margin": args.margin}))


if __name__ == "__main__":
    main()

