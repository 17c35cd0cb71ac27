//! The values a tensh program computes with: Python's own types, tensors and variables,
//! modules and functions, and native objects (layers, losses, ...) behind the `Object` trait.

use super::error::{type_err, R};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::FuncDef;
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub type Str = Rc<str>;
pub type List = Rc<RefCell<Vec<Value>>>;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int that does not fit i64; results that fit are always `Int` (see `bigint.rs`).
    BigInt(Rc<num_bigint::BigInt>),
    Float(f64),
    Str(Str),
    /// `bytes` (see `bytes.rs`).
    Bytes(Rc<[u8]>),
    /// `bytearray`: mutable bytes.
    ByteArray(Rc<RefCell<Vec<u8>>>),
    List(List),
    Tuple(Rc<Vec<Value>>),
    Dict(Rc<RefCell<Dict>>),
    Set(List),
    Slice(Rc<[Value; 3]>),
    Ellipsis,
    /// `range(start, stop, step)`, boxed so that a `Value` stays three words.
    Range(Rc<(i64, i64, i64)>),
    Tensor(Tensor),
    /// A numpy array (what `.numpy()` returns); a 0-d one acts as a numpy scalar.
    NdArray(Rc<crate::tensor::np_array::NpArray>),
    Variable(Rc<Variable>),
    DType(DType),
    Shape(Rc<Shape>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    /// A method bound to its receiver: user methods and native ones alike.
    Bound(Rc<Bound>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Object(Rc<dyn Object>),
    /// A builtin exception class such as `ValueError`.
    ExcClass(ExcKind),
    /// An iterator object: a generator, `iter(x)`, `zip(...)`, ...
    Iterator(super::iter::IterRef),
}

/// A dict keeping insertion order, keyed by hashable Python values. `ext` makes it an
/// instance of a dict subclass (`defaultdict`, `Counter`, `OrderedDict`).
#[derive(Clone, Default)]
pub struct Dict {
    pub keys: Vec<Value>,
    pub values: Vec<Value>,
    index: HashMap<Key, usize>,
    pub ext: Option<Rc<dyn DictExt>>,
}

/// What a dict subclass adds to a dict: its type, and the attributes it adds or overrides,
/// dunders included (`__missing__`, `__repr__`, `__add__`, `__eq__`...).
pub trait DictExt {
    fn type_name(&self) -> String;
    /// The class, as `type(d)` gives it.
    fn class(&self) -> Value;
    fn attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>>;
    fn as_any_ext(&self) -> &dyn Any;
}

/// The hashable projection of a value.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Key {
    None,
    Int(i64),
    Big(num_bigint::BigInt),
    Float(u64),
    Str(Str),
    Bytes(Vec<u8>),
    Tuple(Vec<Key>),
    Ptr(usize),
}

impl Key {
    pub fn of(v: &Value) -> R<Key> {
        Ok(match v {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(*b as i64),
            Value::Int(i) => Key::Int(*i),
            Value::BigInt(b) => Key::Big(b.as_ref().clone()),
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
                match super::bigint::float_to_int(*f) {
                    Value::Int(i) => Key::Int(i),
                    Value::BigInt(b) => Key::Big(b.as_ref().clone()),
                    _ => Key::Float(f.to_bits()),
                }
            }
            Value::Float(f) => Key::Float(f.to_bits()),
            Value::Bytes(b) => Key::Bytes(b.to_vec()),
            Value::Str(s) => Key::Str(s.clone()),
            Value::Tuple(t) => Key::Tuple(t.iter().map(Key::of).collect::<R<_>>()?),
            Value::DType(d) => Key::Str(format!("<dtype {}>", d.name()).into()),
            Value::Range(r) => {
                // Equal ranges are the equal sequences (`range(0, 3, 2) == range(0, 4, 2)`).
                let n = super::sequences::range_count(r.0, r.1, r.2);
                let start = if n > 0 { r.0 } else { 0 };
                let step = if n > 1 { r.2 } else { 0 };
                let n = Key::Int(n as i64);
                Key::Tuple(vec![
                    Key::Str("range".into()),
                    n,
                    Key::Int(start),
                    Key::Int(step),
                ])
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::ByteArray(_) => {
                return Err(type_err(format!("unhashable type: '{}'", v.type_name())))
            }
            Value::Tensor(_) => {
                return Err(type_err(
                    "Tensor is unhashable. Instead, use tensor.ref() as the key.",
                ))
            }
            Value::Instance(i) => return super::dunder::instance_key(v, i),
            Value::Object(o) => match (o.as_tuple(), o.value_key()) {
                (Some(items), _) => Key::Tuple(items.iter().map(Key::of).collect::<R<_>>()?),
                (None, Some(k)) => Key::Tuple(vec![Key::Str(o.type_name().into()), Key::of(&k)?]),
                (None, None) => Key::Ptr(v.identity()),
            },
            other => Key::Ptr(other.identity()),
        })
    }
}

impl Dict {
    pub fn get(&self, k: &Value) -> R<Option<Value>> {
        Ok(self
            .index
            .get(&Key::of(k)?)
            .map(|&i| self.values[i].clone()))
    }
    pub fn insert(&mut self, k: Value, v: Value) -> R<()> {
        let key = Key::of(&k)?;
        match self.index.get(&key) {
            Some(&i) => self.values[i] = v,
            None => {
                super::budget::grow_sized(self.keys.len(), 6 * std::mem::size_of::<Value>())?;
                self.index.insert(key, self.keys.len());
                self.keys.push(k);
                self.values.push(v);
            }
        }
        Ok(())
    }
    pub fn remove(&mut self, k: &Value) -> R<Option<Value>> {
        let key = Key::of(k)?;
        let Some(i) = self.index.remove(&key) else {
            return Ok(None);
        };
        self.keys.remove(i);
        let v = self.values.remove(i);
        for idx in self.index.values_mut() {
            if *idx > i {
                *idx -= 1;
            }
        }
        Ok(Some(v))
    }
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// `tf.Variable`: a named, mutable tensor.
pub struct Variable {
    pub name: RefCell<String>,
    /// Shared so that the `UnreadVariable` an assign returns sees later updates too.
    pub value: Rc<RefCell<Tensor>>,
    pub trainable: bool,
    pub id: usize,
    /// A layer's weight, which Keras reads in the layer's compute dtype while the layer
    /// runs under a mixed-precision policy (its `AutoCastVariable`).
    pub autocast: bool,
}

thread_local! {
    /// The compute dtype float32 layer weights are read in, while a layer with a
    /// mixed-precision policy runs (Keras's `enable_auto_cast_variables`).
    static AUTOCAST: std::cell::Cell<Option<DType>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with layer weights read as `dtype` (None: as stored).
pub fn with_autocast<T>(dtype: Option<DType>, f: impl FnOnce() -> T) -> T {
    let before = AUTOCAST.with(|a| a.replace(dtype));
    let r = f();
    AUTOCAST.with(|a| a.set(before));
    r
}

impl Variable {
    /// The value, read as an op reads it: a recording tape that watches accessed variables
    /// starts watching a trainable one. A layer weight read inside a mixed-precision
    /// layer's call is cast to the compute dtype (a recorded cast, so gradients reach the
    /// float32 weight).
    pub fn read(&self) -> Tensor {
        let t = self.value.borrow().clone();
        crate::tensor::autodiff::tape::variable_read(&t, self.trainable);
        match AUTOCAST.with(|a| a.get()) {
            Some(d) if self.autocast && t.dtype() == DType::F32 && d != DType::F32 => t.cast(d),
            _ => t,
        }
    }

    /// Replaces the value. The new value is a new tensor: gradients never flow through an
    /// assignment.
    pub fn set(&self, t: Tensor) {
        *self.value.borrow_mut() = t.renewed();
    }
}

/// `tf.TensorShape`: dims may be unknown (None); the rank itself may be unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub dims: Option<Vec<Option<usize>>>,
}

impl Shape {
    pub fn known(dims: &[usize]) -> Shape {
        Shape {
            dims: Some(dims.iter().map(|&d| Some(d)).collect()),
        }
    }
}

/// A user-defined function or lambda with the scope it closes over.
pub struct Function {
    pub def: Rc<FuncDef>,
    pub defaults: Vec<Value>,
    pub kw_defaults: Vec<Option<Value>>,
    pub closure: Option<Rc<RefCell<super::scope::Scope>>>,
    pub qualname: String,
    /// The code it was defined in, for tracebacks.
    pub file: Rc<super::error::SourceFile>,
    /// Attributes set on the function (its `__dict__`; `__name__` and `__qualname__` set
    /// here override the definition's).
    pub attrs: RefCell<HashMap<String, Value>>,
}

pub type NativeFn = fn(&mut Interp, Args) -> R<Value>;
pub type NativeMethod = fn(&mut Interp, &Value, &'static str, Args) -> R<Value>;

/// A function implemented in Rust.
pub struct Builtin {
    pub name: String,
    pub f: NativeFn,
    /// The declaration it was made from (see `decl.rs`), with its defaults as values.
    pub decl: Option<super::decl::Bindable>,
}

impl Builtin {
    /// A builtin made from its declaration.
    pub fn declared(name: String, decl: &'static super::decl::Decl) -> Builtin {
        Builtin {
            name,
            f: |_, _| Ok(Value::None),
            decl: Some(super::decl::Bindable {
                decl,
                defaults: decl.defaults(),
            }),
        }
    }
}

pub enum Callee {
    Value(Value),
    Native(&'static str, NativeMethod),
}

pub struct Bound {
    pub receiver: Value,
    pub callee: Callee,
    /// The class that defines the method, for `super()` inside it.
    pub owner: Option<Rc<Class>>,
}

/// A class defined by a `class` statement.
pub struct Class {
    pub name: String,
    pub bases: Vec<Value>,
    pub dict: RefCell<HashMap<String, Value>>,
}

impl Class {
    /// The module the class was defined in (`__module__`): `__main__` for the program's
    /// classes, the module's name for those of modules written in Python.
    pub fn module_name(&self) -> String {
        match self.dict.borrow().get("__module__") {
            Some(Value::Str(s)) => s.to_string(),
            _ => "__main__".to_string(),
        }
    }

    /// Looks `name` up along the method resolution order (C3).
    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<Value> {
        self.lookup_owner(name).map(|(v, _)| v)
    }

    /// Like `lookup`, also giving the class that defines the name.
    pub fn lookup_owner(self: &Rc<Self>, name: &str) -> Option<(Value, Rc<Class>)> {
        super::dunder::lookup_in_mro(self, name)
    }

    /// The first native (Rust-implemented) base class up the chain, if any.
    pub fn native_base(&self) -> Option<Value> {
        for b in &self.bases {
            match b {
                Value::Class(c) => {
                    if let Some(n) = c.native_base() {
                        return Some(n);
                    }
                }
                Value::ExcClass(_) | Value::Builtin(_) | Value::Object(_) => {
                    return Some(b.clone())
                }
                _ => {}
            }
        }
        None
    }

    /// The builtin exception class this class derives from, if any.
    pub fn exc_kind(&self) -> Option<ExcKind> {
        match self.native_base() {
            Some(Value::ExcClass(k)) => Some(k),
            _ => None,
        }
    }

    pub fn is_subclass_of(&self, other: &Rc<Class>) -> bool {
        if std::ptr::eq(self, other.as_ref()) {
            return true;
        }
        self.bases
            .iter()
            .any(|b| matches!(b, Value::Class(c) if c.is_subclass_of(other)))
    }
}

/// An instance of a user class. `native` holds the Rust part when the class derives from a
/// native base (a Keras layer, an exception).
pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<HashMap<String, Value>>,
    pub attr_order: RefCell<Vec<String>>,
    pub native: RefCell<Option<Value>>,
}

/// A module (`tf`, `tf.nn`, ...): a name and its attributes.
pub struct Module {
    pub name: String,
    pub attrs: RefCell<HashMap<String, Value>>,
}

impl Module {
    pub fn new(name: &str) -> Module {
        Module {
            name: name.to_string(),
            attrs: RefCell::new(HashMap::new()),
        }
    }
    pub fn set(&self, name: &str, v: Value) {
        self.attrs.borrow_mut().insert(name.to_string(), v);
    }
    pub fn get(&self, name: &str) -> Option<Value> {
        self.attrs.borrow().get(name).cloned()
    }
    /// The module's `__name__` as TensorFlow 2.15 has it: its submodules live under
    /// `tensorflow._api.v2`, Keras's under `keras.api._v2.keras`.
    pub fn python_name(&self) -> String {
        if let Some(sub) = self.name.strip_prefix("tensorflow.") {
            return format!("tensorflow._api.v2.{}", sub);
        }
        if self.name == "keras" {
            return "keras.api._v2.keras".into();
        }
        if let Some(sub) = self.name.strip_prefix("keras.") {
            return format!("keras.api._v2.keras.{}", sub);
        }
        self.name.clone()
    }
    pub fn remove(&self, name: &str) {
        self.attrs.borrow_mut().remove(name);
    }
}

/// A native object: layers, models, losses, named tuples, tapes. Each kind implements the
/// protocol parts it supports; the defaults raise the errors Python raises.
pub trait Object: Any {
    fn type_name(&self) -> String;
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>>;
    fn set_attr(&self, _name: &str, _value: Value, _it: &mut Interp) -> R<bool> {
        Ok(false)
    }
    fn call(&self, _this: &Value, _it: &mut Interp, _args: Args) -> R<Value> {
        Err(type_err(format!(
            "'{}' object is not callable",
            self.type_name()
        )))
    }
    /// `<keras.src.engine.functional.Functional object>`: the class path, or the type name.
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<{} object>",
            self.class_path().unwrap_or_else(|| self.type_name())
        ))
    }
    fn str(&self, it: &mut Interp) -> R<String> {
        self.repr(it)
    }
    /// The elements, for objects that iterate (named tuples).
    fn items(&self) -> Option<Vec<Value>> {
        None
    }
    /// Attribute names, for completion and `dir()`.
    fn attr_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// The value this object compares, hashes and sorts as, for value-like objects (a
    /// path compares as its parts): two objects of the same type are equal when their
    /// keys are, and order as their keys do. None: compared by identity.
    fn value_key(&self) -> Option<Value> {
        None
    }
    /// The items, for objects that are tuples (named tuples): they hash, compare and
    /// pass `isinstance(x, tuple)` as tuples do.
    fn as_tuple(&self) -> Option<Vec<Value>> {
        None
    }
    /// `isinstance(x, self)`, for objects that are classes; None leaves it to the hooks.
    fn instance_check(&self, _x: &Value) -> Option<bool> {
        None
    }
    /// The module-qualified class name `type(x)` prints (`keras.src.engine.functional.
    /// Functional`); None: the type name.
    fn class_path(&self) -> Option<String> {
        None
    }
    /// Whether, as a class attribute, it binds to the instance it is read through, as a
    /// Python function does (a `tf.function` decorating a method).
    fn binds_as_method(&self) -> bool {
        false
    }
    /// The dtype this object stands for, for dtype-like objects (numpy's `np.float32`,
    /// `np.dtype('int8')`): they compare equal to TensorFlow's dtype and to its name.
    fn as_dtype(&self) -> Option<DType> {
        None
    }
    fn as_any(&self) -> &dyn Any;
}

/// Call arguments: positional values and keyword pairs, in call order.
#[derive(Clone, Default)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(String, Value)>,
}

impl Args {
    pub fn new(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }

    /// Whether a native object is among the arguments, directly or inside a list or tuple
    /// (two levels deep: a list may hold itself).
    pub fn has_object(&self) -> bool {
        fn is_obj(v: &Value, depth: u8) -> bool {
            match v {
                Value::Object(_) => true,
                Value::List(l) if depth > 0 => l.borrow().iter().any(|x| is_obj(x, depth - 1)),
                Value::Tuple(t) if depth > 0 => t.iter().any(|x| is_obj(x, depth - 1)),
                _ => false,
            }
        }
        self.pos
            .iter()
            .chain(self.kw.iter().map(|(_, v)| v))
            .any(|v| is_obj(v, 2))
    }

    /// Whether an instance of a Python class is among the arguments, directly or inside a
    /// list or tuple (two levels deep, as [`Args::has_object`]).
    pub fn has_instance(&self) -> bool {
        fn is_inst(v: &Value, depth: u8) -> bool {
            match v {
                Value::Instance(_) => true,
                Value::List(l) if depth > 0 => l.borrow().iter().any(|x| is_inst(x, depth - 1)),
                Value::Tuple(t) if depth > 0 => t.iter().any(|x| is_inst(x, depth - 1)),
                _ => false,
            }
        }
        self.pos
            .iter()
            .chain(self.kw.iter().map(|(_, v)| v))
            .any(|v| is_inst(v, 2))
    }

    /// Binds arguments to parameters `["x", "axis=None", ...]` (a leading `*` marks a
    /// keyword-only parameter), with Python's errors for missing, extra or unknown ones.
    pub(crate) fn bind<const N: usize>(
        &self,
        fname: &str,
        params: [&str; N],
    ) -> R<[Option<Value>; N]> {
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        let names: Vec<(&str, bool, bool)> = params
            .iter()
            .map(|p| {
                let kwonly = p.starts_with('*');
                let p = p.trim_start_matches('*');
                let (n, opt) = match p.split_once('=') {
                    Some((n, _)) => (n, true),
                    None => (p, false),
                };
                (n, opt, kwonly)
            })
            .collect();
        let max_pos = names.iter().filter(|n| !n.2).count();
        if self.pos.len() > max_pos {
            let min_pos = names.iter().filter(|n| !n.1 && !n.2).count();
            let takes = if min_pos == max_pos {
                format!(
                    "{} positional argument{}",
                    max_pos,
                    if max_pos == 1 { "" } else { "s" }
                )
            } else {
                format!("from {} to {} positional arguments", min_pos, max_pos)
            };
            return Err(type_err(format!(
                "{}() takes {} but {} were given",
                fname,
                takes,
                self.pos.len()
            )));
        }
        for (i, v) in self.pos.iter().enumerate() {
            out[i] = Some(v.clone());
        }
        for (k, v) in &self.kw {
            match names.iter().position(|n| n.0 == k) {
                Some(i) => {
                    if out[i].is_some() {
                        return Err(type_err(format!(
                            "{}() got multiple values for argument '{}'",
                            fname, k
                        )));
                    }
                    out[i] = Some(v.clone());
                }
                None => {
                    return Err(type_err(format!(
                        "{}() got an unexpected keyword argument '{}'",
                        fname, k
                    )))
                }
            }
        }
        let missing: Vec<String> = names
            .iter()
            .enumerate()
            .filter(|(i, n)| !n.1 && out[*i].is_none())
            .map(|(_, n)| n.0.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(type_err(super::error::missing_args(
                fname,
                &missing,
                "positional",
            )));
        }
        // Explicit None counts as "not given" for optional parameters.
        for (i, n) in names.iter().enumerate() {
            if n.1 && matches!(out[i], Some(Value::None)) {
                out[i] = None;
            }
        }
        Ok(out)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.type_name())
    }
}

impl Value {
    pub(crate) fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub(crate) fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(v)))
    }

    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(v))
    }

    pub(crate) fn builtin(name: &str, f: NativeFn) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: name.to_string(),
            f,
            decl: None,
        }))
    }

    pub(crate) fn method(receiver: Value, name: &'static str, f: NativeMethod) -> Value {
        Value::Bound(Rc::new(Bound {
            receiver,
            callee: Callee::Native(name, f),
            owner: None,
        }))
    }

    /// Python's type name: `int`, `list`, `EagerTensor`...
    pub(crate) fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) | Value::BigInt(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Bytes(_) => "bytes".into(),
            Value::ByteArray(_) => "bytearray".into(),
            Value::Str(_) => "str".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(d) => match d.try_borrow().ok().and_then(|d| d.ext.clone()) {
                Some(e) => e.type_name(),
                None => "dict".into(),
            },
            Value::Set(_) => "set".into(),
            Value::Slice(_) => "slice".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::Range(..) => "range".into(),
            Value::Tensor(_) => "EagerTensor".into(),
            Value::NdArray(a) if a.ndim() == 0 => a.dtype().name().into(),
            Value::NdArray(_) => "ndarray".into(),
            Value::Variable(_) => "ResourceVariable".into(),
            Value::DType(_) => "DType".into(),
            Value::Shape(_) => "TensorShape".into(),
            Value::Function(_) => "function".into(),
            Value::Builtin(_) => "builtin_function_or_method".into(),
            Value::Bound(_) => "method".into(),
            Value::Class(_) | Value::ExcClass(_) => "type".into(),
            Value::Instance(i) => i.class.name.clone(),
            Value::Module(_) => "module".into(),
            Value::Object(o) => o.type_name(),
            Value::Iterator(i) => match i.try_borrow() {
                Ok(b) => b.type_name(),
                Err(_) => "generator".into(),
            },
        }
    }

    /// A stable identity for `is` and for hashing objects.
    pub(crate) fn identity(&self) -> usize {
        match self {
            Value::List(l) | Value::Set(l) => Rc::as_ptr(l) as *const u8 as usize,
            Value::Dict(d) => Rc::as_ptr(d) as *const u8 as usize,
            Value::Tuple(t) => Rc::as_ptr(t) as *const u8 as usize,
            Value::Variable(v) => Rc::as_ptr(v) as *const u8 as usize,
            Value::Function(f) => Rc::as_ptr(f) as *const u8 as usize,
            Value::Builtin(f) => Rc::as_ptr(f) as *const u8 as usize,
            Value::Bound(f) => Rc::as_ptr(f) as *const u8 as usize,
            Value::Class(c) => Rc::as_ptr(c) as *const u8 as usize,
            Value::Instance(i) => Rc::as_ptr(i) as *const u8 as usize,
            Value::Module(m) => Rc::as_ptr(m) as *const u8 as usize,
            Value::Object(o) => Rc::as_ptr(o) as *const u8 as usize,
            Value::Shape(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::Str(s) => s.as_ptr() as usize,
            Value::BigInt(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::Bytes(b) => b.as_ptr() as usize,
            Value::ByteArray(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::Tensor(t) => crate::with_data!(&t.data, a => a.as_ptr() as usize),
            Value::NdArray(a) => Rc::as_ptr(a) as *const u8 as usize,
            Value::Iterator(i) => Rc::as_ptr(i) as *const u8 as usize,
            Value::Slice(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::None => 1,
            Value::Bool(b) => 2 + *b as usize,
            Value::Ellipsis => 4,
            Value::Int(i) => *i as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::DType(d) => *d as usize + 16,
            Value::Range(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::ExcClass(k) => *k as usize + 64,
        }
    }

    pub(crate) fn as_object<T: 'static>(&self) -> Option<&T> {
        match self {
            Value::Object(o) => o.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }
}

/// A Python number of the tensor's element: what `.numpy()` gives for a 0-d tensor, as a
/// plain value for arithmetic and formatting.
pub(crate) fn scalar_value(t: &Tensor) -> Value {
    match t.dtype() {
        d if d.is_float() => Value::Float(t.item_f64().unwrap_or(0.0)),
        DType::Bool => Value::Bool(t.item_i64().unwrap_or(0) != 0),
        DType::U64 => match t.array::<u64>().and_then(|a| a.iter().next()) {
            Some(&x) => super::bigint::norm(x.into()),
            None => Value::Int(0),
        },
        DType::Str => match t
            .array::<crate::tensor::TStr>()
            .and_then(|a| a.iter().next())
        {
            Some(s) => super::bytes::new_bytes(s.bytes().to_vec()),
            None => super::bytes::new_bytes(Vec::new()),
        },
        _ => Value::Int(t.item_i64().unwrap_or(0)),
    }
}

impl Value {
    /// A new numpy array that owns `t`. Code outside numpy's array model makes arrays only
    /// through this, so the array's representation can change in one place.
    pub(crate) fn ndarray(t: Tensor) -> Value {
        // numpy holds strings as an object array of `bytes`: one element is a `bytes`.
        if t.ndim() == 0 && t.dtype() == DType::Str {
            return scalar_value(&t);
        }
        Value::NdArray(Rc::new(crate::tensor::np_array::NpArray::new(t)))
    }

    /// A new numpy array that stays an array without dimensions (`np.array(5)` is
    /// `array(5)`, where a reduction's 0-d result is a numpy scalar).
    pub(crate) fn ndarray_made(t: Tensor) -> Value {
        if t.ndim() == 0 && t.dtype() != DType::Str {
            return Value::NdArray(Rc::new(crate::tensor::np_array::NpArray::new_array(t)));
        }
        Value::ndarray(t)
    }

    /// The value with a numpy array read out as a tensor value, for code that treats both
    /// alike; other values as they are.
    pub(crate) fn arrays_as_tensors(&self) -> Value {
        match self {
            Value::NdArray(a) => Value::Tensor(a.tensor()),
            v => v.clone(),
        }
    }

    /// A numpy array's elements as a tensor (a snapshot), or `None` for any other value.
    pub(crate) fn as_ndarray(&self) -> Option<Tensor> {
        match self {
            Value::NdArray(a) => Some(a.tensor()),
            _ => None,
        }
    }
}

/// The tensor behind a tensor-like value.
pub(crate) fn tensor_of(v: &Value) -> Option<Tensor> {
    match v {
        Value::Tensor(t) => Some(t.clone()),
        Value::Variable(var) => Some(var.read()),
        _ => v.as_ndarray(),
    }
}

/// A number for `%` formatting: tensors and numpy scalars become Python numbers.
pub(crate) fn to_python_number(v: &Value) -> Value {
    match tensor_of(v) {
        Some(t) if t.size() == 1 => scalar_value(&t),
        _ => v.clone(),
    }
}

/// A declared parameter's value, or None where it is Python's None (not given, or passed
/// as None).
pub(crate) fn given(v: Value) -> Option<Value> {
    match v {
        Value::None => None,
        v => Some(v),
    }
}

pub(crate) mod tests {
    use super::Value;

    /// Values are moved and cloned on every step of the evaluator, and a list holds one per
    /// item: they stay three words.
    fn value_is_small() {
        assert!(std::mem::size_of::<Value>() <= 24);
    }

    unit_cases!(value_is_small);
}
