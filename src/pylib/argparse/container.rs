//! What an `ArgumentParser` holds: its actions, the option strings that name them, its
//! argument groups and mutually exclusive groups, its defaults; and `add_argument`,
//! which turns a call's arguments into an action and files it with CPython's checks.

use super::action::{build, ActionRef, Kind, Spec};
use super::errors::argument_error;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The help layout a `formatter_class` names.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Fmt {
    Help,
    RawDescription,
    RawText,
    ArgumentDefaults,
    MetavarType,
}

impl Fmt {
    pub(crate) const ALL: [(&'static str, Fmt); 5] = [
        ("HelpFormatter", Fmt::Help),
        ("RawDescriptionHelpFormatter", Fmt::RawDescription),
        ("RawTextHelpFormatter", Fmt::RawText),
        ("ArgumentDefaultsHelpFormatter", Fmt::ArgumentDefaults),
        ("MetavarTypeHelpFormatter", Fmt::MetavarType),
    ];
}

/// An argument group (`add_argument_group`) or a mutually exclusive group.
pub(crate) struct Group {
    pub title: RefCell<Value>,
    pub description: RefCell<Value>,
    /// Mutually exclusive groups: whether one of them must be given.
    pub required: Cell<bool>,
    pub mutex: bool,
    pub actions: RefCell<Vec<ActionRef>>,
    /// For a mutually exclusive group made inside an argument group: that group.
    pub container: Option<Rc<Group>>,
}

impl Group {
    pub(crate) fn new(title: Value, description: Value, mutex: bool) -> Rc<Group> {
        Rc::new(Group {
            title: RefCell::new(title),
            description: RefCell::new(description),
            required: Cell::new(false),
            mutex,
            actions: RefCell::new(Vec::new()),
            container: None,
        })
    }
}

/// The parser's state, shared with its groups.
pub(crate) struct State {
    pub prog: RefCell<Value>,
    pub usage: RefCell<Value>,
    pub description: RefCell<Value>,
    pub epilog: RefCell<Value>,
    pub fmt: Cell<Fmt>,
    pub formatter_class: RefCell<Value>,
    pub prefix_chars: String,
    pub argument_default: Value,
    pub conflict_handler: String,
    pub add_help: bool,
    pub allow_abbrev: bool,
    pub exit_on_error: Cell<bool>,
    pub fromfile_prefix_chars: Value,
    pub actions: RefCell<Vec<ActionRef>>,
    /// Option string → action, in the order they were added.
    pub options: RefCell<Vec<(String, ActionRef)>>,
    /// `_action_groups`: positionals, options, then the user's groups.
    pub groups: RefCell<Vec<Rc<Group>>>,
    pub mutex_groups: RefCell<Vec<Rc<Group>>>,
    pub defaults: RefCell<Vec<(String, Value)>>,
    pub negative_number_options: Cell<bool>,
}

/// Whether `s` looks like a negative number (`^-\d+$|^-\d*\.\d+$`).
pub(crate) fn looks_negative(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else {
        return false;
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !rest.is_empty() && digits(rest) {
        return true;
    }
    match rest.split_once('.') {
        Some((a, b)) => digits(a) && !b.is_empty() && digits(b),
        None => false,
    }
}

impl State {
    pub(crate) fn option(&self, s: &str) -> Option<ActionRef> {
        self.options
            .borrow()
            .iter()
            .find(|(k, _)| k == s)
            .map(|(_, a)| a.clone())
    }

    pub(crate) fn default_of(&self, dest: &str) -> Option<Value> {
        self.defaults
            .borrow()
            .iter()
            .find(|(k, _)| k == dest)
            .map(|(_, v)| v.clone())
    }

    pub(crate) fn positionals(&self) -> Vec<ActionRef> {
        self.actions
            .borrow()
            .iter()
            .filter(|a| !a.is_optional())
            .cloned()
            .collect()
    }

    /// `_add_action` of the container: conflicts checked, the action filed by its
    /// option strings.
    fn register(&self, it: &mut Interp, action: &ActionRef) -> R<()> {
        let opts = action.option_strings.borrow().clone();
        let conflicts: Vec<(String, ActionRef)> = opts
            .iter()
            .filter_map(|o| self.option(o).map(|a| (o.clone(), a)))
            .collect();
        if !conflicts.is_empty() {
            if self.conflict_handler == "resolve" {
                for (o, old) in conflicts {
                    old.option_strings.borrow_mut().retain(|s| *s != o);
                    self.options.borrow_mut().retain(|(k, _)| *k != o);
                    if old.option_strings.borrow().is_empty() {
                        self.remove(&old);
                    }
                }
            } else {
                let names: Vec<String> = conflicts.into_iter().map(|(o, _)| o).collect();
                let word = if names.len() == 1 {
                    "string"
                } else {
                    "strings"
                };
                return Err(argument_error(
                    it,
                    action,
                    &format!("conflicting option {}: {}", word, names.join(", ")),
                )?);
            }
        }
        self.actions.borrow_mut().push(action.clone());
        for o in &opts {
            self.options.borrow_mut().push((o.clone(), action.clone()));
            if looks_negative(o) {
                self.negative_number_options.set(true);
            }
        }
        Ok(())
    }

    fn remove(&self, action: &ActionRef) {
        self.actions.borrow_mut().retain(|a| !Rc::ptr_eq(a, action));
        for g in self
            .groups
            .borrow()
            .iter()
            .chain(self.mutex_groups.borrow().iter())
        {
            g.actions.borrow_mut().retain(|a| !Rc::ptr_eq(a, action));
        }
    }

    /// Files an action added on the parser itself: positionals and options go to their
    /// groups.
    pub(crate) fn add_to_parser(&self, it: &mut Interp, action: &ActionRef) -> R<()> {
        let g = self.groups.borrow()[if action.is_optional() { 1 } else { 0 }].clone();
        self.add_to_group(it, &g, action)
    }

    /// Files an action in group `g` (and the parser).
    pub(crate) fn add_to_group(&self, it: &mut Interp, g: &Rc<Group>, action: &ActionRef) -> R<()> {
        if g.mutex {
            if *action.required.borrow() {
                return raise(
                    ExcKind::ValueError,
                    "mutually exclusive arguments must be optional",
                );
            }
            match &g.container {
                Some(c) => self.add_to_group(it, c, action)?,
                None => self.add_to_parser(it, action)?,
            }
        } else {
            self.register(it, action)?;
        }
        g.actions.borrow_mut().push(action.clone());
        Ok(())
    }

    /// `add_argument(*name_or_flags, **kwargs)` on the parser (`group` None) or a group.
    pub(crate) fn add_argument(
        &self,
        it: &mut Interp,
        group: Option<&Rc<Group>>,
        args: Args,
    ) -> R<Value> {
        let mut names = Vec::new();
        for a in &args.pos {
            match a {
                Value::Str(s) => names.push(s.to_string()),
                other => {
                    return Err(type_err(format!(
                        "'{}' object is not subscriptable",
                        other.type_name()
                    )))
                }
            }
        }
        let mut kw = args.kw.clone();
        let chars = self.prefix_chars.clone();
        let first_char = |s: &str| -> R<char> {
            s.chars().next().ok_or_else(|| {
                crate::eval::error::err(ExcKind::IndexError, "string index out of range")
            })
        };
        let positional =
            names.is_empty() || (names.len() == 1 && !chars.contains(first_char(&names[0])?));
        let mut spec = if positional {
            let has = |kw: &[(String, Value)], k: &str| kw.iter().any(|(n, _)| n == k);
            if !names.is_empty() && has(&kw, "dest") {
                return raise(
                    ExcKind::ValueError,
                    "dest supplied twice for positional argument",
                );
            }
            let dest = match names.first() {
                Some(n) => Value::str(n),
                None => match kw.iter().position(|(k, _)| k == "dest") {
                    Some(i) => kw.remove(i).1,
                    None => {
                        return Err(type_err(
                            "_ActionsContainer._get_positional_kwargs() missing 1 required positional argument: 'dest'",
                        ))
                    }
                },
            };
            if has(&kw, "required") {
                return Err(type_err(
                    "'required' is an invalid argument for positionals",
                ));
            }
            let nargs = kw
                .iter()
                .find(|(k, _)| k == "nargs")
                .map(|(_, v)| v.clone());
            let nargs_is = |s: &str| matches!(&nargs, Some(Value::Str(n)) if n.as_ref() == s);
            if !nargs_is("?") && !nargs_is("*") || (nargs_is("*") && !has(&kw, "default")) {
                kw.push(("required".into(), Value::Bool(true)));
            }
            Spec {
                option_strings: Vec::new(),
                dest,
                kw,
            }
        } else {
            let mut long = Vec::new();
            for o in &names {
                let c = first_char(o)?;
                if !chars.contains(c) {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "invalid option string '{}': must start with a character '{}'",
                            o, chars
                        ),
                    );
                }
                if o.chars().nth(1).is_some_and(|c| chars.contains(c)) {
                    long.push(o.clone());
                }
            }
            let dest = match kw.iter().position(|(k, _)| k == "dest") {
                Some(i) if !matches!(kw[i].1, Value::None) => kw.remove(i).1,
                found => {
                    if let Some(i) = found {
                        kw.remove(i);
                    }
                    let from = long.first().unwrap_or(&names[0]);
                    let d = from.trim_start_matches(|c| chars.contains(c));
                    if d.is_empty() {
                        return raise(
                            ExcKind::ValueError,
                            format!(
                                "dest= is required for options like '{}'",
                                names[names.len() - 1]
                            ),
                        );
                    }
                    Value::str(&d.replace('-', "_"))
                }
            };
            Spec {
                option_strings: names,
                dest,
                kw,
            }
        };
        if !spec.kw.iter().any(|(k, _)| k == "default") {
            let dest = match &spec.dest {
                Value::Str(s) => s.to_string(),
                _ => String::new(),
            };
            if let Some(d) = self.default_of(&dest) {
                spec.kw.push(("default".into(), d));
            } else if !matches!(self.argument_default, Value::None) {
                spec.kw
                    .push(("default".into(), self.argument_default.clone()));
            }
        }
        let kind = match spec.kw.iter().position(|(k, _)| k == "action") {
            None => Kind::Store,
            Some(i) => {
                let a = spec.kw.remove(i).1;
                match &a {
                    Value::None => Kind::Store,
                    Value::Str(s) => match Kind::named(s) {
                        Some(k) => k,
                        None => {
                            return raise(ExcKind::ValueError, format!("unknown action \"{}\"", s))
                        }
                    },
                    v if super::is_boolean_optional(v) => Kind::BooleanOptional,
                    other => {
                        let r = it.str_of(other)?;
                        return raise(ExcKind::ValueError, format!("unknown action \"{}\"", r));
                    }
                }
            }
        };
        let action = Rc::new(build(kind, spec)?);
        let t = action.type_.borrow().clone();
        if !matches!(t, Value::None) && !it.is_callable(&t) {
            let r = it.repr(&t)?;
            return raise(ExcKind::ValueError, format!("{} is not callable", r));
        }
        if super::format::check_metavar(&action).is_err() {
            return raise(
                ExcKind::ValueError,
                "length of metavar tuple does not match nargs",
            );
        }
        match group {
            Some(g) => self.add_to_group(it, g, &action)?,
            None => self.add_to_parser(it, &action)?,
        }
        Ok(Value::Object(action))
    }

    /// `set_defaults(**kwargs)`.
    pub(crate) fn set_defaults(&self, kw: &[(String, Value)]) {
        for (k, v) in kw {
            let mut d = self.defaults.borrow_mut();
            match d.iter_mut().find(|(n, _)| n == k) {
                Some(slot) => slot.1 = v.clone(),
                None => d.push((k.clone(), v.clone())),
            }
        }
        for a in self.actions.borrow().iter() {
            if let Some(dest) = a.dest_str() {
                if let Some((_, v)) = kw.iter().find(|(k, _)| *k == dest) {
                    *a.default.borrow_mut() = v.clone();
                }
            }
        }
    }

    /// `get_default(dest)`.
    pub(crate) fn get_default(&self, dest: &str) -> Value {
        for a in self.actions.borrow().iter() {
            let d = a.dest.borrow().clone();
            if matches!(&d, Value::Str(s) if s.as_ref() == dest)
                && !matches!(*a.default.borrow(), Value::None)
            {
                return a.default.borrow().clone();
            }
        }
        self.default_of(dest).unwrap_or(Value::None)
    }
}
