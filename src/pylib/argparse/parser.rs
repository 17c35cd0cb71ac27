//! `argparse.ArgumentParser` and its argument groups as Python objects: construction with
//! CPython's defaults (`prog` from `sys.argv[0]`, the `-h/--help` option), and the
//! methods scripts call.

use super::action::SUPPRESS;
use super::container::{Fmt, Group, State};
use super::errors::{exit, write_stream, write_to};
use super::format::Formatter;
use super::parse::{error, parse_known};
use super::pyclass_name;
use super::Namespace;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// An `ArgumentParser`.
pub(crate) struct ParserObj {
    pub st: Rc<State>,
}

/// An argument group or mutually exclusive group, bound to its parser.
pub(crate) struct GroupObj {
    st: Rc<State>,
    g: Rc<Group>,
}

fn basename_argv0(it: &mut Interp) -> R<String> {
    let argv = match it.modules.get("sys") {
        Some(Value::Module(m)) => m.get("argv"),
        _ => None,
    };
    let first = match argv {
        Some(a) => it.collect_items(&a)?.into_iter().next(),
        None => None,
    };
    let s = match first {
        Some(v) => it.str_of(&v)?,
        None => return raise(ExcKind::IndexError, "list index out of range"),
    };
    Ok(s.rsplit('/').next().unwrap_or("").to_string())
}

fn flag(v: &Option<Value>, default: bool) -> bool {
    match v {
        None => default,
        Some(Value::Bool(b)) => *b,
        Some(Value::None) => false,
        Some(Value::Int(i)) => *i != 0,
        Some(_) => true,
    }
}

/// `ArgumentParser(prog=None, usage=None, description=None, epilog=None, parents=[],
/// formatter_class=HelpFormatter, prefix_chars='-', fromfile_prefix_chars=None,
/// argument_default=None, conflict_handler='error', add_help=True, allow_abbrev=True,
/// exit_on_error=True)`.
pub(crate) fn new_parser(it: &mut Interp, _cls: &Value, args: Args) -> R<Value> {
    let [prog, usage, description, epilog, parents, formatter_class, prefix_chars, fromfile, argument_default, conflict_handler, add_help, allow_abbrev, exit_on_error] =
        args.bind(
            "ArgumentParser",
            [
                "prog=None",
                "usage=None",
                "description=None",
                "epilog=None",
                "parents=[]",
                "formatter_class=None",
                "prefix_chars='-'",
                "fromfile_prefix_chars=None",
                "argument_default=None",
                "conflict_handler='error'",
                "add_help=True",
                "allow_abbrev=True",
                "exit_on_error=True",
            ],
        )?;
    let none = |v: Option<Value>| v.unwrap_or(Value::None);
    let prog = match none(prog) {
        Value::None => Value::str(&basename_argv0(it)?),
        p => p,
    };
    let formatter_class = match formatter_class {
        Some(v) if !matches!(v, Value::None) => v,
        _ => match it.modules.get("argparse") {
            Some(Value::Module(m)) => m.get("HelpFormatter").unwrap_or(Value::None),
            _ => Value::None,
        },
    };
    let fmt = Fmt::ALL
        .iter()
        .find(|(n, _)| pyclass_name(&formatter_class).as_deref() == Some(n))
        .map(|(_, f)| *f)
        .unwrap_or(Fmt::Help);
    let prefix_chars = match none(prefix_chars) {
        Value::None => "-".to_string(),
        v => it.str_of(&v)?,
    };
    let conflict_handler = match none(conflict_handler) {
        Value::None => "error".to_string(),
        v => it.str_of(&v)?,
    };
    if conflict_handler != "error" && conflict_handler != "resolve" {
        return raise(
            ExcKind::ValueError,
            format!("invalid conflict_resolution value: '{}'", conflict_handler),
        );
    }
    let add_help = flag(&add_help, true);
    let st = Rc::new(State {
        prog: RefCell::new(prog),
        usage: RefCell::new(none(usage)),
        description: RefCell::new(none(description)),
        epilog: RefCell::new(none(epilog)),
        fmt: Cell::new(fmt),
        formatter_class: RefCell::new(formatter_class),
        prefix_chars: prefix_chars.clone(),
        argument_default: none(argument_default),
        conflict_handler,
        add_help,
        allow_abbrev: flag(&allow_abbrev, true),
        exit_on_error: Cell::new(flag(&exit_on_error, true)),
        fromfile_prefix_chars: none(fromfile),
        actions: RefCell::new(Vec::new()),
        options: RefCell::new(Vec::new()),
        groups: RefCell::new(vec![
            Group::new(Value::str("positional arguments"), Value::None, false),
            Group::new(Value::str("options"), Value::None, false),
        ]),
        mutex_groups: RefCell::new(Vec::new()),
        defaults: RefCell::new(Vec::new()),
        negative_number_options: Cell::new(false),
    });
    if add_help {
        let p = if prefix_chars.contains('-') {
            '-'
        } else {
            prefix_chars.chars().next().unwrap_or('-')
        };
        let a = Args {
            pos: vec![
                Value::str(&format!("{}h", p)),
                Value::str(&format!("{}{}help", p, p)),
            ],
            kw: vec![
                ("action".into(), Value::str("help")),
                ("default".into(), Value::str(SUPPRESS)),
                ("help".into(), Value::str("show this help message and exit")),
            ],
        };
        st.add_argument(it, None, a)?;
    }
    if let Some(parents) = parents {
        for p in it.collect_items(&parents)? {
            let Some(parent) = p.as_object::<ParserObj>() else {
                return Err(type_err(format!(
                    "'{}' object has no attribute '_actions'",
                    p.type_name()
                )));
            };
            add_container_actions(it, &st, &parent.st)?;
            let defaults = parent.st.defaults.borrow().clone();
            st.set_defaults_only(&defaults);
        }
    }
    Ok(Value::Object(Rc::new(ParserObj { st })))
}

/// `_add_container_actions`: a parent's groups and actions, shared.
fn add_container_actions(it: &mut Interp, st: &State, parent: &State) -> R<()> {
    let mut map: Vec<(Rc<super::action::Action>, Rc<Group>)> = Vec::new();
    let parent_groups = parent.groups.borrow().clone();
    for pg in parent_groups.iter() {
        let title = pg.title.borrow().clone();
        let mut found = None;
        let own = st.groups.borrow().clone();
        for g in own.iter() {
            let t = g.title.borrow().clone();
            if it.equal(&t, &title)? {
                found = Some(g.clone());
            }
        }
        let g = match found {
            Some(g) => g,
            None => {
                let g = Group::new(title, pg.description.borrow().clone(), false);
                st.groups.borrow_mut().push(g.clone());
                g
            }
        };
        for a in pg.actions.borrow().iter() {
            map.push((a.clone(), g.clone()));
        }
    }
    for pm in parent.mutex_groups.borrow().iter() {
        let m = Group::new(Value::None, Value::None, true);
        m.required.set(pm.required.get());
        st.mutex_groups.borrow_mut().push(m.clone());
        for a in pm.actions.borrow().iter() {
            map.retain(|(x, _)| !Rc::ptr_eq(x, a));
            map.push((a.clone(), m.clone()));
        }
    }
    let items = parent.actions.borrow().clone();
    for a in items {
        match map.iter().find(|(x, _)| Rc::ptr_eq(x, &a)) {
            Some((_, g)) => {
                let g = g.clone();
                st.add_to_group(it, &g, &a)?
            }
            None => st.add_to_parser(it, &a)?,
        }
    }
    Ok(())
}

impl State {
    fn set_defaults_only(&self, kw: &[(String, Value)]) {
        let mut d = self.defaults.borrow_mut();
        for (k, v) in kw {
            match d.iter_mut().find(|(n, _)| n == k) {
                Some(slot) => slot.1 = v.clone(),
                None => d.push((k.clone(), v.clone())),
            }
        }
    }
}

/// The command line to parse: the list given, or `sys.argv[1:]`.
fn arg_strings(it: &mut Interp, args: Option<Value>) -> R<Vec<String>> {
    let v = match args {
        Some(v) if !matches!(v, Value::None) => v,
        _ => {
            let argv = match it.modules.get("sys") {
                Some(Value::Module(m)) => m.get("argv"),
                _ => None,
            };
            let items = match argv {
                Some(a) => it.collect_items(&a)?,
                None => vec![],
            };
            Value::list(items.into_iter().skip(1).collect())
        }
    };
    let mut out = Vec::new();
    for x in it.collect_items(&v)? {
        match x {
            Value::Str(s) => out.push(s.to_string()),
            other => {
                return Err(type_err(format!(
                    "'{}' object is not subscriptable",
                    other.type_name()
                )))
            }
        }
    }
    Ok(out)
}

fn namespace_arg(ns: Option<Value>) -> Value {
    match ns {
        Some(v) if !matches!(v, Value::None) => v,
        _ => Namespace::value(),
    }
}

const PARSER_METHODS: &[&str] = &[
    "add_argument",
    "add_argument_group",
    "add_mutually_exclusive_group",
    "set_defaults",
    "get_default",
    "parse_args",
    "parse_known_args",
    "format_help",
    "format_usage",
    "print_help",
    "print_usage",
    "error",
    "exit",
];

fn parser_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(p) = recv.as_object::<ParserObj>() else {
        return Err(type_err("descriptor requires an 'ArgumentParser' object"));
    };
    let st = p.st.clone();
    match name {
        "add_argument" => st.add_argument(it, None, args),
        "add_argument_group" | "add_mutually_exclusive_group" => {
            new_group(it, &st, None, name, args)
        }
        "set_defaults" => {
            if !args.pos.is_empty() {
                return Err(type_err(format!(
                    "_ActionsContainer.set_defaults() takes 1 positional argument but {} were given",
                    args.pos.len() + 1
                )));
            }
            st.set_defaults(&args.kw);
            Ok(Value::None)
        }
        "get_default" => {
            let [dest] = args.bind("get_default", ["dest"])?;
            let d = it.str_of(&dest.unwrap_or(Value::None))?;
            Ok(st.get_default(&d))
        }
        "parse_args" | "parse_known_args" => {
            let [a, ns] = args.bind(name, ["args=None", "namespace=None"])?;
            let strings = arg_strings(it, a)?;
            let ns = namespace_arg(ns);
            let (ns, extras) = parse_known(it, &st, strings, ns)?;
            if name == "parse_args" {
                if !extras.is_empty() {
                    return Err(error(
                        it,
                        &st,
                        &format!("unrecognized arguments: {}", extras.join(" ")),
                    ));
                }
                return Ok(ns);
            }
            let extras = extras.iter().map(|s| Value::str(s)).collect();
            Ok(Value::tuple(vec![ns, Value::list(extras)]))
        }
        "format_help" => {
            args.bind::<0>("format_help", [])?;
            Ok(Value::str(&Formatter::help(it, &st)?))
        }
        "format_usage" => {
            args.bind::<0>("format_usage", [])?;
            Ok(Value::str(&Formatter::usage(it, &st)?))
        }
        "print_help" | "print_usage" => {
            let [file] = args.bind(name, ["file=None"])?;
            let text = if name == "print_help" {
                Formatter::help(it, &st)?
            } else {
                Formatter::usage(it, &st)?
            };
            match file {
                Some(f) if !matches!(f, Value::None) => write_to(it, &f, &text)?,
                _ => write_stream(it, false, &text)?,
            }
            Ok(Value::None)
        }
        "error" => {
            let [msg] = args.bind("error", ["message"])?;
            let m = it.str_of(&msg.unwrap_or(Value::None))?;
            Err(error(it, &st, &m))
        }
        _ => {
            let [status, message] = args.bind("exit", ["status=0", "message=None"])?;
            if let Some(m) = message.filter(|m| !matches!(m, Value::None)) {
                if it.truthy(&m)? {
                    let text = it.str_of(&m)?;
                    write_stream(it, true, &text)?;
                }
            }
            Err(exit(status.unwrap_or(Value::Int(0))))
        }
    }
}

/// `add_argument_group(title=None, description=None)` or
/// `add_mutually_exclusive_group(required=False)`, on the parser or inside a group.
fn new_group(
    _it: &mut Interp,
    st: &Rc<State>,
    inside: Option<&Rc<Group>>,
    name: &str,
    args: Args,
) -> R<Value> {
    let g = if name == "add_argument_group" {
        let [title, description] = args.bind(name, ["title=None", "description=None"])?;
        let g = Group::new(
            title.unwrap_or(Value::None),
            description.unwrap_or(Value::None),
            false,
        );
        st.groups.borrow_mut().push(g.clone());
        g
    } else {
        let [required] = args.bind(name, ["required=False"])?;
        let g = Rc::new(Group {
            title: RefCell::new(Value::None),
            description: RefCell::new(Value::None),
            required: Cell::new(flag(&required, false)),
            mutex: true,
            actions: RefCell::new(Vec::new()),
            container: inside.cloned(),
        });
        st.mutex_groups.borrow_mut().push(g.clone());
        g
    };
    Ok(Value::Object(Rc::new(GroupObj { st: st.clone(), g })))
}

impl Object for ParserObj {
    fn type_name(&self) -> String {
        "ArgumentParser".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = super::super::pyclass::method(this, name, PARSER_METHODS, parser_method) {
            return Ok(Some(m));
        }
        let st = &self.st;
        Ok(Some(match name {
            "prog" => st.prog.borrow().clone(),
            "usage" => st.usage.borrow().clone(),
            "description" => st.description.borrow().clone(),
            "epilog" => st.epilog.borrow().clone(),
            "formatter_class" => st.formatter_class.borrow().clone(),
            "prefix_chars" => Value::str(&st.prefix_chars),
            "fromfile_prefix_chars" => st.fromfile_prefix_chars.clone(),
            "argument_default" => st.argument_default.clone(),
            "conflict_handler" => Value::str(&st.conflict_handler),
            "add_help" => Value::Bool(st.add_help),
            "allow_abbrev" => Value::Bool(st.allow_abbrev),
            "exit_on_error" => Value::Bool(st.exit_on_error.get()),
            _ => return Ok(None),
        }))
    }
    fn set_attr(&self, name: &str, value: Value, _it: &mut Interp) -> R<bool> {
        let st = &self.st;
        match name {
            "prog" => *st.prog.borrow_mut() = value,
            "usage" => *st.usage.borrow_mut() = value,
            "description" => *st.description.borrow_mut() = value,
            "epilog" => *st.epilog.borrow_mut() = value,
            "exit_on_error" => st.exit_on_error.set(matches!(value, Value::Bool(true))),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let st = &self.st;
        let fields = [
            ("prog", st.prog.borrow().clone()),
            ("usage", st.usage.borrow().clone()),
            ("description", st.description.borrow().clone()),
            ("formatter_class", st.formatter_class.borrow().clone()),
            ("conflict_handler", Value::str(&st.conflict_handler)),
            ("add_help", Value::Bool(st.add_help)),
        ];
        let mut parts = Vec::new();
        for (k, v) in fields {
            parts.push(format!("{}={}", k, it.repr(&v)?));
        }
        Ok(format!("ArgumentParser({})", parts.join(", ")))
    }
    fn attr_names(&self) -> Vec<String> {
        PARSER_METHODS
            .iter()
            .chain(&["prog", "usage", "description", "epilog", "formatter_class"])
            .map(|s| s.to_string())
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

const GROUP_METHODS: &[&str] = &[
    "add_argument",
    "add_argument_group",
    "add_mutually_exclusive_group",
    "set_defaults",
    "get_default",
];

fn group_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(g) = recv.as_object::<GroupObj>() else {
        return Err(type_err("descriptor requires an argument group"));
    };
    let (st, grp) = (g.st.clone(), g.g.clone());
    match name {
        "add_argument" => st.add_argument(it, Some(&grp), args),
        "add_argument_group" => new_group(it, &st, None, name, args),
        "add_mutually_exclusive_group" => new_group(it, &st, Some(&grp), name, args),
        "set_defaults" => {
            st.set_defaults(&args.kw);
            Ok(Value::None)
        }
        _ => {
            let [dest] = args.bind("get_default", ["dest"])?;
            let d = it.str_of(&dest.unwrap_or(Value::None))?;
            Ok(st.get_default(&d))
        }
    }
}

impl Object for GroupObj {
    fn type_name(&self) -> String {
        if self.g.mutex {
            "_MutuallyExclusiveGroup".into()
        } else {
            "_ArgumentGroup".into()
        }
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = super::super::pyclass::method(this, name, GROUP_METHODS, group_method) {
            return Ok(Some(m));
        }
        Ok(match name {
            "title" => Some(self.g.title.borrow().clone()),
            "description" => Some(self.g.description.borrow().clone()),
            "required" if self.g.mutex => Some(Value::Bool(self.g.required.get())),
            _ => None,
        })
    }
    fn set_attr(&self, name: &str, value: Value, _it: &mut Interp) -> R<bool> {
        match name {
            "title" => *self.g.title.borrow_mut() = value,
            "description" => *self.g.description.borrow_mut() = value,
            "required" => self.g.required.set(matches!(value, Value::Bool(true))),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<argparse.{} object at 0x{:x}>",
            self.type_name(),
            Rc::as_ptr(&self.g) as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
