"""Writes the hostile model-file corpus replayed by HostileModelFileTests.

Rerun from this folder with `python3 make_corpus.py` after changing a case; the output is deterministic.
Not run in CI: the files are committed. File names say the expected outcome: `ok-*` must load, `bad-*` must
raise ModelFormatException (the test holds the field the message must name).
"""
import base64
import copy
import hashlib
import json
import math
import struct


def tensor(shape, values):
    return {"shape": shape, "dtype": "float32-le", "data": base64.b64encode(struct.pack('<%df' % len(values), *values)).decode()}


def weights(count, start=0.1):
    return [round(start + 0.05 * i, 3) * (-1 if i % 3 == 0 else 1) for i in range(count)]


def dense(name, inputs, units, activation, use_bias=True):
    layer = {"name": name, "kind": "dense", "units": units, "activation": activation, "use_bias": use_bias, "l2": 0,
             "initializer": "he_uniform", "kernel": tensor([inputs, units], weights(inputs * units))}
    if use_bias:
        layer["bias"] = tensor([units], weights(units, 0.01))
    return layer


# The valid base: 2 inputs -> dense 3 (relu) -> dropout -> dense 2 (softmax), every optional field set.
BASE = {
    "format": "perceptron-model", "version": 1, "task": "classification", "inputs": 2, "seed": 7,
    "layers": [dense("dense", 2, 3, "relu"), {"name": "dropout", "kind": "dropout", "rate": 0.2}, dense("dense_1", 3, 2, "softmax")],
    "loss": "sparse_categorical_crossentropy",
    "optimizer": {"name": "adam", "learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-08, "weight_decay": 0},
    "features": ["a", "b"], "target": "label", "classes": ["x", "y"],
    "preprocessing": {"kind": "standard", "mean": [1, 2], "std": [0.5, 4]},
    "training": {"data": "test.csv", "epochs": "3"},
}


def text(model, **options):
    return json.dumps(model, indent=2, **options)


def write(name, data):
    if isinstance(data, dict) or isinstance(data, list):
        data = text(data)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(name, 'wb') as f:
        f.write(data)


def variant(change):
    model = copy.deepcopy(BASE)
    change(model)
    return model


def put(path, value):
    """A change that sets model[path...] = value (a path of keys and indices)."""
    def change(model):
        target = model
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def drop(path):
    def change(model):
        target = model
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


# --- tricky but valid ---
write('ok-full.json', BASE)
write('ok-minimal-bare-network.json', {"format": "perceptron-model", "version": 1, "inputs": 2, "seed": 1, "layers": [dense("d", 2, 1, "linear")]})
write('ok-compact-crlf-reordered.json', json.dumps(dict(reversed(list(BASE.items()))), separators=(',', ':')).replace(',"', ',\r\n"'))
write('ok-utf8-bom.json', b'\xef\xbb\xbf' + text(BASE).encode())
write('ok-escaped-unicode-names.json', text(variant(put(["features"], ["l\u00e4nge", "\u9ad8\u3055 \"quoted\""])), ensure_ascii=True))
write('ok-no-bias.json', variant(put(["layers", 0], dense("dense", 2, 3, "relu", use_bias=False))))
write('ok-extreme-finite-weights.json', variant(put(["layers", 2, "kernel"], tensor([3, 2], [3.4028234663852886e38, -3.4028234663852886e38, 1e-45, -0.0, 1.17549435e-38, 0.0]))))
write('ok-minmax.json', variant(put(["preprocessing"], {"kind": "minmax", "min": [0, -1], "max": [1, 1]})))
write('ok-null-preprocessing-no-training.json', variant(lambda m: (m.__setitem__("preprocessing", None), m.pop("training"))))
write('ok-regression.json', variant(lambda m: (
    m.update({"task": "regression", "loss": "mse", "classes": []}),
    m["layers"].__setitem__(2, dense("dense_1", 3, 1, "linear")),
    m.__setitem__("target_preprocessing", {"kind": "standard", "mean": [150], "std": [75]}))))
write('ok-sgd-one-sigmoid-two-classes.json', variant(lambda m: (
    m.update({"loss": "binary_crossentropy", "optimizer": {"name": "sgd", "learning_rate": 0.1}}),
    m["layers"].__setitem__(2, dense("dense_1", 3, 1, "sigmoid")))))

# --- not JSON, or not a model ---
full = text(BASE).encode()
write('bad-empty.json', b'')
write('bad-truncated.json', full[:len(full) // 2])
write('bad-truncated-in-base64.json', full[:full.index(b'"data"') + 20])
write('bad-binary-junk.json', bytes((i * 97 + 13) % 256 for i in range(512)))
write('bad-utf16.json', b'\xff\xfe' + text(BASE).encode('utf-16-le'))
write('bad-trailing-junk.json', full + b'\n{"more": 1}')
write('bad-not-an-object.json', '[1, 2, 3]')
write('bad-deep-nesting.json', variant(put(["training"], json.loads('[' * 100 + ']' * 100))))
write('bad-duplicate-field.json', text(BASE).replace('"inputs": 2,', '"inputs": 2,\n  "inputs": 3,'))
write('bad-wrong-format.json', variant(put(["format"], "keras-model")))
write('bad-format-missing.json', variant(drop(["format"])))
write('bad-newer-version.json', variant(put(["version"], 3)))
write('bad-version-zero.json', variant(put(["version"], 0)))
write('bad-version-string.json', variant(put(["version"], "1")))
write('bad-unknown-field.json', variant(put(["comment"], "hello")))
write('bad-newline-in-format.json', variant(put(["format"], "perceptron\nmodel")))
write('bad-lone-surrogate.json', text(BASE).replace('"label"', '"\\ud800"'))
write('bad-invalid-utf8-feature.json', full.replace(b'"a"', b'"\xc3\x28"', 1))
write('bad-invalid-utf8-field-name.json', full.replace(b'"comment"', b'').replace(b'"seed"', b'"se\xffed"'))
write('bad-string-too-long.json', variant(put(["target"], "t" * 10001)))

# --- sizes ---
write('bad-huge-inputs.json', variant(put(["inputs"], 2147483647)))
write('bad-inputs-negative.json', variant(put(["inputs"], -2)))
write('bad-inputs-fractional.json', variant(put(["inputs"], 2.5)))
write('bad-inputs-1e309.json', text(BASE).replace('"inputs": 2', '"inputs": 1e309'))
write('bad-huge-units.json', variant(put(["layers", 0, "units"], 1000000000)))
write('bad-huge-parameter-count.json', variant(lambda m: (m.update({"inputs": 1000000, "features": []}), m["layers"][0].update({"units": 1000}))))
write('bad-too-many-layers.json', variant(put(["layers"], [{"kind": "dropout", "rate": 0.1}] * 1001)))
write('bad-no-layers.json', variant(put(["layers"], [])))
write('bad-layers-null.json', variant(put(["layers"], None)))

# --- layers and tensors ---
write('bad-kernel-shape.json', variant(put(["layers", 2, "kernel"], tensor([4, 2], weights(8)))))
write('bad-kernel-shape-rank.json', variant(put(["layers", 0, "kernel", "shape"], [6])))
write('bad-kernel-shape-huge.json', variant(put(["layers", 0, "kernel", "shape"], [2147483647, 2147483647])))
write('bad-kernel-missing.json', variant(drop(["layers", 0, "kernel"])))
write('bad-base64-too-short.json', variant(put(["layers", 0, "kernel", "data"], base64.b64encode(b'\0' * 20).decode())))
write('bad-base64-too-long.json', variant(put(["layers", 0, "kernel", "data"], base64.b64encode(b'\0' * 28).decode())))
write('bad-base64-invalid-characters.json', variant(put(["layers", 0, "kernel", "data"], '!' * 32)))
write('bad-base64-not-a-string.json', variant(put(["layers", 0, "kernel", "data"], [0.1] * 6)))
write('bad-dtype.json', variant(put(["layers", 0, "kernel", "dtype"], "float64-le")))
write('bad-nan-weight.json', variant(put(["layers", 0, "kernel"], tensor([2, 3], [0.1, math.nan, 0.3, 0.4, 0.5, 0.6]))))
write('bad-infinite-bias.json', variant(put(["layers", 2, "bias"], tensor([2], [0.1, math.inf]))))
write('bad-bias-without-use-bias.json', variant(put(["layers", 0, "use_bias"], False)))
write('bad-unknown-layer-kind.json', variant(put(["layers", 1], {"name": "conv", "kind": "conv2d", "filters": 8})))
write('bad-unknown-activation.json', variant(put(["layers", 0, "activation"], "swish")))
write('bad-unknown-initializer.json', variant(put(["layers", 0, "initializer"], "orthogonal")))
write('bad-dropout-rate-one.json', variant(put(["layers", 1, "rate"], 1.0)))
write('bad-negative-l2.json', variant(put(["layers", 0, "l2"], -0.1)))
write('bad-units-as-string.json', variant(put(["layers", 0, "units"], "3")))

# --- training setup ---
write('bad-unknown-loss.json', variant(put(["loss"], "hinge")))
write('bad-loss-does-not-fit-activation.json', variant(put(["loss"], "binary_crossentropy")))
write('bad-unknown-optimizer.json', variant(put(["optimizer", "name"], "adagrad")))
write('bad-unknown-optimizer-setting.json', variant(put(["optimizer", "warmup"], 10)))
write('bad-negative-learning-rate.json', variant(put(["optimizer", "learning_rate"], -0.01)))
write('bad-optimizer-not-object.json', variant(put(["optimizer"], "adam")))

# --- names and preprocessing ---
write('bad-unknown-task.json', variant(put(["task"], "clustering")))
write('bad-feature-count.json', variant(put(["features"], ["a", "b", "c"])))
write('bad-feature-not-string.json', variant(put(["features"], ["a", 2])))
write('bad-class-count.json', variant(put(["classes"], ["x", "y", "z"])))
write('bad-scaler-zero-std.json', variant(put(["preprocessing", "std"], [0.5, 0])))
write('bad-scaler-wrong-length.json', variant(put(["preprocessing", "mean"], [1])))
write('bad-scaler-unknown-kind.json', variant(put(["preprocessing", "kind"], "robust")))
write('bad-target-scaler-on-classifier.json', variant(put(["target_preprocessing"], {"kind": "standard", "mean": [1], "std": [1]})))
write('bad-training-not-strings.json', variant(put(["training", "epochs"], 3)))

# --- version 2: class weights and the recorded training run ---
V2 = variant(lambda m: (m.update({"version": 2, "class_weights": [1, 3.5]}), m.update({"training": {
    "data": "test.csv", "rows": 80, "validation_rows": 0, "test_rows": 20, "batch_size": 32, "epochs": 3,
    "final_loss": 0.41, "outcome": "completed", "data_sha256": "0123456789abcdef" * 4,
    "options": {"layers": [3], "activation": "relu", "learning_rate": None, "early_stopping": None, "class_weight": {"x": 1, "y": 3.5}, "scaling": "standard"},
    "metrics": {"train": {"accuracy": 0.95, "loss": 0.2}, "test": {"accuracy": 0.9, "f1_macro": 0.88, "loss": 0.3}}}})))


def variant2(change):
    model = copy.deepcopy(V2)
    change(model)
    return model


write('ok-v2-class-weights-and-run.json', V2)
write('bad-class-weights-count.json', variant2(put(["class_weights"], [1, 2, 3])))
write('bad-class-weights-negative.json', variant2(put(["class_weights"], [1, -2])))
write('bad-class-weights-with-mse.json', variant2(put(["loss"], "mse")))
write('bad-training-option-nested.json', variant2(put(["training", "options", "layers"], [[3]])))
write('bad-training-metric-not-number.json', variant2(put(["training", "metrics", "test", "accuracy"], "high")))
write('bad-data-sha256.json', variant2(put(["training", "data_sha256"], "ABC")))


# --- version 2: the digest (docs/model-format.md), computed here independently of the C# writer ---
def canonical(value, out, top=False):
    """The canonical encoding the content digest hashes: 'n' 't' 'f', 'd' + float64, 's'/'a'/'o' + uint32 count."""
    if value is None:
        out += b'n'
    elif value is True:
        out += b't'
    elif value is False:
        out += b'f'
    elif isinstance(value, (int, float)):
        out += b'd' + struct.pack('<d', float(value))
    elif isinstance(value, str):
        utf8 = value.encode('utf-8')
        out += b's' + struct.pack('<I', len(utf8)) + utf8
    elif isinstance(value, list):
        out += b'a' + struct.pack('<I', len(value))
        for item in value:
            canonical(item, out)
    else:
        members = sorted(((k, v) for k, v in value.items() if not (top and k == 'digest')), key=lambda m: m[0].encode('utf-16-be'))
        out += b'o' + struct.pack('<I', len(members))
        for name, item in members:
            canonical(name, out)
            canonical(item, out)
    return out


def tensors(value, at=None):
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from tensors(item, f"{at}[{i}]")
    elif isinstance(value, dict):
        if at is not None and all(k in value for k in ("shape", "dtype", "data")):
            yield at, value
            return
        for name, item in value.items():
            if at is None and name == "digest":
                continue
            yield from tensors(item, name if at is None else f"{at}.{name}")


def with_digest(model):
    model = copy.deepcopy(model)
    model.pop("digest", None)
    model["digest"] = {
        "algorithm": "sha256",
        "tensors": {path: hashlib.sha256(base64.b64decode(t["data"])).hexdigest() for path, t in tensors(model)},
        "content": hashlib.sha256(canonical(model, bytearray(), top=True)).hexdigest(),
    }
    return model


def flip_bit(model, path, bit):
    """Flips one bit of a tensor's bytes, as a bad disk sector or memory error would; the value stays finite."""
    target = model
    for key in path:
        target = target[key]
    data = bytearray(base64.b64decode(target["data"]))
    data[bit // 8] ^= 1 << (bit % 8)
    target["data"] = base64.b64encode(bytes(data)).decode()


BASE2 = variant(lambda m: m.update({"version": 2, "training": {"data": "test.csv", "epochs": 3, "outcome": "completed"}}))
SIGNED = with_digest(BASE2)
write('ok-v2-digest.json', SIGNED)
# Layout, member order, escapes and the spelling of a number do not change the content.
write('ok-v2-digest-reformatted.json', json.dumps(dict(reversed(list(SIGNED.items()))), separators=(',', ':'), ensure_ascii=True)
      .replace(',"', ',\r\n"').replace('"learning_rate":0.01', '"learning_rate":1.0E-2'))
write('ok-v2-no-digest.json', BASE2)
write('bad-v2-flipped-weight-bit.json', variant(lambda m: (m.update(copy.deepcopy(SIGNED)), flip_bit(m, ["layers", 2, "kernel"], 0))))
write('bad-v2-edited-class-name.json', variant(lambda m: (m.update(copy.deepcopy(SIGNED)), m.__setitem__("classes", ["x", "z"]))))
write('bad-v2-digest-algorithm.json', variant(lambda m: (m.update(copy.deepcopy(SIGNED)), m["digest"].__setitem__("algorithm", "md5"))))
write('bad-v2-digest-not-hex.json', variant(lambda m: (m.update(copy.deepcopy(SIGNED)), m["digest"].__setitem__("content", "z" * 64))))
write('bad-v1-with-digest.json', variant(lambda m: m.__setitem__("digest", SIGNED["digest"])))

# The digest covers fields added later (class weights, the recorded run's options and metrics) without any change.
SIGNED_RUN = with_digest(V2)
write('ok-v2-digest-class-weights-and-run.json', SIGNED_RUN)
write('bad-v2-edited-metric.json', variant(lambda m: (m.update(copy.deepcopy(SIGNED_RUN)), m["training"]["metrics"]["test"].__setitem__("accuracy", 0.99))))
