//! `argparse`'s actions: what one `add_argument` call made (`_StoreAction`,
//! `_StoreTrueAction`, ...), built from its keyword arguments with CPython's checks and
//! errors, shown with CPython's repr, its fields readable and settable as attributes.

use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// `argparse.SUPPRESS`.
pub(crate) const SUPPRESS: &str = "==SUPPRESS==";

/// Whether `v` is `argparse.SUPPRESS`.
pub(crate) fn is_suppress(v: &Value) -> bool {
    matches!(v, Value::Str(s) if s.as_ref() == SUPPRESS)
}

/// What an action does with its values.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Kind {
    Store,
    StoreConst,
    StoreTrue,
    StoreFalse,
    Append,
    AppendConst,
    Count,
    Help,
    Version,
    Extend,
    BooleanOptional,
}

impl Kind {
    /// The action registered under `action=name`.
    pub(crate) fn named(name: &str) -> Option<Kind> {
        Some(match name {
            "store" => Kind::Store,
            "store_const" => Kind::StoreConst,
            "store_true" => Kind::StoreTrue,
            "store_false" => Kind::StoreFalse,
            "append" => Kind::Append,
            "append_const" => Kind::AppendConst,
            "count" => Kind::Count,
            "help" => Kind::Help,
            "version" => Kind::Version,
            "extend" => Kind::Extend,
            _ => return None,
        })
    }

    pub(crate) fn class_name(self) -> &'static str {
        match self {
            Kind::Store => "_StoreAction",
            Kind::StoreConst => "_StoreConstAction",
            Kind::StoreTrue => "_StoreTrueAction",
            Kind::StoreFalse => "_StoreFalseAction",
            Kind::Append => "_AppendAction",
            Kind::AppendConst => "_AppendConstAction",
            Kind::Count => "_CountAction",
            Kind::Help => "_HelpAction",
            Kind::Version => "_VersionAction",
            Kind::Extend => "_ExtendAction",
            Kind::BooleanOptional => "BooleanOptionalAction",
        }
    }

    /// The keyword arguments the action's constructor takes (besides option strings
    /// and dest).
    fn params(self) -> &'static [&'static str] {
        const STORE: &[&str] = &[
            "nargs", "const", "default", "type", "choices", "required", "help", "metavar",
        ];
        match self {
            Kind::Store | Kind::Append | Kind::Extend => STORE,
            Kind::StoreConst | Kind::AppendConst => {
                &["const", "default", "required", "help", "metavar"]
            }
            Kind::StoreTrue | Kind::StoreFalse | Kind::Count => &["default", "required", "help"],
            Kind::Help => &["default", "help"],
            Kind::Version => &["version", "default", "help"],
            Kind::BooleanOptional => &["default", "type", "choices", "required", "help", "metavar"],
        }
    }
}

/// How many command-line strings an action consumes.
#[derive(Clone, PartialEq, Debug)]
pub(crate) enum Nargs {
    /// `nargs=None`: exactly one, stored as is.
    Single,
    Optional,
    ZeroOrMore,
    OneOrMore,
    Remainder,
    Parser,
    Suppress,
    /// An int: that many, stored as a list (0 for flags).
    N(usize),
}

impl Nargs {
    fn of(v: &Value) -> R<Nargs> {
        Ok(match v {
            Value::None => Nargs::Single,
            Value::Str(s) => match s.as_ref() {
                "?" => Nargs::Optional,
                "*" => Nargs::ZeroOrMore,
                "+" => Nargs::OneOrMore,
                "..." => Nargs::Remainder,
                "A..." => Nargs::Parser,
                SUPPRESS => Nargs::Suppress,
                _ => return raise(ExcKind::ValueError, "invalid nargs value"),
            },
            // Each value needs a place in the usage and the pattern: CPython runs out of
            // memory long before a count this large.
            Value::Int(n) if *n > MAX_NARGS => return raise(ExcKind::MemoryError, ""),
            Value::Int(n) => Nargs::N((*n).max(0) as usize),
            Value::Bool(b) => Nargs::N(*b as usize),
            _ => return raise(ExcKind::ValueError, "invalid nargs value"),
        })
    }
}

/// The largest `nargs` count accepted.
const MAX_NARGS: i64 = 1 << 20;

/// One argument the parser knows.
pub(crate) struct Action {
    pub kind: Kind,
    pub option_strings: RefCell<Vec<String>>,
    pub dest: RefCell<Value>,
    pub nargs: RefCell<Nargs>,
    /// `nargs` as given, for the repr and `%(nargs)s`.
    pub nargs_value: RefCell<Value>,
    pub const_: RefCell<Value>,
    pub default: RefCell<Value>,
    pub type_: RefCell<Value>,
    pub choices: RefCell<Value>,
    pub required: RefCell<bool>,
    pub help: RefCell<Value>,
    pub metavar: RefCell<Value>,
    pub version: RefCell<Value>,
}

pub(crate) type ActionRef = Rc<Action>;

impl Action {
    pub(crate) fn dest_str(&self) -> Option<String> {
        match &*self.dest.borrow() {
            Value::Str(s) if s.as_ref() != SUPPRESS => Some(s.to_string()),
            _ => None,
        }
    }

    pub(crate) fn help_suppressed(&self) -> bool {
        is_suppress(&self.help.borrow())
    }

    pub(crate) fn is_optional(&self) -> bool {
        !self.option_strings.borrow().is_empty()
    }

    /// How many values it takes, as the formatter and parser see it (0 for flags).
    pub(crate) fn takes_none(&self) -> bool {
        *self.nargs.borrow() == Nargs::N(0)
    }

    /// `_get_action_name`: how errors name the argument.
    pub(crate) fn name(&self, it: &mut Interp) -> R<Option<String>> {
        let opts = self.option_strings.borrow().clone();
        if !opts.is_empty() {
            return Ok(Some(opts.join("/")));
        }
        let metavar = self.metavar.borrow().clone();
        if !matches!(metavar, Value::None) && !is_suppress(&metavar) {
            return Ok(Some(it.str_of(&metavar)?));
        }
        if let Some(d) = self.dest_str() {
            return Ok(Some(d));
        }
        let choices = self.choices.borrow().clone();
        if !matches!(choices, Value::None) && it.truthy(&choices)? {
            let items = it.collect_items(&choices)?;
            let mut names = Vec::new();
            for c in items {
                names.push(it.str_of(&c)?);
            }
            return Ok(Some(format!("{{{}}}", names.join(","))));
        }
        Ok(None)
    }

    /// The fields in the order the repr shows them.
    fn fields(&self) -> Vec<(&'static str, Value)> {
        let opts = self
            .option_strings
            .borrow()
            .iter()
            .map(|s| Value::str(s))
            .collect();
        let f = vec![
            ("option_strings", Value::list(opts)),
            ("dest", self.dest.borrow().clone()),
            ("nargs", self.nargs_value.borrow().clone()),
            ("const", self.const_.borrow().clone()),
            ("default", self.default.borrow().clone()),
            ("type", self.type_.borrow().clone()),
            ("choices", self.choices.borrow().clone()),
            ("required", Value::Bool(*self.required.borrow())),
            ("help", self.help.borrow().clone()),
            ("metavar", self.metavar.borrow().clone()),
        ];
        f
    }

    /// The attributes `%(name)s` in help text may name (`vars(action)`).
    pub(crate) fn vars(&self) -> Vec<(&'static str, Value)> {
        let mut f = self.fields();
        if self.kind == Kind::Version {
            f.push(("version", self.version.borrow().clone()));
        }
        f
    }
}

/// The keyword arguments an `add_argument` call resolved to, ready to build an action.
pub(crate) struct Spec {
    pub option_strings: Vec<String>,
    pub dest: Value,
    pub kw: Vec<(String, Value)>,
}

impl Spec {
    fn take(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| k == name)?;
        Some(self.kw.remove(i).1)
    }
}

/// Builds the action `kind` from resolved keyword arguments, as its class's `__init__`
/// checks them.
pub(crate) fn build(kind: Kind, mut spec: Spec) -> R<Action> {
    let params = kind.params();
    if let Some((k, _)) = spec.kw.iter().find(|(k, _)| !params.contains(&k.as_str())) {
        return Err(type_err(format!(
            "{}.__init__() got an unexpected keyword argument '{}'",
            kind.class_name(),
            k
        )));
    }
    let get = |s: &mut Spec, name: &str, dflt: Value| s.take(name).unwrap_or(dflt);
    let mut nargs_v = get(&mut spec, "nargs", Value::None);
    let mut const_ = get(&mut spec, "const", Value::None);
    let default_dflt = match kind {
        Kind::StoreTrue => Value::Bool(false),
        Kind::StoreFalse => Value::Bool(true),
        Kind::Help | Kind::Version => Value::str(SUPPRESS),
        _ => Value::None,
    };
    let default = get(&mut spec, "default", default_dflt);
    let type_ = get(&mut spec, "type", Value::None);
    let choices = get(&mut spec, "choices", Value::None);
    let required = get(&mut spec, "required", Value::Bool(false));
    let help_dflt = match kind {
        Kind::Version => Value::str("show program's version number and exit"),
        _ => Value::None,
    };
    let help = get(&mut spec, "help", help_dflt);
    let metavar = get(&mut spec, "metavar", Value::None);
    let version = get(&mut spec, "version", Value::None);
    let mut option_strings = spec.option_strings;
    match kind {
        Kind::Store | Kind::Append | Kind::Extend => {
            if matches!(nargs_v, Value::Int(0)) {
                let msg = if kind == Kind::Store {
                    "nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate"
                } else {
                    "nargs for append actions must be != 0; if arg strings are not supplying the value to append, the append const action may be more appropriate"
                };
                return raise(ExcKind::ValueError, msg);
            }
            if !matches!(const_, Value::None)
                && !matches!(&nargs_v, Value::Str(s) if s.as_ref() == "?")
            {
                return raise(ExcKind::ValueError, "nargs must be '?' to supply const");
            }
        }
        Kind::StoreTrue => {
            const_ = Value::Bool(true);
            nargs_v = Value::Int(0);
        }
        Kind::StoreFalse => {
            const_ = Value::Bool(false);
            nargs_v = Value::Int(0);
        }
        Kind::BooleanOptional => {
            let mut all = Vec::new();
            for o in option_strings {
                let neg = o.strip_prefix("--").map(|rest| format!("--no-{}", rest));
                all.push(o);
                all.extend(neg);
            }
            option_strings = all;
            nargs_v = Value::Int(0);
        }
        _ => nargs_v = Value::Int(0),
    }
    let required = match required {
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::None => false,
        _ => true,
    };
    Ok(Action {
        kind,
        option_strings: RefCell::new(option_strings),
        dest: RefCell::new(spec.dest),
        nargs: RefCell::new(Nargs::of(&nargs_v)?),
        nargs_value: RefCell::new(nargs_v),
        const_: RefCell::new(const_),
        default: RefCell::new(default),
        type_: RefCell::new(type_),
        choices: RefCell::new(choices),
        required: RefCell::new(required),
        help: RefCell::new(help),
        metavar: RefCell::new(metavar),
        version: RefCell::new(version),
    })
}

impl Object for Action {
    fn type_name(&self) -> String {
        self.kind.class_name().into()
    }
    fn get_attr(&self, _this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(self
            .vars()
            .into_iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v))
    }
    fn set_attr(&self, name: &str, value: Value, _it: &mut Interp) -> R<bool> {
        match name {
            "default" => *self.default.borrow_mut() = value,
            "help" => *self.help.borrow_mut() = value,
            "metavar" => *self.metavar.borrow_mut() = value,
            "choices" => *self.choices.borrow_mut() = value,
            "type" => *self.type_.borrow_mut() = value,
            "const" => *self.const_.borrow_mut() = value,
            "dest" => *self.dest.borrow_mut() = value,
            "version" => *self.version.borrow_mut() = value,
            "required" => *self.required.borrow_mut() = matches!(value, Value::Bool(true)),
            "nargs" => {
                *self.nargs.borrow_mut() = Nargs::of(&value)?;
                *self.nargs_value.borrow_mut() = value;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for (k, v) in self.fields() {
            parts.push(format!("{}={}", k, it.repr(&v)?));
        }
        Ok(format!("{}({})", self.kind.class_name(), parts.join(", ")))
    }
    fn attr_names(&self) -> Vec<String> {
        self.fields().iter().map(|(k, _)| k.to_string()).collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
