//! Huffman-coded scan data, read as libjpeg-turbo reads it: the bit reader (0xFF00 byte
//! stuffing, fill bytes, markers), canonical Huffman tables, and the block decoders of the
//! sequential and progressive modes (DC first and refinement, AC first and refinement with
//! end-of-band runs).
//!
//! Damage is handled the way libjpeg does, without failing: a code longer than 16 bits reads
//! as symbol 0, and past the end of the data or at a marker the reader supplies zero bits
//! and raises `short`, after which the scan's remaining blocks are left as they are.

use super::tables::NATURAL;

/// The zigzag-to-natural map with libjpeg's 16 guard entries, so that a corrupt run
/// length past the 64th coefficient lands on the last one.
fn natural(k: usize) -> usize {
    if k < 64 {
        NATURAL[k]
    } else {
        63
    }
}

/// One Huffman table, ready for decoding.
#[derive(Clone, Debug)]
pub struct Huffman {
    /// Largest code of each length 1..=16 (index 17 is a sentinel), or -1.
    maxcode: [i32; 18],
    /// Offset to add to a code of each length to get its index into `symbols`.
    offset: [i32; 17],
    symbols: Vec<u8>,
    /// For the next 8 bits: the code length (0 when longer than 8) and its symbol.
    fast: Vec<(u8, u8)>,
}

impl Huffman {
    /// Builds a table from its counts per code length and its symbols, checking it as
    /// libjpeg does; DC tables may only hold symbols up to 15.
    pub fn new(counts: &[u8; 16], symbols: &[u8], dc: bool) -> Result<Huffman, String> {
        let total: usize = counts.iter().map(|&c| c as usize).sum();
        if total > 256 || total > symbols.len() {
            return Err("Bogus Huffman table definition".into());
        }
        let symbols = symbols[..total].to_vec();
        if dc && symbols.iter().any(|&s| s > 15) {
            return Err("Bogus Huffman table definition".into());
        }
        let mut maxcode = [-1i32; 18];
        let mut offset = [0i32; 17];
        let mut fast = vec![(0u8, 0u8); 256];
        let mut code: i32 = 0;
        let mut k = 0usize;
        for len in 1..=16usize {
            let n = counts[len - 1] as usize;
            // No code may be all ones: the codes of each length must fit it.
            if n > 0 && code as usize + n >= (1 << len) {
                return Err("Bogus Huffman table definition".into());
            }
            if n > 0 {
                offset[len] = k as i32 - code;
                for _ in 0..n {
                    if len <= 8 {
                        let shift = 8 - len;
                        let base = (code as usize) << shift;
                        for e in fast.iter_mut().skip(base).take(1 << shift) {
                            *e = (len as u8, symbols[k]);
                        }
                    }
                    code += 1;
                    k += 1;
                }
                maxcode[len] = code - 1;
            }
            code <<= 1;
        }
        maxcode[17] = i32::MAX;
        Ok(Huffman {
            maxcode,
            offset,
            symbols,
            fast,
        })
    }
}

/// Reads the bits of one scan.
pub struct Bits<'a> {
    data: &'a [u8],
    /// Next byte to read.
    pub pos: usize,
    acc: u64,
    n: u32,
    /// A marker met in the data (its code byte already consumed), not yet dealt with.
    pub marker: Option<u8>,
    /// The data ran out or reached a marker while bits were still needed.
    pub short: bool,
    /// A corrupt code was met (libjpeg warns and goes on).
    pub warnings: usize,
}

impl<'a> Bits<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Bits<'a> {
        Bits {
            data,
            pos,
            acc: 0,
            n: 0,
            marker: None,
            short: false,
            warnings: 0,
        }
    }

    /// Loads whole bytes until 57 bits are held or a marker or the end stops it.
    fn fill(&mut self) {
        while self.n <= 56 && self.marker.is_none() {
            let Some(&b) = self.data.get(self.pos) else {
                return;
            };
            if b == 0xFF {
                let mut q = self.pos + 1;
                while self.data.get(q) == Some(&0xFF) {
                    q += 1;
                }
                match self.data.get(q) {
                    Some(0) => {
                        self.pos = q + 1;
                    }
                    Some(&m) => {
                        self.marker = Some(m);
                        self.pos = q + 1;
                        return;
                    }
                    None => {
                        self.pos = q;
                        return;
                    }
                }
            } else {
                self.pos += 1;
            }
            self.acc |= (b as u64) << (56 - self.n);
            self.n += 8;
        }
    }

    /// Makes sure `k` bits can be taken, supplying zero bits when the data has none left.
    #[inline]
    fn need(&mut self, k: u32) {
        if self.n < k {
            self.fill();
            if self.n < k {
                self.short = true;
                self.n = 64;
            }
        }
    }

    #[inline]
    pub fn bits(&mut self, k: u32) -> i32 {
        if k == 0 {
            return 0;
        }
        self.need(k);
        let v = (self.acc >> (64 - k)) as i32;
        self.acc <<= k;
        self.n -= k;
        v
    }

    #[inline]
    pub fn bit(&mut self) -> bool {
        self.bits(1) != 0
    }

    /// The next Huffman symbol; a code longer than 16 bits reads as 0.
    pub fn symbol(&mut self, h: &Huffman) -> u8 {
        if self.n < 8 {
            self.fill();
        }
        if self.n >= 8 {
            let (len, sym) = h.fast[(self.acc >> 56) as usize];
            if len > 0 {
                self.acc <<= len;
                self.n -= len as u32;
                return sym;
            }
        }
        let mut code = self.bits(1);
        let mut len = 1;
        while code > h.maxcode[len] {
            code = (code << 1) | self.bits(1);
            len += 1;
        }
        if len > 16 {
            self.warnings += 1;
            return 0;
        }
        h.symbols[(code + h.offset[len]) as usize]
    }

    /// The sign-extended value of a `s`-bit magnitude category.
    #[inline]
    pub fn extend(&mut self, s: u32) -> i32 {
        if s == 0 {
            return 0;
        }
        let v = self.bits(s);
        if v < (1 << (s - 1)) {
            v - (1 << s) + 1
        } else {
            v
        }
    }

    /// Drops the bits left over before a restart marker.
    pub fn align(&mut self) {
        self.acc = 0;
        self.n = 0;
    }

    /// Moves to the next marker in the data, as libjpeg's `next_marker` does after a scan
    /// or a restart interval, skipping whatever is not a marker. None at the end.
    pub fn next_marker(&mut self) -> Option<u8> {
        if let Some(m) = self.marker.take() {
            return Some(m);
        }
        loop {
            while self.data.get(self.pos).is_some_and(|&b| b != 0xFF) {
                self.pos += 1;
            }
            let mut q = self.pos;
            while self.data.get(q) == Some(&0xFF) {
                q += 1;
            }
            match self.data.get(q) {
                None => {
                    self.pos = q;
                    return None;
                }
                Some(0) => self.pos = q + 1,
                Some(&m) => {
                    self.pos = q + 1;
                    return Some(m);
                }
            }
        }
    }
}

/// What one scan codes: its spectral band and successive-approximation bits.
#[derive(Clone, Copy, Debug)]
pub struct Band {
    pub ss: usize,
    pub se: usize,
    pub ah: u32,
    pub al: u32,
    /// The frame is progressive (else the scan is sequential: the whole block at once).
    pub progressive: bool,
}

/// Per-scan decoding state: DC predictors and the end-of-band run.
pub struct State {
    pub last_dc: [i32; 4],
    pub eobrun: u32,
}

/// Decodes one block of a scan into `block` (natural order). `ci` is the component's
/// place in the scan, for its DC predictor.
pub fn block(
    bits: &mut Bits,
    st: &mut State,
    band: &Band,
    ci: usize,
    dc: Option<&Huffman>,
    ac: Option<&Huffman>,
    block: &mut [i16],
) {
    if !band.progressive {
        sequential(bits, st, ci, dc, ac, block);
    } else if band.ss == 0 {
        if band.ah == 0 {
            if let Some(dc) = dc {
                let s = bits.symbol(dc) as u32;
                let diff = bits.extend(s);
                st.last_dc[ci] = st.last_dc[ci].wrapping_add(diff);
                block[0] = (st.last_dc[ci].wrapping_shl(band.al)) as i16;
            }
        } else if bits.bit() {
            block[0] |= (1i32 << band.al) as i16;
        }
    } else if let Some(ac) = ac {
        if band.ah == 0 {
            ac_first(bits, st, band, ac, block);
        } else {
            ac_refine(bits, st, band, ac, block);
        }
    }
}

fn sequential(
    bits: &mut Bits,
    st: &mut State,
    ci: usize,
    dc: Option<&Huffman>,
    ac: Option<&Huffman>,
    block: &mut [i16],
) {
    if let Some(dc) = dc {
        let s = bits.symbol(dc) as u32;
        let diff = bits.extend(s);
        st.last_dc[ci] = st.last_dc[ci].wrapping_add(diff);
        block[0] = st.last_dc[ci] as i16;
    }
    let Some(ac) = ac else { return };
    let mut k = 1usize;
    while k < 64 {
        let rs = bits.symbol(ac);
        let r = (rs >> 4) as usize;
        let s = (rs & 15) as u32;
        if s != 0 {
            k += r;
            let v = bits.extend(s);
            block[natural(k)] = v as i16;
        } else if r == 15 {
            k += 15;
        } else {
            break;
        }
        k += 1;
    }
}

fn ac_first(bits: &mut Bits, st: &mut State, band: &Band, ac: &Huffman, block: &mut [i16]) {
    if st.eobrun > 0 {
        st.eobrun -= 1;
        return;
    }
    let mut k = band.ss;
    while k <= band.se {
        let rs = bits.symbol(ac);
        let r = (rs >> 4) as u32;
        let s = (rs & 15) as u32;
        if s != 0 {
            k += r as usize;
            let v = bits.extend(s);
            block[natural(k)] = v.wrapping_shl(band.al) as i16;
        } else if r == 15 {
            k += 15;
        } else {
            let mut run = 1u32 << r;
            if r > 0 {
                run += bits.bits(r) as u32;
            }
            st.eobrun = run - 1;
            break;
        }
        k += 1;
    }
}

fn ac_refine(bits: &mut Bits, st: &mut State, band: &Band, ac: &Huffman, block: &mut [i16]) {
    let p1 = (1i32 << band.al) as i16;
    let m1 = (-1i32 << band.al) as i16;
    let mut k = band.ss;
    // Gives a coefficient that is already nonzero its correction bit.
    let correct = |bits: &mut Bits, c: &mut i16| {
        if bits.bit() && (*c & p1) == 0 {
            *c = if *c >= 0 {
                c.wrapping_add(p1)
            } else {
                c.wrapping_add(m1)
            };
        }
    };
    if st.eobrun == 0 {
        while k <= band.se {
            let rs = bits.symbol(ac);
            let mut r = (rs >> 4) as i32;
            let s = (rs & 15) as u32;
            let mut value = 0i16;
            if s != 0 {
                if s != 1 {
                    bits.warnings += 1;
                }
                value = if bits.bit() { p1 } else { m1 };
            } else if r != 15 {
                let mut run = 1u32 << r;
                if r > 0 {
                    run += bits.bits(r as u32) as u32;
                }
                st.eobrun = run;
                break;
            }
            loop {
                let z = natural(k);
                if block[z] != 0 {
                    correct(bits, &mut block[z]);
                } else {
                    r -= 1;
                    if r < 0 {
                        break;
                    }
                }
                k += 1;
                if k > band.se {
                    break;
                }
            }
            if value != 0 {
                block[natural(k)] = value;
            }
            k += 1;
        }
    }
    if st.eobrun > 0 {
        while k <= band.se {
            let z = natural(k);
            if block[z] != 0 {
                correct(bits, &mut block[z]);
            }
            k += 1;
        }
        st.eobrun -= 1;
    }
}
