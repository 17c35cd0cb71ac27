//! The memory budget: every op that makes a tensor whose size it computes (creation,
//! broadcasting, tiling, padding, matmul) asks first, and a tensor larger than tensh allows
//! fails with TensorFlow's ResourceExhaustedError before anything is allocated.

use super::error::{TResult, TfError};
use super::DType;
use crate::errors::ExcKind;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The limit in bytes; 0 means "not set yet": half the memory available at first use.
static LIMIT: AtomicUsize = AtomicUsize::new(0);

/// Sets the most memory one tensor may take (`--max-memory`).
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes.max(1), Ordering::Relaxed);
}

fn available() -> usize {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemAvailable:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<usize>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(8 << 30)
}

pub(crate) fn limit() -> usize {
    match LIMIT.load(Ordering::Relaxed) {
        0 => {
            // Half the memory available: an op may hold its inputs and a temporary next to
            // its output, and a tensor that fits but leaves nothing for them would bring the
            // out-of-memory killer instead of an error.
            let a = available() / 2;
            LIMIT.store(a, Ordering::Relaxed);
            a
        }
        l => l,
    }
}

/// Checks that a tensor of `shape` and `dtype`, made by TensorFlow op `op`, fits the budget;
/// the error is TensorFlow's, kernel prefix and all, with an empty `name:`.
pub(crate) fn check(shape: &[usize], dtype: DType, op: &str) -> TResult<()> {
    check_as(shape, dtype, op, op, Some(""))
}

/// `check` for an op whose kernel is named otherwise (`ConcatV2_N_3`, `__MklMatMul`) or
/// whose message ends in another `name:` or none (TensorFlow's Python wrapper decides).
pub(crate) fn check_as(
    shape: &[usize],
    dtype: DType,
    kernel: &str,
    op: &str,
    name: Option<&str>,
) -> TResult<()> {
    let bytes = shape
        .iter()
        .try_fold(dtype.size_bytes(), |acc, &d| acc.checked_mul(d))
        .unwrap_or(usize::MAX);
    if bytes <= limit() {
        return Ok(());
    }
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let mut message = format!(
        "{{{{function_node __wrapped__{kernel}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} OOM when allocating tensor with shape[{}] and type {} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:{op}]",
        dims.join(","),
        dtype.kind_word(),
    );
    if let Some(n) = name {
        message.push_str(" name: ");
        message.push_str(n);
    }
    let mut e = TfError::new(ExcKind::ResourceExhaustedError, message.trim_end());
    e.oom = Some(Box::new((shape.to_vec(), dtype)));
    Err(e)
}

/// Gives freed memory back to the system. While statements run, the allocator keeps freed
/// pages for reuse for a while (`main` sets the delay: faulting fresh pages into every new
/// tensor costs time); the REPL and the notebook kernel call this between entries, so a
/// large temporary does not stay resident for the rest of a session.
pub fn release_free_memory() {
    // SAFETY: an FFI call taking no pointers: a forced collection of the calling thread's
    // heap and of the arenas, which returns every page marked free. Without mimalloc as the
    // allocator (the library's tests) it acts on an unused heap.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
