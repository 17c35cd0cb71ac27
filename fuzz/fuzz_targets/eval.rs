//! Parse and run arbitrary input in a fresh session with a 64 MB tensor budget. Any panic
//! (the session's own guard turns panics into InternalError, so the harness checks for
//! that too), stack overflow or hang is a finding. A watchdog interrupts a run after
//! 200 ms (or `TENSH_FUZZ_INTERRUPT_MS`), as Ctrl-C would, so `while True: pass` is not
//! reported as a hang; a run still going 15 s after that aborts, so libFuzzer saves the
//! input as a crash (its own -timeout misses hangs when the alarm lands on another thread).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tensh::eval::session::Output;

/// The running session's interrupt flag and when its run began (ms since START).
struct Watch {
    flag: Mutex<Option<Arc<AtomicBool>>>,
    began: AtomicU64,
}

static START: OnceLock<Instant> = OnceLock::new();
static WATCH: OnceLock<Watch> = OnceLock::new();

fn now_ms() -> u64 {
    START.get_or_init(Instant::now).elapsed().as_millis() as u64
}

fn watch() -> &'static Watch {
    WATCH.get_or_init(|| {
        let limit: u64 = std::env::var("TENSH_FUZZ_INTERRUPT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(10));
            let w = watch();
            let ran = now_ms().saturating_sub(w.began.load(Ordering::Relaxed));
            if ran > limit {
                if let Some(f) = w.flag.lock().unwrap().as_ref() {
                    f.store(true, Ordering::Relaxed);
                }
            }
            if ran > limit + 15_000 {
                eprintln!("hang: the run went on 15 s after Ctrl-C");
                std::process::abort();
            }
        });
        Watch {
            flag: Mutex::new(None),
            began: AtomicU64::new(u64::MAX),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    // With TENSH_FUZZ_CURRENT set, each input is written there before it runs, so a process
    // that dies without a word (a kill from outside the harness) still names its input.
    if let Some(path) = std::env::var_os("TENSH_FUZZ_CURRENT") {
        let _ = std::fs::write(path, data);
    }
    // The session runs on a thread with the stack tensh's own evaluator thread has (512 MB,
    // `main.rs`): its recursion limits are set for that stack, and libFuzzer's 8 MB one
    // would overflow first and kill the process without a report.
    let bytes = data.to_vec();
    let worker = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || run_one(bytes))
        .expect("spawn the session thread");
    if let Some(line) = worker.join().unwrap_or_else(|_| Some("the session thread panicked".into())) {
        panic!("{}", line);
    }
});

/// Runs one input in a fresh session; the InternalError line it printed, if any.
fn run_one(bytes: Vec<u8>) -> Option<String> {
    let Ok(src) = tensh::syntax::source::decode(bytes, "<fuzz>") else {
        return None;
    };
    tensh::tensor::alloc::set_limit(64 << 20);
    // What the session writes to stderr, to look for InternalError.
    let sink = tensh::golden::runner::SharedBuf::default();
    let io = Output {
        out: Box::new(std::io::sink()),
        err: Box::new(sink.clone()),
        color: false,
        tty: false,
    };
    let mut it = tensh::session(io, Some(0));
    it.carets = false;
    let w = watch();
    *w.flag.lock().unwrap() = Some(it.interrupt.clone());
    w.began.store(now_ms(), Ordering::Relaxed);
    let _ = it.run(&src, None, true);
    w.began.store(u64::MAX, Ordering::Relaxed);
    *w.flag.lock().unwrap() = None;
    it.flush();
    drop(it);
    let err = sink.0.borrow();
    let pos = err.windows(14).position(|x| x == b"InternalError:")?;
    let line: Vec<u8> = err[pos..].iter().copied().take_while(|&b| b != b'\n').collect();
    Some(String::from_utf8_lossy(&line).into_owned())
}
