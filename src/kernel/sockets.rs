//! The kernel's five ZeroMQ sockets (zeromq, a pure-Rust ZeroMQ) on a thread of their own
//! under a current-thread tokio runtime: heartbeat (REP, echoes), control (ROUTER,
//! answered here: interrupt, shutdown, kernel_info), shell (ROUTER: requests go to the
//! session's thread, replies come back), stdin (ROUTER, not used: `input()` is not
//! forwarded), IOPub (PUB: status and outputs).

use super::shell::{kernel_info, Channel, Send};
use super::wire::{Connection, Message};
use bytes::Bytes;
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use zeromq::{PubSocket, RepSocket, RouterSocket, Socket, SocketRecv, SocketSend, ZmqMessage};

/// Messages handed to the socket thread and not yet written.
static PENDING: AtomicUsize = AtomicUsize::new(0);

/// Waits (up to two seconds) until every message handed over has been written.
pub fn drain() {
    let t0 = std::time::Instant::now();
    while PENDING.load(Ordering::SeqCst) > 0 && t0.elapsed().as_secs() < 2 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
}

fn frames_of(m: ZmqMessage) -> Vec<Vec<u8>> {
    m.into_vec().into_iter().map(|b| b.to_vec()).collect()
}

fn zmq_of(frames: Vec<Vec<u8>>) -> Option<ZmqMessage> {
    ZmqMessage::try_from(frames.into_iter().map(Bytes::from).collect::<Vec<_>>()).ok()
}

struct Sockets {
    hb: RepSocket,
    control: RouterSocket,
    shell: RouterSocket,
    stdin: RouterSocket,
    iopub: PubSocket,
}

async fn bind_all(c: &Connection) -> Result<Sockets, String> {
    let mut s = Sockets {
        hb: RepSocket::new(),
        control: RouterSocket::new(),
        shell: RouterSocket::new(),
        stdin: RouterSocket::new(),
        iopub: PubSocket::new(),
    };
    let e = |what: &str, port: u16, err: zeromq::ZmqError| {
        format!("cannot bind the {} socket to port {}: {}", what, port, err)
    };
    s.hb.bind(&c.endpoint(c.hb_port))
        .await
        .map_err(|x| e("heartbeat", c.hb_port, x))?;
    s.control
        .bind(&c.endpoint(c.control_port))
        .await
        .map_err(|x| e("control", c.control_port, x))?;
    s.shell
        .bind(&c.endpoint(c.shell_port))
        .await
        .map_err(|x| e("shell", c.shell_port, x))?;
    s.stdin
        .bind(&c.endpoint(c.stdin_port))
        .await
        .map_err(|x| e("stdin", c.stdin_port, x))?;
    s.iopub
        .bind(&c.endpoint(c.iopub_port))
        .await
        .map_err(|x| e("iopub", c.iopub_port, x))?;
    Ok(s)
}

/// Binds the sockets and starts their thread; returns the shell requests for the session
/// and the way to send messages out.
pub fn start(
    conn: Connection,
    session: String,
    interrupt: Arc<AtomicBool>,
) -> Result<(std::sync::mpsc::Receiver<Message>, Send), String> {
    let (req_tx, req_rx) = std::sync::mpsc::channel::<Message>();
    let (out_tx, out_rx) = tokio::sync::mpsc::unbounded_channel::<(Channel, Message)>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<(), String>>();
    let spawned = std::thread::Builder::new()
        .name("tensh-kernel-sockets".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e.to_string()));
                    return;
                }
            };
            rt.block_on(async move {
                let socks = match bind_all(&conn).await {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                serve(socks, conn.key, session, req_tx, out_rx, interrupt).await;
            });
        });
    if let Err(e) = spawned {
        return Err(e.to_string());
    }
    match ready_rx.recv() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err("the socket thread ended".into()),
    }
    let send: Send = Arc::new(move |ch, msg| {
        PENDING.fetch_add(1, Ordering::SeqCst);
        if out_tx.send((ch, msg)).is_err() {
            PENDING.fetch_sub(1, Ordering::SeqCst);
        }
    });
    Ok((req_rx, send))
}

async fn serve(
    s: Sockets,
    key: Vec<u8>,
    session: String,
    requests: std::sync::mpsc::Sender<Message>,
    mut out: tokio::sync::mpsc::UnboundedReceiver<(Channel, Message)>,
    interrupt: Arc<AtomicBool>,
) {
    let Sockets {
        mut hb,
        mut control,
        shell,
        mut stdin,
        mut iopub,
    } = s;
    let (mut shell_send, mut shell_recv) = shell.split();
    let heartbeat = async move {
        while let Ok(m) = hb.recv().await {
            if hb.send(m).await.is_err() {
                break;
            }
        }
    };
    let shell_key = key.clone();
    let shell_in = async move {
        while let Ok(m) = shell_recv.recv().await {
            if let Some(msg) = Message::from_frames(&frames_of(m), &shell_key) {
                if requests.send(msg).is_err() {
                    break;
                }
            }
        }
    };
    let control_key = key.clone();
    let control_loop = async move {
        while let Ok(m) = control.recv().await {
            let Some(msg) = Message::from_frames(&frames_of(m), &control_key) else {
                continue;
            };
            let (reply, exit) = match msg.msg_type() {
                "interrupt_request" => {
                    interrupt.store(true, Ordering::SeqCst);
                    (Some(("interrupt_reply", json!({"status": "ok"}))), false)
                }
                "shutdown_request" => {
                    let restart = msg.content.get("restart").cloned().unwrap_or(json!(false));
                    (
                        Some((
                            "shutdown_reply",
                            json!({"status": "ok", "restart": restart}),
                        )),
                        true,
                    )
                }
                "kernel_info_request" => (Some(("kernel_info_reply", kernel_info())), false),
                _ => (None, false),
            };
            if let Some((kind, content)) = reply {
                let r = msg.reply(&session, kind, content);
                if let Some(z) = zmq_of(r.to_frames(&control_key)) {
                    let _ = control.send(z).await;
                }
            }
            if exit {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                std::process::exit(0);
            }
        }
    };
    let stdin_loop = async move { while stdin.recv().await.is_ok() {} };
    let writer = async move {
        while let Some((ch, msg)) = out.recv().await {
            if let Some(z) = zmq_of(msg.to_frames(&key)) {
                let _ = match ch {
                    Channel::IoPub => iopub.send(z).await,
                    Channel::Shell | Channel::Control => shell_send.send(z).await,
                };
            }
            PENDING.fetch_sub(1, Ordering::SeqCst);
        }
    };
    tokio::join!(heartbeat, shell_in, control_loop, stdin_loop, writer);
}
