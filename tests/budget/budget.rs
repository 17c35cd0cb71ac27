//! The memory budget, under `--max-memory`: each of the robustness issue's reproducers fails
//! at once with the reference's error (the message TensorFlow 2.15 and numpy 1.26 print for
//! the same allocation when it cannot be made; see tests/reference/bad_input_budget.py for
//! the oracle's own lines at sizes no machine has), and ops whose output fits do not peak
//! far above it (no float64 copy, no tensor per element on the way).

use super::support;
use std::time::{Duration, Instant};

fn run(args: &[&str], src: &str) -> (Vec<String>, Option<i32>) {
    let mut all = vec!["-k"];
    all.extend_from_slice(args);
    all.push("-");
    let out = support::run(&all, src);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        text.lines().map(|l| l.trim_end().to_string()).collect(),
        out.status.code(),
    )
}

/// TensorFlow's out-of-memory line for a kernel, an op and a `name:` (or none).
fn oom(kernel: &str, op: &str, shape: &str, ty: &str, name: Option<&str>) -> String {
    let mut l = format!(
        "ResourceExhaustedError: {{{{function_node __wrapped__{kernel}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} OOM when allocating tensor with shape[{shape}] and type {ty} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:{op}]"
    );
    if let Some(n) = name {
        l.push_str(" name: ");
        l.push_str(n);
    }
    l.trim_end().to_string()
}

#[test]
fn every_budget_reproducer_fails_at_once_with_the_references_error() {
    let np_oom = |shape: &str, size: &str| {
        format!("MemoryError: Unable to allocate {size} for an array with shape {shape} and data type float64")
    };
    let rows: Vec<(&str, String)> = vec![
        (
            "tf.concat([x]*100, 0)",
            oom(
                "ConcatV2_N_100",
                "ConcatV2",
                "100000000",
                "float",
                Some("concat"),
            ),
        ),
        (
            "tf.stack([x]*100)",
            oom("Pack_N_100", "Pack", "100,1000000", "float", Some("stack")),
        ),
        (
            "tf.where(tf.ones([10**4, 1]) > 0, tf.ones([1, 10**4]), 0.)",
            oom("SelectV2", "SelectV2", "10000,10000", "float", Some("")),
        ),
        (
            "tf.scatter_nd([[0]], [1.0], [10**8])",
            oom("ScatterNd", "ScatterNd", "100000000", "float", None),
        ),
        (
            "tf.gather(tf.ones([100, 10**5]), tf.zeros([1000], tf.int32))",
            oom("GatherV2", "GatherV2", "1000,100000", "float", Some("")),
        ),
        (
            "np.ones([10**5, 10**3])",
            np_oom("(100000, 1000)", "763. MiB"),
        ),
        ("np.zeros([10**8])", np_oom("(100000000,)", "763. MiB")),
        (
            "tf.matmul(tf.ones([10**4, 1]), tf.ones([1, 10**4]))",
            oom("__MklMatMul", "MatMul", "10000,10000", "float", Some("")),
        ),
        (
            "tf.random.normal([10**8])",
            oom(
                "RandomStandardNormal",
                "RandomStandardNormal",
                "100000000",
                "float",
                Some(""),
            ),
        ),
        (
            "tf.tile(x, [100])",
            oom("Tile", "Tile", "100000000", "float", None),
        ),
        ("[0] * 10**10", "MemoryError".to_string()),
        ("list(range(10**18))", "MemoryError".to_string()),
        ("'a'.center(10**11)", "MemoryError".to_string()),
        ("f'{1:>{10**11}}'", "MemoryError".to_string()),
        ("'%*d' % (10**11, 1)", "MemoryError".to_string()),
        ("'a'.zfill(10**11)", "MemoryError".to_string()),
    ];
    for (src, want) in rows {
        let script = format!(
            "import tensorflow as tf\nimport numpy as np\nx = tf.ones([10**6])\n{src}\nprint('alive')\n"
        );
        let t0 = Instant::now();
        let (lines, code) = run(&["--max-memory", "64M"], &script);
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "{src}: took {:?}",
            t0.elapsed()
        );
        assert_eq!(code, Some(1), "{src}: exit {code:?}\n{}", lines.join("\n"));
        assert!(
            lines.contains(&want),
            "{src}: expected the line\n{want}\ngot\n{}",
            lines.join("\n")
        );
        assert!(
            lines.iter().any(|l| l == "alive"),
            "{src}: {}",
            lines.join("\n")
        );
    }
}

/// The peak resident memory of a script that reads `/proc/self/status` at its end (MB).
fn peak_mb(args: &[&str], body: &str) -> Option<usize> {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc on this system");
        return None;
    }
    let script = format!(
        "import tensorflow as tf\n{body}\n\
         for l in open('/proc/self/status').read().splitlines():\n    \
         if l.startswith('VmHWM'):\n        print('peak', int(l.split()[1]) // 1024)\n"
    );
    let (lines, code) = run(args, &script);
    assert_eq!(code, Some(0), "{body}: {}", lines.join("\n"));
    let peak = lines
        .iter()
        .find_map(|l| l.strip_prefix("peak "))
        .and_then(|n| n.parse().ok());
    assert!(peak.is_some(), "{body}: {}", lines.join("\n"));
    peak
}

/// A 200 MB draw peaks near 200 MB (it peaked at three times its size when the values were
/// drawn as float64 first); a 5M-element list becomes a tensor, and a 10M-element tensor a
/// list, without a tensor per element (1.8 GB and 3.8 GB before).
#[test]
fn big_results_do_not_peak_far_above_their_size() {
    for draw in [
        "tf.random.normal([50_000_000])",
        "tf.random.uniform([50_000_000])",
    ] {
        if let Some(p) = peak_mb(&["--max-memory", "256M"], &format!("x = {draw}")) {
            assert!(p < 320, "{draw}: peak {p} MB");
        }
    }
    if let Some(p) = peak_mb(
        &[],
        "l = [float(i) for i in range(5_000_000)]\nt = tf.constant(l)\nprint(t.shape)",
    ) {
        assert!(p < 700, "tf.constant of a 5M list: peak {p} MB");
    }
    if let Some(p) = peak_mb(
        &[],
        "y = tf.range(10_000_000).numpy().tolist()\nprint(len(y), y[-1])",
    ) {
        assert!(p < 800, "tolist of 10M: peak {p} MB");
    }
}
