//! The help and usage text, laid out as CPython's `argparse.HelpFormatter` lays it out:
//! the usage line wrapped into parts, sections with their headings, each argument's
//! invocation padded to the help column, help wrapped as `textwrap.wrap` wraps it, at the
//! terminal's width less two (`COLUMNS`, else the terminal, else 80).

use super::action::{is_suppress, Action, ActionRef, Kind, Nargs};
use super::container::{Fmt, Group, State};
use super::wrap::{fill, normalize, wrap};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Dict, Value};
use crate::eval::Interp;
use std::cell::RefCell;
use std::rc::Rc;

/// The terminal width `shutil.get_terminal_size()` gives: `COLUMNS`, else standard
/// output's terminal, else 80.
pub(crate) fn terminal_columns() -> i64 {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|c| *c > 0)
    {
        return c;
    }
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ only fills the winsize struct passed by pointer.
    let ok = unsafe { libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) } == 0;
    if ok && ws.ws_col > 0 {
        ws.ws_col as i64
    } else {
        80
    }
}

/// One formatting pass (CPython makes a formatter per help message).
pub(crate) struct Formatter {
    prog: String,
    kind: Fmt,
    width: i64,
    max_help_position: i64,
    indent: i64,
    action_max_length: i64,
}

/// A metavar: one name, or a tuple of them.
enum Metavar {
    One(String),
    Many(Vec<String>),
}

impl Metavar {
    /// `format(tuple_size)`: the names to fill `n` places.
    fn take(&self, n: usize) -> Vec<String> {
        match self {
            Metavar::One(s) => vec![s.clone(); n],
            Metavar::Many(v) => v.clone(),
        }
    }
}

/// `'%s %s' % names`: the names when there are exactly `n` of them.
fn exactly(v: Vec<String>, n: usize) -> R<Vec<String>> {
    if v.len() != n {
        let msg = if v.len() > n {
            "not all arguments converted during string formatting"
        } else {
            "not enough arguments for format string"
        };
        return raise(ExcKind::TypeError, msg);
    }
    Ok(v)
}

/// `_format_args`, given the metavar.
fn format_args(nargs: &Nargs, mv: &Metavar) -> R<String> {
    Ok(match nargs {
        Nargs::Single => exactly(mv.take(1), 1)?[0].clone(),
        Nargs::Optional => format!("[{}]", exactly(mv.take(1), 1)?[0]),
        Nargs::ZeroOrMore => {
            let m = mv.take(1);
            match m.len() {
                2 => format!("[{} [{} ...]]", m[0], m[1]),
                _ => format!("[{} ...]", exactly(m, 1)?[0]),
            }
        }
        Nargs::OneOrMore => {
            let m = exactly(mv.take(2), 2)?;
            format!("{} [{} ...]", m[0], m[1])
        }
        Nargs::Remainder => "...".into(),
        Nargs::Parser => format!("{} ...", exactly(mv.take(1), 1)?[0]),
        Nargs::Suppress => String::new(),
        Nargs::N(n) => exactly(mv.take(*n), *n)?.join(" "),
    })
}

/// Whether the metavar fits nargs (`add_argument` refuses a tuple of the wrong length).
pub(crate) fn check_metavar(a: &Action) -> R<()> {
    if let Value::Tuple(t) = &*a.metavar.borrow() {
        let mv = Metavar::Many(t.iter().map(|_| String::new()).collect());
        format_args(&a.nargs.borrow(), &mv)?;
    }
    Ok(())
}

impl Formatter {
    pub(crate) fn new(it: &mut Interp, st: &State) -> R<Formatter> {
        let prog = st.prog.borrow().clone();
        let prog = it.str_of(&prog)?;
        let width = terminal_columns() - 2;
        Ok(Formatter {
            prog,
            kind: st.fmt.get(),
            width,
            max_help_position: 24.min((width - 20).max(4)),
            indent: 0,
            action_max_length: 0,
        })
    }

    fn metavar(&self, it: &mut Interp, a: &Action, default: &str) -> R<Metavar> {
        let mv = a.metavar.borrow().clone();
        let choices = a.choices.borrow().clone();
        Ok(match mv {
            Value::Tuple(t) => {
                let mut v = Vec::new();
                for x in t.iter() {
                    v.push(it.str_of(x)?);
                }
                Metavar::Many(v)
            }
            Value::None if !matches!(choices, Value::None) => {
                let items = it.collect_items(&choices)?;
                let mut names = Vec::new();
                for c in items {
                    names.push(it.str_of(&c)?);
                }
                Metavar::One(format!("{{{}}}", names.join(",")))
            }
            Value::None => Metavar::One(default.to_string()),
            other => Metavar::One(it.str_of(&other)?),
        })
    }

    fn default_metavar(&self, it: &mut Interp, a: &Action, optional: bool) -> R<String> {
        if self.kind == Fmt::MetavarType {
            let t = a.type_.borrow().clone();
            let n = it.get_attr(&t, "__name__")?;
            return it.str_of(&n);
        }
        let dest = a.dest.borrow().clone();
        let d = it.str_of(&dest)?;
        Ok(if optional { d.to_uppercase() } else { d })
    }

    fn format_args(&self, it: &mut Interp, a: &Action, default: &str) -> R<String> {
        let mv = self.metavar(it, a, default)?;
        format_args(&a.nargs.borrow(), &mv)
    }

    /// `_format_action_invocation`: `-e EPOCHS, --epochs EPOCHS`, or the metavar.
    fn invocation(&self, it: &mut Interp, a: &Action) -> R<String> {
        let opts = a.option_strings.borrow().clone();
        if opts.is_empty() {
            let d = self.default_metavar(it, a, false)?;
            let mv = self.metavar(it, a, &d)?;
            return Ok(exactly(mv.take(1), 1)?.remove(0));
        }
        if a.takes_none() {
            return Ok(opts.join(", "));
        }
        let d = self.default_metavar(it, a, true)?;
        let args = self.format_args(it, a, &d)?;
        Ok(opts
            .iter()
            .map(|o| format!("{} {}", o, args))
            .collect::<Vec<_>>()
            .join(", "))
    }

    /// `add_argument`: notes the invocation's width for the help column.
    fn add_action(&mut self, it: &mut Interp, a: &Action) -> R<()> {
        if a.help_suppressed() {
            return Ok(());
        }
        let inv = self.invocation(it, a)?;
        self.action_max_length = self
            .action_max_length
            .max(inv.chars().count() as i64 + self.indent);
        Ok(())
    }

    fn format_text(&self, it: &mut Interp, text: &Value) -> R<String> {
        let mut text = it.str_of(text)?;
        if text.contains("%(prog)") {
            let d = prog_dict(&self.prog)?;
            text = it.percent_format(&text, &d)?;
        }
        let width = (self.width - self.indent).max(11) as usize;
        let indent = " ".repeat(self.indent as usize);
        let body = match self.kind {
            Fmt::RawDescription | Fmt::RawText => split_keep_ends(&text)
                .iter()
                .map(|l| format!("{}{}", indent, l))
                .collect(),
            _ => fill(&normalize(&text), width, &indent),
        };
        Ok(body + "\n\n")
    }

    fn help_string(&self, a: &Action) -> Value {
        let help = a.help.borrow().clone();
        if self.kind != Fmt::ArgumentDefaults {
            return help;
        }
        let mut h = match &help {
            Value::Str(s) => s.to_string(),
            _ => String::new(),
        };
        if !h.contains("%(default)") && !is_suppress(&a.default.borrow()) {
            let n = a.nargs.borrow().clone();
            if a.is_optional() || matches!(n, Nargs::Optional | Nargs::ZeroOrMore) {
                h.push_str(" (default: %(default)s)");
            }
        }
        Value::str(&h)
    }

    /// `_expand_help`: `%(default)s`, `%(prog)s`, ... filled in.
    fn expand_help(&self, it: &mut Interp, a: &Action) -> R<String> {
        let help = self.help_string(a);
        let text = it.str_of(&help)?;
        if !text.contains('%') {
            return Ok(text);
        }
        let mut d = Dict::default();
        for (k, v) in a.vars() {
            if is_suppress(&v) {
                continue;
            }
            let v = match (k, &v) {
                ("choices", c) if !matches!(c, Value::None) => {
                    let items = it.collect_items(c)?;
                    let mut names = Vec::new();
                    for x in items {
                        names.push(it.str_of(&x)?);
                    }
                    Value::str(&names.join(", "))
                }
                _ => match has_name(it, &v)? {
                    Some(n) => n,
                    None => v,
                },
            };
            d.insert(Value::str(k), v)?;
        }
        d.insert(Value::str("prog"), Value::str(&self.prog))?;
        it.percent_format(&text, &Value::Dict(Rc::new(RefCell::new(d))))
    }

    fn split_lines(&self, text: &str, width: i64) -> Vec<String> {
        match self.kind {
            Fmt::RawText => split_lines_plain(text),
            _ => wrap(&normalize(text), width.max(1) as usize),
        }
    }

    /// `_format_action`: the invocation, padded, then the wrapped help.
    fn format_action(&self, it: &mut Interp, a: &Action) -> R<String> {
        let help_position = (self.action_max_length + 2).min(self.max_help_position);
        let help_width = (self.width - help_position).max(11);
        let action_width = help_position - self.indent - 2;
        let header = self.invocation(it, a)?;
        let ind = " ".repeat(self.indent.max(0) as usize);
        let help = a.help.borrow().clone();
        let has_help = !matches!(help, Value::None) && it.truthy(&help)?;
        let mut out = String::new();
        let mut indent_first = 0;
        if !has_help {
            out.push_str(&format!("{}{}\n", ind, header));
        } else if header.chars().count() as i64 <= action_width {
            out.push_str(&format!(
                "{}{:<w$}  ",
                ind,
                header,
                w = action_width.max(0) as usize
            ));
        } else {
            out.push_str(&format!("{}{}\n", ind, header));
            indent_first = help_position;
        }
        let stripped = match &help {
            Value::Str(s) => !s.trim().is_empty(),
            _ => has_help,
        };
        if has_help && stripped {
            let text = self.expand_help(it, a)?;
            if !text.is_empty() {
                let lines = self.split_lines(&text, help_width);
                let pad = |n: i64| " ".repeat(n.max(0) as usize);
                if let Some(first) = lines.first() {
                    out.push_str(&format!("{}{}\n", pad(indent_first), first));
                } else {
                    return raise(ExcKind::IndexError, "list index out of range");
                }
                for l in &lines[1..] {
                    out.push_str(&format!("{}{}\n", pad(help_position), l));
                }
            }
        } else if !out.ends_with('\n') {
            out.push('\n');
        }
        Ok(out)
    }

    /// `_format_usage`: `usage: PROG [-h] ...`, wrapped when too long.
    fn format_usage(
        &self,
        it: &mut Interp,
        usage: &Value,
        actions: &[ActionRef],
        groups: &[Rc<Group>],
        prefix: &str,
    ) -> R<String> {
        let usage = if !matches!(usage, Value::None) {
            let u = it.str_of(usage)?;
            if u.contains('%') {
                let d = prog_dict(&self.prog)?;
                it.percent_format(&u, &d)?
            } else {
                u
            }
        } else if actions.is_empty() {
            self.prog.clone()
        } else {
            let prog = self.prog.clone();
            let (optionals, positionals): (Vec<ActionRef>, Vec<ActionRef>) =
                actions.iter().cloned().partition(|a| a.is_optional());
            let all: Vec<ActionRef> = optionals.iter().chain(&positionals).cloned().collect();
            let action_usage = self.actions_usage(it, &all, groups)?;
            let usage = [prog.clone(), action_usage]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let text_width = self.width - self.indent;
            if (prefix.chars().count() + usage.chars().count()) as i64 > text_width {
                let opt_usage = self.actions_usage(it, &optionals, groups)?;
                let pos_usage = self.actions_usage(it, &positionals, groups)?;
                let opt_parts = usage_parts(&opt_usage);
                let pos_parts = usage_parts(&pos_usage);
                let plen = prefix.chars().count();
                let proglen = prog.chars().count();
                let lines = if (plen + proglen) as f64 <= 0.75 * text_width as f64 {
                    let indent = " ".repeat(plen + proglen + 1);
                    let mut with_prog = vec![prog.clone()];
                    if !opt_parts.is_empty() {
                        with_prog.extend(opt_parts);
                        let mut l = get_lines(&with_prog, &indent, Some(prefix), text_width);
                        l.extend(get_lines(&pos_parts, &indent, None, text_width));
                        l
                    } else if !pos_parts.is_empty() {
                        with_prog.extend(pos_parts);
                        get_lines(&with_prog, &indent, Some(prefix), text_width)
                    } else {
                        vec![prog.clone()]
                    }
                } else {
                    let indent = " ".repeat(plen);
                    let parts: Vec<String> = opt_parts.iter().chain(&pos_parts).cloned().collect();
                    let mut lines = get_lines(&parts, &indent, None, text_width);
                    if lines.len() > 1 {
                        lines = get_lines(&opt_parts, &indent, None, text_width);
                        lines.extend(get_lines(&pos_parts, &indent, None, text_width));
                    }
                    let mut all = vec![prog.clone()];
                    all.extend(lines);
                    all
                };
                lines.join("\n")
            } else {
                usage
            }
        };
        Ok(format!("{}{}\n\n", prefix, usage))
    }

    /// `_format_actions_usage`: the bracketed parts, with group markers.
    fn actions_usage(
        &self,
        it: &mut Interp,
        actions: &[ActionRef],
        groups: &[Rc<Group>],
    ) -> R<String> {
        let mut in_group: Vec<ActionRef> = Vec::new();
        let mut inserts: std::collections::BTreeMap<usize, String> = Default::default();
        let pos_of = |a: &ActionRef| actions.iter().position(|x| Rc::ptr_eq(x, a));
        for g in groups {
            let ga = g.actions.borrow().clone();
            if ga.is_empty() {
                return raise(
                    ExcKind::ValueError,
                    "empty group <argparse._MutuallyExclusiveGroup object>",
                );
            }
            let Some(start) = pos_of(&ga[0]) else {
                continue;
            };
            let end = start + ga.len();
            let matches = end <= actions.len()
                && actions[start..end]
                    .iter()
                    .zip(&ga)
                    .all(|(x, y)| Rc::ptr_eq(x, y));
            if !matches {
                continue;
            }
            let mut suppressed = 0;
            for a in &ga {
                in_group.push(a.clone());
                if a.help_suppressed() {
                    suppressed += 1;
                }
            }
            let exposed = ga.len() - suppressed;
            let mut add = |i: usize, s: &str, spaced: bool| {
                match inserts.get_mut(&i) {
                    Some(v) if spaced => {
                        v.push(' ');
                        v.push_str(s)
                    }
                    Some(v) => v.push_str(s),
                    None => {
                        inserts.insert(i, s.to_string());
                    }
                };
            };
            if !g.required.get() {
                add(start, "[", true);
                add(end, "]", false);
            } else if exposed > 1 {
                add(start, "(", true);
                add(end, ")", false);
            }
            for i in start + 1..end {
                inserts.insert(i, "|".into());
            }
        }
        let grouped = |a: &ActionRef| in_group.iter().any(|x| Rc::ptr_eq(x, a));
        let mut parts: Vec<Option<String>> = Vec::new();
        for (i, a) in actions.iter().enumerate() {
            if a.help_suppressed() {
                parts.push(None);
                if inserts.get(&i).map(String::as_str) == Some("|") {
                    inserts.remove(&i);
                } else if inserts.get(&(i + 1)).map(String::as_str) == Some("|") {
                    inserts.remove(&(i + 1));
                }
            } else if !a.is_optional() {
                let d = self.default_metavar(it, a, false)?;
                let mut part = self.format_args(it, a, &d)?;
                if grouped(a) && part.starts_with('[') && part.ends_with(']') && part.len() >= 2 {
                    part = part[1..part.len() - 1].to_string();
                }
                parts.push(Some(part));
            } else {
                let opt = a.option_strings.borrow()[0].clone();
                let mut part = if a.takes_none() {
                    if a.kind == Kind::BooleanOptional {
                        a.option_strings.borrow().join(" | ")
                    } else {
                        opt
                    }
                } else {
                    let d = self.default_metavar(it, a, true)?;
                    format!("{} {}", opt, self.format_args(it, a, &d)?)
                };
                if !*a.required.borrow() && !grouped(a) {
                    part = format!("[{}]", part);
                }
                parts.push(Some(part));
            }
        }
        for (i, s) in inserts.iter().rev() {
            let at = (*i).min(parts.len());
            parts.insert(at, Some(s.clone()));
        }
        let text = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
        Ok(clean_separators(&text))
    }

    /// `format_usage()`.
    pub(crate) fn usage(it: &mut Interp, st: &State) -> R<String> {
        let f = Formatter::new(it, st)?;
        let usage = st.usage.borrow().clone();
        let actions = st.actions.borrow().clone();
        let groups = st.mutex_groups.borrow().clone();
        let s = f.format_usage(it, &usage, &actions, &groups, "usage: ")?;
        Ok(finish(&s))
    }

    /// `format_help()`.
    pub(crate) fn help(it: &mut Interp, st: &State) -> R<String> {
        let mut f = Formatter::new(it, st)?;
        let groups = st.groups.borrow().clone();
        // Adding arguments notes their widths, section by section, before any layout.
        f.indent = 2;
        for g in &groups {
            let items = g.actions.borrow().clone();
            for a in items {
                f.add_action(it, &a)?;
            }
        }
        f.indent = 0;
        let usage = st.usage.borrow().clone();
        let actions = st.actions.borrow().clone();
        let mutex = st.mutex_groups.borrow().clone();
        let mut root = f.format_usage(it, &usage, &actions, &mutex, "usage: ")?;
        let desc = st.description.borrow().clone();
        if !matches!(desc, Value::None) && !is_suppress(&desc) {
            root.push_str(&f.format_text(it, &desc)?);
        }
        for g in &groups {
            f.indent = 2;
            let mut items = String::new();
            let gd = g.description.borrow().clone();
            if !matches!(gd, Value::None) && !is_suppress(&gd) {
                items.push_str(&f.format_text(it, &gd)?);
            }
            let actions = g.actions.borrow().clone();
            for a in actions {
                if !a.help_suppressed() {
                    items.push_str(&f.format_action(it, &a)?);
                }
            }
            f.indent = 0;
            if items.is_empty() {
                continue;
            }
            let title = g.title.borrow().clone();
            let heading = if matches!(title, Value::None) || is_suppress(&title) {
                String::new()
            } else {
                format!("{}:\n", it.str_of(&title)?)
            };
            root.push_str(&format!("\n{}{}\n", heading, items));
        }
        let epilog = st.epilog.borrow().clone();
        if !matches!(epilog, Value::None) && !is_suppress(&epilog) {
            root.push_str(&f.format_text(it, &epilog)?);
        }
        if root.is_empty() {
            return Ok(String::new());
        }
        Ok(finish(&format!("\n{}\n", root)))
    }

    /// The text a version action prints.
    pub(crate) fn version_text(it: &mut Interp, st: &State, version: &Value) -> R<String> {
        let f = Formatter::new(it, st)?;
        if matches!(version, Value::None) || is_suppress(version) {
            return Ok(String::new());
        }
        let s = f.format_text(it, version)?;
        Ok(finish(&format!("\n{}\n", s)))
    }
}

/// The formatter's final touch: runs of blank lines folded to one, one newline at the end.
fn finish(s: &str) -> String {
    let re = regex::Regex::new(r"\n\n\n+").expect("valid pattern");
    let s = re.replace_all(s, "\n\n");
    let t = s.trim_matches('\n');
    if t.is_empty() && s.is_empty() {
        return String::new();
    }
    format!("{}\n", t)
}

fn prog_dict(prog: &str) -> R<Value> {
    let mut d = Dict::default();
    d.insert(Value::str("prog"), Value::str(prog))?;
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// A value's `__name__` if it has one (types and functions in help text show by name).
fn has_name(it: &mut Interp, v: &Value) -> R<Option<Value>> {
    if !matches!(
        v,
        Value::Class(_)
            | Value::Builtin(_)
            | Value::Function(_)
            | Value::Object(_)
            | Value::Bound(_)
    ) {
        return Ok(None);
    }
    match it.get_attr(v, "__name__") {
        Ok(n) => Ok(Some(n)),
        Err(crate::eval::error::Flow::Error(e)) if e.is(ExcKind::AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `str.splitlines(keepends=True)` for the common line ends.
fn split_keep_ends(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        cur.push(c);
        if c == '\r' && chars.get(i + 1) == Some(&'\n') {
            cur.push('\n');
            i += 1;
        }
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            out.push(std::mem::take(&mut cur));
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `str.splitlines()`.
fn split_lines_plain(s: &str) -> Vec<String> {
    split_keep_ends(s)
        .into_iter()
        .map(|l| {
            let t = l.strip_suffix("\r\n").unwrap_or(&l);
            let t = t
                .strip_suffix([
                    '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u{85}', '\u{2028}',
                    '\u{2029}',
                ])
                .unwrap_or(t);
            t.to_string()
        })
        .collect()
}

/// The usage's mutually-exclusive markers tidied: no space inside brackets, empty
/// brackets gone.
fn clean_separators(text: &str) -> String {
    let a = regex::Regex::new(r"([\[(]) ").expect("valid pattern");
    let b = regex::Regex::new(r" ([\])])").expect("valid pattern");
    let c = regex::Regex::new(r"[\[(] *[\])]").expect("valid pattern");
    let t = a.replace_all(text, "$1");
    let t = b.replace_all(&t, "$1");
    let t = c.replace_all(&t, "");
    t.trim().to_string()
}

/// The usage split into wrappable parts: `(...)` and `[...]` groups up to a space, or
/// runs of non-space.
fn usage_parts(s: &str) -> Vec<String> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let ws = |x: char| x.is_whitespace();
    while i < c.len() {
        if ws(c[i]) {
            i += 1;
            continue;
        }
        let mut end = None;
        if c[i] == '(' || c[i] == '[' {
            let close = if c[i] == '(' { ')' } else { ']' };
            let mut j = i + 1;
            while j < c.len() && c[j] != '\n' {
                if c[j] == close {
                    let mut k = j;
                    while k < c.len() && c[k] == close {
                        k += 1;
                    }
                    if k == c.len() || ws(c[k]) {
                        end = Some(k);
                        break;
                    }
                }
                j += 1;
            }
        }
        let end = end.unwrap_or_else(|| {
            let mut k = i;
            while k < c.len() && !ws(c[k]) {
                k += 1;
            }
            k
        });
        out.push(c[i..end].iter().collect());
        i = end;
    }
    out
}

/// `get_lines`: parts packed greedily into lines under `width`.
fn get_lines(parts: &[String], indent: &str, prefix: Option<&str>, width: i64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line: Vec<String> = Vec::new();
    let ilen = indent.chars().count() as i64;
    let mut len = match prefix {
        Some(p) => p.chars().count() as i64 - 1,
        None => ilen - 1,
    };
    for p in parts {
        let plen = p.chars().count() as i64;
        if len + 1 + plen > width && !line.is_empty() {
            lines.push(format!("{}{}", indent, line.join(" ")));
            line.clear();
            len = ilen - 1;
        }
        line.push(p.clone());
        len += plen + 1;
    }
    if !line.is_empty() {
        lines.push(format!("{}{}", indent, line.join(" ")));
    }
    if prefix.is_some() {
        if let Some(first) = lines.first_mut() {
            *first = first.chars().skip(indent.chars().count()).collect();
        }
    }
    lines
}
