"""Trains the waste classifier's base CNN with PyTorch and exports it to the TF.js layers format.

Reads datasets written by prepare-real.ts / render.ts (`<name>.u8` of 64x64x3 bytes and
`<name>.json` index). Fixed seed; CPU only. Writes model.json + weights.bin (BatchNorm folded
into the convolutions), parity.json (inputs and PyTorch outputs, to check the TF.js side gives
the same answers) and report.json (accuracies, confusion matrices).

  /usr/bin/python3 tools/classifier/train.py --data .cache/classifier --datasets real,synth \
      --out classifier/model --epochs 45
"""
import argparse
import base64
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = ["plastic", "paper", "glass", "metal", "organic", "residual"]
SIZE = 64
FORMAT_VERSION = 1


class Net(nn.Module):
    """conv-BN-ReLU blocks with 2x2 max pooling between them, global average pooling, dense."""

    def __init__(self, channels=(16, 32, 64, 128), classes=len(CLASSES)):
        super().__init__()
        self.channels = list(channels)
        self.convs = nn.ModuleList()
        self.norms = nn.ModuleList()
        previous = 3
        for c in channels:
            self.convs.append(nn.Conv2d(previous, c, 3, padding=1, bias=False))
            self.norms.append(nn.BatchNorm2d(c))
            previous = c
        self.dropout = nn.Dropout(0.3)
        self.head = nn.Linear(previous, classes)

    def features(self, x):
        for i, (conv, norm) in enumerate(zip(self.convs, self.norms)):
            x = F.relu(norm(conv(x)))
            if i < len(self.convs) - 1:
                x = F.max_pool2d(x, 2)
        return x.mean(dim=(2, 3))

    def forward(self, x):
        return self.head(self.dropout(self.features(x)))


def load(data_dir, name):
    with open(os.path.join(data_dir, name + ".json")) as f:
        index = json.load(f)
    raw = np.fromfile(os.path.join(data_dir, name + ".u8"), dtype=np.uint8)
    images = raw.reshape(-1, SIZE, SIZE, 3)
    labels = np.array([e["label"] for e in index["entries"]], dtype=np.int64)
    splits = np.array([e["split"] for e in index["entries"]])
    return images, labels, splits, index


def to_tensor(images):
    return torch.from_numpy(images.astype(np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()


def augment(x, generator):
    """Random flips, rotation, scale, shift and colour changes, on a batch (NCHW, 0..1)."""
    n = x.shape[0]
    angle = (torch.rand(n, generator=generator) * 2 - 1) * math.pi
    scale = 0.85 + torch.rand(n, generator=generator) * 0.35
    flip = torch.where(torch.rand(n, generator=generator) < 0.5, -1.0, 1.0)
    shift = (torch.rand(n, 2, generator=generator) * 2 - 1) * 0.12
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
            pred = model(x[i : i + batch]).argmax(1)
            for t, p in zip(y[i : i + batch].tolist(), pred.tolist()):
                confusion[t][p] += 1
    total = confusion.sum()
    return (float(np.trace(confusion)) / total if total else float("nan")), confusion.tolist()


def fold(conv, norm):
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
    count = len(model.convs)
    for i, (conv, norm) in enumerate(zip(model.convs, model.norms)):
        weight, bias = fold(conv, norm)
        name = f"conv{i + 1}"
        config = {
            "name": name,
            "trainable": True,
            "filters": int(weight.shape[0]),
            "kernel_size": [3, 3],
            "strides": [1, 1],
            "padding": "same",
            "data_format": "channels_last",
            "dilation_rate": [1, 1],
            "activation": "relu",
            "use_bias": True,
            "dtype": "float32",
        }
        if i == 0:
            config["batch_input_shape"] = [None, SIZE, SIZE, 3]
        layers.append({"class_name": "Conv2D", "config": config})
        # PyTorch [out, in, kh, kw] -> TF [kh, kw, in, out]
        kernel = weight.permute(2, 3, 1, 0).contiguous().numpy().astype("<f4")
        specs.append({"name": f"{name}/kernel", "shape": list(kernel.shape), "dtype": "float32"})
        blobs.append(kernel.tobytes())
        specs.append({"name": f"{name}/bias", "shape": [int(bias.shape[0])], "dtype": "float32"})
        blobs.append(bias.numpy().astype("<f4").tobytes())
        if i < count - 1:
            layers.append(
                {
                    "class_name": "MaxPooling2D",
                    "config": {
                        "name": f"pool{i + 1}",
                        "trainable": True,
                        "pool_size": [2, 2],
                        "strides": [2, 2],
                        "padding": "valid",
                        "data_format": "channels_last",
                    },
                }
            )
    layers.append(
        {
            "class_name": "GlobalAveragePooling2D",
            "config": {"name": "features", "trainable": True, "data_format": "channels_last"},
        }
    )
    head_w = model.head.weight.detach().t().contiguous().numpy().astype("<f4")
    head_b = model.head.bias.detach().numpy().astype("<f4")
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
    specs.append({"name": "scores/kernel", "shape": list(head_w.shape), "dtype": "float32"})
    blobs.append(head_w.tobytes())
    specs.append({"name": "scores/bias", "shape": list(head_b.shape), "dtype": "float32"})
    blobs.append(head_b.tobytes())
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=".cache/classifier")
    parser.add_argument("--datasets", default="real,synth")
    parser.add_argument("--out", default="classifier/model")
    parser.add_argument("--epochs", type=int, default=45)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--channels", default="16,32,64,128")
    parser.add_argument("--final", action="store_true", help="also train on the val split")
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
    xs, ys = [], []
    for images, labels, splits, _ in sets.values():
        keep = np.isin(splits, train_parts)
        xs.append(images[keep])
        ys.append(labels[keep])
    x_train = to_tensor(np.concatenate(xs))
    y_train = torch.from_numpy(np.concatenate(ys))
    counts = np.bincount(y_train.numpy(), minlength=len(CLASSES)).astype(np.float64)
    print("train images per class:", dict(zip(CLASSES, counts.astype(int).tolist())))
    # Class weights: inverse frequency (classes absent from training get weight 0).
    weights = np.where(counts > 0, counts.sum() / np.maximum(counts, 1) / (counts > 0).sum(), 0)
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32), label_smoothing=0.05)

    model = Net([int(c) for c in args.channels.split(",")])
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=5e-4)
    steps_per_epoch = max(1, math.ceil(len(x_train) / args.batch))
    total_steps = args.epochs * steps_per_epoch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=total_steps)
    start = time.time()
    history = []
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        running = 0.0
        for s in range(steps_per_epoch):
            idx = order[s * args.batch : (s + 1) * args.batch]
            xb = augment(x_train[idx], generator)
            loss = loss_fn(model(xb), y_train[idx])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            running += loss.item()
        line = {"epoch": epoch + 1, "loss": round(running / steps_per_epoch, 4), "seconds": round(time.time() - start, 1)}
        for name, (images, labels, splits, _) in sets.items():
            keep = splits == "val"
            if keep.any() and (epoch % 5 == 4 or epoch == args.epochs - 1):
                line[f"{name}_val"] = round(evaluate(model, to_tensor(images[keep]), torch.from_numpy(labels[keep]))[0], 4)
        history.append(line)
        print(json.dumps(line), flush=True)

    report = {
        "seed": args.seed,
        "epochs": args.epochs,
        "channels": model.channels,
        "trainImages": int(len(x_train)),
        "trainSplits": train_parts,
        "trainSeconds": round(time.time() - start, 1),
        "parameters": int(sum(p.numel() for p in model.parameters())),
        "classes": CLASSES,
        "results": {},
        "history": history,
    }
    for name, (images, labels, splits, index) in sets.items():
        report["results"][name] = {"splitRule": index.get("splitRule", "")}
        for part in ("val", "test"):
            keep = splits == part
            if keep.any():
                acc, confusion = evaluate(model, to_tensor(images[keep]), torch.from_numpy(labels[keep]))
                report["results"][name][part] = {"count": int(keep.sum()), "accuracy": round(acc, 4), "confusion": confusion}
    meta = {"seed": args.seed, "epochs": args.epochs, "datasets": list(sets.keys())}
    export(model, args.out, meta)
    write_parity(model, args.out)
    with open(os.path.join(args.out, "train-report.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    print(json.dumps({k: v for k, v in report.items() if k != "history"}, indent=1))


if __name__ == "__main__":
    main()
