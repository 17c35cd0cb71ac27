//! Python's `dataclasses` module: `@dataclass` (with `init`, `repr`, `eq`, `order`,
//! `frozen`, `unsafe_hash`), `field`, `fields`, `asdict`, `astuple`, `replace`,
//! `is_dataclass`, `FrozenInstanceError`, `MISSING`.
//!
//! As CPython's module does, the generated methods are Python source compiled in the
//! class's namespace, so their errors read exactly as CPython's.

use crate::errors::ExcKind;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::{Args, Class, Dict, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The `MISSING` sentinel.
pub struct Missing;

impl Object for Missing {
    fn type_name(&self) -> String {
        "_MISSING_TYPE".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok("<dataclasses._MISSING_TYPE object>".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn missing() -> Value {
    thread_local! {
        static M: Value = Value::Object(Rc::new(Missing));
    }
    M.with(|v| v.clone())
}

fn is_missing(v: &Value) -> bool {
    v.as_object::<Missing>().is_some()
}

/// One field: what `field(...)` returns and `fields()` lists.
pub struct Field {
    pub name: RefCell<String>,
    pub typ: RefCell<Value>,
    pub default: Value,
    pub default_factory: Value,
    pub init: bool,
    pub repr: bool,
    pub compare: bool,
    pub kw_only: bool,
}

impl Object for Field {
    fn type_name(&self) -> String {
        "Field".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(&self.name.borrow())),
            "type" => Some(self.typ.borrow().clone()),
            "default" => Some(self.default.clone()),
            "default_factory" => Some(self.default_factory.clone()),
            "init" => Some(Value::Bool(self.init)),
            "repr" => Some(Value::Bool(self.repr)),
            "compare" => Some(Value::Bool(self.compare)),
            "kw_only" => Some(Value::Bool(self.kw_only)),
            _ => None,
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let d = it.repr(&self.default)?;
        Ok(format!(
            "Field(name={:?},default={})",
            self.name.borrow(),
            d
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The options of one `@dataclass(...)`.
#[derive(Clone, Copy)]
struct Opts {
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    unsafe_hash: bool,
    frozen: bool,
}

/// `dataclass(order=True, ...)` without the class yet: the decorator it returns.
struct Decorator(Opts);

impl Object for Decorator {
    fn type_name(&self) -> String {
        "function".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        match args.pos.as_slice() {
            [Value::Class(c)] => process(it, c, self.0),
            _ => Err(type_err("dataclass() should be called on a class")),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn native(name: &str, f: crate::eval::value::NativeFn) -> Value {
    Value::builtin(name, f)
}

/// `dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, ...)`.
fn dataclass(it: &mut Interp, args: Args) -> R<Value> {
    let mut o = Opts {
        init: true,
        repr: true,
        eq: true,
        order: false,
        unsafe_hash: false,
        frozen: false,
    };
    for (k, v) in &args.kw {
        let b = it.truthy(v)?;
        match k.as_str() {
            "init" => o.init = b,
            "repr" => o.repr = b,
            "eq" => o.eq = b,
            "order" => o.order = b,
            "unsafe_hash" => o.unsafe_hash = b,
            "frozen" => o.frozen = b,
            "match_args" | "kw_only" | "slots" | "weakref_slot" => {}
            _ => {
                return Err(type_err(format!(
                    "dataclass() got an unexpected keyword argument '{}'",
                    k
                )))
            }
        }
    }
    if o.order && !o.eq {
        return Err(value_err("eq must be true if order is true"));
    }
    match args.pos.as_slice() {
        [] => Ok(Value::Object(Rc::new(Decorator(o)))),
        [Value::Class(c)] => process(it, c, o),
        [other] => Err(type_err(format!(
            "dataclass() should be called on a class, not {}",
            other.type_name()
        ))),
        _ => Err(type_err(format!(
            "dataclass() takes from 0 to 1 positional arguments but {} were given",
            args.pos.len()
        ))),
    }
}

/// `field(...)`: the keywords as given (a default of None is a default).
fn field_fn(_: &mut Interp, args: Args) -> R<Value> {
    if !args.pos.is_empty() {
        return Err(type_err(format!(
            "field() takes 0 positional arguments but {} were given",
            args.pos.len()
        )));
    }
    let mut f = Field {
        name: RefCell::new(String::new()),
        typ: RefCell::new(Value::None),
        default: missing(),
        default_factory: missing(),
        init: true,
        repr: true,
        compare: true,
        kw_only: false,
    };
    for (k, v) in args.kw {
        let flag = !matches!(v, Value::Bool(false) | Value::None);
        match k.as_str() {
            "default" => f.default = v,
            "default_factory" => f.default_factory = v,
            "init" => f.init = flag,
            "repr" => f.repr = flag,
            "compare" => f.compare = flag,
            "kw_only" => f.kw_only = flag,
            "hash" | "metadata" => {}
            _ => {
                return Err(type_err(format!(
                    "field() got an unexpected keyword argument '{}'",
                    k
                )))
            }
        }
    }
    if !is_missing(&f.default) && !is_missing(&f.default_factory) {
        return Err(value_err("cannot specify both default and default_factory"));
    }
    Ok(Value::Object(Rc::new(f)))
}

/// The fields of a dataclass (or of an instance's class), in definition order.
fn class_fields(c: &Rc<Class>) -> Option<Vec<Value>> {
    match c.lookup("__dataclass_fields__") {
        Some(Value::Dict(d)) => Some(d.borrow().values.clone()),
        _ => None,
    }
}

fn field_of(v: &Value) -> Option<&Field> {
    v.as_object::<Field>()
}

/// Builds the dataclass: collects the fields, then compiles the generated methods.
fn process(it: &mut Interp, c: &Rc<Class>, o: Opts) -> R<Value> {
    // Inherited fields first, then this class's annotations in order.
    let mut order: Vec<String> = Vec::new();
    let mut by_name: HashMap<String, Value> = HashMap::new();
    for b in c.bases.iter().rev() {
        if let Value::Class(b) = b {
            for f in class_fields(b).unwrap_or_default() {
                if let Some(x) = field_of(&f) {
                    let n = x.name.borrow().clone();
                    if !order.contains(&n) {
                        order.push(n.clone());
                    }
                    by_name.insert(n, f.clone());
                }
            }
        }
    }
    let ann = c.dict.borrow().get("__annotations__").cloned();
    if let Some(Value::Dict(ann)) = ann {
        let ann = ann.borrow().clone();
        for (k, t) in ann.keys.iter().zip(&ann.values) {
            let Value::Str(name) = k else { continue };
            let name = name.to_string();
            let class_value = c.dict.borrow().get(&name).cloned();
            let f = match class_value {
                Some(v) if field_of(&v).is_some() => v,
                Some(v) => {
                    if matches!(v, Value::List(_) | Value::Dict(_) | Value::Set(_)) {
                        return Err(value_err(format!(
                            "mutable default <class '{}'> for field {} is not allowed: use default_factory",
                            v.type_name(),
                            name
                        )));
                    }
                    Value::Object(Rc::new(Field {
                        name: RefCell::new(String::new()),
                        typ: RefCell::new(Value::None),
                        default: v,
                        default_factory: missing(),
                        init: true,
                        repr: true,
                        compare: true,
                        kw_only: false,
                    }))
                }
                None => field_fn(it, Args::default())?,
            };
            if let Some(x) = field_of(&f) {
                *x.name.borrow_mut() = name.clone();
                *x.typ.borrow_mut() = t.clone();
                // The class attribute is the plain default (or nothing).
                if is_missing(&x.default) {
                    c.dict.borrow_mut().remove(&name);
                } else {
                    c.dict.borrow_mut().insert(name.clone(), x.default.clone());
                }
            }
            if !order.contains(&name) {
                order.push(name.clone());
            }
            by_name.insert(name, f);
        }
    }
    let mut fields = Dict::default();
    for n in &order {
        fields.insert(Value::str(n), by_name[n].clone())?;
    }
    c.dict.borrow_mut().insert(
        "__dataclass_fields__".into(),
        Value::Dict(Rc::new(RefCell::new(fields))),
    );
    let flds: Vec<&Field> = order.iter().filter_map(|n| field_of(&by_name[n])).collect();
    let src = generated_source(&flds, o, c)?;
    compile_into(it, c, &src, &order, &by_name)?;
    let match_args: Vec<Value> = flds
        .iter()
        .filter(|f| f.init)
        .map(|f| Value::str(&f.name.borrow()))
        .collect();
    c.dict
        .borrow_mut()
        .insert("__match_args__".into(), Value::tuple(match_args));
    Ok(Value::Class(c.clone()))
}

/// The Python source of the generated methods.
fn generated_source(flds: &[&Field], o: Opts, c: &Rc<Class>) -> R<String> {
    let mut src = String::new();
    let set = |name: &str, value: &str| {
        if o.frozen {
            format!("    object.__setattr__(self, '{}', {})\n", name, value)
        } else {
            format!("    self.{} = {}\n", name, value)
        }
    };
    if o.init && !c.dict.borrow().contains_key("__init__") {
        let mut params = vec!["self".to_string()];
        let mut seen_default = false;
        for f in flds.iter().filter(|f| f.init) {
            let n = f.name.borrow();
            if !is_missing(&f.default) || !is_missing(&f.default_factory) {
                params.push(format!("{}=__dataclass_dflt_{}__", n, n));
                seen_default = true;
            } else if seen_default {
                return Err(type_err(format!(
                    "non-default argument '{}' follows default argument",
                    n
                )));
            } else {
                params.push(n.clone());
            }
        }
        src.push_str(&format!("def __init__({}):\n", params.join(", ")));
        for f in flds {
            let n = f.name.borrow();
            let value = if !is_missing(&f.default_factory) {
                let factory = format!("__class__.__dataclass_fields__['{}'].default_factory()", n);
                if f.init {
                    format!(
                        "{} if {} is __class__.__dataclass_fields__['{}'] else {}",
                        factory, n, n, n
                    )
                } else {
                    factory
                }
            } else if !f.init {
                if is_missing(&f.default) {
                    continue;
                }
                format!("__class__.__dataclass_fields__['{}'].default", n)
            } else {
                n.clone()
            };
            src.push_str(&set(&n, &value));
        }
        if c.lookup("__post_init__").is_some() {
            src.push_str("    self.__post_init__()\n");
        }
        src.push_str("    pass\n");
    }
    let tuple_of = |who: &str, pick: &dyn Fn(&Field) -> bool| {
        let parts: Vec<String> = flds
            .iter()
            .filter(|f| pick(f))
            .map(|f| format!("{}.{},", who, f.name.borrow()))
            .collect();
        format!("({})", parts.join(""))
    };
    if o.repr && !c.dict.borrow().contains_key("__repr__") {
        let parts: Vec<String> = flds
            .iter()
            .filter(|f| f.repr)
            .map(|f| {
                let n = f.name.borrow();
                format!("{}={{self.{}!r}}", n, n)
            })
            .collect();
        src.push_str(&format!(
            "def __repr__(self):\n    return f\"{{self.__class__.__qualname__}}({})\"\n",
            parts.join(", ")
        ));
    }
    if o.eq && !c.dict.borrow().contains_key("__eq__") {
        src.push_str(&format!(
            "def __eq__(self, other):\n    if type(other) is type(self):\n        return {} == {}\n    return NotImplemented\n",
            tuple_of("self", &|f| f.compare),
            tuple_of("other", &|f| f.compare)
        ));
    }
    if o.order {
        for (name, sym) in [
            ("__lt__", "<"),
            ("__le__", "<="),
            ("__gt__", ">"),
            ("__ge__", ">="),
        ] {
            if c.dict.borrow().contains_key(name) {
                return Err(type_err(format!(
                    "Cannot overwrite attribute {} in class {}. Consider using functools.total_ordering",
                    name, c.name
                )));
            }
            src.push_str(&format!(
                "def {}(self, other):\n    if type(other) is type(self):\n        return {} {} {}\n    return NotImplemented\n",
                name,
                tuple_of("self", &|f| f.compare),
                sym,
                tuple_of("other", &|f| f.compare)
            ));
        }
    }
    if o.frozen {
        let names: Vec<String> = flds
            .iter()
            .map(|f| format!("'{}',", f.name.borrow()))
            .collect();
        src.push_str(&format!(
            "def __setattr__(self, name, value):\n    if type(self) is __class__ or name in ({}):\n        from dataclasses import FrozenInstanceError\n        raise FrozenInstanceError(f\"cannot assign to field '{{name}}'\")\n    super(__class__, self).__setattr__(name, value)\n",
            names.join("")
        ));
        src.push_str(&format!(
            "def __delattr__(self, name):\n    if type(self) is __class__ or name in ({}):\n        from dataclasses import FrozenInstanceError\n        raise FrozenInstanceError(f\"cannot delete field '{{name}}'\")\n    super(__class__, self).__delattr__(name)\n",
            names.join("")
        ));
    }
    if o.eq && !o.frozen && !o.unsafe_hash && !has_own_hash(c) {
        // `__eq__` without a hash: instances are unhashable.
        c.dict.borrow_mut().insert("__hash__".into(), Value::None);
    }
    if (o.unsafe_hash || (o.eq && o.frozen)) && !has_own_hash(c) {
        src.push_str(&format!(
            "def __hash__(self):\n    return hash({})\n",
            tuple_of("self", &|f| f.compare)
        ));
    }
    Ok(src)
}

/// Whether the class body itself defined `__hash__` (not the None an `__eq__` implies).
fn has_own_hash(c: &Rc<Class>) -> bool {
    matches!(c.dict.borrow().get("__hash__"), Some(v) if !matches!(v, Value::None))
}

/// Compiles `src` in a namespace holding the defaults, and puts the methods on the class.
fn compile_into(
    it: &mut Interp,
    c: &Rc<Class>,
    src: &str,
    order: &[String],
    by_name: &HashMap<String, Value>,
) -> R<()> {
    if src.is_empty() {
        return Ok(());
    }
    let program = crate::syntax::parse_program(src)
        .map_err(|e| crate::eval::error::err(ExcKind::SyntaxError, e.message))?;
    let scope = crate::eval::scope::Scope::new(
        crate::eval::scope::ScopeKind::Class,
        Some(it.globals.clone()),
    );
    {
        let mut s = scope.borrow_mut();
        let qual = match c.dict.borrow().get("__qualname__") {
            Some(q) => q.clone(),
            None => Value::str(&c.name),
        };
        s.vars.insert("__qualname__".into(), qual);
        for n in order {
            if let Some(f) = field_of(&by_name[n]) {
                let d = if is_missing(&f.default) {
                    by_name[n].clone()
                } else {
                    f.default.clone()
                };
                s.vars.insert(format!("__dataclass_dflt_{}__", n).into(), d);
            }
        }
    }
    let saved = std::mem::replace(&mut it.scope, scope.clone());
    let saved_echo = std::mem::replace(&mut it.echo, false);
    let r = it.exec_block(&program);
    it.scope = saved;
    it.echo = saved_echo;
    r?;
    for (k, v) in scope.borrow().vars.iter() {
        if matches!(v, Value::Function(_)) {
            c.dict.borrow_mut().insert(k.to_string(), v.clone());
        }
    }
    Ok(())
}

/// The dataclass behind a class or instance value.
fn dataclass_of(v: &Value) -> Option<Rc<Class>> {
    let c = match v {
        Value::Instance(i) => i.class.clone(),
        Value::Class(c) => c.clone(),
        _ => return None,
    };
    class_fields(&c).map(|_| c)
}

fn fields_fn(_: &mut Interp, args: Args) -> R<Value> {
    let [x] = args.bind("fields", ["class_or_instance"])?;
    let x = x.unwrap_or(Value::None);
    match dataclass_of(&x).and_then(|c| class_fields(&c)) {
        Some(f) => Ok(Value::tuple(f)),
        None => Err(type_err("must be called with a dataclass type or instance")),
    }
}

/// `asdict`/`astuple`: dataclasses, lists, tuples and dicts copied recursively.
fn convert(it: &mut Interp, v: &Value, as_dict: bool) -> R<Value> {
    if let (Value::Instance(_), Some(c)) = (v, dataclass_of(v)) {
        let mut d = Dict::default();
        let mut t = Vec::new();
        for f in class_fields(&c).unwrap_or_default() {
            let Some(f) = field_of(&f) else { continue };
            let n = f.name.borrow().clone();
            let x = it.get_attr(v, &n)?;
            let x = convert(it, &x, as_dict)?;
            if as_dict {
                d.insert(Value::str(&n), x)?;
            } else {
                t.push(x);
            }
        }
        return Ok(if as_dict {
            Value::Dict(Rc::new(RefCell::new(d)))
        } else {
            Value::tuple(t)
        });
    }
    Ok(match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::new();
            for x in items {
                out.push(convert(it, &x, as_dict)?);
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            let mut out = Vec::new();
            for x in t.iter() {
                out.push(convert(it, x, as_dict)?);
            }
            Value::tuple(out)
        }
        Value::Dict(d) => {
            let d = d.borrow().clone();
            let mut out = Dict::default();
            for (k, x) in d.keys.iter().zip(&d.values) {
                let k = convert(it, k, as_dict)?;
                let x = convert(it, x, as_dict)?;
                out.insert(k, x)?;
            }
            Value::Dict(Rc::new(RefCell::new(out)))
        }
        other => other.clone(),
    })
}

fn asdict_fn(it: &mut Interp, args: Args) -> R<Value> {
    let [x] = args.bind("asdict", ["obj"])?;
    let x = x.unwrap_or(Value::None);
    if !matches!(x, Value::Instance(_)) || dataclass_of(&x).is_none() {
        return Err(type_err("asdict() should be called on dataclass instances"));
    }
    convert(it, &x, true)
}

fn astuple_fn(it: &mut Interp, args: Args) -> R<Value> {
    let [x] = args.bind("astuple", ["obj"])?;
    let x = x.unwrap_or(Value::None);
    if !matches!(x, Value::Instance(_)) || dataclass_of(&x).is_none() {
        return Err(type_err(
            "astuple() should be called on dataclass instances",
        ));
    }
    convert(it, &x, false)
}

fn is_dataclass_fn(_: &mut Interp, args: Args) -> R<Value> {
    let [x] = args.bind("is_dataclass", ["obj"])?;
    Ok(Value::Bool(
        dataclass_of(&x.unwrap_or(Value::None)).is_some(),
    ))
}

fn replace_fn(it: &mut Interp, args: Args) -> R<Value> {
    let [obj] = Args::new(args.pos.clone()).bind("replace", ["obj"])?;
    let obj = obj.unwrap_or(Value::None);
    let Some(c) = dataclass_of(&obj).filter(|_| matches!(obj, Value::Instance(_))) else {
        return Err(type_err(
            "replace() should be called on dataclass instances",
        ));
    };
    let mut kw = args.kw.clone();
    for f in class_fields(&c).unwrap_or_default() {
        let Some(f) = field_of(&f) else { continue };
        let n = f.name.borrow().clone();
        if f.init && !kw.iter().any(|(k, _)| *k == n) {
            kw.push((n.clone(), it.get_attr(&obj, &n)?));
        }
    }
    it.call(&Value::Class(c), Args { pos: vec![], kw })
}

/// Sets `dataclasses`'s functions, `MISSING` and `FrozenInstanceError`.
pub(crate) fn install(it: &mut Interp) {
    let m = match it.modules.get("dataclasses") {
        Some(Value::Module(m)) => m.clone(),
        _ => {
            let m = Rc::new(crate::eval::value::Module::new("dataclasses"));
            it.modules
                .insert("dataclasses".into(), Value::Module(m.clone()));
            m
        }
    };
    m.set("dataclass", native("dataclass", dataclass));
    m.set("field", native("field", field_fn));
    m.set("fields", native("fields", fields_fn));
    m.set("asdict", native("asdict", asdict_fn));
    m.set("astuple", native("astuple", astuple_fn));
    m.set("is_dataclass", native("is_dataclass", is_dataclass_fn));
    m.set("replace", native("replace", replace_fn));
    m.set("MISSING", missing());
    let mut dict = HashMap::new();
    dict.insert("__module__".to_string(), Value::str("dataclasses"));
    dict.insert(
        "__qualname__".to_string(),
        Value::str("FrozenInstanceError"),
    );
    m.set(
        "FrozenInstanceError",
        Value::Class(Rc::new(Class {
            name: "FrozenInstanceError".into(),
            bases: vec![Value::ExcClass(ExcKind::AttributeError)],
            dict: RefCell::new(dict),
        })),
    );
}
