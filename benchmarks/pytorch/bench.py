#!/usr/bin/python3
"""PyTorch's side of the Unroll benchmarks: the configurations of BENCHMARKS.md.

T1-T4 are training steps (forward over the whole sequence, full BPTT backward, gradient clipping
by global norm 5, one Adam update) on a fixed random batch; I1 generates 2000 symbols one at a
time, each sampled from softmax(logits / 0.8) and fed back; I2 runs 128 sequences of 100 symbols
forward and takes the softmax of every step; SGEMM multiplies two 1024 x 1024 matrices (the BLAS
ceiling, reported as ms per product and GFLOP/s). Every configuration is measured in its variants
(eager, and TorchScript where it applies) and the fastest is reported, as the last line of
standard output, in JSON:

    {"config": "T1", "ms_per_op": 36.2, "value": 36.2, "unit": "ms/step", "variant": "eager",
     "threads": 2, "variants": [...], "torch": "1.13.1", "openblas_core": "SkylakeX", ...}

Run it with Debian's PyTorch 1.13 (`apt-get install python3-torch`) through /usr/bin/python3,
and, as BENCHMARKS.md says, without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (they pin OpenBLAS to
its AVX2 kernels) and with OMP_WAIT_POLICY=PASSIVE:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE \\
        /usr/bin/python3 benchmarks/pytorch/bench.py --config T1

Threads: `--threads auto` uses BENCHMARKS.md's choice for the configuration, a number uses that
many, and a list such as `1,2` measures each in its own process (OpenBLAS reads its thread count
once, when it is loaded) and reports the fastest.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CONFIGS = ("T1", "T2", "T3", "T4", "I1", "I2", "SGEMM")
# The thread counts at which BENCHMARKS.md measured each configuration's PyTorch figure.
DEFAULT_THREADS = {"T1": 2, "T2": 2, "T3": 1, "T4": 1, "I1": 1, "I2": 1, "SGEMM": 2}
SGEMM_N = 1024
SYMBOLS = 65
GENERATED = 2000
TEMPERATURE = 0.8


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, choices=CONFIGS)
    parser.add_argument("--threads", default="auto", help="auto, a number, or a list such as 1,2")
    parser.add_argument("--seconds", type=float, default=10, help="measure each variant at least this long")
    parser.add_argument("--warmup-seconds", type=float, default=3, help="warm each variant up at least this long")
    parser.add_argument("--variants", default="eager,script", help="comma-separated: eager, script")
    args = parser.parse_args()

    counts = [DEFAULT_THREADS[args.config]] if args.threads == "auto" else [int(t) for t in args.threads.split(",")]
    if len(counts) == 1:
        result = run(args, counts[0])
    else:
        # One process per thread count: OpenBLAS sizes its pool when it is loaded.
        results = []
        for n in counts:
            command = [sys.executable, os.path.abspath(__file__), "--config", args.config, "--threads", str(n),
                       "--seconds", str(args.seconds), "--warmup-seconds", str(args.warmup_seconds),
                       "--variants", args.variants]
            out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
        result = min(results, key=lambda r: r["ms_per_op"])
        result["variants"] = [v for r in results for v in r["variants"]]
    print(json.dumps(result), flush=True)


def run(args, threads):
    """Measures every variant of one configuration at one thread count, in this process."""
    # Before torch (and so OpenBLAS and OpenMP) is loaded: both read these once.
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(threads)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch

    rss_after_import = memory_kib("VmRSS")
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    measured = []
    for variant in args.variants.split(","):
        op = build(torch, args.config, variant)
        if op is None:
            continue
        ms = measure(op, args.seconds, args.warmup_seconds)
        measured.append({"variant": variant, "threads": threads, "ms_per_op": ms})
        print(f"{args.config} {variant} {threads} thread(s): {ms:.2f} ms per op", file=sys.stderr, flush=True)
    blas = blas_library() or ""
    if "openblas" not in blas:
        print(f"warning: PyTorch uses the BLAS at {blas or 'an unknown path'}, not OpenBLAS; Debian's reference "
              "BLAS is many times slower: sudo apt-get install libopenblas0-pthread", file=sys.stderr, flush=True)
    best = min(measured, key=lambda v: v["ms_per_op"])
    unit, value = figure(args.config, best["ms_per_op"])
    return {
        "config": args.config,
        "ms_per_op": best["ms_per_op"],
        "value": value,
        "unit": unit,
        "variant": best["variant"],
        "threads": threads,
        "variants": measured,
        "torch": torch.__version__,
        "blas": blas_library(),
        "openblas_core": openblas_core(),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
        "openblas_l2_size": os.environ.get("OPENBLAS_L2_SIZE"),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        # The peak resident set of this process less its resident set right after `import torch`:
        # what the models, their optimizer state and the work added.
        "rss_growth_bytes": (memory_kib("VmHWM") - rss_after_import) * 1024 if rss_after_import else None,
    }


def memory_kib(field):
    """A field of /proc/self/status in KiB (VmRSS: resident set now, VmHWM: its peak), or None."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def figure(config, ms):
    """The configuration's unit and figure for one operation taking `ms` milliseconds."""
    if config == "I1":
        return "symbols/s", GENERATED / (ms / 1000)
    if config == "I2":
        return "sequences/s", 128 / (ms / 1000)
    if config == "SGEMM":
        return "GFLOP/s", 2 * SGEMM_N ** 3 / (ms / 1000) / 1e9
    return "ms/step", ms


def measure(op, seconds, warmup_seconds, min_runs=5, min_warmup=3):
    """The median time of `op` in milliseconds, after a warm-up (allocator, OpenMP pool, JIT)."""
    start = time.perf_counter()
    runs = 0
    while runs < min_warmup or time.perf_counter() - start < warmup_seconds:
        op()
        runs += 1
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        op()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def blas_library():
    """The BLAS library this process loaded (Debian picks it through update-alternatives)."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if "blas" in os.path.basename(path):
                    return os.path.realpath(path)
    except OSError:
        pass
    return None


def openblas_core():
    """The OpenBLAS kernel set in use (e.g. SkylakeX, Haswell), if OpenBLAS can be asked."""
    import ctypes

    for name in ("libopenblas.so.0", "libblas.so.3"):
        try:
            lib = ctypes.CDLL(name)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode()
        except (OSError, AttributeError):
            continue
    return None


# ---------------------------------------------------------------------------------------- models


def build(torch, config, variant):
    """A zero-argument callable doing one operation of `config`, or None if the variant does not apply."""
    if config in ("T1", "T2", "T3", "T4"):
        return training(torch, config, variant)
    if config == "I1":
        return generation(torch, variant)
    if config == "SGEMM":
        return sgemm(torch) if variant == "eager" else None
    return batch_inference(torch, variant)


def sgemm(torch):
    """C = A B for float32 1024 x 1024 matrices (torch.mm into a preallocated C): the BLAS ceiling."""
    g = torch.Generator().manual_seed(3)
    a = torch.randn(SGEMM_N, SGEMM_N, generator=g)
    b = torch.randn(SGEMM_N, SGEMM_N, generator=g)
    c = torch.empty(SGEMM_N, SGEMM_N)
    return lambda: torch.mm(a, b, out=c)


def modules(torch):
    nn = torch.nn

    class CharRnn(nn.Module):
        """One-hot symbols -> LSTM layers -> linear head at every step."""

        def __init__(self, hidden):
            super().__init__()
            self.rnn = nn.LSTM(SYMBOLS, hidden, 2)
            self.head = nn.Linear(hidden, SYMBOLS)

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.head(out)

    class Forecaster(nn.Module):
        """One feature -> GRU 32 -> linear head on the last step."""

        def __init__(self):
            super().__init__()
            self.rnn = nn.GRU(1, 32, 1)
            self.head = nn.Linear(32, 1)

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.head(out[-1])

    class Tagger(nn.Module):
        """64 features -> bidirectional GRU 128 -> 9 tags at every step."""

        def __init__(self):
            super().__init__()
            self.rnn = nn.GRU(64, 128, 1, bidirectional=True)
            self.head = nn.Linear(256, 9)

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.head(out)

    return CharRnn, Forecaster, Tagger


def training(torch, config, variant):
    CharRnn, Forecaster, Tagger = modules(torch)
    F = torch.nn.functional
    g = torch.Generator().manual_seed(11)
    if config in ("T1", "T2"):
        hidden, steps, batch, lr = (128, 50, 50, 2e-3) if config == "T1" else (512, 100, 64, 2e-3)
        model = CharRnn(hidden)
        x = F.one_hot(torch.randint(SYMBOLS, (steps, batch), generator=g), SYMBOLS).float()
        y = torch.randint(SYMBOLS, (steps, batch), generator=g)
        outputs = SYMBOLS
        loss_fn = lambda logits: F.cross_entropy(logits.reshape(-1, outputs), y.reshape(-1))
    elif config == "T3":
        model, lr = Forecaster(), 1e-3
        x = torch.randn(48, 16, 1, generator=g)
        y = torch.randn(16, 1, generator=g)
        loss_fn = lambda out: F.mse_loss(out, y)
    else:
        model, lr = Tagger(), 1e-3
        x = torch.randn(40, 32, 64, generator=g)
        y = torch.randint(9, (40, 32), generator=g)
        loss_fn = lambda logits: F.cross_entropy(logits.reshape(-1, 9), y.reshape(-1))
    if variant == "script":
        model = torch.jit.script(model)
    params = list(model.parameters())
    opt = torch.optim.Adam(params, lr=lr)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()

    return step


def generation(torch, variant):
    """I1: 2000 symbols, one LSTM step each, sampled at temperature 0.8 and fed back."""
    CharRnn, _, _ = modules(torch)
    model = CharRnn(256).eval()
    if variant == "eager":
        eye = torch.eye(SYMBOLS)
        g = torch.Generator().manual_seed(17)

        @torch.inference_mode()
        def op():
            state = None
            symbol = int(torch.randint(SYMBOLS, (1,), generator=g))
            for _ in range(GENERATED):
                out, state = model.rnn(eye[symbol].view(1, 1, SYMBOLS), state)
                probs = torch.softmax(model.head(out.view(1, -1)) / TEMPERATURE, dim=-1)
                symbol = int(torch.multinomial(probs, 1, generator=g))

        return op
    if variant == "script":
        # The whole loop in TorchScript, with the one-hot input's projection done as a row lookup
        # (BENCHMARKS.md's fastest PyTorch setting for I1).
        generator = torch.jit.script(ScriptedGenerator(torch, model))
        torch.manual_seed(17)

        def op():
            with torch.inference_mode():
                generator(GENERATED, TEMPERATURE)

        return op
    return None


def ScriptedGenerator(torch, model):
    """A TorchScript module generating from `model` (2 LSTM layers and a head) one step at a time."""
    nn = torch.nn

    class Generator(nn.Module):
        def __init__(self):
            super().__init__()
            rnn = model.rnn
            # Row s of w_x0 is W_ih_l0[:, s]^T + both layer-0 biases: the projection of one-hot s.
            self.w_x0 = nn.Parameter((rnn.weight_ih_l0.t() + rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().contiguous())
            self.w_h0 = nn.Parameter(rnn.weight_hh_l0.t().detach().contiguous())
            self.w_x1 = nn.Parameter(rnn.weight_ih_l1.t().detach().contiguous())
            self.w_h1 = nn.Parameter(rnn.weight_hh_l1.t().detach().contiguous())
            self.b1 = nn.Parameter((rnn.bias_ih_l1 + rnn.bias_hh_l1).detach().view(1, -1))
            self.w_o = nn.Parameter(model.head.weight.t().detach().contiguous())
            self.b_o = nn.Parameter(model.head.bias.detach().view(1, -1))
            self.hidden = rnn.hidden_size

        def forward(self, length: int, temperature: float) -> torch.Tensor:
            h = self.hidden
            h0 = torch.zeros(1, h)
            c0 = torch.zeros(1, h)
            h1 = torch.zeros(1, h)
            c1 = torch.zeros(1, h)
            out = torch.empty(length, dtype=torch.long)
            symbol = int(torch.randint(self.w_x0.size(0), (1,)))
            for t in range(length):
                gates = self.w_x0[symbol].view(1, -1) + torch.mm(h0, self.w_h0)
                i, f, g, o = gates.chunk(4, 1)
                c0 = torch.sigmoid(f) * c0 + torch.sigmoid(i) * torch.tanh(g)
                h0 = torch.sigmoid(o) * torch.tanh(c0)
                gates = torch.addmm(self.b1, h0, self.w_x1) + torch.mm(h1, self.w_h1)
                i, f, g, o = gates.chunk(4, 1)
                c1 = torch.sigmoid(f) * c1 + torch.sigmoid(i) * torch.tanh(g)
                h1 = torch.sigmoid(o) * torch.tanh(c1)
                logits = torch.addmm(self.b_o, h1, self.w_o)
                probs = torch.softmax(logits / temperature, dim=1)
                symbol = int(torch.multinomial(probs, 1))
                out[t] = symbol
            return out

    return Generator()


def batch_inference(torch, variant):
    """I2: 128 sequences of 100 one-hot symbols forward, softmax at every step."""
    CharRnn, _, _ = modules(torch)
    model = CharRnn(256).eval()
    if variant == "script":
        model = torch.jit.script(model)
    g = torch.Generator().manual_seed(16)
    x = torch.nn.functional.one_hot(torch.randint(SYMBOLS, (100, 128), generator=g), SYMBOLS).float()

    def op():
        with torch.inference_mode():
            torch.softmax(model(x), dim=-1)

    return op


if __name__ == "__main__":
    main()
