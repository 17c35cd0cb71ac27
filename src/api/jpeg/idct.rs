//! The two inverse DCTs TensorFlow's `decode_jpeg` can ask libjpeg-turbo for, each as
//! TensorFlow's x86-64 build computes it.
//!
//! - `dct_method="INTEGER_FAST"`, and `""` (TensorFlow's default): the AAN "ifast"
//!   transform with 8-bit constants. libjpeg-turbo runs its SSE2 version, which works in
//!   16-bit lanes: products are `pmulhw` of a value shifted left by two and a constant
//!   shifted left by six, sums wrap at 16 bits, and the result saturates to a byte. The
//!   arithmetic here is that, lane for lane, so blocks that overflow 16 bits (sharp edges at
//!   high quality) come out as TensorFlow's do.
//! - `dct_method="INTEGER_ACCURATE"`: the "islow" transform with 13-bit constants and
//!   rounded descaling, in 32-bit arithmetic.
//!
//! Both take dequantisation multipliers in natural (row-major) order and write an 8x8 block
//! of samples at `out[row * stride + col]`.

/// AAN scale factors (row-major) by which "ifast" folds the DCT's scaling into the
/// dequantisation multipliers, in units of 2^-14.
const AAN_SCALES: [i32; 64] = [
    16384, 22725, 21407, 19266, 16384, 12873, 8867, 4520, 22725, 31521, 29692, 26722, 22725, 17855,
    12299, 6270, 21407, 29692, 27969, 25172, 21407, 16819, 11585, 5906, 19266, 26722, 25172, 22654,
    19266, 15137, 10426, 5315, 16384, 22725, 21407, 19266, 16384, 12873, 8867, 4520, 12873, 17855,
    16819, 15137, 12873, 10114, 6967, 3552, 8867, 12299, 11585, 10426, 8867, 6967, 4799, 2446,
    4520, 6270, 5906, 5315, 4520, 3552, 2446, 1247,
];

/// The "ifast" multipliers of a quantisation table: each value times its AAN scale, rounded
/// to 2 fractional bits, kept as the 16-bit lane value libjpeg-turbo stores.
pub fn ifast_table(quant: &[u16; 64]) -> [i16; 64] {
    let mut t = [0i16; 64];
    for i in 0..64 {
        t[i] = ((quant[i] as i64 * AAN_SCALES[i] as i64 + (1 << 11)) >> 12) as i16;
    }
    t
}

/// `pmulhw`: the high 16 bits of a 16x16-bit signed product.
#[inline]
fn mulhi(a: i16, c: i16) -> i16 {
    ((a as i32 * c as i32) >> 16) as i16
}

// The SSE2 constants: FIX(c) with 8 fractional bits, shifted left by 6 so that `pmulhw` of a
// value pre-shifted by 2 gives value * FIX(c) >> 8.
const F1414: i16 = 362 << 6;
const F1847: i16 = 473 << 6;
const MF1613: i16 = -(413 << 6);
const F1082: i16 = 277 << 6;

/// One 1-D "ifast" pass over eight 16-bit lanes.
#[inline]
fn ifast_1d(i: [i16; 8]) -> [i16; 8] {
    // Even part.
    let tmp10 = i[0].wrapping_add(i[4]);
    let tmp11 = i[0].wrapping_sub(i[4]);
    let tmp13 = i[2].wrapping_add(i[6]);
    let tmp12 = mulhi(i[2].wrapping_sub(i[6]).wrapping_shl(2), F1414).wrapping_sub(tmp13);
    let tmp0 = tmp10.wrapping_add(tmp13);
    let tmp3 = tmp10.wrapping_sub(tmp13);
    let tmp1 = tmp11.wrapping_add(tmp12);
    let tmp2 = tmp11.wrapping_sub(tmp12);
    // Odd part.
    let z13 = i[5].wrapping_add(i[3]);
    let z10 = i[5].wrapping_sub(i[3]);
    let z11 = i[1].wrapping_add(i[7]);
    let z12 = i[1].wrapping_sub(i[7]);
    let tmp7 = z11.wrapping_add(z13);
    let tmp11 = mulhi(z11.wrapping_sub(z13).wrapping_shl(2), F1414);
    let z10s = z10.wrapping_shl(2);
    let z12s = z12.wrapping_shl(2);
    let z5 = mulhi(z10s.wrapping_add(z12s), F1847);
    let tmp10 = mulhi(z12s, F1082).wrapping_sub(z5);
    // -2.613 * z10 computed as -1.613 * z10 - z10, to stay in 16 bits.
    let tmp12 = mulhi(z10s, MF1613).wrapping_sub(z10).wrapping_add(z5);
    let tmp6 = tmp12.wrapping_sub(tmp7);
    let tmp5 = tmp11.wrapping_sub(tmp6);
    let tmp4 = tmp10.wrapping_add(tmp5);
    [
        tmp0.wrapping_add(tmp7),
        tmp1.wrapping_add(tmp6),
        tmp2.wrapping_add(tmp5),
        tmp3.wrapping_sub(tmp4),
        tmp3.wrapping_add(tmp4),
        tmp2.wrapping_sub(tmp5),
        tmp1.wrapping_sub(tmp6),
        tmp0.wrapping_sub(tmp7),
    ]
}

/// "ifast" on one block of coefficients (row-major), dequantised by `table`.
pub fn ifast(coef: &[i16; 64], table: &[i16; 64], out: &mut [u8], stride: usize) {
    let mut ws = [0i16; 64];
    for c in 0..8 {
        let mut col = [0i16; 8];
        for r in 0..8 {
            col[r] = coef[r * 8 + c].wrapping_mul(table[r * 8 + c]);
        }
        let d = ifast_1d(col);
        for r in 0..8 {
            ws[r * 8 + c] = d[r];
        }
    }
    for r in 0..8 {
        let mut row = [0i16; 8];
        row.copy_from_slice(&ws[r * 8..r * 8 + 8]);
        let d = ifast_1d(row);
        let o = &mut out[r * stride..r * stride + 8];
        for c in 0..8 {
            // psraw by PASS1_BITS + 3, packsswb, then the centre added as a byte.
            let v = (d[c] >> 5).clamp(-128, 127) as i32 + 128;
            o[c] = v as u8;
        }
    }
}

const ISLOW_BITS: i32 = 13;

/// "islow" on one block of coefficients (row-major), dequantised by `quant`.
pub fn islow(coef: &[i16; 64], quant: &[u16; 64], out: &mut [u8], stride: usize) {
    let mut ws = [0i64; 64];
    for c in 0..8 {
        let mut col = [0i64; 8];
        for r in 0..8 {
            col[r] = coef[r * 8 + c] as i64 * quant[r * 8 + c] as i64;
        }
        let d = islow_1d(col, ISLOW_BITS - 2);
        for r in 0..8 {
            ws[r * 8 + c] = d[r];
        }
    }
    for r in 0..8 {
        let mut row = [0i64; 8];
        row.copy_from_slice(&ws[r * 8..r * 8 + 8]);
        let d = islow_1d(row, ISLOW_BITS + 2 + 3);
        let o = &mut out[r * stride..r * stride + 8];
        for c in 0..8 {
            o[c] = (d[c] + 128).clamp(0, 255) as u8;
        }
    }
}

/// One 1-D "islow" pass; results descaled (rounded) by `shift` bits.
fn islow_1d(i: [i64; 8], shift: i32) -> [i64; 8] {
    let m = |v: i64, k: i64| v * k;
    let z1 = m(i[2] + i[6], 4433);
    let tmp2 = z1 + m(i[6], -15137);
    let tmp3 = z1 + m(i[2], 6270);
    let tmp0 = (i[0] + i[4]) << ISLOW_BITS;
    let tmp1 = (i[0] - i[4]) << ISLOW_BITS;
    let tmp10 = tmp0 + tmp3;
    let tmp13 = tmp0 - tmp3;
    let tmp11 = tmp1 + tmp2;
    let tmp12 = tmp1 - tmp2;
    let (t0, t1, t2, t3) = (i[7], i[5], i[3], i[1]);
    let z1 = t0 + t3;
    let z2 = t1 + t2;
    let z3 = t0 + t2;
    let z4 = t1 + t3;
    let z5 = m(z3 + z4, 9633);
    let mut t0 = m(t0, 2446);
    let mut t1 = m(t1, 16819);
    let mut t2 = m(t2, 25172);
    let mut t3 = m(t3, 12299);
    let z1 = m(z1, -7373);
    let z2 = m(z2, -20995);
    let z3 = m(z3, -16069) + z5;
    let z4 = m(z4, -3196) + z5;
    t0 += z1 + z3;
    t1 += z2 + z4;
    t2 += z2 + z3;
    t3 += z1 + z4;
    let d = |v: i64| (v + (1 << (shift - 1))) >> shift;
    [
        d(tmp10 + t3),
        d(tmp11 + t2),
        d(tmp12 + t1),
        d(tmp13 + t0),
        d(tmp13 - t0),
        d(tmp12 - t1),
        d(tmp11 - t2),
        d(tmp10 - t3),
    ]
}

/// The reduced-size "islow" transforms libjpeg uses when decoding at 1/2, 1/4 and 1/8
/// scale (`jidctred.c`): a 4x4, 2x2 or 1x1 block of samples from the same coefficients,
/// with the quantisation values as multipliers.
pub fn reduced(size: usize, coef: &[i16; 64], quant: &[u16; 64], out: &mut [u8], stride: usize) {
    let dq = |k: usize| coef[k] as i64 * quant[k] as i64;
    let descale = |v: i64, n: i32| (v + (1 << (n - 1))) >> n;
    let put = |v: i64| (v + 128).clamp(0, 255) as u8;
    match size {
        1 => out[0] = put(descale(dq(0), 3)),
        2 => {
            // Columns 0, 1, 3, 5, 7 of the first pass; rows of two in the second.
            let mut ws = [0i64; 64];
            for c in [0, 1, 3, 5, 7] {
                let tmp10 = dq(c) << (ISLOW_BITS + 2);
                let tmp0 = dq(56 + c) * -5906
                    + dq(40 + c) * 6967
                    + dq(24 + c) * -10426
                    + dq(8 + c) * 29692;
                ws[c] = descale(tmp10 + tmp0, ISLOW_BITS - 2 + 2);
                ws[8 + c] = descale(tmp10 - tmp0, ISLOW_BITS - 2 + 2);
            }
            for r in 0..2 {
                let w = &ws[r * 8..r * 8 + 8];
                let tmp10 = w[0] << (ISLOW_BITS + 2);
                let tmp0 = w[7] * -5906 + w[5] * 6967 + w[3] * -10426 + w[1] * 29692;
                let n = ISLOW_BITS + 2 + 3 + 2;
                out[r * stride] = put(descale(tmp10 + tmp0, n));
                out[r * stride + 1] = put(descale(tmp10 - tmp0, n));
            }
        }
        _ => {
            // Four outputs per column (column 4 is not needed), then per row.
            let odd = |z1: i64, z2: i64, z3: i64, z4: i64| {
                (
                    z1 * -1730 + z2 * 11893 + z3 * -17799 + z4 * 8697,
                    z1 * -4176 + z2 * -4926 + z3 * 7373 + z4 * 20995,
                )
            };
            let mut ws = [0i64; 64];
            for c in [0, 1, 2, 3, 5, 6, 7] {
                let tmp0 = dq(c) << (ISLOW_BITS + 1);
                let tmp2 = dq(16 + c) * 15137 + dq(48 + c) * -6270;
                let (tmp10, tmp12) = (tmp0 + tmp2, tmp0 - tmp2);
                let (t0, t2) = odd(dq(56 + c), dq(40 + c), dq(24 + c), dq(8 + c));
                let n = ISLOW_BITS - 2 + 1;
                ws[c] = descale(tmp10 + t2, n);
                ws[24 + c] = descale(tmp10 - t2, n);
                ws[8 + c] = descale(tmp12 + t0, n);
                ws[16 + c] = descale(tmp12 - t0, n);
            }
            for r in 0..4 {
                let w = &ws[r * 8..r * 8 + 8];
                let tmp0 = w[0] << (ISLOW_BITS + 1);
                let tmp2 = w[2] * 15137 + w[6] * -6270;
                let (tmp10, tmp12) = (tmp0 + tmp2, tmp0 - tmp2);
                let (t0, t2) = odd(w[7], w[5], w[3], w[1]);
                let n = ISLOW_BITS + 2 + 3 + 1;
                let o = &mut out[r * stride..r * stride + 4];
                o[0] = put(descale(tmp10 + t2, n));
                o[3] = put(descale(tmp10 - t2, n));
                o[1] = put(descale(tmp12 + t0, n));
                o[2] = put(descale(tmp12 - t0, n));
            }
        }
    }
}
