//! `tensh test`, `--bless` and `tensh record` from the outside: pass, fail with a diff, each
//! wildcard, the bless round trip (wildcards survive), exit statuses.

mod support;

use std::process::Command;
use support::bin;

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "tensh-transcripts-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

fn test_cmd(args: &[&str]) -> (String, i32) {
    let out = Command::new(bin())
        .arg("test")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const GOOD: &str = "# A title and some markdown\n\n- a bullet\n\nIn [1]:\nx = 2\nprint(x * 3)\n\n\n6\n\n\n## More text\n\nIn [2]:\n[x, x + 0.5]\n\n\n[2, 2.5]\n\n\n";

#[test]
fn a_matching_transcript_passes() {
    let d = dir();
    let p = d.join("good.txt");
    std::fs::write(&p, GOOD).expect("write");
    let (out, code) = test_cmd(&[p.to_str().unwrap_or_default()]);
    assert!(out.contains("good.txt ... ok"), "{}", out);
    assert!(out.trim_end().ends_with("1 passed, 0 failed"), "{}", out);
    assert_eq!(code, 0);
}

#[test]
fn a_mismatch_fails_with_a_diff_naming_the_cell() {
    let d = dir();
    let p = d.join("bad.txt");
    std::fs::write(&p, GOOD.replace("\n6\n", "\n7\n")).expect("write");
    let (out, code) = test_cmd(&[p.to_str().unwrap_or_default()]);
    assert!(out.contains("bad.txt ... FAILED"), "{}", out);
    assert!(out.contains("cell In [1]:"), "{}", out);
    assert!(
        out.contains(&format!("{}:5", p.display())),
        "the cell's file:line: {}",
        out
    );
    assert!(out.contains("-7") && out.contains("+6"), "{}", out);
    assert!(out.trim_end().ends_with("0 passed, 1 failed"), "{}", out);
    assert_eq!(code, 1);
}

#[test]
fn wildcards_match_what_cannot_be_recorded() {
    let d = dir();
    let t = "In [1]:\nimport tensorflow as tf\nprint('seed', tf.random.uniform([]).numpy() < 2)\nprint('value', 0.123)\nfor i in range(4):\n    print('line', i)\nprint('end')\n\n\nseed [..]\nvalue [num]\nline 0\n...\nend\n\n\n";
    let p = d.join("wild.txt");
    std::fs::write(&p, t).expect("write");
    assert_eq!(test_cmd(&[p.to_str().unwrap_or_default()]).1, 0);
    // Each wildcard still fails on text it does not cover.
    for bad in [
        t.replace("value [num]", "value [num]x"),
        t.replace("line 0\n...", "line 1\n..."),
        t.replace("seed [..]", "nope [..]"),
    ] {
        std::fs::write(&p, bad).expect("write");
        assert_eq!(test_cmd(&[p.to_str().unwrap_or_default()]).1, 1);
    }
}

#[test]
fn bless_rewrites_outputs_and_keeps_code_markdown_and_matching_wildcards() {
    let d = dir();
    let p = d.join("bless.txt");
    let t = "# Title\n\nIn [1]:\nprint(1 + 1)\nprint('n', 3.5)\n\n\nold output\nn [num]\n\n\n## Section\n\nIn [2]:\nprint('x')\n\n\n";
    std::fs::write(&p, t).expect("write");
    assert_eq!(test_cmd(&[p.to_str().unwrap_or_default()]).1, 1);
    let (out, code) = test_cmd(&["--bless", p.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{}", out);
    let blessed = std::fs::read_to_string(&p).expect("read");
    assert!(blessed.starts_with("# Title\n"), "{}", blessed);
    assert!(blessed.contains("## Section"), "{}", blessed);
    assert!(
        blessed.contains("print(1 + 1)\nprint('n', 3.5)"),
        "{}",
        blessed
    );
    assert!(
        blessed.contains("\n2\nn [num]\n"),
        "the wildcard line survives: {}",
        blessed
    );
    assert!(blessed.contains("print('x')\n\n\nx\n"), "{}", blessed);
    assert_eq!(
        test_cmd(&[p.to_str().unwrap_or_default()]).1,
        0,
        "after bless, the test passes"
    );
}

#[test]
fn folders_run_every_transcript_in_them() {
    let d = dir();
    std::fs::write(d.join("a.txt"), GOOD).expect("write");
    std::fs::write(d.join("b.txt"), GOOD.replace("\n6\n", "\n0\n")).expect("write");
    let (out, code) = test_cmd(&[d.to_str().unwrap_or_default()]);
    assert!(out.trim_end().ends_with("1 passed, 1 failed"), "{}", out);
    assert_eq!(code, 1);
}

#[test]
fn errors_show_as_a_notebook_shows_them() {
    let d = dir();
    let p = d.join("err.txt");
    std::fs::write(&p, "In [1]:\nimport tensorflow as tf\nnet = tf.keras.layers.Dense(10)\nnet.bias\n\n\nAttributeError: 'Dense' object has no attribute 'bias'\n\n\n").expect("write");
    let (out, code) = test_cmd(&[p.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{}", out);
}

#[test]
fn record_makes_a_transcript_that_then_passes() {
    let d = dir();
    let script = d.join("s.py");
    std::fs::write(
        &script,
        "x = 3\nx * 2\nprint('hi')\nfor i in range(2):\n    i\n",
    )
    .expect("write");
    let out = Command::new(bin())
        .args(["record", script.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.starts_with("In [1]:\nx = 3\n"), "{}", text);
    assert!(text.contains("In [2]:\nx * 2\n\n\n6\n"), "{}", text);
    assert!(
        text.contains("In [4]:\nfor i in range(2):\n    i\n\n\n0\n1\n"),
        "{}",
        text
    );
    let t = d.join("s.txt");
    std::fs::write(&t, text).expect("write");
    assert_eq!(test_cmd(&[t.to_str().unwrap_or_default()]).1, 0);
    let marked = d.join("m.py");
    std::fs::write(&marked, "# %% first\na = 1\nb = 2\n# %% second\na + b\n").expect("write");
    let out = Command::new(bin())
        .args(["record", marked.to_str().unwrap_or_default()])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("In [1]:\na = 1\nb = 2\n") && text.contains("In [2]:\na + b\n\n\n3\n"),
        "{}",
        text
    );
}
