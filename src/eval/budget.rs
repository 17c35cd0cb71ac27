//! The memory budget for Python objects: before a string, list, tuple, dict or set grows
//! past what tensh may take (`--max-memory`, by default half the memory available), it raises
//! `MemoryError` at once, as CPython does when its allocation fails, instead of growing
//! until the machine runs out. Tensors have their own check (`tensor::alloc`), which raises
//! TensorFlow's `ResourceExhaustedError`.

use super::error::raise;
use super::value::Value;
use super::R;
use crate::errors::ExcKind;

/// Fails with `MemoryError` when `items` elements of `size` bytes each would exceed the
/// budget (an overflowing product too).
pub(crate) fn check(items: usize, size: usize) -> R<()> {
    match items.checked_mul(size) {
        Some(b) if b <= crate::tensor::alloc::limit() => Ok(()),
        _ => raise(ExcKind::MemoryError, ""),
    }
}

/// `check` for a container of `n` Python values (lists, tuples, dicts, sets).
pub(crate) fn values(n: usize) -> R<()> {
    check(n, std::mem::size_of::<Value>())
}

/// `check` for a string of `n` bytes.
pub(crate) fn bytes(n: usize) -> R<()> {
    check(n, 1)
}

/// How often a growing container re-checks the budget and the Ctrl-C flag (a power of two
/// minus one: `len & EVERY == EVERY`).
pub(crate) const EVERY: usize = 0xffff;

/// For a container growing one item at a time: every `EVERY + 1` items, `values(len)`.
#[inline]
pub(crate) fn grow(len: usize) -> R<()> {
    grow_sized(len, std::mem::size_of::<Value>())
}

/// `grow` for items of `size` bytes each (a dict entry holds a key, a value and an index).
#[inline]
pub(crate) fn grow_sized(len: usize, size: usize) -> R<()> {
    if len & EVERY == EVERY {
        check(len, size)?;
    }
    Ok(())
}
