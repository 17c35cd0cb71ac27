//! The `text/plain` of a cell's value as IPython's display hook prints it: the repr, with
//! lists, tuples and dicts broken one item per line when they pass 79 columns (each level
//! one space deeper, as `IPython.lib.pretty` does), and objects without a repr of their
//! own shown as `<module.Class at 0x...>`.

use crate::eval::error::R;
use crate::eval::{Interp, Value};

const MAX_WIDTH: usize = 79;

/// IPython's text for a value.
pub fn text(it: &mut Interp, v: &Value) -> R<String> {
    pretty(it, v, 0, 0, 0)
}

/// `<foo.Bar object at 0x7f...>` becomes `<foo.Bar at 0x7f...>`.
fn ipython_address(s: String) -> String {
    if !s.contains(" object at 0x") {
        return s;
    }
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"<([A-Za-z_][\w.]*) object at (0x[0-9a-fA-F]+)>").expect("regex")
    });
    re.replace_all(&s, "<$1 at $2>").into_owned()
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The column after `s` printed from column `col`.
fn end_column(s: &str, col: usize) -> usize {
    match s.rsplit_once('\n') {
        Some((_, last)) => width(last),
        None => col + width(s),
    }
}

fn pretty(it: &mut Interp, v: &Value, col: usize, depth: usize, trail: usize) -> R<String> {
    let flat = ipython_address(it.repr(v)?);
    if col + width(&flat) + trail <= MAX_WIDTH || flat.contains('\n') {
        return Ok(flat);
    }
    let (open, close, items): (&str, &str, Vec<(Option<String>, Value)>) = match v {
        Value::List(l) => (
            "[",
            "]",
            l.borrow().iter().map(|x| (None, x.clone())).collect(),
        ),
        Value::Tuple(t) if t.len() > 1 => ("(", ")", t.iter().map(|x| (None, x.clone())).collect()),
        Value::Dict(d) => {
            let d = d.borrow();
            if d.ext.is_some() {
                return Ok(flat);
            }
            let pairs: Vec<(Value, Value)> = d
                .keys
                .iter()
                .cloned()
                .zip(d.values.iter().cloned())
                .collect();
            drop(d);
            let mut items = Vec::new();
            for (k, x) in pairs {
                items.push((Some(ipython_address(it.repr(&k)?)), x));
            }
            ("{", "}", items)
        }
        _ => return Ok(flat),
    };
    if items.is_empty() {
        return Ok(flat);
    }
    let indent = depth + 1;
    let mut out = String::from(open);
    let mut c = col + 1;
    let n = items.len();
    for (i, (key, x)) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
            c = indent;
        }
        if let Some(k) = key {
            out.push_str(&k);
            out.push_str(": ");
            c += width(&k) + 2;
        }
        let t = if i + 1 == n { close.len() + trail } else { 1 };
        let s = pretty(it, &x, c, depth + 1, t)?;
        c = end_column(&s, c);
        out.push_str(&s);
    }
    out.push_str(close);
    Ok(out)
}
