//! The kernel's requests that need the session, answered on the interpreter's thread:
//! `kernel_info`, `execute` (with busy/idle status, `execute_input`, the outputs as they
//! come, and the reply), `complete`, `inspect`, `is_complete`, `history`, `comm_info`.

use super::wire::Message;
use crate::notebook::exec::{Event, Executor};
use serde_json::{json, Value as Json};

/// Where a message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Shell,
    Control,
    IoPub,
}

/// Sends a message out (the socket thread signs and writes it).
pub type Send = std::sync::Arc<dyn Fn(Channel, Message) + std::marker::Send + Sync>;

pub fn kernel_info() -> Json {
    json!({
        "status": "ok",
        "protocol_version": super::wire::PROTOCOL_VERSION,
        "implementation": "tensh",
        "implementation_version": env!("CARGO_PKG_VERSION"),
        "language_info": {
            "name": "python",
            "version": "3.11.7",
            "mimetype": "text/x-python",
            "file_extension": ".py",
            "pygments_lexer": "ipython3",
            "codemirror_mode": {"name": "ipython", "version": 3},
            "nbconvert_exporter": "python",
        },
        "banner": format!("tensh {} — TensorFlow 2 in Rust", env!("CARGO_PKG_VERSION")),
        "help_links": [],
    })
}

/// The session side of the kernel.
pub struct Shell {
    pub ex: Executor,
    pub session: String,
    pub send: Send,
}

fn status(send: &Send, session: &str, parent: &Message, state: &str) {
    send(
        Channel::IoPub,
        Message::new(
            session,
            "status",
            Some(parent),
            vec![b"kernel.status".to_vec()],
            json!({ "execution_state": state }),
        ),
    );
}

/// An output event as the IOPub message that carries it.
fn event_message(session: &str, parent: &Message, count: usize, e: &Event) -> Message {
    let (kind, content) = match e {
        Event::Stream { name, text } => ("stream", json!({"name": name, "text": text})),
        Event::Display { png, text } => (
            "display_data",
            json!({
                "data": {"image/png": crate::plot::png::base64(png), "text/plain": text},
                "metadata": {},
                "transient": {},
            }),
        ),
        Event::Result { text } => (
            "execute_result",
            json!({"execution_count": count, "data": {"text/plain": text}, "metadata": {}}),
        ),
        Event::Error(err) => (
            "error",
            json!({"ename": err.ename, "evalue": err.evalue, "traceback": err.traceback}),
        ),
    };
    Message::new(
        session,
        kind,
        Some(parent),
        vec![format!("kernel.{}", kind).into_bytes()],
        content,
    )
}

impl Shell {
    /// Answers one shell request; returns false after `shutdown_request`.
    pub fn handle(&mut self, msg: &Message) -> bool {
        let send = self.send.clone();
        let session = self.session.clone();
        status(&send, &session, msg, "busy");
        let mut go_on = true;
        let reply = match msg.msg_type() {
            "kernel_info_request" => Some(("kernel_info_reply", kernel_info())),
            "execute_request" => Some(("execute_reply", self.execute(msg))),
            "complete_request" => Some(("complete_reply", self.complete(msg))),
            "inspect_request" => Some(("inspect_reply", self.inspect(msg))),
            "is_complete_request" => Some(("is_complete_reply", is_complete(msg))),
            "history_request" => Some(("history_reply", json!({"status": "ok", "history": []}))),
            "comm_info_request" => Some(("comm_info_reply", json!({"status": "ok", "comms": {}}))),
            "shutdown_request" => {
                go_on = false;
                let restart = msg.content.get("restart").cloned().unwrap_or(json!(false));
                Some((
                    "shutdown_reply",
                    json!({"status": "ok", "restart": restart}),
                ))
            }
            _ => None,
        };
        if let Some((kind, content)) = reply {
            send(Channel::Shell, msg.reply(&session, kind, content));
        }
        status(&send, &session, msg, "idle");
        // After a cell: what it freed goes back to the system.
        if msg.msg_type() == "execute_request" {
            crate::tensor::alloc::release_free_memory();
        }
        go_on
    }

    fn execute(&mut self, msg: &Message) -> Json {
        let code = msg
            .content
            .get("code")
            .and_then(|c| c.as_str())
            .unwrap_or("")
            .to_string();
        let silent = msg.content.get("silent").and_then(|v| v.as_bool()) == Some(true);
        let store = !silent
            && msg
                .content
                .get("store_history")
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
        let (send, session) = (self.send.clone(), self.session.clone());
        let count = self.ex.execution_count + store as usize;
        if !silent {
            send(
                Channel::IoPub,
                Message::new(
                    &session,
                    "execute_input",
                    Some(msg),
                    vec![b"kernel.execute_input".to_vec()],
                    json!({"code": code, "execution_count": count}),
                ),
            );
            let parent = msg.clone();
            let live_send = send.clone();
            let live_session = session.clone();
            self.ex.set_live(Some(Box::new(move |e: &Event| {
                live_send(
                    Channel::IoPub,
                    event_message(&live_session, &parent, count, e),
                );
            })));
        }
        // A new request starts uninterrupted.
        self.ex
            .it
            .interrupt
            .store(false, std::sync::atomic::Ordering::Relaxed);
        let r = self.ex.execute(&code, store);
        self.ex.set_live(None);
        match r.error {
            None => json!({
                "status": "ok",
                "execution_count": r.execution_count,
                "user_expressions": {},
                "payload": [],
            }),
            Some(e) => json!({
                "status": "error",
                "execution_count": r.execution_count,
                "ename": e.ename,
                "evalue": e.evalue,
                "traceback": e.traceback,
            }),
        }
    }

    fn complete(&mut self, msg: &Message) -> Json {
        let (code, pos) = code_and_cursor(msg);
        let (start, matches) = super::complete::candidates(&mut self.ex.it, code, pos);
        json!({
            "status": "ok",
            "matches": matches,
            "cursor_start": code[..start].chars().count(),
            "cursor_end": code[..pos].chars().count(),
            "metadata": {},
        })
    }

    fn inspect(&mut self, msg: &Message) -> Json {
        let (code, pos) = code_and_cursor(msg);
        match super::complete::inspect(&mut self.ex.it, code, pos) {
            Some(text) => json!({
                "status": "ok",
                "found": true,
                "data": {"text/plain": text},
                "metadata": {},
            }),
            None => json!({"status": "ok", "found": false, "data": {}, "metadata": {}}),
        }
    }
}

/// A completion or inspection request's `code` and its cursor as a byte offset.
fn code_and_cursor(msg: &Message) -> (&str, usize) {
    let code = msg
        .content
        .get("code")
        .and_then(|c| c.as_str())
        .unwrap_or("");
    (code, cursor_byte(code, msg.content.get("cursor_pos")))
}

/// The byte offset of a cursor position given in characters (protocol 5.2 and later).
fn cursor_byte(code: &str, pos: Option<&Json>) -> usize {
    let chars = pos
        .and_then(|p| p.as_u64())
        .map(|p| p as usize)
        .unwrap_or(usize::MAX);
    code.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(code.len())
}

fn is_complete(msg: &Message) -> Json {
    use crate::syntax::complete::{check, Completeness};
    let code = msg
        .content
        .get("code")
        .and_then(|c| c.as_str())
        .unwrap_or("");
    // A front end sends the code typed so far; its last newline is not yet an empty line
    // (IPython: `for i in x:\n    pass\n` is incomplete, a further newline completes it).
    let typed = code.strip_suffix('\n').unwrap_or(code);
    match check(typed) {
        Completeness::Complete => {
            // A complete entry that does not parse is invalid (unless magics make it so).
            if crate::syntax::parse_program(code).is_err() && !crate::repl::magics::has_magic(code)
            {
                json!({"status": "invalid"})
            } else {
                json!({"status": "complete"})
            }
        }
        Completeness::Incomplete => {
            let indent = " ".repeat(crate::repl::editing::next_indent(typed));
            json!({"status": "incomplete", "indent": indent})
        }
    }
}
