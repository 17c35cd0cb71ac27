//! Completion and inspection for the kernel, without a terminal: the name or attribute
//! chain before the cursor is completed from the session's names, builtins, keywords and
//! the attributes of the value the chain names (as the REPL completes); inspection is the
//! REPL's `x?` text.

use crate::eval::{Interp, Value};
use crate::syntax::lexeme::KEYWORDS;

/// The identifier chain ending at `pos` (`tf.nn.re`), and where it starts.
fn word_before(code: &str, pos: usize) -> (usize, &str) {
    let before = &code[..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    (start, &before[start..])
}

/// The value a dotted chain of names names, looked up without calling anything but
/// attribute access.
fn resolve(it: &mut Interp, chain: &str) -> Option<Value> {
    let mut parts = chain.split('.');
    let mut v = it.load_name(parts.next()?).ok()?;
    for p in parts {
        v = it.get_attr(&v, p).ok()?;
    }
    Some(v)
}

/// The completions of the word before `pos`: where it starts and the candidates.
pub fn candidates(it: &mut Interp, code: &str, pos: usize) -> (usize, Vec<String>) {
    let (start, word) = word_before(code, pos);
    if let Some(dot) = word.rfind('.') {
        let (base, part) = (&word[..dot], &word[dot + 1..]);
        let Some(v) = resolve(it, base) else {
            return (start, vec![]);
        };
        let mut names: Vec<String> = crate::eval::attrs::attr_names(&v)
            .into_iter()
            .filter(|n| n.starts_with(part) && (part.starts_with('_') || !n.starts_with('_')))
            .map(|n| format!("{}.{}", base, n))
            .collect();
        names.sort();
        names.dedup();
        return (start, names);
    }
    let mut names: Vec<String> = it
        .globals
        .borrow()
        .vars
        .keys()
        .map(|k| k.to_string())
        .collect();
    names.extend(it.builtins.keys().cloned());
    names.extend(KEYWORDS.iter().map(|s| s.to_string()));
    names.retain(|n| n.starts_with(word) && (word.starts_with('_') || !n.starts_with('_')));
    names.sort();
    names.dedup();
    (start, names)
}

/// The help text for the name or attribute chain at `pos` (the REPL's `x?`).
pub fn inspect(it: &mut Interp, code: &str, pos: usize) -> Option<String> {
    // The word around the cursor: back to its start, forward to its end.
    let end = code[pos..]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map(|(i, _)| pos + i)
        .unwrap_or(code.len());
    let (_, word) = word_before(code, end);
    let word = word.trim_matches('.');
    if word.is_empty() {
        return None;
    }
    let v = resolve(it, word)?;
    let layout = crate::repl::commands::Layout::Inspect(word);
    Some(crate::repl::commands::describe(it, &v, layout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_names_and_attributes() {
        let mut it = crate::golden::runner::capture_session(0).0;
        it.run("import numpy as np\nmy_value = 3", None, false);
        let (s, c) = candidates(&mut it, "x = my_v", 8);
        assert_eq!((s, c), (4, vec!["my_value".to_string()]));
        let (s, c) = candidates(&mut it, "np.zer", 6);
        assert_eq!(s, 0);
        assert!(c.contains(&"np.zeros".to_string()), "{:?}", c);
        assert!(inspect(&mut it, "np.zeros", 3).is_some());
        assert!(inspect(&mut it, "nothing_here", 3).is_none());
    }
}
