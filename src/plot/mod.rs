//! matplotlib for tensh: `matplotlib`, `matplotlib.pyplot` and `matplotlib.cm` as notebooks
//! use them. The figure model and the pyplot state machine are Python source (`pysrc/`:
//! artists, Axes, Figure, pyplot; built on first import); drawing is native.
//!
//! | file | owns |
//! |---|---|
//! | `spec.rs` | the figure description the Python side hands over, read into Rust types |
//! | `render.rs` | layout and drawing of figures, axes, ticks, labels, legends, artists |
//! | `geometry.rs` | clipping and dashing in pixel space |
//! | `canvas.rs` | the surfaces: a plotters bitmap (PNG) and SVG |
//! | `font.rs` | the bundled DejaVu Sans, measured and rasterised with ab_glyph |
//! | `ticks.rs` | matplotlib's AutoLocator and ScalarFormatter |
//! | `colors.rs`, `colormap_data.rs` | color strings and colormap tables |
//! | `png.rs` | PNG and base64 encoding |
//! | `terminal.rs` | `show()` in a terminal: inline PNG or braille and half blocks |

mod canvas;
mod colormap_data;
pub(crate) mod colors;
mod font;
pub(crate) mod geometry;
pub(crate) mod png;
mod render;
mod spec;
mod terminal;
pub(crate) mod ticks;

use crate::api::convert::f64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, NativeFn};
use crate::eval::{Interp, Value};

/// The Python sources, each a module, in the order they import one another.
const SOURCES: [(&str, &str); 4] = [
    ("matplotlib.artist", include_str!("pysrc/mpl_artist.py")),
    ("matplotlib.axes", include_str!("pysrc/mpl_axes.py")),
    ("matplotlib.figure", include_str!("pysrc/mpl_figure.py")),
    ("matplotlib.pyplot", include_str!("pysrc/pyplot.py")),
];

const KEYS: [&str; 7] = [
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.cm",
    "matplotlib.colors",
    "matplotlib.artist",
    "matplotlib.axes",
    "matplotlib.figure",
];

const NATIVES: [(&str, NativeFn); 9] = [
    ("_render", render_native),
    ("_show_terminal", show_terminal),
    ("_inline", |_, _| {
        Ok(Value::Bool(INLINE.with(|s| s.borrow().is_some())))
    }),
    ("_display_inline", display_inline),
    ("_isatty", |it, _| Ok(Value::Bool(it.io.tty))),
    ("_ticks", ticks_native),
    ("_color_native", color_native),
    ("_cmap_native", cmap_native),
    ("_cmap_names", |_, _| {
        Ok(Value::list(
            colors::colormap_names()
                .into_iter()
                .map(Value::str)
                .collect(),
        ))
    }),
];

/// Where figures go in a notebook or the kernel: the PNG bytes and the figure's repr.
pub type InlineSink = std::rc::Rc<dyn Fn(Vec<u8>, String)>;

thread_local! {
    /// The inline backend's receiver, when figures are shown as a notebook shows them.
    static INLINE: std::cell::RefCell<Option<InlineSink>> = const { std::cell::RefCell::new(None) };
}

/// Sends the figures that `show()` shows (and those left open when a cell ends) to `sink`,
/// as matplotlib's inline backend does; None goes back to the terminal or nothing.
pub fn set_inline(sink: Option<InlineSink>) {
    INLINE.with(|s| *s.borrow_mut() = sink);
}

/// At the end of a notebook cell: shows the figures still open and closes them (only when
/// pyplot has been imported).
pub fn flush_inline(it: &mut Interp) {
    let Some(Value::Module(plt)) = it.modules.get("matplotlib.pyplot").cloned() else {
        return;
    };
    if let Some(f) = plt.get("_flush_inline") {
        let _ = it.call(&f, Args::new(vec![]));
    }
}

/// `_display_inline(spec, text)`: hands the figure's PNG to the inline sink.
fn display_inline(it: &mut Interp, a: Args) -> R<Value> {
    let fig = spec::figure(it, &arg(&a, 0))?;
    let text = str_arg(&arg(&a, 1))?;
    let png = png_bytes(&fig)?;
    if let Some(sink) = INLINE.with(|s| s.borrow().clone()) {
        it.flush();
        sink(png, text);
    }
    Ok(Value::None)
}

/// Registers the modules, built on first import.
pub(crate) fn install(it: &mut Interp) {
    for k in KEYS {
        it.lazy_modules.insert(k, build);
    }
}

fn build(it: &mut Interp) {
    for k in KEYS {
        it.lazy_modules.remove(k);
    }
    // The package first: the sources import their siblings from it.
    let mpl = crate::pylib::pyclass::module(it, "matplotlib");
    for (name, src) in SOURCES {
        crate::pylib::pysource::load(it, name, src, &NATIVES);
    }
    let Some(Value::Module(plt)) = it.modules.get("matplotlib.pyplot").cloned() else {
        return;
    };
    mpl.set("pyplot", Value::Module(plt.clone()));
    for sub in ["artist", "axes", "figure"] {
        if let Some(m) = it.modules.get(&format!("matplotlib.{}", sub)).cloned() {
            mpl.set(sub, m);
        }
    }
    mpl.set("__version__", Value::str("3.8.0"));
    mpl.set("use", Value::builtin("use", |_, _| Ok(Value::None)));
    mpl.set(
        "get_backend",
        Value::builtin("get_backend", |_, _| Ok(Value::str("agg"))),
    );
    for name in ["rcParams", "style", "get_cmap"] {
        if let Some(v) = plt.get(name) {
            mpl.set(name, v);
        }
    }
    let cm = crate::pylib::pyclass::module(it, "matplotlib.cm");
    let colors = crate::pylib::pyclass::module(it, "matplotlib.colors");
    if let Some(v) = plt.get("get_cmap") {
        cm.set("get_cmap", v);
    }
    for name in ["ListedColormap", "LinearSegmentedColormap"] {
        if let Some(v) = plt.get(name) {
            colors.set(name, v);
        }
    }
    if let Some(get_cmap) = plt.get("get_cmap") {
        for n in colors::colormap_names() {
            for name in [n.to_string(), format!("{}_r", n)] {
                if let Ok(v) = it.call(&get_cmap, Args::new(vec![Value::str(&name)])) {
                    cm.set(&name, v);
                }
            }
        }
    }
    mpl.set("cm", Value::Module(cm.clone()));
    mpl.set("colors", Value::Module(colors));
    plt.set("cm", Value::Module(cm));
}

fn arg(a: &Args, i: usize) -> Value {
    a.pos.get(i).cloned().unwrap_or(Value::None)
}

fn str_arg(v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(type_err("expected a string")),
    }
}

/// Checks the figure's pixel size as matplotlib does, and against the memory budget.
fn check_size(f: &spec::Figure) -> R<(u32, u32)> {
    let (w, h) = (f.size.0 * f.dpi, f.size.1 * f.dpi);
    if !(w.is_finite() && h.is_finite()) || w >= 65536.0 || h >= 65536.0 {
        return raise(
            ExcKind::ValueError,
            format!(
                "Image size of {}x{} pixels is too large. It must be less than 2^16 in each direction.",
                w.round() as i64,
                h.round() as i64
            ),
        );
    }
    let (pw, ph) = render::pixel_size(f);
    let bytes = pw as usize * ph as usize * 3;
    if bytes > crate::tensor::alloc::limit() {
        return raise(
            ExcKind::MemoryError,
            format!("figure of {}x{} pixels exceeds the memory budget", pw, ph),
        );
    }
    Ok((pw, ph))
}

/// The figure drawn as a PNG file's bytes.
fn png_bytes(f: &spec::Figure) -> R<Vec<u8>> {
    let (w, h) = check_size(f)?;
    let mut r = canvas::Raster::new(w, h);
    render::draw(f, &mut r);
    Ok(png::encode(w, h, &r.buf))
}

/// `_render(spec, path, format)`: writes the figure as PNG or SVG.
fn render_native(it: &mut Interp, a: Args) -> R<Value> {
    let fig = spec::figure(it, &arg(&a, 0))?;
    let path = str_arg(&arg(&a, 1))?;
    let data = match str_arg(&arg(&a, 2))?.as_str() {
        "svg" => {
            let (w, h) = check_size(&fig)?;
            let mut s = canvas::Svg::new(w, h);
            render::draw(&fig, &mut s);
            s.finish().into_bytes()
        }
        _ => png_bytes(&fig)?,
    };
    if let Err(e) = std::fs::write(&path, data) {
        return Err(crate::pylib::oserror::os_error(&e, &path));
    }
    Ok(Value::None)
}

/// `_show_terminal(spec)`: draws the figure on the terminal.
fn show_terminal(it: &mut Interp, a: Args) -> R<Value> {
    let fig = spec::figure(it, &arg(&a, 0))?;
    let p = terminal::protocol();
    let out = if p == terminal::Protocol::Text {
        let (cols, rows) = terminal::size();
        terminal::text(&fig, cols, rows, it.io.color)
    } else {
        terminal::inline_image(&p, &png_bytes(&fig)?)
    };
    it.write_out(&out);
    it.flush();
    Ok(Value::None)
}

/// `_ticks(vmin, vmax, nbins)`: AutoLocator's tick locations.
fn ticks_native(_: &mut Interp, a: Args) -> R<Value> {
    let lo = f64_arg(&arg(&a, 0), "vmin")?;
    let hi = f64_arg(&arg(&a, 1), "vmax")?;
    let n = f64_arg(&arg(&a, 2), "nbins")?.clamp(1.0, 9.0) as usize;
    Ok(Value::list(
        ticks::locate(lo, hi, n)
            .into_iter()
            .map(Value::Float)
            .collect(),
    ))
}

/// `_color_native(s)`: a color string as an (r, g, b) tuple of floats, or None.
fn color_native(_: &mut Interp, a: Args) -> R<Value> {
    let s = str_arg(&arg(&a, 0))?;
    Ok(match colors::parse(&s) {
        Some(c) => Value::tuple(c.iter().map(|&v| Value::Float(v)).collect()),
        None => Value::None,
    })
}

/// `_cmap_native(name, x, is_index)`: the color at `x` as floats, or None for an unknown
/// colormap.
fn cmap_native(_: &mut Interp, a: Args) -> R<Value> {
    let name = str_arg(&arg(&a, 0))?;
    let Some(cm) = colors::Colormap::get(&name) else {
        return Ok(Value::None);
    };
    let x = f64_arg(&arg(&a, 1), "x")?;
    let c = if matches!(arg(&a, 2), Value::Bool(true)) {
        cm.entry(x as i64)
    } else {
        cm.at(x)
    };
    Ok(Value::tuple(
        c.iter().map(|&v| Value::Float(v as f64 / 255.0)).collect(),
    ))
}

pub(crate) mod tests;
