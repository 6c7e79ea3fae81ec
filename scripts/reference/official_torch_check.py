#!/usr/bin/env python3
"""Numerical check: the same small computations under two torch builds give the same numbers.

Run once per build, each writing an .npz, then compare (see OFFICIAL_TORCH.md):
  /usr/bin/python3 scripts/reference/official_torch_check.py save /tmp/debian.npz
  scripts/reference/official_torch.sh scripts/reference/official_torch_check.py save /tmp/official.npz
  /usr/bin/python3 scripts/reference/official_torch_check.py compare /tmp/debian.npz /tmp/official.npz
Inputs come from NumPy (float64, seeded, cast to float32), so they do not depend on the torch build.
Small sizes (batch 8, one step): cheap on 2 cores.
"""
import os
import sys

import numpy as np


def save(path):
    import torch
    from torch import nn

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from pytorch_dcgan_bench import Discriminator, Generator

    torch.set_num_threads(2)
    rng = np.random.default_rng(0)
    arr = lambda *shape, scale=1.0: torch.from_numpy((rng.standard_normal(shape) * scale).astype(np.float32))
    out = {"blas_info": np.array(torch.__config__.show())}

    # 1. One ConvTranspose2d (4x4, stride 2, pad 1, as in the generator): forward and backward.
    ct = nn.ConvTranspose2d(16, 8, 4, 2, 1, bias=True)
    with torch.no_grad():
        ct.weight.copy_(arr(16, 8, 4, 4, scale=0.1))
        ct.bias.copy_(arr(8, scale=0.1))
    x = arr(8, 16, 8, 8).requires_grad_(True)
    y = ct(x)
    gy = arr(*y.shape)
    y.backward(gy)
    out.update(ct_y=y.detach().numpy(), ct_gx=x.grad.numpy(), ct_gw=ct.weight.grad.numpy(), ct_gb=ct.bias.grad.numpy())

    # 2. One Conv2d (the discriminator's): forward and backward.
    cv = nn.Conv2d(8, 16, 4, 2, 1, bias=False)
    with torch.no_grad():
        cv.weight.copy_(arr(16, 8, 4, 4, scale=0.1))
    x2 = arr(8, 8, 16, 16).requires_grad_(True)
    y2 = cv(x2)
    y2.backward(arr(*y2.shape))
    out.update(cv_y=y2.detach().numpy(), cv_gx=x2.grad.numpy(), cv_gw=cv.weight.grad.numpy())

    # 3. One full DCGAN training step of the benchmark (32x32x1, batch 8), weights from NumPy.
    batch, size, channels = 8, 32, 1
    g, d = Generator(size, channels), Discriminator(size, channels)
    with torch.no_grad():
        for m in list(g.modules()) + list(d.modules()):
            for name, p in m.named_parameters(recurse=False):
                centre = 1.0 if isinstance(m, nn.BatchNorm2d) and name == "weight" else 0.0
                p.copy_(centre + arr(*p.shape, scale=0.02))
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    loss = nn.BCEWithLogitsLoss()
    real = torch.from_numpy((rng.random((batch, channels, size, size)) * 2 - 1).astype(np.float32))
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    z = arr(batch, 100)
    fake = g(z)
    d.zero_grad(set_to_none=True)
    loss_d = loss(d(real), ones) + loss(d(fake.detach()), zeros)
    loss_d.backward()
    for i, p in enumerate(d.parameters()):
        out[f"step_d_grad{i}"] = p.grad.numpy().copy()
    opt_d.step()
    g.zero_grad(set_to_none=True)
    loss_g = loss(d(fake), ones)
    loss_g.backward()
    for i, p in enumerate(g.parameters()):
        out[f"step_g_grad{i}"] = p.grad.numpy().copy()
    opt_g.step()
    with torch.no_grad():
        fake_after = g(z)
    out.update(step_fake=fake.detach().numpy(), step_loss_d=loss_d.detach().numpy(),
               step_loss_g=loss_g.detach().numpy(), step_fake_after=fake_after.numpy())
    for i, p in enumerate(g.parameters()):
        out[f"step_g_param{i}"] = p.detach().numpy()
    for i, p in enumerate(d.parameters()):
        out[f"step_d_param{i}"] = p.detach().numpy()
    np.savez(path, **out)
    print(f"saved {path} (torch {torch.__version__}, "
          f"{[l.strip() for l in torch.__config__.show().splitlines() if 'BLAS_INFO' in l or 'DNN' in l]})")


def compare(a_path, b_path):
    """Outputs, input/weight gradients and losses must agree to float32 rounding (relative to the
    largest magnitude). Parameters after the Adam step and G's output after it are printed but not
    judged: Adam's first step moves every weight by about lr * sign(grad), so a gradient entry that is
    ~0 and differs by rounding can flip its update by 2 * lr = 4e-4."""
    a, b = np.load(a_path), np.load(b_path)
    worst = 0.0
    for key in a.files:
        if key == "blas_info":
            continue
        x, y = a[key].astype(np.float64), b[key].astype(np.float64)
        diff = np.abs(x - y).max()
        rel = diff / max(np.abs(x).max(), 1e-12)
        judged = "_param" not in key and key != "step_fake_after"
        if judged:
            worst = max(worst, rel)
        note = ""
        if "_param" in key:
            moved = np.abs(x - y) > 1e-6
            grad = np.abs(a[key.replace("_param", "_grad")])
            note = (f"  (after Adam step, not judged: {moved.sum()} of {moved.size} differ, "
                    f"max |grad| there {grad[moved].max() if moved.any() else 0:.1e} vs {grad.max():.1e} overall)")
        elif not judged:
            note = "  (after Adam step: not judged)"
        print(f"{key:20s} shape {str(x.shape):18s} max|a| {np.abs(x).max():.3e}  max|a-b| {diff:.3e}  rel {rel:.2e}{note}")
    ok = worst < 1e-4
    print(f"worst relative difference of judged arrays (max|a-b| / max|a|): {worst:.2e} -> {'SAME' if ok else 'DIFFERENT'}")
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "save":
        save(sys.argv[2])
    else:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
