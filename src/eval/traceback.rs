//! Tracebacks laid out as CPython 3.11 prints them: `Traceback (most recent call last):`,
//! one `  File "...", line N, in NAME` entry per frame with its source line and the caret
//! line under the failing expression (`~~^~~` for binary operators and subscripts), runs
//! of one repeated frame folded into `[Previous line repeated N more times]`, then the
//! `Name: message` line. Syntax errors print their location the same way, without frames.

use super::error::{SourceFile, TbFrame};
use crate::syntax::ast::{ExprKind, StmtKind};
use crate::syntax::error::floor_char_boundary;
use crate::syntax::Span;
use colored::Colorize;

/// Frames after this many identical ones are counted, not printed (CPython's
/// `TB_RECURSIVE_CUTOFF`).
const RECURSIVE_CUTOFF: usize = 3;

/// The traceback lines for `frames`, outermost first (without the final `Name: message`).
pub(crate) fn traceback(frames: &[TbFrame], color: bool) -> String {
    let mut s = String::from("Traceback (most recent call last):\n");
    let mut last: Option<(&str, usize, &str)> = None;
    let mut count = 0;
    for f in frames {
        let line = f
            .span
            .map_or(0, |sp| line_of(&f.file.text, sp.start as usize));
        let key = (f.file.name.as_str(), line, f.name.as_str());
        if last != Some(key) {
            repeated(&mut s, count);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count <= RECURSIVE_CUTOFF {
            entry(&mut s, f, line, color);
        }
    }
    repeated(&mut s, count);
    s
}

fn repeated(s: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        s.push_str(&format!(
            "  [Previous line repeated {} more time{}]\n",
            n,
            if n > 1 { "s" } else { "" }
        ));
    }
}

/// One frame: its location line, then (when the file's lines are shown) the source line and
/// the carets.
fn entry(s: &mut String, f: &TbFrame, line: usize, color: bool) {
    s.push_str(&format!(
        "  File \"{}\", line {}, in {}\n",
        f.file.name, line, f.name
    ));
    let Some(span) = f.span else { return };
    if !f.file.quoted {
        return;
    }
    s.push_str(&source_lines(&f.file.text, span, color));
}

/// The 1-based line number of byte `offset`.
fn line_of(src: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    src[..offset].matches('\n').count() + 1
}

/// The text of the line holding byte `offset`, and the byte where that line starts.
fn line_at(src: &str, offset: usize) -> (&str, usize) {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let start = src[..offset].rfind('\n').map_or(0, |p| p + 1);
    let end = src[offset..].find('\n').map_or(src.len(), |p| offset + p);
    (&src[start..end], start)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

/// The source line of `span` (stripped, indented 4) and, unless the span covers the whole
/// line, the caret line under it.
fn source_lines(src: &str, span: Span, color: bool) -> String {
    let (start, end) = (span.start as usize, span.end as usize);
    let (text, line_start) = line_at(src, start);
    let text = text.trim_end_matches(['\r', '\n']);
    let stripped = text.trim_matches(is_space);
    if stripped.is_empty() {
        return String::new();
    }
    let mut s = format!("    {}\n", stripped);
    let truncation = text.chars().take_while(|&c| is_space(c)).count();
    let col = |byte: usize| text[..floor_char_boundary(text, byte)].chars().count();
    let start_col = col(start - line_start);
    let single_line = end <= line_start + text.len();
    let (end_col, anchors) = if single_line {
        let end_col = col(end.max(start) - line_start);
        let seg = &text[floor_char_boundary(text, start - line_start)
            ..floor_char_boundary(text, end.max(start) - line_start)];
        let anchors = anchors(seg).map(|(l, r)| {
            (
                start_col + seg[..l].chars().count(),
                start_col + seg[..r.min(seg.len())].chars().count(),
            )
        });
        (end_col, anchors)
    } else {
        // A multi-line expression: up to the last non-blank character of its first line.
        (text.trim_end_matches(is_space).chars().count(), None)
    };
    let stripped_len = stripped.chars().count();
    if end_col <= start_col || (end_col - start_col == stripped_len && anchors.is_none()) {
        return s;
    }
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    let mut marks = String::new();
    let mut pad = String::new();
    for i in truncation..end_col {
        if i < start_col {
            pad.push(' ');
        } else if anchors.is_some_and(|(l, r)| l <= i && i < r) {
            marks.push(secondary);
        } else {
            marks.push(primary);
        }
    }
    let marks = if color {
        marks.red().to_string()
    } else {
        marks
    };
    s.push_str(&format!("    {}{}\n", pad, marks));
    s
}

/// Where a binary operator or a subscript's brackets are in `seg`, the text of the failing
/// expression (CPython's `extract_anchors_from_expr`): byte offsets `[left, right)`.
fn anchors(seg: &str) -> Option<(usize, usize)> {
    let program = crate::syntax::parse_program(seg).ok()?;
    let [stmt] = program.as_slice() else {
        return None;
    };
    let StmtKind::Expr(e) = &stmt.kind else {
        return None;
    };
    let bytes = seg.as_bytes();
    let ws = |b: u8| b == b' ' || b == b'\t' || b == 0x0c;
    match &e.kind {
        ExprKind::Binary(_, l, r) => {
            let (from, to) = (
                l.span.end as usize,
                (r.span.start as usize).min(bytes.len()),
            );
            let mut found = None;
            for (i, &b) in bytes.iter().enumerate().take(to).skip(from) {
                if ws(b) {
                    continue;
                }
                let mut right = i + 1;
                if i + 1 < to && !ws(bytes[i + 1]) {
                    right += 1;
                }
                found = Some((i, right));
                // A closing parenthesis of the left operand is not the operator.
                if i + 1 < to && b == b')' {
                    continue;
                }
                break;
            }
            found
        }
        ExprKind::Subscript(value, index) => {
            Some((value.span.end as usize, index.span.end as usize + 1))
        }
        _ => None,
    }
}

/// A syntax error's location as Python prints it: `  File "NAME", line N`, the line, and a
/// caret under the offending text (none when it points into the indentation).
pub(crate) fn syntax_location(
    file: &SourceFile,
    offset: usize,
    end: Option<usize>,
    caret: bool,
    color: bool,
) -> String {
    let src = &file.text;
    let line = line_of(src, offset);
    let mut s = format!("  File \"{}\", line {}\n", file.name, line);
    let (text, line_start) = line_at(src, offset);
    if let Some((before, _)) = text.split_once('\0') {
        // Python quotes a line with a NUL byte up to it, without a caret.
        s.push_str(&format!("    {}\n", before.trim_matches(is_space)));
        return s;
    }
    let text = text.trim_end_matches(['\r', '\n']);
    let lead = text.chars().take_while(|&c| is_space(c)).count();
    let shown = text.trim_start_matches(is_space);
    s.push_str(&format!("    {}\n", shown));
    if !caret {
        return s;
    }
    let col = text[..floor_char_boundary(text, offset.saturating_sub(line_start))]
        .chars()
        .count();
    if col < lead {
        return s;
    }
    let col = col - lead;
    let len = shown.chars().count();
    let col = col.min(len);
    let end_col = match end {
        Some(e) if e > offset && e <= line_start + text.len() => text
            [..floor_char_boundary(text, e - line_start)]
            .chars()
            .count()
            .saturating_sub(lead),
        _ => col + 1,
    };
    let marks = "^".repeat(end_col.saturating_sub(col).max(1));
    let marks = if color {
        marks.red().to_string()
    } else {
        marks
    };
    s.push_str(&format!("    {}{}\n", " ".repeat(col), marks));
    s
}
