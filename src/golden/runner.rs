//! `tensh test` and `tensh record`: run transcripts cell by cell in a fresh session under a
//! fixed seed, compare, report diffs, rewrite with `--bless`; make transcripts from scripts.

use super::matcher::{bless, diff, matches};
use super::transcript::{parse, render, Cell, Transcript};
use crate::eval::session::Output;
use crate::eval::Interp;
use colored::Colorize;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::eval::session::SharedBuf;

/// A session for transcripts: output captured, errors as one `Name: message` line (as a
/// notebook shows them), no color.
pub(crate) fn capture_session(seed: u64) -> (Interp, SharedBuf) {
    let buf = SharedBuf::default();
    let io = Output {
        out: Box::new(buf.clone()),
        err: Box::new(buf.clone()),
        color: false,
        tty: false,
    };
    let mut it = crate::session(io, Some(seed));
    it.carets = false;
    (it, buf)
}

/// Runs every cell; returns the output of each.
pub(crate) fn run_cells(cells: &[String], file: &str, seed: u64) -> Vec<Vec<String>> {
    let (mut it, buf) = capture_session(seed);
    let mut outs = Vec::new();
    for code in cells {
        it.run(code, Some(file), true);
        outs.push(buf.take());
    }
    outs
}

/// The transcripts under the given paths (folders: every `.txt` inside, sorted).
pub(crate) fn collect(paths: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        let path = PathBuf::from(p);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(&path, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// The outcome of one transcript: the failing cells with their actual output.
pub struct FileResult {
    pub transcript: Transcript,
    pub actual: Vec<Vec<String>>,
    pub failing: Vec<usize>,
}

pub fn check_file(path: &Path, seed: u64) -> std::io::Result<FileResult> {
    let text = std::fs::read_to_string(path)?;
    let transcript = parse(&text);
    let codes: Vec<String> = transcript.cells.iter().map(|c| c.code.clone()).collect();
    let actual = run_cells(&codes, &path.display().to_string(), seed);
    let failing = transcript
        .cells
        .iter()
        .zip(&actual)
        .enumerate()
        .filter(|(_, (c, a))| !matches(&c.expected, a))
        .map(|(i, _)| i)
        .collect();
    Ok(FileResult {
        transcript,
        actual,
        failing,
    })
}

fn report_cell(out: &mut String, path: &Path, cell: &Cell, actual: &[String], color: bool) {
    out.push_str(&format!(
        "  cell {} ({}:{})\n",
        cell.label,
        path.display(),
        cell.line
    ));
    let minus = "--- expected";
    let plus = "+++ actual";
    if color {
        out.push_str(&format!("  {}\n  {}\n", minus.red(), plus.green()));
    } else {
        out.push_str(&format!("  {}\n  {}\n", minus, plus));
    }
    for (tag, line) in diff(&cell.expected, actual) {
        let text = format!("{}{}", tag, line);
        let text = match (tag, color) {
            ('-', true) => text.red().to_string(),
            ('+', true) => text.green().to_string(),
            _ => text,
        };
        out.push_str(&format!("  {}\n", text));
    }
}

/// `tensh test [--bless] PATH...`: returns the exit status.
pub fn test_command(paths: &[String], seed: u64, bless_mode: bool, color: bool) -> u8 {
    let files = collect(paths);
    let (mut passed, mut failed) = (0, 0);
    let mut stdout = std::io::stdout();
    for path in &files {
        let result = match check_file(path, seed) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(stdout, "{} ... error: {}", path.display(), e);
                failed += 1;
                continue;
            }
        };
        if bless_mode {
            let mut t = result.transcript.clone();
            for (c, a) in t.cells.iter_mut().zip(&result.actual) {
                c.expected = bless(&c.expected, a);
            }
            if let Err(e) = std::fs::write(path, render(&t)) {
                let _ = writeln!(stdout, "{} ... cannot write: {}", path.display(), e);
                failed += 1;
                continue;
            }
            let _ = writeln!(stdout, "{} ... blessed", path.display());
            passed += 1;
            continue;
        }
        if result.failing.is_empty() {
            let ok = if color {
                "ok".green().to_string()
            } else {
                "ok".into()
            };
            let _ = writeln!(stdout, "{} ... {}", path.display(), ok);
            passed += 1;
        } else {
            let bad = if color {
                "FAILED".red().bold().to_string()
            } else {
                "FAILED".into()
            };
            let mut text = format!("{} ... {}\n", path.display(), bad);
            for &i in &result.failing {
                report_cell(
                    &mut text,
                    path,
                    &result.transcript.cells[i],
                    &result.actual[i],
                    color,
                );
            }
            let _ = write!(stdout, "{}", text);
            failed += 1;
        }
    }
    let _ = writeln!(stdout, "{} passed, {} failed", passed, failed);
    let _ = stdout.flush();
    (failed > 0) as u8
}

/// Whether lines hold code (not only blanks and comments).
fn has_code(lines: &[&str]) -> bool {
    lines
        .iter()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Splits a script into cells: at `# %%` markers when it has them, otherwise one cell per
/// top-level statement.
pub(crate) fn script_cells(src: &str) -> Result<Vec<String>, crate::syntax::SyntaxError> {
    let lines: Vec<&str> = src.lines().collect();
    if lines.iter().any(|l| l.trim_start().starts_with("# %%")) {
        let mut cells = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        for l in &lines {
            if l.trim_start().starts_with("# %%") {
                if has_code(&cur) {
                    cells.push(cur.join("\n").trim_matches('\n').to_string());
                }
                cur.clear();
            } else {
                cur.push(l);
            }
        }
        if has_code(&cur) {
            cells.push(cur.join("\n").trim_matches('\n').to_string());
        }
        return Ok(cells);
    }
    let prog = crate::syntax::parse_program(src)?;
    Ok(prog
        .iter()
        .map(|s| {
            let (l1, _) = crate::syntax::error::line_col(src, s.span.start as usize);
            let end = (s.span.end as usize)
                .saturating_sub(1)
                .max(s.span.start as usize);
            let (l2, _) = crate::syntax::error::line_col(src, end);
            lines[l1 - 1..l2].join("\n")
        })
        .collect())
}

/// `tensh record SCRIPT`: the transcript of a script, for stdout.
pub fn record(src: &str, file: &str, seed: u64) -> Result<String, crate::syntax::SyntaxError> {
    let cells = script_cells(src)?;
    let outs = run_cells(&cells, file, seed);
    let t = Transcript {
        preamble: vec![],
        cells: cells
            .iter()
            .zip(outs)
            .enumerate()
            .map(|(i, (code, out))| Cell {
                label: format!("In [{}]:", i + 1),
                line: 0,
                code: code.clone(),
                expected: out,
                gap: 2,
                after: vec![String::new(), String::new()],
            })
            .collect(),
    };
    Ok(render(&t))
}
