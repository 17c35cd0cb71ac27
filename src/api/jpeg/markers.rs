//! The markers of a JPEG file, read as libjpeg's `jdmarker.c` reads them: the frame
//! (size, components, sampling), quantisation and Huffman tables, restart intervals, the
//! JFIF and Adobe segments that tell the colour space, and each scan's header with its
//! checks. Errors carry libjpeg's messages.

use super::entropy::Band;
use super::tables::NATURAL;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// libjpeg gave up (its message); TensorFlow reports all of these alike.
    Invalid(String),
    /// The image is larger than TensorFlow decodes (`output bytes >= 2^29`).
    TooLarge(usize),
    /// Larger than the memory budget.
    Memory(usize),
    Interrupted,
}

/// The error for a frame that is missing where one must be (a scan before any SOF).
pub(super) fn no_frame() -> Error {
    Error::Invalid("Invalid JPEG file structure: SOS before SOF".into())
}

pub(super) fn bad<T>(msg: impl Into<String>) -> Result<T, Error> {
    Err(Error::Invalid(msg.into()))
}

pub(super) struct Component {
    pub(super) id: u8,
    pub(super) h: usize,
    pub(super) v: usize,
    pub(super) tq: usize,
    /// The quantisation table in force at the component's first scan (natural order).
    pub(super) quant: Option<[u16; 64]>,
    /// Blocks across and down, padded out to whole MCUs.
    pub(super) bw: usize,
    pub(super) bh: usize,
    /// Samples that belong to the image.
    pub(super) dw: usize,
    pub(super) dh: usize,
    pub(super) coefs: Vec<i16>,
}

pub(super) struct Frame {
    pub(super) progressive: bool,
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) comps: Vec<Component>,
    pub(super) hmax: usize,
    pub(super) vmax: usize,
}

#[derive(Default)]
pub(super) struct Parser<'a> {
    pub(super) data: &'a [u8],
    pub(super) pos: usize,
    pub(super) quant: [Option<[u16; 64]>; 4],
    pub(super) dc: [Option<([u8; 16], Vec<u8>)>; 4],
    pub(super) ac: [Option<([u8; 16], Vec<u8>)>; 4],
    pub(super) restart: usize,
    pub(super) jfif: bool,
    pub(super) adobe: Option<u8>,
    pub(super) frame: Option<Frame>,
    pub(super) recover: bool,
}

/// A scan's header: components (indexes into the frame), their table choices, its band.
pub(super) struct Scan {
    pub(super) comps: Vec<(usize, usize, usize)>,
    pub(super) band: Band,
}

pub(super) enum Next {
    Scan(Scan),
    End,
}

pub(super) fn ceil_div(a: usize, b: usize) -> usize {
    a.div_ceil(b)
}

impl<'a> Parser<'a> {
    pub(super) fn byte(&mut self) -> Result<u8, Error> {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => bad("Premature end of JPEG file"),
        }
    }

    pub(super) fn u16(&mut self) -> Result<usize, Error> {
        Ok(((self.byte()? as usize) << 8) | self.byte()? as usize)
    }

    /// The next marker code, skipping anything that is not one (libjpeg warns).
    pub(super) fn marker(&mut self) -> Result<Option<u8>, Error> {
        loop {
            let Some(&b) = self.data.get(self.pos) else {
                // Out of data between markers: TensorFlow's source supplies an end
                // marker when recovering, else libjpeg cannot go on.
                return if self.recover {
                    Ok(None)
                } else {
                    bad("Premature end of JPEG file")
                };
            };
            self.pos += 1;
            if b != 0xFF {
                continue;
            }
            while self.data.get(self.pos) == Some(&0xFF) {
                self.pos += 1;
            }
            match self.data.get(self.pos) {
                Some(0) => self.pos += 1,
                Some(&m) => {
                    self.pos += 1;
                    return Ok(Some(m));
                }
                None => {}
            }
        }
    }

    /// The body of a marker segment, after its length.
    pub(super) fn segment(&mut self) -> Result<&'a [u8], Error> {
        let len = self.u16()?;
        if len < 2 {
            return bad("Bogus marker length");
        }
        let end = self.pos + len - 2;
        if end > self.data.len() {
            return bad("Premature end of JPEG file");
        }
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// Reads markers up to the next scan or the end of the image.
    pub(super) fn markers(&mut self, first: Option<u8>) -> Result<Next, Error> {
        let mut pending = first;
        loop {
            let m = match pending.take() {
                Some(m) => m,
                None => self.marker()?.unwrap_or(0xD9),
            };
            match m {
                0xD8 => return bad("Invalid JPEG file structure: two SOI markers"),
                0xC0..=0xC2 => self.sof(m == 0xC2)?,
                0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                    return bad(format!("Unsupported JPEG process: SOF type 0x{:02x}", m))
                }
                0xC4 => self.dht()?,
                0xDB => self.dqt()?,
                0xDD => {
                    let s = self.segment()?;
                    if s.len() != 2 {
                        return bad("Bogus marker length");
                    }
                    self.restart = ((s[0] as usize) << 8) | s[1] as usize;
                }
                0xDA => return Ok(Next::Scan(self.sos()?)),
                0xD9 => return Ok(Next::End),
                0xE0 => {
                    let s = self.segment()?;
                    if s.len() >= 14 && s.starts_with(b"JFIF\0") {
                        self.jfif = true;
                    }
                }
                0xEE => {
                    let s = self.segment()?;
                    if s.len() >= 12 && s.starts_with(b"Adobe") {
                        self.adobe = Some(s[11]);
                    }
                }
                0xE1..=0xED | 0xEF | 0xFE | 0xDC => {
                    self.segment()?;
                }
                0xD0..=0xD7 | 0x01 => {}
                _ => return bad(format!("Unsupported marker type 0x{:02x}", m)),
            }
        }
    }

    pub(super) fn sof(&mut self, progressive: bool) -> Result<(), Error> {
        if self.frame.is_some() {
            return bad("Invalid JPEG file structure: two SOF markers");
        }
        let s = self.segment()?;
        if s.len() < 6 {
            return bad("Bogus marker length");
        }
        if s[0] != 8 {
            return bad(format!("Unsupported JPEG data precision {}", s[0]));
        }
        let height = ((s[1] as usize) << 8) | s[2] as usize;
        let width = ((s[3] as usize) << 8) | s[4] as usize;
        let n = s[5] as usize;
        if height == 0 || width == 0 || n == 0 {
            return bad("Empty JPEG image (DNL not supported)");
        }
        if s.len() != 6 + n * 3 {
            return bad("Bogus marker length");
        }
        if n > 10 {
            return bad(format!("Too many color components: {}, max 10", n));
        }
        if width > 65500 || height > 65500 {
            return bad("Maximum supported image dimension is 65500 pixels");
        }
        let mut comps = Vec::with_capacity(n);
        for c in s[6..].chunks_exact(3) {
            let (h, v) = ((c[1] >> 4) as usize, (c[1] & 15) as usize);
            if !(1..=4).contains(&h) || !(1..=4).contains(&v) {
                return bad("Bogus sampling factors");
            }
            comps.push(Component {
                id: c[0],
                h,
                v,
                tq: (c[2] & 3) as usize,
                quant: None,
                bw: 0,
                bh: 0,
                dw: 0,
                dh: 0,
                coefs: Vec::new(),
            });
        }
        let hmax = comps.iter().map(|c| c.h).max().unwrap_or(1);
        let vmax = comps.iter().map(|c| c.v).max().unwrap_or(1);
        let (mx, my) = (ceil_div(width, 8 * hmax), ceil_div(height, 8 * vmax));
        for c in comps.iter_mut() {
            c.bw = mx * c.h;
            c.bh = my * c.v;
            c.dw = ceil_div(width * c.h, hmax);
            c.dh = ceil_div(height * c.v, vmax);
        }
        self.frame = Some(Frame {
            progressive,
            width,
            height,
            comps,
            hmax,
            vmax,
        });
        Ok(())
    }

    pub(super) fn dqt(&mut self) -> Result<(), Error> {
        let mut s = self.segment()?;
        while !s.is_empty() {
            let (prec, id) = (s[0] >> 4, (s[0] & 15) as usize);
            if id >= 4 {
                return bad(format!("Bogus DQT index {}", id));
            }
            let size = if prec != 0 { 128 } else { 64 };
            if s.len() < 1 + size {
                return bad("Bogus marker length");
            }
            let mut q = [0u16; 64];
            for k in 0..64 {
                q[NATURAL[k]] = if prec != 0 {
                    ((s[1 + 2 * k] as u16) << 8) | s[2 + 2 * k] as u16
                } else {
                    s[1 + k] as u16
                };
            }
            self.quant[id] = Some(q);
            s = &s[1 + size..];
        }
        Ok(())
    }

    pub(super) fn dht(&mut self) -> Result<(), Error> {
        let mut s = self.segment()?;
        while !s.is_empty() {
            if s.len() < 17 {
                return bad("Bogus marker length");
            }
            let (class, id) = (s[0] >> 4, (s[0] & 15) as usize);
            let mut counts = [0u8; 16];
            counts.copy_from_slice(&s[1..17]);
            let total: usize = counts.iter().map(|&c| c as usize).sum();
            if total > 256 || s.len() < 17 + total {
                return bad("Bogus Huffman table definition");
            }
            if id >= 4 {
                return bad(format!("Bogus DHT index {}", id));
            }
            let table = Some((counts, s[17..17 + total].to_vec()));
            if class == 0 {
                self.dc[id] = table;
            } else {
                self.ac[id] = table;
            }
            s = &s[17 + total..];
        }
        Ok(())
    }

    pub(super) fn sos(&mut self) -> Result<Scan, Error> {
        if self.frame.is_none() {
            return bad("Invalid JPEG file structure: SOS before SOF");
        }
        let len = ((*self.data.get(self.pos).unwrap_or(&0) as usize) << 8)
            | *self.data.get(self.pos + 1).unwrap_or(&0) as usize;
        let n = *self.data.get(self.pos + 2).unwrap_or(&0) as usize;
        if len != n * 2 + 6 || !(1..=4).contains(&n) {
            return bad("Bogus marker length");
        }
        let s = self.segment()?;
        let Some(frame) = self.frame.as_mut() else {
            return bad("Invalid JPEG file structure: SOS before SOF");
        };
        let mut comps: Vec<(usize, usize, usize)> = Vec::with_capacity(n);
        for c in s[1..1 + 2 * n].chunks_exact(2) {
            let Some(i) = frame.comps.iter().position(|k| k.id == c[0]) else {
                return bad(format!("Invalid component ID {} in SOS", c[0]));
            };
            if comps.iter().any(|k| k.0 == i) {
                return bad(format!("Invalid component ID {} in SOS", c[0]));
            }
            comps.push((i, (c[1] >> 4) as usize & 3, (c[1] & 15) as usize & 3));
        }
        let t = &s[1 + 2 * n..];
        let band = Band {
            ss: t[0] as usize,
            se: t[1] as usize,
            ah: (t[2] >> 4) as u32,
            al: (t[2] & 15) as u32,
            progressive: frame.progressive,
        };
        if frame.progressive {
            let ok = if band.ss == 0 {
                band.se == 0
            } else {
                n == 1 && band.se >= band.ss && band.se <= 63
            };
            if !ok || (band.ah != 0 && band.al + 1 != band.ah) || band.al > 13 {
                return bad(format!(
                    "Invalid progressive parameters Ss={} Se={} Ah={} Al={}",
                    band.ss, band.se, band.ah, band.al
                ));
            }
        }
        if n > 1 {
            let blocks: usize = comps
                .iter()
                .map(|&(i, _, _)| frame.comps[i].h * frame.comps[i].v)
                .sum();
            if blocks > 10 {
                return bad("Sampling factors too large for interleaved scan");
            }
        }
        for &(i, _, _) in &comps {
            let c = &mut frame.comps[i];
            if c.quant.is_none() {
                match self.quant[c.tq] {
                    Some(q) => c.quant = Some(q),
                    None => {
                        return bad(format!("Quantization table 0x{:02x} was not defined", c.tq))
                    }
                }
            }
        }
        Ok(Scan { comps, band })
    }
}
