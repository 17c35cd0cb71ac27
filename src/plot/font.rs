//! Text: the bundled DejaVu Sans (the font matplotlib ships and draws with by default),
//! measured and rasterised with `ab_glyph`, so no system font library is needed.

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use std::sync::OnceLock;

static DEJAVU: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");

fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(DEJAVU).ok())
        .as_ref()
}

/// ab_glyph scales by the font's height (ascent - descent); matplotlib sizes by the em.
fn scale(em_px: f64) -> PxScale {
    let f = match font() {
        Some(f) => f,
        None => return PxScale::from(em_px as f32),
    };
    let upem = f.units_per_em().unwrap_or(2048.0);
    let height = f.height_unscaled();
    PxScale::from((em_px * height as f64 / upem as f64) as f32)
}

/// The extent of `s` at `em_px`: (advance width, ascent, descent), in pixels; the
/// ascent and descent are the font's (as matplotlib lays out text lines), not the glyphs'.
pub(crate) fn measure(s: &str, em_px: f64) -> (f64, f64, f64) {
    let Some(f) = font() else {
        return (
            s.chars().count() as f64 * em_px * 0.6,
            em_px * 0.76,
            em_px * 0.24,
        );
    };
    let sf = f.as_scaled(scale(em_px));
    let mut w = 0.0f32;
    let mut prev = None;
    for c in s.chars() {
        let g = sf.glyph_id(c);
        if let Some(p) = prev {
            w += sf.kern(p, g);
        }
        w += sf.h_advance(g);
        prev = Some(g);
    }
    (w as f64, sf.ascent() as f64, -sf.descent() as f64)
}

/// Calls `pixel(x, y, coverage)` for the pixels of `s` laid out from the baseline origin
/// (0, 0), x to the right and y down.
pub(crate) fn rasterize(s: &str, em_px: f64, mut pixel: impl FnMut(i32, i32, f32)) {
    let Some(f) = font() else {
        return;
    };
    let sf = f.as_scaled(scale(em_px));
    let mut x = 0.0f32;
    let mut prev = None;
    for c in s.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            x += sf.kern(p, id);
        }
        let glyph = id.with_scale_and_position(sf.scale(), point(x, 0.0));
        if let Some(outline) = f.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                pixel(b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32, cov)
            });
        }
        x += sf.h_advance(id);
        prev = Some(id);
    }
}
