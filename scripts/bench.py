#!/usr/bin/env python3
"""Times tensh, numpy and TensorFlow side by side on the same workloads and prints the
ratios. Uses the reference venv (../shared/reference/tf-oracle --setup makes it).

  python3 scripts/bench.py [--bin target/release/tensh] [--reps N]

Each workload runs a warm-up, then REPS timed repetitions; the figure is the median time
of one repetition. tensh is timed from inside its own language with tf.timestamp(), so
start-up is not counted (as it is not for Python). numpy runs without OPENBLAS_CORETYPE /
OPENBLAS_L2_SIZE (they slow a current OpenBLAS; see the tool notes)."""
import argparse, json, os, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PY = os.environ.get("ORACLE_PY", os.path.expanduser("~/.cache/tensh-oracle/bin/python"))

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
    "100k tiny ops (x + 1.0, 4 elems)": (
        "x = tf.constant([1.0, 2.0, 3.0, 4.0])",
        "for _ in range(100000):\n    y = x + 1.0", 1,
        "x = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32)",
        "for _ in range(100000):\n    y = x + 1.0"),
}


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
times = sorted(times[1:])
print(times[len(times) // 2])
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
times = sorted(times[1:])
print(times[len(times) // 2])
"""


def run(cmd, src, env=None):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(src)
    try:
        r = subprocess.run(cmd + [f.name], capture_output=True, text=True, env=env, timeout=900)
    finally:
        os.unlink(f.name)
    if r.returncode != 0:
        return None, r.stderr.strip().splitlines()[-1:] if r.stderr else ["failed"]
    return float(r.stdout.strip().splitlines()[-1]), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "tensh"))
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--only", default="")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(PY):
        sys.exit("the reference venv is missing: run ../shared/reference/tf-oracle --setup")
    np_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    tf_env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    rows = []
    print("%-34s %12s %12s %12s %10s %10s" % ("workload", "tensh", "numpy", "tensorflow", "np/tensh", "tf/tensh"))
    for name, (setup, step, inner, np_setup, np_step) in WORKLOADS.items():
        if a.only and a.only not in name:
            continue
        reps = a.reps if inner > 1 else max(3, a.reps // 2)
        t_tensh, e1 = run([a.bin], tensh_script(setup, step, inner, reps))
        t_np, e2 = (None, None) if np_setup is None else run(
            [PY], python_script(np_setup, np_step, inner, reps, False), env=np_env)
        t_tf, e3 = run([PY], python_script(setup, step, inner, reps, True), env=tf_env)
        fmt = lambda t: ("%9.3f ms" % (t * 1e3)) if t is not None else "   failed"
        ratio = lambda x: ("%9.2fx" % (x / t_tensh)) if (x and t_tensh) else "      n/a"
        np_col = fmt(t_np) if np_setup is not None else "-"
        print("%-34s %12s %12s %12s %10s %10s" % (name, fmt(t_tensh), np_col, fmt(t_tf), ratio(t_np), ratio(t_tf)))
        for e in (e1, e2, e3):
            if e:
                print("    ", e)
        rows.append({"workload": name, "tensh": t_tensh, "numpy": t_np, "tensorflow": t_tf})
    if a.json:
        print(json.dumps(rows, indent=1))
    print("ratios above 1.00x mean tensh is faster")


if __name__ == "__main__":
    main()
