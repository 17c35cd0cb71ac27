//! Sample pipeline of the encoder: colour conversion, edge padding, chroma
//! downsampling, the integer forward DCT and quantisation, each with the exact
//! fixed-point arithmetic of libjpeg-turbo 2.x (`jccolor.c`, `jcprepct.c`,
//! `jcsample.c`, `jfdctint.c`, `jcdctmgr.c`), whose x86-64 SIMD versions give the
//! same results as the C code reproduced here.

/// One component plane of 8-bit samples, already padded to whole blocks.
pub(super) struct Plane {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
}

/// Converts interleaved RGB to three full-resolution planes Y, Cb, Cr using the
/// 16-bit fixed-point tables of `jccolor.c` (`FIX(x) = x * 65536 + 0.5`, with a
/// rounding term of one half for Y and one half minus one for Cb and Cr).
pub(super) fn rgb_to_ycc(pixels: &[u8], width: usize, height: usize) -> [Vec<u8>; 3] {
    const HALF: i32 = 1 << 15;
    const CBCR: i32 = (128 << 16) + HALF - 1;
    let n = width * height;
    let mut y = Vec::with_capacity(n);
    let mut cb = Vec::with_capacity(n);
    let mut cr = Vec::with_capacity(n);
    for px in pixels.chunks_exact(3).take(n) {
        let (r, g, b) = (i32::from(px[0]), i32::from(px[1]), i32::from(px[2]));
        y.push(((19595 * r + 38470 * g + 7471 * b + HALF) >> 16) as u8);
        cb.push(((-11059 * r - 21709 * g + 32768 * b + CBCR) >> 16) as u8);
        cr.push(((32768 * r - 27439 * g - 5329 * b + CBCR) >> 16) as u8);
    }
    [y, cb, cr]
}

/// Builds one component plane from a full-resolution plane (`width` x `height`).
///
/// `factor` is 1 for a component at full resolution and 2 for a component
/// downsampled 2x2 (`h2v2_downsample`: the average of four samples plus a bias
/// alternating 1, 2, 1, 2 along the row, shifted right by two).  Before that the
/// rows are padded to a multiple of `max_v` by repeating the last row and
/// widened by repeating the last column (`expand_bottom_edge`,
/// `expand_right_edge`).  The result is `out_width` wide and is padded at the
/// bottom to `out_height` rows by repeating its last row, as `jcprepct.c` does
/// for the last iMCU row.
pub(super) fn make_plane(
    full: &[u8],
    width: usize,
    height: usize,
    factor: usize,
    out_width: usize,
    out_height: usize,
) -> Plane {
    let in_width = out_width * factor;
    // Row `r` of the padded full-resolution plane, widened to `in_width`.
    let widened_row = |r: usize, buf: &mut Vec<u8>| {
        buf.clear();
        let src = &full[r * width..(r + 1) * width];
        buf.extend_from_slice(src);
        let last = src[width - 1];
        buf.resize(in_width.max(width), last);
    };
    let mut data = Vec::with_capacity(out_width * out_height);
    let rows_made = height.div_ceil(factor);
    let mut row0 = Vec::new();
    let mut row1 = Vec::new();
    for orow in 0..rows_made.min(out_height) {
        if factor == 1 {
            widened_row(orow, &mut row0);
            data.extend_from_slice(&row0[..out_width]);
        } else {
            let r0 = orow * 2;
            let r1 = (r0 + 1).min(height - 1);
            widened_row(r0, &mut row0);
            widened_row(r1, &mut row1);
            let mut bias = 1u16;
            for c in 0..out_width {
                let s = u16::from(row0[2 * c])
                    + u16::from(row0[2 * c + 1])
                    + u16::from(row1[2 * c])
                    + u16::from(row1[2 * c + 1]);
                data.push(((s + bias) >> 2) as u8);
                bias ^= 3;
            }
        }
    }
    let made = data.len() / out_width.max(1);
    if made > 0 {
        let last = data[(made - 1) * out_width..made * out_width].to_vec();
        for _ in made..out_height {
            data.extend_from_slice(&last);
        }
    }
    Plane {
        width: out_width,
        height: out_height,
        data,
    }
}

/// The reciprocal form of one quantisation table, as `compute_reciprocal` in
/// `jcdctmgr.c` builds it for the divisors `8 * q`.
pub(super) struct Divisors {
    recip: [u32; 64],
    corr: [u32; 64],
    shift: [u32; 64],
}

impl Divisors {
    /// `table` holds the quantiser values in natural (row-major) order.
    pub(super) fn new(table: &[u16; 64]) -> Divisors {
        let mut d = Divisors {
            recip: [0; 64],
            corr: [0; 64],
            shift: [0; 64],
        };
        for (i, &q) in table.iter().enumerate() {
            let divisor = u32::from(q) << 3;
            // The table values are at least 1, so the divisor is at least 8 and
            // libjpeg-turbo never takes its divisor == 1 branch here.
            let divisor = divisor.max(8);
            let b = 31 - divisor.leading_zeros();
            let mut r = 16 + b;
            let mut fq = (1u64 << r) / u64::from(divisor);
            let fr = (1u64 << r) % u64::from(divisor);
            let mut c = divisor / 2;
            if fr == 0 {
                fq >>= 1;
                r -= 1;
            } else if fr <= u64::from(divisor / 2) {
                c += 1;
            } else {
                fq += 1;
            }
            d.recip[i] = fq as u32;
            d.corr[i] = c;
            d.shift[i] = r;
        }
        d
    }

    /// Quantises DCT output (scaled by 8) the way libjpeg-turbo's `quantize`
    /// does: `(|x| + corr) * recip >> shift`, with the sign put back.
    fn quantize(&self, work: &[i32; 64], out: &mut [i16; 64]) {
        for i in 0..64 {
            let x = work[i];
            let mag = u64::from(x.unsigned_abs()) + u64::from(self.corr[i]);
            let q = ((mag * u64::from(self.recip[i])) >> self.shift[i]) as i32;
            out[i] = if x < 0 { -q } else { q } as i16;
        }
    }
}

/// Fixed-point constants of `jfdctint.c` (13 fractional bits).
const F_0_298: i32 = 2446;
const F_0_390: i32 = 3196;
const F_0_541: i32 = 4433;
const F_0_765: i32 = 6270;
const F_0_899: i32 = 7373;
const F_1_175: i32 = 9633;
const F_1_501: i32 = 12299;
const F_1_847: i32 = 15137;
const F_1_961: i32 = 16069;
const F_2_053: i32 = 16819;
const F_2_562: i32 = 20995;
const F_3_072: i32 = 25172;
const CONST_BITS: u32 = 13;
const PASS1_BITS: u32 = 2;

fn descale(x: i32, n: u32) -> i32 {
    (x + (1 << (n - 1))) >> n
}

/// One 1-D pass of the LL&M integer DCT of `jpeg_fdct_islow` over the eight
/// values `d[base + k * stride]`.  `first` selects the row pass (results scaled
/// up by `2^PASS1_BITS`) or the column pass (that scaling removed again).
fn fdct_1d(d: &mut [i32; 64], base: usize, stride: usize, first: bool) {
    let at = |k: usize| base + k * stride;
    let tmp0 = d[at(0)] + d[at(7)];
    let tmp7 = d[at(0)] - d[at(7)];
    let tmp1 = d[at(1)] + d[at(6)];
    let tmp6 = d[at(1)] - d[at(6)];
    let tmp2 = d[at(2)] + d[at(5)];
    let tmp5 = d[at(2)] - d[at(5)];
    let tmp3 = d[at(3)] + d[at(4)];
    let tmp4 = d[at(3)] - d[at(4)];

    let tmp10 = tmp0 + tmp3;
    let tmp13 = tmp0 - tmp3;
    let tmp11 = tmp1 + tmp2;
    let tmp12 = tmp1 - tmp2;
    let odd_bits = if first {
        CONST_BITS - PASS1_BITS
    } else {
        CONST_BITS + PASS1_BITS
    };
    if first {
        d[at(0)] = (tmp10 + tmp11) << PASS1_BITS;
        d[at(4)] = (tmp10 - tmp11) << PASS1_BITS;
    } else {
        d[at(0)] = descale(tmp10 + tmp11, PASS1_BITS);
        d[at(4)] = descale(tmp10 - tmp11, PASS1_BITS);
    }
    let z1 = (tmp12 + tmp13) * F_0_541;
    d[at(2)] = descale(z1 + tmp13 * F_0_765, odd_bits);
    d[at(6)] = descale(z1 - tmp12 * F_1_847, odd_bits);

    let z1 = tmp4 + tmp7;
    let z2 = tmp5 + tmp6;
    let z3 = tmp4 + tmp6;
    let z4 = tmp5 + tmp7;
    let z5 = (z3 + z4) * F_1_175;
    let tmp4 = tmp4 * F_0_298;
    let tmp5 = tmp5 * F_2_053;
    let tmp6 = tmp6 * F_3_072;
    let tmp7 = tmp7 * F_1_501;
    let z1 = -z1 * F_0_899;
    let z2 = -z2 * F_2_562;
    let z3 = -z3 * F_1_961 + z5;
    let z4 = -z4 * F_0_390 + z5;
    d[at(7)] = descale(tmp4 + z1 + z3, odd_bits);
    d[at(5)] = descale(tmp5 + z2 + z4, odd_bits);
    d[at(3)] = descale(tmp6 + z2 + z3, odd_bits);
    d[at(1)] = descale(tmp7 + z1 + z4, odd_bits);
}

/// Forward DCT and quantisation of the 8x8 block whose top-left sample is at
/// (`bx * 8`, `by * 8`) in `plane`; the result is in natural order.
pub(super) fn transform_block(
    plane: &Plane,
    bx: usize,
    by: usize,
    div: &Divisors,
    out: &mut [i16; 64],
) {
    let mut work = [0i32; 64];
    for y in 0..8 {
        let row = (by * 8 + y) * plane.width + bx * 8;
        for x in 0..8 {
            work[y * 8 + x] = i32::from(plane.data[row + x]) - 128;
        }
    }
    for r in 0..8 {
        fdct_1d(&mut work, r * 8, 1, true);
    }
    for c in 0..8 {
        fdct_1d(&mut work, c, 8, false);
    }
    div.quantize(&work, out);
}

/// True if `plane` covers every block (`bx`, `by`) asked for.
pub(super) fn covers(plane: &Plane, blocks_wide: usize, blocks_high: usize) -> bool {
    plane.width >= blocks_wide * 8
        && plane.height >= blocks_high * 8
        && plane.data.len() >= plane.width * plane.height
}
