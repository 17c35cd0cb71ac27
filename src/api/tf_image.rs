//! `tf.image`: TensorFlow writes most of it in Python over its ops, and so does tensh
//! (`pysrc/tf_image.py`, built on first use of `tf.image`). What TensorFlow writes as C++
//! kernels are natives here: resizing (`_resize`), HSV conversions, hue, saturation and
//! contrast adjustment, `crop_and_resize` and `extract_patches`.

use super::convert::{f64_arg, i64_arg, to_tensor};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value, R};
use crate::tensor::alloc;
use crate::tensor::autodiff::record_moves_first;
use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::ops::image_color as color;
use crate::tensor::ops::image_resize::{self as rs, Method, Sampler};
use crate::tensor::{DType, Elem, Tensor};
use crate::with_data;
use std::rc::Rc;

const SOURCE: &str = include_str!("pysrc/tf_image.py");

/// Where TensorFlow defines them.
const MODULE: &str = "tensorflow.python.ops.image_ops_impl";

/// The public names of `tf.image`.
const NAMES: &[&str] = &[
    "ResizeMethod",
    "random_flip_up_down",
    "random_flip_left_right",
    "stateless_random_flip_left_right",
    "stateless_random_flip_up_down",
    "flip_left_right",
    "flip_up_down",
    "rot90",
    "transpose",
    "central_crop",
    "pad_to_bounding_box",
    "crop_to_bounding_box",
    "resize_with_crop_or_pad",
    "resize",
    "resize_with_pad",
    "crop_and_resize",
    "extract_patches",
    "convert_image_dtype",
    "rgb_to_grayscale",
    "grayscale_to_rgb",
    "rgb_to_hsv",
    "hsv_to_rgb",
    "rgb_to_yiq",
    "yiq_to_rgb",
    "rgb_to_yuv",
    "yuv_to_rgb",
    "adjust_brightness",
    "adjust_contrast",
    "adjust_gamma",
    "adjust_hue",
    "adjust_saturation",
    "adjust_jpeg_quality",
    "random_jpeg_quality",
    "stateless_random_jpeg_quality",
    "per_image_standardization",
    "random_brightness",
    "stateless_random_brightness",
    "random_contrast",
    "stateless_random_contrast",
    "random_hue",
    "stateless_random_hue",
    "random_saturation",
    "stateless_random_saturation",
    "random_crop",
    "stateless_random_crop",
    "total_variation",
    "psnr",
    "ssim",
    "ssim_multiscale",
    "image_gradients",
    "sobel_edges",
];

/// Registers `tf.image`, built on first use.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("tensorflow.image", build);
}

fn build(it: &mut Interp) {
    it.lazy_modules.remove("tensorflow.image");
    crate::pylib::pysource::load(
        it,
        MODULE,
        SOURCE,
        &[
            ("_resize", resize),
            ("_rgb_to_hsv", |it, a| unary(it, a, color::rgb_to_hsv)),
            ("_hsv_to_rgb", |it, a| unary(it, a, color::hsv_to_rgb)),
            ("_adjust_hue", |it, a| with_factor(it, a, color::adjust_hue)),
            ("_adjust_saturation", |it, a| {
                with_factor(it, a, color::adjust_saturation)
            }),
            ("_adjust_contrast", |it, a| {
                with_factor(it, a, color::adjust_contrast)
            }),
            ("_crop_and_resize", crop_and_resize),
            ("_extract_patches", extract_patches),
            ("_encode_jpeg_variable_quality", |it, a| {
                super::tf_io_jpeg::encode_variable_quality(it, &arg(&a, 0), &arg(&a, 1))
            }),
        ],
    );
    let Some(Value::Module(ops)) = it.modules.get(MODULE).cloned() else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    let image = Rc::new(Module::new("tensorflow.image"));
    for name in NAMES {
        if let Some(v) = ops.get(name) {
            image.set(name, v);
        }
    }
    // The codecs are declared once, under `tf.io`.
    if let Some(Value::Module(io)) = it.modules.get("tensorflow.io").cloned() {
        for name in [
            "decode_png",
            "encode_png",
            "decode_image",
            "decode_bmp",
            "decode_jpeg",
            "encode_jpeg",
            "decode_and_crop_jpeg",
            "extract_jpeg_shape",
            "is_jpeg",
            "decode_gif",
        ] {
            if let Some(v) = io.get(name) {
                image.set(name, v);
            }
        }
    }
    tf.set("image", Value::Module(image.clone()));
    it.modules
        .insert("tensorflow.image".into(), Value::Module(image));
}

/// The module's function `name` (building `tf.image` if needed), for Keras's layers.
pub(crate) fn function(it: &mut Interp, name: &str) -> Option<Value> {
    if it.lazy_modules.contains_key("tensorflow.image") {
        build(it);
    }
    match it.modules.get(MODULE) {
        Some(Value::Module(m)) => m.get(name),
        _ => None,
    }
}

fn arg(a: &Args, i: usize) -> Value {
    a.pos.get(i).cloned().unwrap_or(Value::None)
}

fn flag(a: &Args, i: usize) -> bool {
    matches!(arg(a, i), Value::Bool(true))
}

/// `_resize(images, height, width, kind, antialias, align_corners, half_pixel_centers)`.
fn resize(it: &mut Interp, a: Args) -> R<Value> {
    let x = to_tensor(it, &arg(&a, 0), None)?;
    let oh = i64_arg(&arg(&a, 1), "size")?;
    let ow = i64_arg(&arg(&a, 2), "size")?;
    let kind = match arg(&a, 3) {
        Value::Str(s) => s.to_string(),
        _ => "bilinear".into(),
    };
    let (antialias, align, half) = (flag(&a, 4), flag(&a, 5), flag(&a, 6));
    let op = match kind.as_str() {
        "bilinear" => "ResizeBilinear",
        "nearest" => "ResizeNearestNeighbor",
        "bicubic" => "ResizeBicubic",
        "area" => "ResizeArea",
        _ => "ScaleAndTranslate",
    };
    if oh <= 0 || ow <= 0 {
        let msg = "output dimensions must be positive";
        return Err(crate::tensor::error::op_error(op, op, msg, Some("")).into());
    }
    if x.shape()[1] == 0 || x.shape()[2] == 0 {
        return Err(crate::tensor::error::op_error(
            op,
            op,
            "input image must be of non-zero size",
            Some(""),
        )
        .into());
    }
    let method = match kind.as_str() {
        "bilinear" => Method::Bilinear { align, half },
        "nearest" => Method::Nearest { align, half },
        "bicubic" => Method::Bicubic { align, half },
        "area" => Method::Area { align },
        other => Method::Scale {
            kernel: Sampler::parse(other).unwrap_or(Sampler::Triangle),
            antialias,
        },
    };
    Ok(Value::Tensor(rs::resize(
        &x,
        oh as usize,
        ow as usize,
        method,
    )?))
}

fn unary(it: &mut Interp, a: Args, f: fn(&Tensor) -> TResult<Tensor>) -> R<Value> {
    let x = to_tensor(it, &arg(&a, 0), None)?;
    if !x.dtype().is_float() {
        return Err(invalid_arg(format!(
            "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double",
            x.dtype().name()
        ))
        .into());
    }
    Ok(Value::Tensor(f(&x)?))
}

fn with_factor(it: &mut Interp, a: Args, f: fn(&Tensor, f32) -> TResult<Tensor>) -> R<Value> {
    let x = to_tensor(it, &arg(&a, 0), None)?.cast(DType::F32);
    let k = f64_arg(&arg(&a, 1), "factor")? as f32;
    Ok(Value::Tensor(f(&x, k)?))
}

/// `_crop_and_resize(image, boxes, box_indices, crop_height, crop_width, method, extrapolation)`.
fn crop_and_resize(it: &mut Interp, a: Args) -> R<Value> {
    let img = to_tensor(it, &arg(&a, 0), None)?.contiguous();
    let boxes = to_tensor(it, &arg(&a, 1), Some(DType::F32))?;
    let idx = to_tensor(it, &arg(&a, 2), Some(DType::I32))?.to_i64_vec();
    let ch = i64_arg(&arg(&a, 3), "crop_size")?;
    let cw = i64_arg(&arg(&a, 4), "crop_size")?;
    let nearest = matches!(arg(&a, 5), Value::Str(s) if &*s == "nearest");
    let extra = f64_arg(&arg(&a, 6), "extrapolation_value")? as f32;
    let s = img.shape().to_vec();
    let err = |m: String| -> R<Value> {
        Err(crate::tensor::error::op_error("CropAndResize", "CropAndResize", m, Some("")).into())
    };
    if ch <= 0 || cw <= 0 {
        return err("crop dimensions must be positive".into());
    }
    if boxes.ndim() != 2 || boxes.shape()[1] != 4 {
        return err(format!(
            "boxes must be 2-D{}",
            crate::tensor::broadcast::shape_brackets(boxes.shape())
        ));
    }
    let nb = boxes.shape()[0];
    if idx.len() != nb {
        return err(format!("box_index has incompatible shape[{}]", idx.len()));
    }
    let (batch, ih, iw, c) = (s[0], s[1], s[2], s[3]);
    if ih == 0 || iw == 0 {
        return err("image dimensions must be positive".into());
    }
    if idx.iter().any(|&b| b < 0 || b as usize >= batch) {
        return err("box_index has values outside [0, batch_size)".into());
    }
    let (ch, cw) = (ch as usize, cw as usize);
    let out_shape = [nb, ch, cw, c];
    alloc::check(&out_shape, DType::F32, "CropAndResize")?;
    let v: Vec<f32> = img.to_f64_vec().into_iter().map(|x| x as f32).collect();
    let bx: Vec<f32> = boxes.contiguous().to_vec().unwrap_or_default();
    let mut out = vec![extra; nb * ch * cw * c];
    let (fh, fw) = ((ih - 1) as f32, (iw - 1) as f32);
    for b in 0..nb {
        let (y1, x1, y2, x2) = (bx[b * 4], bx[b * 4 + 1], bx[b * 4 + 2], bx[b * 4 + 3]);
        let bi = idx[b] as usize;
        let hs = if ch > 1 {
            (y2 - y1) * fh / (ch - 1) as f32
        } else {
            0.0
        };
        let ws = if cw > 1 {
            (x2 - x1) * fw / (cw - 1) as f32
        } else {
            0.0
        };
        for y in 0..ch {
            let in_y = if ch > 1 {
                y1 * fh + y as f32 * hs
            } else {
                0.5 * (y1 + y2) * fh
            };
            if in_y < 0.0 || in_y > fh {
                continue;
            }
            for x in 0..cw {
                let in_x = if cw > 1 {
                    x1 * fw + x as f32 * ws
                } else {
                    0.5 * (x1 + x2) * fw
                };
                if in_x < 0.0 || in_x > fw {
                    continue;
                }
                let o = ((b * ch + y) * cw + x) * c;
                let at = |yy: usize, xx: usize, k: usize| v[((bi * ih + yy) * iw + xx) * c + k];
                for k in 0..c {
                    out[o + k] = if nearest {
                        at(in_y.round() as usize, in_x.round() as usize, k)
                    } else {
                        let (ty, by) = (in_y.floor() as usize, in_y.ceil() as usize);
                        let (lx, rx) = (in_x.floor() as usize, in_x.ceil() as usize);
                        let (yl, xl) = (in_y - ty as f32, in_x - lx as f32);
                        let top = at(ty, lx, k) + (at(ty, rx, k) - at(ty, lx, k)) * xl;
                        let bot = at(by, lx, k) + (at(by, rx, k) - at(by, lx, k)) * xl;
                        top + (bot - top) * yl
                    };
                }
            }
        }
    }
    Ok(Value::Tensor(Tensor::from_vec(&out_shape, out)))
}

fn gather_padded<T: Elem>(
    a: &ndarray::ArcArray<T, ndarray::IxDyn>,
    idx: &[Option<usize>],
    shape: &[usize],
    pad: T,
) -> Tensor {
    let flat: Vec<T> = a.iter().copied().collect();
    Tensor::from_vec(
        shape,
        idx.iter().map(|i| i.map_or(pad, |i| flat[i])).collect(),
    )
}

/// `_extract_patches(images, sizes, strides, rates, padding)` (`ExtractImagePatches`).
fn extract_patches(it: &mut Interp, a: Args) -> R<Value> {
    let x = to_tensor(it, &arg(&a, 0), None)?.contiguous();
    let list = |it: &mut Interp, v: &Value, what: &str| -> R<Vec<i64>> {
        let l = super::convert::int_list(it, v, what)?;
        if l.len() != 4 || l[0] != 1 || l[3] != 1 {
            return Err(invalid_arg(format!(
                "{} must be a list of 4 ints with the first and last equal to 1",
                what
            ))
            .into());
        }
        if l[1] <= 0 || l[2] <= 0 {
            return Err(invalid_arg(format!("{} must be positive", what)).into());
        }
        Ok(l)
    };
    let k = list(it, &arg(&a, 1), "sizes")?;
    let st = list(it, &arg(&a, 2), "strides")?;
    let r = list(it, &arg(&a, 3), "rates")?;
    let same = match arg(&a, 4) {
        Value::Str(s) if &*s == "SAME" => true,
        Value::Str(s) if &*s == "VALID" => false,
        _ => return Err(invalid_arg(
            "Value for attr 'padding' is not in the list of allowed values: \"SAME\", \"VALID\"",
        )
        .into()),
    };
    let s = x.shape().to_vec();
    let (b, h, w, c) = (s[0], s[1] as i64, s[2] as i64, s[3]);
    let dim = |inp: i64, k: i64, st: i64, r: i64| -> (i64, i64) {
        let eff = k + (k - 1) * (r - 1);
        if same {
            let out = (inp + st - 1) / st;
            let pad = ((out - 1) * st + eff - inp).max(0);
            (out, pad / 2)
        } else {
            (((inp - eff + 1).max(0) + st - 1) / st, 0)
        }
    };
    let (oh, pt) = dim(h, k[1], st[1], r[1]);
    let (ow, pl) = dim(w, k[2], st[2], r[2]);
    let depth = (k[1] * k[2]) as usize * c;
    let out_shape = [b, oh as usize, ow as usize, depth];
    alloc::check(&out_shape, x.dtype(), "ExtractImagePatches")?;
    // The gather's index table: four float32s' worth an element.
    alloc::check(
        &[out_shape.iter().product::<usize>(), 4],
        DType::F32,
        "ExtractImagePatches",
    )?;
    let mut idx = Vec::with_capacity(out_shape.iter().product());
    for bi in 0..b {
        for oy in 0..oh {
            for ox in 0..ow {
                for i in 0..k[1] {
                    for j in 0..k[2] {
                        let y = oy * st[1] + i * r[1] - pt;
                        let xx = ox * st[2] + j * r[2] - pl;
                        let inside = y >= 0 && y < h && xx >= 0 && xx < w;
                        for ch in 0..c {
                            idx.push(inside.then(|| {
                                ((bi * h as usize + y as usize) * w as usize + xx as usize) * c + ch
                            }));
                        }
                    }
                }
            }
        }
    }
    let out = with_data!(&x.data, arr => gather_padded(arr, &idx, &out_shape, Elem::from_f64(0.0)));
    let res = record_moves_first(&[&x], out, move |t: &Tensor| -> TResult<Tensor> {
        let t = t.contiguous();
        Ok(with_data!(&t.data, arr => gather_padded(arr, &idx, &out_shape, Elem::from_f64(-1.0))))
    });
    Ok(Value::Tensor(res))
}
