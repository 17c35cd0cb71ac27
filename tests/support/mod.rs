//! Helpers shared by the integration tests: running the real binary, and scoring output
//! against reference transcripts the way ../shared/reference/fidelity.py does.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The files directly in `dirs` whose names end in `.ext`, sorted, each with its stem as the
/// test name.
pub fn cases(dirs: &[std::path::PathBuf], ext: &str) -> Vec<(String, std::path::PathBuf)> {
    let mut files: Vec<std::path::PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten())
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, p)
        })
        .collect()
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tensh")
}

/// Runs tensh with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tensh");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin.as_ref());
    }
    child.wait_with_output().expect("wait tensh")
}

/// Runs a script file with `--keep-going`, stdout and stderr merged in order.
pub fn run_merged(path: &std::path::Path) -> String {
    run_merged_env(path, &[])
}

/// `run_merged` with extra environment variables.
pub fn run_merged_env(path: &std::path::Path, env: &[(&str, &str)]) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --keep-going '{}' 2>&1",
            bin(),
            path.display()
        ))
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run tensh");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Top-level statements of a script as (first line, last line), 1-based, using tensh's own
/// parser for the boundaries.
pub fn statement_lines(src: &str) -> Vec<(usize, usize)> {
    let prog = tensh::syntax::parse_program(src).expect("reference scripts parse");
    let lines: Vec<&str> = src.lines().collect();
    prog.iter()
        .map(|s| {
            let (mut l1, _) = tensh::syntax::error::line_col(src, s.span.start as usize);
            // A decorated definition starts at its first decorator (its span, as Python's
            // line number, starts at `def`/`class`).
            while l1 > 1 && lines[l1 - 2].trim_start().starts_with('@') {
                l1 -= 1;
            }
            let end = (s.span.end as usize)
                .saturating_sub(1)
                .max(s.span.start as usize);
            let (l2, _) = tensh::syntax::error::line_col(src, end);
            (l1, l2)
        })
        .collect()
}

/// The script with `print("<<<i>>>")` after statement i (fidelity.py's instrumentation),
/// and for each statement whether it is marked `# random` (compared by layout only).
pub fn instrument(src: &str) -> (String, Vec<bool>) {
    let lines: Vec<&str> = src.lines().collect();
    let spans = statement_lines(src);
    let random: Vec<bool> = spans
        .iter()
        .map(|(a, b)| lines[a - 1..*b].iter().any(|l| l.contains("# random")))
        .collect();
    let mut out = String::new();
    for (i, (a, b)) in spans.iter().enumerate() {
        for l in &lines[a - 1..*b] {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("print(\"<<<{}>>>\")\n", i));
    }
    (out, random)
}

/// Splits marked output into the text before each `<<<i>>>` line.
pub fn split_marked(text: &str, n: usize) -> Vec<Option<String>> {
    let mut parts: Vec<Option<String>> = vec![None; n];
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("<<<") && t.ends_with(">>>") {
            if let Ok(i) = t[3..t.len() - 3].parse::<usize>() {
                if i < n {
                    parts[i] = Some(cur.join("\n"));
                }
                cur.clear();
                continue;
            }
        }
        cur.push(line);
    }
    parts
}

fn numbers(s: &str) -> (Vec<String>, Vec<f64>) {
    // Split into non-number text and numbers, as fidelity.py's NUM_RE does.
    let bytes = s.as_bytes();
    let mut texts = Vec::new();
    let mut nums = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        let starts_num = c.is_ascii_digit()
            || (c == '.' && i + 1 < bytes.len() && (bytes[i + 1] as char).is_ascii_digit())
            || ((c == '-' || c == '+')
                && i + 1 < bytes.len()
                && ((bytes[i + 1] as char).is_ascii_digit() || bytes[i + 1] == b'.'));
        if starts_num {
            let start = i;
            if c == '-' || c == '+' {
                i += 1;
            }
            while i < bytes.len() && (bytes[i] as char).is_ascii_digit() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'.' {
                i += 1;
                while i < bytes.len() && (bytes[i] as char).is_ascii_digit() {
                    i += 1;
                }
            }
            if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
                let mut j = i + 1;
                if j < bytes.len() && (bytes[j] == b'-' || bytes[j] == b'+') {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] as char).is_ascii_digit() {
                    i = j;
                    while i < bytes.len() && (bytes[i] as char).is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            texts.push(std::mem::take(&mut cur));
            nums.push(s[start..i].parse::<f64>().unwrap_or(f64::NAN));
            continue;
        }
        cur.push(c);
        i += 1;
    }
    texts.push(cur);
    (texts, nums)
}

fn fold_spaces(s: &str) -> String {
    let mut out = String::new();
    let mut prev_space = false;
    for c in s.trim().chars() {
        if c == ' ' || c == '\t' {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out
}

/// fidelity.py's "tolerant": equal text once spaces fold, numbers within float32 precision.
pub fn tolerant_equal(a: &str, b: &str) -> bool {
    let (ta, na) = numbers(&fold_spaces(a));
    let (tb, nb) = numbers(&fold_spaces(b));
    if na.len() != nb.len() {
        return false;
    }
    let strip = |v: &[String]| v.iter().map(|s| s.replace(' ', "")).collect::<Vec<_>>();
    if strip(&ta) != strip(&tb) {
        return false;
    }
    na.iter()
        .zip(&nb)
        .all(|(x, y)| (x - y).abs() <= 1e-6f64.max(1e-5 * x.abs().max(y.abs())))
}

fn error_names(s: &str) -> Vec<String> {
    s.lines()
        .filter_map(|l| {
            let name: String = l
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            // fidelity.py's ERR_RE: the name alone on the line, or followed by `:`.
            let is_err = name.starts_with(|c: char| c.is_ascii_uppercase())
                && [
                    "Error",
                    "Exception",
                    "Interrupt",
                    "Iteration",
                    "Exit",
                    "Warning",
                ]
                .iter()
                .any(|s| name.ends_with(s))
                && (l.len() == name.len() || l[name.len()..].starts_with(':'));
            is_err.then_some(name)
        })
        .collect()
}

/// Text with every number masked and whitespace removed (fidelity.py's skeleton), for
/// statements whose numbers are random draws.
pub fn skeleton(s: &str) -> String {
    let (texts, _) = numbers(s);
    texts
        .join("N")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Score {
    Exact,
    Tolerant,
    ErrName,
    Shape,
    Miss,
}

pub fn score(expected: &str, actual: Option<&str>, random: bool) -> Score {
    let Some(actual) = actual else {
        return Score::Miss;
    };
    if random {
        return if skeleton(expected) == skeleton(actual) {
            Score::Shape
        } else {
            Score::Miss
        };
    }
    if expected == actual {
        return Score::Exact;
    }
    let e = error_names(expected);
    if !e.is_empty() {
        return if e == error_names(actual) {
            Score::ErrName
        } else {
            Score::Miss
        };
    }
    if tolerant_equal(expected, actual) {
        Score::Tolerant
    } else {
        Score::Miss
    }
}
