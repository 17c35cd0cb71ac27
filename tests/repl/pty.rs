//! Driving tensh in a pseudo-terminal: start it with its own state folder, type lines, wait
//! for prompts, read what an entry printed.

use rexpect::session::{spawn_command, PtySession};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder for one test's history, config and files.
pub fn state_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tensh-repl-{}-{}", tag, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("state dir");
    d
}

/// tensh with its history under `state` and no config file of the user's.
pub fn command(state: &Path, no_color: bool) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tensh"));
    cmd.env("XDG_STATE_HOME", state)
        .env("XDG_CONFIG_HOME", state.join("config"))
        .env("TERM", "xterm-256color")
        .env_remove("CLICOLOR_FORCE");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    cmd
}

pub fn start(state: &Path, no_color: bool) -> PtySession {
    start_cmd(command(state, no_color))
}

/// A plain-text session working in its own folder.
pub fn start_in(tag: &str) -> (PtySession, PathBuf) {
    let st = state_dir(tag);
    let mut cmd = command(&st, true);
    cmd.current_dir(&st);
    (start_cmd(cmd), st)
}

pub fn start_cmd(cmd: Command) -> PtySession {
    let mut p = spawn_command(cmd, Some(30_000)).expect("spawn tensh in a pty");
    prompt(&mut p, "first prompt");
    p
}

pub fn line(p: &mut PtySession, s: &str) {
    p.send_line(s).expect("send");
}

/// Types keys as they are, without Enter.
pub fn keys(p: &mut PtySession, s: &str) {
    p.send(s).expect("send");
    p.flush().expect("flush");
}

/// Waits for a prompt and for the line editor to take the terminal (raw mode) before typing.
pub fn prompt(p: &mut PtySession, what: &str) -> String {
    let out = p.exp_string(">>> ").expect(what);
    std::thread::sleep(std::time::Duration::from_millis(250));
    out
}

/// Types `s`, then a marker print; returns what the terminal showed up to the marker's
/// output (the line editor redraws prompts while typing, so a prompt is no end mark).
pub fn entry(p: &mut PtySession, s: &str) -> String {
    line(p, s);
    std::thread::sleep(std::time::Duration::from_millis(300));
    marker(p, s)
}

/// Prints a marker and returns everything shown before it.
pub fn marker(p: &mut PtySession, what: &str) -> String {
    line(p, "print('<<' + 'done>>')");
    let out = p.exp_string("<<done>>").expect(what);
    prompt(p, "after the marker");
    out
}

pub fn quit(mut p: PtySession) {
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exits");
}
