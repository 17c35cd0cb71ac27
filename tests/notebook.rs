//! Notebooks: `tensh test` passes on a notebook saved by Jupyter with TensorFlow's outputs
//! and reports per-cell diffs on one with wrong outputs; `tensh NB.ipynb` runs the cells as
//! a script; `tensh run --inplace` writes nbformat 4.5 that nbformat's own validator
//! accepts (skipped, saying so, without Python).

mod jupyter;

use serde_json::Value as Json;
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tensh")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/notebooks/{}", env!("CARGO_MANIFEST_DIR"), name)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn saved_outputs_match() {
    let out = Command::new(bin())
        .args(["test", &fixture("basics.ipynb")])
        .output()
        .expect("run");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("basics.ipynb ... ok"), "{}", stdout);
    assert!(stdout.ends_with("1 passed, 0 failed\n"), "{}", stdout);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn wrong_outputs_are_reported_per_cell() {
    let out = Command::new(bin())
        .args(["test", &fixture("wrong_output.ipynb")])
        .output()
        .expect("run");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{}", stdout);
    assert!(
        stdout.contains("wrong_output.ipynb ... FAILED"),
        "{}",
        stdout
    );
    assert!(stdout.contains("  cell In [2]"), "{}", stdout);
    assert!(stdout.contains("  -5\n  +4\n"), "{}", stdout);
    assert!(stdout.contains("  -goodbye\n  +hello\n"), "{}", stdout);
    assert!(!stdout.contains("cell In [1]"), "{}", stdout);
    assert!(!stdout.contains("cell In [3]"), "{}", stdout);
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{}", stdout);
}

#[test]
fn a_notebook_runs_as_a_script() {
    let out = Command::new(bin())
        .arg(fixture("wrong_output.ipynb"))
        .output()
        .expect("run");
    assert_eq!(text(&out.stdout), "[1. 1.]\n4\n2.0\nhello\n");
    assert_eq!(out.status.code(), Some(0));
    let out = Command::new(bin())
        .args(["run", &fixture("basics.ipynb")])
        .output()
        .expect("run");
    let stdout = text(&out.stdout);
    assert!(!stdout.contains("TensorShape"), "{}", stdout);
    assert!(text(&out.stderr).contains("InvalidArgumentError"));
    assert_eq!(out.status.code(), Some(1));
}

/// Runs `tensh run --inplace` on a copy of the basics fixture; returns its path.
fn executed_copy(tag: &str) -> std::path::PathBuf {
    let dir = jupyter::scratch(tag);
    let path = dir.join("nb.ipynb");
    std::fs::copy(fixture("basics.ipynb"), &path).expect("copy");
    let out = Command::new(bin())
        .args(["run", "--inplace"])
        .arg(&path)
        .output()
        .expect("run");
    // Two cells raise, as they did in Jupyter.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    path
}

#[test]
fn inplace_writes_outputs_in_nbformat_4_5() {
    let path = executed_copy("inplace");
    let nb: Json =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    assert_eq!(nb["nbformat"], 4);
    assert!(nb["nbformat_minor"].as_u64() >= Some(5));
    let cells = nb["cells"].as_array().expect("cells");
    let mut ids = std::collections::HashSet::new();
    let mut kinds = Vec::new();
    let mut count = 0;
    for c in cells {
        let id = c["id"].as_str().expect("cell id");
        assert!(ids.insert(id.to_string()), "duplicate id {}", id);
        assert!(c["metadata"].is_object());
        assert!(c["source"].is_array());
        if c["cell_type"] != "code" {
            assert!(c.get("outputs").is_none());
            continue;
        }
        count += 1;
        assert_eq!(c["execution_count"], count);
        for o in c["outputs"].as_array().expect("outputs") {
            let kind = o["output_type"].as_str().expect("output_type");
            kinds.push(kind.to_string());
            match kind {
                "stream" => assert!(o["text"].is_array() && o["name"].is_string()),
                "execute_result" => {
                    assert_eq!(o["execution_count"], count);
                    assert!(o["data"]["text/plain"].is_array());
                }
                "display_data" => {
                    let png = o["data"]["image/png"].as_str().expect("png");
                    assert!(png.starts_with("iVBORw0KGgo"), "{}", &png[..20]);
                    assert_eq!(
                        o["data"]["text/plain"],
                        serde_json::json!(["<Figure size 640x480 with 1 Axes>"])
                    );
                }
                "error" => {
                    assert!(o["ename"].is_string() && o["evalue"].is_string());
                    assert!(o["traceback"].is_array());
                }
                other => panic!("unexpected output type {}", other),
            }
        }
    }
    for k in ["stream", "execute_result", "display_data", "error"] {
        assert!(kinds.iter().any(|x| x == k), "no {} output: {:?}", k, kinds);
    }
    // What was written still passes the comparison.
    let out = Command::new(bin())
        .arg("test")
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn inplace_output_passes_nbformat_validation() {
    let py = match jupyter::python_with("nbformat", &["nbformat"]) {
        Ok(py) => py,
        Err(why) => {
            eprintln!("skipped: nbformat's validator is not available: {}", why);
            return;
        }
    };
    let path = executed_copy("validate");
    let out = Command::new(py)
        .args([
            "-c",
            "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\nprint('valid', nb.nbformat, nb.nbformat_minor, len(nb.cells))",
        ])
        .arg(&path)
        .output()
        .expect("python");
    assert_eq!(text(&out.stdout), "valid 4 5 15\n", "{}", text(&out.stderr));
}
