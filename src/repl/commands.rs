//! REPL commands: `:help`, `:vars`, `:reset`, `:load`, `:save`, `:show`, and `x?` /
//! `help(x)`. `:time` and `:timeit` are the magics of `magics.rs`.

use crate::eval::{Interp, Value};

pub const HELP: &str = "\
tensh — TensorFlow-2 code on a Rust runtime. Type Python/TensorFlow statements.

Commands
  :help              this text              help(x) or x?   what x is
  :vars              variables: name, type, shape, dtype, bytes
  :reset             forget every variable
  :load FILE         run a script in this session
  :save FILE         write this session's successful entries as a script
  %time STMT         run STMT once and show the CPU and wall times
  %timeit STMT       time STMT as IPython does (mean ± std per loop)
  %who, %whos, %history, %reset -f, %pwd, %cd DIR, %run FILE, %lsmagic
  :show X            draw a 1-D or 2-D tensor (sparkline or heatmap)

Keys
  Tab completes names, module paths (tf.nn.), attributes (net.) and keyword arguments.
  A line ending in ':' or an open bracket continues on '... '; an empty line ends a block.
  Ctrl-R searches history; Ctrl-C clears the line or interrupts a running statement;
  Ctrl-D exits. A trailing ';' hides the result; _ holds the last result.";

/// `:vars`: one row per variable that holds data.
pub fn vars(it: &Interp) -> String {
    let mut names = it.global_vars();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows = vec![format!(
        "{:<16} {:<18} {:<14} {:<8} {:>10}",
        "name", "type", "shape", "dtype", "bytes"
    )];
    for (n, v) in names {
        if n.starts_with('_')
            || matches!(
                v,
                Value::Module(_) | Value::Function(_) | Value::Builtin(_) | Value::Class(_)
            )
        {
            continue;
        }
        let (shape, dtype, bytes) = match crate::api::convert::tensor_of(&v) {
            Some(t) => (
                crate::print::shape_tuple(t.shape()),
                t.dtype().name().to_string(),
                t.nbytes().to_string(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        rows.push(format!(
            "{:<16} {:<18} {:<14} {:<8} {:>10}",
            n,
            v.type_name(),
            shape,
            dtype,
            bytes
        ));
    }
    rows.join("\n") + "\n"
}

/// How `describe` lays a declared builtin out: `help(x)` as Python's help does, `x?` as
/// IPython's inspector does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout<'a> {
    Help,
    /// `x?`, with `x` as typed.
    Inspect(&'a str),
}

/// A declared builtin: its signature and description from its declaration.
fn describe_decl(d: &crate::eval::decl::Decl, module: &str, layout: Layout) -> String {
    let sig = d.signature();
    let is_class = d.name.starts_with(|c: char| c.is_ascii_uppercase());
    match layout {
        Layout::Help if is_class => format!(
            "Help on class {} in module {}:\n\nclass {}\n |  {}\n |  \n |  {}\n",
            d.name,
            module,
            d.name,
            sig,
            d.summary()
        ),
        Layout::Help => format!(
            "Help on {} {} in module {}:\n\n{}\n    {}\n",
            if module == "builtins" {
                "built-in function"
            } else {
                "function"
            },
            d.name,
            module,
            sig,
            d.summary()
        ),
        Layout::Inspect(typed) => format!(
            "Signature: {}{}\nDocstring: {}\nType:      {}\n",
            typed
                .rsplit_once('.')
                .map(|(m, _)| format!("{}.", m))
                .unwrap_or_default(),
            sig,
            d.summary(),
            if is_class { "type" } else { "function" }
        ),
    }
}

/// `help(x)` / `x?`: what a value is.
pub fn describe(it: &mut Interp, v: &Value, layout: Layout) -> String {
    let mut out = String::new();
    if let (Value::Builtin(b), Some(d)) = (v, crate::eval::decl::decl_of(v)) {
        let module = b
            .name
            .rsplit_once('.')
            .map(|(m, _)| m)
            .unwrap_or("builtins");
        return describe_decl(d, module, layout);
    }
    match v {
        Value::Function(f) => {
            let p = &f.def.params;
            let mut parts: Vec<String> = p
                .positional
                .iter()
                .map(|q| match &q.default {
                    Some(d) => format!("{}={}", q.name, crate::syntax::unparse::expr(d)),
                    None => q.name.clone(),
                })
                .collect();
            if let Some(va) = &p.varargs {
                parts.push(format!("*{}", va));
            }
            if let Some(kw) = &p.kwargs {
                parts.push(format!("**{}", kw));
            }
            out.push_str(&format!(
                "Signature: {}({})\nType: function\n",
                f.def.name,
                parts.join(", ")
            ));
        }
        Value::Builtin(b) => out.push_str(&format!(
            "{}\nType: builtin function (tensh runtime)\n",
            b.name
        )),
        Value::Module(m) => {
            let names = crate::eval::attrs::attr_names(v);
            out.push_str(&format!(
                "Module {}\n{} names: {}\n",
                m.name,
                names.len(),
                names.join(", ")
            ));
        }
        _ => {
            let r = it.repr(v).unwrap_or_default();
            out.push_str(&format!("Type: {}\nValue: {}\n", v.type_name(), r));
            let names = crate::eval::attrs::attr_names(v);
            if !names.is_empty() {
                out.push_str(&format!("Attributes: {}\n", names.join(", ")));
            }
        }
    }
    out
}

crate::builtin! {
    /// Define the builtin 'help'.
    python ["builtins.help"]
    fn help(it, *args, **kwds) {
        let first = match &args {
            Value::Tuple(t) => t.first().cloned(),
            _ => None,
        };
        match first {
            Some(v) => {
                let text = describe(it, &v, Layout::Help);
                it.write_out(&text);
            }
            None => it.write_out(HELP),
        }
        Ok(Value::None)
    }
}
