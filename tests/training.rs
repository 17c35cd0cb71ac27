//! Training end to end: the example scripts, Keras's progress lines, the shipped data sets.
//! Loss values and updates are checked against TensorFlow in tests/reference/training.py
//! and optimizers.py; here are the parts whose output has timings or randomness in it.

mod support;

use regex::Regex;

fn stdout(args: &[&str], stdin: &str) -> String {
    let out = support::run(args, stdin);
    assert!(
        out.status.success(),
        "tensh failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn script(name: &str) -> String {
    format!("{}/scripts/{}", env!("CARGO_MANIFEST_DIR"), name)
}

#[test]
fn digits_mlp_passes_95_percent_on_held_out_digits() {
    let out = stdout(&[&script("digits_mlp.py")], "");
    let last = out.lines().last().unwrap_or("");
    let acc: f64 = last
        .rsplit(' ')
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no accuracy in {:?}", last));
    assert!(acc > 0.95, "test accuracy {} in:\n{}", acc, out);
    // 40 epochs of verbose=2 lines, each with validation figures.
    let epochs = out.lines().filter(|l| l.starts_with("Epoch ")).count();
    assert_eq!(epochs, 40);
}

#[test]
fn gradient_descent_recovers_the_line() {
    let out = stdout(&[&script("gradient_descent.py")], "");
    let last = out.lines().last().unwrap_or("");
    let re = Regex::new(r"^w = (\S+), b = (\S+)  \(true: 3, 2\)$").unwrap();
    let c = re.captures(last).unwrap_or_else(|| panic!("{:?}", last));
    let w: f64 = c[1].parse().unwrap();
    let b: f64 = c[2].parse().unwrap();
    assert!((w - 3.0).abs() < 0.05 && (b - 2.0).abs() < 0.05, "{}", last);
}

const MODEL: &str = "
import tensorflow as tf
x = tf.random.uniform([100, 4])
y = tf.cast(tf.reduce_sum(x, axis=1) > 2, tf.float32)
model = tf.keras.Sequential([tf.keras.layers.Dense(8, activation='relu', input_shape=(4,)), tf.keras.layers.Dense(1, activation='sigmoid')])
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
";

/// The line shapes TensorFlow 2.15 printed for these calls (its piped output, with the
/// first-batch line it also writes left out: tensh prints each epoch once when piped).
#[test]
fn progress_lines_have_keras_shape() {
    let src = format!(
        "{}h = model.fit(x, y, epochs=2, batch_size=32)
h2 = model.fit(x, y, epochs=2, batch_size=32, validation_split=0.2, verbose=2)
model.fit(x, y, epochs=1, verbose=0)
r = model.evaluate(x, y)
p = model.predict(x[:3])
model.fit(x, y, epochs=1, batch_size=50)
",
        MODEL
    );
    let out = stdout(&[], &src);
    let t = r"\d+(?:s|ms|us)";
    let v = r"\d\.\d{4}";
    let history = r"^<keras\.src\.callbacks\.History object at 0x[0-9a-f]+>$";
    let patterns = [
        "^Epoch 1/2$".to_string(),
        format!(
            r"^4/4 \[==============================\] - \d+s {t}/step - loss: {v} - accuracy: {v}$"
        ),
        "^Epoch 2/2$".to_string(),
        format!(
            r"^4/4 \[==============================\] - \d+s {t}/step - loss: {v} - accuracy: {v}$"
        ),
        "^Epoch 1/2$".to_string(),
        format!(
            r"^3/3 - \d+s - loss: {v} - accuracy: {v} - val_loss: {v} - val_accuracy: {v} - {t}/epoch - {t}/step$"
        ),
        "^Epoch 2/2$".to_string(),
        format!(
            r"^3/3 - \d+s - loss: {v} - accuracy: {v} - val_loss: {v} - val_accuracy: {v} - {t}/epoch - {t}/step$"
        ),
        history.to_string(),
        format!(
            r"^4/4 \[==============================\] - \d+s {t}/step - loss: {v} - accuracy: {v}$"
        ),
        format!(r"^1/1 \[==============================\] - \d+s {t}/step$"),
        format!(
            r"^2/2 \[==============================\] - \d+s {t}/step - loss: {v} - accuracy: {v}$"
        ),
        history.to_string(),
    ];
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), patterns.len(), "output:\n{}", out);
    for (line, p) in lines.iter().zip(&patterns) {
        assert!(Regex::new(p).unwrap().is_match(line), "{:?} !~ {}", line, p);
    }
}

#[test]
fn history_and_results_have_keras_types() {
    let src = format!(
        "{}h = model.fit(x, y, epochs=3, batch_size=25, validation_data=(x[:10], y[:10]), verbose=0)
h.history.keys()
h.params
h.epoch
type(h.history['loss'][0])
type(model.evaluate(x, y, verbose=0))
model.evaluate(x, y, verbose=0, return_dict=True).keys()
model.predict(x[:5], verbose=0).shape
model.loss
",
        MODEL
    );
    let out = stdout(&[], &src);
    let expected = "dict_keys(['loss', 'accuracy', 'val_loss', 'val_accuracy'])
{'verbose': 0, 'epochs': 3, 'steps': 4}
[0, 1, 2]
<class 'float'>
<class 'list'>
dict_keys(['loss', 'accuracy'])
(5, 1)
'binary_crossentropy'
";
    assert_eq!(out, expected);
}

#[test]
fn fit_before_compile_is_keras_runtime_error() {
    let src = "
import tensorflow as tf
m = tf.keras.Sequential([tf.keras.layers.Dense(1)])
m.fit(tf.ones([4, 2]), tf.ones([4, 1]))
";
    let out = support::run(&[], src);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("RuntimeError: You must compile your model before training/testing. Use `model.compile(optimizer, loss)`."),
        "{}",
        err
    );
}

/// Facts of scikit-learn's copy of the UCI digits (its `digits.csv.gz`): class counts, the
/// pixel total and the last row.
#[test]
fn digits_are_the_uci_set() {
    let out = stdout(
        &[],
        "from sklearn.datasets import load_digits
import tensorflow as tf
d = load_digits()
print(d.data.shape, d.images.shape, d.data.dtype, d.target.dtype)
print(tf.math.bincount(tf.constant(d.target)).numpy().tolist() if hasattr(tf.math, 'bincount') else [int((d.target == k).sum()) for k in range(10)])
print(int(d.data.sum()))
print([int(v) for v in d.data[1796]], int(d.target[1796]))
X, y = load_digits(return_X_y=True)
print(X.shape, y.shape)
",
    );
    let expected = "(1797, 64) (1797, 8, 8) float64 int64
[178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
561718
[0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0, 0, 0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12, 1, 0] 8
(1797, 64) (1797,)
";
    assert_eq!(out, expected);
}

/// Noise-free moons lie on scikit-learn's two half circles; spirals and XOR have the
/// labels their definitions give.
#[test]
fn synthetic_sets_follow_their_definitions() {
    let out = stdout(
        &[],
        "import tensh.datasets as ds
import tensorflow as tf
X, y = ds.make_moons(n_samples=7, shuffle=False)
print(X.round(6).tolist(), y.tolist())
X, y = ds.make_xor(500, random_state=3)
print(bool(((X[:, 0] * X[:, 1] < 0) == (y == 1)).all()), X.shape)
X, y = ds.make_spirals(300, 3, random_state=0)
print(X.shape, [int((y == k).sum()) for k in range(3)])
",
    );
    // sklearn: outer = cos/sin(linspace(0, pi, 3)), inner = 1 - cos, 1 - sin - 0.5 over 4.
    let py = "import math
n_out, n_in = 3, 4
pts = [[math.cos(math.pi*k/(n_out-1)), math.sin(math.pi*k/(n_out-1))] for k in range(n_out)]
pts += [[1-math.cos(math.pi*k/(n_in-1)), 1-math.sin(math.pi*k/(n_in-1))-0.5] for k in range(n_in)]
print([[round(a, 6) + 0.0, round(b, 6) + 0.0] for a, b in pts], [0]*n_out + [1]*n_in)";
    let reference = std::process::Command::new("python3")
        .args(["-c", py])
        .output()
        .expect("python3");
    let first = String::from_utf8_lossy(&reference.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], first.trim_end());
    assert_eq!(lines[1], "True (500, 2)");
    assert_eq!(lines[2], "(300, 2) [100, 100, 100]");
}

/// A subclassed `keras.Model` makes its variables on its first call, inside `fit`'s first
/// step; they must be trained from that step on.
#[test]
fn fit_trains_a_subclassed_model() {
    let out = stdout(
        &["--seed", "3"],
        "import tensorflow as tf
class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(16, activation='tanh')
        self.out = tf.keras.layers.Dense(1)
    def call(self, x, training=False):
        return self.out(self.hidden(x))
net = Net()
x = tf.random.normal([256, 3])
y = tf.reduce_sum(x * [1.0, -2.0, 0.5], axis=1, keepdims=True)
net.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss='mse')
h = net.fit(x, y, epochs=30, batch_size=32, verbose=0)
print(len(net.trainable_variables), h.history['loss'][0], h.history['loss'][-1])
",
    );
    let parts: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(parts[0], "4", "{}", out);
    let first: f64 = parts[1].parse().unwrap();
    let last: f64 = parts[2].parse().unwrap();
    assert!(last < first / 10.0, "loss {} -> {}", first, last);
}

/// The training steps of tests/reference/tf_function_compiled.py (whose printed losses and
/// weights the conformance test checks against TensorFlow) run as compiled programs after
/// their first replay; the step that draws dropout noise stays a replay.
#[test]
fn tf_function_steps_run_compiled() {
    let file = format!(
        "{}/tests/reference/tf_function_compiled.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(support::bin())
        .arg(&file)
        .env("NO_COLOR", "1")
        .env("TENSH_COMPILE_LOG", "1")
        .output()
        .expect("run tensh");
    assert!(out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    let compiled: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("tf.function: compiled to "))
        .collect();
    // step (SGD), step2 (Adam, two outputs), step3 (RMSprop), track (variables), predict.
    assert_eq!(compiled.len(), 5, "{}", log);
    assert!(
        compiled[0].contains("SGD.apply_gradients") && compiled[1].contains("Adam.apply_gradients"),
        "{}",
        log
    );
    // Dropout in training mode draws random numbers: not capturable.
    assert!(
        log.contains("tf.function: a tensor made outside the recorded ops is used"),
        "{}",
        log
    );
}
