//! The objects of `typing`: special forms (`Any`, `Union`, `Optional`, `Literal`...),
//! aliases of classes (`List`, `Dict`, `Iterable`...), their subscriptions
//! (`typing.List[int]`, builtin `list[int]`, a user generic `__main__.Stack[int]`),
//! type variables (`~T`), `NewType` and `NamedTuple`. Each prints as CPython 3.11 prints
//! it; two forms are equal when they print the same (a `Union` ignoring its order).

use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::{method, module, PyClass};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The special forms, by name.
pub(super) const SPECIAL: &[&str] = &[
    "Any",
    "Union",
    "Optional",
    "ClassVar",
    "Final",
    "Literal",
    "NoReturn",
    "Never",
    "Self",
    "Annotated",
    "TypeGuard",
    "LiteralString",
    "Required",
    "NotRequired",
    "Concatenate",
];

/// Aliases of classes: (name, origin, number of parameters; -1 any number, -2 Callable's).
pub(super) const ALIASES: &[(&str, &str, i8)] = &[
    ("List", "list", 1),
    ("Dict", "dict", 2),
    ("Set", "set", 1),
    ("FrozenSet", "frozenset", 1),
    ("Tuple", "tuple", -1),
    ("Type", "type", 1),
    ("DefaultDict", "collections.defaultdict", 2),
    ("OrderedDict", "collections.OrderedDict", 2),
    ("Counter", "collections.Counter", 1),
    ("Deque", "collections.deque", 1),
    ("ChainMap", "collections.ChainMap", 2),
    ("Callable", "abc.Callable", -2),
    ("Iterable", "abc.Iterable", 1),
    ("Iterator", "abc.Iterator", 1),
    ("Generator", "abc.Generator", 3),
    ("Sequence", "abc.Sequence", 1),
    ("MutableSequence", "abc.MutableSequence", 1),
    ("Mapping", "abc.Mapping", 2),
    ("MutableMapping", "abc.MutableMapping", 2),
    ("AbstractSet", "abc.Set", 1),
    ("MutableSet", "abc.MutableSet", 1),
    ("Collection", "abc.Collection", 1),
    ("Container", "abc.Container", 1),
    ("Reversible", "abc.Reversible", 1),
    ("KeysView", "abc.KeysView", 1),
    ("ValuesView", "abc.ValuesView", 1),
    ("ItemsView", "abc.ItemsView", 2),
    ("Awaitable", "abc.Awaitable", 1),
    ("Coroutine", "abc.Coroutine", 3),
    ("AsyncIterable", "abc.AsyncIterable", 1),
    ("AsyncIterator", "abc.AsyncIterator", 1),
    ("AsyncGenerator", "abc.AsyncGenerator", 2),
    ("ContextManager", "contextlib.AbstractContextManager", 1),
    ("Hashable", "abc.Hashable", 0),
    ("Sized", "abc.Sized", 0),
];

/// How a subscription prints its arguments.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Show {
    Plain,
    Union,
    Literal,
    Callable,
    /// A builtin type's alias (`list[int]`, a `types.GenericAlias`).
    Builtin,
}

pub(super) enum Kind {
    Special(&'static str),
    Alias {
        name: &'static str,
        origin: Value,
        params: i8,
    },
    /// A subscription: `head[args]`.
    Generic {
        head: String,
        origin: Value,
        args: Vec<Value>,
        show: Show,
    },
    TypeVar {
        name: String,
        variance: &'static str,
        constraints: Vec<Value>,
        bound: Value,
    },
    NewType {
        name: String,
        supertype: Value,
    },
    NamedTuple,
}

/// A `typing` object.
pub(super) struct Form {
    pub kind: Kind,
    /// What it compares and hashes as (its printed form); None: by identity.
    key: Option<String>,
}

impl Form {
    pub(super) fn value(kind: Kind) -> Value {
        let key = match &kind {
            Kind::Special(n) => Some(format!("typing.{}", n)),
            Kind::Alias { name, .. } => Some(format!("typing.{}", name)),
            _ => None,
        };
        Value::Object(Rc::new(Form { kind, key }))
    }

    /// A subscription, keyed by its printed form.
    fn generic(
        it: &mut Interp,
        head: String,
        origin: Value,
        args: Vec<Value>,
        show: Show,
    ) -> R<Value> {
        let f = Form {
            kind: Kind::Generic {
                head,
                origin,
                args,
                show,
            },
            key: None,
        };
        let mut key = f.repr_text(it)?;
        if let Kind::Generic {
            args,
            show: Show::Union,
            ..
        } = &f.kind
        {
            let mut parts = Vec::new();
            for a in args {
                parts.push(type_repr(it, a)?);
            }
            parts.sort();
            key = format!("typing.Union[{}]", parts.join(", "));
        }
        Ok(Value::Object(Rc::new(Form {
            kind: f.kind,
            key: Some(key),
        })))
    }

    /// `get_origin`.
    pub(super) fn origin(&self, it: &mut Interp) -> Value {
        match &self.kind {
            Kind::Generic {
                origin,
                show: Show::Union,
                ..
            } => {
                let _ = origin;
                module_attr(it, "Union")
            }
            Kind::Generic { origin, .. } => origin.clone(),
            _ => Value::None,
        }
    }

    /// `get_args`.
    pub(super) fn args_value(&self) -> Value {
        match &self.kind {
            Kind::Generic {
                args,
                show: Show::Callable,
                ..
            } if args.len() == 2 => Value::tuple(args.clone()),
            Kind::Generic { args, .. } => Value::tuple(args.clone()),
            _ => Value::tuple(vec![]),
        }
    }

    fn repr_text(&self, it: &mut Interp) -> R<String> {
        Ok(match &self.kind {
            Kind::Special(n) => format!("typing.{}", n),
            Kind::Alias { name, .. } => format!("typing.{}", name),
            Kind::TypeVar { name, variance, .. } => format!("{}{}", variance, name),
            Kind::NewType { name, .. } => format!("__main__.{}", name),
            Kind::NamedTuple => "<function NamedTuple>".into(),
            Kind::Generic {
                head, args, show, ..
            } => {
                if *show == Show::Union && args.len() == 2 {
                    let none = [is_none_type(it, &args[0]), is_none_type(it, &args[1])];
                    if none[0] != none[1] {
                        let other = if none[0] { &args[1] } else { &args[0] };
                        return Ok(format!("typing.Optional[{}]", type_repr(it, other)?));
                    }
                }
                if args.is_empty() {
                    return Ok(format!("{}[()]", head));
                }
                let mut parts = Vec::new();
                for a in args {
                    parts.push(match show {
                        Show::Literal => it.repr(a)?,
                        _ => type_repr(it, a)?,
                    });
                }
                format!("{}[{}]", head, parts.join(", "))
            }
        })
    }

    /// `form[index]`.
    fn subscript(&self, it: &mut Interp, this: &Value, index: &Value) -> R<Value> {
        let params = match index {
            Value::Tuple(t) => t.to_vec(),
            v => vec![v.clone()],
        };
        match &self.kind {
            Kind::Special("Union") => union(it, this, params),
            Kind::Special("Optional") => {
                if params.len() != 1 || matches!(index, Value::Tuple(_)) {
                    let shown = it.repr(&Value::tuple(params))?;
                    return raise(
                        ExcKind::TypeError,
                        format!("typing.Optional requires a single type. Got {}.", shown),
                    );
                }
                let union_form = module_attr(it, "Union");
                union(it, &union_form, vec![params[0].clone(), Value::None])
            }
            Kind::Special("Literal") => Form::generic(
                it,
                "typing.Literal".into(),
                this.clone(),
                params,
                Show::Literal,
            ),
            Kind::Special(n @ ("Any" | "NoReturn" | "Never" | "Self" | "LiteralString")) => raise(
                ExcKind::TypeError,
                format!("typing.{} is not subscriptable", n),
            ),
            Kind::Special(n @ ("ClassVar" | "Final")) => {
                if params.len() != 1 || matches!(index, Value::Tuple(_)) {
                    return raise(
                        ExcKind::TypeError,
                        format!("typing.{} accepts only single type.", n),
                    );
                }
                let args = params.iter().map(none_to_type(it)).collect();
                Form::generic(it, format!("typing.{}", n), this.clone(), args, Show::Plain)
            }
            Kind::Special(n) => {
                let args = params.iter().map(none_to_type(it)).collect();
                Form::generic(it, format!("typing.{}", n), this.clone(), args, Show::Plain)
            }
            Kind::Alias {
                name,
                origin,
                params: n,
            } => {
                let head = format!("typing.{}", name);
                match *n {
                    -1 => {
                        let args = match index {
                            Value::Tuple(t) if t.is_empty() => Vec::new(),
                            _ => params.iter().map(none_to_type(it)).collect(),
                        };
                        Form::generic(it, head, origin.clone(), args, Show::Plain)
                    }
                    -2 => {
                        let ok = params.len() == 2
                            && matches!(params[0], Value::List(_) | Value::Ellipsis);
                        if !ok {
                            return raise(
                                ExcKind::TypeError,
                                "Callable must be used as Callable[[arg, ...], result].",
                            );
                        }
                        let args = params.iter().map(none_to_type(it)).collect();
                        Form::generic(it, head, origin.clone(), args, Show::Callable)
                    }
                    0 => raise(
                        ExcKind::TypeError,
                        format!("{} is not a generic class", head),
                    ),
                    n => {
                        let n = n as usize;
                        if params.len() != n {
                            let which = if params.len() > n { "many" } else { "few" };
                            return raise(
                                ExcKind::TypeError,
                                format!(
                                    "Too {} arguments for {}; actual {}, expected {}",
                                    which,
                                    head,
                                    params.len(),
                                    n
                                ),
                            );
                        }
                        let args = params.iter().map(none_to_type(it)).collect();
                        Form::generic(it, head, origin.clone(), args, Show::Plain)
                    }
                }
            }
            _ => {
                let r = self.repr_text(it)?;
                raise(ExcKind::TypeError, format!("{} is not a generic class", r))
            }
        }
    }
}

/// The value `typing.NAME`.
fn module_attr(it: &mut Interp, name: &str) -> Value {
    module(it, "typing").get(name).unwrap_or(Value::None)
}

/// `type(None)`.
fn none_type(it: &mut Interp) -> Value {
    match it.builtins.get("type").cloned() {
        Some(t) => it
            .call(&t, Args::new(vec![Value::None]))
            .unwrap_or(Value::None),
        None => Value::None,
    }
}

fn is_none_type(it: &mut Interp, v: &Value) -> bool {
    type_repr(it, v).is_ok_and(|r| r == "NoneType")
}

/// Replaces None by `type(None)`, as a subscription does with its arguments.
fn none_to_type(it: &mut Interp) -> impl FnMut(&Value) -> Value + '_ {
    move |v| match v {
        Value::None => none_type(it),
        other => other.clone(),
    }
}

/// A type as `typing` prints it inside brackets: classes by their qualified name
/// (`int`, `__main__.Point`), `...`, lists of types, other forms as they print.
pub(super) fn type_repr(it: &mut Interp, v: &Value) -> R<String> {
    match v {
        Value::Ellipsis => return Ok("...".into()),
        Value::Tuple(t) if t.is_empty() => return Ok("()".into()),
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut parts = Vec::new();
            for x in &items {
                parts.push(type_repr(it, x)?);
            }
            return Ok(format!("[{}]", parts.join(", ")));
        }
        Value::Function(f) => return Ok(f.qualname.clone()),
        _ => {}
    }
    let r = it.repr(v)?;
    if let Some(inner) = r
        .strip_prefix("<class '")
        .and_then(|s| s.strip_suffix("'>"))
    {
        return Ok(inner.strip_prefix("builtins.").unwrap_or(inner).to_string());
    }
    Ok(r)
}

/// `Union[params]`: nested unions flattened, None as `NoneType`, repeats dropped; one
/// type left is that type.
fn union(it: &mut Interp, this: &Value, params: Vec<Value>) -> R<Value> {
    if params.is_empty() {
        return raise(ExcKind::TypeError, "Cannot take a Union of no types.");
    }
    let mut flat = Vec::new();
    for p in params {
        match p.as_object::<Form>().map(|f| &f.kind) {
            Some(Kind::Generic {
                args,
                show: Show::Union,
                ..
            }) => flat.extend(args.iter().cloned()),
            _ => flat.push(none_to_type(it)(&p)),
        }
    }
    let mut args: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for a in flat {
        let r = type_repr(it, &a)?;
        if !seen.contains(&r) {
            seen.push(r);
            args.push(a);
        }
    }
    if args.len() == 1 {
        return Ok(args.remove(0));
    }
    Form::generic(it, "typing.Union".into(), this.clone(), args, Show::Union)
}

impl Object for Form {
    fn type_name(&self) -> String {
        match &self.kind {
            Kind::Special(_) => "_SpecialForm",
            Kind::Alias { .. } => "_GenericAlias",
            Kind::Generic {
                show: Show::Builtin,
                ..
            } => "GenericAlias",
            Kind::Generic {
                show: Show::Union, ..
            } => "_UnionGenericAlias",
            Kind::Generic { .. } => "_GenericAlias",
            Kind::TypeVar { .. } => "TypeVar",
            Kind::NewType { .. } => "NewType",
            Kind::NamedTuple => "function",
        }
        .into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        let own = match (&self.kind, name) {
            (Kind::TypeVar { name: n, .. }, "__name__") => Some(Value::str(n)),
            (Kind::TypeVar { bound, .. }, "__bound__") => Some(bound.clone()),
            (Kind::TypeVar { constraints, .. }, "__constraints__") => {
                Some(Value::tuple(constraints.clone()))
            }
            (Kind::NewType { name: n, .. }, "__name__") => Some(Value::str(n)),
            (Kind::NewType { supertype, .. }, "__supertype__") => Some(supertype.clone()),
            (Kind::Generic { origin, .. }, "__origin__") => Some(origin.clone()),
            (Kind::Generic { args, .. }, "__args__") => Some(Value::tuple(args.clone())),
            (Kind::Alias { origin, .. }, "__origin__") => Some(origin.clone()),
            (Kind::Alias { name: n, .. }, "_name" | "__name__") => Some(Value::str(n)),
            (Kind::Special(n), "_name") => Some(Value::str(n)),
            (Kind::NamedTuple, "__name__") => Some(Value::str("NamedTuple")),
            _ => None,
        };
        if own.is_some() {
            return Ok(own);
        }
        let methods: &[&'static str] = match &self.kind {
            Kind::NamedTuple => &["__build_class__"],
            Kind::TypeVar { .. } | Kind::NewType { .. } => &[],
            Kind::Generic { .. } => &["__getitem__", "__mro_entries__"],
            _ => &["__getitem__"],
        };
        Ok(method(this, name, methods, form_method))
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        match &self.kind {
            Kind::Generic {
                origin,
                show: Show::Builtin | Show::Plain,
                ..
            } if !matches!(origin, Value::None | Value::Object(_)) => it.call(origin, args),
            Kind::NewType { .. } => match args.pos.as_slice() {
                [x] if args.kw.is_empty() => Ok(x.clone()),
                _ => Err(type_err("NewType takes exactly one argument")),
            },
            Kind::NamedTuple => named_tuple_call(it, args),
            _ => {
                let r = self.repr_text(it)?;
                Err(type_err(match &self.kind {
                    Kind::TypeVar { .. } => "'TypeVar' object is not callable".to_string(),
                    _ => format!("Cannot instantiate {}", r),
                }))
            }
        }
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        self.repr_text(it)
    }
    fn value_key(&self) -> Option<Value> {
        self.key.as_deref().map(Value::str)
    }
    fn instance_check(&self, x: &Value) -> Option<bool> {
        match &self.kind {
            Kind::Alias { origin, .. } => Some(is_instance_of(origin, x)),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn form_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(f) = this.as_object::<Form>() else {
        return Ok(Value::None);
    };
    match name {
        "__getitem__" => {
            let index = args.pos.first().cloned().unwrap_or(Value::None);
            f.subscript(it, this, &index)
        }
        "__mro_entries__" => Ok(Value::tuple(match &f.kind {
            Kind::Generic { origin, .. } => vec![origin.clone()],
            _ => vec![],
        })),
        "__build_class__" => {
            let [name, _bases, ns] = match args.pos.as_slice() {
                [a, b, c] => [a.clone(), b.clone(), c.clone()],
                _ => return Err(type_err("__build_class__ takes 3 arguments")),
            };
            named_tuple_class(it, &name, &ns)
        }
        _ => Ok(Value::None),
    }
}

/// Whether `x` is an instance of the class an alias stands for.
fn is_instance_of(origin: &Value, x: &Value) -> bool {
    if let Value::Object(o) = origin {
        if let Some(b) = o.instance_check(x) {
            return b;
        }
    }
    let name = match origin {
        Value::Builtin(b) => b.name.rsplit('.').next().unwrap_or("").to_string(),
        _ => return false,
    };
    match name.as_str() {
        "list" => matches!(x, Value::List(_)),
        "dict" => matches!(x, Value::Dict(_)),
        "tuple" => {
            matches!(x, Value::Tuple(_)) || matches!(x, Value::Object(o) if o.as_tuple().is_some())
        }
        "set" => matches!(x, Value::Set(_)),
        "type" => matches!(x, Value::Class(_) | Value::ExcClass(_) | Value::Builtin(_)),
        _ => false,
    }
}

/// `T[args]` for a class deriving `Generic` (and `Generic[T]` itself): a subscription
/// whose call makes an instance of the class.
pub(super) fn class_getitem(it: &mut Interp, args: Args) -> R<Value> {
    let (cls, index) = match args.pos.as_slice() {
        [c, i] => (c.clone(), i.clone()),
        _ => return Err(type_err("__class_getitem__ takes 2 arguments")),
    };
    let params = match &index {
        Value::Tuple(t) => t.to_vec(),
        v => vec![v.clone()],
    };
    let Value::Class(c) = &cls else {
        return Err(type_err("__class_getitem__ needs a class"));
    };
    let modname = match c.dict.borrow().get("__module__") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "__main__".into(),
    };
    if modname == "typing" {
        let all_vars = params.iter().all(|p| {
            p.as_object::<Form>()
                .is_some_and(|f| matches!(f.kind, Kind::TypeVar { .. }))
        });
        if !all_vars {
            return raise(
                ExcKind::TypeError,
                format!(
                    "Parameters to {}[...] must all be type variables or parameter specification variables.",
                    c.name
                ),
            );
        }
    }
    let args = params.iter().map(none_to_type(it)).collect();
    Form::generic(
        it,
        format!("{}.{}", modname, c.name),
        cls.clone(),
        args,
        Show::Plain,
    )
}

/// `list[int]`: builtin types subscript to generic aliases; other builtins are not
/// subscriptable.
pub(super) fn type_item(it: &mut Interp, obj: &Value, index: &Value) -> R<Value> {
    let name = match obj {
        Value::Builtin(b) => b.name.rsplit('.').next().unwrap_or("").to_string(),
        _ => String::new(),
    };
    if !matches!(
        name.as_str(),
        "list" | "dict" | "tuple" | "set" | "frozenset" | "type"
    ) {
        return (it.hooks.value_item)(it, obj, index);
    }
    let args = match index {
        Value::Tuple(t) => t.to_vec(),
        v => vec![v.clone()],
    };
    Form::generic(it, name, obj.clone(), args, Show::Builtin)
}

/// A type hint as `get_type_hints` gives it: None is `NoneType`.
pub(super) fn hint(it: &mut Interp, v: &Value) -> R<Value> {
    Ok(none_to_type(it)(v))
}

/// The class an alias stands for: a builtin type, a `collections` class, or a stand-in
/// for a `collections.abc` class.
pub(super) fn origin_value(it: &mut Interp, path: &str) -> Value {
    if let Some(name) = path.strip_prefix("collections.") {
        return module(it, "collections").get(name).unwrap_or(Value::None);
    }
    if let Some(name) = path.strip_prefix("abc.") {
        return abc_class(name);
    }
    if let Some(name) = path.strip_prefix("contextlib.") {
        return PyClass::value(abc_name(name), "contextlib", None, |_| false);
    }
    match it.builtins.get(path) {
        Some(v) => v.clone(),
        None => PyClass::value(abc_name(path), "builtins", None, |_| false),
    }
}

/// The static name of a class (names come from the alias table).
fn abc_name(name: &str) -> &'static str {
    ALIASES
        .iter()
        .find_map(|(_, o, _)| {
            let short = o.rsplit('.').next().unwrap_or(o);
            (short == name).then_some(short)
        })
        .unwrap_or("object")
}

fn iterable_like(x: &Value) -> bool {
    matches!(
        x,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Range(..)
            | Value::Iterator(_)
    ) || matches!(x, Value::Object(o) if o.items().is_some())
}

fn sequence_like(x: &Value) -> bool {
    matches!(
        x,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(..)
    ) || matches!(x, Value::Object(o) if o.as_tuple().is_some())
}

/// `collections.abc.NAME`, with an isinstance check by the kind of value.
fn abc_class(name: &str) -> Value {
    let check: fn(&Value) -> bool = match name {
        "Iterable" | "Collection" | "Container" | "Reversible" | "Sized" => iterable_like,
        "Iterator" | "Generator" => |x| matches!(x, Value::Iterator(_)),
        "Sequence" => sequence_like,
        "MutableSequence" => |x| matches!(x, Value::List(_)),
        "Mapping" | "MutableMapping" => |x| matches!(x, Value::Dict(_)),
        "Set" | "MutableSet" => |x| matches!(x, Value::Set(_)),
        "Callable" => |x| {
            matches!(
                x,
                Value::Function(_)
                    | Value::Builtin(_)
                    | Value::Bound(_)
                    | Value::Class(_)
                    | Value::ExcClass(_)
            )
        },
        "Hashable" => |x| !matches!(x, Value::List(_) | Value::Dict(_) | Value::Set(_)),
        _ => |_| false,
    };
    PyClass::value(abc_name(name), "collections.abc", None, check)
}

/// `NamedTuple('Name', [('field', type), ...])`.
fn named_tuple_call(it: &mut Interp, args: Args) -> R<Value> {
    let [name, fields] =
        crate::pylib::pyclass::bind(&args, "NamedTuple", ["typename", "fields=None"])?;
    let name = name.unwrap_or(Value::None);
    let mut ann = Dict::default();
    if let Some(fields) = fields {
        for pair in it.collect_items(&fields)? {
            let kv = it.collect_items(&pair)?;
            if let [k, v] = kv.as_slice() {
                ann.insert(k.clone(), v.clone())?;
            }
        }
    }
    let mut ns = Dict::default();
    ns.insert(
        Value::str("__annotations__"),
        Value::Dict(Rc::new(RefCell::new(ann))),
    )?;
    named_tuple_class(it, &name, &Value::Dict(Rc::new(RefCell::new(ns))))
}

/// The class a `class Name(NamedTuple):` body makes: a named tuple of the annotated
/// fields, the assigned ones its defaults, with the body's methods.
fn named_tuple_class(it: &mut Interp, name: &Value, ns: &Value) -> R<Value> {
    let Value::Dict(ns) = ns else {
        return Err(type_err("namespace must be a dict"));
    };
    let ns = ns.borrow().clone();
    let ann = match ns.get(&Value::str("__annotations__"))? {
        Some(Value::Dict(d)) => d.borrow().clone(),
        _ => Dict::default(),
    };
    let mut fields = Vec::new();
    let mut defaults = Vec::new();
    for k in &ann.keys {
        let field = it.str_of(k)?;
        match ns.get(k)? {
            Some(v) => defaults.push(v),
            None if !defaults.is_empty() => {
                let first = it.str_of(&ann.keys[fields.len() - defaults.len()])?;
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "Non-default namedtuple field {} cannot follow default field {}",
                        field, first
                    ),
                );
            }
            None => {}
        }
        fields.push(Value::str(&field));
    }
    let nt = module(it, "collections")
        .get("namedtuple")
        .unwrap_or(Value::None);
    let mut a = Args::new(vec![name.clone(), Value::list(fields)]);
    a.kw.push(("defaults".into(), Value::list(defaults)));
    let class = it.call(&nt, a)?;
    let mut extra = Vec::new();
    for (k, v) in ns.keys.iter().zip(&ns.values) {
        let Value::Str(k) = k else { continue };
        if ann.get(&Value::str(k))?.is_some()
            || k.as_ref() == "__module__"
            || k.as_ref() == "__qualname__"
        {
            continue;
        }
        extra.push((k.to_string(), v.clone()));
    }
    Ok(crate::pylib::collections::namedtuple_with(&class, extra))
}
