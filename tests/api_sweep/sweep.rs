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

/// Argument kinds tensh does not have at all; every call holding one is left out.
const KNOWN_KINDS: &[(&str, &str)] = &[
    ("tf.constant('a')", "tensh tensors hold numbers and bools, not strings"),
    ("np.float64(1.5)", "numpy scalar types are dtypes in tensh, not callable"),
];

/// Single calls where tensh still ends differently from TensorFlow, each with the reason.
const KNOWN_CALLS: &[(&str, &str)] = &[];

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
    assert!(cases.len() > 10_000, "cases.txt holds {} calls", cases.len());
    let known_kind = |call: &str| KNOWN_KINDS.iter().any(|(k, _)| call.contains(k));
    let known_call: HashMap<&str, &str> = KNOWN_CALLS.iter().copied().collect();
    let runnable: Vec<(&str, &str)> = cases
        .iter()
        .copied()
        .filter(|(c, _)| !known_kind(c))
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
        match known_call.get(call) {
            Some(_) if same => stale.push(*call),
            Some(_) if outcome != "InternalError" => {}
            _ if same => {}
            _ => mismatches.push(format!("{call}\n    TensorFlow: {expected}\n    tensh:      {outcome}")),
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
        "known differences that now match TensorFlow (remove them from KNOWN_CALLS): {stale:?}"
    );
}
