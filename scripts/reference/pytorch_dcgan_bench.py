#!/usr/bin/env python3
"""The same DCGAN training step in PyTorch, timed the way `dcgan bench` times ours.

A reference point for issue #2's speed targets ("a mature Python framework on the same 2 cores"),
not part of the product. Debian: `apt-get install python3-torch` (1.13.1, built with oneDNN 2.6.3),
then `/usr/bin/python3 scripts/reference/pytorch_dcgan_bench.py --shapes 32x32x1,64x64x3`.

The networks are this project's (core/gan/GeneratorFactory, DiscriminatorFactory), written with
PyTorch modules: G projects z with one bias-free matrix multiply to 4x4 x (ngf << (stages - 1)),
then 4x4 stride-2 transposed convolutions with batchnorm + ReLU, Tanh output; D is 4x4 stride-2
convolutions with LeakyReLU 0.2, batchnorm on all but the first, one sigmoid output over the last
4x4 map. The step is the usual one (pytorch/examples' order): G(z) once; D on real and on G(z)
detached, one Adam step; then BCE(D(G(z)), 1) back through the updated D into G, one Adam step.
Batch 128, Adam lr 2e-4 beta1 0.5. Random inputs: the speed does not depend on the pixels.
"""
import argparse
import statistics
import time

import torch
from torch import nn


def stages(size):
    return {16: 2, 32: 3, 64: 4}[size]


class Generator(nn.Module):
    def __init__(self, size, channels, nz=100, ngf=64):
        super().__init__()
        self.base = ngf << (stages(size) - 1)
        self.project = nn.Linear(nz, 16 * self.base, bias=False)
        layers = [nn.BatchNorm2d(self.base), nn.ReLU(True)]
        c = self.base
        for _ in range(1, stages(size)):
            layers += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(c // 2), nn.ReLU(True)]
            c //= 2
        layers += [nn.ConvTranspose2d(c, channels, 4, 2, 1, bias=True), nn.Tanh()]
        self.body = nn.Sequential(*layers)

    def forward(self, z):
        return self.body(self.project(z).view(-1, self.base, 4, 4))


class Discriminator(nn.Module):
    def __init__(self, size, channels, ndf=64):
        super().__init__()
        layers = [nn.Conv2d(channels, ndf, 4, 2, 1, bias=True), nn.LeakyReLU(0.2, True)]
        c = ndf
        for _ in range(1, stages(size)):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(c * 2), nn.LeakyReLU(0.2, True)]
            c *= 2
        layers += [nn.Flatten(), nn.Linear(16 * c, 1)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


def init(module):
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


def measure(size, channels, batch, warmup, repetitions, steps_per_repetition, profile=False):
    torch.manual_seed(0)
    g, d = Generator(size, channels), Discriminator(size, channels)
    g.apply(init)
    d.apply(init)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    loss = nn.BCEWithLogitsLoss()
    real = torch.rand(batch, channels, size, size) * 2 - 1
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)

    def step():
        z = torch.randn(batch, 100)
        fake = g(z)
        d.zero_grad(set_to_none=True)
        loss_d = loss(d(real), ones) + loss(d(fake.detach()), zeros)
        loss_d.backward()
        opt_d.step()
        g.zero_grad(set_to_none=True)
        loss_g = loss(d(fake), ones)
        loss_g.backward()
        opt_g.step()

    for _ in range(warmup):
        step()
    if profile:
        with torch.autograd.profiler.profile() as prof:
            for _ in range(steps_per_repetition):
                step()
        print(f"torch.autograd.profiler, {steps_per_repetition} steps:")
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=12))
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(steps_per_repetition):
            step()
        times.append((time.perf_counter() - start) / steps_per_repetition)
    step_s = statistics.median(times)
    return step_s, batch / step_s


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default="32x32x1,32x32x3,64x64x3")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--steps", type=int, default=3, help="steps per repetition")
    parser.add_argument("--profile", action="store_true", help="also print PyTorch's per-op profile of one repetition")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, oneDNN available: {torch.backends.mkldnn.is_available()}, "
          f"threads {torch.get_num_threads()}")
    a = torch.randn(1024, 1024)
    mm = []
    for _ in range(5):
        start = time.perf_counter()
        torch.mm(a, a)
        mm.append(time.perf_counter() - start)
    print(f"matmul 1024^3 float32: {2 * 1024 ** 3 / statistics.median(mm) / 1e9:.1f} GFLOPS")
    print("| shape | batch | train images/s | step ms |")
    print("| --- | ---: | ---: | ---: |")
    for shape in args.shapes.split(","):
        h, w, c = (int(v) for v in shape.split("x"))
        if h != w:
            raise SystemExit(f"shape {shape}: images must be square")
        step_s, rate = measure(h, c, args.batch, args.warmup, args.repetitions, args.steps, args.profile)
        print(f"| {shape} | {args.batch} | {rate:.1f} | {step_s * 1000:.0f} |", flush=True)


if __name__ == "__main__":
    main()
