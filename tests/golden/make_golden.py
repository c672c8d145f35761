#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden values for the training engine, computed independently with PyTorch.

Small dense networks are built here in float64 with fixed inputs and parameters; PyTorch's
autograd gives every gradient. The results go into small JSON files next to this script,
which tests/core/tst_golden.cpp replays through the engine (that test needs no PyTorch).

Run with Debian's Python, which has python3-torch:  /usr/bin/python3 tests/golden/make_golden.py
The output is deterministic: running the script again rewrites the same bytes.

Conventions of the files (the engine's own):
- every matrix is a list of rows; X is (inputs, n) with one sample per column, a kernel W is
  (units, inputs), and z, a and dL/dz of a layer are (units, n);
- every number the engine receives (inputs, parameters, targets, hyperparameters) is a float32
  value, so the engine starts from exactly the numbers used here; all arithmetic here is float64.
"""

import json
import math
import os
import random
import struct
import sys

import torch

torch.set_default_dtype(torch.float64)

OUT_DIR = os.path.dirname(os.path.abspath(__file__))

# The engine's leaky ReLU slope for negative inputs (core: kLeakyReluSlope).
LEAKY_SLOPE = 0.01
# A ReLU-like unit whose z lies this close to 0 could change sides under float32 rounding.
KINK_MARGIN = 0.02
# The tolerance of tests/core/tst_golden.cpp: |engine - golden| <= max(REL * |golden|, ABS).
REL, ABS = 1e-6, 1e-7
# One float32 ulp at 1.0.
ULP32 = 2.0 ** -23


def f32(x):
    """The float32 value nearest to x, as a Python float (exact)."""
    return struct.unpack("<f", struct.pack("<f", float(x)))[0]


class Draw:
    """Deterministic values from Python's own Mersenne Twister with a fixed seed (no NumPy,
    and not PyTorch's generator). Values are multiples of 1/256: exact in float32, short in JSON."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def value(self, lo=-1.0, hi=1.0):
        steps = int(round((hi - lo) * 256))
        return lo + self.rng.randint(0, steps) / 256.0

    def matrix(self, rows, cols, lo=-1.0, hi=1.0):
        return [[self.value(lo, hi) for _ in range(cols)] for _ in range(rows)]

    def labels(self, n, classes):
        """Class labels, not all the same when there are two samples or more."""
        while True:
            y = [self.rng.randrange(classes) for _ in range(n)]
            if n < 2 or len(set(y)) > 1:
                return y

    def mask(self, rows, cols, keep):
        """Keep pattern of 0 and 1, with at least one kept and one dropped unit per column
        whenever the layer has two units or more (so both paths are exercised)."""
        while True:
            m = [[1.0 if self.rng.random() < keep else 0.0 for _ in range(cols)] for _ in range(rows)]
            ok = all(0 < sum(m[r][c] for r in range(rows)) < rows for c in range(cols))
            if ok or rows < 2:
                return m


def relu_friendly(z):
    positive = (z > 0).double().mean().item()
    return z.abs().min().item() >= KINK_MARGIN and 0.25 <= positive <= 0.75


def t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def activate(name, z):
    if name == "linear":
        return z
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name == "leaky_relu":
        return torch.nn.functional.leaky_relu(z, LEAKY_SLOPE)
    if name == "softmax":
        return torch.softmax(z, dim=0)  # per column: one sample per column
    raise ValueError(name)


class Case:
    """One network with one batch: the engine's ModelSpec plus data and parameters.

    The batch and parameters are drawn again (from the next seed of a fixed sequence) until
    they are fit for a float32 engine, see acceptable()."""

    def __init__(self, name, input_size, layers, loss, n, seed, l2=0.0, dropout=0.0,
                 dense_targets=False):
        self.name = name
        self.input_size = input_size
        self.layers = layers  # [(units, activation)]
        self.loss = loss
        self.l2 = f32(l2)
        self.dropout = f32(dropout)
        for attempt in range(1000):
            self._draw(Draw(seed * 1000 + attempt), n, dense_targets)
            if self.acceptable(self.params, self.compute(self.params)):
                return
        raise RuntimeError(self.name + ": no acceptable draw")

    def _draw(self, draw, n, dense_targets):
        self.x = draw.matrix(self.input_size, n)
        outputs = self.layers[-1][0]
        self.labels = None
        self.targets = None
        if dense_targets:
            # Targets in [0, 1], what sigmoid and softmax outputs can reach.
            self.targets = draw.matrix(outputs, n, 0.0, 1.0)
        else:
            self.labels = draw.labels(n, outputs)
        self.params = []
        fan_in = self.input_size
        for units, _ in self.layers:
            self.params.append({"W": draw.matrix(units, fan_in), "b": draw.matrix(units, 1)})
            fan_in = units
        self.masks = None
        if self.dropout > 0.0:
            keep = 1.0 - self.dropout
            self.masks = [draw.mask(units, n, keep) for units, _ in self.layers[:-1]]

    def acceptable(self, params, res):
        """Whether float32 can reproduce this case to the test's tolerance.

        - ReLU-like layers: no z within KINK_MARGIN of the kink (float32 rounding must not move
          a unit to the other side), and both sides well represented.
        - Every sum the engine forms (z of the layers after the first, the back-propagated
          dL/dz, dW, db) must be well conditioned: one float32 ulp of the sum of the absolute
          values of its terms must fit within the tolerance of the result. A sum of terms of
          size 1 that cancels down to 0.1 carries about 1e-7 of rounding in float32, more than
          1e-6 relative; such draws are rejected rather than the tolerance widened. (The first
          layer's z is exact in float32: its inputs and weights are multiples of 1/256.)"""
        X = t(self.x)
        for l, (_, act) in enumerate(self.layers):
            if act in ("relu", "leaky_relu") and not relu_friendly(res["z"][l]):
                return False
            W, b = t(params[l]["W"]), t(params[l]["b"])
            prev = X if l == 0 else res["a"][l - 1]
            delta = res["delta"][l]
            sums = [
                (res["dW"][l], delta.abs() @ prev.abs().T + 2.0 * self.l2 * W.abs()),
                (res["db"][l], delta.abs().sum(dim=1, keepdim=True)),
            ]
            if l > 0:
                sums.append((res["z"][l], W.abs() @ prev.abs() + b.abs()))
                # dL/dz below = (W^T delta) * (dropout scale) * f'(z below): the sum is W^T delta.
                back = W.T @ delta
                factor = torch.where(back == 0, torch.zeros_like(back),
                                     res["delta"][l - 1] / back)
                sums.append((res["delta"][l - 1], (W.abs().T @ delta.abs()) * factor.abs()))
            for result, magnitude in sums:
                tolerance = torch.clamp(REL * result.abs(), min=ABS)
                if (ULP32 * magnitude > tolerance).any():
                    return False
        return True

    def compute(self, params):
        """Forward pass, loss and every gradient by autograd, in float64."""
        X = t(self.x)
        n = X.shape[1]
        Ws = [t(p["W"]).requires_grad_() for p in params]
        bs = [t(p["b"]).requires_grad_() for p in params]  # (units, 1)
        zs, As = [], []
        prev = X
        for l, (_, act) in enumerate(self.layers):
            z = Ws[l] @ prev + bs[l]
            z.retain_grad()
            a = activate(act, z)
            if self.masks is not None and l + 1 < len(self.layers):
                # Inverted dropout with the fixed keep pattern: a = f(z) * mask / keep.
                a = a * t(self.masks[l]) / (1.0 - self.dropout)
            zs.append(z)
            As.append(a)
            prev = a
        out_z, out = zs[-1], As[-1]
        if self.loss == "sparse_categorical_crossentropy":
            assert self.layers[-1][1] == "softmax"
            y = torch.tensor(self.labels)
            logp = torch.log_softmax(out_z, dim=0)
            data_loss = -logp[y, torch.arange(n)].mean()
        else:
            if self.targets is not None:
                T = t(self.targets)
            else:
                T = torch.zeros_like(out)
                T[torch.tensor(self.labels), torch.arange(n)] = 1.0
            # Mean over the outputs, then mean over the batch (Keras's MSE).
            data_loss = ((out - T) ** 2).mean(dim=0).mean()
        loss = data_loss
        if self.l2 > 0.0:
            # Keras-style kernel regulariser: l2 * sum of squares of every kernel, no biases.
            loss = loss + self.l2 * sum((W ** 2).sum() for W in Ws)
        loss.backward()
        return {
            "loss": loss.item(),
            "z": [z.detach() for z in zs],
            "a": [a.detach() for a in As],
            "delta": [z.grad.detach() for z in zs],
            "dW": [W.grad.detach() for W in Ws],
            "db": [b.grad.detach() for b in bs],
        }

    def spec(self):
        s = {
            "name": self.name,
            "input_size": self.input_size,
            "layers": [{"units": u, "activation": a} for u, a in self.layers],
            "loss": self.loss,
            "l2": self.l2,
            "dropout": self.dropout,
            "x": self.x,
        }
        if self.labels is not None and self.targets is None:
            s["labels"] = self.labels
        if self.targets is not None:
            s["targets"] = self.targets
        s["params"] = [{"W": p["W"], "b": column(p["b"])} for p in self.params]
        if self.masks is not None:
            s["keep_masks"] = self.masks
        return s


def column(m):
    """(units, 1) -> flat list."""
    return [row[0] for row in m]


def rows(tensor):
    return [[float(v) for v in row] for row in tensor.tolist()]


def flat(tensor):
    return [float(v) for v in tensor.reshape(-1).tolist()]


def layer_results(res):
    out = []
    for l in range(len(res["z"])):
        out.append({
            "z": rows(res["z"][l]),
            "a": rows(res["a"][l]),
            "dL_dz": rows(res["delta"][l]),
            "dW": rows(res["dW"][l]),
            "db": flat(res["db"][l]),
        })
    return out


def forward_backward(case):
    res = case.compute(case.params)
    d = case.spec()
    d["expected"] = {"loss": res["loss"], "layers": layer_results(res)}
    return d


# ---------------------------------------------------------------------------------------------
# Optimizers, written out by hand in Keras's formulation (torch.optim differs from Keras in
# where Adam's epsilon goes, in RMSprop's default decay, and in how momentum is accumulated).
# Each works on a list of float64 tensors (parameters, gradients) and keeps its own state.


class Sgd:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, g):
        for i in range(len(w)):
            w[i] = w[i] - self.lr * g[i]

    def state(self):
        return {}


class Momentum:
    """v = mu v - lr g;  w += v, or with Nesterov w += mu v - lr g."""

    def __init__(self, lr, mu, nesterov, shapes):
        self.lr, self.mu, self.nesterov = lr, mu, nesterov
        self.v = [torch.zeros(s) for s in shapes]

    def step(self, w, g):
        for i in range(len(w)):
            self.v[i] = self.mu * self.v[i] - self.lr * g[i]
            if self.nesterov:
                w[i] = w[i] + self.mu * self.v[i] - self.lr * g[i]
            else:
                w[i] = w[i] + self.v[i]

    def state(self):
        return {"first": self.v}


class RmsProp:
    """s = rho s + (1 - rho) g^2;  w -= lr g / (sqrt(s) + eps)."""

    def __init__(self, lr, rho, eps, shapes):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.s = [torch.zeros(s) for s in shapes]

    def step(self, w, g):
        for i in range(len(w)):
            self.s[i] = self.rho * self.s[i] + (1.0 - self.rho) * g[i] ** 2
            w[i] = w[i] - self.lr * g[i] / (torch.sqrt(self.s[i]) + self.eps)

    def state(self):
        return {"first": self.s}


class Adam:
    """m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
    lr_t = lr sqrt(1 - b2^t) / (1 - b1^t);  w -= lr_t m / (sqrt(v) + eps)  (epsilon outside the
    square root of the uncorrected v: Keras's "epsilon hat" form)."""

    def __init__(self, lr, b1, b2, eps, shapes):
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.m = [torch.zeros(s) for s in shapes]
        self.v = [torch.zeros(s) for s in shapes]
        self.t = 0

    def step(self, w, g):
        self.t += 1
        lr_t = self.lr * math.sqrt(1.0 - self.b2 ** self.t) / (1.0 - self.b1 ** self.t)
        for i in range(len(w)):
            self.m[i] = self.b1 * self.m[i] + (1.0 - self.b1) * g[i]
            self.v[i] = self.b2 * self.v[i] + (1.0 - self.b2) * g[i] ** 2
            w[i] = w[i] - lr_t * self.m[i] / (torch.sqrt(self.v[i]) + self.eps)

    def state(self):
        return {"first": self.m, "second": self.v}


def make_optimizer(settings, shapes):
    kind = settings["kind"]
    if kind == "sgd":
        return Sgd(settings["learning_rate"])
    if kind == "momentum":
        return Momentum(settings["learning_rate"], settings["momentum"], settings["nesterov"],
                        shapes)
    if kind == "rmsprop":
        return RmsProp(settings["learning_rate"], settings["rho"], settings["epsilon"], shapes)
    if kind == "adam":
        return Adam(settings["learning_rate"], settings["beta1"], settings["beta2"],
                    settings["epsilon"], shapes)
    raise ValueError(kind)


def optimizer_settings(kind, lr, nesterov=False):
    """The engine's OptimizerSpec fields, every one a float32 value (Keras's defaults except lr)."""
    return {
        "kind": kind,
        "learning_rate": f32(lr),
        "beta1": f32(0.9),
        "beta2": f32(0.999),
        "epsilon": f32(1e-7),
        "momentum": f32(0.9) if kind == "momentum" else 0.0,
        "nesterov": nesterov,
        "rho": f32(0.9),
    }


def state_per_layer(state, layer_count):
    """Flat list [W0, b0, W1, b1, ...] of state tensors -> per layer dicts."""
    out = {}
    for key, tensors in state.items():
        out[key] = [{"W": rows(tensors[2 * l]), "b": flat(tensors[2 * l + 1])}
                    for l in range(layer_count)]
    return out


def trajectory(case, settings, steps):
    """`steps` optimizer steps on the fixed batch, each from the gradient at the current
    parameters; records the loss and gradients before, and parameters and state after, each.
    Returns None when a step reaches parameters the float32 engine could not follow to the
    tolerance (see Case.acceptable), or, for RMSprop and Adam, which divide by the gradient's
    size, when a gradient comes within 1e-4 of 0 (its float32 direction would be noise)."""
    params = [t(p[k]) for p in case.params for k in ("W", "b")]
    opt = make_optimizer(settings, [p.shape for p in params])
    layer_count = len(case.layers)
    records = []
    for _ in range(steps):
        current = [{"W": rows(params[2 * l]), "b": rows(params[2 * l + 1])}
                   for l in range(layer_count)]
        res = case.compute(current)
        if not case.acceptable(current, res):
            return None
        grads = []
        for l in range(layer_count):
            grads += [res["dW"][l], res["db"][l]]
        if settings["kind"] in ("rmsprop", "adam") and min(g.abs().min().item() for g in grads) < 1e-4:
            return None
        opt.step(params, grads)
        record = {
            "loss": res["loss"],
            "gradients": [{"dW": rows(res["dW"][l]), "db": flat(res["db"][l])}
                          for l in range(layer_count)],
            "params_after": [{"W": rows(params[2 * l]), "b": flat(params[2 * l + 1])}
                             for l in range(layer_count)],
        }
        record.update(state_per_layer(opt.state(), layer_count))
        records.append(record)
    d = case.spec()
    d["name"] = settings["kind"] + ("_nesterov" if settings["nesterov"] else "")
    d["optimizer"] = settings
    d["steps"] = records
    return d


# ---------------------------------------------------------------------------------------------
# The golden sets.

HIDDEN_ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu"]
SCE = "sparse_categorical_crossentropy"
MSE = "mse"


def dense_sce():
    cases = []
    for i, act in enumerate(HIDDEN_ACTIVATIONS):
        cases.append(Case("4-5-3_" + act + "_softmax_n3", 4, [(5, act), (3, "softmax")], SCE,
                          n=3, seed=100 + i))
    cases.append(Case("3-4-4-2_tanh_relu_softmax_n1", 3,
                      [(4, "tanh"), (4, "relu"), (2, "softmax")], SCE, n=1, seed=110))
    cases.append(Case("3-4-4-2_leaky_relu_sigmoid_softmax_n4", 3,
                      [(4, "leaky_relu"), (4, "sigmoid"), (2, "softmax")], SCE, n=4, seed=111))
    cases.append(Case("5-6-4_relu_softmax_n8", 5, [(6, "relu"), (4, "softmax")], SCE,
                      n=8, seed=112))
    return cases


def dense_mse():
    cases = []
    for i, act in enumerate(["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]):
        cases.append(Case("4-5-3_tanh_" + act + "_n3", 4, [(5, "tanh"), (3, act)], MSE, n=3,
                          seed=200 + i, dense_targets=True))
    cases.append(Case("3-4-4-2_relu_sigmoid_linear_n5", 3,
                      [(4, "relu"), (4, "sigmoid"), (2, "linear")], MSE, n=5, seed=210,
                      dense_targets=True))
    # Mean squared error against class labels: the engine compares with their one-hot vectors.
    cases.append(Case("4-5-3_sigmoid_softmax_labels_n4", 4, [(5, "sigmoid"), (3, "softmax")],
                      MSE, n=4, seed=211))
    return cases


def l2_cases():
    return [
        Case("3-4-4-2_tanh_relu_softmax_sce_n3", 3, [(4, "tanh"), (4, "relu"), (2, "softmax")],
             SCE, n=3, seed=300, l2=0.01),
        Case("4-5-3_sigmoid_linear_mse_n2", 4, [(5, "sigmoid"), (3, "linear")], MSE, n=2,
             seed=301, l2=0.05, dense_targets=True),
    ]


def dropout_cases():
    return [
        Case("3-4-4-2_relu_tanh_softmax_sce_n4", 3, [(4, "relu"), (4, "tanh"), (2, "softmax")],
             SCE, n=4, seed=400, dropout=0.25),
        Case("4-6-3_sigmoid_linear_mse_n3", 4, [(6, "sigmoid"), (3, "linear")], MSE, n=3,
             seed=401, dropout=0.5, dense_targets=True),
        Case("3-5-2_leaky_relu_softmax_sce_l2_n2", 3, [(5, "leaky_relu"), (2, "softmax")], SCE,
             n=2, seed=402, dropout=0.2, l2=0.02),
    ]


OPTIMIZER_STEPS = 5


def trajectories(make_case, runs):
    """The trajectories of every optimizer in runs from one start: the first case in the
    sequence make_case(0), make_case(1), ... for which every run stays acceptable."""
    for attempt in range(100):
        case = make_case(attempt)
        out = [trajectory(case, settings, OPTIMIZER_STEPS) for settings in runs]
        if all(d is not None for d in out):
            return out
    raise RuntimeError("no acceptable start for the optimizer trajectories")


def optimizer_cases():
    """The same network, batch and start for every optimizer, and Adam once more with L2
    and mean squared error."""
    runs = [
        optimizer_settings("sgd", 0.5),
        optimizer_settings("momentum", 0.2),
        optimizer_settings("momentum", 0.2, nesterov=True),
        optimizer_settings("rmsprop", 0.01),
        optimizer_settings("adam", 0.01),
    ]
    out = trajectories(lambda k: Case("4-5-3_tanh_softmax_n4", 4, [(5, "tanh"), (3, "softmax")],
                                      SCE, n=4, seed=500 + 10 * k), runs)
    [d] = trajectories(lambda k: Case("3-4-2_sigmoid_linear_mse_l2_n3", 3,
                                      [(4, "sigmoid"), (2, "linear")], MSE, n=3,
                                      seed=501 + 10 * k, l2=0.01, dense_targets=True),
                       [optimizer_settings("adam", 0.02)])
    d["name"] = "adam_l2_mse"
    return out + [d]


# ---------------------------------------------------------------------------------------------
# Output: JSON with one number list per line, floats as Python's repr (the shortest text that
# reads back as the same double, 17 significant digits at most).


def dump(value, indent=0):
    pad = " " * indent
    if isinstance(value, dict):
        if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 3:
            return pad + "{" + ", ".join(json.dumps(k) + ": " + scalar(v)
                                         for k, v in value.items()) + "}"
        items = [pad + "  " + json.dumps(k) + ": " + dump(v, indent + 2).lstrip()
                 for k, v in value.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return pad + "[" + ", ".join(scalar(v) for v in value) + "]"
        items = [dump(v, indent + 2) for v in value]
        return pad + "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return pad + scalar(value)


def scalar(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, int):
        return str(v)
    if not math.isfinite(v):
        raise ValueError("non-finite value in the golden data")
    return repr(float(v))


def write(filename, description, cases):
    doc = {
        "description": description,
        "generator": "tests/golden/make_golden.py (PyTorch autograd, float64)",
        "cases": cases,
    }
    path = os.path.join(OUT_DIR, filename)
    text = dump(doc) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("%-22s %3d cases %7d bytes" % (filename, len(cases), len(text.encode())))


# ---------------------------------------------------------------------------------------------
# Convolutional networks. PyTorch is NCHW; the engine is NHWC with one sample per column
# (DESIGN.md): every tensor is converted at the border. Its parameters are one flat float64
# vector in the engine's layout, gathered here into PyTorch's weight shapes, so autograd gives
# dL/dparameters directly in the engine's order. 'same' padding is applied explicitly with
# TensorFlow's split (docs/facts.md §7): F.conv2d refuses padding='same' with strides > 1.

# tests/core/tst_golden.cpp compares the engine with these numbers to max(2e-5 |g|, 2e-7).
CNN_STEPS = 5
# A ReLU input or a max-pooling window's top two values this close could change sides or swap
# under float32 rounding (whose errors here are near 1e-6). Smaller than the dense cases'
# KINK_MARGIN: a feature map has hundreds of values, and every one must clear it.
CNN_MARGIN = 1e-3
# Adam divides by the gradient's size: a gradient this close to 0 has no reliable direction.
CNN_SMALLEST_GRADIENT = 1e-5


def tf_padding(size, kernel, stride, padding):
    """(before, after, out) along one axis, as TensorFlow pads."""
    if padding == "valid":
        return 0, 0, (size - kernel) // stride + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


def pad_tf(h, layer, value):
    k, s, p = layer["kernel"], layer["stride"], layer["padding"]
    top, bottom, _ = tf_padding(h.shape[2], k, s, p)
    left, right, _ = tf_padding(h.shape[3], k, s, p)
    return torch.nn.functional.pad(h, (left, right, top, bottom), value=value)


def nhwc_columns(h):
    """(n, C, H, W) or (n, U) -> the engine's (H*W*C, n) or (U, n)."""
    if h.dim() == 4:
        h = h.permute(0, 2, 3, 1)
    return h.reshape(h.shape[0], -1).T


def cnn_parameter_count(case):
    h, w, c = case["input_shape"]
    count = 0
    for layer in case["layers"]:
        kind = layer["kind"]
        if kind in ("Conv2D", "DepthwiseConv2D", "MaxPooling2D", "AveragePooling2D"):
            _, _, h = tf_padding(h, layer["kernel"], layer["stride"], layer["padding"])
            _, _, w = tf_padding(w, layer["kernel"], layer["stride"], layer["padding"])
            k2 = layer["kernel"] ** 2
            if kind == "Conv2D":
                count += k2 * c * layer["units"] + layer["units"]
                c = layer["units"]
            elif kind == "DepthwiseConv2D":
                count += k2 * c + c
        elif kind == "Flatten":
            h, w, c = 1, 1, h * w * c
        elif kind == "Dense":
            count += h * w * c * layer["units"] + layer["units"]
            h, w, c = 1, 1, layer["units"]
    return count


def cnn_forward(case, p, x):
    """x: (n, C, H, W). Returns the pre-activations z of every layer (with grads retained),
    the output a, and whether float32 can follow this case (ReLU kinks, max-pool near ties)."""
    F = torch.nn.functional
    h = x
    off = 0
    zs = []
    fit = True
    for i, layer in enumerate(case["layers"]):
        kind = layer["kind"]
        last = i + 1 == len(case["layers"])
        if kind == "Conv2D":
            f, k, c = layer["units"], layer["kernel"], h.shape[1]
            kk = k * k * c
            # flat[f + F * ((ky * k + kx) * C + c)]: column-major (F, k*k*C)
            w = p[off:off + f * kk].reshape(kk, f).T.reshape(f, k, k, c).permute(0, 3, 1, 2)
            b = p[off + f * kk:off + f * kk + f]
            off += f * kk + f
            z = F.conv2d(pad_tf(h, layer, 0.0), w, b, stride=layer["stride"])
        elif kind == "DepthwiseConv2D":
            k, c = layer["kernel"], h.shape[1]
            # flat[c + C * (ky * k + kx)]: column-major (C, k*k)
            w = p[off:off + c * k * k].reshape(k * k, c).T.reshape(c, 1, k, k)
            b = p[off + c * k * k:off + c * k * k + c]
            off += c * k * k + c
            z = F.conv2d(pad_tf(h, layer, 0.0), w, b, stride=layer["stride"], groups=c)
        elif kind == "MaxPooling2D":
            padded = pad_tf(h, layer, -math.inf)
            k, s = layer["kernel"], layer["stride"]
            windows = F.unfold(padded.detach(), k, stride=s)
            windows = windows.reshape(h.shape[0], h.shape[1], k * k, -1)
            top2 = windows.topk(2, dim=2).values
            fit = fit and bool(((top2[:, :, 0] - top2[:, :, 1]) >= CNN_MARGIN).all())
            z = F.max_pool2d(padded, k, s)
        elif kind == "AveragePooling2D":
            k, s = layer["kernel"], layer["stride"]
            sums = F.avg_pool2d(pad_tf(h, layer, 0.0), k, s) * (k * k)
            counts = F.avg_pool2d(pad_tf(torch.ones_like(h), layer, 0.0), k, s) * (k * k)
            z = sums / counts
        elif kind == "Flatten":
            z = h.permute(0, 2, 3, 1).reshape(h.shape[0], -1)
        elif kind == "Dense":
            u, n_in = layer["units"], h.shape[1]
            w = p[off:off + u * n_in].reshape(n_in, u).T
            b = p[off + u * n_in:off + u * n_in + u]
            off += u * n_in + u
            z = h @ w.T + b
        else:
            raise ValueError(kind)
        z.retain_grad()
        zs.append(z)
        act = layer.get("activation", "linear")
        if act == "relu":
            fit = fit and z.detach().abs().min().item() >= CNN_MARGIN
        if act == "softmax":
            h = torch.softmax(z, dim=1)
        else:
            h = activate(act, z)
    return zs, h, fit


def cnn_loss(case, p, x, labels):
    zs, a, fit = cnn_forward(case, p, x)
    logp = torch.log_softmax(zs[-1], dim=1)
    loss = -logp[torch.arange(len(labels)), torch.tensor(labels)].mean()
    return zs, a, loss, fit


def cnn_case(name, input_shape, layers, n, seed):
    case = {"name": name, "input_shape": list(input_shape), "layers": layers}
    hgt, wid, ch = input_shape
    count = cnn_parameter_count(case)
    outputs = layers[-1]["units"]
    for attempt in range(1000):
        draw = Draw(seed * 1000 + attempt)
        x = [[[[draw.value(0.0, 1.0) for _ in range(wid)] for _ in range(hgt)] for _ in range(ch)]
             for _ in range(n)]
        params = [draw.value(-0.5, 0.5) for _ in range(count)]
        labels = draw.labels(n, outputs)
        xt = t(x)
        record = cnn_record(case, params, xt, labels)
        if record is not None:
            case["x"] = rows(nhwc_columns(xt))
            case["labels"] = labels
            case["parameters"] = params
            case.update(record)
            return case
    raise RuntimeError(name + ": no acceptable draw")


def cnn_record(case, params, xt, labels):
    """Forward, backward and CNN_STEPS Adam steps; None when float32 could not follow."""
    p = t(params).clone().requires_grad_(True)
    zs, a, loss, fit = cnn_loss(case, p, xt, labels)
    if not fit:
        return None
    loss.backward()
    out = {
        "loss": loss.item(),
        "output": rows(nhwc_columns(a.detach())),
        "z": [rows(nhwc_columns(z.detach())) for z in zs],
        "delta": [rows(nhwc_columns(z.grad)) for z in zs],
        "gradients": flat(p.grad),
    }
    settings = optimizer_settings("adam", 0.01)
    opt = make_optimizer(settings, [p.shape])
    w = [p.detach().clone()]
    steps = []
    for _ in range(CNN_STEPS):
        q = w[0].clone().requires_grad_(True)
        _, _, step_loss, fit = cnn_loss(case, q, xt, labels)
        if not fit:
            return None
        step_loss.backward()
        g = q.grad
        if ((g.abs() < CNN_SMALLEST_GRADIENT) & (g != 0)).any():
            return None
        opt.step(w, [g])
        steps.append({"loss": step_loss.item(), "params_after": flat(w[0])})
    out["optimizer"] = settings
    out["adam_steps"] = steps
    return out


def cnn_cases():
    relu, tanh, sig, soft = "relu", "tanh", "sigmoid", "softmax"

    def conv(units, k, s, pad, act):
        return {"kind": "Conv2D", "units": units, "kernel": k, "stride": s, "padding": pad,
                "activation": act}

    def depthwise(k, s, pad, act):
        return {"kind": "DepthwiseConv2D", "kernel": k, "stride": s, "padding": pad,
                "activation": act}

    def pool(kind, k, s, pad):
        return {"kind": kind, "kernel": k, "stride": s, "padding": pad}

    return [
        cnn_case("issue_small_cnn", (10, 10, 1),
                 [conv(4, 3, 1, "valid", relu), pool("MaxPooling2D", 2, 2, "valid"),
                  depthwise(3, 1, "same", tanh), pool("AveragePooling2D", 2, 2, "valid"),
                  {"kind": "Flatten"}, {"kind": "Dense", "units": 10, "activation": soft}],
                 3, 71),
        cnn_case("strides_2_same_padding", (9, 9, 2),
                 [conv(3, 3, 2, "same", tanh), pool("MaxPooling2D", 3, 2, "same"),
                  conv(2, 2, 1, "same", sig), pool("AveragePooling2D", 3, 2, "same"),
                  {"kind": "Flatten"}, {"kind": "Dense", "units": 4, "activation": soft}],
                 2, 72),
        cnn_case("depthwise_stride_2_valid", (8, 7, 3),
                 [depthwise(3, 2, "valid", relu), conv(2, 1, 1, "valid", tanh),
                  {"kind": "Flatten"}, {"kind": "Dense", "units": 3, "activation": soft}],
                 2, 73),
    ]


def main():
    write("dense_sce.json",
          "Forward (z, a), loss and gradients (dL/dz, dW, db) of dense networks with a softmax "
          "output and sparse categorical cross-entropy, one case per hidden activation.",
          [forward_backward(c) for c in dense_sce()])
    write("dense_mse.json",
          "Forward, loss and gradients with mean squared error (mean over outputs, then over "
          "the batch), one case per output activation, and one against class labels.",
          [forward_backward(c) for c in dense_mse()])
    write("l2.json",
          "Forward, loss and gradients with L2 regularisation: loss + l2 * sum(W^2) over every "
          "kernel (biases are not penalised).",
          [forward_backward(c) for c in l2_cases()])
    write("dropout.json",
          "Forward, loss and gradients with inverted dropout after every hidden layer, using "
          "the fixed keep masks given (a = f(z) * mask / (1 - rate)).",
          [forward_backward(c) for c in dropout_cases()])
    # One file per optimizer, to keep each file small.
    for d in optimizer_cases():
        write("optimizer_" + d["name"] + ".json",
              "A training trajectory of %d steps on one fixed batch: for each step, the loss "
              "and gradients at the current parameters, then the parameters and optimizer "
              "state after the update (Keras's update rules)." % OPTIMIZER_STEPS,
              [d])
    write("cnn.json",
          "Convolutional networks (NHWC, the engine's flat parameter layout): the output, z and "
          "dL/dz of every layer, the loss, dL/dparameters, then %d Adam steps (lr 0.01) on the "
          "same batch with the loss before and the parameters after each." % CNN_STEPS,
          cnn_cases())
    return 0


if __name__ == "__main__":
    sys.exit(main())
