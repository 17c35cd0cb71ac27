//! Parsing a command line as CPython's `ArgumentParser._parse_known_args` does: each
//! string classed as an option ('O'), an argument ('A') or the `--` separator ('-'),
//! positionals matched greedily against that pattern, options consuming what their
//! `nargs` allows, values converted by `type=` and checked against `choices=`, then
//! required arguments and groups checked.

use super::action::{is_suppress, ActionRef, Kind, Nargs};
use super::container::{looks_negative, State};
use super::errors::{argument_error, as_type_error, exit, write_stream};
use super::format::Formatter;
use crate::errors::ExcKind;
use crate::eval::error::{Flow, R};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;
use crate::syntax::ast::BinOp;
use std::rc::Rc;

/// An option found in the command line: its action (None: unknown), the option string,
/// and the argument attached with `=` or to a short option.
type OptionTuple = (Option<ActionRef>, String, Option<String>);

/// Ends parsing with an error: the usage and `PROG: error: MESSAGE` on stderr, exit 2.
pub(crate) fn error(it: &mut Interp, st: &State, message: &str) -> Flow {
    match error_inner(it, st, message) {
        Ok(f) | Err(f) => f,
    }
}

fn error_inner(it: &mut Interp, st: &State, message: &str) -> R<Flow> {
    let usage = Formatter::usage(it, st)?;
    write_stream(it, true, &usage)?;
    let prog = st.prog.borrow().clone();
    let prog = it.str_of(&prog)?;
    write_stream(it, true, &format!("{}: error: {}\n", prog, message))?;
    Ok(exit(Value::Int(2)))
}

pub(crate) fn has_attr(it: &mut Interp, obj: &Value, name: &str) -> R<bool> {
    match it.get_attr(obj, name) {
        Ok(_) => Ok(true),
        Err(Flow::Error(e)) if e.is(ExcKind::AttributeError) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `parse_known_args(args, namespace)`: the namespace and the strings left over.
pub(crate) fn parse_known(
    it: &mut Interp,
    st: &State,
    args: Vec<String>,
    ns: Value,
) -> R<(Value, Vec<String>)> {
    let items = st.actions.borrow().clone();
    for a in items {
        if let Some(dest) = a.dest_str() {
            let d = a.default.borrow().clone();
            if !has_attr(it, &ns, &dest)? && !is_suppress(&d) {
                it.set_attr(&ns, &dest, d)?;
            }
        }
    }
    let items = st.defaults.borrow().clone();
    for (k, v) in items {
        if !has_attr(it, &ns, &k)? {
            it.set_attr(&ns, &k, v)?;
        }
    }
    let r = Parse {
        st,
        args: args.clone(),
        ns: ns.clone(),
        seen: Vec::new(),
        seen_non_default: Vec::new(),
        extras: Vec::new(),
    }
    .run(it);
    match r {
        Ok(extras) => Ok((ns, extras)),
        Err(f) => {
            if st.exit_on_error.get() {
                if let Some(msg) = super::errors::as_argument_error(it, &f) {
                    return Err(error(it, st, &msg));
                }
            }
            Err(f)
        }
    }
}

struct Parse<'a> {
    st: &'a State,
    args: Vec<String>,
    ns: Value,
    seen: Vec<ActionRef>,
    seen_non_default: Vec<ActionRef>,
    extras: Vec<String>,
}

fn contains(v: &[ActionRef], a: &ActionRef) -> bool {
    v.iter().any(|x| Rc::ptr_eq(x, a))
}

/// `_get_nargs_pattern`, as a regex over the 'O'/'A'/'-' pattern.
fn nargs_pattern(a: &ActionRef) -> String {
    let p = match &*a.nargs.borrow() {
        Nargs::Single => "(-*A-*)".to_string(),
        Nargs::Optional => "(-*A?-*)".into(),
        Nargs::ZeroOrMore => "(-*[A-]*)".into(),
        Nargs::OneOrMore => "(-*A[A-]*)".into(),
        Nargs::Remainder => "([-AO]*)".into(),
        Nargs::Parser => "(-*A[-AO]*)".into(),
        Nargs::Suppress => "(-*-*)".into(),
        Nargs::N(n) => format!("(-*{}-*)", vec!["A"; *n].join("-*")),
    };
    if a.is_optional() {
        p.replace("-*", "").replace('-', "")
    } else {
        p
    }
}

fn regex_match(pattern: &str, text: &str) -> Option<Vec<usize>> {
    let re = regex::Regex::new(&format!("^(?:{})", pattern)).ok()?;
    let caps = re.captures(text)?;
    Some(
        (1..caps.len())
            .map(|i| caps.get(i).map_or(0, |m| m.as_str().len()))
            .collect(),
    )
}

impl Parse<'_> {
    /// `_parse_optional`: whether a string is an option, and which.
    fn parse_optional(&self, it: &mut Interp, s: &str) -> R<Option<OptionTuple>> {
        let chars = &self.st.prefix_chars;
        let Some(first) = s.chars().next() else {
            return Ok(None);
        };
        if !chars.contains(first) {
            return Ok(None);
        }
        if let Some(a) = self.st.option(s) {
            return Ok(Some((Some(a), s.to_string(), None)));
        }
        if s.chars().count() == 1 {
            return Ok(None);
        }
        if let Some((o, arg)) = s.split_once('=') {
            if let Some(a) = self.st.option(o) {
                return Ok(Some((Some(a), o.to_string(), Some(arg.to_string()))));
            }
        }
        let tuples = self.option_tuples(it, s)?;
        if tuples.len() > 1 {
            let names: Vec<String> = tuples.iter().map(|t| t.1.clone()).collect();
            return Err(error(
                it,
                self.st,
                &format!("ambiguous option: {} could match {}", s, names.join(", ")),
            ));
        }
        if let Some(t) = tuples.into_iter().next() {
            return Ok(Some(t));
        }
        if looks_negative(s) && !self.st.negative_number_options.get() {
            return Ok(None);
        }
        if s.contains(' ') {
            return Ok(None);
        }
        Ok(Some((None, s.to_string(), None)))
    }

    /// `_get_option_tuples`: abbreviations of long options, short options with their
    /// argument attached.
    fn option_tuples(&self, it: &mut Interp, s: &str) -> R<Vec<OptionTuple>> {
        let chars = &self.st.prefix_chars;
        let mut c = s.chars();
        let (c0, c1) = (c.next(), c.next());
        let is_prefix = |c: Option<char>| c.is_some_and(|c| chars.contains(c));
        let mut out = Vec::new();
        let options = self.st.options.borrow().clone();
        if is_prefix(c0) && is_prefix(c1) {
            if self.st.allow_abbrev {
                let (prefix, explicit) = match s.split_once('=') {
                    Some((p, a)) => (p.to_string(), Some(a.to_string())),
                    None => (s.to_string(), None),
                };
                for (o, a) in &options {
                    if o.starts_with(&prefix) {
                        out.push((Some(a.clone()), o.clone(), explicit.clone()));
                    }
                }
            }
        } else if is_prefix(c0) && !is_prefix(c1) {
            let short: String = s.chars().take(2).collect();
            let short_arg: String = s.chars().skip(2).collect();
            for (o, a) in &options {
                if *o == short {
                    out.push((Some(a.clone()), o.clone(), Some(short_arg.clone())));
                } else if o.starts_with(s) {
                    out.push((Some(a.clone()), o.clone(), None));
                }
            }
        } else {
            return Err(error(
                it,
                self.st,
                &format!("unexpected option string: {}", s),
            ));
        }
        Ok(out)
    }

    fn run(mut self, it: &mut Interp) -> R<Vec<String>> {
        let st = self.st;
        // Each argument of a mutually exclusive group conflicts with the others.
        let mut conflicts: Vec<(ActionRef, Vec<ActionRef>)> = Vec::new();
        for g in st.mutex_groups.borrow().iter() {
            let ga = g.actions.borrow().clone();
            for (i, a) in ga.iter().enumerate() {
                let others: Vec<ActionRef> = ga[..i].iter().chain(&ga[i + 1..]).cloned().collect();
                match conflicts.iter_mut().find(|(x, _)| Rc::ptr_eq(x, a)) {
                    Some((_, v)) => v.extend(others),
                    None => conflicts.push((a.clone(), others)),
                }
            }
        }
        let mut option_at: Vec<(usize, OptionTuple)> = Vec::new();
        let mut pattern = String::new();
        let args = self.args.clone();
        let mut after_dashes = false;
        for (i, s) in args.iter().enumerate() {
            if after_dashes {
                pattern.push('A');
                continue;
            }
            if s == "--" {
                pattern.push('-');
                after_dashes = true;
                continue;
            }
            it.check_interrupt()?;
            match self.parse_optional(it, s)? {
                None => pattern.push('A'),
                Some(t) => {
                    option_at.push((i, t));
                    pattern.push('O');
                }
            }
        }
        let mut positionals = st.positionals();
        let max_option = option_at.iter().map(|(i, _)| *i as i64).max().unwrap_or(-1);
        let mut start = 0usize;
        while (start as i64) <= max_option {
            it.check_interrupt()?;
            let next = option_at
                .iter()
                .map(|(i, _)| *i)
                .filter(|i| *i >= start)
                .min()
                .unwrap_or(start);
            if start != next {
                let end =
                    self.consume_positionals(it, &mut positionals, &pattern, start, &conflicts)?;
                if end > start {
                    start = end;
                    continue;
                }
                start = end;
            }
            if !option_at.iter().any(|(i, _)| *i == start) {
                self.extras.extend(args[start..next].iter().cloned());
                start = next;
            }
            start = self.consume_optional(it, &option_at, &pattern, start, &conflicts)?;
        }
        let stop = self.consume_positionals(it, &mut positionals, &pattern, start, &conflicts)?;
        self.extras
            .extend(args[stop.min(args.len())..].iter().cloned());

        let mut required = Vec::new();
        let items = st.actions.borrow().clone();
        for a in items {
            if contains(&self.seen, &a) {
                continue;
            }
            if *a.required.borrow() {
                required.push(a.name(it)?.unwrap_or_else(|| "None".into()));
                continue;
            }
            let default = a.default.borrow().clone();
            if let (Value::Str(d), Some(dest)) = (default, a.dest_str()) {
                if has_attr(it, &self.ns, &dest)? {
                    let cur = it.get_attr(&self.ns, &dest)?;
                    if crate::eval::ops::same(&cur, &Value::Str(d.clone())) {
                        let v = self.get_value(it, &a, &d)?;
                        it.set_attr(&self.ns, &dest, v)?;
                    }
                }
            }
        }
        if !required.is_empty() {
            return Err(error(
                it,
                st,
                &format!(
                    "the following arguments are required: {}",
                    required.join(", ")
                ),
            ));
        }
        let items = st.mutex_groups.borrow().clone();
        for g in items {
            if !g.required.get() {
                continue;
            }
            let ga = g.actions.borrow().clone();
            if ga.iter().any(|a| contains(&self.seen_non_default, a)) {
                continue;
            }
            let mut names = Vec::new();
            for a in ga.iter().filter(|a| !a.help_suppressed()) {
                names.push(a.name(it)?.unwrap_or_else(|| "None".into()));
            }
            return Err(error(
                it,
                st,
                &format!("one of the arguments {} is required", names.join(" ")),
            ));
        }
        Ok(self.extras)
    }

    fn consume_positionals(
        &mut self,
        it: &mut Interp,
        positionals: &mut Vec<ActionRef>,
        pattern: &str,
        start: usize,
        conflicts: &[(ActionRef, Vec<ActionRef>)],
    ) -> R<usize> {
        let selected = &pattern[start.min(pattern.len())..];
        let mut counts = Vec::new();
        for i in (1..=positionals.len()).rev() {
            let p: String = positionals[..i].iter().map(nargs_pattern).collect();
            if let Some(c) = regex_match(&p, selected) {
                counts = c;
                break;
            }
        }
        let mut at = start;
        let taken: Vec<ActionRef> = positionals.iter().take(counts.len()).cloned().collect();
        for (a, n) in taken.iter().zip(&counts) {
            let strings = self.args[at..at + n].to_vec();
            at += n;
            self.take_action(it, a, strings, None, conflicts)?;
        }
        positionals.drain(..counts.len());
        Ok(at)
    }

    fn consume_optional(
        &mut self,
        it: &mut Interp,
        option_at: &[(usize, OptionTuple)],
        pattern: &str,
        start: usize,
        conflicts: &[(ActionRef, Vec<ActionRef>)],
    ) -> R<usize> {
        let Some((_, (action, mut option, mut explicit))) =
            option_at.iter().find(|(i, _)| *i == start).cloned()
        else {
            return Ok(start + 1);
        };
        let Some(mut action) = action else {
            self.extras.push(self.args[start].clone());
            return Ok(start + 1);
        };
        let chars = self.st.prefix_chars.clone();
        let mut todo: Vec<(ActionRef, Vec<String>, String)> = Vec::new();
        let stop;
        loop {
            match explicit.clone() {
                Some(arg) => {
                    let count = match_argument(it, &action, "A")?;
                    let second = option.chars().nth(1);
                    if count == 0 && second.is_some_and(|c| !chars.contains(c)) && !arg.is_empty() {
                        todo.push((action.clone(), vec![], option.clone()));
                        let c0 = option.chars().next().unwrap_or('-');
                        let mut rest = arg.chars();
                        let c1 = rest.next().unwrap_or_default();
                        option = format!("{}{}", c0, c1);
                        let rest: String = rest.collect();
                        match self.st.option(&option) {
                            Some(a) => {
                                action = a;
                                explicit = if rest.is_empty() { None } else { Some(rest) };
                            }
                            None => {
                                let msg =
                                    format!("ignored explicit argument {}", py_repr(it, &arg)?);
                                return Err(argument_error(it, &action, &msg)?);
                            }
                        }
                    } else if count == 1 {
                        stop = start + 1;
                        todo.push((action.clone(), vec![arg], option.clone()));
                        break;
                    } else {
                        let msg = format!("ignored explicit argument {}", py_repr(it, &arg)?);
                        return Err(argument_error(it, &action, &msg)?);
                    }
                }
                None => {
                    let from = start + 1;
                    let count = match_argument(it, &action, &pattern[from.min(pattern.len())..])?;
                    stop = from + count;
                    todo.push((
                        action.clone(),
                        self.args[from..stop].to_vec(),
                        option.clone(),
                    ));
                    break;
                }
            }
        }
        for (a, strings, o) in todo {
            self.take_action(it, &a, strings, Some(o), conflicts)?;
        }
        Ok(stop)
    }

    fn take_action(
        &mut self,
        it: &mut Interp,
        a: &ActionRef,
        strings: Vec<String>,
        option: Option<String>,
        conflicts: &[(ActionRef, Vec<ActionRef>)],
    ) -> R<()> {
        self.seen.push(a.clone());
        let values = self.get_values(it, a, strings)?;
        let default = a.default.borrow().clone();
        if !crate::eval::ops::same(&values, &default) {
            self.seen_non_default.push(a.clone());
            if let Some((_, cs)) = conflicts.iter().find(|(x, _)| Rc::ptr_eq(x, a)) {
                for c in cs {
                    if contains(&self.seen_non_default, c) {
                        let name = c.name(it)?.unwrap_or_else(|| "None".into());
                        return Err(argument_error(
                            it,
                            a,
                            &format!("not allowed with argument {}", name),
                        )?);
                    }
                }
            }
        }
        if !is_suppress(&values) {
            self.call_action(it, a, values, option)?;
        }
        Ok(())
    }

    /// What an action does with its values.
    fn call_action(
        &mut self,
        it: &mut Interp,
        a: &ActionRef,
        values: Value,
        option: Option<String>,
    ) -> R<()> {
        let ns = self.ns.clone();
        let dest = a.dest.borrow().clone();
        let dest = it.str_of(&dest)?;
        let current = |it: &mut Interp| -> R<Value> {
            if has_attr(it, &ns, &dest)? {
                it.get_attr(&ns, &dest)
            } else {
                Ok(Value::None)
            }
        };
        match a.kind {
            Kind::Store => it.set_attr(&ns, &dest, values),
            Kind::StoreConst | Kind::StoreTrue | Kind::StoreFalse => {
                let c = a.const_.borrow().clone();
                it.set_attr(&ns, &dest, c)
            }
            Kind::Append | Kind::AppendConst | Kind::Extend => {
                let items = match current(it)? {
                    Value::None => Value::list(vec![]),
                    Value::List(l) => Value::list(l.borrow().clone()),
                    other => other,
                };
                let (method, v) = match a.kind {
                    Kind::Append => ("append", values),
                    Kind::Extend => ("extend", values),
                    _ => ("append", a.const_.borrow().clone()),
                };
                let m = it.get_attr(&items, method)?;
                it.call(&m, Args::new(vec![v]))?;
                it.set_attr(&ns, &dest, items)
            }
            Kind::Count => {
                let c = match current(it)? {
                    Value::None => Value::Int(0),
                    v => v,
                };
                let n = it.binary(BinOp::Add, &c, &Value::Int(1))?;
                it.set_attr(&ns, &dest, n)
            }
            Kind::Help => {
                let h = Formatter::help(it, self.st)?;
                write_stream(it, false, &h)?;
                Err(exit(Value::Int(0)))
            }
            Kind::Version => {
                let v = a.version.borrow().clone();
                let text = Formatter::version_text(it, self.st, &v)?;
                write_stream(it, false, &text)?;
                Err(exit(Value::Int(0)))
            }
            Kind::BooleanOptional => {
                let o = option.unwrap_or_default();
                if a.option_strings.borrow().contains(&o) {
                    it.set_attr(&ns, &dest, Value::Bool(!o.starts_with("--no-")))?;
                }
                Ok(())
            }
        }
    }

    /// `_get_values`: the strings converted (and checked) as the action stores them.
    fn get_values(&mut self, it: &mut Interp, a: &ActionRef, mut strings: Vec<String>) -> R<Value> {
        let nargs = a.nargs.borrow().clone();
        if !matches!(nargs, Nargs::Parser | Nargs::Remainder) {
            if let Some(i) = strings.iter().position(|s| s == "--") {
                strings.remove(i);
            }
        }
        if strings.is_empty() && nargs == Nargs::Optional {
            let mut v = if a.is_optional() {
                a.const_.borrow().clone()
            } else {
                a.default.borrow().clone()
            };
            if let Value::Str(s) = &v {
                v = self.get_value(it, a, &s.clone())?;
                self.check_value(it, a, &v)?;
            }
            return Ok(v);
        }
        if strings.is_empty() && nargs == Nargs::ZeroOrMore && !a.is_optional() {
            let d = a.default.borrow().clone();
            let v = if matches!(d, Value::None) {
                Value::list(vec![])
            } else {
                d
            };
            self.check_value(it, a, &v)?;
            return Ok(v);
        }
        if strings.len() == 1 && matches!(nargs, Nargs::Single | Nargs::Optional) {
            let v = self.get_value(it, a, &strings[0])?;
            self.check_value(it, a, &v)?;
            return Ok(v);
        }
        match nargs {
            Nargs::Remainder => {
                let mut out = Vec::new();
                for s in &strings {
                    out.push(self.get_value(it, a, s)?);
                }
                Ok(Value::list(out))
            }
            Nargs::Parser => {
                let mut out = Vec::new();
                for s in &strings {
                    out.push(self.get_value(it, a, s)?);
                }
                if let Some(first) = out.first() {
                    self.check_value(it, a, first)?;
                }
                Ok(Value::list(out))
            }
            Nargs::Suppress => Ok(Value::str(super::action::SUPPRESS)),
            _ => {
                let mut out = Vec::new();
                for s in &strings {
                    out.push(self.get_value(it, a, s)?);
                }
                for v in &out {
                    self.check_value(it, a, v)?;
                }
                Ok(Value::list(out))
            }
        }
    }

    /// `_get_value`: one string through `type=`.
    fn get_value(&mut self, it: &mut Interp, a: &ActionRef, s: &str) -> R<Value> {
        let t = a.type_.borrow().clone();
        if matches!(t, Value::None) {
            return Ok(Value::str(s));
        }
        match it.call(&t, Args::new(vec![Value::str(s)])) {
            Ok(v) => Ok(v),
            Err(f) => {
                if let Some(msg) = as_type_error(it, &f) {
                    return Err(argument_error(it, a, &msg)?);
                }
                let conv = matches!(&f, Flow::Error(e)
                    if e.kind.is_subclass_of(ExcKind::TypeError) || e.kind.is_subclass_of(ExcKind::ValueError));
                if !conv {
                    return Err(f);
                }
                let name = match it.get_attr(&t, "__name__") {
                    Ok(n) => it.str_of(&n)?,
                    Err(_) => it.repr(&t)?,
                };
                let msg = format!("invalid {} value: {}", name, py_repr(it, s)?);
                Err(argument_error(it, a, &msg)?)
            }
        }
    }

    /// `_check_value`: the value must be one of `choices`.
    fn check_value(&mut self, it: &mut Interp, a: &ActionRef, v: &Value) -> R<()> {
        let choices = a.choices.borrow().clone();
        if matches!(choices, Value::None) || it.contains(&choices, v)? {
            return Ok(());
        }
        let items = it.collect_items(&choices)?;
        let mut reprs = Vec::new();
        for c in items {
            reprs.push(it.repr(&c)?);
        }
        let vr = it.repr(v)?;
        Err(argument_error(
            it,
            a,
            &format!("invalid choice: {} (choose from {})", vr, reprs.join(", ")),
        )?)
    }
}

/// `_match_argument`: how many strings an option takes, or its nargs error.
fn match_argument(it: &mut Interp, a: &ActionRef, pattern: &str) -> R<usize> {
    if let Some(c) = regex_match(&nargs_pattern(a), pattern) {
        return Ok(c.first().copied().unwrap_or(0));
    }
    let msg = match &*a.nargs.borrow() {
        Nargs::Single => "expected one argument".to_string(),
        Nargs::Optional => "expected at most one argument".into(),
        Nargs::OneOrMore => "expected at least one argument".into(),
        Nargs::N(n) => format!("expected {} argument{}", n, if *n == 1 { "" } else { "s" }),
        _ => "expected None argument".into(),
    };
    Err(argument_error(it, a, &msg)?)
}

/// A str's Python repr.
fn py_repr(it: &mut Interp, s: &str) -> R<String> {
    it.repr(&Value::str(s))
}
