"""Trains the waste classifier's base CNN with PyTorch and exports it to the TF.js layers format.

Reads datasets written by prepare-real.ts / render.ts (`<name>.u8` of SIZExSIZEx3 bytes and
`<name>.json` index, whose `size` must be the model's input size). Fixed seed; CPU only. Writes
model.json + weights.bin (BatchNorm folded into the convolutions), parity.json (inputs and
PyTorch outputs, to check the TF.js side gives the same answers) and train-report.json
(accuracies, confusion matrices, history).

  /usr/bin/python3 tools/classifier/train.py --data .cache/classifier --datasets real,synth \
      --out classifier/model --epochs 100 --threads 1

The network is described by `--arch`, comma-separated blocks: `c<N>` a 3x3 convolution with N
filters, `c<N>s2` the same with stride 2, `d<N>` / `d<N>s2` a depthwise-separable block (3x3
depthwise convolution, then 1x1 convolution to N filters), `p` 2x2 max pooling. Each
convolution is followed by BatchNorm and ReLU; then global average pooling ("features"),
dropout and a dense softmax layer.
"""
import argparse
import base64
import copy
import json
import math
import os
import random
import re
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = ["plastic", "paper", "glass", "metal", "organic", "residual"]
SIZE = 96
FORMAT_VERSION = 1
DEFAULT_ARCH = "c24s2,d48,d64s2,d96,d128s2,d128,d256s2,d256"


def parse_arch(text):
    """'c16s2,p,d32' -> [("conv", 16, 2), ("pool",), ("sep", 32, 1)]."""
    blocks = []
    for token in text.split(","):
        token = token.strip()
        if token == "p":
            blocks.append(("pool",))
            continue
        m = re.fullmatch(r"([cd])(\d+)(s2)?", token)
        if not m:
            raise SystemExit(f"bad --arch block: {token!r}")
        blocks.append(("conv" if m.group(1) == "c" else "sep", int(m.group(2)), 2 if m.group(3) else 1))
    return blocks


class ConvBN(nn.Module):
    """A convolution (3x3 or 1x1, plain or depthwise) with BatchNorm and ReLU. Stride-2 layers
    pad like TF.js's "same" (the extra row and column at the bottom and right), so the exported
    model computes exactly the same thing; stride-1 layers pad evenly, as "same" does."""

    def __init__(self, cin, cout, kernel, stride, depthwise=False):
        super().__init__()
        self.kernel, self.stride, self.depthwise = kernel, stride, depthwise
        padding = kernel // 2 if stride == 1 else 0
        self.conv = nn.Conv2d(cin, cout, kernel, stride=stride, padding=padding, bias=False, groups=cin if depthwise else 1)
        self.norm = nn.BatchNorm2d(cout)

    def forward(self, x):
        if self.stride > 1:
            h, w = x.shape[2], x.shape[3]
            pad_h = max((math.ceil(h / self.stride) - 1) * self.stride + self.kernel - h, 0)
            pad_w = max((math.ceil(w / self.stride) - 1) * self.stride + self.kernel - w, 0)
            x = F.pad(x, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))
        return F.relu(self.norm(self.conv(x)))


class Net(nn.Module):
    def __init__(self, arch=DEFAULT_ARCH, classes=len(CLASSES)):
        super().__init__()
        self.arch = arch
        self.blocks = parse_arch(arch)
        self.layers = nn.ModuleList()
        previous = 3
        for block in self.blocks:
            if block[0] == "pool":
                self.layers.append(nn.MaxPool2d(2))
            elif block[0] == "conv":
                self.layers.append(ConvBN(previous, block[1], 3, block[2]))
                previous = block[1]
            else:
                self.layers.append(ConvBN(previous, previous, 3, block[2], depthwise=True))
                self.layers.append(ConvBN(previous, block[1], 1, 1))
                previous = block[1]
        self.dropout = nn.Dropout(0.3)
        self.head = nn.Linear(previous, classes)

    def features(self, x):
        for layer in self.layers:
            x = layer(x)
        return x.mean(dim=(2, 3))

    def forward(self, x):
        return self.head(self.dropout(self.features(x)))


def load(data_dir, name):
    with open(os.path.join(data_dir, name + ".json")) as f:
        index = json.load(f)
    if index.get("size") != SIZE:
        raise SystemExit(f"dataset {name}: images of {index.get('size')} px, the model takes {SIZE}")
    raw = np.fromfile(os.path.join(data_dir, name + ".u8"), dtype=np.uint8)
    images = raw.reshape(-1, SIZE, SIZE, 3)
    labels = np.array([e["label"] for e in index["entries"]], dtype=np.int64)
    splits = np.array([e["split"] for e in index["entries"]])
    return images, labels, splits, index


def to_tensor(images):
    return torch.from_numpy(images.astype(np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()


def augment(x, generator):
    """Random flips, rotation, zoom (in: a random crop; out: a smaller object), shift and colour
    changes, on a batch (NCHW, 0..1)."""
    n = x.shape[0]
    angle = (torch.rand(n, generator=generator) * 2 - 1) * math.pi
    scale = 0.8 + torch.rand(n, generator=generator) * 0.5
    flip = torch.where(torch.rand(n, generator=generator) < 0.5, -1.0, 1.0)
    shift = (torch.rand(n, 2, generator=generator) * 2 - 1) * 0.15
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    brightness = (torch.rand(n, 1, 1, 1, generator=generator) * 2 - 1) * 0.15
    contrast = 0.8 + torch.rand(n, 1, 1, 1, generator=generator) * 0.4
    gain = 1 + (torch.rand(n, 3, 1, 1, generator=generator) * 2 - 1) * 0.06
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    grey = x.mean(dim=1, keepdim=True)
    saturation = 0.7 + torch.rand(n, 1, 1, 1, generator=generator) * 0.6
    x = grey + (x - grey) * saturation
    x = (x - mean) * contrast + mean + brightness
    return (x * gain).clamp(0, 1)


def evaluate(model, x, y, batch=256):
    model.eval()
    confusion = np.zeros((len(CLASSES), len(CLASSES)), dtype=np.int64)
    with torch.no_grad():
        for i in range(0, len(x), batch):
            pred = model(x[i : i + batch].contiguous(memory_format=torch.channels_last)).argmax(1)
            for t, p in zip(y[i : i + batch].tolist(), pred.tolist()):
                confusion[t][p] += 1
    total = confusion.sum()
    return (float(np.trace(confusion)) / total if total else float("nan")), confusion.tolist()


def fold(layer):
    conv, norm = layer.conv, layer.norm
    scale = norm.weight.detach() / torch.sqrt(norm.running_var + norm.eps)
    weight = conv.weight.detach() * scale[:, None, None, None]
    bias = norm.bias.detach() - norm.running_mean * scale
    return weight, bias


def export(model, out_dir, meta):
    """Writes the TF.js layers format: a Sequential topology and one float32 weights file."""
    model.eval()
    layers = []
    specs = []
    blobs = []

    def add_weight(name, array):
        array = np.ascontiguousarray(array).astype("<f4")
        specs.append({"name": name, "shape": list(array.shape), "dtype": "float32"})
        blobs.append(array.tobytes())

    counts = {"conv": 0, "dwconv": 0, "pool": 0}
    for layer in model.layers:
        first = not layers
        if isinstance(layer, nn.MaxPool2d):
            counts["pool"] += 1
            layers.append(
                {
                    "class_name": "MaxPooling2D",
                    "config": {
                        "name": f"pool{counts['pool']}",
                        "trainable": True,
                        "pool_size": [2, 2],
                        "strides": [2, 2],
                        "padding": "valid",
                        "data_format": "channels_last",
                    },
                }
            )
            continue
        weight, bias = fold(layer)
        common = {
            "trainable": True,
            "kernel_size": [layer.kernel, layer.kernel],
            "strides": [layer.stride, layer.stride],
            "padding": "same",
            "data_format": "channels_last",
            "dilation_rate": [1, 1],
            "activation": "relu",
            "use_bias": True,
            "dtype": "float32",
        }
        if first:
            common["batch_input_shape"] = [None, SIZE, SIZE, 3]
        if layer.depthwise:
            counts["dwconv"] += 1
            name = f"dwconv{counts['dwconv']}"
            layers.append({"class_name": "DepthwiseConv2D", "config": dict(common, name=name, depth_multiplier=1)})
            # PyTorch [channels, 1, kh, kw] -> TF [kh, kw, channels, 1]
            add_weight(f"{name}/depthwise_kernel", weight.permute(2, 3, 0, 1).numpy())
        else:
            counts["conv"] += 1
            name = f"conv{counts['conv']}"
            layers.append({"class_name": "Conv2D", "config": dict(common, name=name, filters=int(weight.shape[0]))})
            # PyTorch [out, in, kh, kw] -> TF [kh, kw, in, out]
            add_weight(f"{name}/kernel", weight.permute(2, 3, 1, 0).numpy())
        add_weight(f"{name}/bias", bias.numpy())
    layers.append(
        {
            "class_name": "GlobalAveragePooling2D",
            "config": {"name": "features", "trainable": True, "data_format": "channels_last"},
        }
    )
    layers.append(
        {
            "class_name": "Dense",
            "config": {
                "name": "scores",
                "trainable": True,
                "units": len(CLASSES),
                "activation": "softmax",
                "use_bias": True,
            },
        }
    )
    add_weight("scores/kernel", model.head.weight.detach().t().numpy())
    add_weight("scores/bias", model.head.bias.detach().numpy())
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        for b in blobs:
            f.write(b)
    document = {
        "format": "layers-model",
        "generatedBy": "Robotyc Studio tools/classifier/train.py (PyTorch %s)" % torch.__version__,
        "convertedBy": None,
        "modelTopology": {
            "class_name": "Sequential",
            "config": {"name": "waste_classifier", "layers": layers},
            "keras_version": "tfjs-layers 4.22.0",
            "backend": "tensor_flow.js",
        },
        "weightsManifest": [{"paths": ["weights.bin"], "weights": specs}],
        "robotyc": dict(meta, formatVersion=FORMAT_VERSION, classes=CLASSES, inputSize=SIZE,
                        featureSize=int(model.head.in_features)),
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


def parity_inputs(seed):
    """A few fixed inputs (patterns and noise) whose outputs the TF.js side must reproduce."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE] / SIZE
    stripes = np.stack([xx, (np.sin(yy * 20) + 1) / 2, 1 - xx * yy], axis=-1)
    blob = np.ones((SIZE, SIZE, 3)) * 0.9
    mask = (xx - 0.5) ** 2 + (yy - 0.55) ** 2 < 0.06
    blob[mask] = [0.2, 0.45, 0.8]
    noise = rng.random((SIZE, SIZE, 3))
    return [np.round(im * 255).astype(np.uint8) for im in (stripes, blob, noise)]


def write_parity(model, out_dir, extra_images=()):
    model.eval()
    images = parity_inputs(7) + list(extra_images)
    x = to_tensor(np.stack(images))
    with torch.no_grad():
        features = model.features(x)
        probs = F.softmax(model.head(features), dim=1)
    document = {
        "images": [base64.b64encode(im.tobytes()).decode() for im in images],
        "probabilities": probs.numpy().round(6).tolist(),
        "features": features.numpy().round(5).tolist(),
    }
    with open(os.path.join(out_dir, "parity.json"), "w") as f:
        json.dump(document, f)
        f.write("\n")


class Average:
    """Exponential moving average of the weights (and BatchNorm statistics), used for
    evaluation and export: steadier than the last step's weights."""

    def __init__(self, model, decay):
        self.decay = decay
        self.model = copy.deepcopy(model).eval()
        for p in self.model.parameters():
            p.requires_grad_(False)

    def update(self, model, step):
        decay = min(self.decay, (1 + step) / (10 + step))
        with torch.no_grad():
            for mine, theirs in zip(self.model.state_dict().values(), model.state_dict().values()):
                if mine.dtype.is_floating_point:
                    mine.mul_(decay).add_(theirs.detach(), alpha=1 - decay)
                else:
                    mine.copy_(theirs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=".cache/classifier")
    parser.add_argument("--datasets", default="real,synth")
    parser.add_argument("--out", default="classifier/model")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--arch", default=DEFAULT_ARCH)
    parser.add_argument("--ema", type=float, default=0.999, help="weight averaging decay (0: off)")
    parser.add_argument("--smoothing", type=float, default=0.1)
    parser.add_argument("--mixup", type=float, default=0.0, help="share of batches mixed with a shuffled copy (0: off)")
    parser.add_argument("--repeat", default="", help="datasets seen several times per epoch, e.g. real=2")
    parser.add_argument("--final", action="store_true", help="also train on the val split")
    parser.add_argument("--splits", default="val,test", help="splits evaluated at the end (candidates: val)")
    parser.add_argument("--save-state", default="", help="also save the PyTorch weights there")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(args.seed)

    sets = {}
    for name in args.datasets.split(","):
        if os.path.exists(os.path.join(args.data, name + ".json")):
            sets[name] = load(args.data, name)
        else:
            print(f"dataset {name} missing, skipped")
    train_parts = ["train", "val"] if args.final else ["train"]
    repeat = {k: int(v) for k, v in (r.split("=") for r in args.repeat.split(",") if r)}
    xs, ys = [], []
    for name, (images, labels, splits, _) in sets.items():
        keep = np.isin(splits, train_parts)
        for _ in range(repeat.get(name, 1)):
            xs.append(images[keep])
            ys.append(labels[keep])
    x_train = to_tensor(np.concatenate(xs))
    y_train = torch.from_numpy(np.concatenate(ys))
    counts = np.bincount(y_train.numpy(), minlength=len(CLASSES)).astype(np.float64)
    print("train images per class:", dict(zip(CLASSES, counts.astype(int).tolist())))
    # Class weights: inverse frequency (classes absent from training get weight 0).
    weights = np.where(counts > 0, counts.sum() / np.maximum(counts, 1) / (counts > 0).sum(), 0)
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32), label_smoothing=args.smoothing)

    model = Net(args.arch).to(memory_format=torch.channels_last)
    average = Average(model, args.ema) if args.ema > 0 else None
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=5e-4)
    steps_per_epoch = max(1, math.ceil(len(x_train) / args.batch))
    total_steps = args.epochs * steps_per_epoch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=total_steps)
    start = time.time()
    history = []
    step = 0
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        running = 0.0
        for s in range(steps_per_epoch):
            idx = order[s * args.batch : (s + 1) * args.batch]
            xb = augment(x_train[idx], generator)
            yb = y_train[idx]
            if args.mixup > 0 and torch.rand(1, generator=generator).item() < args.mixup:
                # Mixup: a blend of two images, the loss blended the same way.
                lam = 0.5 + 0.5 * torch.rand(1, generator=generator).item()
                other = torch.randperm(len(idx), generator=generator)
                xb = lam * xb + (1 - lam) * xb[other]
                out = model(xb.contiguous(memory_format=torch.channels_last))
                loss = lam * loss_fn(out, yb) + (1 - lam) * loss_fn(out, yb[other])
            else:
                loss = loss_fn(model(xb.contiguous(memory_format=torch.channels_last)), yb)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            if average:
                average.update(model, step)
            step += 1
            running += loss.item()
        line = {"epoch": epoch + 1, "loss": round(running / steps_per_epoch, 4), "seconds": round(time.time() - start, 1)}
        final = average.model if average else model
        for name, (images, labels, splits, _) in sets.items():
            keep = splits == "val"
            if keep.any() and (epoch % 5 == 4 or epoch == args.epochs - 1):
                line[f"{name}_val"] = round(evaluate(final, to_tensor(images[keep]), torch.from_numpy(labels[keep]))[0], 4)
        history.append(line)
        print(json.dumps(line), flush=True)

    final = (average.model if average else model).to(memory_format=torch.contiguous_format)
    report = {
        "seed": args.seed,
        "epochs": args.epochs,
        "arch": args.arch,
        "ema": args.ema,
        "smoothing": args.smoothing,
        "mixup": args.mixup,
        "repeat": repeat,
        "inputSize": SIZE,
        "trainImages": int(len(x_train)),
        "trainSplits": train_parts,
        "trainSeconds": round(time.time() - start, 1),
        "parameters": int(sum(p.numel() for p in final.parameters())),
        "classes": CLASSES,
        "results": {},
        "history": history,
    }
    for name, (images, labels, splits, index) in sets.items():
        report["results"][name] = {"splitRule": index.get("splitRule", "")}
        for part in args.splits.split(","):
            keep = splits == part
            if keep.any():
                acc, confusion = evaluate(final, to_tensor(images[keep]), torch.from_numpy(labels[keep]))
                report["results"][name][part] = {"count": int(keep.sum()), "accuracy": round(acc, 4), "confusion": confusion}
    meta = {"seed": args.seed, "epochs": args.epochs, "arch": args.arch, "datasets": list(sets.keys())}
    export(final, args.out, meta)
    write_parity(final, args.out)
    if args.save_state:
        torch.save(final.state_dict(), args.save_state)
    with open(os.path.join(args.out, "train-report.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    print(json.dumps({k: v for k, v in report.items() if k != "history"}, indent=1))


if __name__ == "__main__":
    main()
