//! The element of a `tf.string` tensor: a byte string, interned. A string tensor is an
//! ndarray of `TStr` handles, so every shape op that moves elements (reshape, gather,
//! concat, slicing, transpose) works on strings as on numbers, by copying handles.
//!
//! Interned bytes live for the rest of the process: each distinct string is stored once,
//! and the total is held to the memory budget, so a session that reads text keeps at most
//! one copy of each line it has seen.

use super::alloc;
use super::error::{TResult, TfError};
use crate::errors::ExcKind;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// One string element: a handle to interned bytes. Ordering and equality are by content.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TStr(&'static [u8]);

impl std::fmt::Debug for TStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", bytes_repr(self.0))
    }
}

struct Interner {
    set: HashSet<&'static [u8]>,
    bytes: usize,
}

fn interner() -> &'static Mutex<Interner> {
    static I: OnceLock<Mutex<Interner>> = OnceLock::new();
    I.get_or_init(|| {
        Mutex::new(Interner {
            set: HashSet::new(),
            bytes: 0,
        })
    })
}

impl TStr {
    /// The handle for `bytes`, storing them the first time they are seen; an error when the
    /// strings stored so far and these would pass the memory budget.
    pub fn intern(bytes: &[u8]) -> TResult<TStr> {
        if bytes.is_empty() {
            return Ok(TStr(b""));
        }
        let mut g = interner().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = g.set.get(bytes) {
            return Ok(TStr(s));
        }
        if g.bytes.saturating_add(bytes.len()) > alloc::limit() {
            return Err(TfError::new(
                ExcKind::ResourceExhaustedError,
                format!(
                    "OOM when allocating a string of {} bytes: the strings held so far take {} bytes",
                    bytes.len(),
                    g.bytes
                ),
            ));
        }
        let leaked: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
        g.bytes += leaked.len();
        g.set.insert(leaked);
        Ok(TStr(leaked))
    }

    /// The handle for a Python `str`, encoded as UTF-8 as TensorFlow stores it.
    pub fn from_str(s: &str) -> TResult<TStr> {
        TStr::intern(s.as_bytes())
    }

    pub fn bytes(self) -> &'static [u8] {
        self.0
    }

    pub fn len(self) -> usize {
        self.0.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

/// Python's repr of a `bytes` value: `b'abc'`, `b'd\xc3\xa9f'`, `b"it's"`.
pub fn bytes_repr(b: &[u8]) -> String {
    crate::syntax::unparse::bytes_quote(b)
}

pub(crate) mod tests {
    use super::*;

    fn interned_strings_share_storage_and_compare_by_content() {
        let a = TStr::intern(b"hello").unwrap();
        let b = TStr::from_str("hello").unwrap();
        assert!(std::ptr::eq(a.bytes(), b.bytes()));
        assert!(TStr::from_str("abc").unwrap() < TStr::from_str("abd").unwrap());
        assert_eq!(TStr::default().bytes(), b"");
    }

    fn bytes_repr_follows_python() {
        // Python: repr(b"d\xc3\xa9f\n'") == 'b"d\\xc3\\xa9f\\n\'"'
        assert_eq!(bytes_repr("déf\n'".as_bytes()), "b\"d\\xc3\\xa9f\\n'\"");
        assert_eq!(bytes_repr(b"a'b\"c"), "b'a\\'b\"c'");
    }

    unit_cases!(
        interned_strings_share_storage_and_compare_by_content,
        bytes_repr_follows_python
    );
}
