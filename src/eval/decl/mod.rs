//! One declaration per builtin function. A [`builtin!`](crate::builtin) names the paths the
//! function lives at (every alias), its parameters with each default written once, the
//! wording its argument errors take, TensorFlow's one-line description, and its body.
//! Argument binding, arity and keyword errors, `help()`, keyword completion and module
//! membership all come from that one declaration.
//!
//! ```ignore
//! builtin! {
//!     /// Computes the sum of elements across dimensions of a tensor.
//!     dispatch ["tf.math.reduce_sum", "tf.reduce_sum"]
//!     fn reduce_sum(it, input_tensor, axis = None, keepdims = False, name = None) {
//!         // each parameter is a local `Value`, its default already filled in
//!     }
//! }
//! ```
//!
//! Parameters follow Python: `*` starts the keyword-only ones, `*args` and `**kwargs`
//! collect the rest (as a tuple and a dict). Defaults are Python literals: `None`, `True`,
//! `False`, numbers, strings, `()`, and dtypes such as `tf.float32`.

use super::error::R;
use super::value::Value;
use super::Interp;
use crate::tensor::DType;

pub(crate) use linkme;

mod bind;
mod install;
mod macros;
pub(crate) mod tests;

pub(crate) use bind::Bindable;
pub(crate) use install::{decl_of, install};

/// How a function words a bad call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Python's own wording: `f() missing 1 required positional argument: 'x'`.
    Python,
    /// TensorFlow's API dispatcher: `Missing required positional argument`,
    /// `Too many arguments were given. Expected 3 but got 5.`,
    /// `Got an unexpected keyword argument 'foo'`.
    Dispatch,
    /// Python's wording under the generated op's own name (`tf.negative` is `neg()`).
    Op(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Positional,
    KeywordOnly,
    VarArgs,
    VarKw,
}

/// One parameter as declared; `default` is the literal's source text.
#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub default: Option<&'static str>,
}

pub type DeclFn = fn(&mut Interp, Vec<Value>) -> R<Value>;

/// The Python name of a declared function or parameter: `r#where` declares `where`, and
/// `super_` declares `super` (a Rust keyword that cannot be a raw identifier).
pub const fn py_name(ident: &'static str) -> &'static str {
    match ident.as_bytes() {
        [b'r', b'#', ..] => ident.split_at(2).1,
        [.., b'_', b'_'] => ident,
        [_, .., b'_'] => ident.split_at(ident.len() - 1).0,
        _ => ident,
    }
}

/// A builtin function as declared once.
pub struct Decl {
    /// The Python name, used in error messages and reprs.
    pub name: &'static str,
    /// Every path it is reachable at, e.g. `tf.math.sigmoid`, `tf.nn.sigmoid`, `tf.sigmoid`;
    /// `builtins.len` for Python's builtins.
    pub paths: &'static [&'static str],
    pub params: &'static [Param],
    pub style: Style,
    /// The documentation, first line first.
    pub doc: &'static str,
    pub f: DeclFn,
}

/// Every declared builtin of the program, gathered at link time.
#[linkme::distributed_slice]
pub static BUILTINS: [Decl];

impl Decl {
    /// The one-line description.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// `reduce_sum(input_tensor, axis=None, keepdims=False, name=None)`.
    pub fn signature(&self) -> String {
        let mut parts = Vec::new();
        let mut star_done = false;
        for p in self.params {
            match p.kind {
                ParamKind::VarArgs => {
                    star_done = true;
                    parts.push(format!("*{}", p.name));
                }
                ParamKind::VarKw => parts.push(format!("**{}", p.name)),
                ParamKind::KeywordOnly if !star_done => {
                    star_done = true;
                    parts.push("*".into());
                    parts.push(param_text(p));
                }
                _ => parts.push(param_text(p)),
            }
        }
        format!("{}({})", self.name, parts.join(", "))
    }

    /// Names a caller can pass by keyword (for completion).
    pub fn keywords(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.params
            .iter()
            .filter(|p| matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly))
            .map(|p| p.name)
    }

    /// The defaults as values, one per parameter (None where there is none).
    pub fn defaults(&self) -> Vec<Option<Value>> {
        self.params
            .iter()
            .map(|p| {
                p.default.map(|d| {
                    literal(d).unwrap_or_else(|| {
                        panic!(
                            "{}: default {} of {} is not a literal",
                            self.name, d, p.name
                        )
                    })
                })
            })
            .collect()
    }
}

fn param_text(p: &Param) -> String {
    match p.default {
        Some(d) => format!("{}={}", p.name, shown_default(d)),
        None => p.name.to_string(),
    }
}

/// A default as Python shows it (`"same"` in Rust source is `'same'` in Python).
fn shown_default(d: &str) -> String {
    match literal(d) {
        Some(Value::Str(s)) => python_str_repr(&s),
        _ => d.replace(' ', ""),
    }
}

fn python_str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c == q => {
                out.push('\\');
                out.push(c)
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// A default's source text as a value.
fn literal(text: &str) -> Option<Value> {
    let t = text.trim();
    Some(match t {
        "None" => Value::None,
        "True" => Value::Bool(true),
        "False" => Value::Bool(false),
        "()" => Value::tuple(vec![]),
        // A tuple of literals without nesting: `(1, 1)`, `(2,)`.
        _ if t.starts_with('(') && t.ends_with(')') && !t[1..t.len() - 1].contains('(') => {
            let inner = &t[1..t.len() - 1];
            let items = inner
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(literal)
                .collect::<Option<Vec<Value>>>()?;
            Value::tuple(items)
        }
        _ if t.starts_with('"') && t.ends_with('"') && t.len() >= 2 => {
            Value::str(&unescape(&t[1..t.len() - 1]))
        }
        _ => {
            let compact = t.replace(' ', "");
            if let Ok(i) = compact.parse::<i64>() {
                Value::Int(i)
            } else if let Ok(f) = compact.parse::<f64>() {
                Value::Float(f)
            } else if let Some(d) = compact.strip_prefix("tf.") {
                Value::DType(DType::from_name(d)?)
            } else {
                return None;
            }
        }
    })
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}
