//! The process's Ctrl-C flag, shared by the session (loops check it between iterations) and
//! by long kernels (a large matmul checks it between row blocks), so an interrupt lands
//! within about 100 ms wherever the time goes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// The flag SIGINT sets.
pub fn flag() -> Arc<AtomicBool> {
    FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)))
        .clone()
}

/// Whether an interrupt is waiting (kernels stop early; the caller then raises it).
pub fn pending() -> bool {
    FLAG.get().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Takes a waiting interrupt: true (and the flag cleared) when there was one.
pub fn take() -> bool {
    FLAG.get().is_some_and(|f| f.swap(false, Ordering::Relaxed))
}
