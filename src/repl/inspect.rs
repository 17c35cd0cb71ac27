//! What a value is: `help(x)` laid out as Python's pydoc lays it out, `x?` and `x??` as
//! IPython's inspector does. Declared builtins take their signature and description from
//! their declarations; user functions from their definition (`x??` quotes its source).

use crate::eval::value::Function;
use crate::eval::{Interp, Value};

/// How `describe` lays a value out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout<'a> {
    /// `help(x)`.
    Help,
    /// `x?`, with `x` as typed.
    Inspect(&'a str),
    /// `x??`: as `x?`, with the source of a function defined in the session.
    Source(&'a str),
}

/// IPython's inspector field for a function: the title padded to ten columns.
fn field(title: &str, text: &str) -> String {
    field_in(10, title, text)
}

/// A field with the title padded to `width` columns; text of several lines starts on the
/// next line.
fn field_in(width: usize, title: &str, text: &str) -> String {
    let head = format!("{:<w$}", format!("{}:", title), w = width);
    if text.contains('\n') {
        format!("{}\n{}\n", head, text)
    } else {
        format!("{} {}\n", head, text)
    }
}

/// A declared builtin: its signature and description from its declaration.
fn describe_decl(d: &crate::eval::decl::Decl, module: &str, layout: Layout) -> String {
    let sig = d.signature();
    let is_class = d.name.starts_with(|c: char| c.is_ascii_uppercase());
    match layout {
        Layout::Help if is_class => format!(
            "Help on class {} in module {}:\n\nclass {}\n |  {}\n |  \n |  {}\n\n",
            d.name,
            module,
            d.name,
            sig,
            d.summary()
        ),
        Layout::Help => format!(
            "Help on {} {} in module {}:\n\n{}\n    {}\n\n",
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
        Layout::Inspect(typed) | Layout::Source(typed) => {
            let prefix = typed
                .rsplit_once('.')
                .map(|(m, _)| format!("{}.", m))
                .unwrap_or_default();
            field("Signature", &format!("{}{}", prefix, sig))
                + &field("Docstring", d.summary())
                + &field("Type", if is_class { "type" } else { "function" })
        }
    }
}

/// `f(a, b=2, *args, c=3, **kw)` from a definition.
fn signature(f: &Function) -> String {
    let p = &f.def.params;
    let text = |q: &crate::syntax::ast::Param| match &q.default {
        Some(d) => format!("{}={}", q.name, crate::syntax::unparse::expr(d)),
        None => q.name.clone(),
    };
    let mut parts: Vec<String> = Vec::new();
    for (i, q) in p.positional.iter().enumerate() {
        parts.push(text(q));
        if i + 1 == p.posonly {
            parts.push("/".into());
        }
    }
    match &p.varargs {
        Some(va) => parts.push(format!("*{}", va)),
        None if !p.kwonly.is_empty() => parts.push("*".into()),
        None => {}
    }
    parts.extend(p.kwonly.iter().map(text));
    if let Some(kw) = &p.kwargs {
        parts.push(format!("**{}", kw));
    }
    let name = if f.def.is_lambda {
        "<lambda>"
    } else {
        &f.def.name
    };
    format!("{}({})", name, parts.join(", "))
}

/// The docstring as `inspect.cleandoc` leaves it.
fn docstring(f: &Function) -> Option<String> {
    if f.def.is_lambda {
        return None;
    }
    let crate::syntax::StmtKind::Expr(e) = &f.def.body.first()?.kind else {
        return None;
    };
    let crate::syntax::ast::ExprKind::Str(d) = &e.kind else {
        return None;
    };
    let lines: Vec<&str> = d.lines().collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.trim_start().to_string()
            } else {
                l.get(margin..).unwrap_or("").trim_end().to_string()
            }
        })
        .collect();
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    Some(out.join("\n"))
}

/// The lines of a definition, as `inspect.getsource` finds them: the `def` line and every
/// following line that is blank or indented deeper.
fn source(f: &Function) -> Option<String> {
    let text = &f.file.text;
    let start = f.def.span.start as usize;
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let mut lines = text[line_start..].lines();
    let first = lines.next()?;
    let lead = first.len() - first.trim_start().len();
    let mut out = vec![first];
    for l in lines {
        if !l.trim().is_empty() && l.len() - l.trim_start().len() <= lead {
            break;
        }
        out.push(l);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    Some(out.join("\n"))
}

fn describe_function(f: &Function, layout: Layout) -> String {
    let sig = signature(f);
    let doc = docstring(f);
    match layout {
        Layout::Help => {
            let mut out = format!(
                "Help on function {} in module __main__:\n\n{}\n",
                f.def.name, sig
            );
            if let Some(d) = doc {
                for l in d.lines() {
                    out.push_str(&format!("    {}\n", l));
                }
            }
            out + "\n"
        }
        Layout::Inspect(_) | Layout::Source(_) => {
            let mut out = field("Signature", &sig);
            match (layout, source(f)) {
                (Layout::Source(_), Some(src)) => out.push_str(&field("Source", &src)),
                _ => out.push_str(&field(
                    "Docstring",
                    doc.as_deref().unwrap_or("<no docstring>"),
                )),
            }
            if f.file.name.starts_with('/') {
                out.push_str(&field("File", &f.file.name));
            }
            out + &field("Type", "function")
        }
    }
}

/// `help(x)` / `x?` / `x??`: what a value is.
pub fn describe(it: &mut Interp, v: &Value, layout: Layout) -> String {
    if let (Value::Builtin(b), Some(d)) = (v, crate::eval::decl::decl_of(v)) {
        let module = b
            .name
            .rsplit_once('.')
            .map(|(m, _)| m)
            .unwrap_or("builtins");
        return describe_decl(d, module, layout);
    }
    match v {
        Value::Function(f) => describe_function(f, layout),
        Value::Builtin(b) => format!("{}\nType: builtin function (tensh runtime)\n", b.name),
        Value::Module(m) => {
            let names = crate::eval::attrs::attr_names(v);
            format!(
                "Module {}\n{} names: {}\n",
                m.name,
                names.len(),
                names.join(", ")
            )
        }
        _ => {
            let r = it.repr(v).unwrap_or_default();
            let mut out = match layout {
                Layout::Help => format!("Help on {} object:\n\n{}\n", v.type_name(), r),
                _ => field_in(12, "Type", &v.type_name()) + &field_in(12, "String form", &r),
            };
            let names = crate::eval::attrs::attr_names(v);
            if !names.is_empty() {
                let public: Vec<&String> = names.iter().filter(|n| !n.starts_with('_')).collect();
                out.push_str(&field_in(
                    12,
                    "Attributes",
                    &public
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ));
            }
            out
        }
    }
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
            None => it.write_out(super::commands::HELP),
        }
        Ok(Value::None)
    }
}
