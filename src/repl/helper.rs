//! The line editor's helper: completion (names, module paths, attributes and keyword
//! arguments, from `complete.rs`); highlighting of keywords, strings, numbers and the
//! bracket matching the one under the cursor; history hints.

use super::config::Theme;
use super::editing::{level_columns, parts, CONTINUATION, MARK, PAD};
use crate::eval::{Interp, Value};
use crate::syntax::lexeme::{tokenize, Tok, KEYWORDS};
use colored::Colorize;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

pub struct TenshHelper {
    pub session: Rc<RefCell<Interp>>,
    pub color: bool,
    pub theme: Theme,
    pub hinter: HistoryHinter,
}

impl TenshHelper {
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        match self.session.try_borrow_mut() {
            Ok(mut it) => super::complete::candidates(&mut it, line, pos),
            Err(_) => (super::complete::word_before(line, pos).0, vec![]),
        }
    }
}

impl Completer for TenshHelper {
    type Candidate = Pair;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, c) = self.candidates(line, pos);
        Ok((
            start,
            c.into_iter()
                .map(|s| Pair {
                    display: s.clone(),
                    replacement: s,
                })
                .collect(),
        ))
    }
}

impl TenshHelper {
    /// `  (4, 512) float32` when the line so far is a name or attribute chain holding a
    /// tensor: looking it up runs no user code and draws nothing.
    fn shape_hint(&self, line: &str, pos: usize) -> Option<String> {
        if pos != line.len() {
            return None;
        }
        let t = line.trim();
        let chain = !t.is_empty()
            && t.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            && !t.starts_with(|c: char| c.is_ascii_digit() || c == '.')
            && !t.ends_with('.');
        if !chain || KEYWORDS.contains(&t) {
            return None;
        }
        let mut it = self.session.try_borrow_mut().ok()?;
        let mut parts = t.split('.');
        let mut v = it.load_name(parts.next()?).ok()?;
        for p in parts {
            if matches!(v, Value::Instance(_)) {
                return None;
            }
            v = it.get_attr(&v, p).ok()?;
        }
        let tensor = crate::api::convert::tensor_of(&v)?;
        Some(format!(
            "  {} {}",
            crate::print::shape_tuple(tensor.shape()),
            tensor.dtype().name()
        ))
    }
}

impl Hinter for TenshHelper {
    type Hint = String;
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.shape_hint(line, pos)
            .or_else(|| self.hinter.hint(line, pos, ctx))
    }
}

impl Validator for TenshHelper {}

/// Colors `line` by its tokens; the text itself is unchanged, so widths stay the same.
pub fn highlight_line(line: &str, pos: usize, theme: &Theme) -> String {
    let Ok(toks) = tokenize(line, 0) else {
        return line.to_string();
    };
    // The bracket under (or just before) the cursor and its partner.
    let mut pair: Option<(usize, usize)> = None;
    let mut stack: Vec<usize> = Vec::new();
    let brackets: Vec<(usize, char)> = toks
        .iter()
        .filter_map(|t| match t.tok {
            Tok::Op(o) if "()[]{}".contains(o) && o.len() == 1 => {
                Some((t.span.start as usize, o.chars().next().unwrap_or(' ')))
            }
            _ => None,
        })
        .collect();
    let mut partners = std::collections::HashMap::new();
    for &(at, c) in &brackets {
        if "([{".contains(c) {
            stack.push(at);
        } else if let Some(open) = stack.pop() {
            partners.insert(open, at);
            partners.insert(at, open);
        }
    }
    for cand in [pos, pos.wrapping_sub(1)] {
        if let Some(&other) = partners.get(&cand) {
            pair = Some((cand, other));
            break;
        }
    }
    let mut out = String::new();
    let mut last = 0;
    for t in &toks {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        if s < last || e > line.len() || s >= e {
            continue;
        }
        out.push_str(&line[last..s]);
        let text = &line[s..e];
        let styled = match &t.tok {
            Tok::Name(n) if KEYWORDS.contains(&n.as_str()) => {
                Theme::paint(theme.keyword, text, true)
            }
            Tok::Str(_) | Tok::FStr { .. } => Theme::paint(theme.string, text, false),
            Tok::Int(_) | Tok::Float(_) => Theme::paint(theme.number, text, false),
            Tok::Op(_) if pair.is_some_and(|(a, b)| a == s || b == s) => match theme.bracket {
                Some(c) => text.color(c).bold().underline().to_string(),
                None => text.to_string(),
            },
            _ => text.to_string(),
        };
        out.push_str(&styled);
        last = e;
    }
    out.push_str(&line[last.min(line.len())..]);
    out
}

impl TenshHelper {
    /// Draws each continuation line's prompt (`PROMPT_PAD` in the buffer) as `... ` and its
    /// automatic indent levels as spaces, and colors the code after them.
    fn draw(&self, buffer: &str, pos: usize) -> String {
        let mut out = String::with_capacity(buffer.len() + 16);
        let mut at = 0;
        for (i, l) in buffer.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let p = parts(l);
            out.extend(
                CONTINUATION
                    .chars()
                    .chain(std::iter::repeat(' '))
                    .take(p.pads),
            );
            out.extend(std::iter::repeat_n(' ', level_columns(p.levels)));
            if self.color {
                let rel = pos.checked_sub(at + p.code_start).unwrap_or(usize::MAX - 1);
                out.push_str(&highlight_line(p.code, rel, &self.theme));
            } else {
                out.push_str(p.code);
            }
            out.extend(std::iter::repeat_n(' ', p.tail));
            at += l.len() + 1;
        }
        out
    }
}

impl Highlighter for TenshHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color && !line.contains([PAD, MARK]) {
            return Cow::Borrowed(line);
        }
        Cow::Owned(self.draw(line, pos))
    }
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if !self.color || !self.theme.dim_hints {
            return Cow::Borrowed(hint);
        }
        Cow::Owned(hint.dimmed().to_string())
    }
    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Helper for TenshHelper {}
