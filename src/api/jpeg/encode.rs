//! JPEG encoder reproducing, byte for byte, what TensorFlow 2.15's
//! `tf.io.encode_jpeg` writes.  TensorFlow (`tensorflow/core/lib/jpeg/jpeg_mem.cc`,
//! `CompressInternal`) drives libjpeg-turbo 2.x: `jpeg_set_defaults` (JFIF 1.01
//! header, YCbCr with 2x2 luma sampling, islow integer DCT), optional
//! `optimize_coding`, the caller's density, `jpeg_set_quality(quality, TRUE)`
//! (annex K tables scaled and clamped to 1..=255), optional
//! `jpeg_simple_progression`, all sampling factors 1 when chroma downsampling is
//! off, and XMP metadata as an APP1 marker after the JFIF header.  This module
//! reproduces libjpeg-turbo's marker layout and, in the submodules, its exact
//! integer colour conversion, downsampling, DCT, quantisation and Huffman coding
//! (standard tables, optimised tables, or the progressive coder of `jcphuff.c`).

use super::tables;

#[path = "encode_dct.rs"]
mod dct;
#[path = "encode_huff.rs"]
mod huff;
#[path = "encode_prog.rs"]
mod prog;

use huff::{BitWriter, Counter, Emitter, HuffCode, HuffSpec, Sink};

/// Encoder settings, mirroring the attributes of `tf.io.encode_jpeg`.
#[derive(Clone, Debug)]
pub struct Options {
    pub quality: i32,
    pub progressive: bool,
    pub optimize_size: bool,
    pub chroma_downsampling: bool,
    /// JFIF density unit: 1 = dots per inch, 2 = dots per centimetre.
    pub density_unit: u8,
    pub x_density: u16,
    pub y_density: u16,
    pub xmp_metadata: Vec<u8>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            quality: 95,
            progressive: false,
            optimize_size: false,
            chroma_downsampling: true,
            density_unit: 1,
            x_density: 300,
            y_density: 300,
            xmp_metadata: Vec::new(),
        }
    }
}

/// One image component with its sampling factors, tables and quantised blocks.
struct Comp {
    id: u8,
    h: usize,
    v: usize,
    /// Quantisation table and Huffman table number (0 luma, 1 chroma).
    tbl: usize,
    /// Blocks covering the component's samples (`width_in_blocks`, `height_in_blocks`).
    wib: usize,
    hib: usize,
    /// Stride of `blocks`: the blocks of all MCUs, dummy blocks included.
    bw: usize,
    blocks: Vec<[i16; 64]>,
}

/// The frame geometry shared by the coders.
struct Frame {
    comps: Vec<Comp>,
    mcus_x: usize,
    mcus_y: usize,
}

impl Frame {
    /// Visits the blocks of a scan in coding order: MCU by MCU for a scan of
    /// several components, or the component's own blocks in raster order for a
    /// one-component scan.  `f` gets (index in scan, block).
    fn for_each_block<F>(&self, scan: &[usize], mut f: F) -> Result<(), String>
    where
        F: FnMut(usize, &[i16; 64]) -> Result<(), String>,
    {
        if let [ci] = scan {
            let c = self.comps.get(*ci).ok_or("bad scan component")?;
            for by in 0..c.hib {
                for bx in 0..c.wib {
                    f(0, &c.blocks[by * c.bw + bx])?;
                }
            }
            return Ok(());
        }
        for my in 0..self.mcus_y {
            for mx in 0..self.mcus_x {
                for (si, &ci) in scan.iter().enumerate() {
                    let c = self.comps.get(ci).ok_or("bad scan component")?;
                    for y in 0..c.v {
                        for x in 0..c.h {
                            let idx = (my * c.v + y) * c.bw + mx * c.h + x;
                            f(si, &c.blocks[idx])?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// `jpeg_quality_scaling` followed by `jpeg_add_quant_table(.., force_baseline)`.
fn quant_table(base: &[u16; 64], quality: i32) -> [u16; 64] {
    let q = quality.clamp(1, 100);
    let scale: i64 = if q < 50 {
        5000 / i64::from(q)
    } else {
        200 - 2 * i64::from(q)
    };
    let mut t = [0u16; 64];
    for (o, &b) in t.iter_mut().zip(base.iter()) {
        let v = (i64::from(b) * scale + 50) / 100;
        *o = v.clamp(1, 255) as u16;
    }
    t
}

fn marker(out: &mut Vec<u8>, code: u8, payload: &[u8]) -> Result<(), String> {
    let len = payload.len() + 2;
    if len > 0xFFFF {
        return Err("JPEG marker too long".to_string());
    }
    out.extend_from_slice(&[0xFF, code, (len >> 8) as u8, len as u8]);
    out.extend_from_slice(payload);
    Ok(())
}

/// Writes a DHT segment for one table; `class_id` is 0x00 + n for DC and 0x10 + n for AC.
fn write_dht(out: &mut Vec<u8>, class_id: u8, spec: &HuffSpec) -> Result<(), String> {
    let mut p = vec![class_id];
    p.extend_from_slice(&spec.bits);
    p.extend_from_slice(&spec.vals);
    marker(out, 0xC4, &p)
}

/// Writes an SOS segment; `tables` gives (DC table, AC table) per scan component
/// and `spectral` is Ss, Se and Ah << 4 | Al.
fn write_sos(
    out: &mut Vec<u8>,
    frame: &Frame,
    scan: &[usize],
    tables: &[(usize, usize)],
    spectral: [u8; 3],
) -> Result<(), String> {
    let mut p = vec![scan.len() as u8];
    for (&ci, &(td, ta)) in scan.iter().zip(tables.iter()) {
        let c = frame.comps.get(ci).ok_or("bad scan component")?;
        p.push(c.id);
        p.push(((td as u8) << 4) | ta as u8);
    }
    p.extend_from_slice(&spectral);
    marker(out, 0xDA, &p)
}

fn standard_spec(ac: bool, tbl: usize) -> HuffSpec {
    match (ac, tbl) {
        (false, 0) => HuffSpec::from_table(&tables::DC_LUMA),
        (false, _) => HuffSpec::from_table(&tables::DC_CHROMA),
        (true, 0) => HuffSpec::from_table(&tables::AC_LUMA),
        (true, _) => HuffSpec::from_table(&tables::AC_CHROMA),
    }
}

/// Encodes `pixels` (row-major, `components` 1 for grayscale or 3 for RGB) as
/// TensorFlow's `encode_jpeg` would.
pub fn encode(
    pixels: &[u8],
    width: usize,
    height: usize,
    components: usize,
    opts: &Options,
) -> Result<Vec<u8>, String> {
    if components != 1 && components != 3 {
        return Err(format!("Invalid components value {components}"));
    }
    if width == 0 || height == 0 {
        return Err(format!("Invalid image size: {width} x {height}"));
    }
    let total = width.saturating_mul(height);
    if total >= 1 << 29 {
        return Err(format!("Image too large: {total}"));
    }
    if width > 65500 || height > 65500 {
        return Err("Maximum supported image dimension is 65500 pixels".to_string());
    }
    if pixels.len() < width * height * components {
        return Err("pixel buffer too small".to_string());
    }
    let pixels = &pixels[..width * height * components];

    // Components, sampling factors and table numbers (jpeg_set_defaults).
    let sub = components == 3 && opts.chroma_downsampling;
    let layout: Vec<(u8, usize, usize)> = if components == 1 {
        vec![(1, 1, 0)]
    } else if sub {
        vec![(1, 2, 0), (2, 1, 1), (3, 1, 1)]
    } else {
        vec![(1, 1, 0), (2, 1, 1), (3, 1, 1)]
    };
    let max_f = if sub { 2 } else { 1 };
    let mcus_x = width.div_ceil(8 * max_f);
    let mcus_y = height.div_ceil(8 * max_f);

    let qtables = [
        quant_table(&tables::QUANT_LUMA, opts.quality),
        quant_table(&tables::QUANT_CHROMA, opts.quality),
    ];
    let divisors = [
        dct::Divisors::new(&qtables[0]),
        dct::Divisors::new(&qtables[1]),
    ];

    let full: Vec<Vec<u8>> = if components == 1 {
        vec![pixels.to_vec()]
    } else {
        dct::rgb_to_ycc(pixels, width, height).to_vec()
    };

    let mut comps = Vec::with_capacity(layout.len());
    for (i, &(id, f, tbl)) in layout.iter().enumerate() {
        let wib = (width * f).div_ceil(max_f * 8);
        let hib = (height * f).div_ceil(max_f * 8);
        let bw = mcus_x * f;
        let bh = mcus_y * f;
        let down = max_f / f;
        let plane = dct::make_plane(&full[i], width, height, down, wib * 8, bh * 8);
        if !dct::covers(&plane, wib, hib) {
            return Err("internal error: plane too small".to_string());
        }
        let mut blocks = vec![[0i16; 64]; bw * bh];
        for by in 0..bh {
            for bx in 0..bw {
                let idx = by * bw + bx;
                if by < hib && bx < wib {
                    let mut out = [0i16; 64];
                    dct::transform_block(&plane, bx, by, &divisors[tbl], &mut out);
                    blocks[idx] = out;
                } else if by < hib {
                    // Dummy block at the right edge: DC of the last real block.
                    blocks[idx][0] = blocks[by * bw + wib - 1][0];
                } else {
                    // Dummy block row at the bottom: DC of the last block of
                    // the row above within the same MCU.
                    let last = (by - 1) * bw + (bx / f) * f + f - 1;
                    blocks[idx][0] = blocks[last][0];
                }
            }
        }
        comps.push(Comp {
            id,
            h: f,
            v: f,
            tbl,
            wib,
            hib,
            bw,
            blocks,
        });
    }
    let frame = Frame {
        comps,
        mcus_x,
        mcus_y,
    };

    let mut out = Vec::with_capacity(1024 + width * height / 4);
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut app0 = b"JFIF\0\x01\x01".to_vec();
    app0.push(opts.density_unit);
    app0.extend_from_slice(&opts.x_density.to_be_bytes());
    app0.extend_from_slice(&opts.y_density.to_be_bytes());
    app0.extend_from_slice(&[0, 0]);
    marker(&mut out, 0xE0, &app0)?;
    if !opts.xmp_metadata.is_empty() {
        let mut p = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        p.extend_from_slice(&opts.xmp_metadata);
        if p.len() > 65533 {
            return Err("Bogus marker length".to_string());
        }
        marker(&mut out, 0xE1, &p)?;
    }
    let mut sent = [false; 2];
    for c in &frame.comps {
        if !sent[c.tbl] {
            sent[c.tbl] = true;
            let mut p = vec![c.tbl as u8];
            p.extend(tables::NATURAL.iter().map(|&n| qtables[c.tbl][n] as u8));
            marker(&mut out, 0xDB, &p)?;
        }
    }
    let mut sof = vec![8u8];
    sof.extend_from_slice(&(height as u16).to_be_bytes());
    sof.extend_from_slice(&(width as u16).to_be_bytes());
    sof.push(frame.comps.len() as u8);
    for c in &frame.comps {
        sof.extend_from_slice(&[c.id, ((c.h as u8) << 4) | c.v as u8, c.tbl as u8]);
    }
    marker(&mut out, if opts.progressive { 0xC2 } else { 0xC0 }, &sof)?;

    if opts.progressive {
        out = prog::encode_progressive(&frame, out)?;
    } else {
        out = encode_sequential(&frame, opts.optimize_size, out)?;
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(out)
}

/// The single interleaved scan of a baseline file, with the standard tables or,
/// when `optimize`, tables built from a statistics pass (`jchuff.c`).
fn encode_sequential(frame: &Frame, optimize: bool, mut out: Vec<u8>) -> Result<Vec<u8>, String> {
    let scan: Vec<usize> = (0..frame.comps.len()).collect();
    let mut specs: [[Option<HuffSpec>; 2]; 2] = Default::default();
    if optimize {
        let mut counter = Counter::new();
        code_sequential(frame, &scan, &mut counter)?;
        for c in &frame.comps {
            for ac in [false, true] {
                let slot = &mut specs[usize::from(ac)][c.tbl];
                if slot.is_none() {
                    *slot = Some(huff::optimal_table(
                        &counter.counts[usize::from(ac)][c.tbl],
                    )?);
                }
            }
        }
    } else {
        for c in &frame.comps {
            for ac in [false, true] {
                specs[usize::from(ac)][c.tbl] = Some(standard_spec(ac, c.tbl));
            }
        }
    }
    let mut written = [[false; 2]; 2];
    let mut codes: [[Option<HuffCode>; 2]; 2] = Default::default();
    for c in &frame.comps {
        for ac in [false, true] {
            let a = usize::from(ac);
            if written[a][c.tbl] {
                continue;
            }
            written[a][c.tbl] = true;
            let spec = specs[a][c.tbl].as_ref().ok_or("missing Huffman table")?;
            write_dht(&mut out, (a as u8) << 4 | c.tbl as u8, spec)?;
            codes[a][c.tbl] = Some(HuffCode::derive(spec)?);
        }
    }
    let tbls: Vec<(usize, usize)> = frame.comps.iter().map(|c| (c.tbl, c.tbl)).collect();
    write_sos(&mut out, frame, &scan, &tbls, [0, 63, 0])?;
    let mut w = BitWriter::new(out);
    {
        let mut em = Emitter { w: &mut w, codes };
        code_sequential(frame, &scan, &mut em)?;
    }
    w.flush();
    Ok(w.out)
}

/// Codes every block of a sequential scan into `sink`, predicting each DC
/// value from the previous block of the same component.
fn code_sequential<S: Sink>(frame: &Frame, scan: &[usize], sink: &mut S) -> Result<(), String> {
    let mut last_dc = [0i32; 4];
    frame.for_each_block(scan, |si, b| {
        let t = frame.comps[scan[si]].tbl;
        huff::encode_block(sink, b, &mut last_dc[si], t, t)
    })
}
