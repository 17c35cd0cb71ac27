//! The surfaces a figure is drawn on: a raster (plotters' bitmap backend, for PNG and the
//! terminal) and SVG text. Both take pixel coordinates (y down) and the same few
//! primitives, so the layout code in `render.rs` draws on either.

use super::colors::Rgb;
use super::font;
use plotters::backend::BitMapBackend;
use plotters::backend::DrawingBackend;
use plotters::style::{Color, RGBAColor, ShapeStyle};
use std::fmt::Write;

/// Horizontal anchoring of a text.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical anchoring of a text: its line's top, middle, baseline or bottom.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum VAlign {
    Top,
    Center,
    Baseline,
    Bottom,
}

/// A text to draw: `size` is the em in pixels; `vertical` turns it a quarter counter-
/// clockwise (a y-axis label).
pub(crate) struct TextSpec<'a> {
    pub s: &'a str,
    pub size: f64,
    pub color: Rgb,
    pub h: HAlign,
    pub v: VAlign,
    pub vertical: bool,
}

pub(crate) trait Canvas {
    fn polyline(&mut self, pts: &[(f64, f64)], color: Rgb, width: f64, alpha: f64);
    fn polygon(&mut self, pts: &[(f64, f64)], color: Rgb, alpha: f64);
    fn circle(&mut self, c: (f64, f64), r: f64, color: Rgb, alpha: f64);
    fn text(&mut self, t: &TextSpec, x: f64, y: f64);
    /// An RGB image `w` x `h` with its top-left pixel at (x, y).
    fn image(&mut self, x: i32, y: i32, w: u32, h: u32, rgb: &[u8]);
}

/// Where the text's baseline origin goes (unrotated layout), given its anchor at (x, y).
fn text_origin(t: &TextSpec) -> (f64, f64, f64) {
    let (w, asc, desc) = font::measure(t.s, t.size);
    let dx = match t.h {
        HAlign::Left => 0.0,
        HAlign::Center => -w / 2.0,
        HAlign::Right => -w,
    };
    let dy = match t.v {
        VAlign::Top => asc,
        VAlign::Center => (asc - desc) / 2.0,
        VAlign::Baseline => 0.0,
        VAlign::Bottom => -desc,
    };
    (dx, dy, w)
}

/// An RGB raster drawn through plotters' bitmap backend.
pub(crate) struct Raster {
    pub w: u32,
    pub h: u32,
    pub buf: Vec<u8>,
}

impl Raster {
    pub(crate) fn new(w: u32, h: u32) -> Raster {
        Raster {
            w,
            h,
            buf: vec![255; w as usize * h as usize * 3],
        }
    }

    fn backend(&mut self) -> BitMapBackend<'_> {
        BitMapBackend::with_buffer(&mut self.buf, (self.w, self.h))
    }
}

fn style(color: Rgb, alpha: f64, width: f64, filled: bool) -> ShapeStyle {
    ShapeStyle {
        color: RGBAColor(color[0], color[1], color[2], alpha),
        filled,
        stroke_width: width.round().max(1.0) as u32,
    }
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

impl Canvas for Raster {
    fn polyline(&mut self, pts: &[(f64, f64)], color: Rgb, width: f64, alpha: f64) {
        if pts.len() < 2 {
            return;
        }
        let st = style(color, alpha, width, false);
        let mut b = self.backend();
        if st.stroke_width <= 1 {
            for w in pts.windows(2) {
                let _ = b.draw_line(ipt(w[0]), ipt(w[1]), &st);
            }
        } else {
            let _ = b.draw_path(pts.iter().map(|&p| ipt(p)), &st);
        }
    }

    fn polygon(&mut self, pts: &[(f64, f64)], color: Rgb, alpha: f64) {
        if pts.len() < 3 {
            return;
        }
        let st = style(color, alpha, 1.0, true);
        let _ = self
            .backend()
            .fill_polygon(pts.iter().map(|&p| ipt(p)), &st);
    }

    fn circle(&mut self, c: (f64, f64), r: f64, color: Rgb, alpha: f64) {
        let st = style(color, alpha, 1.0, true);
        let _ = self
            .backend()
            .draw_circle(ipt(c), r.round().max(1.0) as u32, &st, true);
    }

    fn text(&mut self, t: &TextSpec, x: f64, y: f64) {
        let (dx, dy, _) = text_origin(t);
        let color = t.color;
        let mut b = self.backend();
        let mut put = |px: i32, py: i32, cov: f32| {
            let (gx, gy) = if t.vertical {
                // Laid out along x, then turned a quarter counter-clockwise about (x, y).
                (x + (py as f64 + dy), y - (px as f64 + dx))
            } else {
                (x + px as f64 + dx, y + py as f64 + dy)
            };
            let c = RGBAColor(color[0], color[1], color[2], cov.clamp(0.0, 1.0) as f64)
                .to_backend_color();
            let _ = b.draw_pixel((gx.round() as i32, gy.round() as i32), c);
        };
        font::rasterize(t.s, t.size, &mut put);
    }

    fn image(&mut self, x: i32, y: i32, w: u32, h: u32, rgb: &[u8]) {
        let _ = self.backend().blit_bitmap((x, y), (w, h), rgb);
    }
}

/// An SVG document being written.
pub(crate) struct Svg {
    pub body: String,
    pub w: u32,
    pub h: u32,
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Svg {
    pub(crate) fn new(w: u32, h: u32) -> Svg {
        let mut s = Svg {
            body: String::new(),
            w,
            h,
        };
        let _ = writeln!(
            s.body,
            "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
            w, h
        );
        s
    }

    pub(crate) fn finish(self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
             width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\" version=\"1.1\">\n{}</svg>\n",
            self.body,
            w = self.w,
            h = self.h
        )
    }
}

fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{:.2},{:.2}", x, y);
    }
    s
}

impl Canvas for Svg {
    fn polyline(&mut self, pts: &[(f64, f64)], color: Rgb, width: f64, alpha: f64) {
        if pts.len() < 2 {
            return;
        }
        let _ = writeln!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.2}\" \
             stroke-opacity=\"{}\" stroke-linecap=\"square\" stroke-linejoin=\"round\"/>",
            points(pts),
            hex(color),
            width,
            alpha
        );
    }

    fn polygon(&mut self, pts: &[(f64, f64)], color: Rgb, alpha: f64) {
        if pts.len() < 3 {
            return;
        }
        let _ = writeln!(
            self.body,
            "<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"{}\"/>",
            points(pts),
            hex(color),
            alpha
        );
    }

    fn circle(&mut self, c: (f64, f64), r: f64, color: Rgb, alpha: f64) {
        let _ = writeln!(
            self.body,
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\" fill=\"{}\" fill-opacity=\"{}\"/>",
            c.0,
            c.1,
            r,
            hex(color),
            alpha
        );
    }

    fn text(&mut self, t: &TextSpec, x: f64, y: f64) {
        let (dx, dy, _) = text_origin(t);
        let transform = if t.vertical {
            format!(" transform=\"rotate(-90 {:.2} {:.2})\"", x, y)
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{:.2}\" y=\"{:.2}\" font-family=\"DejaVu Sans, sans-serif\" \
             font-size=\"{:.2}\" fill=\"{}\"{}>{}</text>",
            x + dx,
            y + dy,
            t.size,
            hex(t.color),
            transform,
            escape(t.s)
        );
    }

    fn image(&mut self, x: i32, y: i32, w: u32, h: u32, rgb: &[u8]) {
        let png = super::png::encode(w, h, rgb);
        let _ = writeln!(
            self.body,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
             style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,{}\"/>",
            x,
            y,
            w,
            h,
            super::png::base64(&png)
        );
    }
}
