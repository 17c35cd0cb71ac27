//! Completion without a terminal, shared by the line editor and the Jupyter kernel: the name
//! or attribute chain before the cursor is completed from the session's names, builtins,
//! keywords, the keyword arguments of the call the cursor is in, and the attributes of the
//! value a chain names, and IPython's magics after a `%`. Looking values up runs attribute
//! access only, never a call.

use crate::eval::{Interp, Value};
use crate::syntax::lexeme::KEYWORDS;

/// The identifier chain ending at `pos` (`tf.nn.re`), and where it starts.
pub(crate) fn word_before(line: &str, pos: usize) -> (usize, &str) {
    let before = &line[..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    (start, &before[start..])
}

/// The name of the function whose call's argument list contains `pos`, if any.
fn enclosing_call(line: &str, pos: usize) -> Option<String> {
    let mut depth = 0i32;
    let b: Vec<char> = line[..pos].chars().collect();
    for i in (0..b.len()).rev() {
        match b[i] {
            ')' | ']' | '}' => depth += 1,
            '[' | '{' => depth -= 1,
            '(' => {
                if depth == 0 {
                    let head: String = b[..i].iter().collect();
                    let (_, w) = word_before(&head, head.len());
                    return if w.is_empty() {
                        None
                    } else {
                        Some(w.to_string())
                    };
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// The keyword arguments of the function `func` names (a dotted path), from its declaration,
/// or from the parameters of a user function.
fn keyword_args(it: &mut Interp, func: &str) -> Vec<String> {
    let Some(v) = resolve(it, func) else {
        return vec![];
    };
    if let Some(d) = crate::eval::decl::decl_of(&v) {
        return d.keywords().map(|k| format!("{}=", k)).collect();
    }
    match &v {
        Value::Function(f) => {
            let p = &f.def.params;
            p.positional[p.posonly..]
                .iter()
                .chain(&p.kwonly)
                .map(|q| format!("{}=", q.name))
                .collect()
        }
        _ => vec![],
    }
}

/// The value a dotted chain of names names, looked up without calling anything but
/// attribute access.
pub(crate) fn resolve(it: &mut Interp, chain: &str) -> Option<Value> {
    let mut parts = chain.split('.');
    let mut v = it.load_name(parts.next()?).ok()?;
    for p in parts {
        v = it.get_attr(&v, p).ok()?;
    }
    Some(v)
}

/// Whether a candidate is offered for what was typed: private names (`_x`) only once an
/// underscore has been typed.
fn offered(name: &str, typed: &str) -> bool {
    name.starts_with(typed) && (typed.starts_with('_') || !name.starts_with('_'))
}

/// `%ti` → `%time`, `%timeit`; `%%wr` → `%%writefile`: a magic's name at the start of a
/// line.
fn magic_names(line: &str, pos: usize) -> Option<(usize, Vec<String>)> {
    let line_start = line[..pos].rfind('\n').map_or(0, |i| i + 1);
    let typed = line[line_start..pos].trim_start();
    let rest = typed.strip_prefix('%')?;
    let (prefix, list, name) = match rest.strip_prefix('%') {
        Some(name) => ("%%", super::magics::CELL_MAGICS, name),
        None => ("%", super::magics::LINE_MAGICS, rest),
    };
    if !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let names = list
        .iter()
        .filter(|m| m.starts_with(name))
        .map(|m| format!("{}{}", prefix, m))
        .collect();
    Some((pos - typed.len(), names))
}

/// The completions of the word before `pos`: where it starts and the sorted candidates.
pub(crate) fn candidates(it: &mut Interp, line: &str, pos: usize) -> (usize, Vec<String>) {
    if let Some(found) = magic_names(line, pos) {
        return found;
    }
    let (start, word) = word_before(line, pos);
    let mut names: Vec<String> = if let Some(dot) = word.rfind('.') {
        let (base, part) = (&word[..dot], &word[dot + 1..]);
        let Some(v) = resolve(it, base) else {
            return (start, vec![]);
        };
        crate::eval::attrs::attr_names(&v)
            .into_iter()
            .filter(|n| offered(n, part))
            .map(|n| format!("{}.{}", base, n))
            .collect()
    } else {
        let mut names: Vec<String> = Vec::new();
        if let Some(func) = enclosing_call(line, pos) {
            names.extend(keyword_args(it, &func));
        }
        names.extend(it.globals.borrow().vars.keys().map(|k| k.to_string()));
        names.extend(it.builtins.keys().cloned());
        names.extend(KEYWORDS.iter().map(|s| s.to_string()));
        names.retain(|n| offered(n, word));
        names
    };
    names.sort();
    names.dedup();
    (start, names)
}

pub(crate) mod tests {
    use super::*;

    fn magic_names_complete_at_the_start_of_a_line() {
        let (start, names) = magic_names("%ti", 3).expect("a magic");
        assert_eq!((start, names), (0, vec!["%time".into(), "%timeit".into()]));
        let (start, names) = magic_names("x = 1\n  %%wr", 12).expect("a cell magic");
        assert_eq!((start, names), (8, vec!["%%writefile".into()]));
        assert!(magic_names("x % 2", 5).is_none());
    }

    unit_cases!(magic_names_complete_at_the_start_of_a_line);
}
