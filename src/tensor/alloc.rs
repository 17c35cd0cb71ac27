//! The memory budget: every op that makes a tensor whose size it computes (creation,
//! broadcasting, tiling, padding, matmul) asks first, and a tensor larger than tensh allows
//! fails with TensorFlow's ResourceExhaustedError before anything is allocated.

use super::error::{TResult, TfError};
use super::DType;
use crate::errors::ExcKind;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The limit in bytes; 0 means "not set yet": the memory available at first use.
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
            let a = available();
            LIMIT.store(a, Ordering::Relaxed);
            a
        }
        l => l,
    }
}

/// Checks that a tensor of `shape` and `dtype`, made by TensorFlow op `op`, fits the budget;
/// the error is TensorFlow's, kernel prefix and all.
pub(crate) fn check(shape: &[usize], dtype: DType, op: &str) -> TResult<()> {
    let bytes = shape
        .iter()
        .try_fold(dtype.size_bytes(), |acc, &d| acc.checked_mul(d))
        .unwrap_or(usize::MAX);
    if bytes > limit() {
        let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
        return Err(TfError::new(
            ExcKind::ResourceExhaustedError,
            format!(
                "{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} OOM when allocating tensor with shape[{}] and type {} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:{op}] name:",
                dims.join(","),
                dtype.kind_word(),
                op = op
            ),
        ));
    }
    Ok(())
}
