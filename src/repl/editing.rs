//! Editing a multi-line entry in one buffer, as Python 3.13's REPL does. Enter runs an
//! entry that is complete and otherwise opens a continuation line, indented for the block
//! (one level deeper after a `:`, one level shallower after `return`, `pass`, `break`,
//! `continue` or `raise`). Backspace in leading spaces removes a whole indent level and, at
//! the start of a continuation line, joins it to the line above. Up and Down move between
//! the entry's lines (the editor's own line-up-or-history commands), so an earlier line of a
//! block being typed can be fixed before it runs.
//!
//! A continuation line starts with `PROMPT_PAD` (four no-break spaces) that the helper draws
//! as `... `: the prompt lives in the buffer, so the editor's cursor arithmetic stays right.
//! Each indent level Enter or Tab puts there is `LEVEL`: a figure space and three spaces,
//! drawn as four spaces. The figure space marks where a level starts, so Backspace removes
//! a level with one character search (the editor re-counts plain multi-character kills as
//! one character). Code typed or pasted with its own leading spaces onto such a line keeps
//! its own indentation: the automatic levels give way. `source` turns the buffer into the
//! code Python sees.

use crate::syntax::complete::{check, Completeness};
use rustyline::{CharSearch, KeyCode, KeyEvent, Modifiers, Movement, RepeatCount};
use rustyline::{Cmd, ConditionalEventHandler, EditMode, Event, EventContext, EventHandler};

/// The character a continuation prompt is made of in the buffer.
pub const PAD: char = '\u{a0}';
/// A continuation line's prompt, as stored in the buffer.
pub const PROMPT_PAD: &str = "\u{a0}\u{a0}\u{a0}\u{a0}";
/// What the prompt looks like.
pub const CONTINUATION: &str = "... ";
/// The character that starts an automatic indent level.
pub const MARK: char = '\u{2007}';
/// One automatic indent level, as stored in the buffer.
const LEVEL: &str = "\u{2007}   ";
/// One indent level.
const INDENT: usize = 4;

/// One line of the buffer taken apart: its prompt pads, its automatic indent levels, the
/// code after them (with where it starts in the line), and the trailing pads vi's insert
/// leaves.
pub struct Parts<'a> {
    pub pads: usize,
    pub levels: usize,
    pub code: &'a str,
    pub code_start: usize,
    pub tail: usize,
}

pub fn parts(line: &str) -> Parts<'_> {
    let body = line.trim_start_matches(PAD);
    let trimmed = body.trim_end_matches(PAD);
    let mut code = trimmed;
    let mut levels = 0;
    while let Some(r) = code.strip_prefix(LEVEL) {
        code = r;
        levels += 1;
    }
    Parts {
        pads: (line.len() - body.len()) / PAD.len_utf8(),
        levels,
        code,
        code_start: line.len() - body.len() + trimmed.len() - code.len(),
        tail: (body.len() - trimmed.len()) / PAD.len_utf8(),
    }
}

/// The columns `levels` automatic indent levels stand for.
pub fn level_columns(levels: usize) -> usize {
    levels * INDENT
}

/// The entry as Python sees it: continuation prompts removed, automatic levels as spaces
/// unless the line brings its own leading spaces.
pub fn source(buffer: &str) -> String {
    buffer
        .split('\n')
        .map(|l| {
            let p = parts(l);
            if p.code.starts_with([' ', '\t']) {
                p.code.to_string()
            } else {
                format!("{}{}", " ".repeat(level_columns(p.levels)), p.code)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The last line of `src`.
fn last_line(src: &str) -> &str {
    src.rsplit('\n').next().unwrap_or("")
}

/// Whether Enter at the end of `src` runs it: the entry is complete, which after an empty
/// line (outside brackets and strings) it always is; the parser then says what is missing,
/// as Python's REPL does for `def f():` followed by an empty line.
pub fn ready(src: &str) -> bool {
    check(src) == Completeness::Complete
}

/// The statements after which Python code goes back one indent level.
const DEDENT_AFTER: [&str; 5] = ["return", "pass", "break", "continue", "raise"];

/// The indentation of the line after `src`.
pub fn next_indent(src: &str) -> usize {
    let last = last_line(src);
    let lead = last.len() - last.trim_start_matches(' ').len();
    let code = last.split('#').next().unwrap_or("").trim();
    let first = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if code.ends_with(':') {
        lead + INDENT
    } else if DEDENT_AFTER.contains(&first) {
        lead.saturating_sub(INDENT)
    } else {
        lead
    }
}

/// The current line of `buffer` up to `pos`, without its prompt.
fn line_before(buffer: &str, pos: usize) -> (&str, bool) {
    let start = buffer[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = &buffer[start..pos];
    let text = line.trim_start_matches(PAD);
    (text, text.len() != line.len())
}

/// Inserts `text` and leaves the cursor after it. Vi's insert moves back over the last
/// character, so there a trailing pad (removed by `source`) takes that step.
fn insert(ctx: &EventContext, text: String) -> Cmd {
    if ctx.mode() == EditMode::Vi {
        Cmd::Insert(1, format!("{}{}", text, PAD))
    } else {
        Cmd::Insert(1, text)
    }
}

/// `indent` columns as automatic levels (and spaces for a part level).
fn levels(indent: usize) -> String {
    LEVEL.repeat(indent / INDENT) + &" ".repeat(indent % INDENT)
}

/// Whether `text` (a line's start, prompt removed) is indentation only.
fn blank(text: &str) -> bool {
    text.chars().all(|c| c == ' ' || c == MARK)
}

/// Enter: run the entry or open a continuation line.
pub struct Enter;

impl ConditionalEventHandler for Enter {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let (buffer, pos) = (ctx.line(), ctx.pos());
        let src = source(buffer);
        let on_last = !buffer[pos..].contains('\n');
        if on_last && ready(&src) {
            return Some(Cmd::AcceptLine);
        }
        let indent = if on_last && pos == buffer.len() {
            next_indent(&src)
        } else {
            0
        };
        Some(insert(ctx, format!("\n{}{}", PROMPT_PAD, levels(indent))))
    }
}

/// Backspace: a whole automatic indent level; at the start of a continuation line, the
/// line break and the prompt.
pub struct Backspace;

impl ConditionalEventHandler for Backspace {
    fn handle(&self, _: &Event, n: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if n != 1 {
            return None;
        }
        let (text, prompted) = line_before(ctx.line(), ctx.pos());
        if text.is_empty() && prompted {
            return Some(Cmd::Kill(Movement::ViCharSearch(
                1,
                CharSearch::Backward('\n'),
            )));
        }
        if !text.is_empty() && blank(text) && text.contains(MARK) {
            return Some(Cmd::Kill(Movement::ViCharSearch(
                1,
                CharSearch::Backward(MARK),
            )));
        }
        None
    }
}

/// Tab in leading indentation indents to the next level; elsewhere it completes.
pub struct Tab;

impl ConditionalEventHandler for Tab {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let (text, _) = line_before(ctx.line(), ctx.pos());
        if !blank(text) {
            return None;
        }
        let col = text.chars().count();
        Some(insert(
            ctx,
            if col % INDENT == 0 {
                LEVEL.to_string()
            } else {
                " ".repeat(INDENT - col % INDENT)
            },
        ))
    }
}

/// Binds Enter (and Ctrl-J, Ctrl-M), Backspace and Tab to the handlers above.
pub fn bind<H: rustyline::Helper, I: rustyline::history::History>(
    rl: &mut rustyline::Editor<H, I>,
) {
    let key = |code, mods| Event::from(KeyEvent(code, mods));
    for enter in [
        key(KeyCode::Enter, Modifiers::NONE),
        key(KeyCode::Char('J'), Modifiers::CTRL),
        key(KeyCode::Char('M'), Modifiers::CTRL),
    ] {
        rl.bind_sequence(enter, EventHandler::Conditional(Box::new(Enter)));
    }
    rl.bind_sequence(
        key(KeyCode::Backspace, Modifiers::NONE),
        EventHandler::Conditional(Box::new(Backspace)),
    );
    rl.bind_sequence(
        key(KeyCode::Tab, Modifiers::NONE),
        EventHandler::Conditional(Box::new(Tab)),
    );
}

pub(crate) mod tests {
    use super::*;

    fn prompts_are_removed_and_indentation_follows_the_block() {
        let buf = format!(
            "for i in x:\n{}    if i:\n{}        return",
            PROMPT_PAD, PROMPT_PAD
        );
        assert_eq!(source(&buf), "for i in x:\n    if i:\n        return");
        assert_eq!(next_indent("for i in x:"), 4);
        assert_eq!(next_indent("for i in x:\n    y = 1  # note:"), 4);
        assert_eq!(next_indent("def f():\n    if a:\n        return 1"), 4);
        assert_eq!(next_indent("while 1:\n    pass"), 0);
        assert_eq!(next_indent("x = [1,"), 0);
    }

    fn enter_runs_complete_entries_and_ends_blocks_on_a_blank_line() {
        assert!(ready("x = 1"));
        assert!(!ready("for i in x:"));
        assert!(!ready("for i in x:\n    print(i)"));
        assert!(ready("for i in x:\n    print(i)\n    "));
        // Python's REPL reports the missing block rather than waiting for ever.
        assert!(ready("def f():\n"));
        assert!(ready("def f():\n    "));
        // Inside brackets and strings a blank line goes on.
        assert!(!ready("x = [1,\n"));
        assert!(!ready("s = '''a\n"));
    }

    unit_cases!(
        prompts_are_removed_and_indentation_follows_the_block,
        enter_runs_complete_entries_and_ends_blocks_on_a_blank_line,
    );
}
