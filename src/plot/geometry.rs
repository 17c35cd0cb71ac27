//! Pixel-space geometry for drawing: clipping lines and polygons to an axes box and
//! cutting a line into dashes.

/// A box in pixels, y down: x0 < x1, y0 (top) < y1 (bottom).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Box2 {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Box2 {
    pub(crate) fn contains(&self, p: (f64, f64), slack: f64) -> bool {
        p.0 >= self.x0 - slack
            && p.0 <= self.x1 + slack
            && p.1 >= self.y0 - slack
            && p.1 <= self.y1 + slack
    }
}

/// The segment a-b clipped to the box (Liang-Barsky), if any of it is inside.
fn clip_segment(a: (f64, f64), b: (f64, f64), bx: &Box2) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - bx.x0),
        (dx, bx.x1 - a.0),
        (-dy, a.1 - bx.y0),
        (dy, bx.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// The parts of a polyline inside the box.
pub(crate) fn clip_polyline(pts: &[(f64, f64)], bx: &Box2) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in pts.windows(2) {
        match clip_segment(w[0], w[1], bx) {
            Some((a, b)) => {
                if cur
                    .last()
                    .is_some_and(|&l| (l.0 - a.0).abs() < 1e-9 && (l.1 - a.1).abs() < 1e-9)
                {
                    cur.push(b);
                } else {
                    if cur.len() > 1 {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur = vec![a, b];
                }
            }
            None => {
                if cur.len() > 1 {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// A polygon clipped to the box (Sutherland-Hodgman).
pub(crate) fn clip_polygon(poly: &[(f64, f64)], bx: &Box2) -> Vec<(f64, f64)> {
    let mut pts = poly.to_vec();
    type Edge = (
        fn(&(f64, f64), &Box2) -> bool,
        fn((f64, f64), (f64, f64), &Box2) -> (f64, f64),
    );
    let edges: [Edge; 4] = [
        (
            |p, b| p.0 >= b.x0,
            |a, c, b| (b.x0, a.1 + (c.1 - a.1) * (b.x0 - a.0) / (c.0 - a.0)),
        ),
        (
            |p, b| p.0 <= b.x1,
            |a, c, b| (b.x1, a.1 + (c.1 - a.1) * (b.x1 - a.0) / (c.0 - a.0)),
        ),
        (
            |p, b| p.1 >= b.y0,
            |a, c, b| (a.0 + (c.0 - a.0) * (b.y0 - a.1) / (c.1 - a.1), b.y0),
        ),
        (
            |p, b| p.1 <= b.y1,
            |a, c, b| (a.0 + (c.0 - a.0) * (b.y1 - a.1) / (c.1 - a.1), b.y1),
        ),
    ];
    for (inside, cross) in edges {
        if pts.is_empty() {
            break;
        }
        let input = std::mem::take(&mut pts);
        let mut prev = input[input.len() - 1];
        for &p in &input {
            match (inside(&p, bx), inside(&prev, bx)) {
                (true, true) => pts.push(p),
                (true, false) => {
                    pts.push(cross(prev, p, bx));
                    pts.push(p);
                }
                (false, true) => pts.push(cross(prev, p, bx)),
                (false, false) => {}
            }
            prev = p;
        }
    }
    pts
}

/// The "on" pieces of a polyline dashed with `pattern` (on, off, on, off... lengths in
/// pixels); an empty pattern is a solid line.
pub(crate) fn dashes(pts: &[(f64, f64)], pattern: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let total: f64 = pattern.iter().sum();
    if pattern.is_empty() || total <= 0.0 {
        return vec![pts.to_vec()];
    }
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let (mut k, mut left) = (0usize, pattern[0]);
    let mut pieces = 0usize;
    if let Some(&p) = pts.first() {
        cur.push(p);
    }
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut done = 0.0;
        while len - done > left {
            done += left;
            let t = done / len;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if k % 2 == 0 {
                cur.push(p);
                out.push(std::mem::take(&mut cur));
            } else {
                cur = vec![p];
            }
            k = (k + 1) % pattern.len();
            left = pattern[k];
            pieces += 1;
            if pieces > 1_000_000 {
                return out;
            }
        }
        left -= len - done;
        if k % 2 == 0 {
            cur.push(b);
        }
    }
    if k % 2 == 0 && cur.len() > 1 {
        out.push(cur);
    }
    out
}

pub(crate) mod tests {
    use super::*;

    fn clipping_and_dashes() {
        let bx = Box2 {
            x0: 0.0,
            x1: 10.0,
            y0: 0.0,
            y1: 10.0,
        };
        let parts = clip_polyline(&[(-5.0, 5.0), (5.0, 5.0), (15.0, 5.0)], &bx);
        assert_eq!(parts, vec![vec![(0.0, 5.0), (5.0, 5.0), (10.0, 5.0)]]);
        let poly = clip_polygon(&[(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)], &bx);
        assert_eq!(poly.len(), 4);
        let d = dashes(&[(0.0, 0.0), (10.0, 0.0)], &[2.0, 3.0]);
        assert_eq!(d.len(), 2);
    }

    unit_cases!(clipping_and_dashes);
}
