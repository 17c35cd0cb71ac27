//! Python's `struct` module: `pack`, `unpack`, `unpack_from`, `iter_unpack`, `calcsize`
//! and `Struct`, with CPython's format rules (byte order first, native sizes and alignment
//! under `@`, standard sizes otherwise), its range checks and its `struct.error` messages.
//! Binary loaders use it for file headers (`struct.unpack('>IIII', f.read(16))`).

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::bigint::{big_of, norm};
use crate::eval::bytes::{bytes_of, new_bytes};
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::any::Any;
use std::rc::Rc;

/// Sets `struct.error` and `struct.Struct`.
pub(crate) fn install(it: &mut Interp) {
    let m = super::pyclass::module(it, "struct");
    m.set("error", Value::ExcClass(ExcKind::error));
    m.set(
        "Struct",
        super::pyclass::PyClass::value("Struct", "_struct", Some(new_struct), |v| {
            v.as_object::<Struct>().is_some()
        }),
    );
}

/// One value's place in a packed record: its format character, offset and byte length.
#[derive(Clone, Copy)]
struct Field {
    code: u8,
    offset: usize,
    len: usize,
}

/// A parsed format: the fields in order, the record size and the byte order.
struct Layout {
    fields: Vec<Field>,
    size: usize,
    little: bool,
}

fn error<T>(msg: impl Into<String>) -> R<T> {
    raise(ExcKind::error, msg.into())
}

/// The size of one item of `code`, or None for a character that is not a format.
fn item_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

/// The record a format string describes.
fn layout(fmt: &str) -> R<Layout> {
    let b = fmt.as_bytes();
    let (native, little, mut i) = match b.first() {
        Some(b'@') => (true, cfg!(target_endian = "little"), 1),
        Some(b'=') => (false, cfg!(target_endian = "little"), 1),
        Some(b'<') => (false, true, 1),
        Some(b'>') | Some(b'!') => (false, false, 1),
        _ => (true, cfg!(target_endian = "little"), 0),
    };
    let mut fields = Vec::new();
    let mut offset = 0usize;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        while i < b.len() && b[i].is_ascii_digit() {
            let d = (b[i] - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|c| c.checked_add(d))
                    .filter(|&c| c <= isize::MAX as usize)
                    .map_or_else(|| error("total struct size too long"), Ok)?,
            );
            i += 1;
        }
        let Some(&code) = b.get(i) else {
            return error("repeat count given without format specifier");
        };
        i += 1;
        let Some(size) = item_size(code, native) else {
            return error("bad char in struct format");
        };
        let n = count.unwrap_or(1);
        if native && size > 1 {
            offset = offset.div_ceil(size) * size;
        }
        let too_long = || error("total struct size too long");
        match code {
            b's' | b'p' => {
                fields.push(Field {
                    code,
                    offset,
                    len: n,
                });
                offset = offset.checked_add(n).map_or_else(too_long, Ok)?;
            }
            b'x' => offset = offset.checked_add(n).map_or_else(too_long, Ok)?,
            _ => {
                let total = n.checked_mul(size).map_or_else(too_long, Ok)?;
                if total > crate::tensor::alloc::limit() {
                    return error("total struct size too long");
                }
                for k in 0..n {
                    fields.push(Field {
                        code,
                        offset: offset + k * size,
                        len: size,
                    });
                }
                offset = offset.checked_add(total).map_or_else(too_long, Ok)?;
            }
        }
    }
    Ok(Layout {
        fields,
        size: offset,
        little,
    })
}

fn format_of(v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        other => Err(type_err(format!(
            "Struct() argument 1 must be a str or bytes object, not {}",
            other.type_name()
        ))),
    }
}

/// The integer of an int, a bool or a numpy integer scalar.
fn int_of(v: &Value) -> Option<BigInt> {
    if let Some(b) = big_of(v) {
        return Some(b);
    }
    match v {
        Value::NdArray(a) if a.ndim() == 0 && a.dtype().is_int() => {
            a.tensor().to_i64_vec().first().map(|&i| BigInt::from(i))
        }
        _ => None,
    }
}

/// The float of a float, an int, a bool or a numpy scalar.
fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::NdArray(a) if a.ndim() == 0 && !a.dtype().is_complex() => {
            a.tensor().to_f64_vec().first().copied()
        }
        _ => big_of(v).map(|b| b.to_f64().unwrap_or(f64::INFINITY)),
    }
}

/// The bytes of an integer field after CPython's checks: the C conversion's range first
/// ("argument out of range"), then the format's own.
fn int_bytes(code: u8, len: usize, v: &Value) -> R<u128> {
    let Some(x) = int_of(v) else {
        return error("required argument is not an integer");
    };
    let signed = code.is_ascii_lowercase();
    let custom = matches!(code, b'b' | b'B' | b'h' | b'H');
    let bits = 8 * len as u32;
    if signed || custom {
        let Some(x) = x.to_i64() else {
            return error("argument out of range");
        };
        let (lo, hi) = if signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        };
        if (x as i128) < lo || (x as i128) > hi {
            let name = match code {
                b'b' => "byte format",
                b'B' => "ubyte format",
                b'h' => "short format",
                b'H' => "ushort format",
                _ => "",
            };
            return if name.is_empty() {
                error(format!(
                    "'{}' format requires {} <= number <= {}",
                    code as char, lo, hi
                ))
            } else {
                error(format!("{} requires {} <= number <= {}", name, lo, hi))
            };
        }
        return Ok(x as u128 & ((1u128 << bits) - 1));
    }
    let Some(x) = x.to_u64() else {
        return error("argument out of range");
    };
    let hi = (1u128 << bits) - 1;
    if x as u128 > hi {
        return error(format!(
            "'{}' format requires 0 <= number <= {}",
            code as char, hi
        ));
    }
    Ok(x as u128)
}

fn put(out: &mut [u8], f: Field, bits: u128, little: bool) {
    let bytes = bits.to_le_bytes();
    let dst = &mut out[f.offset..f.offset + f.len];
    dst.copy_from_slice(&bytes[..f.len]);
    if !little {
        dst.reverse();
    }
}

/// `pack`: the values in `vals` as the format's record.
fn pack_values(it: &mut Interp, l: &Layout, vals: &[Value]) -> R<Vec<u8>> {
    if vals.len() != l.fields.len() {
        return error(format!(
            "pack expected {} items for packing (got {})",
            l.fields.len(),
            vals.len()
        ));
    }
    crate::tensor::alloc::check(&[l.size], crate::tensor::DType::U8, "pack")?;
    let mut out = vec![0u8; l.size];
    for (&f, v) in l.fields.iter().zip(vals) {
        match f.code {
            b'?' => out[f.offset] = it.truthy(v)? as u8,
            b'c' => match bytes_of(v) {
                Some(b) if b.len() == 1 => out[f.offset] = b[0],
                _ => return error("char format requires a bytes object of length 1"),
            },
            b's' | b'p' => {
                let Some(b) = bytes_of(v) else {
                    return error(format!(
                        "argument for '{}' must be a bytes object",
                        f.code as char
                    ));
                };
                let dst = &mut out[f.offset..f.offset + f.len];
                if f.code == b's' {
                    let n = b.len().min(f.len);
                    dst[..n].copy_from_slice(&b[..n]);
                } else if f.len > 0 {
                    let n = b.len().min(f.len - 1);
                    dst[1..1 + n].copy_from_slice(&b[..n]);
                    dst[0] = n.min(255) as u8;
                }
            }
            b'e' | b'f' | b'd' => {
                let Some(x) = float_of(v) else {
                    return error("required argument is not a float");
                };
                let bits = match f.code {
                    b'e' => {
                        let h = half::f16::from_f64(x);
                        if h.is_infinite() && x.is_finite() {
                            return raise(
                                ExcKind::OverflowError,
                                "float too large to pack with e format",
                            );
                        }
                        h.to_bits() as u128
                    }
                    b'f' => {
                        let s = x as f32;
                        if s.is_infinite() && x.is_finite() {
                            return raise(
                                ExcKind::OverflowError,
                                "float too large to pack with f format",
                            );
                        }
                        s.to_bits() as u128
                    }
                    _ => x.to_bits() as u128,
                };
                put(&mut out, f, bits, l.little);
            }
            code => {
                let bits = int_bytes(code, f.len, v)?;
                put(&mut out, f, bits, l.little);
            }
        }
    }
    Ok(out)
}

/// `unpack` of one whole record.
fn unpack_record(l: &Layout, buf: &[u8]) -> Value {
    let vals = l
        .fields
        .iter()
        .map(|&f| {
            let src = &buf[f.offset..f.offset + f.len];
            let word = || {
                let mut b = [0u8; 16];
                b[..f.len].copy_from_slice(src);
                if !l.little {
                    b[..f.len].reverse();
                }
                u128::from_le_bytes(b)
            };
            match f.code {
                b'?' => Value::Bool(src[0] != 0),
                b'c' | b's' => new_bytes(src.to_vec()),
                b'p' => {
                    let n =
                        (src.first().copied().unwrap_or(0) as usize).min(f.len.saturating_sub(1));
                    new_bytes(src.get(1..1 + n).unwrap_or(&[]).to_vec())
                }
                b'e' => Value::Float(half::f16::from_bits(word() as u16).to_f64()),
                b'f' => Value::Float(f32::from_bits(word() as u32) as f64),
                b'd' => Value::Float(f64::from_bits(word() as u64)),
                code if code.is_ascii_lowercase() => {
                    let bits = 8 * f.len as u32;
                    let w = word() as u64;
                    let v = ((w << (64 - bits)) as i64) >> (64 - bits);
                    Value::Int(v)
                }
                _ => norm(BigInt::from(word() as u64)),
            }
        })
        .collect();
    Value::tuple(vals)
}

/// The bytes of a buffer argument (bytes, bytearray, a numpy array's memory).
fn buffer_of(v: &Value) -> R<Vec<u8>> {
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    Err(type_err(format!(
        "a bytes-like object is required, not '{}'",
        v.type_name()
    )))
}

fn unpack_all(l: &Layout, buf: &[u8]) -> R<Value> {
    if buf.len() != l.size {
        return error(format!("unpack requires a buffer of {} bytes", l.size));
    }
    Ok(unpack_record(l, buf))
}

fn unpack_at(l: &Layout, buf: &[u8], offset: Option<Value>) -> R<Value> {
    let off = match offset {
        Some(v) => match int_of(&v).and_then(|b| b.to_i64()) {
            Some(i) => i,
            None => {
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                )))
            }
        },
        None => 0,
    };
    let len = buf.len() as i64;
    let start = if off < 0 {
        if off + len < 0 {
            return error(format!(
                "offset {} out of range for {}-byte buffer",
                off, len
            ));
        }
        off + len
    } else {
        off
    };
    let avail = len - start;
    if avail < l.size as i64 {
        return error(if off < 0 {
            format!(
                "not enough data to unpack {} bytes at offset {}",
                l.size, off
            )
        } else {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                l.size as i64 + start,
                l.size,
                start,
                len
            )
        });
    }
    let start = start as usize;
    Ok(unpack_record(l, &buf[start..start + l.size]))
}

fn iter_records(it: &mut Interp, l: &Layout, buf: &[u8]) -> R<Value> {
    if l.size == 0 {
        return error("cannot iteratively unpack with a struct of length 0");
    }
    if !buf.len().is_multiple_of(l.size) {
        return error(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            l.size
        ));
    }
    let mut records = Vec::with_capacity(buf.len() / l.size);
    for chunk in buf.chunks(l.size) {
        it.check_interrupt()?;
        records.push(unpack_record(l, chunk));
    }
    it.iter_of(&Value::list(records))
}

fn pos(args: &Value) -> Vec<Value> {
    match args {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

builtin! {
    /// Return a bytes object containing the values v1, v2, ... packed according to the format string.
    python ["struct.pack"]
    fn pack(it, format, *args) {
        let l = layout(&format_of(&format)?)?;
        Ok(new_bytes(pack_values(it, &l, &pos(&args))?))
    }
}

builtin! {
    /// Return a tuple containing values unpacked according to the format string.
    python ["struct.unpack"]
    fn unpack(it, format, buffer) {
        let _ = it;
        let l = layout(&format_of(&format)?)?;
        unpack_all(&l, &buffer_of(&buffer)?)
    }
}

builtin! {
    /// Return a tuple containing values unpacked according to the format string, starting at offset.
    python ["struct.unpack_from"]
    fn unpack_from(it, format, buffer, offset = 0) {
        let _ = it;
        let l = layout(&format_of(&format)?)?;
        unpack_at(&l, &buffer_of(&buffer)?, Some(offset))
    }
}

builtin! {
    /// Return an iterator yielding tuples unpacked from the given bytes.
    python ["struct.iter_unpack"]
    fn iter_unpack(it, format, buffer) {
        let l = layout(&format_of(&format)?)?;
        iter_records(it, &l, &buffer_of(&buffer)?)
    }
}

builtin! {
    /// Return size in bytes of the struct described by the format string.
    python ["struct.calcsize"]
    fn calcsize(it, format) {
        let _ = it;
        Ok(Value::Int(layout(&format_of(&format)?)?.size as i64))
    }
}

/// `struct.Struct(format)`: a compiled format.
struct Struct {
    format: String,
    layout: Layout,
}

fn new_struct(_it: &mut Interp, _cls: &Value, args: Args) -> R<Value> {
    let [format] = args.bind("Struct", ["format"])?;
    let format = format_of(&format.unwrap_or(Value::None))?;
    let layout = layout(&format)?;
    Ok(Value::Object(Rc::new(Struct { format, layout })))
}

fn struct_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(s) = recv.as_object::<Struct>() else {
        return Ok(Value::None);
    };
    match name {
        "pack" => Ok(new_bytes(pack_values(it, &s.layout, &args.pos)?)),
        "unpack" => {
            let [b] = args.bind("unpack", ["buffer"])?;
            unpack_all(&s.layout, &buffer_of(&b.unwrap_or(Value::None))?)
        }
        "unpack_from" => {
            let [b, off] = args.bind("unpack_from", ["buffer", "offset=0"])?;
            unpack_at(&s.layout, &buffer_of(&b.unwrap_or(Value::None))?, off)
        }
        _ => {
            let [b] = args.bind("iter_unpack", ["buffer"])?;
            iter_records(it, &s.layout, &buffer_of(&b.unwrap_or(Value::None))?)
        }
    }
}

impl Object for Struct {
    fn type_name(&self) -> String {
        "Struct".into()
    }
    fn class_path(&self) -> Option<String> {
        Some("_struct.Struct".into())
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "size" => Value::Int(self.layout.size as i64),
            "format" => Value::str(&self.format),
            "pack" => Value::method(this.clone(), "pack", struct_method),
            "unpack" => Value::method(this.clone(), "unpack", struct_method),
            "unpack_from" => Value::method(this.clone(), "unpack_from", struct_method),
            "iter_unpack" => Value::method(this.clone(), "iter_unpack", struct_method),
            _ => return Ok(None),
        }))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<_struct.Struct object at {:#x}>",
            self as *const Struct as usize
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        [
            "size",
            "format",
            "pack",
            "unpack",
            "unpack_from",
            "iter_unpack",
        ]
        .map(String::from)
        .to_vec()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
