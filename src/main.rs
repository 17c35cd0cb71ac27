//! The `tensh` command line: the REPL on a terminal, otherwise scripts from files, `-c` or
//! standard input. Everything else lives in the library.

use clap::Parser;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use tensh::eval::{Interp, Outcome};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "tensh",
    version,
    about = "A REPL for tensor experiments that speaks TensorFlow 2"
)]
struct Cli {
    /// Scripts to run (`-` reads standard input). With none, start the REPL on a terminal.
    files: Vec<String>,
    /// Run CODE instead of a file.
    #[arg(short = 'c', value_name = "CODE")]
    command: Option<String>,
    /// Report each failing statement and go on with the next one.
    #[arg(short = 'k', long)]
    keep_going: bool,
    /// Seed every random draw.
    #[arg(long)]
    seed: Option<u64>,
    /// The most memory one tensor may take, e.g. 512M or 4G (default: what is available).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<usize>,
    /// When to use color: auto, always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
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

fn run(cli: Cli) -> u8 {
    if let Some(bytes) = cli.max_memory {
        tensh::tensor::alloc::set_limit(bytes);
    }
    let color = use_color(&cli.color);
    colored::control::set_override(color);
    if let Some(code) = &cli.command {
        let mut it = Interp::with_stdio(cli.seed, color);
        return (it.run(code, Some("<string>"), cli.keep_going) == Outcome::Failed) as u8;
    }
    if cli.files.is_empty() && std::io::stdin().is_terminal() {
        return tensh::repl::run(cli.seed, color);
    }
    let files = if cli.files.is_empty() {
        vec!["-".to_string()]
    } else {
        cli.files.clone()
    };
    let mut it = Interp::with_stdio(cli.seed, color);
    let mut failed = false;
    for f in &files {
        let (src, name) = if f == "-" {
            let mut s = String::new();
            let mut bytes = Vec::new();
            if std::io::stdin().read_to_end(&mut bytes).is_err() {
                eprintln!("tensh: cannot read standard input");
                return 2;
            }
            s.push_str(&String::from_utf8_lossy(&bytes));
            (s, "<stdin>".to_string())
        } else {
            match std::fs::read(f) {
                Ok(bytes) => (String::from_utf8_lossy(&bytes).into_owned(), f.clone()),
                Err(e) => {
                    eprintln!("tensh: can't open file '{}': {}", f, e);
                    return 2;
                }
            }
        };
        if it.run(&src, Some(&name), cli.keep_going) == Outcome::Failed {
            failed = true;
            if !cli.keep_going {
                break;
            }
        }
    }
    failed as u8
}

fn main() -> ExitCode {
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
