//! The figure description `pyplot.py` hands to the renderer (dicts, tuples, lists and
//! arrays), read into Rust types; images are turned into RGB pixels here (colormaps for
//! 2-D data, RGB(A) arrays as they are).

use super::colors::{self, Colormap, Rgb};
use crate::api::convert::to_tensor;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::Dict;
use crate::eval::{Interp, Value};
use crate::tensor::DType;

pub(crate) struct Figure {
    pub size: (f64, f64),
    pub dpi: f64,
    pub suptitle: Option<String>,
    pub axes: Vec<Axes>,
}

pub(crate) struct Axes {
    pub pos: [f64; 4],
    pub xlim: (f64, f64),
    pub ylim: (f64, f64),
    pub xticks: Vec<f64>,
    pub yticks: Vec<f64>,
    pub xticklabels: Option<Vec<String>>,
    pub yticklabels: Option<Vec<String>>,
    pub title: String,
    pub xlabel: String,
    pub ylabel: String,
    pub axis_on: bool,
    pub grid: bool,
    pub legend: Option<Vec<(String, LegendStyle)>>,
    pub aspect_equal: bool,
    pub colorbar: bool,
    pub artists: Vec<Artist>,
    pub texts: Vec<Text>,
}

pub(crate) enum LegendStyle {
    Line(Rgb, String, Option<String>),
    Patch(Rgb),
}

pub(crate) struct Text {
    pub x: f64,
    pub y: f64,
    pub s: String,
    pub size: Option<f64>,
    pub color: Rgb,
    pub ha: String,
    pub va: String,
    pub axes_coords: bool,
}

pub(crate) struct Image {
    pub w: usize,
    pub h: usize,
    /// Row-major RGB pixels, row 0 first.
    pub rgb: Vec<Rgb>,
    /// left, right, bottom, top in data coordinates.
    pub extent: [f64; 4],
    pub origin_lower: bool,
}

pub(crate) enum Artist {
    Line {
        x: Vec<f64>,
        y: Vec<f64>,
        color: Rgb,
        style: String,
        marker: Option<String>,
        width: f64,
        msize: f64,
    },
    /// axhline ('h') or axvline ('v').
    RefLine {
        horizontal: bool,
        v: f64,
        color: Rgb,
        style: String,
        width: f64,
    },
    Scatter {
        x: Vec<f64>,
        y: Vec<f64>,
        colors: Vec<Rgb>,
        sizes: Vec<f64>,
        marker: String,
    },
    Bars {
        rects: Vec<[f64; 4]>,
        color: Rgb,
    },
    Fill {
        x: Vec<f64>,
        y1: Vec<f64>,
        y2: Vec<f64>,
        color: Rgb,
        alpha: f64,
    },
    Image(Image),
}

fn item(d: &Dict, k: &str) -> R<Value> {
    Ok(d.get(&Value::str(k))?.unwrap_or(Value::None))
}

fn f64_of(v: &Value) -> R<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => Err(type_err("plot: expected a number")),
    }
}

fn seq(v: &Value) -> Vec<Value> {
    match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => vec![],
    }
}

fn string(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    }
}

fn opt_string(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

fn floats(it: &mut Interp, v: &Value) -> R<Vec<f64>> {
    match v {
        Value::List(_) | Value::Tuple(_) => seq(v).iter().map(f64_of).collect(),
        Value::None => Ok(vec![]),
        _ => Ok(to_tensor(it, v, None)?.to_f64_vec()),
    }
}

fn rgb(v: &Value) -> R<Rgb> {
    let c = seq(v);
    if c.len() < 3 {
        return Ok([0, 0, 0]);
    }
    Ok(colors::to_bytes([
        f64_of(&c[0])?,
        f64_of(&c[1])?,
        f64_of(&c[2])?,
    ]))
}

fn pair(v: &Value) -> R<(f64, f64)> {
    let p = seq(v);
    if p.len() != 2 {
        return Err(value_err("plot: expected a pair"));
    }
    Ok((f64_of(&p[0])?, f64_of(&p[1])?))
}

fn labels(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::None => None,
        _ => Some(seq(v).iter().map(string).collect()),
    }
}

pub(crate) fn figure(it: &mut Interp, v: &Value) -> R<Figure> {
    let Value::Dict(d) = v else {
        return Err(type_err("plot: expected a figure description"));
    };
    let d = d.borrow().clone();
    let size = pair(&item(&d, "size")?)?;
    let dpi = f64_of(&item(&d, "dpi")?)?;
    let suptitle = opt_string(&item(&d, "suptitle")?);
    let mut axes = Vec::new();
    for a in seq(&item(&d, "axes")?) {
        axes.push(axes_of(it, &a)?);
    }
    Ok(Figure {
        size,
        dpi,
        suptitle,
        axes,
    })
}

fn axes_of(it: &mut Interp, v: &Value) -> R<Axes> {
    let Value::Dict(d) = v else {
        return Err(type_err("plot: expected an axes description"));
    };
    let d = d.borrow().clone();
    let p = floats(it, &item(&d, "pos")?)?;
    let pos = [
        *p.first().unwrap_or(&0.0),
        *p.get(1).unwrap_or(&0.0),
        *p.get(2).unwrap_or(&1.0),
        *p.get(3).unwrap_or(&1.0),
    ];
    let legend = match item(&d, "legend")? {
        Value::None => None,
        l => {
            let mut out = Vec::new();
            for e in seq(&l) {
                let e = seq(&e);
                let style = seq(e.get(1).unwrap_or(&Value::None));
                let kind = string(style.first().unwrap_or(&Value::None));
                let color = rgb(style.get(1).unwrap_or(&Value::None))?;
                let st = if kind == "line" {
                    LegendStyle::Line(
                        color,
                        string(style.get(2).unwrap_or(&Value::None)),
                        opt_string(style.get(3).unwrap_or(&Value::None)),
                    )
                } else {
                    LegendStyle::Patch(color)
                };
                out.push((string(e.first().unwrap_or(&Value::None)), st));
            }
            Some(out)
        }
    };
    let mut artists = Vec::new();
    for a in seq(&item(&d, "artists")?) {
        artists.push(artist(it, &a)?);
    }
    let mut texts = Vec::new();
    for t in seq(&item(&d, "texts")?) {
        let t = seq(&t);
        let g = |i: usize| t.get(i).cloned().unwrap_or(Value::None);
        texts.push(Text {
            x: f64_of(&g(0))?,
            y: f64_of(&g(1))?,
            s: string(&g(2)),
            // Points; clamped so that a huge size cannot rasterise gigapixel glyphs.
            size: match g(3) {
                Value::None => None,
                v => f64_of(&v).ok().map(|v| v.clamp(0.0, 500.0)),
            },
            color: match g(4) {
                Value::None => [0, 0, 0],
                v => rgb(&v)?,
            },
            ha: string(&g(5)),
            va: string(&g(6)),
            axes_coords: matches!(g(7), Value::Bool(true)),
        });
    }
    Ok(Axes {
        pos,
        xlim: pair(&item(&d, "xlim")?)?,
        ylim: pair(&item(&d, "ylim")?)?,
        xticks: floats(it, &item(&d, "xticks")?)?,
        yticks: floats(it, &item(&d, "yticks")?)?,
        xticklabels: labels(&item(&d, "xticklabels")?),
        yticklabels: labels(&item(&d, "yticklabels")?),
        title: string(&item(&d, "title")?),
        xlabel: string(&item(&d, "xlabel")?),
        ylabel: string(&item(&d, "ylabel")?),
        axis_on: !matches!(item(&d, "axis_on")?, Value::Bool(false)),
        grid: matches!(item(&d, "grid")?, Value::Bool(true)),
        legend,
        aspect_equal: matches!(item(&d, "aspect_equal")?, Value::Bool(true)),
        colorbar: matches!(item(&d, "colorbar")?, Value::Bool(true)),
        artists,
        texts,
    })
}

fn artist(it: &mut Interp, v: &Value) -> R<Artist> {
    let a = seq(v);
    let g = |i: usize| a.get(i).cloned().unwrap_or(Value::None);
    Ok(match string(&g(0)).as_str() {
        "line" => Artist::Line {
            x: floats(it, &g(1))?,
            y: floats(it, &g(2))?,
            color: rgb(&g(3))?,
            style: string(&g(4)),
            marker: opt_string(&g(5)),
            width: f64_of(&g(6))?,
            msize: f64_of(&g(7))?,
        },
        "ref" => Artist::RefLine {
            horizontal: string(&g(1)) == "h",
            v: f64_of(&g(2))?,
            color: rgb(&g(3))?,
            style: string(&g(4)),
            width: f64_of(&g(5))?,
        },
        "scatter" => {
            let x = floats(it, &g(1))?;
            let y = floats(it, &g(2))?;
            let colors = match g(3) {
                c @ Value::Tuple(_) => vec![rgb(&c)?; x.len()],
                c => {
                    let vals = floats(it, &c)?;
                    let cmap = Colormap::get(&string(&g(5)))
                        .unwrap_or_else(|| Colormap::get("viridis").expect("viridis"));
                    let finite = vals.iter().copied().filter(|v| v.is_finite());
                    let lo = match g(7) {
                        Value::None => finite.clone().fold(f64::INFINITY, f64::min),
                        v => f64_of(&v)?,
                    };
                    let hi = match g(8) {
                        Value::None => finite.fold(f64::NEG_INFINITY, f64::max),
                        v => f64_of(&v)?,
                    };
                    vals.iter().map(|&v| cmap.scaled(v, lo, hi)).collect()
                }
            };
            let sizes = match g(4) {
                s @ (Value::Float(_) | Value::Int(_)) => vec![f64_of(&s)?; x.len()],
                s => floats(it, &s)?,
            };
            Artist::Scatter {
                x,
                y,
                colors,
                sizes,
                marker: string(&g(6)),
            }
        }
        "bars" => {
            let mut rects = Vec::new();
            for r in seq(&g(1)) {
                let r = floats(it, &r)?;
                if r.len() == 4 {
                    rects.push([r[0], r[1], r[2], r[3]]);
                }
            }
            Artist::Bars {
                rects,
                color: rgb(&g(2))?,
            }
        }
        "fill" => Artist::Fill {
            x: floats(it, &g(1))?,
            y1: floats(it, &g(2))?,
            y2: floats(it, &g(3))?,
            color: rgb(&g(4))?,
            alpha: f64_of(&g(5))?,
        },
        "image" => Artist::Image(image(it, &a)?),
        _ => return Err(value_err("plot: unknown artist")),
    })
}

fn image(it: &mut Interp, a: &[Value]) -> R<Image> {
    let g = |i: usize| a.get(i).cloned().unwrap_or(Value::None);
    let t = to_tensor(it, &g(1), None)?;
    let shape = t.shape().to_vec();
    let (h, w) = (*shape.first().unwrap_or(&0), *shape.get(1).unwrap_or(&1));
    if h.saturating_mul(w).saturating_mul(3) > crate::tensor::alloc::limit() {
        return Err(value_err(
            "plot: the image is larger than the memory budget",
        ));
    }
    let data = t.to_f64_vec();
    let rgb = if shape.len() == 2 {
        let cmap =
            Colormap::get(&string(&g(2))).ok_or_else(|| value_err("plot: unknown colormap"))?;
        let lo = f64_of(&g(3)).unwrap_or(0.0);
        let hi = f64_of(&g(4)).unwrap_or(1.0);
        data.iter()
            .map(|&v| {
                if v.is_nan() {
                    [255, 255, 255]
                } else {
                    cmap.scaled(v, lo, hi)
                }
            })
            .collect()
    } else {
        let c = shape[2];
        let ints = !matches!(t.dtype(), DType::F32 | DType::F64);
        (0..h * w)
            .map(|i| {
                let px = &data[i * c..i * c + 3];
                let alpha = if c == 4 {
                    let a = data[i * c + 3];
                    if ints {
                        a / 255.0
                    } else {
                        a
                    }
                } else {
                    1.0
                };
                let mut out = [0u8; 3];
                for k in 0..3 {
                    let v = if ints { px[k] / 255.0 } else { px[k] };
                    let v = v.clamp(0.0, 1.0) * alpha + (1.0 - alpha.clamp(0.0, 1.0));
                    out[k] = (v * 255.0).round() as u8;
                }
                out
            })
            .collect()
    };
    let e = floats(it, &g(5))?;
    let extent = if e.len() == 4 {
        [e[0], e[1], e[2], e[3]]
    } else {
        [-0.5, w as f64 - 0.5, h as f64 - 0.5, -0.5]
    };
    Ok(Image {
        w,
        h,
        rgb,
        extent,
        origin_lower: matches!(g(6), Value::Bool(true)),
    })
}
