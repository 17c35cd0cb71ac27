//! The sorted string table of a checkpoint's `.index` file: TensorFlow's copy of
//! LevelDB's table format. Data blocks of prefix-compressed keys with restart points,
//! an empty meta-index block, an index block naming each data block by a short key that
//! separates it from the next, and a 48-byte footer with the table's magic number. Every
//! block is followed by its compression type (none) and its masked CRC-32C.

use super::proto::{get_varint, put_varint};

/// TensorFlow's table options as the tensor bundle uses them.
const BLOCK_SIZE: usize = 262_144;
const RESTART_INTERVAL: usize = 16;
const MAGIC: u64 = 0xdb47_7524_8b80_fb57;
const FOOTER: usize = 48;

/// A table's entries: keys and values, in key order.
pub(crate) type Rows = Vec<(Vec<u8>, Vec<u8>)>;

/// The CRC-32C as LevelDB and TensorFlow store it (rotated and offset, so that a CRC of
/// data holding CRCs stays well mixed).
pub(crate) fn mask(crc: u32) -> u32 {
    crc.rotate_right(15).wrapping_add(0xa282_ead8)
}

pub(crate) fn unmask(masked: u32) -> u32 {
    masked.wrapping_sub(0xa282_ead8).rotate_left(15)
}

#[derive(Default)]
struct Block {
    buf: Vec<u8>,
    restarts: Vec<u32>,
    counter: usize,
    last: Vec<u8>,
}

impl Block {
    fn new() -> Block {
        Block {
            restarts: vec![0],
            ..Block::default()
        }
    }

    fn add(&mut self, key: &[u8], value: &[u8]) {
        let shared = if self.counter < RESTART_INTERVAL {
            key.iter()
                .zip(&self.last)
                .take_while(|(a, b)| a == b)
                .count()
        } else {
            self.restarts.push(self.buf.len() as u32);
            self.counter = 0;
            0
        };
        put_varint(&mut self.buf, shared as u64);
        put_varint(&mut self.buf, (key.len() - shared) as u64);
        put_varint(&mut self.buf, value.len() as u64);
        self.buf.extend_from_slice(&key[shared..]);
        self.buf.extend_from_slice(value);
        self.last = key.to_vec();
        self.counter += 1;
    }

    fn estimate(&self) -> usize {
        self.buf.len() + self.restarts.len() * 4 + 4
    }

    fn finish(mut self) -> Vec<u8> {
        for r in &self.restarts {
            self.buf.extend_from_slice(&r.to_le_bytes());
        }
        self.buf
            .extend_from_slice(&(self.restarts.len() as u32).to_le_bytes());
        self.buf
    }
}

/// Appends a finished block with its trailer; returns its handle (offset, size).
fn put_block(out: &mut Vec<u8>, contents: Vec<u8>) -> (u64, u64) {
    let handle = (out.len() as u64, contents.len() as u64);
    out.extend_from_slice(&contents);
    out.push(0);
    let crc = crc32c::crc32c_append(crc32c::crc32c(&contents), &[0]);
    out.extend_from_slice(&mask(crc).to_le_bytes());
    handle
}

fn handle_bytes(h: (u64, u64)) -> Vec<u8> {
    let mut b = Vec::new();
    put_varint(&mut b, h.0);
    put_varint(&mut b, h.1);
    b
}

/// The shortest key `k` with `a <= k < b` that LevelDB's bytewise comparator finds.
fn separator(a: &[u8], b: &[u8]) -> Vec<u8> {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if common < a.len().min(b.len()) {
        let byte = a[common];
        if byte < 0xff && byte + 1 < b[common] {
            let mut k = a[..=common].to_vec();
            k[common] += 1;
            return k;
        }
    }
    a.to_vec()
}

/// The shortest key `>= a`.
fn successor(a: &[u8]) -> Vec<u8> {
    match a.iter().position(|&b| b != 0xff) {
        Some(i) => {
            let mut k = a[..=i].to_vec();
            k[i] += 1;
            k
        }
        None => a.to_vec(),
    }
}

/// A table of `entries`, which must be sorted by key.
pub(crate) fn write(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut index = Block::new();
    let mut data = Block::new();
    let mut pending: Option<(u64, u64)> = None;
    let mut last_key: Vec<u8> = Vec::new();
    for (key, value) in entries {
        if let Some(h) = pending.take() {
            index.add(&separator(&last_key, key), &handle_bytes(h));
        }
        data.add(key, value);
        last_key.clone_from(key);
        if data.estimate() >= BLOCK_SIZE {
            let full = std::mem::replace(&mut data, Block::new());
            pending = Some(put_block(&mut out, full.finish()));
        }
    }
    if data.counter > 0 {
        pending = Some(put_block(&mut out, data.finish()));
    }
    if let Some(h) = pending {
        index.add(&successor(&last_key), &handle_bytes(h));
    }
    let meta = put_block(&mut out, Block::new().finish());
    let idx = put_block(&mut out, index.finish());
    let mut footer = handle_bytes(meta);
    footer.extend(handle_bytes(idx));
    footer.resize(FOOTER - 8, 0);
    footer.extend_from_slice(&MAGIC.to_le_bytes());
    out.extend(footer);
    out
}

fn read_handle(b: &[u8], pos: &mut usize) -> Result<(usize, usize), String> {
    let off = get_varint(b, pos)? as usize;
    let size = get_varint(b, pos)? as usize;
    Ok((off, size))
}

/// A block's contents, its checksum verified.
fn block(file: &[u8], (off, size): (usize, usize)) -> Result<&[u8], String> {
    let end = off
        .checked_add(size)
        .and_then(|e| e.checked_add(5))
        .filter(|&e| e <= file.len())
        .ok_or("a block runs past the end of the file")?;
    let contents = &file[off..off + size];
    if file[off + size] != 0 {
        return Err("a compressed block (tensh reads uncompressed tables)".into());
    }
    let stored = u32::from_le_bytes(file[off + size + 1..end].try_into().unwrap_or([0; 4]));
    let crc = crc32c::crc32c_append(crc32c::crc32c(contents), &[0]);
    if unmask(stored) != crc {
        return Err("block checksum mismatch".into());
    }
    Ok(contents)
}

/// The entries of one block, in order.
fn entries(contents: &[u8]) -> Result<Rows, String> {
    let n = contents.len();
    if n < 4 {
        return Err("a block too short for its restart count".into());
    }
    let restarts = u32::from_le_bytes(contents[n - 4..].try_into().unwrap_or([0; 4])) as usize;
    let limit = restarts
        .checked_mul(4)
        .and_then(|r| n.checked_sub(4 + r))
        .ok_or("a block's restart array is larger than the block")?;
    let mut out: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut key: Vec<u8> = Vec::new();
    let mut pos = 0;
    let data = &contents[..limit];
    while pos < limit {
        let shared = get_varint(data, &mut pos)? as usize;
        let own = get_varint(data, &mut pos)? as usize;
        let vlen = get_varint(data, &mut pos)? as usize;
        if shared > key.len() {
            return Err("a key shares more bytes than the previous key has".into());
        }
        let end = pos
            .checked_add(own)
            .and_then(|e| e.checked_add(vlen))
            .filter(|&e| e <= limit)
            .ok_or("an entry runs past its block")?;
        key.truncate(shared);
        key.extend_from_slice(&data[pos..pos + own]);
        out.push((key.clone(), data[pos + own..end].to_vec()));
        pos = end;
    }
    Ok(out)
}

/// Every entry of a table, in key order.
pub(crate) fn read(file: &[u8]) -> Result<Rows, String> {
    if file.len() < FOOTER {
        return Err("not an sstable (footer too short)".into());
    }
    let footer = &file[file.len() - FOOTER..];
    let magic = u64::from_le_bytes(footer[FOOTER - 8..].try_into().unwrap_or([0; 8]));
    if magic != MAGIC {
        return Err("not an sstable (bad magic number)".into());
    }
    let mut pos = 0;
    let _meta = read_handle(footer, &mut pos)?;
    let index = read_handle(footer, &mut pos)?;
    let mut out = Vec::new();
    for (_, handle) in entries(block(file, index)?)? {
        let mut p = 0;
        let h = read_handle(&handle, &mut p)?;
        out.extend(entries(block(file, h)?)?);
    }
    Ok(out)
}

pub(crate) mod tests {
    use super::*;

    fn round_trip_across_blocks_and_restarts() {
        let entries: Vec<(Vec<u8>, Vec<u8>)> = (0..40)
            .map(|i| (format!("key/{:03}", i).into_bytes(), vec![i as u8; 9000]))
            .collect();
        let file = write(&entries);
        assert_eq!(read(&file).unwrap(), entries);
    }

    fn separators_are_leveldbs() {
        assert_eq!(successor(b"layer_with_weights-0/kernel"), b"m");
        assert_eq!(separator(b"abc1", b"abc9"), b"abc2");
        assert_eq!(separator(b"abc1", b"abc2"), b"abc1");
    }

    fn corrupt_tables_are_errors() {
        let file = write(&[(b"a".to_vec(), b"1".to_vec())]);
        let mut bad = file.clone();
        bad[3] ^= 1;
        assert!(read(&bad).is_err());
        assert!(read(&file[..20]).is_err());
    }

    unit_cases!(
        round_trip_across_blocks_and_restarts,
        separators_are_leveldbs,
        corrupt_tables_are_errors,
    );
}
