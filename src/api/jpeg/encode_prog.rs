//! Progressive side of the encoder: the scan script of `jpeg_simple_progression`
//! and the coder of libjpeg-turbo's `jcphuff.c` (DC first/refine scans, AC
//! spectral-selection scans with EOB runs, AC refinement scans with buffered
//! correction bits).  libjpeg-turbo always optimises the Huffman tables of a
//! progressive file, so every scan is coded twice: once to gather statistics,
//! then with the tables built from them, which are written before the scan.

use super::huff::{self, BitWriter, Counter, Emitter, HuffCode, HuffSpec, Sink, MAX_COEF_BITS};
use super::tables::NATURAL;
use super::{write_dht, write_sos, Frame};

/// One scan of the script: components, spectral band and approximation bits.
struct Scan {
    comps: Vec<usize>,
    ss: usize,
    se: usize,
    ah: u32,
    al: u32,
}

fn scan(comps: &[usize], ss: usize, se: usize, ah: u32, al: u32) -> Scan {
    Scan {
        comps: comps.to_vec(),
        ss,
        se,
        ah,
        al,
    }
}

/// `jpeg_simple_progression`'s script for YCbCr (3 components) or grayscale.
fn script(ncomps: usize) -> Vec<Scan> {
    if ncomps == 3 {
        vec![
            scan(&[0, 1, 2], 0, 0, 0, 1),
            scan(&[0], 1, 5, 0, 2),
            scan(&[2], 1, 63, 0, 1),
            scan(&[1], 1, 63, 0, 1),
            scan(&[0], 6, 63, 0, 2),
            scan(&[0], 1, 63, 2, 1),
            scan(&[0, 1, 2], 0, 0, 1, 0),
            scan(&[2], 1, 63, 1, 0),
            scan(&[1], 1, 63, 1, 0),
            scan(&[0], 1, 63, 1, 0),
        ]
    } else {
        vec![
            scan(&[0], 0, 0, 0, 1),
            scan(&[0], 1, 5, 0, 2),
            scan(&[0], 6, 63, 0, 2),
            scan(&[0], 1, 63, 2, 1),
            scan(&[0], 0, 0, 1, 0),
            scan(&[0], 1, 63, 1, 0),
        ]
    }
}

/// Correction bits buffered with a pending EOB run may not exceed this
/// (`MAX_CORR_BITS - DCTSIZE2 + 1` in `jcphuff.c`).
const MAX_BE: usize = 1000 - 64 + 1;

/// Per-scan coder state.
struct Coder<'s, S: Sink> {
    sink: &'s mut S,
    ac_tbl: usize,
    eobrun: u32,
    /// Correction bits waiting for the pending EOB run.
    be: Vec<u8>,
    last_dc: [i32; 4],
}

impl<S: Sink> Coder<'_, S> {
    fn emit_eobrun(&mut self) -> Result<(), String> {
        if self.eobrun > 0 {
            let n = huff::nbits(self.eobrun) - 1;
            if n > 14 {
                return Err("missing Huffman code".to_string());
            }
            self.sink.symbol(true, self.ac_tbl, (n << 4) as u8)?;
            self.sink.bits(self.eobrun, n);
            self.eobrun = 0;
            for &b in &self.be {
                self.sink.bits(u32::from(b), 1);
            }
            self.be.clear();
        }
        Ok(())
    }

    fn dc_first(
        &mut self,
        si: usize,
        tbl: usize,
        block: &[i16; 64],
        al: u32,
    ) -> Result<(), String> {
        let v = i32::from(block[0]) >> al;
        let diff = v - self.last_dc[si];
        self.last_dc[si] = v;
        let n = huff::nbits(diff.unsigned_abs());
        if n > MAX_COEF_BITS + 1 {
            return Err("DCT coefficient out of range".to_string());
        }
        self.sink.symbol(false, tbl, n as u8)?;
        let bits = if diff < 0 { diff - 1 } else { diff };
        self.sink.bits(bits as u32, n);
        Ok(())
    }

    fn ac_first(&mut self, block: &[i16; 64], ss: usize, se: usize, al: u32) -> Result<(), String> {
        let band = &NATURAL[ss..=se];
        let transformed = |pos: usize| {
            let c = i32::from(block[pos]);
            (c, c.unsigned_abs() >> al)
        };
        let any = band.iter().any(|&p| transformed(p).1 != 0);
        if any && self.eobrun > 0 {
            self.emit_eobrun()?;
        }
        let mut run = 0u32;
        for &pos in band {
            let (c, mag) = transformed(pos);
            if mag == 0 {
                run += 1;
                continue;
            }
            while run > 15 {
                self.sink.symbol(true, self.ac_tbl, 0xF0)?;
                run -= 16;
            }
            let n = huff::nbits(mag);
            if n > MAX_COEF_BITS {
                return Err("DCT coefficient out of range".to_string());
            }
            self.sink
                .symbol(true, self.ac_tbl, ((run << 4) + n) as u8)?;
            let bits = if c < 0 { !mag } else { mag };
            self.sink.bits(bits, n);
            run = 0;
        }
        if run > 0 {
            self.eobrun += 1;
            if self.eobrun == 0x7FFF {
                self.emit_eobrun()?;
            }
        }
        Ok(())
    }

    fn ac_refine(
        &mut self,
        block: &[i16; 64],
        ss: usize,
        se: usize,
        al: u32,
    ) -> Result<(), String> {
        let band = &NATURAL[ss..=se];
        let mut abs = [0u32; 64];
        let mut eob = 0usize;
        for (k, &pos) in band.iter().enumerate() {
            abs[k] = i32::from(block[pos]).unsigned_abs() >> al;
            if abs[k] == 1 {
                eob = k;
            }
        }
        let mut run = 0u32;
        let mut br: Vec<u8> = Vec::new();
        for (k, &pos) in band.iter().enumerate() {
            let t = abs[k];
            if t == 0 {
                run += 1;
                continue;
            }
            while run > 15 && k <= eob {
                self.emit_eobrun()?;
                self.sink.symbol(true, self.ac_tbl, 0xF0)?;
                run -= 16;
                for &b in &br {
                    self.sink.bits(u32::from(b), 1);
                }
                br.clear();
            }
            if t > 1 {
                br.push((t & 1) as u8);
                continue;
            }
            self.emit_eobrun()?;
            self.sink
                .symbol(true, self.ac_tbl, ((run << 4) + 1) as u8)?;
            self.sink.bits(u32::from(block[pos] >= 0), 1);
            for &b in &br {
                self.sink.bits(u32::from(b), 1);
            }
            br.clear();
            run = 0;
        }
        if run > 0 || !br.is_empty() {
            self.eobrun += 1;
            self.be.extend_from_slice(&br);
            if self.eobrun == 0x7FFF || self.be.len() > MAX_BE {
                self.emit_eobrun()?;
            }
        }
        Ok(())
    }
}

/// Codes one scan into `sink`; returns after the final EOB run is emitted.
fn code_scan<S: Sink>(frame: &Frame, sc: &Scan, sink: &mut S) -> Result<(), String> {
    let first = frame.comps.get(sc.comps[0]).ok_or("bad scan component")?;
    let mut coder = Coder {
        sink,
        ac_tbl: first.tbl,
        eobrun: 0,
        be: Vec::new(),
        last_dc: [0; 4],
    };
    if sc.ss == 0 {
        let tbls: Vec<usize> = sc.comps.iter().map(|&c| frame.comps[c].tbl).collect();
        frame.for_each_block(&sc.comps, |si, b| {
            if sc.ah == 0 {
                coder.dc_first(si, tbls[si], b, sc.al)
            } else {
                coder.sink.bits(((i32::from(b[0]) >> sc.al) & 1) as u32, 1);
                Ok(())
            }
        })?;
    } else {
        frame.for_each_block(&sc.comps, |_, b| {
            if sc.ah == 0 {
                coder.ac_first(b, sc.ss, sc.se, sc.al)
            } else {
                coder.ac_refine(b, sc.ss, sc.se, sc.al)
            }
        })?;
    }
    coder.emit_eobrun()
}

/// Writes every scan of the progressive script (DHT segments, SOS, data).
pub(super) fn encode_progressive(frame: &Frame, mut out: Vec<u8>) -> Result<Vec<u8>, String> {
    for sc in script(frame.comps.len()) {
        let is_dc = sc.ss == 0;
        let needs_table = !(is_dc && sc.ah != 0);
        let mut codes: [[Option<HuffCode>; 2]; 2] = Default::default();
        if needs_table {
            let mut counter = Counter::new();
            code_scan(frame, &sc, &mut counter)?;
            let a = usize::from(!is_dc);
            let mut specs: [Option<HuffSpec>; 2] = Default::default();
            for &ci in &sc.comps {
                let t = frame.comps[ci].tbl;
                if specs[t].is_none() {
                    specs[t] = Some(huff::optimal_table(&counter.counts[a][t])?);
                }
            }
            let mut written = [false; 2];
            for &ci in &sc.comps {
                let t = frame.comps[ci].tbl;
                if written[t] {
                    continue;
                }
                written[t] = true;
                let spec = specs[t].as_ref().ok_or("missing Huffman table")?;
                write_dht(&mut out, ((a as u8) << 4) | t as u8, spec)?;
                codes[a][t] = Some(HuffCode::derive(spec)?);
            }
        }
        let tables: Vec<(usize, usize)> = sc
            .comps
            .iter()
            .map(|&ci| {
                let t = frame.comps[ci].tbl;
                match (is_dc, sc.ah) {
                    (true, 0) => (t, 0),
                    (true, _) => (0, 0),
                    _ => (0, t),
                }
            })
            .collect();
        write_sos(
            &mut out,
            frame,
            &sc.comps,
            &tables,
            [sc.ss as u8, sc.se as u8, ((sc.ah as u8) << 4) | sc.al as u8],
        )?;
        let mut w = BitWriter::new(out);
        {
            let mut em = Emitter { w: &mut w, codes };
            code_scan(frame, &sc, &mut em)?;
        }
        w.flush();
        out = w.out;
    }
    Ok(out)
}
