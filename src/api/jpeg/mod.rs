//! JPEG, as TensorFlow 2.15 reads and writes it through libjpeg-turbo: the same pixels from
//! the same bytes, and the same bytes from the same pixels. No other code here knows about
//! tensors; `tf_io_jpeg.rs` binds these to `tf.io`.
//!
//! | file | what |
//! |---|---|
//! | `tables.rs` | zigzag order, the standard Huffman and quantisation tables |
//! | `decode.rs` | scans, colour spaces, cropping: bytes to pixels |
//! | `markers.rs` | the file's segments: frame, tables, scan headers |
//! | `entropy.rs` | the bit reader and Huffman block decoding (sequential, progressive) |
//! | `idct.rs` | the fast (TensorFlow's default) and accurate inverse DCTs |
//! | `output.rs` | chroma upsampling and colour conversion |
//! | `encode.rs` | pixels to bytes: markers, quality scaling, the baseline scan |
//! | `encode_dct.rs` | colour conversion, downsampling, forward DCT, quantisation |
//! | `encode_huff.rs` | the bit writer, Huffman codes and optimal tables |
//! | `encode_prog.rs` | progressive scans |

pub mod decode;
pub mod encode;
mod entropy;
mod idct;
mod markers;
mod output;
pub mod tables;

pub(crate) mod tests {
    //! Damaged input must come back as an error or as pixels, never as a panic. (The
    //! pixels and bytes themselves are checked against TensorFlow by
    //! `tests/reference/tf_io_jpeg.py`.)
    use super::decode::{decode, Dct, Options};
    use super::encode::{encode, Options as Enc};

    fn opts(recover: bool, channels: usize, crop: Option<[usize; 4]>) -> Options {
        Options {
            channels,
            fancy_upscaling: true,
            dct: Dct::Fast,
            recover_truncated: recover,
            max_bytes: 1 << 26,
            interrupted: || false,
            crop,
            ratio: 1,
        }
    }

    fn image(w: usize, h: usize, c: usize, seed: u32) -> Vec<u8> {
        let mut s = seed;
        (0..w * h * c)
            .map(|_| {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (s >> 16) as u8
            })
            .collect()
    }

    fn damaged_files_decode_or_fail_cleanly() {
        for (progressive, c) in [(false, 3), (true, 3), (false, 1), (true, 1)] {
            let e = Enc {
                progressive,
                ..Default::default()
            };
            let data = encode(&image(19, 13, c, 7), 19, 13, c, &e).unwrap();
            for cut in 0..data.len() {
                for recover in [false, true] {
                    let _ = decode(&data[..cut], &opts(recover, 0, None));
                }
            }
            let mut s = 1u32;
            for _ in 0..2000 {
                let mut bad = data.clone();
                for _ in 0..3 {
                    s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    let at = (s >> 8) as usize % bad.len();
                    bad[at] = (s >> 24) as u8;
                }
                let _ = decode(
                    &bad,
                    &opts(s.is_multiple_of(2), [0, 1, 3][s as usize % 3], None),
                );
                let _ = decode(&bad, &opts(true, 0, Some([1, 2, 5, 7])));
            }
        }
    }

    fn every_option_set_encodes() {
        for (w, h) in [(1, 1), (2, 9), (17, 3), (33, 20)] {
            for c in [1, 3] {
                for q in [0, 1, 50, 100] {
                    for (progressive, optimize_size, chroma_downsampling) in [
                        (false, false, true),
                        (true, false, false),
                        (false, true, true),
                    ] {
                        let e = Enc {
                            quality: q,
                            progressive,
                            optimize_size,
                            chroma_downsampling,
                            ..Default::default()
                        };
                        let data = encode(&image(w, h, c, q as u32), w, h, c, &e).unwrap();
                        let img = decode(&data, &opts(false, 0, None)).unwrap();
                        assert_eq!((img.width, img.height, img.channels), (w, h, c));
                    }
                }
            }
        }
    }

    unit_cases!(
        damaged_files_decode_or_fail_cleanly,
        every_option_set_encodes
    );
}
