//! The seed notebook (tests/seed_notebook.txt, a verbatim copy of
//! ../shared/seed/000_cb3b2d4614476adf.txt) as a golden test: all its code cells run in one
//! session and each cell prints what the transcript shows. Cells that draw random numbers
//! are compared by layout (numbers masked). The seed was recorded with TensorFlow 2.0: its
//! tensor reprs carry `id=` (TF 2.15 dropped it), its summary lost the `=` rule before the
//! totals (Keras prints it), and a few float32 results differ in the last digit from TF 2.15,
//! the reference, so numbers compare to float32 precision.

mod support;

use support::{skeleton, tolerant_equal};

struct Cell {
    label: String,
    code: String,
    expected: String,
}

/// Splits a notebook transcript into cells: `In [n]:`, the code, two blank lines, output.
fn cells(text: &str) -> Vec<Cell> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim_end();
        if !(l.starts_with("In [") && l.ends_with("]:")) {
            i += 1;
            continue;
        }
        let label = l.to_string();
        i += 1;
        let mut code = Vec::new();
        let mut blanks = 0;
        while i < lines.len() {
            if lines[i].trim().is_empty() {
                blanks += 1;
                if blanks == 2 {
                    i += 1;
                    break;
                }
            } else {
                code.extend(std::iter::repeat_n("", blanks));
                blanks = 0;
                code.push(lines[i]);
            }
            i += 1;
        }
        let mut expected = Vec::new();
        while i < lines.len()
            && !(lines[i].starts_with("In [")
                || lines[i].starts_with('#')
                || lines[i].starts_with("- "))
        {
            expected.push(lines[i]);
            i += 1;
        }
        while expected.last().is_some_and(|l| l.trim().is_empty()) {
            expected.pop();
        }
        out.push(Cell {
            label,
            code: code.join("\n"),
            expected: expected.join("\n"),
        });
    }
    out
}

/// Cells whose numbers are random draws (directly or through an earlier cell).
const RANDOM: &[&str] = &["In [13]:", "In [14]:", "In [16]:", "In [17]:"];

/// TF 2.0's transcript in TF 2.15's form: no `id=`, and the `=` rules under the summary
/// header and before the totals (the transcript lost both; Keras prints them).
fn modernize(expected: &str) -> String {
    let mut out = Vec::new();
    for line in expected.lines() {
        let mut l = line.to_string();
        while let Some(p) = l.find("id=") {
            let end = l[p..].find(", ").map(|e| p + e + 2).unwrap_or(l.len());
            l.replace_range(p..end, "");
        }
        if l.starts_with("Total params:")
            && out.last().is_some_and(|p: &String| !p.starts_with('='))
        {
            out.push("=".repeat(65));
        }
        let header = l.starts_with("Layer (type)");
        out.push(l);
        if header {
            out.push("=".repeat(65));
        }
    }
    out.join("\n")
}

/// A notebook shows an error as its last line, `Name: message`; a script's report puts
/// Python's traceback (`Traceback ...`, then indented `File` entries, source lines and
/// carets) before it.
fn without_carets(output: &str) -> String {
    let mut out = Vec::new();
    let mut in_traceback = false;
    for line in output.lines() {
        if line == "Traceback (most recent call last):" {
            in_traceback = true;
            continue;
        }
        if in_traceback && line.starts_with("  ") {
            continue;
        }
        in_traceback = false;
        out.push(line);
    }
    out.join("\n")
}

#[test]
fn the_seed_notebook_prints_its_transcript() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/seed_notebook.txt"
    ))
    .expect("seed transcript");
    let cells = cells(&text);
    assert_eq!(cells.len(), 20, "the seed has 20 code cells");
    let mut script = String::new();
    for (n, c) in cells.iter().enumerate() {
        script.push_str(&c.code);
        script.push_str(&format!("\nprint(\"<<<{}>>>\")\n", n));
    }
    let dir = std::env::temp_dir().join(format!("tensh-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("seed.py");
    std::fs::write(&path, script).expect("write script");
    let merged = support::run_merged(&path);
    let got = support::split_marked(&without_carets(&merged), cells.len());
    let mut failures = Vec::new();
    for (n, c) in cells.iter().enumerate() {
        let want = modernize(&c.expected);
        let have = got[n].clone().unwrap_or_default();
        let have = have.trim_end();
        let random = RANDOM.contains(&c.label.as_str());
        let ok = if random {
            skeleton(&want) == skeleton(have)
        } else {
            want == have || tolerant_equal(&want, have)
        };
        if !ok {
            failures.push(format!(
                "{}\n{}\n--- expected\n{}\n--- got\n{}",
                c.label, c.code, want, have
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cell(s) differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
