//! Laying out and drawing a figure as matplotlib's defaults do (the classic subplot
//! parameters, 10-point tick labels and axis labels, 12-point titles, the legend's
//! paddings), on any `Canvas`.

use super::canvas::{Canvas, HAlign, TextSpec, VAlign};
use super::colors::Rgb;
use super::geometry::{clip_polygon, clip_polyline, dashes, Box2};
use super::spec::{Artist, Axes, Figure, Image, LegendStyle};
use super::ticks;

const BLACK: Rgb = [0, 0, 0];

/// The figure's size in pixels.
pub(crate) fn pixel_size(f: &Figure) -> (u32, u32) {
    (
        (f.size.0 * f.dpi).round().max(1.0) as u32,
        (f.size.1 * f.dpi).round().max(1.0) as u32,
    )
}

/// Draws `f` on `c`, whose size is `pixel_size(f)`.
pub(crate) fn draw(f: &Figure, c: &mut dyn Canvas) {
    let (w, h) = pixel_size(f);
    let k = f.dpi / 72.0;
    for ax in &f.axes {
        draw_axes(ax, c, w as f64, h as f64, k);
    }
    if let Some(t) = &f.suptitle {
        let spec = text(t, 12.0 * k, HAlign::Center, VAlign::Top);
        c.text(&spec, w as f64 / 2.0, h as f64 * 0.02);
    }
}

fn text(s: &str, size: f64, h: HAlign, v: VAlign) -> TextSpec<'_> {
    TextSpec {
        s,
        size,
        color: BLACK,
        h,
        v,
        vertical: false,
    }
}

/// The axes box in pixels, shrunk to keep square data units when the aspect is equal.
fn axes_box(ax: &Axes, w: f64, h: f64) -> Box2 {
    let [l, b, aw, ah] = ax.pos;
    let mut bx = Box2 {
        x0: l * w,
        x1: (l + aw) * w,
        y0: h - (b + ah) * h,
        y1: h - b * h,
    };
    let dx = (ax.xlim.1 - ax.xlim.0).abs();
    let dy = (ax.ylim.1 - ax.ylim.0).abs();
    if ax.aspect_equal && dx > 0.0 && dy > 0.0 {
        let (bw, bh) = (bx.x1 - bx.x0, bx.y1 - bx.y0);
        let want = bw * dy / dx;
        if want <= bh {
            let cy = (bx.y0 + bx.y1) / 2.0;
            bx.y0 = cy - want / 2.0;
            bx.y1 = cy + want / 2.0;
        } else {
            let nw = bh * dx / dy;
            let cx = (bx.x0 + bx.x1) / 2.0;
            bx.x0 = cx - nw / 2.0;
            bx.x1 = cx + nw / 2.0;
        }
    }
    bx
}

/// Data to pixel coordinates within one axes.
struct Tr {
    bx: Box2,
    xlim: (f64, f64),
    ylim: (f64, f64),
}

impl Tr {
    fn x(&self, x: f64) -> f64 {
        self.bx.x0 + (x - self.xlim.0) / (self.xlim.1 - self.xlim.0) * (self.bx.x1 - self.bx.x0)
    }
    fn y(&self, y: f64) -> f64 {
        self.bx.y1 - (y - self.ylim.0) / (self.ylim.1 - self.ylim.0) * (self.bx.y1 - self.bx.y0)
    }
    fn p(&self, x: f64, y: f64) -> (f64, f64) {
        (self.x(x), self.y(y))
    }
    fn inv_x(&self, px: f64) -> f64 {
        self.xlim.0 + (px - self.bx.x0) / (self.bx.x1 - self.bx.x0) * (self.xlim.1 - self.xlim.0)
    }
    fn inv_y(&self, py: f64) -> f64 {
        self.ylim.0 + (self.bx.y1 - py) / (self.bx.y1 - self.bx.y0) * (self.ylim.1 - self.ylim.0)
    }
}

fn draw_axes(ax: &Axes, c: &mut dyn Canvas, w: f64, h: f64, k: f64) {
    let bx = axes_box(ax, w, h);
    let degenerate = ax.xlim.0 == ax.xlim.1 || ax.ylim.0 == ax.ylim.1;
    let tr = Tr {
        bx,
        xlim: ax.xlim,
        ylim: ax.ylim,
    };
    let (xt, yt) = (visible(&ax.xticks, ax.xlim), visible(&ax.yticks, ax.ylim));
    if ax.axis_on && ax.grid && !degenerate {
        let grid = [0xb0, 0xb0, 0xb0];
        for &(_, x) in &xt {
            let px = tr.x(x);
            c.polyline(&[(px, bx.y0), (px, bx.y1)], grid, 0.8 * k, 1.0);
        }
        for &(_, y) in &yt {
            let py = tr.y(y);
            c.polyline(&[(bx.x0, py), (bx.x1, py)], grid, 0.8 * k, 1.0);
        }
    }
    if !degenerate {
        for a in &ax.artists {
            draw_artist(a, &tr, c, k);
        }
    }
    for t in &ax.texts {
        let (px, py) = if t.axes_coords {
            (bx.x0 + t.x * (bx.x1 - bx.x0), bx.y1 - t.y * (bx.y1 - bx.y0))
        } else {
            tr.p(t.x, t.y)
        };
        let ha = match t.ha.as_str() {
            "center" => HAlign::Center,
            "right" => HAlign::Right,
            _ => HAlign::Left,
        };
        let va = match t.va.as_str() {
            "center" | "center_baseline" => VAlign::Center,
            "top" => VAlign::Top,
            "bottom" => VAlign::Bottom,
            _ => VAlign::Baseline,
        };
        let mut spec = text(&t.s, t.size.unwrap_or(10.0) * k, ha, va);
        spec.color = t.color;
        c.text(&spec, px, py);
    }
    if let Some(entries) = &ax.legend {
        if !entries.is_empty() {
            draw_legend(ax, entries, &tr, c, k);
        }
    }
    let (mut below, mut left) = (bx.y1, bx.x0);
    if ax.axis_on {
        let spine = 0.8 * k;
        let corners = [
            (bx.x0, bx.y0),
            (bx.x1, bx.y0),
            (bx.x1, bx.y1),
            (bx.x0, bx.y1),
            (bx.x0, bx.y0),
        ];
        c.polyline(&corners, BLACK, spine, 1.0);
        let size = 10.0 * k;
        let tick = 3.5 * k;
        let (xl, xoff) = tick_labels(&ax.xticks, &ax.xticklabels, ax.xlim);
        let mut label_bottom = bx.y1 + tick;
        for &(i, x) in &xt {
            let px = tr.x(x);
            c.polyline(&[(px, bx.y1), (px, bx.y1 + tick)], BLACK, spine, 1.0);
            let s = xl.get(i).map(String::as_str).unwrap_or("");
            c.text(
                &text(s, size, HAlign::Center, VAlign::Top),
                px,
                bx.y1 + 2.0 * tick,
            );
            if !s.is_empty() {
                let (_, asc, desc) = super::font::measure(s, size);
                label_bottom = label_bottom.max(bx.y1 + 2.0 * tick + asc + desc);
            }
        }
        if !xoff.is_empty() {
            c.text(
                &text(&xoff, size, HAlign::Right, VAlign::Top),
                bx.x1,
                label_bottom,
            );
        }
        below = label_bottom;
        let (yl, yoff) = tick_labels(&ax.yticks, &ax.yticklabels, ax.ylim);
        let right_side = ax.colorbar;
        let mut label_left = bx.x0 - tick;
        for &(i, y) in &yt {
            let py = tr.y(y);
            let s = yl.get(i).map(String::as_str).unwrap_or("");
            if right_side {
                c.polyline(&[(bx.x1, py), (bx.x1 + tick, py)], BLACK, spine, 1.0);
                c.text(
                    &text(s, size, HAlign::Left, VAlign::Center),
                    bx.x1 + 2.0 * tick,
                    py,
                );
            } else {
                c.polyline(&[(bx.x0 - tick, py), (bx.x0, py)], BLACK, spine, 1.0);
                c.text(
                    &text(s, size, HAlign::Right, VAlign::Center),
                    bx.x0 - 2.0 * tick,
                    py,
                );
                let (tw, _, _) = super::font::measure(s, size);
                label_left = label_left.min(bx.x0 - 2.0 * tick - tw);
            }
        }
        if !yoff.is_empty() {
            c.text(
                &text(&yoff, size, HAlign::Left, VAlign::Bottom),
                bx.x0,
                bx.y0 - 2.0 * k,
            );
        }
        left = label_left;
    }
    if !ax.xlabel.is_empty() {
        let t = text(&ax.xlabel, 10.0 * k, HAlign::Center, VAlign::Top);
        c.text(&t, (bx.x0 + bx.x1) / 2.0, below + 4.0 * k);
    }
    if !ax.ylabel.is_empty() {
        let mut t = text(&ax.ylabel, 10.0 * k, HAlign::Center, VAlign::Bottom);
        t.vertical = true;
        let x = if ax.colorbar {
            bx.x1 + 40.0 * k
        } else {
            left - 4.0 * k
        };
        c.text(&t, x, (bx.y0 + bx.y1) / 2.0);
    }
    if !ax.title.is_empty() {
        let t = text(&ax.title, 12.0 * k, HAlign::Center, VAlign::Baseline);
        c.text(&t, (bx.x0 + bx.x1) / 2.0, bx.y0 - 6.0 * k);
    }
}

/// The ticks within the view interval, with their index in the full list.
fn visible(ticks: &[f64], lim: (f64, f64)) -> Vec<(usize, f64)> {
    let (lo, hi) = if lim.0 <= lim.1 { lim } else { (lim.1, lim.0) };
    let eps = (hi - lo).abs() * 1e-10;
    ticks
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, t)| t >= lo - eps && t <= hi + eps)
        .collect()
}

fn tick_labels(
    ticks: &[f64],
    given: &Option<Vec<String>>,
    lim: (f64, f64),
) -> (Vec<String>, String) {
    match given {
        Some(l) => (l.clone(), String::new()),
        None => ticks::labels(ticks, lim.0, lim.1),
    }
}

fn line_pattern(style: &str, width_pt: f64) -> Option<Vec<f64>> {
    let base: &[f64] = match style {
        "-" | "solid" => &[],
        "--" | "dashed" => &[3.7, 1.6],
        ":" | "dotted" => &[1.0, 1.65],
        "-." | "dashdot" => &[6.4, 1.6, 1.0, 1.6],
        _ => return None,
    };
    Some(base.iter().map(|d| d * width_pt).collect())
}

/// A line in pixel space, split at non-finite points, clipped to the box and dashed.
fn stroke(
    pts: &[(f64, f64)],
    bx: &Box2,
    color: Rgb,
    style: &str,
    width_pt: f64,
    c: &mut dyn Canvas,
    k: f64,
) {
    let width_pt = if width_pt.is_finite() {
        width_pt.clamp(0.0, 1000.0)
    } else {
        1.0
    };
    let Some(pattern) = line_pattern(style, width_pt) else {
        return;
    };
    let pattern: Vec<f64> = pattern.iter().map(|d| d * k).collect();
    for run in pts.split(|p| !p.0.is_finite() || !p.1.is_finite()) {
        for piece in clip_polyline(run, bx) {
            for part in dashes(&piece, &pattern) {
                c.polyline(&part, color, width_pt * k, 1.0);
            }
        }
    }
}

fn draw_artist(a: &Artist, tr: &Tr, c: &mut dyn Canvas, k: f64) {
    let bx = &tr.bx;
    match a {
        Artist::Line {
            x,
            y,
            color,
            style,
            marker,
            width,
            msize,
        } => {
            let pts: Vec<(f64, f64)> = x.iter().zip(y).map(|(&x, &y)| tr.p(x, y)).collect();
            stroke(&pts, bx, *color, style, *width, c, k);
            if let Some(m) = marker {
                for &p in &pts {
                    if bx.contains(p, 0.5) {
                        draw_marker(c, m, p, msize * k / 2.0, *color, k);
                    }
                }
            }
        }
        Artist::RefLine {
            horizontal,
            v,
            color,
            style,
            width,
        } => {
            let pts = if *horizontal {
                let y = tr.y(*v);
                vec![(bx.x0, y), (bx.x1, y)]
            } else {
                let x = tr.x(*v);
                vec![(x, bx.y0), (x, bx.y1)]
            };
            stroke(&pts, bx, *color, style, *width, c, k);
        }
        Artist::Scatter {
            x,
            y,
            colors,
            sizes,
            marker,
        } => {
            for (i, (&x, &y)) in x.iter().zip(y).enumerate() {
                let p = tr.p(x, y);
                if !bx.contains(p, 0.5) {
                    continue;
                }
                let s = sizes.get(i).or(sizes.first()).copied().unwrap_or(36.0);
                let color = colors.get(i).copied().unwrap_or(BLACK);
                draw_marker(c, marker, p, s.max(0.0).sqrt() * k / 2.0, color, k);
            }
        }
        Artist::Bars { rects, color } => {
            for r in rects {
                let (a, b) = (tr.p(r[0], r[1]), tr.p(r[2], r[3]));
                let poly = [(a.0, a.1), (b.0, a.1), (b.0, b.1), (a.0, b.1)];
                c.polygon(&clip_polygon(&poly, bx), *color, 1.0);
            }
        }
        Artist::Fill {
            x,
            y1,
            y2,
            color,
            alpha,
        } => {
            let mut poly: Vec<(f64, f64)> = x.iter().zip(y1).map(|(&x, &y)| tr.p(x, y)).collect();
            poly.extend(x.iter().zip(y2).rev().map(|(&x, &y)| tr.p(x, y)));
            poly.retain(|p| p.0.is_finite() && p.1.is_finite());
            c.polygon(&clip_polygon(&poly, bx), *color, *alpha);
        }
        Artist::Image(im) => draw_image(im, tr, c),
    }
}

/// Nearest-neighbour resampling of the image onto the pixels it covers in the box.
fn draw_image(im: &Image, tr: &Tr, c: &mut dyn Canvas) {
    let [l, r, b, t] = im.extent;
    let (px0, px1) = (tr.x(l).min(tr.x(r)), tr.x(l).max(tr.x(r)));
    let (py0, py1) = (tr.y(b).min(tr.y(t)), tr.y(b).max(tr.y(t)));
    let bx = &tr.bx;
    let x0 = px0.max(bx.x0).round() as i64;
    let x1 = px1.min(bx.x1).round() as i64;
    let y0 = py0.max(bx.y0).round() as i64;
    let y1 = py1.min(bx.y1).round() as i64;
    if x1 <= x0 || y1 <= y0 || im.w == 0 || im.h == 0 {
        return;
    }
    let (iw, ih) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let mut buf = vec![255u8; iw * ih * 3];
    let cols: Vec<Option<usize>> = (0..iw)
        .map(|i| {
            let xd = tr.inv_x(x0 as f64 + i as f64 + 0.5);
            let f = (xd - l) / (r - l);
            (0.0..1.0)
                .contains(&f)
                .then(|| ((f * im.w as f64) as usize).min(im.w - 1))
        })
        .collect();
    for j in 0..ih {
        let yd = tr.inv_y(y0 as f64 + j as f64 + 0.5);
        let f = if im.origin_lower {
            (yd - b) / (t - b)
        } else {
            (yd - t) / (b - t)
        };
        if !(0.0..1.0).contains(&f) {
            continue;
        }
        let row = ((f * im.h as f64) as usize).min(im.h - 1);
        for (i, col) in cols.iter().enumerate() {
            if let Some(col) = col {
                let px = im.rgb[row * im.w + col];
                buf[(j * iw + i) * 3..(j * iw + i) * 3 + 3].copy_from_slice(&px);
            }
        }
    }
    c.image(x0 as i32, y0 as i32, iw as u32, ih as u32, &buf);
}

/// A marker of radius `r` pixels centred at `p` (at most 2000 pixels, so that a huge
/// `markersize` or `s` cannot make the fill run for ever).
fn draw_marker(c: &mut dyn Canvas, m: &str, p: (f64, f64), r: f64, color: Rgb, k: f64) {
    let r = if r.is_finite() {
        r.clamp(0.0, 2000.0)
    } else {
        0.0
    };
    let (x, y) = p;
    let poly = |pts: &[(f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter()
            .map(|&(dx, dy)| (x + dx * r, y + dy * r))
            .collect()
    };
    match m {
        "," => c.polygon(
            &poly(&[(-0.2, -0.2), (0.2, -0.2), (0.2, 0.2), (-0.2, 0.2)]),
            color,
            1.0,
        ),
        "." => c.circle(p, (r * 0.5).max(1.0), color, 1.0),
        "s" => c.polygon(
            &poly(&[(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)]),
            color,
            1.0,
        ),
        "^" => c.polygon(&poly(&[(0.0, -1.0), (0.87, 0.5), (-0.87, 0.5)]), color, 1.0),
        "v" => c.polygon(
            &poly(&[(0.0, 1.0), (0.87, -0.5), (-0.87, -0.5)]),
            color,
            1.0,
        ),
        "<" => c.polygon(&poly(&[(-1.0, 0.0), (0.5, -0.87), (0.5, 0.87)]), color, 1.0),
        ">" => c.polygon(
            &poly(&[(1.0, 0.0), (-0.5, -0.87), (-0.5, 0.87)]),
            color,
            1.0,
        ),
        "D" | "d" => c.polygon(
            &poly(&[(0.0, -1.0), (0.75, 0.0), (0.0, 1.0), (-0.75, 0.0)]),
            color,
            1.0,
        ),
        "x" | "X" => {
            c.polyline(&poly(&[(-0.8, -0.8), (0.8, 0.8)]), color, k, 1.0);
            c.polyline(&poly(&[(-0.8, 0.8), (0.8, -0.8)]), color, k, 1.0);
        }
        "+" | "P" | "|" | "_" => {
            if m != "|" {
                c.polyline(&poly(&[(-1.0, 0.0), (1.0, 0.0)]), color, k, 1.0);
            }
            if m != "_" {
                c.polyline(&poly(&[(0.0, -1.0), (0.0, 1.0)]), color, k, 1.0);
            }
        }
        "*" => {
            let pts: Vec<(f64, f64)> = (0..10)
                .map(|i| {
                    let a = std::f64::consts::PI * (i as f64 / 5.0 - 0.5);
                    let rr = if i % 2 == 0 { 1.0 } else { 0.4 };
                    (a.cos() * rr, a.sin() * rr)
                })
                .collect();
            c.polygon(&poly(&pts), color, 1.0)
        }
        _ => c.circle(p, r, color, 1.0),
    }
}

const LOCS: [&str; 4] = ["upper right", "upper left", "lower left", "lower right"];

fn draw_legend(ax: &Axes, entries: &[(String, LegendStyle)], tr: &Tr, c: &mut dyn Canvas, k: f64) {
    let size = 10.0 * k;
    let em = size;
    let (_, asc, desc) = super::font::measure("Ag", size);
    let row = asc + desc;
    let text_w = entries
        .iter()
        .map(|(s, _)| super::font::measure(s, size).0)
        .fold(0.0, f64::max);
    let (pad, spacing, handle, gap, margin) = (0.4 * em, 0.5 * em, 2.0 * em, 0.8 * em, 0.5 * em);
    let w = 2.0 * pad + handle + gap + text_w;
    let n = entries.len() as f64;
    let h = 2.0 * pad + n * row + (n - 1.0) * spacing;
    let bx = &tr.bx;
    let place = |loc: &str| -> (f64, f64) {
        let x = if loc.ends_with("left") {
            bx.x0 + margin
        } else {
            bx.x1 - margin - w
        };
        let y = if loc.starts_with("upper") {
            bx.y0 + margin
        } else {
            bx.y1 - margin - h
        };
        (x, y)
    };
    // 'best': the first corner over the fewest data points.
    let points = data_points(ax, tr);
    let (x, y) = LOCS
        .iter()
        .map(|l| {
            let (x, y) = place(l);
            let bad = points
                .iter()
                .filter(|p| p.0 >= x && p.0 <= x + w && p.1 >= y && p.1 <= y + h)
                .count();
            (bad, (x, y))
        })
        .min_by_key(|(bad, _)| *bad)
        .map(|(_, p)| p)
        .unwrap_or_else(|| place("upper right"));
    let frame = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
    c.polygon(&frame, [255, 255, 255], 0.8);
    let mut closed = frame.to_vec();
    closed.push((x, y));
    c.polyline(&closed, [0xcc, 0xcc, 0xcc], k, 1.0);
    for (i, (label, style)) in entries.iter().enumerate() {
        let cy = y + pad + i as f64 * (row + spacing) + row / 2.0;
        let hx = x + pad;
        match style {
            LegendStyle::Line(color, ls, marker) => {
                if let Some(p) = line_pattern(ls, 1.5) {
                    let pattern: Vec<f64> = p.iter().map(|d| d * k).collect();
                    for part in dashes(&[(hx, cy), (hx + handle, cy)], &pattern) {
                        c.polyline(&part, *color, 1.5 * k, 1.0);
                    }
                }
                if let Some(m) = marker {
                    draw_marker(c, m, (hx + handle / 2.0, cy), 3.0 * k, *color, k);
                }
            }
            LegendStyle::Patch(color) => {
                let r = [
                    (hx, cy - 0.35 * row),
                    (hx + handle, cy - 0.35 * row),
                    (hx + handle, cy + 0.35 * row),
                    (hx, cy + 0.35 * row),
                ];
                c.polygon(&r, *color, 1.0);
            }
        }
        c.text(
            &text(label, size, HAlign::Left, VAlign::Center),
            hx + handle + gap,
            cy,
        );
    }
}

fn data_points(ax: &Axes, tr: &Tr) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for a in &ax.artists {
        match a {
            Artist::Line { x, y, .. } | Artist::Scatter { x, y, .. } => {
                out.extend(x.iter().zip(y).map(|(&x, &y)| tr.p(x, y)))
            }
            Artist::Bars { rects, .. } => {
                for r in rects {
                    out.push(tr.p(r[0], r[3]));
                    out.push(tr.p(r[2], r[3]));
                    out.push(tr.p((r[0] + r[2]) / 2.0, r[3]));
                }
            }
            _ => {}
        }
    }
    out
}
