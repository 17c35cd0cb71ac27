//! TensorFlow's tensor bundle, the two files of a checkpoint: `PREFIX.index`, a sorted
//! table from each tensor's key to its `BundleEntryProto` (dtype, shape, offset, size,
//! masked CRC-32C), with the bundle header under the empty key; and
//! `PREFIX.data-00000-of-00001`, the tensors' little-endian bytes one after another.
//! A string tensor is stored as its elements' lengths (varints), a masked CRC of the
//! lengths, then the bytes.

use super::proto::{self, get_varint, put_varint, Entry};
use super::table;
use crate::tensor::{DType, Tensor};

/// A value to store: a tensor, or a scalar string (the object graph).
pub(crate) enum Saved {
    Tensor(Tensor),
    Bytes(Vec<u8>),
}

fn dtype_code(d: DType) -> i64 {
    match d {
        DType::F32 => proto::DT_FLOAT,
        DType::F64 => proto::DT_DOUBLE,
        DType::I32 => proto::DT_INT32,
        DType::I64 => proto::DT_INT64,
        DType::U8 => proto::DT_UINT8,
        DType::Bool => proto::DT_BOOL,
        DType::Str => proto::DT_STRING,
        DType::F16 => proto::DT_HALF,
        DType::BF16 => proto::DT_BFLOAT16,
        DType::I8 => proto::DT_INT8,
        DType::I16 => proto::DT_INT16,
        DType::U16 => proto::DT_UINT16,
        DType::U32 => proto::DT_UINT32,
        DType::U64 => proto::DT_UINT64,
        DType::C64 => proto::DT_COMPLEX64,
        DType::C128 => proto::DT_COMPLEX128,
    }
}

fn dtype_of(code: i64) -> Option<DType> {
    Some(match code {
        proto::DT_FLOAT => DType::F32,
        proto::DT_DOUBLE => DType::F64,
        proto::DT_INT32 => DType::I32,
        proto::DT_INT64 => DType::I64,
        proto::DT_UINT8 => DType::U8,
        proto::DT_BOOL => DType::Bool,
        proto::DT_HALF => DType::F16,
        proto::DT_BFLOAT16 => DType::BF16,
        proto::DT_INT8 => DType::I8,
        proto::DT_INT16 => DType::I16,
        proto::DT_UINT16 => DType::U16,
        proto::DT_UINT32 => DType::U32,
        proto::DT_UINT64 => DType::U64,
        proto::DT_COMPLEX64 => DType::C64,
        proto::DT_COMPLEX128 => DType::C128,
        _ => return None,
    })
}

/// TensorFlow's name of a `DataType` number, for messages.
pub(crate) fn dtype_name(code: i64) -> String {
    match code {
        proto::DT_STRING => "string".into(),
        c => dtype_of(c).map_or(format!("DataType {}", c), |d| d.name().to_string()),
    }
}

/// The two files' bytes, `(index, data)`, for values under their keys: the data in the
/// order given, the index sorted by key.
pub(crate) fn write(values: Vec<(String, Saved)>) -> (Vec<u8>, Vec<u8>) {
    let mut data = Vec::new();
    let mut rows: Vec<(Vec<u8>, Vec<u8>)> = vec![(Vec::new(), proto::header())];
    for (key, value) in values {
        let offset = data.len() as u64;
        let entry = match value {
            Saved::Tensor(t) => {
                let bytes = crate::tensor::bytes::to_le_bytes(&t);
                data.extend_from_slice(&bytes);
                Entry {
                    dtype: dtype_code(t.dtype()),
                    shape: t.shape().iter().map(|&d| d as i64).collect(),
                    offset,
                    size: bytes.len() as u64,
                    crc: table::mask(crc32c::crc32c(&bytes)),
                    ..Entry::default()
                }
            }
            Saved::Bytes(s) => {
                let mut bytes = Vec::new();
                put_varint(&mut bytes, s.len() as u64);
                let crc = crc32c::crc32c(&(s.len() as u32).to_le_bytes());
                let lengths = table::mask(crc).to_le_bytes();
                bytes.extend_from_slice(&lengths);
                bytes.extend_from_slice(&s);
                let crc = crc32c::crc32c_append(crc32c::crc32c_append(crc, &lengths), &s);
                data.extend_from_slice(&bytes);
                Entry {
                    dtype: proto::DT_STRING,
                    offset,
                    size: bytes.len() as u64,
                    crc: table::mask(crc),
                    ..Entry::default()
                }
            }
        };
        rows.push((key.into_bytes(), entry.encode()));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    (table::write(&rows), data)
}

/// A bundle read from disk: its entries by key and its data file's bytes.
pub(crate) struct Bundle {
    pub entries: Vec<(String, Entry)>,
    pub data: Vec<u8>,
}

impl Bundle {
    /// Reads the index; `data` is the one data file's bytes.
    pub fn parse(index: &[u8], data: Vec<u8>) -> Result<Bundle, String> {
        let mut entries = Vec::new();
        for (key, value) in table::read(index)? {
            if key.is_empty() {
                let shards = proto::header_shards(&value)?;
                if shards != 1 {
                    return Err(format!(
                        "a bundle of {} data shards (tensh reads single-shard checkpoints)",
                        shards
                    ));
                }
                continue;
            }
            let key = String::from_utf8_lossy(&key).into_owned();
            entries.push((key, Entry::decode(&value)?));
        }
        Ok(Bundle { entries, data })
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.entries[i].1)
    }

    fn bytes_of(&self, key: &str, e: &Entry) -> Result<&[u8], String> {
        if e.sliced {
            return Err(format!("the tensor '{}' is saved in slices", key));
        }
        let start = e.offset as usize;
        let end = start
            .checked_add(e.size as usize)
            .filter(|&end| end <= self.data.len())
            .ok_or_else(|| format!("the tensor '{}' runs past the end of the data file", key))?;
        let bytes = &self.data[start..end];
        if e.dtype != proto::DT_STRING && table::mask(crc32c::crc32c(bytes)) != e.crc {
            return Err(format!("checksum mismatch for the tensor '{}'", key));
        }
        Ok(bytes)
    }

    /// The tensor stored under `key`.
    pub fn tensor(&self, key: &str) -> Result<Tensor, String> {
        let e = self
            .entry(key)
            .ok_or_else(|| format!("Key {} not found in checkpoint", key))?;
        let bytes = self.bytes_of(key, e)?;
        let dtype = dtype_of(e.dtype).ok_or_else(|| {
            format!(
                "the tensor '{}' has dtype {}, which tensh cannot hold",
                key,
                dtype_name(e.dtype)
            )
        })?;
        let shape: Vec<usize> = e.shape.iter().map(|&d| d.max(0) as usize).collect();
        let width = dtype.size_bytes();
        let n = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        if n.and_then(|n| n.checked_mul(width)) != Some(bytes.len()) {
            return Err(format!(
                "the tensor '{}' has {} bytes for its shape {:?}",
                key,
                bytes.len(),
                shape
            ));
        }
        Ok(crate::tensor::bytes::from_bytes(
            dtype, &shape, bytes, false,
        ))
    }

    /// The scalar string stored under `key`, its checksums verified.
    pub fn string(&self, key: &str) -> Result<Vec<u8>, String> {
        let e = self
            .entry(key)
            .ok_or_else(|| format!("Key {} not found in checkpoint", key))?;
        if e.dtype != proto::DT_STRING || !e.shape.is_empty() {
            return Err(format!("the tensor '{}' is not a scalar string", key));
        }
        let bytes = self.bytes_of(key, e)?;
        let mut pos = 0;
        let len = get_varint(bytes, &mut pos)? as usize;
        let lengths = bytes
            .get(pos..pos + 4)
            .ok_or("a string tensor without its checksum")?;
        let crc = crc32c::crc32c(&(len as u32).to_le_bytes());
        if table::unmask(u32::from_le_bytes(lengths.try_into().unwrap_or([0; 4]))) != crc {
            return Err(format!("checksum mismatch for the lengths of '{}'", key));
        }
        let s = bytes
            .get(pos + 4..)
            .filter(|s| s.len() == len)
            .ok_or_else(|| format!("the string tensor '{}' has the wrong length", key))?;
        let all = crc32c::crc32c_append(crc32c::crc32c_append(crc, lengths), s);
        if table::mask(all) != e.crc {
            return Err(format!("checksum mismatch for the tensor '{}'", key));
        }
        Ok(s.to_vec())
    }
}
