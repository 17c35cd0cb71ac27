//! The Jupyter kernel: driven over ZeroMQ with the same crate the kernel uses (always
//! runs): heartbeat, kernel_info, an execution with a result, one with an error, a
//! completion, is_complete, an interrupt and a shutdown; then through the real
//! `jupyter_client` (skipped, saying so, when Python or the package index is absent):
//! results, errors, completions and a PNG figure. Also `tensh kernel install`.

mod jupyter;

use bytes::Bytes;
use serde_json::{json, Value as Json};
use std::process::{Child, Command};
use std::time::Duration;
use zeromq::{DealerSocket, ReqSocket, Socket, SocketRecv, SocketSend, SubSocket, ZmqMessage};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tensh")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

struct Kernel {
    child: Child,
    conn: Json,
}

impl Drop for Kernel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_kernel(tag: &str) -> Kernel {
    let dir = jupyter::scratch(tag);
    let conn = json!({
        "shell_port": free_port(), "iopub_port": free_port(), "stdin_port": free_port(),
        "control_port": free_port(), "hb_port": free_port(), "ip": "127.0.0.1",
        "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "transport": "tcp",
        "signature_scheme": "hmac-sha256", "kernel_name": "tensh",
    });
    let path = dir.join("conn.json");
    std::fs::write(&path, conn.to_string()).expect("connection file");
    let child = Command::new(bin())
        .args(["kernel", "-f"])
        .arg(&path)
        .spawn()
        .expect("start the kernel");
    Kernel { child, conn }
}

fn sign(key: &[u8], parts: &[Vec<u8>]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).expect("key");
    for p in parts {
        mac.update(p);
    }
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{:02x}", b))
        .collect()
}

struct Client {
    key: Vec<u8>,
    shell: DealerSocket,
    control: DealerSocket,
    iopub: SubSocket,
    session: String,
    n: usize,
}

fn request(c: &mut Client, msg_type: &str, content: Json) -> (String, ZmqMessage) {
    c.n += 1;
    let msg_id = format!("req-{}", c.n);
    let header = json!({"msg_id": msg_id, "session": c.session, "username": "test",
        "date": "2024-01-01T00:00:00.000000Z", "msg_type": msg_type, "version": "5.3"});
    let parts: Vec<Vec<u8>> = [header, json!({}), json!({}), content]
        .iter()
        .map(|j| serde_json::to_vec(j).expect("json"))
        .collect();
    let sig = sign(&c.key, &parts);
    let mut frames = vec![Bytes::from_static(b"<IDS|MSG>"), Bytes::from(sig)];
    frames.extend(parts.into_iter().map(Bytes::from));
    (msg_id, ZmqMessage::try_from(frames).expect("frames"))
}

/// The (header, parent header, content) of a received message, checking its signature.
fn parse(key: &[u8], m: ZmqMessage) -> (Json, Json, Json) {
    let frames: Vec<Vec<u8>> = m.into_vec().into_iter().map(|b| b.to_vec()).collect();
    let d = frames
        .iter()
        .position(|f| f.as_slice() == b"<IDS|MSG>")
        .expect("delimiter");
    let sig = String::from_utf8(frames[d + 1].clone()).expect("sig");
    assert_eq!(sig, sign(key, &frames[d + 2..d + 6]), "signature");
    let j = |i: usize| serde_json::from_slice::<Json>(&frames[d + i]).expect("json part");
    (j(2), j(3), j(5))
}

async fn shell_call(c: &mut Client, msg_type: &str, content: Json) -> (Json, Vec<(String, Json)>) {
    let (id, m) = request(c, msg_type, content);
    c.shell.send(m).await.expect("send");
    let reply = tokio::time::timeout(Duration::from_secs(60), c.shell.recv())
        .await
        .expect("reply in time")
        .expect("recv");
    let (h, p, content) = parse(&c.key, reply);
    assert_eq!(p["msg_id"], json!(id));
    assert_eq!(h["msg_type"], json!(msg_type.replace("_request", "_reply")));
    // IOPub until this request's idle status.
    let mut pub_msgs = Vec::new();
    loop {
        let m = tokio::time::timeout(Duration::from_secs(30), c.iopub.recv())
            .await
            .expect("iopub in time")
            .expect("recv");
        let (h, p, body) = parse(&c.key, m);
        if p["msg_id"] != json!(id) {
            continue;
        }
        let kind = h["msg_type"].as_str().unwrap_or("").to_string();
        let idle = kind == "status" && body["execution_state"] == "idle";
        pub_msgs.push((kind, body));
        if idle {
            break;
        }
    }
    (content, pub_msgs)
}

#[test]
fn the_kernel_speaks_the_jupyter_protocol() {
    let k = start_kernel("kernel-zmq");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let ep = |name: &str| format!("tcp://127.0.0.1:{}", k.conn[name]);
        // The kernel binds after it starts: retry the first connections.
        let mut hb = ReqSocket::new();
        let mut tries = 0;
        while hb.connect(&ep("hb_port")).await.is_err() {
            tries += 1;
            assert!(tries < 200, "the kernel did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        hb.send(ZmqMessage::from("ping")).await.expect("ping");
        let pong = tokio::time::timeout(Duration::from_secs(10), hb.recv())
            .await
            .expect("heartbeat in time")
            .expect("pong");
        assert_eq!(pong.get(0).map(|b| b.to_vec()), Some(b"ping".to_vec()));
        let mut c = Client {
            key: k.conn["key"].as_str().unwrap().as_bytes().to_vec(),
            shell: DealerSocket::new(),
            control: DealerSocket::new(),
            iopub: SubSocket::new(),
            session: "test-session".into(),
            n: 0,
        };
        c.shell.connect(&ep("shell_port")).await.expect("shell");
        c.control.connect(&ep("control_port")).await.expect("control");
        c.iopub.connect(&ep("iopub_port")).await.expect("iopub");
        c.iopub.subscribe("").await.expect("subscribe");
        // Until IOPub is subscribed, status messages are lost: ask kernel_info until one
        // arrives.
        let mut info = Json::Null;
        for _ in 0..50 {
            let (_, m) = request(&mut c, "kernel_info_request", json!({}));
            c.shell.send(m).await.expect("send");
            let r = c.shell.recv().await.expect("reply");
            info = parse(&c.key, r).2;
            if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_millis(200), c.iopub.recv()).await {
                break;
            }
        }
        assert_eq!(info["protocol_version"], "5.3");
        assert_eq!(info["language_info"]["name"], "python");
        assert_eq!(info["status"], "ok");
        // Drain what the kernel_info requests left on IOPub.
        while let Ok(Ok(_)) = tokio::time::timeout(Duration::from_millis(300), c.iopub.recv()).await {}

        let (reply, pubs) = shell_call(&mut c, "execute_request",
            json!({"code": "import math\nx = 20\nprint('hello')\nx + 22", "silent": false, "store_history": true,
                   "user_expressions": {}, "allow_stdin": false, "stop_on_error": true})).await;
        assert_eq!(reply["status"], "ok");
        assert_eq!(reply["execution_count"], 1);
        let kinds: Vec<&str> = pubs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["status", "execute_input", "stream", "execute_result", "status"]);
        assert_eq!(pubs[0].1["execution_state"], "busy");
        assert_eq!(pubs[1].1["code"], "import math\nx = 20\nprint('hello')\nx + 22");
        assert_eq!(pubs[2].1, json!({"name": "stdout", "text": "hello\n"}));
        assert_eq!(pubs[3].1["data"]["text/plain"], "42");
        assert_eq!(pubs[3].1["execution_count"], 1);

        let (reply, pubs) = shell_call(&mut c, "execute_request",
            json!({"code": "1 / 0", "silent": false})).await;
        assert_eq!(reply["status"], "error");
        assert_eq!(reply["ename"], "ZeroDivisionError");
        assert_eq!(reply["execution_count"], 2);
        let err = pubs.iter().find(|(k, _)| k == "error").expect("error message");
        assert_eq!(err.1["evalue"], "division by zero");
        assert!(err.1["traceback"].as_array().is_some_and(|t| !t.is_empty()));

        let (reply, _) = shell_call(&mut c, "complete_request",
            json!({"code": "y = 1\nmath.sq", "cursor_pos": 13})).await;
        assert_eq!(reply["status"], "ok");
        assert!(reply["matches"].as_array().unwrap().contains(&json!("math.sqrt")), "{}", reply);
        assert_eq!(reply["cursor_start"], 6);
        assert_eq!(reply["cursor_end"], 13);

        let (reply, _) = shell_call(&mut c, "is_complete_request", json!({"code": "for i in x:"})).await;
        assert_eq!(reply, json!({"status": "incomplete", "indent": "    "}));
        let (reply, _) = shell_call(&mut c, "is_complete_request", json!({"code": "x = 1"})).await;
        assert_eq!(reply["status"], "complete");

        let (reply, _) = shell_call(&mut c, "inspect_request",
            json!({"code": "len", "cursor_pos": 2, "detail_level": 0})).await;
        assert_eq!(reply["found"], true);
        assert!(reply["data"]["text/plain"].as_str().is_some_and(|t| t.contains("len")));

        // An interrupt on the control channel stops a running loop.
        let (_, m) = request(&mut c, "execute_request", json!({"code": "while True:\n    pass"}));
        let loop_id = c.n;
        c.shell.send(m).await.expect("send");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (_, m) = request(&mut c, "interrupt_request", json!({}));
        c.control.send(m).await.expect("interrupt");
        let r = tokio::time::timeout(Duration::from_secs(10), c.control.recv()).await
            .expect("interrupt reply").expect("recv");
        assert_eq!(parse(&c.key, r).2["status"], "ok");
        let r = tokio::time::timeout(Duration::from_secs(10), c.shell.recv()).await
            .expect("the loop ended").expect("recv");
        let (_, p, content) = parse(&c.key, r);
        assert_eq!(p["msg_id"], json!(format!("req-{}", loop_id)));
        assert_eq!(content["ename"], "KeyboardInterrupt");

        let (_, m) = request(&mut c, "shutdown_request", json!({"restart": false}));
        c.control.send(m).await.expect("shutdown");
        let r = tokio::time::timeout(Duration::from_secs(10), c.control.recv()).await
            .expect("shutdown reply").expect("recv");
        assert_eq!(parse(&c.key, r).2, json!({"status": "ok", "restart": false}));
    });
    let mut k = k;
    let mut exited = false;
    for _ in 0..50 {
        if let Ok(Some(status)) = k.child.try_wait() {
            assert!(status.success());
            exited = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(exited, "the kernel exits after shutdown_request");
}

#[test]
fn install_writes_a_kernelspec() {
    let dir = jupyter::scratch("kernelspec");
    let out = Command::new(bin())
        .args(["kernel", "install"])
        .env("JUPYTER_DATA_DIR", &dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let spec: Json = serde_json::from_str(
        &std::fs::read_to_string(dir.join("kernels/tensh/kernel.json")).expect("kernel.json"),
    )
    .expect("json");
    let argv = spec["argv"].as_array().expect("argv");
    assert_eq!(
        argv[1..],
        [json!("kernel"), json!("-f"), json!("{connection_file}")]
    );
    assert!(spec["argv"][0]
        .as_str()
        .is_some_and(|p| p.ends_with("tensh")));
    assert_eq!(spec["language"], "python");
}

const CLIENT: &str = r#"
import json, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="tensh", startup_timeout=60)
out = {}
def run(code):
    msgs = []
    reply = kc.execute_interactive(code, timeout=60, output_hook=msgs.append)
    return reply["content"], [(m["msg_type"], m["content"]) for m in msgs]
try:
    r, msgs = run("a = 6\na * 7")
    out["result"] = [c["data"]["text/plain"] for t, c in msgs if t == "execute_result"]
    r, msgs = run("undefined_name")
    out["error"] = [r["status"], r["ename"], r["evalue"]]
    run("import math")
    reply = kc.complete("y = 2\nmath.fl", 13, reply=True, timeout=30)
    out["complete"] = reply["content"]["matches"]
    r, msgs = run("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\nplt.title('a figure')\nplt.show()")
    pngs = [c["data"]["image/png"] for t, c in msgs if t == "display_data"]
    out["figure"] = [p[:11] for p in pngs]
    out["figure_text"] = [c["data"]["text/plain"] for t, c in msgs if t == "display_data"]
    info = kc.kernel_info(reply=True, timeout=30)
    out["implementation"] = info["content"]["implementation"]
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
print(json.dumps(out, sort_keys=True))
"#;

#[test]
fn jupyter_client_runs_cells_in_the_kernel() {
    let py = match jupyter::python_with("jupyter", &["jupyter_client"]) {
        Ok(py) => py,
        Err(why) => {
            eprintln!("skipped: jupyter_client is not available: {}", why);
            return;
        }
    };
    let data = jupyter::scratch("jupyter-data");
    let out = Command::new(bin())
        .args(["kernel", "install"])
        .env("JUPYTER_DATA_DIR", &data)
        .output()
        .expect("install");
    assert_eq!(out.status.code(), Some(0));
    let out = Command::new(py)
        .args(["-c", CLIENT])
        .env("JUPYTER_DATA_DIR", &data)
        .env("JUPYTER_PATH", &data)
        .env("JUPYTER_RUNTIME_DIR", data.join("runtime"))
        .output()
        .expect("python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Json = serde_json::from_str(stdout.trim().lines().last().unwrap_or("")).expect("json");
    assert_eq!(got["result"], json!(["42"]));
    assert_eq!(
        got["error"],
        json!(["error", "NameError", "name 'undefined_name' is not defined"])
    );
    assert!(
        got["complete"]
            .as_array()
            .unwrap()
            .contains(&json!("math.floor")),
        "{}",
        got
    );
    assert_eq!(got["figure"], json!(["iVBORw0KGgo"]));
    assert_eq!(
        got["figure_text"],
        json!(["<Figure size 640x480 with 1 Axes>"])
    );
    assert_eq!(got["implementation"], "tensh");
}
