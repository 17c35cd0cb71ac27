//! `plt.show()` in a terminal: the PNG inline where the terminal speaks the kitty or
//! iTerm2 graphics protocol, otherwise each axes drawn with characters sized to the
//! terminal: braille dots for lines, points and bars, half blocks (in 24-bit color) for
//! images, with the title, the axis ranges and the labels.

use super::colors::Rgb;
use super::spec::{Artist, Axes, Figure};
use std::fmt::Write;

/// The graphics protocol the terminal speaks, from its environment.
#[derive(PartialEq, Debug)]
pub(crate) enum Protocol {
    Kitty,
    ITerm2,
    Text,
}

pub(crate) fn protocol() -> Protocol {
    let term = std::env::var("TERM").unwrap_or_default();
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    if std::env::var_os("KITTY_WINDOW_ID").is_some() || term.contains("kitty") {
        Protocol::Kitty
    } else if program == "iTerm.app" || program == "WezTerm" {
        Protocol::ITerm2
    } else {
        Protocol::Text
    }
}

/// The terminal's (columns, rows): `COLUMNS`/`LINES`, else standard output's size, else
/// 80 x 24.
pub(crate) fn size() -> (usize, usize) {
    let env = |k: &str| {
        std::env::var(k)
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .filter(|&v| v > 0)
    };
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ only fills the winsize struct passed by pointer.
    let ok = unsafe { libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) } == 0;
    let cols = env("COLUMNS").unwrap_or(if ok && ws.ws_col > 0 {
        ws.ws_col as usize
    } else {
        80
    });
    let rows = env("LINES").unwrap_or(if ok && ws.ws_row > 0 {
        ws.ws_row as usize
    } else {
        24
    });
    (cols.clamp(20, 1000), rows.clamp(8, 500))
}

/// The escape sequence that shows `png` inline.
pub(crate) fn inline_image(p: &Protocol, png: &[u8]) -> String {
    let data = super::png::base64(png);
    let mut s = String::new();
    match p {
        Protocol::Kitty => {
            let chunks: Vec<&str> = data
                .as_bytes()
                .chunks(4096)
                .map(|c| std::str::from_utf8(c).unwrap_or(""))
                .collect();
            for (i, c) in chunks.iter().enumerate() {
                let more = (i + 1 < chunks.len()) as u8;
                if i == 0 {
                    let _ = write!(s, "\x1b_Ga=T,f=100,m={};{}\x1b\\", more, c);
                } else {
                    let _ = write!(s, "\x1b_Gm={};{}\x1b\\", more, c);
                }
            }
        }
        _ => {
            let _ = write!(s, "\x1b]1337;File=inline=1;size={}:{}\x07", png.len(), data);
        }
    }
    s.push('\n');
    s
}

/// The figure as text, `cols` x about `rows` characters; `color` adds 24-bit ANSI colors.
pub(crate) fn text(f: &Figure, cols: usize, rows: usize, color: bool) -> String {
    let mut out = String::new();
    if let Some(t) = &f.suptitle {
        let _ = writeln!(out, "{}", center(t, cols));
    }
    // Axes whose tops are level share a row of blocks, left to right.
    let mut order: Vec<&Axes> = f.axes.iter().collect();
    order.sort_by(|a, b| {
        let (ta, tb) = (a.pos[1] + a.pos[3], b.pos[1] + b.pos[3]);
        tb.partial_cmp(&ta)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(
                a.pos[0]
                    .partial_cmp(&b.pos[0])
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
    });
    let mut i = 0;
    while i < order.len() {
        let top = order[i].pos[1] + order[i].pos[3];
        let mut j = i;
        while j < order.len() && (order[j].pos[1] + order[j].pos[3] - top).abs() < 0.02 {
            j += 1;
        }
        let row = &order[i..j];
        let width = (cols / row.len()).max(12);
        let height = (rows.saturating_sub(4) / (order.len() / row.len()).max(1)).max(6);
        let blocks: Vec<Vec<String>> = row
            .iter()
            .map(|ax| block(ax, f, width, height, color))
            .collect();
        let n = blocks.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..n {
            let mut line = String::new();
            for b in &blocks {
                match b.get(r) {
                    Some(s) => line.push_str(s),
                    None => line.push_str(&" ".repeat(width)),
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        i = j;
    }
    out
}

fn center(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    format!("{}{}", " ".repeat((width - n) / 2), s)
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.chars().take(width).collect()
    } else {
        format!("{}{}", s, " ".repeat(width - n))
    }
}

fn num(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// One axes as lines of exactly `width` visible characters.
fn block(ax: &Axes, f: &Figure, width: usize, max_rows: usize, color: bool) -> Vec<String> {
    let margin = if ax.axis_on { 9 } else { 1 };
    let cw = width.saturating_sub(margin + 2).max(4);
    let image = ax.artists.iter().any(|a| matches!(a, Artist::Image(_)));
    let (bw, bh) = (ax.pos[2] * f.size.0, ax.pos[3] * f.size.1);
    let data_ratio = if ax.aspect_equal {
        (ax.ylim.1 - ax.ylim.0).abs() / (ax.xlim.1 - ax.xlim.0).abs().max(1e-300)
    } else {
        bh / bw.max(1e-9)
    };
    // A character cell is about twice as tall as wide.
    let ch = ((cw as f64 * data_ratio / 2.0).round() as usize).clamp(2, max_rows.max(3));
    let body = if image {
        halfblocks(ax, cw, ch, color)
    } else {
        braille(ax, cw, ch, color)
    };
    let mut lines = Vec::new();
    lines.push(pad(&center(&ax.title, width), width));
    let (ylo, yhi) = (num(ax.ylim.0), num(ax.ylim.1));
    for (r, row) in body.into_iter().enumerate() {
        let label = if !ax.axis_on {
            String::new()
        } else if r == 0 {
            yhi.clone()
        } else if r + 1 == ch {
            ylo.clone()
        } else if r == ch / 2 && !ax.ylabel.is_empty() {
            ax.ylabel.chars().take(margin - 1).collect()
        } else {
            String::new()
        };
        let left = format!("{:>w$}", label, w = margin - 1);
        let edge = if ax.axis_on { "│" } else { " " };
        lines.push(format!(
            "{}{}{}{} ",
            pad(&left, margin - 1),
            edge,
            row,
            edge
        ));
    }
    if ax.axis_on {
        let (xlo, xhi) = (num(ax.xlim.0), num(ax.xlim.1));
        let gap = cw.saturating_sub(xlo.chars().count() + xhi.chars().count());
        lines.push(pad(
            &format!("{}{}{}{}", " ".repeat(margin), xlo, " ".repeat(gap), xhi),
            width,
        ));
        if !ax.xlabel.is_empty() {
            lines.push(pad(
                &format!("{}{}", " ".repeat(margin), center(&ax.xlabel, cw)),
                width,
            ));
        }
    }
    lines
}

fn ansi_fg(c: Rgb) -> String {
    format!("\x1b[38;2;{};{};{}m", c[0], c[1], c[2])
}

/// Maps data to a grid of `gw` x `gh` cells (row 0 at the top).
struct Grid {
    xlim: (f64, f64),
    ylim: (f64, f64),
    gw: usize,
    gh: usize,
}

impl Grid {
    fn cell(&self, x: f64, y: f64) -> Option<(i64, i64)> {
        let fx = (x - self.xlim.0) / (self.xlim.1 - self.xlim.0);
        let fy = (y - self.ylim.0) / (self.ylim.1 - self.ylim.0);
        if !fx.is_finite() || !fy.is_finite() {
            return None;
        }
        let cx = (fx * self.gw as f64).floor() as i64;
        let cy = ((1.0 - fy) * self.gh as f64).floor() as i64;
        Some((cx, cy))
    }
    fn inside(&self, c: (i64, i64)) -> bool {
        c.0 >= 0 && c.1 >= 0 && (c.0 as usize) < self.gw && (c.1 as usize) < self.gh
    }
    fn data(&self, cx: usize, cy: usize) -> (f64, f64) {
        let fx = (cx as f64 + 0.5) / self.gw as f64;
        let fy = 1.0 - (cy as f64 + 0.5) / self.gh as f64;
        (
            self.xlim.0 + fx * (self.xlim.1 - self.xlim.0),
            self.ylim.0 + fy * (self.ylim.1 - self.ylim.0),
        )
    }
}

fn braille(ax: &Axes, cw: usize, ch: usize, color: bool) -> Vec<String> {
    let g = Grid {
        xlim: ax.xlim,
        ylim: ax.ylim,
        gw: cw * 2,
        gh: ch * 4,
    };
    let mut dots = vec![false; g.gw * g.gh];
    let mut colors: Vec<Option<Rgb>> = vec![None; cw * ch];
    let mut set = |c: (i64, i64), rgb: Rgb, dots: &mut Vec<bool>| {
        if g.inside(c) {
            let (x, y) = (c.0 as usize, c.1 as usize);
            dots[y * g.gw + x] = true;
            colors[(y / 4) * cw + x / 2] = Some(rgb);
        }
    };
    for a in &ax.artists {
        match a {
            Artist::Line {
                x, y, color, style, ..
            } => {
                let draw_lines = !matches!(style.as_str(), "None" | "none" | "" | " ");
                let cells: Vec<Option<(i64, i64)>> =
                    x.iter().zip(y).map(|(&x, &y)| g.cell(x, y)).collect();
                for (i, c) in cells.iter().enumerate() {
                    if let Some(c) = c {
                        set(*c, *color, &mut dots);
                        if draw_lines && i + 1 < cells.len() {
                            if let Some(d) = cells[i + 1] {
                                let steps = (d.0 - c.0).abs().max((d.1 - c.1).abs()).min(4096);
                                for s in 1..steps {
                                    let t = s as f64 / steps as f64;
                                    let p = (
                                        (c.0 as f64 + (d.0 - c.0) as f64 * t).round() as i64,
                                        (c.1 as f64 + (d.1 - c.1) as f64 * t).round() as i64,
                                    );
                                    set(p, *color, &mut dots);
                                }
                            }
                        }
                    }
                }
            }
            Artist::Scatter {
                x, y, colors: cs, ..
            } => {
                for (i, (&x, &y)) in x.iter().zip(y).enumerate() {
                    if let Some(c) = g.cell(x, y) {
                        set(c, cs.get(i).copied().unwrap_or([0, 0, 0]), &mut dots);
                    }
                }
            }
            Artist::Bars { rects, color } => {
                for r in rects {
                    let (Some(p), Some(q)) = (g.cell(r[0], r[1]), g.cell(r[2], r[3])) else {
                        continue;
                    };
                    for yy in p.1.min(q.1).max(0)..=p.1.max(q.1).min(g.gh as i64 - 1) {
                        for xx in p.0.min(q.0).max(0)..=p.0.max(q.0).min(g.gw as i64 - 1) {
                            set((xx, yy), *color, &mut dots);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    const BITS: [[u32; 2]; 4] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];
    (0..ch)
        .map(|r| {
            let mut line = String::new();
            for c in 0..cw {
                let mut bits = 0u32;
                for (dy, row) in BITS.iter().enumerate() {
                    for (dx, b) in row.iter().enumerate() {
                        if dots[(r * 4 + dy) * g.gw + c * 2 + dx] {
                            bits |= b;
                        }
                    }
                }
                let glyph = char::from_u32(0x2800 + bits).unwrap_or(' ');
                match (color, colors[r * cw + c]) {
                    (true, Some(rgb)) if bits != 0 => {
                        let _ = write!(line, "{}{}\x1b[0m", ansi_fg(rgb), glyph);
                    }
                    _ => line.push(if bits == 0 { ' ' } else { glyph }),
                }
            }
            line
        })
        .collect()
}

fn halfblocks(ax: &Axes, cw: usize, ch: usize, color: bool) -> Vec<String> {
    let g = Grid {
        xlim: ax.xlim,
        ylim: ax.ylim,
        gw: cw,
        gh: ch * 2,
    };
    let mut px: Vec<Rgb> = vec![[255, 255, 255]; g.gw * g.gh];
    for a in &ax.artists {
        let Artist::Image(im) = a else { continue };
        if im.w == 0 || im.h == 0 {
            continue;
        }
        let [l, r, b, t] = im.extent;
        for cy in 0..g.gh {
            for cx in 0..g.gw {
                let (xd, yd) = g.data(cx, cy);
                let fx = (xd - l) / (r - l);
                let fy = if im.origin_lower {
                    (yd - b) / (t - b)
                } else {
                    (yd - t) / (b - t)
                };
                if (0.0..1.0).contains(&fx) && (0.0..1.0).contains(&fy) {
                    let col = ((fx * im.w as f64) as usize).min(im.w - 1);
                    let row = ((fy * im.h as f64) as usize).min(im.h - 1);
                    px[cy * g.gw + cx] = im.rgb[row * im.w + col];
                }
            }
        }
    }
    (0..ch)
        .map(|r| {
            let mut line = String::new();
            for c in 0..cw {
                let (top, bot) = (px[2 * r * cw + c], px[(2 * r + 1) * cw + c]);
                if color {
                    let _ = write!(
                        line,
                        "\x1b[38;2;{};{};{}m\x1b[48;2;{};{};{}m\u{2580}\x1b[0m",
                        top[0], top[1], top[2], bot[0], bot[1], bot[2]
                    );
                } else {
                    // Without colors: shade by lightness, dark is ink.
                    let dark = |p: Rgb| (p[0] as u32 + p[1] as u32 + p[2] as u32) < 384;
                    line.push(match (dark(top), dark(bot)) {
                        (true, true) => '\u{2588}',
                        (true, false) => '\u{2580}',
                        (false, true) => '\u{2584}',
                        _ => ' ',
                    });
                }
            }
            line
        })
        .collect()
}
