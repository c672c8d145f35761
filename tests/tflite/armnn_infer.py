#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a .tflite file in Arm NN (Debian's python3-pyarmnn, TfLiteParser, CpuRef backend): an
interpreter TinyML Studio did not write, for the oracle tests of the .tflite export.

    armnn_infer.py MODEL PIXELS COUNT OUT

PIXELS holds COUNT images as raw bytes (0..255, h*w*c each, NHWC). Each image goes in as the
model's input tensor asks: float32 p / 255, or an int8/uint8 tensor quantized with the input's
own scale and zero point (round half away from zero). OUT receives COUNT rows of the output
tensor as little-endian float32 (the raw integers for a quantized output). Prints one line:
"input TYPE scale zero_point; output TYPE scale zero_point; backends LIST".
Exit code 3: Arm NN refused the model (its reason on stderr).
"""
import contextlib
import io
import sys

import numpy as np

with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    # (its notes about the parsers it was built without)
    import pyarmnn as ann


def type_name(data_type):
    names = {ann.DataType_Float32: "float32", ann.DataType_QAsymmS8: "int8",
             ann.DataType_QAsymmU8: "uint8"}
    return names.get(data_type, str(data_type))


def main():
    model, pixels_path, count, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    parser = ann.ITfLiteParser()
    try:
        network = parser.CreateNetworkFromBinaryFile(model)
        graph = 0
        in_name = parser.GetSubgraphInputTensorNames(graph)[0]
        out_name = parser.GetSubgraphOutputTensorNames(graph)[0]
        in_binding = parser.GetNetworkInputBindingInfo(graph, in_name)
        out_binding = parser.GetNetworkOutputBindingInfo(graph, out_name)
        # Debian 12's libarmnn22 finds its backends in /usr/lib/<triplet>/armnn22 on its own
        # (docs/facts.md §12); ARMNN_BACKENDS would only be needed for a backend elsewhere.
        options = ann.CreationOptions()
        runtime = ann.IRuntime(options)
        optimized, messages = ann.Optimize(network, [ann.BackendId("CpuRef")],
                                           runtime.GetDeviceSpec(), ann.OptimizerOptions())
        net_id, _ = runtime.LoadNetwork(optimized)
    except Exception as e:  # Arm NN raises RuntimeError with its reason
        print(f"armnn refused {model}: {e}", file=sys.stderr)
        return 3

    in_info, out_info = in_binding[1], out_binding[1]
    in_type, out_type = in_info.GetDataType(), out_info.GetDataType()
    size = in_info.GetNumElements()
    raw = np.fromfile(pixels_path, dtype=np.uint8)
    if raw.size < count * size:
        print(f"{pixels_path}: {raw.size} bytes, {count * size} needed", file=sys.stderr)
        return 2
    images = raw[: count * size].reshape(count, size).astype(np.float64) / 255.0
    if in_type == ann.DataType_Float32:
        inputs = images.astype(np.float32)
    else:
        scale, zero = in_info.GetQuantizationScale(), in_info.GetQuantizationOffset()
        v = images / scale
        q = np.sign(v) * np.floor(np.abs(v) + 0.5) + zero
        lo, hi, dtype = (-128, 127, np.int8) if in_type == ann.DataType_QAsymmS8 else (0, 255, np.uint8)
        inputs = np.clip(q, lo, hi).astype(dtype)

    rows = []
    for i in range(count):
        input_tensors = ann.make_input_tensors([in_binding], [inputs[i]])
        output_tensors = ann.make_output_tensors([out_binding])
        runtime.EnqueueWorkload(net_id, input_tensors, output_tensors)
        rows.append(np.asarray(ann.workload_tensors_to_ndarray(output_tensors)[0]).reshape(-1))
    np.stack(rows).astype("<f4").tofile(out_path)
    print(f"input {type_name(in_type)} {in_info.GetQuantizationScale()} "
          f"{in_info.GetQuantizationOffset()}; output {type_name(out_type)} "
          f"{out_info.GetQuantizationScale()} {out_info.GetQuantizationOffset()}; "
          f"backends {runtime.GetDeviceSpec()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
