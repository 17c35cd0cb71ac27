//! The protocol-buffer messages of TensorFlow's checkpoints, on their wire format: the
//! bundle's header and entries (`tensor_bundle.proto`), tensor shapes, and the
//! `TrackableObjectGraph` that names every saved object. Only the fields checkpoints use
//! are read and written; unknown fields are skipped, as protobuf readers do.

/// A message being written: fields appended in field-number order by the caller.
#[derive(Default)]
pub(crate) struct Out(pub Vec<u8>);

pub(crate) fn put_varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

impl Out {
    fn key(&mut self, field: u32, wire: u8) {
        put_varint(&mut self.0, ((field as u64) << 3) | wire as u64);
    }
    pub fn varint(&mut self, field: u32, v: u64) -> &mut Self {
        self.key(field, 0);
        put_varint(&mut self.0, v);
        self
    }
    pub fn bytes(&mut self, field: u32, b: &[u8]) -> &mut Self {
        self.key(field, 2);
        put_varint(&mut self.0, b.len() as u64);
        self.0.extend_from_slice(b);
        self
    }
    pub fn fixed32(&mut self, field: u32, v: u32) -> &mut Self {
        self.key(field, 5);
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
}

/// One field as read off the wire.
pub(crate) enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
    Fixed64(u64),
}

impl Wire<'_> {
    pub fn int(&self) -> i64 {
        match self {
            Wire::Varint(v) | Wire::Fixed64(v) => *v as i64,
            Wire::Fixed32(v) => *v as i64,
            Wire::Bytes(_) => 0,
        }
    }
    pub fn bytes(&self) -> &[u8] {
        match self {
            Wire::Bytes(b) => b,
            _ => &[],
        }
    }
    pub fn string(&self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }
}

/// Reads a varint at `*pos`, advancing it.
pub(crate) fn get_varint(buf: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let Some(&b) = buf.get(*pos) else {
            return Err("truncated varint".into());
        };
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("varint longer than 10 bytes".into())
}

fn take<'a>(buf: &'a [u8], pos: &mut usize, n: usize) -> Result<&'a [u8], String> {
    let end = pos
        .checked_add(n)
        .filter(|&e| e <= buf.len())
        .ok_or("truncated field")?;
    let s = &buf[*pos..end];
    *pos = end;
    Ok(s)
}

/// The fields of a message, in wire order.
pub(crate) fn fields(buf: &[u8]) -> Result<Vec<(u32, Wire<'_>)>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < buf.len() {
        let key = get_varint(buf, &mut pos)?;
        let field = (key >> 3) as u32;
        let value = match key & 7 {
            0 => Wire::Varint(get_varint(buf, &mut pos)?),
            1 => Wire::Fixed64(u64::from_le_bytes(
                take(buf, &mut pos, 8)?.try_into().unwrap_or([0; 8]),
            )),
            2 => {
                let n = get_varint(buf, &mut pos)? as usize;
                Wire::Bytes(take(buf, &mut pos, n)?)
            }
            5 => Wire::Fixed32(u32::from_le_bytes(
                take(buf, &mut pos, 4)?.try_into().unwrap_or([0; 4]),
            )),
            w => return Err(format!("unsupported wire type {}", w)),
        };
        out.push((field, value));
    }
    Ok(out)
}

/// TensorFlow's `DataType` numbers for the dtypes tensh stores.
pub(crate) const DT_FLOAT: i64 = 1;
pub(crate) const DT_DOUBLE: i64 = 2;
pub(crate) const DT_INT32: i64 = 3;
pub(crate) const DT_UINT8: i64 = 4;
pub(crate) const DT_STRING: i64 = 7;
pub(crate) const DT_INT64: i64 = 9;
pub(crate) const DT_BOOL: i64 = 10;
pub(crate) const DT_INT16: i64 = 5;
pub(crate) const DT_INT8: i64 = 6;
pub(crate) const DT_BFLOAT16: i64 = 14;
pub(crate) const DT_UINT16: i64 = 17;
pub(crate) const DT_HALF: i64 = 19;
pub(crate) const DT_UINT32: i64 = 22;
pub(crate) const DT_UINT64: i64 = 23;
pub(crate) const DT_COMPLEX64: i64 = 8;
pub(crate) const DT_COMPLEX128: i64 = 18;

/// `BundleHeaderProto` of a single-shard little-endian bundle (format version 1).
pub(crate) fn header() -> Vec<u8> {
    let mut version = Out::default();
    version.varint(1, 1);
    let mut h = Out::default();
    h.varint(1, 1).bytes(3, &version.0);
    h.0
}

/// The number of data shards a bundle header names.
pub(crate) fn header_shards(buf: &[u8]) -> Result<i64, String> {
    let mut shards = 0;
    for (f, v) in fields(buf)? {
        match f {
            1 => shards = v.int(),
            2 if v.int() != 0 => return Err("the bundle is big-endian".into()),
            _ => {}
        }
    }
    Ok(shards)
}

/// `BundleEntryProto`: where one tensor lies in the data files.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entry {
    pub dtype: i64,
    pub shape: Vec<i64>,
    pub shard: i64,
    pub offset: u64,
    pub size: u64,
    pub crc: u32,
    pub sliced: bool,
}

impl Entry {
    pub fn encode(&self) -> Vec<u8> {
        let mut shape = Out::default();
        for &d in &self.shape {
            let mut dim = Out::default();
            if d != 0 {
                dim.varint(1, d as u64);
            }
            shape.bytes(2, &dim.0);
        }
        let mut e = Out::default();
        e.varint(1, self.dtype as u64).bytes(2, &shape.0);
        if self.shard != 0 {
            e.varint(3, self.shard as u64);
        }
        if self.offset != 0 {
            e.varint(4, self.offset);
        }
        if self.size != 0 {
            e.varint(5, self.size);
        }
        e.fixed32(6, self.crc);
        e.0
    }

    pub fn decode(buf: &[u8]) -> Result<Entry, String> {
        let mut e = Entry::default();
        for (f, v) in fields(buf)? {
            match f {
                1 => e.dtype = v.int(),
                2 => {
                    for (g, dim) in fields(v.bytes())? {
                        match g {
                            2 => {
                                let size = fields(dim.bytes())?
                                    .iter()
                                    .find(|(n, _)| *n == 1)
                                    .map_or(0, |(_, s)| s.int());
                                e.shape.push(size);
                            }
                            3 if dim.int() != 0 => return Err("a tensor of unknown rank".into()),
                            _ => {}
                        }
                    }
                }
                3 => e.shard = v.int(),
                4 => e.offset = v.int() as u64,
                5 => e.size = v.int() as u64,
                6 => e.crc = v.int() as u32,
                7 => e.sliced = true,
                _ => {}
            }
        }
        Ok(e)
    }
}

/// One object of a `TrackableObjectGraph`: its children by local name, and the
/// checkpoint keys of its saved values (`VARIABLE_VALUE` for a variable).
#[derive(Clone, Debug, Default)]
pub(crate) struct Node {
    pub children: Vec<(usize, String)>,
    /// `(name, full_name, checkpoint_key)`.
    pub attributes: Vec<(String, String, String)>,
    /// `(original_variable_node_id, slot_name, slot_variable_node_id)`.
    pub slots: Vec<(usize, String, usize)>,
    pub has_values: bool,
}

pub(crate) fn encode_graph(nodes: &[Node]) -> Vec<u8> {
    let mut g = Out::default();
    for n in nodes {
        let mut m = Out::default();
        for (id, name) in &n.children {
            let mut c = Out::default();
            if *id != 0 {
                c.varint(1, *id as u64);
            }
            c.bytes(2, name.as_bytes());
            m.bytes(1, &c.0);
        }
        for (name, full, key) in &n.attributes {
            let mut a = Out::default();
            a.bytes(1, name.as_bytes())
                .bytes(2, full.as_bytes())
                .bytes(3, key.as_bytes());
            m.bytes(2, &a.0);
        }
        for (orig, name, slot) in &n.slots {
            let mut s = Out::default();
            s.varint(1, *orig as u64)
                .bytes(2, name.as_bytes())
                .varint(3, *slot as u64);
            m.bytes(3, &s.0);
        }
        // google.protobuf.BoolValue: an empty message for false.
        let mut b = Out::default();
        if n.has_values {
            b.varint(1, 1);
        }
        m.bytes(5, &b.0);
        g.bytes(1, &m.0);
    }
    g.0
}

pub(crate) fn decode_graph(buf: &[u8]) -> Result<Vec<Node>, String> {
    let mut nodes = Vec::new();
    for (f, v) in fields(buf)? {
        if f != 1 {
            continue;
        }
        let mut n = Node::default();
        for (g, w) in fields(v.bytes())? {
            match g {
                1 => {
                    let (mut id, mut name) = (0, String::new());
                    for (h, x) in fields(w.bytes())? {
                        match h {
                            1 => id = x.int() as usize,
                            2 => name = x.string(),
                            _ => {}
                        }
                    }
                    n.children.push((id, name));
                }
                2 => {
                    let mut a = (String::new(), String::new(), String::new());
                    for (h, x) in fields(w.bytes())? {
                        match h {
                            1 => a.0 = x.string(),
                            2 => a.1 = x.string(),
                            3 => a.2 = x.string(),
                            _ => {}
                        }
                    }
                    n.attributes.push(a);
                }
                3 => {
                    let mut s = (0, String::new(), 0);
                    for (h, x) in fields(w.bytes())? {
                        match h {
                            1 => s.0 = x.int() as usize,
                            2 => s.1 = x.string(),
                            3 => s.2 = x.int() as usize,
                            _ => {}
                        }
                    }
                    n.slots.push(s);
                }
                5 => {
                    n.has_values = fields(w.bytes())?
                        .iter()
                        .any(|(h, x)| *h == 1 && x.int() != 0)
                }
                _ => {}
            }
        }
        nodes.push(n);
    }
    Ok(nodes)
}
