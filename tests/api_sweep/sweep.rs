//! The API sweep: every public tf./np. function tensh declares, called with ~40 kinds of
//! ill-fitting argument value (`f(A)` and `f(t, A)`), must end as TensorFlow 2.15 ends: `ok`
//! or the same error class. The calls and TensorFlow's outcomes are in
//! tests/api_sweep/cases.txt (written by scripts/api_sweep.py through the oracle); each
//! call runs as `probe("CALL", lambda: CALL)` after tests/api_sweep/prelude.py. No call may
//! crash tensh, hang, or surface a panic (`InternalError`).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Argument kinds tensh cannot build at all (the call fails while making the argument);
/// every call holding one is left out.
const UNBUILDABLE: &[(&str, &str)] = &[
    (
        "tf.constant('a')",
        "tensh tensors hold numbers and bools, not strings",
    ),
    (
        "np.float64(1.5)",
        "numpy scalar types are dtypes in tensh, not callable",
    ),
];

/// Why a call in known.txt still ends differently from TensorFlow, by the tag it carries.
const REASONS: &[(&str, &str)] = &[
    ("strings", "a Python string argument becomes a string tensor; where TensorFlow then fails in its conversion or dispatch (TypeError), tensh fails in the kernel or raises another class"),
    ("object", "object() gives None in tensh, not an object instance"),
    ("numpy", "numpy's own argument checks (ufunc casting, UFuncTypeError, DTypePromotionError) are not modelled"),
    ("function", "tf.function wraps any value and fails only when called; tensh checks at once"),
    ("keras", "Keras activations and losses check their inputs in Python (AttributeError, AssertionError) before any op"),
    ("random", "tf.random ops take shape, seed and bounds through separate Python-level checks"),
    ("order", "TensorFlow checks this argument with another error class or at another step than tensh"),
];

/// Residual differences: `call<TAB>tensh's outcome<TAB>reason tag`. A listed call must end
/// as listed (or as TensorFlow does, when the entry is then stale and must go).
fn known() -> HashMap<String, (String, String)> {
    let text = std::fs::read_to_string(dir().join("known.txt")).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((
                f.next()?.to_string(),
                (f.next()?.to_string(), f.next()?.to_string()),
            ))
        })
        .collect()
}

/// Calls per tensh process: a crash loses at most one chunk.
const CHUNK: usize = 2500;
const TIMEOUT: Duration = Duration::from_secs(300);

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/api_sweep")
}

/// Runs `src` through tensh (`--keep-going`, standard input), killing it after `TIMEOUT`;
/// returns its standard output and whether it finished in time.
fn run_with_timeout(src: String) -> (String, bool) {
    let mut child = Command::new(super::support::bin())
        .args(["-k", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn tensh");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(src.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let start = Instant::now();
    let mut in_time = true;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                in_time = false;
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    (String::from_utf8_lossy(&out).into_owned(), in_time)
}

#[test]
fn api_sweep_matches_tensorflow() {
    let prelude = std::fs::read_to_string(dir().join("prelude.py")).expect("prelude.py");
    let cases_txt = std::fs::read_to_string(dir().join("cases.txt")).expect("cases.txt");
    let cases: Vec<(&str, &str)> = cases_txt
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(
        cases.len() > 10_000,
        "cases.txt holds {} calls",
        cases.len()
    );
    let unbuildable = |call: &str| UNBUILDABLE.iter().any(|(k, _)| call.contains(k));
    let known = known();
    for (call, (_, tag)) in &known {
        assert!(
            REASONS.iter().any(|(t, _)| t == tag),
            "known.txt: {call} has the unknown reason tag {tag:?}"
        );
    }
    let runnable: Vec<(&str, &str)> = cases
        .iter()
        .copied()
        .filter(|(c, _)| !unbuildable(c))
        .collect();

    let mut got: HashMap<String, String> = HashMap::new();
    let mut hung = Vec::new();
    for chunk in runnable.chunks(CHUNK) {
        let mut src = prelude.clone();
        for (call, _) in chunk {
            src.push_str(&format!("probe(\"{call}\", lambda: {call})\n"));
        }
        let (out, in_time) = run_with_timeout(src);
        if !in_time {
            hung.push(chunk[0].0);
        }
        for line in out.lines() {
            if let Some((call, outcome)) = line.split_once('\t') {
                got.insert(call.to_string(), outcome.to_string());
            }
        }
    }

    let mut mismatches = Vec::new();
    let mut stale = Vec::new();
    for (call, expected) in &runnable {
        let outcome = got.get(*call).map_or("<no outcome: crash or hang>", |s| s);
        let same = outcome == *expected;
        let listed = known.get(*call);
        if outcome == "InternalError" || outcome.starts_with('<') {
            mismatches.push(format!(
                "{call}\n    TensorFlow: {expected}\n    tensh:      {outcome}"
            ));
        } else if same {
            if listed.is_some() {
                stale.push(*call);
            }
        } else if listed.is_none_or(|(o, _)| o != outcome) {
            mismatches.push(format!(
                "{call}\n    TensorFlow: {expected}\n    tensh:      {outcome}"
            ));
        }
    }
    assert!(
        hung.is_empty(),
        "tensh did not finish the chunks starting at: {hung:?}"
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} calls end differently from TensorFlow:\n{}",
        mismatches.len(),
        runnable.len(),
        mismatches.join("\n")
    );
    assert!(
        stale.is_empty(),
        "known.txt lists calls that now end as TensorFlow does (remove them): {stale:?}"
    );
}
