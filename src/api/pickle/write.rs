//! The pickler: protocols 2 to 5 written as CPython 3.11's C pickler writes them (the
//! smallest int and string opcodes, a memo for every container and string, batches of
//! 1000 appends or set items, 64 KiB frames from protocol 4), for builtin values and
//! numpy arrays, which are written as numpy reduces them: `_reconstruct` with a state of
//! `(1, shape, dtype, False, data)` (the data a list for object arrays), and from protocol
//! 5 a numeric array through `_frombuffer` with its bytes in band.

use super::pickling_error;
use crate::api::np_object::{obj_array, ObjArray};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use std::collections::HashMap;

const FRAME_TARGET: usize = 64 * 1024;
const BATCH: usize = 1000;
/// How deep containers may nest before Python's RecursionError.
const MAX_DEPTH: usize = 1000;

pub(super) struct Pickler {
    proto: u8,
    out: Vec<u8>,
    frame: Vec<u8>,
    memo: HashMap<usize, u32>,
    /// Strings by content: CPython shares one object for equal literals and keys.
    strs: HashMap<String, u32>,
    /// Globals, dtypes and the `b'b'` of `_reconstruct` by what they are: numpy and
    /// CPython share one object for each.
    shared: HashMap<String, u32>,
    /// Every memoized value, kept alive so that no address is reused while pickling.
    keep: Vec<Value>,
    depth: usize,
}

impl Pickler {
    pub(super) fn new(proto: u8) -> Self {
        Pickler {
            proto,
            out: Vec::new(),
            frame: Vec::new(),
            memo: HashMap::new(),
            strs: HashMap::new(),
            shared: HashMap::new(),
            keep: Vec::new(),
            depth: 0,
        }
    }

    pub(super) fn dump(mut self, it: &mut Interp, v: &Value) -> R<Vec<u8>> {
        self.out.extend_from_slice(&[0x80, self.proto]);
        self.save(it, v)?;
        self.frame.push(b'.');
        self.commit();
        Ok(self.out)
    }

    fn framed(&self) -> bool {
        self.proto >= 4
    }

    /// Moves the current frame to the output, with its `FRAME` header from protocol 4.
    fn commit(&mut self) {
        if self.framed() && self.frame.len() >= 4 {
            self.out.push(0x95);
            self.out
                .extend_from_slice(&(self.frame.len() as u64).to_le_bytes());
        }
        self.out.append(&mut self.frame);
    }

    fn w(&mut self, b: &[u8]) {
        self.frame.extend_from_slice(b);
    }

    /// An opcode with a payload; a large payload goes outside the frames, as CPython does.
    fn w_payload(&mut self, header: &[u8], payload: &[u8]) {
        if self.framed() && payload.len() >= FRAME_TARGET {
            self.commit();
            self.out.extend_from_slice(header);
            self.out.extend_from_slice(payload);
        } else {
            self.w(header);
            self.w(payload);
        }
    }

    fn memoize(&mut self, v: &Value) {
        let idx = self.memo.len() as u32;
        self.memo.insert(v.identity(), idx);
        self.keep.push(v.clone());
        if self.proto >= 4 {
            self.w(&[0x94]);
        } else if idx < 256 {
            self.w(&[b'q', idx as u8]);
        } else {
            self.w(b"r");
            self.w(&idx.to_le_bytes());
        }
    }

    /// `GET` of a memoized value, if it is one.
    fn memo_get(&mut self, v: &Value) -> bool {
        let Some(&idx) = self.memo.get(&v.identity()) else {
            return false;
        };
        self.get(idx);
        true
    }

    fn get(&mut self, idx: u32) {
        if idx < 256 {
            self.w(&[b'h', idx as u8]);
        } else {
            self.w(b"j");
            self.w(&idx.to_le_bytes());
        }
    }

    fn int(&mut self, i: i64) {
        if (0..=0xff).contains(&i) {
            self.w(&[b'K', i as u8]);
        } else if (0..=0xffff).contains(&i) {
            self.w(b"M");
            self.w(&(i as u16).to_le_bytes());
        } else if i32::try_from(i).is_ok() {
            self.w(b"J");
            self.w(&(i as i32).to_le_bytes());
        } else {
            self.long(&num_bigint::BigInt::from(i));
        }
    }

    fn long(&mut self, b: &num_bigint::BigInt) {
        let bytes = b.to_signed_bytes_le();
        if bytes.len() < 256 {
            self.w(&[0x8a, bytes.len() as u8]);
        } else {
            self.w(&[0x8b]);
            self.w(&(bytes.len() as u32).to_le_bytes());
        }
        self.w(&bytes);
    }

    fn text(&mut self, s: &str) {
        let b = s.as_bytes();
        if self.proto >= 4 && b.len() < 256 {
            self.w(&[0x8c, b.len() as u8]);
            self.w(b);
        } else if b.len() <= u32::MAX as usize {
            let mut h = vec![b'X'];
            h.extend_from_slice(&(b.len() as u32).to_le_bytes());
            self.w_payload(&h, b);
        } else {
            let mut h = vec![0x8d];
            h.extend_from_slice(&(b.len() as u64).to_le_bytes());
            self.w_payload(&h, b);
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        if b.len() < 256 {
            self.w(&[b'C', b.len() as u8]);
            self.w(b);
        } else if b.len() <= u32::MAX as usize {
            let mut h = vec![b'B'];
            h.extend_from_slice(&(b.len() as u32).to_le_bytes());
            self.w_payload(&h, b);
        } else {
            let mut h = vec![0x8e];
            h.extend_from_slice(&(b.len() as u64).to_le_bytes());
            self.w_payload(&h, b);
        }
    }

    /// A module global: `STACK_GLOBAL` from protocol 4, `GLOBAL` before; memoized.
    fn global(&mut self, module: &str, name: &str) {
        let key = format!("global {}.{}", module, name);
        if self.reuse(&key) {
            return;
        }
        if self.proto >= 4 {
            self.str_memo(module);
            self.str_memo(name);
            self.w(&[0x93]);
            self.memo_skip_put_or_memoize();
        } else {
            let module = if self.proto < 3 && module == "builtins" {
                "__builtin__"
            } else {
                module
            };
            self.w(format!("c{}\n{}\n", module, name).as_bytes());
            self.memo_skip_put();
        }
        self.shared.insert(key, self.memo.len() as u32 - 1);
    }

    /// A `GET` of a shared object already written.
    fn reuse(&mut self, key: &str) -> bool {
        match self.shared.get(key) {
            Some(&idx) => {
                self.get(idx);
                true
            }
            None => false,
        }
    }

    /// A string, memoized by content.
    fn str_memo(&mut self, s: &str) {
        if let Some(&idx) = self.strs.get(s) {
            self.get(idx);
            return;
        }
        self.text(s);
        self.strs.insert(s.to_string(), self.memo.len() as u32);
        self.memo_skip_put_or_memoize();
    }

    /// A memo slot for a value nobody refers to again (a global's parts).
    fn memo_skip(&mut self) {
        let idx = self.memo.len() as u32;
        self.memo.insert(usize::MAX - idx as usize, idx);
    }

    fn memo_skip_put(&mut self) {
        let idx = self.memo.len() as u32;
        self.memo.insert(usize::MAX - idx as usize, idx);
        if idx < 256 {
            self.w(&[b'q', idx as u8]);
        } else {
            self.w(b"r");
            self.w(&idx.to_le_bytes());
        }
    }

    fn boundary(&mut self) {
        if self.framed() && self.frame.len() >= FRAME_TARGET {
            self.commit();
        }
    }

    fn save(&mut self, it: &mut Interp, v: &Value) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return raise(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while pickling an object",
            );
        }
        it.check_interrupt()?;
        let r = self.save_inner(it, v);
        self.depth -= 1;
        self.boundary();
        r
    }

    fn save_inner(&mut self, it: &mut Interp, v: &Value) -> R<()> {
        match v {
            Value::None => self.w(b"N"),
            Value::Bool(true) => self.w(&[0x88]),
            Value::Bool(false) => self.w(&[0x89]),
            Value::Int(i) => self.int(*i),
            Value::BigInt(b) => self.long(b),
            Value::Float(f) => {
                self.w(b"G");
                self.w(&f.to_be_bytes());
            }
            Value::Str(s) => {
                if let Some(&idx) = self.strs.get(&**s) {
                    self.get(idx);
                    return Ok(());
                }
                self.text(s);
                self.strs.insert(s.to_string(), self.memo.len() as u32);
                self.memoize(v);
            }
            Value::Bytes(b) => {
                if self.memo_get(v) {
                    return Ok(());
                }
                if self.proto < 3 {
                    self.global("_codecs", "encode");
                    let latin: String = b.iter().map(|&c| c as char).collect();
                    self.text(&latin);
                    self.memo_skip_put();
                    self.str_memo("latin1");
                    self.w(&[0x86]);
                    self.memo_skip_put();
                    self.w(b"R");
                } else {
                    self.bytes(b);
                }
                self.memoize(v);
            }
            Value::ByteArray(b) => {
                if self.memo_get(v) {
                    return Ok(());
                }
                let data = b.borrow().clone();
                if self.proto >= 5 {
                    let mut h = vec![0x96];
                    h.extend_from_slice(&(data.len() as u64).to_le_bytes());
                    self.w_payload(&h, &data);
                } else {
                    self.global("builtins", "bytearray");
                    self.save(it, &Value::Bytes(data.as_slice().into()))?;
                    self.w(&[0x85]);
                    self.memo_skip_put_or_memoize();
                    self.w(b"R");
                }
                self.memoize(v);
            }
            Value::Tuple(t) => {
                if t.is_empty() {
                    self.w(b")");
                    return Ok(());
                }
                if self.memo_get(v) {
                    return Ok(());
                }
                if t.len() <= 3 {
                    for x in t.iter() {
                        self.save(it, x)?;
                    }
                    self.w(&[0x84 + t.len() as u8]);
                } else {
                    self.w(b"(");
                    for x in t.iter() {
                        self.save(it, x)?;
                    }
                    self.w(b"t");
                }
                self.memoize(v);
            }
            Value::List(l) => {
                if self.memo_get(v) {
                    return Ok(());
                }
                self.w(b"]");
                self.memoize(v);
                let items = l.borrow().clone();
                self.batched(it, &items, b"a", b"e")?;
            }
            Value::Dict(d) => {
                if self.memo_get(v) {
                    return Ok(());
                }
                if d.borrow().ext.is_some() {
                    return self.unpicklable(v);
                }
                self.w(b"}");
                self.memoize(v);
                let (keys, vals) = {
                    let d = d.borrow();
                    (d.keys.clone(), d.values.clone())
                };
                let pairs: Vec<(Value, Value)> = keys.into_iter().zip(vals).collect();
                if pairs.len() == 1 {
                    self.save(it, &pairs[0].0)?;
                    self.save(it, &pairs[0].1)?;
                    self.w(b"s");
                } else {
                    for chunk in pairs.chunks(BATCH) {
                        if chunk.len() == 1 {
                            self.save(it, &chunk[0].0)?;
                            self.save(it, &chunk[0].1)?;
                            self.w(b"s");
                            continue;
                        }
                        self.w(b"(");
                        for (k, x) in chunk {
                            self.save(it, k)?;
                            self.save(it, x)?;
                        }
                        self.w(b"u");
                    }
                }
            }
            Value::Set(s) => {
                if self.memo_get(v) {
                    return Ok(());
                }
                let items = s.borrow().clone();
                if self.proto >= 4 {
                    self.w(&[0x8f]);
                    self.memoize(v);
                    for chunk in items.chunks(BATCH) {
                        self.w(b"(");
                        for x in chunk {
                            self.save(it, x)?;
                        }
                        self.w(&[0x90]);
                    }
                } else {
                    self.global("builtins", "set");
                    self.save(it, &Value::list(items))?;
                    self.w(&[0x85]);
                    self.memo_skip_put_or_memoize();
                    self.w(b"R");
                    self.memoize(v);
                }
            }
            Value::NdArray(a) => {
                if self.memo_get(v) {
                    return Ok(());
                }
                let t = a.tensor();
                if t.ndim() == 0 {
                    self.scalar(it, v, &t)?;
                } else {
                    self.array(it, v, &t)?;
                }
            }
            Value::Object(_) if obj_array(v).is_some() => {
                if self.memo_get(v) {
                    return Ok(());
                }
                if let Some(a) = obj_array(v) {
                    self.object_array(it, v, a)?;
                }
            }
            Value::Object(_) if crate::api::np_object::is_object_dtype(v) => {
                self.dtype_object(it)?;
            }
            Value::Object(o) => match o.as_any().downcast_ref::<crate::api::objects::NpDType>() {
                Some(d) => self.dtype(it, d.0)?,
                None => return self.unpicklable(v),
            },
            _ => return self.unpicklable(v),
        }
        Ok(())
    }

    fn unpicklable(&mut self, v: &Value) -> R<()> {
        match v {
            Value::Function(_) | Value::Class(_) | Value::Builtin(_) => {
                Err(pickling_error(format!(
                    "tensh's pickle writes builtin values and numpy arrays, not {}",
                    v.type_name()
                )))
            }
            _ => Err(type_err(format!(
                "cannot pickle '{}' object",
                v.type_name()
            ))),
        }
    }

    /// A list's items: one `APPEND`, or batches of `MARK ... APPENDS`.
    fn batched(&mut self, it: &mut Interp, items: &[Value], one: &[u8], many: &[u8]) -> R<()> {
        if items.len() == 1 {
            self.save(it, &items[0])?;
            self.w(one);
            return Ok(());
        }
        for chunk in items.chunks(BATCH) {
            if chunk.len() == 1 {
                self.save(it, &chunk[0])?;
                self.w(one);
                continue;
            }
            self.w(b"(");
            for x in chunk {
                self.save(it, x)?;
            }
            self.w(many);
        }
        Ok(())
    }

    /// `numpy.dtype(code, False, True)` with its state.
    fn dtype_parts(&mut self, it: &mut Interp, code: &str, order: &str, flags: i64) -> R<()> {
        let key = format!("dtype {}", code);
        if self.reuse(&key) {
            return Ok(());
        }
        self.global("numpy", "dtype");
        self.str_memo(code);
        self.w(&[0x89, 0x88, 0x87]);
        self.memo_skip_put_or_memoize();
        self.w(b"R");
        self.memo_skip_put_or_memoize();
        self.shared.insert(key, self.memo.len() as u32 - 1);
        let state = Value::tuple(vec![
            Value::Int(3),
            Value::str(order),
            Value::None,
            Value::None,
            Value::None,
            Value::Int(-1),
            Value::Int(-1),
            Value::Int(flags),
        ]);
        self.save(it, &state)?;
        self.w(b"b");
        Ok(())
    }

    fn memo_skip_put_or_memoize(&mut self) {
        if self.proto >= 4 {
            self.w(&[0x94]);
            self.memo_skip();
        } else {
            self.memo_skip_put();
        }
    }

    fn dtype(&mut self, it: &mut Interp, d: DType) -> R<()> {
        let descr = crate::api::npy::descr(d);
        self.dtype_parts(it, &descr[1..], &descr[..1], 0)
    }

    fn dtype_object(&mut self, it: &mut Interp) -> R<()> {
        self.dtype_parts(it, "O8", "|", 63)
    }

    /// `_reconstruct(ndarray, (0,), b'b')`, the array `v` memoized, before the state.
    fn reconstruct(&mut self, it: &mut Interp, v: &Value) -> R<()> {
        self.global("numpy.core.multiarray", "_reconstruct");
        self.global("numpy", "ndarray");
        self.save(it, &Value::tuple(vec![Value::Int(0)]))?;
        if !self.reuse("bytes b") {
            self.save(it, &Value::Bytes(b"b".as_slice().into()))?;
            self.shared
                .insert("bytes b".into(), self.memo.len() as u32 - 1);
        }
        self.w(&[0x87]);
        self.memo_skip_put_or_memoize();
        self.w(b"R");
        self.memoize(v);
        Ok(())
    }

    /// The end of a state tuple and its `BUILD`.
    fn end_state(&mut self) {
        self.w(b"t");
        self.memo_skip_put_or_memoize();
        self.w(b"b");
    }

    fn shape_value(shape: &[usize]) -> Value {
        Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect())
    }

    fn array(&mut self, it: &mut Interp, v: &Value, t: &Tensor) -> R<()> {
        let data = crate::tensor::bytes::to_le_bytes(t);
        if self.proto >= 5 {
            self.global("numpy.core.numeric", "_frombuffer");
            self.w(b"(");
            let mut h = vec![0x96];
            h.extend_from_slice(&(data.len() as u64).to_le_bytes());
            self.w_payload(&h, &data);
            self.memo_skip_put_or_memoize();
            self.dtype(it, t.dtype())?;
            self.save(it, &Self::shape_value(t.shape()))?;
            self.save(it, &Value::str("C"))?;
            self.w(b"t");
            self.memo_skip_put_or_memoize();
            self.w(b"R");
            self.memoize(v);
            return Ok(());
        }
        self.reconstruct(it, v)?;
        self.w(b"(K\x01");
        self.save(it, &Self::shape_value(t.shape()))?;
        self.dtype(it, t.dtype())?;
        self.w(&[0x89]);
        if self.proto < 3 {
            let latin: String = data.iter().map(|&c| c as char).collect();
            self.global("_codecs", "encode");
            self.text(&latin);
            self.memo_skip_put();
            self.str_memo("latin1");
            self.w(&[0x86]);
            self.memo_skip_put();
            self.w(b"R");
            self.memo_skip_put();
        } else {
            let h: Vec<u8> = if data.len() < 256 {
                vec![b'C', data.len() as u8]
            } else if data.len() <= u32::MAX as usize {
                let mut h = vec![b'B'];
                h.extend_from_slice(&(data.len() as u32).to_le_bytes());
                h
            } else {
                let mut h = vec![0x8e];
                h.extend_from_slice(&(data.len() as u64).to_le_bytes());
                h
            };
            self.w_payload(&h, &data);
            self.memo_skip_put_or_memoize();
        }
        self.end_state();
        Ok(())
    }

    fn object_array(&mut self, it: &mut Interp, v: &Value, a: &ObjArray) -> R<()> {
        self.reconstruct(it, v)?;
        self.w(b"(K\x01");
        self.save(it, &Self::shape_value(&a.shape))?;
        self.dtype_object(it)?;
        self.w(&[0x89]);
        let items = a.items.borrow().clone();
        self.save(it, &Value::list(items))?;
        self.end_state();
        Ok(())
    }

    /// A numpy scalar: `numpy.core.multiarray.scalar(dtype, bytes)`.
    fn scalar(&mut self, it: &mut Interp, v: &Value, t: &Tensor) -> R<()> {
        self.global("numpy.core.multiarray", "scalar");
        self.dtype(it, t.dtype())?;
        let data = crate::tensor::bytes::to_le_bytes(t);
        self.save(it, &Value::Bytes(data.as_slice().into()))?;
        self.w(&[0x86]);
        self.memo_skip_put_or_memoize();
        self.w(b"R");
        self.memoize(v);
        Ok(())
    }
}
