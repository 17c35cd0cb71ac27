//! The golden transcripts in tests/golden (their expected output recorded with TensorFlow by
//! scripts/oracle_record.py from tests/golden/src, random draws as wildcards), each run as
//! `tensh test` runs it: one test per transcript. The unmodified seed (tests/seed_notebook.txt)
//! was recorded with TensorFlow 2.0 and has its own test (tests/seed.rs).

mod support;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::PathBuf;
use tensh::golden::matcher::diff;
use tensh::golden::runner::check_file;

fn main() {
    let args = Arguments::from_args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let trials = support::cases(&[dir], "txt")
        .into_iter()
        .map(|(name, p)| {
            Trial::test(name, move || {
                let r = check_file(&p, 0).map_err(|e| Failed::from(e.to_string()))?;
                if r.failing.is_empty() {
                    return Ok(());
                }
                let mut msg = String::new();
                for &i in &r.failing {
                    let c = &r.transcript.cells[i];
                    msg.push_str(&format!("cell {} (line {}):\n", c.label, c.line));
                    for (tag, line) in diff(&c.expected, &r.actual[i]) {
                        msg.push_str(&format!("{}{}\n", tag, line));
                    }
                }
                Err(msg.into())
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
