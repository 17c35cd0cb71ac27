//! Completion and inspection for the kernel: completion is the line editor's own
//! (`repl::complete`), inspection the REPL's `x?` text for the word around the cursor.

use crate::eval::Interp;
pub(crate) use crate::repl::complete::candidates;
use crate::repl::complete::{resolve, word_before};

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
    let layout = crate::repl::inspect::Layout::Inspect(word);
    Some(crate::repl::inspect::describe(it, &v, layout))
}

pub(crate) mod tests {
    use super::*;

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

    unit_cases!(completes_names_and_attributes);
}
