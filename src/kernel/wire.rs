//! The Jupyter wire protocol (5.3): the connection file, messages as ZeroMQ frames
//! (`<IDS|MSG>`, the HMAC-SHA256 signature, header, parent header, metadata, content),
//! signing and checking, and the ISO 8601 dates of headers.

use hmac::{Hmac, Mac};
use serde_json::{json, Value as Json};
use sha2::Sha256;

pub const DELIMITER: &[u8] = b"<IDS|MSG>";
pub const PROTOCOL_VERSION: &str = "5.3";

/// What a connection file says.
#[derive(Clone, Debug)]
pub struct Connection {
    pub ip: String,
    pub transport: String,
    pub key: Vec<u8>,
    pub shell_port: u16,
    pub iopub_port: u16,
    pub stdin_port: u16,
    pub control_port: u16,
    pub hb_port: u16,
}

impl Connection {
    pub fn parse(text: &str) -> Result<Connection, String> {
        let j: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let port = |name: &str| -> Result<u16, String> {
            j.get(name)
                .and_then(|v| v.as_u64())
                .and_then(|p| u16::try_from(p).ok())
                .ok_or_else(|| format!("no {} in the connection file", name))
        };
        let scheme = j
            .get("signature_scheme")
            .and_then(|v| v.as_str())
            .unwrap_or("hmac-sha256");
        let key = j.get("key").and_then(|v| v.as_str()).unwrap_or("");
        if scheme != "hmac-sha256" && !key.is_empty() {
            return Err(format!("signature scheme {} is not supported", scheme));
        }
        let transport = j
            .get("transport")
            .and_then(|v| v.as_str())
            .unwrap_or("tcp")
            .to_string();
        if transport != "tcp" {
            return Err(format!(
                "transport {} is not supported (only tcp)",
                transport
            ));
        }
        Ok(Connection {
            ip: j
                .get("ip")
                .and_then(|v| v.as_str())
                .unwrap_or("127.0.0.1")
                .to_string(),
            transport,
            key: key.as_bytes().to_vec(),
            shell_port: port("shell_port")?,
            iopub_port: port("iopub_port")?,
            stdin_port: port("stdin_port")?,
            control_port: port("control_port")?,
            hb_port: port("hb_port")?,
        })
    }

    pub fn endpoint(&self, port: u16) -> String {
        format!("{}://{}:{}", self.transport, self.ip, port)
    }
}

/// One message.
#[derive(Clone, Debug)]
pub struct Message {
    /// The routing identities (ROUTER sockets) or the topic (IOPub).
    pub ids: Vec<Vec<u8>>,
    pub header: Json,
    pub parent: Json,
    pub metadata: Json,
    pub content: Json,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

/// The hex HMAC-SHA256 of the four JSON parts; empty without a key.
pub fn sign(key: &[u8], parts: &[&[u8]]) -> String {
    if key.is_empty() {
        return String::new();
    }
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    for p in parts {
        mac.update(p);
    }
    hex(&mac.finalize().into_bytes())
}

impl Message {
    pub fn msg_type(&self) -> &str {
        self.header
            .get("msg_type")
            .and_then(|v| v.as_str())
            .unwrap_or("")
    }

    /// Reads a message from its frames; None when it is malformed or its signature is
    /// wrong.
    pub fn from_frames(frames: &[Vec<u8>], key: &[u8]) -> Option<Message> {
        let d = frames.iter().position(|f| f.as_slice() == DELIMITER)?;
        let rest = &frames[d + 1..];
        if rest.len() < 5 {
            return None;
        }
        let expected = sign(key, &[&rest[1], &rest[2], &rest[3], &rest[4]]);
        if !key.is_empty() && !constant_time_eq(expected.as_bytes(), &rest[0]) {
            return None;
        }
        let parse = |b: &[u8]| serde_json::from_slice::<Json>(b).ok();
        Some(Message {
            ids: frames[..d].to_vec(),
            header: parse(&rest[1])?,
            parent: parse(&rest[2])?,
            metadata: parse(&rest[3])?,
            content: parse(&rest[4])?,
        })
    }

    /// The message as signed frames.
    pub fn to_frames(&self, key: &[u8]) -> Vec<Vec<u8>> {
        let parts: Vec<Vec<u8>> = [&self.header, &self.parent, &self.metadata, &self.content]
            .iter()
            .map(|j| serde_json::to_vec(j).unwrap_or_else(|_| b"{}".to_vec()))
            .collect();
        let sig = sign(key, &[&parts[0], &parts[1], &parts[2], &parts[3]]);
        let mut frames = self.ids.clone();
        frames.push(DELIMITER.to_vec());
        frames.push(sig.into_bytes());
        frames.extend(parts);
        frames
    }

    /// A new message of `msg_type` in `session`, with `parent`'s header as its parent and
    /// the given routing ids.
    pub fn new(
        session: &str,
        msg_type: &str,
        parent: Option<&Message>,
        ids: Vec<Vec<u8>>,
        content: Json,
    ) -> Message {
        Message {
            ids,
            header: json!({
                "msg_id": new_uuid(),
                "session": session,
                "username": "tensh",
                "date": now_iso8601(),
                "msg_type": msg_type,
                "version": PROTOCOL_VERSION,
            }),
            parent: parent
                .map(|p| p.header.clone())
                .unwrap_or_else(|| json!({})),
            metadata: json!({}),
            content,
        }
    }

    /// The reply to this request, routed back to its sender.
    pub fn reply(&self, session: &str, msg_type: &str, content: Json) -> Message {
        Message::new(session, msg_type, Some(self), self.ids.clone(), content)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A random (version 4) UUID.
pub fn new_uuid() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Now in UTC as `2024-05-01T12:34:56.789012Z`.
pub fn now_iso8601() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        year,
        month,
        day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_micros()
    )
}

pub(crate) mod tests {
    use super::*;

    fn messages_round_trip_with_signatures() {
        let key = b"secret".to_vec();
        let m = Message::new(
            "s",
            "kernel_info_request",
            None,
            vec![b"peer".to_vec()],
            json!({}),
        );
        let frames = m.to_frames(&key);
        assert_eq!(frames[1], DELIMITER);
        let back = Message::from_frames(&frames, &key).expect("valid");
        assert_eq!(back.msg_type(), "kernel_info_request");
        assert_eq!(back.ids, vec![b"peer".to_vec()]);
        let mut bad = frames.clone();
        bad[6] = b"{\"x\": 1}".to_vec();
        assert!(Message::from_frames(&bad, &key).is_none());
        assert!(Message::from_frames(&frames, b"other").is_none());
    }

    fn hmac_matches_a_known_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign(b"Jefe", &[b"what do ya want ", b"for nothing?"]),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    fn dates_and_ids_are_well_formed() {
        let d = now_iso8601();
        assert_eq!(d.len(), 27);
        assert!(d.ends_with('Z') && &d[4..5] == "-" && &d[10..11] == "T");
        let u = new_uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }

    unit_cases!(
        messages_round_trip_with_signatures,
        hmac_matches_a_known_vector,
        dates_and_ids_are_well_formed,
    );
}
