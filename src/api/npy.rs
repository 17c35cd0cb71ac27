//! numpy's `.npy` format, as numpy 1.26 writes and reads it: the magic `\x93NUMPY`, a
//! version, a header that is a Python dict literal (`{'descr': '<f8', 'fortran_order':
//! False, 'shape': (3, 4), }`) padded with spaces to a multiple of 64 bytes and ended by a
//! newline, then the array's bytes. Reading takes either byte order and Fortran order.

use crate::tensor::{DType, Tensor};

const MAGIC: &[u8] = b"\x93NUMPY";

/// The type string numpy writes for a dtype.
pub(crate) fn descr(d: DType) -> &'static str {
    match d {
        DType::F32 => "<f4",
        DType::F64 => "<f8",
        DType::I32 => "<i4",
        DType::I64 => "<i8",
        DType::U8 => "|u1",
        DType::I8 => "|i1",
        DType::I16 => "<i2",
        DType::U16 => "<u2",
        DType::U32 => "<u4",
        DType::U64 => "<u8",
        DType::F16 => "<f2",
        DType::C64 => "<c8",
        DType::C128 => "<c16",
        // ml_dtypes saves bfloat16 as raw two-byte voids.
        DType::BF16 => "<V2",
        DType::Bool => "|b1",
        DType::Str => "|O",
    }
}

fn shape_literal(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({},)", n),
        dims => format!(
            "({})",
            dims.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The bytes of a `.npy` file holding `t` (format 1.0).
pub(crate) fn encode(t: &Tensor) -> Vec<u8> {
    let mut out = encode_header(descr(t.dtype()), t.shape(), t.nbytes());
    out.extend(crate::tensor::bytes::to_le_bytes(t));
    out
}

/// The bytes of a `.npy` file holding an object array: the header, then the array
/// pickled (`payload`).
pub(crate) fn encode_pickled(shape: &[usize], payload: &[u8]) -> Vec<u8> {
    let mut out = encode_header("|O", shape, payload.len());
    out.extend_from_slice(payload);
    out
}

/// A `.npy` header (format 1.0) with room reserved for `body` more bytes.
fn encode_header(descr: &str, shape: &[usize], body: usize) -> Vec<u8> {
    let mut header = format!(
        "{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}",
        descr,
        shape_literal(shape)
    );
    // magic (6) + version (2) + length (2) + header + '\n', to a multiple of 64.
    let total = 10 + header.len() + 1;
    header.push_str(&" ".repeat((64 - total % 64) % 64));
    header.push('\n');
    let mut out = Vec::with_capacity(10 + header.len() + body);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&(header.len() as u16).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    out
}

/// What a header says.
pub(crate) struct Header {
    pub descr: String,
    pub fortran: bool,
    pub shape: Vec<usize>,
    pub data_start: usize,
}

/// Whether bytes start like a `.npy` file.
pub(crate) fn is_npy(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

fn field<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let at = header.find(&format!("'{}'", key))?;
    let rest = header[at + key.len() + 2..]
        .trim_start()
        .strip_prefix(':')?;
    Some(rest.trim_start())
}

/// Parses the header; errors are numpy's words where it has them.
pub(crate) fn header(bytes: &[u8]) -> Result<Header, String> {
    if !is_npy(bytes) || bytes.len() < 10 {
        return Err("the magic string is not correct".into());
    }
    let (len, start): (usize, usize) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        v => {
            return Err(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({}, {})",
                v, bytes[7]
            ))
        }
    };
    let end = start
        .checked_add(len)
        .filter(|&e| e <= bytes.len())
        .ok_or("EOF: reading array header")?;
    let text = String::from_utf8_lossy(&bytes[start..end]).into_owned();
    let bad = || format!("Cannot parse header: {:?}", text);
    let descr_v = field(&text, "descr").ok_or_else(bad)?;
    let quote = descr_v.chars().next().ok_or_else(bad)?;
    let descr = descr_v[1..]
        .split(quote)
        .next()
        .ok_or_else(bad)?
        .to_string();
    let fortran = field(&text, "fortran_order")
        .ok_or_else(bad)?
        .starts_with("True");
    let shape_v = field(&text, "shape").ok_or_else(bad)?;
    let inner = shape_v
        .strip_prefix('(')
        .and_then(|s| s.split(')').next())
        .ok_or_else(bad)?;
    let mut shape = Vec::new();
    for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let p = part.trim_end_matches('L');
        shape.push(p.parse::<usize>().map_err(|_| bad())?);
    }
    Ok(Header {
        descr,
        fortran,
        shape,
        data_start: end,
    })
}

/// The dtype and byte order a type string names; None for what tensh cannot hold.
pub(crate) fn dtype_of(descr: &str) -> Option<(DType, bool)> {
    let (order, code) = descr.split_at(1.min(descr.len()));
    let big = order == ">";
    let code = if matches!(order, "<" | ">" | "|" | "=") {
        code
    } else {
        descr
    };
    let d = match code {
        "f4" => DType::F32,
        "f8" => DType::F64,
        "i4" => DType::I32,
        "i8" => DType::I64,
        "u1" => DType::U8,
        "i1" => DType::I8,
        "i2" => DType::I16,
        "u2" => DType::U16,
        "u4" => DType::U32,
        "u8" => DType::U64,
        "f2" => DType::F16,
        "c8" => DType::C64,
        "c16" => DType::C128,
        "b1" | "?" => DType::Bool,
        _ => return None,
    };
    Some((d, big))
}

/// The array a `.npy` file holds.
pub(crate) fn decode(bytes: &[u8]) -> Result<Tensor, String> {
    let h = header(bytes)?;
    if h.descr.contains('O') {
        return Err("Object arrays cannot be loaded when allow_pickle=False".into());
    }
    let (dtype, big) = dtype_of(&h.descr)
        .ok_or_else(|| format!("tensh cannot hold arrays of dtype '{}' yet", h.descr))?;
    let width = dtype.size_bytes();
    let n = h
        .shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .ok_or("the array is too large")?;
    crate::tensor::alloc::check(&h.shape, dtype, "load").map_err(|e| e.to_string())?;
    let need = n.checked_mul(width).ok_or("the array is too large")?;
    let data = bytes
        .get(h.data_start..h.data_start + need)
        .ok_or_else(|| {
            format!(
                "cannot reshape array of size {} into shape {}",
                (bytes.len() - h.data_start.min(bytes.len())) / width,
                shape_literal(&h.shape)
            )
        })?;
    // Fortran order: the bytes are the transpose's C order.
    let shape: Vec<usize> = if h.fortran {
        h.shape.iter().rev().copied().collect()
    } else {
        h.shape.clone()
    };
    let t = crate::tensor::bytes::from_bytes(dtype, &shape, data, big);
    if h.fortran && shape.len() > 1 {
        let perm: Vec<i64> = (0..shape.len() as i64).rev().collect();
        return crate::tensor::ops::shape::transpose(&t, Some(&perm))
            .map(|t| t.contiguous())
            .map_err(|e| e.to_string());
    }
    Ok(t)
}

pub(crate) mod tests {
    use super::*;

    fn header_is_padded_to_64_bytes_as_numpy_writes_it() {
        let t = Tensor::from_vec(&[2, 3], vec![1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let b = encode(&t);
        let h = header(&b).unwrap();
        assert_eq!(h.data_start % 64, 0);
        let text = std::str::from_utf8(&b[10..h.data_start]).unwrap();
        assert!(text.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }   "));
        assert!(text.ends_with(" \n"));
        assert_eq!(decode(&b).unwrap().to_f64_vec(), t.to_f64_vec());
    }

    unit_cases!(header_is_padded_to_64_bytes_as_numpy_writes_it);
}
