//! GIF into tensors: `tf.io.decode_gif` (also `tf.image.decode_gif`), and `decode_image`
//! for GIF data, as TensorFlow 2.15 reads them with giflib.
//!
//! The blocks are walked here the way giflib's `DGifSlurp` walks them (only "GIF" of the
//! stamp is checked, any extension label is skipped, any other record byte is an error,
//! the first Graphics Control Extension of a frame decides its transparency and one whose
//! first sub-block is not 4 bytes long gives none); the LZW data is decoded by the `weezl`
//! crate. A frame counts only once its pixels and its sub-blocks are read whole: a file cut
//! short or damaged later keeps the frames before, and fails only when no frame is whole.
//!
//! The canvas is as wide and as high as the widest and the highest frame (the screen size
//! is not looked at). Frame 0 starts black, every later frame starts as a copy of the frame
//! before; a frame paints its own rectangle, cut to the canvas, where the transparent index
//! leaves the pixel as it was. Disposal methods are not honoured. `decode_image` with
//! `expand_animations=False` composes the first frame only, on the same canvas.
//!
//! Where the LZW data itself is damaged giflib decodes on in places where `weezl` stops
//! (the error then names another reason, or there is one where TensorFlow has none), and
//! the LZW code size 1, which no common encoder writes, is read otherwise than giflib does.

use crate::eval::error::R;

use crate::tensor::error::op_error;
use crate::tensor::{DType, Tensor};

/// giflib's reasons, as `GifErrorString` words them.
const READ_FAILED: &str = "Failed to read from given file";
const NO_SCREEN: &str = "No screen descriptor detected";
const NO_IMAGE: &str = "No Image Descriptor detected";
const WRONG_RECORD: &str = "Wrong record type detected";
const DEFECT: &str = "Image is defective, decoding aborted";
const EOF_TOO_SOON: &str = "Image EOF detected before image complete";
/// What TensorFlow prints when giflib set no reason (a frame of zero width or height).
const UNKNOWN: &str = "Unknown error";

/// One frame as the file describes it, with its LZW data joined from the sub-blocks.
struct Frame {
    left: usize,
    top: usize,
    width: usize,
    height: usize,
    interlaced: bool,
    /// The local colour map, three bytes a colour.
    palette: Option<Vec<u8>>,
    transparent: Option<u8>,
    code_size: u8,
    data: Vec<u8>,
}

/// The whole frames of a file and its global colour map.
struct Slurped {
    global: Option<Vec<u8>>,
    frames: Vec<Frame>,
}

/// Reads bytes front to back; every read past the end is giflib's read failure.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn word(&mut self) -> Option<usize> {
        self.take(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    }

    /// The sub-blocks up to the zero-length one, joined, and whether that one was reached
    /// before the bytes ended.
    fn sub_blocks(&mut self) -> (Vec<u8>, bool) {
        let mut out = Vec::new();
        loop {
            let Some(n) = self.byte() else {
                return (out, false);
            };
            if n == 0 {
                return (out, true);
            }
            match self.take(n as usize) {
                Some(b) => out.extend_from_slice(b),
                None => return (out, false),
            }
        }
    }
}

/// A colour map of `1 << bits` colours, or `None` when the bytes end first.
fn color_map(r: &mut Bytes, flags: u8) -> Option<Vec<u8>> {
    let count = 1usize << ((flags & 7) + 1);
    r.take(3 * count).map(|b| b.to_vec())
}

/// Decodes one frame's colour indices into `out`, rows in order: `Ok` when the frame is
/// whole, else giflib's reason it is not.
fn lzw_decode(f: &Frame, whole: bool, out: &mut [u8]) -> Result<(), &'static str> {
    if f.code_size == 0 {
        // weezl cannot take it; giflib's 1-bit codes meet its end code (2) early.
        return Err(EOF_TOO_SOON);
    }
    let mut dec = weezl::decode::Decoder::new(weezl::BitOrder::Lsb, f.code_size);
    let (mut inp, mut done) = (0usize, 0usize);
    while done < out.len() {
        let r = dec.decode_bytes(&f.data[inp..], &mut out[done..]);
        inp += r.consumed_in;
        done += r.consumed_out;
        match r.status {
            Err(_) => return Err(DEFECT),
            Ok(weezl::LzwStatus::Done) if done < out.len() => return Err(EOF_TOO_SOON),
            Ok(weezl::LzwStatus::NoProgress) => break,
            Ok(_) if r.consumed_in == 0 && r.consumed_out == 0 => break,
            Ok(_) => {}
        }
    }
    if done < out.len() {
        // The data ran out: at the zero-length sub-block giflib calls the image defective,
        // at the end of the bytes it failed to read.
        return Err(if whole { DEFECT } else { READ_FAILED });
    }
    if !whole {
        // giflib reads on to the zero-length sub-block once the pixels are in.
        return Err(READ_FAILED);
    }
    if f.interlaced {
        // Rows come in four passes: every 8th from 0, every 8th from 4, every 4th from 2,
        // every 2nd from 1.
        let w = f.width;
        let lines = out.to_vec();
        let mut src = 0;
        for (start, step) in [(0, 8), (4, 8), (2, 4), (1, 2)] {
            for row in (start..f.height).step_by(step) {
                out[row * w..(row + 1) * w].copy_from_slice(&lines[src * w..(src + 1) * w]);
                src += 1;
            }
        }
    }
    Ok(())
}

/// Checks that a frame's pixels (and so a tensor of its size) fit the session's budget.
fn budget(height: usize, width: usize, op: &str, name: Option<&str>) -> R<()> {
    crate::tensor::alloc::check_as(&[1, height, width, 3], DType::U8, op, op, name)?;
    Ok(())
}

/// giflib's `DGifOpen` and `DGifSlurp`, keeping the whole frames; the error is TensorFlow's
/// text after "Invalid GIF data (size N), ".
fn slurp(data: &[u8], op: &str, name: Option<&str>) -> R<Result<Slurped, String>> {
    let mut r = Bytes { data, at: 0 };
    let open = |why: &str| Ok(Err(format!("failed to open gif file: {}", why)));
    if r.take(6).is_none() {
        return open(READ_FAILED);
    }
    let Some(screen) = r.take(7) else {
        return open(NO_SCREEN);
    };
    let global = if screen[4] & 0x80 != 0 {
        match color_map(&mut r, screen[4]) {
            Some(m) => Some(m),
            None => return open(NO_SCREEN),
        }
    } else {
        None
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut scratch: Vec<u8> = Vec::new();
    // The transparency the next frame takes from the first control extension before it.
    let mut control: Option<Option<u8>> = None;
    let failure = loop {
        let Some(record) = r.byte() else {
            break READ_FAILED;
        };
        match record {
            b',' => {
                let (Some(left), Some(top), Some(width), Some(height), Some(flags)) =
                    (r.word(), r.word(), r.word(), r.word(), r.byte())
                else {
                    break READ_FAILED;
                };
                let palette = if flags & 0x80 != 0 {
                    match color_map(&mut r, flags) {
                        Some(m) => Some(m),
                        None => break READ_FAILED,
                    }
                } else {
                    None
                };
                let Some(code_size) = r.byte() else {
                    break READ_FAILED;
                };
                if code_size > 8 {
                    // giflib takes no code size beyond 8 bits.
                    break READ_FAILED;
                }
                if width == 0 || height == 0 {
                    break UNKNOWN;
                }
                let (lzw, whole) = r.sub_blocks();
                let frame = Frame {
                    left,
                    top,
                    width,
                    height,
                    interlaced: flags & 0x40 != 0,
                    palette,
                    transparent: control.take().flatten(),
                    code_size,
                    data: lzw,
                };
                budget(height, width, op, name)?;
                scratch.resize(width * height, 0);
                if let Err(why) = lzw_decode(&frame, whole, &mut scratch) {
                    break why;
                }
                frames.push(frame);
            }
            b'!' => {
                let (Some(label), Some(first)) = (r.byte(), r.byte()) else {
                    break READ_FAILED;
                };
                if first != 0 {
                    let Some(body) = r.take(first as usize) else {
                        break READ_FAILED;
                    };
                    if label == 0xf9 && control.is_none() {
                        control = Some(if body.len() == 4 && body[0] & 1 != 0 {
                            Some(body[3])
                        } else {
                            None
                        });
                    }
                }
                // giflib reads on to a zero-length sub-block even after an empty first one.
                if !r.sub_blocks().1 {
                    break READ_FAILED;
                }
            }
            b';' => {
                if frames.is_empty() {
                    break NO_IMAGE;
                }
                return Ok(Ok(Slurped { global, frames }));
            }
            _ => break WRONG_RECORD,
        }
    };
    if frames.is_empty() {
        return Ok(Err(format!("failed to slurp gif file: {}", failure)));
    }
    Ok(Ok(Slurped { global, frames }))
}

/// Decodes GIF bytes to uint8 pixels: `[frames, height, width, 3]`, or the first frame's
/// `[height, width, 3]` when `all` is false. `name` is the error's `name:` suffix, if any.
pub(crate) fn decode(data: &[u8], all: bool, op: &str, name: Option<&str>) -> R<Tensor> {
    let fail = |why: String| -> R<Tensor> {
        Err(op_error(
            op,
            op,
            format!("Invalid GIF data (size {}), {}", data.len(), why),
            name,
        )
        .into())
    };
    let gif = match slurp(data, op, name)? {
        Ok(g) => g,
        Err(why) => return fail(why),
    };
    let w = gif.frames.iter().map(|f| f.width).max().unwrap_or(0);
    let h = gif.frames.iter().map(|f| f.height).max().unwrap_or(0);
    let n = if all { gif.frames.len() } else { 1 };
    crate::tensor::alloc::check_as(&[n, h, w, 3], DType::U8, op, op, name)?;
    let plane = h * w * 3;
    let mut out = vec![0u8; n * plane];
    let mut scratch = Vec::new();
    for (k, f) in gif.frames.iter().take(n).enumerate() {
        if k > 0 {
            out.copy_within((k - 1) * plane..k * plane, k * plane);
        }
        let Some(map) = f.palette.as_ref().or(gif.global.as_ref()) else {
            return fail(format!("missing color map for frame {}", k));
        };
        let count = map.len() / 3;
        scratch.resize(f.width * f.height, 0);
        if let Err(why) = lzw_decode(f, true, &mut scratch) {
            return fail(format!("failed to slurp gif file: {}", why));
        }
        let canvas = &mut out[k * plane..(k + 1) * plane];
        for y in f.top..h.min(f.top + f.height) {
            for x in f.left..w.min(f.left + f.width) {
                let idx = scratch[(y - f.top) * f.width + (x - f.left)];
                if idx as usize >= count {
                    return fail(format!(
                        "found color index {} outside of color map range {}",
                        idx, count
                    ));
                }
                if Some(idx) == f.transparent {
                    continue;
                }
                let at = (y * w + x) * 3;
                let c = idx as usize * 3;
                canvas[at..at + 3].copy_from_slice(&map[c..c + 3]);
            }
        }
    }
    let shape: Vec<usize> = if all { vec![n, h, w, 3] } else { vec![h, w, 3] };
    Ok(Tensor::from_vec(&shape, out))
}
