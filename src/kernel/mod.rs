//! A Jupyter kernel: `tensh kernel install` writes a kernelspec; `tensh kernel -f CONN`
//! serves the messaging protocol 5.3 over ZeroMQ, so JupyterLab, VS Code and nbclient run
//! notebooks in tensh.
//!
//! The session runs on the calling thread (it is single-threaded); the sockets run on a
//! second thread under a small tokio runtime: heartbeat echo, the control channel
//! (interrupt and shutdown answered there, while a cell runs), shell requests handed to the
//! session, and what the session sends back signed and written out. SIGINT interrupts
//! the running cell too (Jupyter's default interrupt mode).
//!
//! | file | owns |
//! |---|---|
//! | `wire.rs` | the connection file; messages, signatures, ids, dates |
//! | `shell.rs` | the requests answered with the session (execute, complete, inspect...) |
//! | `complete.rs` | completion and inspection without a terminal |
//! | `sockets.rs` | the ZeroMQ sockets and their tasks |

pub mod complete;
pub mod shell;
mod sockets;
pub mod wire;

use serde_json::json;
use std::path::PathBuf;

/// Where Jupyter looks for the user's kernelspecs: `$JUPYTER_DATA_DIR/kernels`, else
/// `~/.local/share/jupyter/kernels` (`$XDG_DATA_HOME/jupyter/kernels` when set).
pub fn kernels_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JUPYTER_DATA_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(d).join("kernels"));
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty() && std::path::Path::new(v).is_absolute())
    {
        return Some(PathBuf::from(d).join("jupyter").join("kernels"));
    }
    let home = std::env::var_os("HOME")?;
    Some(PathBuf::from(home).join(".local/share/jupyter/kernels"))
}

/// The kernelspec's `kernel.json` for the tensh at `exe`.
pub fn kernel_json(exe: &str) -> String {
    let spec = json!({
        "argv": [exe, "kernel", "-f", "{connection_file}"],
        "display_name": "tensh (TensorFlow 2)",
        "language": "python",
        "interrupt_mode": "signal",
        "metadata": {"debugger": false},
    });
    serde_json::to_string_pretty(&spec).unwrap_or_default() + "\n"
}

/// `tensh kernel install`: writes `kernels/tensh/kernel.json`; returns the exit status.
pub fn install() -> u8 {
    let Some(dir) = kernels_dir() else {
        eprintln!("tensh: cannot find the Jupyter data directory (set JUPYTER_DATA_DIR or HOME)");
        return 1;
    };
    let exe = match std::env::current_exe() {
        Ok(p) => p.display().to_string(),
        Err(e) => {
            eprintln!("tensh: cannot find this program's path: {}", e);
            return 1;
        }
    };
    let dir = dir.join("tensh");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(dir.join("kernel.json"), kernel_json(&exe)));
    match written {
        Ok(()) => {
            println!("Installed kernelspec tensh in {}", dir.display());
            0
        }
        Err(e) => {
            eprintln!("tensh: cannot write {}: {}", dir.display(), e);
            1
        }
    }
}

fn detach_stdin() {
    if let Ok(null) = std::fs::File::open("/dev/null") {
        use std::os::fd::AsRawFd;
        // SAFETY: dup2 onto descriptor 0 of a descriptor we own; both stay valid for the
        // call, and replacing standard input touches no memory of this process.
        unsafe {
            libc::dup2(null.as_raw_fd(), 0);
        }
    }
}

/// `tensh kernel -f CONN.json`: serves until a shutdown request; returns the exit status.
pub fn serve(connection_file: &str, seed: Option<u64>) -> u8 {
    let text = match std::fs::read_to_string(connection_file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "tensh: can't open connection file '{}': {}",
                connection_file, e
            );
            return 2;
        }
    };
    let conn = match wire::Connection::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tensh: bad connection file '{}': {}", connection_file, e);
            return 2;
        }
    };
    // `input()` is not forwarded to the front end: reading standard input (a pipe Jupyter
    // never writes) would block forever, so it reads end-of-file instead.
    detach_stdin();
    let ex = crate::notebook::exec::Executor::new(seed);
    let interrupt = ex.it.interrupt.clone();
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, interrupt.clone());
    let session = wire::new_uuid();
    let (requests, send) = match sockets::start(conn, session.clone(), interrupt) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("tensh: cannot start the kernel: {}", e);
            return 1;
        }
    };
    let mut sh = shell::Shell { ex, session, send };
    while let Ok(msg) = requests.recv() {
        if !sh.handle(&msg) {
            break;
        }
    }
    // Let the socket thread write the last replies.
    sockets::drain();
    0
}
