//! `tensh run NB.ipynb` (the code cells in order, as a script), `tensh run --inplace`
//! (outputs written back into the notebook), and `tensh test NB.ipynb` (each cell's saved
//! outputs compared with what tensh prints, as nbval does, with the golden wildcards).

use super::exec::{Event, Executor};
use super::format::{comparable_lines, outputs_json, Notebook};
use crate::eval::Outcome;
use crate::golden::matcher::{diff, matches};
use crate::repl::magics::{self, Mode};
use colored::Colorize;
use std::io::Write;
use std::path::Path;

/// Whether a path names a notebook.
pub fn is_notebook(path: &str) -> bool {
    path.ends_with(".ipynb")
}

fn open(path: &str) -> Result<Notebook, u8> {
    Notebook::read(Path::new(path)).map_err(|e| {
        eprintln!("tensh: can't open notebook '{}': {}", path, e);
        2
    })
}

/// `tensh run NB.ipynb`: runs the code cells in a session writing to the terminal, as a
/// script would run, printing each cell's value as Jupyter shows it (`Out`); stops at the
/// first error unless `keep_going`.
pub fn run(path: &str, seed: Option<u64>, color: bool, keep_going: bool) -> u8 {
    let nb = match open(path) {
        Ok(nb) => nb,
        Err(code) => return code,
    };
    let mut it = crate::stdio_session(seed, color);
    it.set_argv(vec![path.to_string()]);
    let mut failed = false;
    for (n, cell) in nb.code_cells().iter().enumerate() {
        magics::record_input(&cell.source);
        let file = format!("Cell In[{}]", n + 1);
        let run = magics::run_cell(
            &mut it,
            &cell.source,
            &file,
            Mode::Notebook { display_last: true },
        );
        if let Some(v) = &run.value {
            if let Ok(text) = super::pretty::text(&mut it, v) {
                it.write_out(&text);
                it.write_out("\n");
                it.flush();
            }
        }
        match run.outcome() {
            Outcome::Ok => {}
            Outcome::Exit(code) => return code,
            Outcome::Failed => {
                failed = true;
                if !keep_going {
                    break;
                }
            }
        }
    }
    it.flush();
    failed as u8
}

/// `tensh run --inplace NB.ipynb`: runs every code cell as Jupyter would and writes the
/// outputs (text, results, figures, errors) back. Errors do not stop the run; the status
/// is 1 when a cell failed.
pub fn run_inplace(path: &str, seed: Option<u64>) -> u8 {
    let mut nb = match open(path) {
        Ok(nb) => nb,
        Err(code) => return code,
    };
    let mut ex = Executor::new(seed);
    let mut failed = 0;
    for cell in nb.code_cells() {
        let r = ex.execute(&cell.source, true);
        if let Some(e) = &r.error {
            failed += 1;
            eprintln!(
                "{}: cell In [{}]: {}: {}",
                path, r.execution_count, e.ename, e.evalue
            );
        }
        let outs = outputs_json(&r.events, r.execution_count);
        nb.set_outputs(cell.index, Some(r.execution_count), outs);
        if r.exit.is_some() {
            break;
        }
    }
    let text = nb.to_text();
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("tensh: can't write '{}': {}", path, e);
        return 2;
    }
    (failed > 0) as u8
}

/// A notebook cell that failed the comparison.
pub struct CellDiff {
    pub count: usize,
    pub expected: Vec<String>,
    pub actual: Vec<String>,
}

/// Runs a notebook and compares each code cell's outputs with the saved ones.
pub fn check(path: &str, seed: u64) -> Result<Vec<CellDiff>, String> {
    let nb = Notebook::read(Path::new(path))?;
    let mut ex = Executor::new(Some(seed));
    let mut diffs = Vec::new();
    for cell in nb.code_cells() {
        let has = |tag: &str, marker: &str| {
            cell.tags.iter().any(|t| t == tag) || cell.source.lines().any(|l| l.trim() == marker)
        };
        if has("nbval-skip", "# NBVAL_SKIP") {
            continue;
        }
        let r = ex.execute(&cell.source, true);
        if has("nbval-ignore-output", "# NBVAL_IGNORE_OUTPUT") {
            continue;
        }
        let expected = comparable_lines(&cell.outputs);
        let actual = comparable_lines(&outputs_json(&r.events, r.execution_count));
        if !matches(&expected, &actual) {
            diffs.push(CellDiff {
                count: r.execution_count,
                expected,
                actual,
            });
        }
        if r.exit.is_some() {
            break;
        }
    }
    Ok(diffs)
}

/// `tensh test NB.ipynb...`: the report and the exit status.
pub fn test_command(paths: &[String], seed: u64, color: bool) -> u8 {
    let (mut passed, mut failed) = (0, 0);
    let mut stdout = std::io::stdout();
    for path in paths {
        match check(path, seed) {
            Err(e) => {
                let _ = writeln!(stdout, "{} ... error: {}", path, e);
                failed += 1;
            }
            Ok(d) if d.is_empty() => {
                let ok = if color {
                    "ok".green().to_string()
                } else {
                    "ok".into()
                };
                let _ = writeln!(stdout, "{} ... {}", path, ok);
                passed += 1;
            }
            Ok(diffs) => {
                let bad = if color {
                    "FAILED".red().bold().to_string()
                } else {
                    "FAILED".into()
                };
                let _ = writeln!(stdout, "{} ... {}", path, bad);
                for d in diffs {
                    let _ = writeln!(stdout, "  cell In [{}] ({})", d.count, path);
                    let _ = writeln!(stdout, "  --- expected\n  +++ actual");
                    for (tag, line) in diff(&d.expected, &d.actual) {
                        let text = format!("{}{}", tag, line);
                        let text = match (tag, color) {
                            ('-', true) => text.red().to_string(),
                            ('+', true) => text.green().to_string(),
                            _ => text,
                        };
                        let _ = writeln!(stdout, "  {}", text);
                    }
                }
                failed += 1;
            }
        }
    }
    let _ = writeln!(stdout, "{} passed, {} failed", passed, failed);
    let _ = stdout.flush();
    (failed > 0) as u8
}

/// Whether an event list holds a figure (for tests).
pub fn has_figure(events: &[Event]) -> bool {
    events.iter().any(|e| matches!(e, Event::Display { .. }))
}
