//! Huffman side of the encoder: the bit writer with 0xFF byte stuffing and
//! one-bit padding, code derivation from a DHT-style table, libjpeg's
//! `jpeg_gen_optimal_table` (annex K.2 with its tie-breaking and 16-bit length
//! limiting), and the sequential (baseline) block coder of `jchuff.c`.

use super::tables::NATURAL;

/// A Huffman table as written in a DHT segment: the number of codes of each
/// length 1..=16 and the symbols in code order.
#[derive(Clone, Debug)]
pub(super) struct HuffSpec {
    pub bits: [u8; 16],
    pub vals: Vec<u8>,
}

impl HuffSpec {
    pub(super) fn from_table(t: &([u8; 16], &[u8])) -> HuffSpec {
        HuffSpec {
            bits: t.0,
            vals: t.1.to_vec(),
        }
    }
}

/// Code and length for every symbol (length 0: the symbol has no code).
#[derive(Clone)]
pub(super) struct HuffCode {
    code: [u16; 256],
    size: [u8; 256],
}

impl HuffCode {
    /// Canonical code assignment (`jpeg_make_c_derived_tbl`).
    pub(super) fn derive(spec: &HuffSpec) -> Result<HuffCode, String> {
        let mut hc = HuffCode {
            code: [0; 256],
            size: [0; 256],
        };
        let total: usize = spec.bits.iter().map(|&b| usize::from(b)).sum();
        if total > 256 || total > spec.vals.len() {
            return Err("bad Huffman table".to_string());
        }
        let mut code: u32 = 0;
        let mut k = 0;
        for (len, &count) in spec.bits.iter().enumerate() {
            let len = len + 1;
            for _ in 0..count {
                let sym = usize::from(spec.vals[k]);
                if hc.size[sym] != 0 {
                    return Err("duplicate symbol in Huffman table".to_string());
                }
                hc.code[sym] = code as u16;
                hc.size[sym] = len as u8;
                code += 1;
                k += 1;
            }
            if code >= (1 << len) {
                return Err("bad Huffman table".to_string());
            }
            code <<= 1;
        }
        Ok(hc)
    }
}

/// `jpeg_gen_optimal_table`: builds a length-limited Huffman table from symbol
/// frequencies, reserving one code point (pseudo-symbol 256) so no code is all
/// ones.  Ties pick the larger symbol number, exactly as libjpeg does.
pub(super) fn optimal_table(counts: &[u64; 256]) -> Result<HuffSpec, String> {
    const MAX_CLEN: usize = 32;
    let mut freq = [0u64; 257];
    freq[..256].copy_from_slice(counts);
    freq[256] = 1;
    let mut codesize = [0usize; 257];
    let mut others = [usize::MAX; 257];
    loop {
        let mut c1 = usize::MAX;
        let mut v = u64::MAX;
        for (i, &f) in freq.iter().enumerate() {
            if f != 0 && f <= v {
                v = f;
                c1 = i;
            }
        }
        let mut c2 = usize::MAX;
        v = u64::MAX;
        for (i, &f) in freq.iter().enumerate() {
            if f != 0 && f <= v && i != c1 {
                v = f;
                c2 = i;
            }
        }
        if c2 == usize::MAX || c1 == usize::MAX {
            break;
        }
        freq[c1] += freq[c2];
        freq[c2] = 0;
        let mut c = c1;
        codesize[c] += 1;
        while others[c] != usize::MAX {
            c = others[c];
            codesize[c] += 1;
        }
        others[c] = c2;
        let mut c = c2;
        codesize[c] += 1;
        while others[c] != usize::MAX {
            c = others[c];
            codesize[c] += 1;
        }
    }
    let mut bits = [0u32; MAX_CLEN + 1];
    for &cs in codesize.iter() {
        if cs > MAX_CLEN {
            return Err("Huffman code size table overflow".to_string());
        }
        if cs > 0 {
            bits[cs] += 1;
        }
    }
    let mut i = MAX_CLEN;
    while i > 16 {
        while bits[i] > 0 {
            let mut j = i - 2;
            while j > 0 && bits[j] == 0 {
                j -= 1;
            }
            if j == 0 || bits[i] < 2 {
                return Err("Huffman code size table overflow".to_string());
            }
            bits[i] -= 2;
            bits[i - 1] += 1;
            bits[j + 1] += 2;
            bits[j] -= 1;
        }
        i -= 1;
    }
    while i > 0 && bits[i] == 0 {
        i -= 1;
    }
    if i > 0 {
        bits[i] -= 1;
    }
    let mut spec = HuffSpec {
        bits: [0; 16],
        vals: Vec::new(),
    };
    for (k, b) in spec.bits.iter_mut().enumerate() {
        *b = bits[k + 1] as u8;
    }
    for len in 1..=MAX_CLEN {
        for (sym, &cs) in codesize.iter().enumerate().take(256) {
            if cs == len {
                spec.vals.push(sym as u8);
            }
        }
    }
    Ok(spec)
}

/// Entropy-coded segment writer: MSB-first bits, a zero byte stuffed after
/// every 0xFF, the last partial byte filled with one bits.
pub(super) struct BitWriter {
    pub out: Vec<u8>,
    acc: u64,
    nbits: u32,
}

impl BitWriter {
    pub(super) fn new(out: Vec<u8>) -> BitWriter {
        BitWriter {
            out,
            acc: 0,
            nbits: 0,
        }
    }

    pub(super) fn put(&mut self, value: u32, size: u32) {
        if size == 0 {
            return;
        }
        let mask = (1u64 << size) - 1;
        self.acc = (self.acc << size) | (u64::from(value) & mask);
        self.nbits += size;
        while self.nbits >= 8 {
            self.nbits -= 8;
            let byte = (self.acc >> self.nbits) as u8;
            self.out.push(byte);
            if byte == 0xFF {
                self.out.push(0);
            }
        }
        self.acc &= (1u64 << self.nbits) - 1;
    }

    /// Pads the last byte with one bits.
    pub(super) fn flush(&mut self) {
        if self.nbits > 0 {
            let pad = 8 - self.nbits;
            self.put((1 << pad) - 1, pad);
        }
        self.acc = 0;
        self.nbits = 0;
    }
}

/// Where the coders send their output: symbol statistics (the gathering pass
/// of an optimised encode) or real bits.
pub(super) trait Sink {
    /// A Huffman symbol of table `tbl` (0..=1) of class `ac` (false: DC).
    fn symbol(&mut self, ac: bool, tbl: usize, sym: u8) -> Result<(), String>;
    /// Raw bits (ignored when gathering statistics).
    fn bits(&mut self, value: u32, size: u32);
}

/// Counts symbols per (class, table).
pub(super) struct Counter {
    pub counts: [[[u64; 256]; 2]; 2],
}

impl Counter {
    pub(super) fn new() -> Counter {
        Counter {
            counts: [[[0; 256]; 2]; 2],
        }
    }
}

impl Sink for Counter {
    fn symbol(&mut self, ac: bool, tbl: usize, sym: u8) -> Result<(), String> {
        let t = self
            .counts
            .get_mut(usize::from(ac))
            .and_then(|c| c.get_mut(tbl))
            .ok_or("bad Huffman table index")?;
        t[usize::from(sym)] += 1;
        Ok(())
    }
    fn bits(&mut self, _value: u32, _size: u32) {}
}

/// Emits Huffman codes through a `BitWriter`.
pub(super) struct Emitter<'a> {
    pub w: &'a mut BitWriter,
    /// Codes indexed by [class][table]; `None` where no table is defined.
    pub codes: [[Option<HuffCode>; 2]; 2],
}

impl Sink for Emitter<'_> {
    fn symbol(&mut self, ac: bool, tbl: usize, sym: u8) -> Result<(), String> {
        let hc = self
            .codes
            .get(usize::from(ac))
            .and_then(|c| c.get(tbl))
            .and_then(|c| c.as_ref())
            .ok_or("missing Huffman table")?;
        let size = hc.size[usize::from(sym)];
        if size == 0 {
            return Err("missing Huffman code".to_string());
        }
        self.w
            .put(u32::from(hc.code[usize::from(sym)]), u32::from(size));
        Ok(())
    }
    fn bits(&mut self, value: u32, size: u32) {
        self.w.put(value, size);
    }
}

/// Number of bits needed for the magnitude `v` (0 for 0).
pub(super) fn nbits(v: u32) -> u32 {
    32 - v.leading_zeros()
}

/// Largest coefficient magnitude in bits for 8-bit samples (`MAX_COEF_BITS`).
pub(super) const MAX_COEF_BITS: u32 = 10;

/// Codes one block of a sequential scan (`encode_one_block` / `htest_one_block`).
pub(super) fn encode_block<S: Sink>(
    sink: &mut S,
    block: &[i16; 64],
    last_dc: &mut i32,
    dc_tbl: usize,
    ac_tbl: usize,
) -> Result<(), String> {
    let dc = i32::from(block[0]);
    let diff = dc - *last_dc;
    *last_dc = dc;
    let mag = diff.unsigned_abs();
    let n = nbits(mag);
    if n > MAX_COEF_BITS + 1 {
        return Err("DCT coefficient out of range".to_string());
    }
    sink.symbol(false, dc_tbl, n as u8)?;
    let v = if diff < 0 { diff - 1 } else { diff };
    sink.bits(v as u32, n);
    let mut run = 0u32;
    for &pos in NATURAL.iter().skip(1) {
        let c = i32::from(block[pos]);
        if c == 0 {
            run += 1;
            continue;
        }
        while run > 15 {
            sink.symbol(true, ac_tbl, 0xF0)?;
            run -= 16;
        }
        let mag = c.unsigned_abs();
        let n = nbits(mag);
        if n > MAX_COEF_BITS {
            return Err("DCT coefficient out of range".to_string());
        }
        sink.symbol(true, ac_tbl, ((run << 4) + n) as u8)?;
        let v = if c < 0 { c - 1 } else { c };
        sink.bits(v as u32, n);
        run = 0;
    }
    if run > 0 {
        sink.symbol(true, ac_tbl, 0)?;
    }
    Ok(())
}
