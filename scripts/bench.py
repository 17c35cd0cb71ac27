#!/usr/bin/env python3
"""Times tensh, numpy and TensorFlow side by side on the same workloads and prints the
ratios. Uses the reference venv (../shared/reference/tf-oracle --setup makes it).

  python3 scripts/bench.py [--bin target/release/tensh] [--reps N] [--rounds N] [--only TEXT]

Each workload runs in ROUNDS interleaved rounds (tensh, numpy, TensorFlow, again); each run
is a warm-up and REPS timed repetitions, and the figure is the best repetition of all rounds
(these machines are shared: a neighbour's load only ever adds time). The header names the
CPU and the kernel paths tensh takes on it (`tensh info --bounds`); the "bound" column is
the row's ideal time (bytes over the measured copy bandwidth, or flops over the measured
FMA peak) as a share of tensh's time; "tensh MB" and "tf MB" are each process's peak
resident memory running the row's script (the largest of the rounds). tensh is timed from inside its own language with tf.timestamp(), so
start-up is not counted (as it is not for Python). numpy runs without OPENBLAS_CORETYPE /
OPENBLAS_L2_SIZE (they slow a current OpenBLAS; see the tool notes)."""
import argparse, json, os, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PY = os.environ.get("ORACLE_PY", os.path.expanduser("~/.cache/tensh-oracle/bin/python"))

STEP_SETUP = (
    "x = tf.random.uniform([8192, 64])\nlabels = tf.random.uniform([8192], 0, 10, dtype=tf.int32)\n"
    "model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation='relu', input_shape=(64,)), tf.keras.layers.Dense(10)])\n"
    "loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n"
    "opt = tf.keras.optimizers.SGD(0.01)\n"
    "def step(xb, yb):\n"
    "    with tf.GradientTape() as tape:\n"
    "        loss = loss_fn(yb, model(xb, training=True))\n"
    "    grads = tape.gradient(loss, model.trainable_variables)\n"
    "    opt.apply_gradients(zip(grads, model.trainable_variables))\n"
    "    return loss")
STEP_LOOP = "for j in range(0, 8192, 64):\n    loss = step(x[j:j + 64], labels[j:j + 64])"

# name: (setup, one repetition, repetitions-per-sample, numpy setup, numpy step)
WORKLOADS = {
    "matmul 1024x1024 f32": (
        "a = tf.random.normal([1024, 1024])\nb = tf.random.normal([1024, 1024])",
        "c = tf.matmul(a, b)", 10,
        "a = np.random.randn(1024, 1024).astype(np.float32)\nb = np.random.randn(1024, 1024).astype(np.float32)",
        "c = a @ b"),
    "sigmoid 10M f32": (
        "x = tf.random.normal([10000000])", "y = tf.sigmoid(x)", 5,
        "x = np.random.randn(10000000).astype(np.float32)", "y = 1.0 / (1.0 + np.exp(-x))"),
    "softmax [10000,1000] f32": (
        "x = tf.random.normal([10000, 1000])", "y = tf.nn.softmax(x)", 5,
        "x = np.random.randn(10000, 1000).astype(np.float32)",
        "e = np.exp(x - x.max(axis=1, keepdims=True)); y = e / e.sum(axis=1, keepdims=True)"),
    "reduce_sum 10M f32": (
        "x = tf.random.normal([10000000])", "s = tf.reduce_sum(x)", 10,
        "x = np.random.randn(10000000).astype(np.float32)", "s = x.sum()"),
    "dense [4096,784]x[784,512]+relu": (
        "x = tf.random.normal([4096, 784])\nw = tf.random.normal([784, 512])\nb = tf.random.normal([512])",
        "y = tf.nn.relu(tf.matmul(x, w) + b)", 5,
        "x = np.random.randn(4096, 784).astype(np.float32)\nw = np.random.randn(784, 512).astype(np.float32)\nb = np.random.randn(512).astype(np.float32)",
        "y = np.maximum(x @ w + b, 0)"),
    "fit 1 epoch MLP 64-128-10, 8192x64": (
        "x = tf.random.uniform([8192, 64])\nlabels = tf.random.uniform([8192], 0, 10, dtype=tf.int32)\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation='relu', input_shape=(64,)), tf.keras.layers.Dense(10)])\n"
        "model.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))",
        "h = model.fit(x, labels, epochs=1, batch_size=64, shuffle=False, verbose=0)", 1,
        "x = np.random.rand(8192, 64).astype(np.float32)\nlabels = np.random.randint(0, 10, 8192)\n"
        "w1 = (np.random.randn(64, 128) * 0.1).astype(np.float32); b1 = np.zeros(128, np.float32)\n"
        "w2 = (np.random.randn(128, 10) * 0.1).astype(np.float32); b2 = np.zeros(10, np.float32)",
        # the same epoch by hand: forward, softmax cross-entropy gradient, backward, SGD
        "for i in range(0, 8192, 64):\n"
        "    xb, yb = x[i:i + 64], labels[i:i + 64]\n"
        "    h = np.maximum(xb @ w1 + b1, 0); z = h @ w2 + b2\n"
        "    e = np.exp(z - z.max(1, keepdims=True)); p = e / e.sum(1, keepdims=True)\n"
        "    p[np.arange(len(yb)), yb] -= 1; g = p / len(yb)\n"
        "    gh = g @ w2.T; gh[h <= 0] = 0\n"
        "    w2 -= 0.01 * (h.T @ g); b2 -= 0.01 * g.sum(0)\n"
        "    w1 -= 0.01 * (xb.T @ gh); b1 -= 0.01 * gh.sum(0)"),
    # Convolutions (no numpy counterpart): Keras layers and a small CNN's epoch.
    "Conv2D(64,3,same) fwd [64,32,32,32]": (
        "x = tf.random.normal([64, 32, 32, 32])\nlayer = tf.keras.layers.Conv2D(64, 3, padding='same')\ny = layer(x)",
        "y = layer(x)", 3, None, None),
    "Conv2D(64,3,same) train step": (
        "x = tf.random.normal([64, 32, 32, 32])\nlayer = tf.keras.layers.Conv2D(64, 3, padding='same')\ny = layer(x)\n"
        "opt = tf.keras.optimizers.SGD(0.01)",
        "with tf.GradientTape() as tape:\n    loss = tf.reduce_mean(layer(x) ** 2)\n"
        "grads = tape.gradient(loss, layer.trainable_weights)\n"
        "opt.apply_gradients(zip(grads, layer.trainable_weights))", 1, None, None),
    "fit 1 epoch CNN, [2048,28,28,1]": (
        "x = tf.random.uniform([2048, 28, 28, 1])\nlabels = tf.random.uniform([2048], 0, 10, dtype=tf.int32)\n"
        "model = tf.keras.Sequential([tf.keras.layers.Conv2D(32, 3, activation='relu', input_shape=(28, 28, 1)), "
        "tf.keras.layers.MaxPooling2D(), tf.keras.layers.Conv2D(64, 3, activation='relu'), tf.keras.layers.MaxPooling2D(), "
        "tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])\n"
        "model.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))",
        "h = model.fit(x, labels, epochs=1, batch_size=64, shuffle=False, verbose=0)", 1, None, None),
    # A sequence model: embedding lookup, an LSTM over 100 steps, a dense head.
    "fit 1 epoch Embedding+LSTM(64), [2048,100]": (
        "x = tf.random.uniform([2048, 100], 0, 10000, dtype=tf.int32)\n"
        "labels = tf.cast(tf.random.uniform([2048], 0, 2, dtype=tf.int32), tf.float32)\n"
        "model = tf.keras.Sequential([tf.keras.layers.Embedding(10000, 64, input_length=100), "
        "tf.keras.layers.LSTM(64), tf.keras.layers.Dense(1)])\n"
        "model.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))",
        "h = model.fit(x, labels, epochs=1, batch_size=32, shuffle=False, verbose=0)", 1, None, None),
    # An input pipeline: 469 shuffled batches of 128 rows, each mapped (numpy: the same
    # batches gathered from a permutation).
    "tf.data shuffle(10000).batch(128).map, [60000,784]": (
        "x = tf.random.uniform([60000, 784])",
        "for b in tf.data.Dataset.from_tensor_slices(x).shuffle(10000).batch(128).map(lambda v: v * 2.0):\n    pass",
        1,
        "x = np.random.rand(60000, 784).astype(np.float32)",
        "idx = np.random.permutation(60000)\nfor j in range(0, 60000, 128):\n    b = x[idx[j:j + 128]] * 2.0"),
    # A hand-written training step, 128 batches of 64: run eagerly, and traced once by
    # tf.function and then run from its graph (tensh replays the recorded calls).
    "train step MLP eager, 128 batches": (
        STEP_SETUP, STEP_LOOP, 1, None, None),
    "train step MLP tf.function, 128 batches": (
        STEP_SETUP + "\nstep = tf.function(step)\nloss = step(x[:64], labels[:64])", STEP_LOOP, 1, None, None),
    "100k tiny ops (x + 1.0, 4 elems)": (
        "x = tf.constant([1.0, 2.0, 3.0, 4.0])",
        "for _ in range(100000):\n    y = x + 1.0", 1,
        "x = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32)",
        "for _ in range(100000):\n    y = x + 1.0"),
}


# What bounds each row, and how much: bytes moved through memory ("mem", limited by the
# copy bandwidth) or float32 flops ("flop", limited by the FMA peak); the family of
# kernels whose path `tensh info` reports. Training rows count the forward pass three
# times (forward, and the two products of the backward pass).
BOUNDS = {
    "matmul 1024x1024 f32": ("flop", 2 * 1024 ** 3, "matrix products"),
    "sigmoid 10M f32": ("mem", 2 * 4e7, "loops"),
    "softmax [10000,1000] f32": ("mem", 2 * 4e7, "loops"),
    "reduce_sum 10M f32": ("mem", 4e7, "loops"),
    "dense [4096,784]x[784,512]+relu": ("flop", 2 * 4096 * 784 * 512, "matrix products"),
    "fit 1 epoch MLP 64-128-10, 8192x64": ("flop", 3 * 8192 * 2 * (64 * 128 + 128 * 10), "matrix products"),
    "Conv2D(64,3,same) fwd [64,32,32,32]": ("flop", 2 * 64 * 32 * 32 * 64 * 9 * 32, "matrix products"),
    "Conv2D(64,3,same) train step": ("flop", 3 * 2 * 64 * 32 * 32 * 64 * 9 * 32, "matrix products"),
    "fit 1 epoch CNN, [2048,28,28,1]": ("flop", 3 * 2048 * 2 * (26 * 26 * 32 * 9 + 11 * 11 * 64 * 288 + 1600 * 10), "matrix products"),
    "fit 1 epoch Embedding+LSTM(64), [2048,100]": ("flop", 3 * 2048 * 100 * 2 * 128 * 256, "matrix products"),
    "tf.data shuffle(10000).batch(128).map, [60000,784]": ("mem", 4 * 60000 * 784 * 4, "loops"),
    "train step MLP eager, 128 batches": ("flop", 3 * 8192 * 2 * (64 * 128 + 128 * 10), "matrix products"),
    "train step MLP tf.function, 128 batches": ("flop", 3 * 8192 * 2 * (64 * 128 + 128 * 10), "matrix products"),
}


def machine(binary):
    """`tensh info --bounds`: the CPU, the kernel paths, bandwidth (GB/s), peak (GFLOP/s)."""
    r = subprocess.run([binary, "info", "--bounds"], capture_output=True, text=True, timeout=300)
    info = {}
    for line in r.stdout.splitlines():
        k, _, v = line.partition(": ")
        info[k] = v
    num = lambda k: float(info.get(k, "0").split()[0] or 0)
    return info, num("copy bandwidth") * 1e9, num("float32 FMA peak") * 1e9


def indent(code, n=4):
    return "\n".join(" " * n + l for l in code.splitlines())


def tensh_script(setup, step, inner, reps):
    return f"""import tensorflow as tf
{setup}
times = []
for r in range({reps} + 1):
    t0 = tf.timestamp()
    for i in range({inner}):
{indent(step, 8)}
    t1 = tf.timestamp()
    times.append(float(t1 - t0) / {inner})
print(min(times[1:]))
"""


def python_script(setup, step, inner, reps, tf_mode):
    head = "import tensorflow as tf\nimport numpy as np\nimport time\n" if tf_mode else "import numpy as np\nimport time\n"
    return f"""{head}{setup}
times = []
for r in range({reps} + 1):
    t0 = time.perf_counter()
    for i in range({inner}):
{indent(step, 8)}
{'        _ = y.numpy() if hasattr(y, "numpy") else None' if tf_mode and 'y =' in step and 'for _' not in step else ''}
    t1 = time.perf_counter()
    times.append((t1 - t0) / {inner})
print(min(times[1:]))
"""


# Runs a command and reports its peak resident memory (KB) on stderr's last line: the
# wrapper's only child is the command, so RUSAGE_CHILDREN is that process's own peak.
PEAK = ("import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:])\n"
        "print('peak-rss-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(r.returncode)")


def run(cmd, src, env=None):
    """(seconds, peak resident MB, error lines) of one run of `src`."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(src)
    try:
        r = subprocess.run([sys.executable, "-c", PEAK] + cmd + [f.name], capture_output=True,
                           text=True, env=env, timeout=900)
    finally:
        os.unlink(f.name)
    lines = r.stderr.strip().splitlines()
    peak = None
    if lines and lines[-1].startswith("peak-rss-kb "):
        peak = int(lines.pop().split()[1]) / 1024
    if r.returncode != 0:
        return None, peak, lines[-1:] or ["failed"]
    return float(r.stdout.strip().splitlines()[-1]), peak, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "tensh"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(PY):
        sys.exit("the reference venv is missing: run ../shared/reference/tf-oracle --setup")
    np_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    tf_env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    info, bandwidth, peak = machine(a.bin)
    print("cpu: %s" % info.get("cpu", "unknown"))
    for k, v in info.items():
        if k != "cpu":
            print("%s: %s" % (k, v))
    rows = []
    print("%-34s %12s %12s %12s %10s %10s %8s %9s %9s  %s" % (
        "workload", "tensh", "numpy", "tensorflow", "np/tensh", "tf/tensh", "bound",
        "tensh MB", "tf MB", "path"))
    for name, (setup, step, inner, np_setup, np_step) in WORKLOADS.items():
        if a.only and a.only not in name:
            continue
        reps = a.reps if inner > 1 else max(3, a.reps // 2)
        # Interleaved rounds, best of each: a neighbour's load only ever adds time.
        best = [None, None, None]
        peaks = [None, None, None]
        errs = []
        for _ in range(a.rounds):
            for k, (cmd, src, env) in enumerate([
                    ([a.bin], tensh_script(setup, step, inner, reps), None),
                    (None if np_setup is None else [PY],
                     None if np_setup is None else python_script(np_setup, np_step, inner, reps, False), np_env),
                    ([PY], python_script(setup, step, inner, reps, True), tf_env)]):
                if cmd is None:
                    continue
                t, rss, e = run(cmd, src, env=env)
                if e:
                    errs.append(e)
                # The largest peak of the rounds (memory, unlike time, has no noise floor).
                if rss is not None and (peaks[k] is None or rss > peaks[k]):
                    peaks[k] = rss
                if t is not None and (best[k] is None or t < best[k]):
                    best[k] = t
        t_tensh, t_np, t_tf = best
        fmt = lambda t: ("%9.3f ms" % (t * 1e3)) if t is not None else "   failed"
        ratio = lambda x: ("%9.2fx" % (x / t_tensh)) if (x and t_tensh) else "      n/a"
        np_col = fmt(t_np) if np_setup is not None else "-"
        bound, path = "-", "interpreter"
        if name in BOUNDS:
            kind, amount, family = BOUNDS[name]
            ideal = amount / (bandwidth if kind == "mem" else peak) if (bandwidth and peak) else None
            if ideal and t_tensh:
                bound = "%6.1f%%" % (100 * ideal / t_tensh)
            path = [v for k, v in info.items() if k.startswith(family)][0] if any(
                k.startswith(family) for k in info) else family
            path = ("%s-bound; " % ("memory" if kind == "mem" else "FMA")) + path
        mb = lambda m: "%9.0f" % m if m is not None else "        -"
        print("%-34s %12s %12s %12s %10s %10s %8s %9s %9s  %s" % (
            name, fmt(t_tensh), np_col, fmt(t_tf), ratio(t_np), ratio(t_tf), bound,
            mb(peaks[0]), mb(peaks[2]), path))
        for e in errs[:3]:
            print("    ", e)
        rows.append({"workload": name, "tensh": t_tensh, "numpy": t_np, "tensorflow": t_tf,
                     "bound": bound, "path": path, "tensh_mb": peaks[0], "tf_mb": peaks[2]})
    if a.json:
        print(json.dumps(rows, indent=1))
    print("ratios above 1.00x mean tensh is faster")


if __name__ == "__main__":
    main()
