//! The `tensh` command line: the REPL on a terminal, otherwise scripts from files, `-c` or
//! standard input. Everything else lives in the library.

// Every unsafe block says why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use tensh::eval::Outcome;
use tensh::syntax::source::decode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "tensh",
    version,
    about = "A REPL for tensor experiments that speaks TensorFlow 2",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command_mode: Option<Mode>,
    /// The script to run (`-` reads standard input) and the arguments it sees in
    /// `sys.argv`. With none, start the REPL on a terminal.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    files: Vec<String>,
    /// Run CODE instead of a file.
    #[arg(short = 'c', value_name = "CODE")]
    command: Option<String>,
    /// Report each failing statement and go on with the next one.
    #[arg(short = 'k', long)]
    keep_going: bool,
    /// Seed every random draw (`tensh test` uses 0 unless told).
    #[arg(long, global = true)]
    seed: Option<u64>,
    /// The most memory one tensor may take, e.g. 512M or 4G (default: half what is available).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<usize>,
    /// When to use color: auto, always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"], global = true)]
    color: String,
}

#[derive(Subcommand, Debug)]
enum Mode {
    /// Run golden transcripts (files, or folders of .txt) and compare each cell's output.
    Test {
        /// Rewrite the expected outputs from this run (wildcard lines that still match stay).
        #[arg(long)]
        bless: bool,
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Print the transcript of a script: one cell per `# %%` marker or top-level statement.
    Record { script: String },
    /// Run a notebook's code cells in order, as a script (magics included).
    Run {
        /// Run every cell as Jupyter does and write the outputs back into the notebook.
        #[arg(long)]
        inplace: bool,
        /// Go on after a failing cell.
        #[arg(short = 'k', long)]
        keep_going: bool,
        notebook: String,
    },
    /// Print the CPU and the path each family of kernels takes on it; with `--bounds`,
    /// also measure the copy bandwidth and the FMA peak.
    Info {
        #[arg(long)]
        bounds: bool,
    },
    /// Serve a Jupyter kernel (`-f CONNECTION_FILE`), or `install` its kernelspec.
    Kernel {
        /// The connection file Jupyter wrote.
        #[arg(short = 'f', value_name = "CONNECTION_FILE")]
        connection_file: Option<String>,
        /// `install`: write the kernelspec into the user's Jupyter data directory.
        action: Option<String>,
    },
}

fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1usize << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        Some('T') => (&t[..t.len() - 1], 1 << 40),
        _ => (t, 1),
    };
    num.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("'{}' is not a size such as 512M or 4G", s))
}

/// Color for reports on stdout (`tensh test`): the same policy, judged on stdout.
fn use_color_stdout(choice: &str) -> bool {
    match choice {
        "auto" => use_color(choice) && std::io::stdout().is_terminal(),
        _ => use_color(choice),
    }
}

fn use_color(choice: &str) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                return false;
            }
            if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                return true;
            }
            std::io::stderr().is_terminal()
        }
    }
}

/// The longest script tensh reads.
const MAX_SCRIPT: usize = 256 << 20;

/// A script's bytes, read in pieces: up to the first NUL byte (the source is rejected there,
/// so `tensh < /dev/zero` fails at once) and at most `MAX_SCRIPT` bytes, so an endless
/// input cannot take all memory.
fn read_script(mut r: impl Read, what: &str) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if let Some(p) = chunk[..n].iter().position(|&b| b == 0) {
            bytes.extend_from_slice(&chunk[..=p]);
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() > MAX_SCRIPT {
            return Err(std::io::Error::other(format!(
                "{} is longer than {} MiB",
                what,
                MAX_SCRIPT >> 20
            )));
        }
    }
}

fn read_script_file(path: &str) -> std::io::Result<Vec<u8>> {
    read_script(std::fs::File::open(path)?, "the file")
}

fn run(cli: Cli) -> u8 {
    if let Some(bytes) = cli.max_memory {
        tensh::tensor::alloc::set_limit(bytes);
    }
    let color = use_color(&cli.color);
    colored::control::set_override(color);
    match &cli.command_mode {
        Some(Mode::Test { bless, paths }) => {
            let stdout_color = use_color_stdout(&cli.color);
            colored::control::set_override(stdout_color);
            let (notebooks, transcripts): (Vec<String>, Vec<String>) = paths
                .iter()
                .cloned()
                .partition(|p| tensh::notebook::run::is_notebook(p));
            let mut status = 0;
            if !notebooks.is_empty() {
                status |= tensh::notebook::run::test_command(
                    &notebooks,
                    cli.seed.unwrap_or(0),
                    stdout_color,
                );
            }
            if !transcripts.is_empty() {
                status |= tensh::golden::runner::test_command(
                    &transcripts,
                    cli.seed.unwrap_or(0),
                    *bless,
                    stdout_color,
                );
            }
            return status;
        }
        Some(Mode::Run {
            inplace,
            keep_going,
            notebook,
        }) => {
            return if *inplace {
                tensh::notebook::run::run_inplace(notebook, cli.seed)
            } else {
                tensh::notebook::run::run(notebook, cli.seed, color, *keep_going)
            };
        }
        Some(Mode::Info { bounds }) => {
            print!("{}", tensh::tensor::machine::report(*bounds));
            return 0;
        }
        Some(Mode::Kernel {
            connection_file,
            action,
        }) => {
            return match (action.as_deref(), connection_file) {
                (Some("install"), _) => tensh::kernel::install(),
                (None, Some(f)) => tensh::kernel::serve(f, cli.seed),
                (Some(other), _) => {
                    eprintln!(
                        "tensh: unknown kernel action '{}' (try `tensh kernel install`)",
                        other
                    );
                    2
                }
                (None, None) => {
                    eprintln!("tensh: `tensh kernel` needs -f CONNECTION_FILE (Jupyter passes it)");
                    2
                }
            };
        }
        Some(Mode::Record { script }) => {
            let src = match read_script_file(script) {
                Ok(b) => match decode(b, script) {
                    Ok(s) => s,
                    Err(msg) => {
                        eprintln!("{}", msg);
                        return 1;
                    }
                },
                Err(e) => {
                    eprintln!("tensh: can't open file '{}': {}", script, e);
                    return 2;
                }
            };
            return match tensh::golden::runner::record(&src, script, cli.seed.unwrap_or(0)) {
                Ok(text) => {
                    print!("{}", text);
                    0
                }
                Err(e) => {
                    eprintln!("{}: {}", e.kind, e.message);
                    1
                }
            };
        }
        None => {}
    }
    if let Some(code) = &cli.command {
        let mut it = tensh::stdio_session(cli.seed, color);
        // `python -c CODE a b`: sys.argv is ['-c', 'a', 'b'].
        let argv = std::iter::once("-c".to_string())
            .chain(cli.files.iter().cloned())
            .collect();
        it.set_argv(argv);
        return status(it.run(code, Some("<string>"), cli.keep_going));
    }
    if cli.files.is_empty() && std::io::stdin().is_terminal() {
        return tensh::repl::run(cli.seed, color);
    }
    if let Some(nb) = cli
        .files
        .first()
        .filter(|f| tensh::notebook::run::is_notebook(f))
    {
        return tensh::notebook::run::run(nb, cli.seed, color, cli.keep_going);
    }
    // The first name is the script; the rest are its arguments (sys.argv[1:]).
    let files = match cli.files.first() {
        None => vec!["-".to_string()],
        Some(script) => vec![script.clone()],
    };
    let mut it = tensh::stdio_session(cli.seed, color);
    it.set_argv(match cli.files.first() {
        None => vec![String::new()],
        Some(_) => cli.files.clone(),
    });
    let mut failed = false;
    for f in &files {
        let (bytes, name) = if f == "-" {
            match read_script(std::io::stdin().lock(), "standard input") {
                Ok(bytes) => (bytes, "<stdin>".to_string()),
                Err(e) if e.kind() == std::io::ErrorKind::Other => {
                    eprintln!("tensh: {}", e);
                    return 2;
                }
                Err(_) => {
                    eprintln!("tensh: cannot read standard input");
                    return 2;
                }
            }
        } else {
            match read_script_file(f) {
                Ok(bytes) => (bytes, f.clone()),
                Err(e) => {
                    eprintln!("tensh: can't open file '{}': {}", f, e);
                    return 2;
                }
            }
        };
        let src = match decode(bytes, &name) {
            Ok(src) => src,
            Err(msg) => {
                eprintln!("{}", msg);
                failed = true;
                if cli.keep_going {
                    continue;
                }
                break;
            }
        };
        match it.run(&src, Some(&name), cli.keep_going) {
            Outcome::Ok => {}
            Outcome::Exit(code) => return code,
            Outcome::Failed => {
                failed = true;
                if !cli.keep_going {
                    break;
                }
            }
        }
    }
    failed as u8
}

/// The process's exit status after a run: 1 when it failed, `SystemExit`'s status when it
/// ended that way.
fn status(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Ok => 0,
        Outcome::Failed => 1,
        Outcome::Exit(code) => code,
    }
}

/// Keeps freed pages for reuse: tensor buffers of the same size come and go in loops, and
/// returning them to the OS makes every new one fault its pages in again (TensorFlow's
/// allocator keeps them too). Freed pages are only marked to be returned after a second
/// (ten for arenas), or at once when the REPL or the kernel waits for the next entry
/// (`tensor::alloc::release_free_memory`).
fn tune_allocator() {
    // mimalloc.h's option numbers (the -sys crate does not export these two).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: plain FFI calls setting two mimalloc options before any large allocation;
    // they take no pointers and mimalloc reads them on later arena and purge decisions.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 1000);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 1);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    // Panics are caught per statement and reported as InternalError; keep the default
    // hook's backtrace noise off the user's screen unless asked for.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = Cli::parse();
    // Deep recursion in user code needs more stack than the main thread has.
    let worker = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || run(cli));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}
