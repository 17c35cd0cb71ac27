//! Python's `sys` module: the interpreter: argv, version, version_info, platform, maxsize,
//! float_info, path, modules, stdout/stderr, exit, getsizeof, the recursion limit. Also the
//! struct-sequence objects (`sys.version_info`, `time.struct_time`) other modules build.

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, Exception, Flow, R};
use crate::eval::value::{Args, Class, Dict, Instance, Module, Object};
use crate::eval::{Interp, Value};
use crate::syntax::ast::CmpOp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

/// What `sys.version` says: the CPython build tensh answers for.
pub(crate) const VERSION: &str = "3.11.7 (main, Dec  4 2023, 18:10:11) [GCC 12.2.0]";

/// The module named `name`, made and registered for `import` if missing.
pub(crate) fn module(it: &mut Interp, name: &str) -> Rc<Module> {
    if let Some(Value::Module(m)) = it.modules.get(name) {
        return m.clone();
    }
    let m = Rc::new(Module::new(name));
    it.modules
        .insert(name.to_string(), Value::Module(m.clone()));
    m
}

/// A named tuple made by C code: `sys.version_info`, `sys.float_info`, `time.struct_time`.
/// It indexes, slices, iterates and compares as the tuple of its first `visible` fields.
pub(crate) struct StructSeq {
    pub type_name: &'static str,
    pub repr_name: &'static str,
    pub fields: Vec<&'static str>,
    pub values: Vec<Value>,
    pub visible: usize,
}

impl StructSeq {
    pub(crate) fn field(&self, name: &str) -> Option<Value> {
        self.fields
            .iter()
            .position(|f| *f == name)
            .map(|i| self.values[i].clone())
    }
}

fn seq_of(v: &Value) -> Option<Value> {
    v.as_object::<StructSeq>()
        .map(|s| Value::tuple(s.values[..s.visible].to_vec()))
}

fn struct_compare(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let a = seq_of(recv).unwrap_or(Value::None);
    let other = args.pos.first().cloned().unwrap_or(Value::None);
    let b = seq_of(&other).unwrap_or(other);
    let op = match name {
        "__eq__" => CmpOp::Eq,
        "__ne__" => CmpOp::NotEq,
        "__lt__" => CmpOp::Lt,
        "__le__" => CmpOp::LtE,
        "__gt__" => CmpOp::Gt,
        _ => CmpOp::GtE,
    };
    if !matches!(b, Value::Tuple(_)) && !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
        return Err(type_err(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            recv.type_name(),
            b.type_name()
        )));
    }
    it.compare(op, &a, &b)
}

impl Object for StructSeq {
    fn type_name(&self) -> String {
        self.type_name.into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        if let Some(v) = self.field(name) {
            return Ok(Some(v));
        }
        Ok(match name {
            "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => {
                let n: &'static str = match name {
                    "__eq__" => "__eq__",
                    "__ne__" => "__ne__",
                    "__lt__" => "__lt__",
                    "__le__" => "__le__",
                    "__gt__" => "__gt__",
                    _ => "__ge__",
                };
                Some(Value::method(this.clone(), n, struct_compare))
            }
            "n_fields" => Some(Value::Int(self.fields.len() as i64)),
            _ => None,
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for (f, v) in self.fields.iter().zip(&self.values).take(self.visible) {
            parts.push(format!("{}={}", f, it.repr(v)?));
        }
        Ok(format!("{}({})", self.repr_name, parts.join(", ")))
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.values[..self.visible].to_vec())
    }
    fn attr_names(&self) -> Vec<String> {
        self.fields.iter().map(|s| s.to_string()).collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `sys.stdout` / `sys.stderr`: text streams onto the session's outputs.
struct Stream {
    err: bool,
}

fn stream_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let err = recv.as_object::<Stream>().is_some_and(|s| s.err);
    match name {
        "write" => {
            let [s] = args.bind("write", ["s"])?;
            let s = match s {
                Some(Value::Str(s)) => s,
                other => {
                    return Err(type_err(format!(
                        "write() argument must be str, not {}",
                        other.map_or("NoneType".into(), |v| v.type_name())
                    )))
                }
            };
            if err {
                let _ = it.io.out.flush();
                let _ = it.io.err.write_all(s.as_bytes());
            } else {
                it.write_out(&s);
                it.check_out()?;
            }
            Ok(Value::Int(s.chars().count() as i64))
        }
        "flush" => {
            if err {
                let _ = it.io.err.flush();
            } else {
                it.flush();
                it.check_out()?;
            }
            Ok(Value::None)
        }
        "writelines" => {
            let [lines] = args.bind("writelines", ["lines"])?;
            let items = it.collect_items(&lines.unwrap_or(Value::None))?;
            for l in items {
                stream_method(it, recv, "write", Args::new(vec![l]))?;
            }
            Ok(Value::None)
        }
        "isatty" => Ok(Value::Bool(!err && it.io.tty)),
        "fileno" => Ok(Value::Int(if err { 2 } else { 1 })),
        _ => Ok(Value::None),
    }
}

impl Object for Stream {
    fn type_name(&self) -> String {
        "TextIOWrapper".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "write" => Some(Value::method(this.clone(), "write", stream_method)),
            "flush" => Some(Value::method(this.clone(), "flush", stream_method)),
            "writelines" => Some(Value::method(this.clone(), "writelines", stream_method)),
            "isatty" => Some(Value::method(this.clone(), "isatty", stream_method)),
            "fileno" => Some(Value::method(this.clone(), "fileno", stream_method)),
            "name" => Some(Value::str(self.name())),
            "encoding" => Some(Value::str("utf-8")),
            "mode" => Some(Value::str("w")),
            "closed" => Some(Value::Bool(false)),
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!(
            "<_io.TextIOWrapper name='{}' mode='w' encoding='utf-8'>",
            self.name()
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        [
            "write",
            "flush",
            "writelines",
            "isatty",
            "fileno",
            "name",
            "encoding",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Stream {
    fn name(&self) -> &'static str {
        if self.err {
            "<stderr>"
        } else {
            "<stdout>"
        }
    }
}

builtin! {
    /// Return current exception information: (type, value, traceback).
    python ["sys.exc_info"]
    fn exc_info(it) {
        match it.handling.last().cloned() {
            Some(v) => {
                let class = crate::eval::types::type_of(it, v.clone())?;
                Ok(Value::tuple(vec![class, v, Value::None]))
            }
            None => Ok(Value::tuple(vec![Value::None, Value::None, Value::None])),
        }
    }
}

builtin! {
    /// Return the current exception.
    python ["sys.exception"]
    fn exception(it) {
        Ok(it.handling.last().cloned().unwrap_or(Value::None))
    }
}

thread_local! {
    /// The limit `sys.setrecursionlimit` last set.
    static RECURSION_LIMIT: Cell<i64> = const { Cell::new(1000) };
}

builtin! {
    /// Exit the interpreter by raising SystemExit(status).
    python ["sys.exit"]
    fn exit(it, status = None) {
        let class = Rc::new(Class {
            name: "SystemExit".into(),
            bases: vec![Value::ExcClass(ExcKind::SystemExit)],
            dict: RefCell::new(HashMap::new()),
        });
        let mut dict = HashMap::new();
        let args = match &status {
            Value::None => vec![],
            v => vec![v.clone()],
        };
        dict.insert("args".to_string(), Value::tuple(args));
        dict.insert("code".to_string(), status.clone());
        let inst = Value::Instance(Rc::new(Instance {
            class,
            dict: RefCell::new(dict),
            attr_order: RefCell::new(vec!["args".into(), "code".into()]),
            native: RefCell::new(None),
        }));
        let message = match &status {
            Value::None => String::new(),
            v => it.str_of(v)?,
        };
        let mut e = Exception::new(ExcKind::SystemExit, message);
        e.value = Some(inst);
        Err(Flow::Error(Box::new(e)))
    }
}

builtin! {
    /// Return the current value of the recursion limit.
    python ["sys.getrecursionlimit"]
    fn getrecursionlimit(it) {
        Ok(Value::Int(RECURSION_LIMIT.with(|c| c.get())))
    }
}

builtin! {
    /// Set the maximum depth of the Python interpreter stack to n.
    python ["sys.setrecursionlimit"]
    fn setrecursionlimit(it, limit) {
        let n = match limit {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
        };
        if n < 1 {
            return raise(ExcKind::ValueError, "recursion limit must be greater or equal than 1");
        }
        RECURSION_LIMIT.with(|c| c.set(n));
        Ok(Value::None)
    }
}

/// The bytes CPython 3.11 reports for a dict of `n` entries (`str_keys`: the compact
/// table of string keys).
fn dict_size(n: usize, str_keys: bool) -> i64 {
    if n == 0 {
        return 64;
    }
    let mut size = 8usize;
    while size * 2 / 3 < n {
        size *= 2;
    }
    let usable = size * 2 / 3;
    let index = if size <= 128 {
        1
    } else if size <= 1 << 15 {
        2
    } else {
        4
    };
    let entry = if str_keys { 16 } else { 24 };
    (64 + 32 + size * index + usable * entry) as i64
}

fn set_size(n: usize) -> i64 {
    let mut table = 8usize;
    let mut fill = 0usize;
    for _ in 0..n {
        fill += 1;
        if fill * 5 >= (table - 1) * 3 {
            let minused = fill * if fill > 50000 { 2 } else { 4 };
            let mut t = 8;
            while t <= minused {
                t <<= 1;
            }
            table = t;
        }
    }
    if table == 8 {
        216
    } else {
        216 + table as i64 * 16
    }
}

fn str_size(s: &str) -> i64 {
    let n = s.chars().count() as i64;
    let max = s.chars().map(|c| c as u32).max().unwrap_or(0);
    if max < 128 {
        49 + n
    } else if max < 256 {
        73 + n
    } else if max < 65536 {
        74 + 2 * n
    } else {
        76 + 4 * n
    }
}

builtin! {
    /// Return the size of object in bytes.
    python ["sys.getsizeof"]
    fn getsizeof(it, object, default = None) {
        Ok(Value::Int(match &object {
            Value::None => 16,
            Value::Bool(_) => 28,
            Value::Int(i) => {
                let a = i.unsigned_abs();
                if a < 1 << 30 { 28 } else if a < 1 << 60 { 32 } else { 36 }
            }
            Value::Float(_) => 24,
            Value::Str(s) => str_size(s),
            // A list display of constants: CPython extends an empty list by the
            // constant tuple, which rounds three or more slots up to even.
            Value::List(l) => {
                let n = l.borrow().len() as i64;
                56 + 8 * if n >= 3 { (n + 1) & !1 } else { n }
            }
            Value::Tuple(t) => 40 + 8 * t.len() as i64,
            Value::Dict(d) => {
                let d = d.borrow();
                dict_size(d.len(), d.keys.iter().all(|k| matches!(k, Value::Str(_))))
            }
            Value::Set(s) => set_size(s.borrow().len()),
            Value::Range(..) => 48,
            Value::Builtin(_) => 72,
            Value::Function(_) => 152,
            Value::Module(_) => 72,
            Value::Instance(_) => 48,
            _ => 56,
        }))
    }
}

/// `sys.argv` as the command line gave it: the script and its arguments, `['-c', ...]`,
/// or `['']` in the REPL.
impl Interp {
    pub fn set_argv(&mut self, argv: Vec<String>) {
        let m = module(self, "sys");
        m.set(
            "argv",
            Value::list(argv.iter().map(|a| Value::str(a)).collect()),
        );
    }
}

fn struct_seq(
    type_name: &'static str,
    repr_name: &'static str,
    fields: &[(&'static str, Value)],
) -> Value {
    Value::Object(Rc::new(StructSeq {
        type_name,
        repr_name,
        fields: fields.iter().map(|f| f.0).collect(),
        values: fields.iter().map(|f| f.1.clone()).collect(),
        visible: fields.len(),
    }))
}

/// Sets `sys`'s constants, streams and tables.
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "sys");
    m.set("argv", Value::list(vec![Value::str("")]));
    m.set("version", Value::str(VERSION));
    m.set("hexversion", Value::Int(0x030b07f0));
    m.set(
        "version_info",
        struct_seq(
            "version_info",
            "sys.version_info",
            &[
                ("major", Value::Int(3)),
                ("minor", Value::Int(11)),
                ("micro", Value::Int(7)),
                ("releaselevel", Value::str("final")),
                ("serial", Value::Int(0)),
            ],
        ),
    );
    m.set(
        "float_info",
        struct_seq(
            "float_info",
            "sys.float_info",
            &[
                ("max", Value::Float(f64::MAX)),
                ("max_exp", Value::Int(1024)),
                ("max_10_exp", Value::Int(308)),
                ("min", Value::Float(f64::MIN_POSITIVE)),
                ("min_exp", Value::Int(-1021)),
                ("min_10_exp", Value::Int(-307)),
                ("dig", Value::Int(15)),
                ("mant_dig", Value::Int(53)),
                ("epsilon", Value::Float(f64::EPSILON)),
                ("radix", Value::Int(2)),
                ("rounds", Value::Int(1)),
            ],
        ),
    );
    m.set("platform", Value::str("linux"));
    m.set("byteorder", Value::str("little"));
    m.set("maxsize", Value::Int(i64::MAX));
    m.set("executable", Value::str("/usr/local/bin/python3"));
    m.set(
        "path",
        Value::list(
            [
                "",
                "/usr/local/lib/python311.zip",
                "/usr/local/lib/python3.11",
                "/usr/local/lib/python3.11/lib-dynload",
                "/usr/local/lib/python3.11/site-packages",
            ]
            .iter()
            .map(|s| Value::str(s))
            .collect(),
        ),
    );
    let stdout = Value::Object(Rc::new(Stream { err: false }));
    let stderr = Value::Object(Rc::new(Stream { err: true }));
    m.set("stdout", stdout.clone());
    m.set("stderr", stderr.clone());
    m.set("__stdout__", stdout);
    m.set("__stderr__", stderr);
    for mine in ["string", "copy", "json"] {
        module(it, mine);
    }
    let mut modules = Dict::default();
    let mut names: Vec<String> = super::ROOTS.iter().map(|(_, n)| n.to_string()).collect();
    names.push("builtins".into());
    for n in names {
        if let Some(v) = it.modules.get(&n).cloned() {
            let _ = modules.insert(Value::str(&n), v);
        }
    }
    m.set("modules", Value::Dict(Rc::new(RefCell::new(modules))));
}
