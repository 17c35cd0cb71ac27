//! Colors as matplotlib reads them (named colors, `'#rrggbb'`, `'0.5'` grays, `'C3'` cycle
//! colors) and colormaps: lookup tables taken from matplotlib (`colormap_data.rs`), indexed
//! as matplotlib's `Colormap.__call__` does, `_r` names reversed.

use super::colormap_data::{COLORMAPS, NAMED_COLORS};

/// An RGB color, each channel in 0..=255.
pub(crate) type Rgb = [u8; 3];

/// The default property cycle (matplotlib's `tab10`).
pub(crate) const CYCLE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// A color string as floats in 0..=1, or None when matplotlib would reject it.
pub(crate) fn parse(s: &str) -> Option<[f64; 3]> {
    let lower = s.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix('#') {
        return parse_hex(hex);
    }
    if let Some(n) = s.strip_prefix('C') {
        if let Ok(i) = n.parse::<usize>() {
            return parse(CYCLE[i % CYCLE.len()]);
        }
    }
    if let Ok(g) = s.parse::<f64>() {
        return (0.0..=1.0).contains(&g).then_some([g, g, g]);
    }
    let name = lower.strip_prefix("xkcd:").unwrap_or(&lower);
    let name = if name.starts_with("tab:") {
        name.to_string()
    } else {
        name.replace("grey", "gray")
    };
    NAMED_COLORS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(&name))
        .map(|(_, c)| c.map(|v| v as f64 / 255.0))
}

fn parse_hex(hex: &str) -> Option<[f64; 3]> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
    let (r, g, b) = match hex.len() {
        3 | 4 => (digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17),
        6 | 8 => (digit(0, 2)?, digit(2, 2)?, digit(4, 2)?),
        _ => return None,
    };
    Some([r as f64 / 255.0, g as f64 / 255.0, b as f64 / 255.0])
}

/// Floats in 0..=1 to bytes, as Agg rounds them.
pub(crate) fn to_bytes(c: [f64; 3]) -> Rgb {
    c.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// A colormap: its lookup table, reversed for `_r` names.
#[derive(Clone)]
pub(crate) struct Colormap {
    lut: Vec<Rgb>,
}

impl Colormap {
    pub(crate) fn get(name: &str) -> Option<Colormap> {
        let (base, reversed) = match name.strip_suffix("_r") {
            Some(b) => (b, true),
            None => (name, false),
        };
        let base = match base {
            "grey" => "gray",
            "Grays" => "Greys",
            b => b,
        };
        let (_, n, hex) = COLORMAPS.iter().find(|(m, _, _)| *m == base)?;
        let mut lut: Vec<Rgb> = (0..*n)
            .map(|i| {
                let b = |k: usize| u8::from_str_radix(&hex[6 * i + 2 * k..6 * i + 2 * k + 2], 16);
                [b(0).unwrap_or(0), b(1).unwrap_or(0), b(2).unwrap_or(0)]
            })
            .collect();
        if reversed {
            lut.reverse();
        }
        Some(Colormap { lut })
    }

    /// The color of `x` in 0..=1 (clipped), as `Colormap.__call__` indexes: `int(x * N)`,
    /// with 1.0 mapping to the last entry.
    pub(crate) fn at(&self, x: f64) -> Rgb {
        let n = self.lut.len();
        let i = if x.is_nan() {
            0
        } else {
            ((x * n as f64).floor().max(0.0) as usize).min(n - 1)
        };
        self.lut[i]
    }

    /// The color of the table's entry `i` (an integer argument to a colormap).
    pub(crate) fn entry(&self, i: i64) -> Rgb {
        self.lut[(i.max(0) as usize).min(self.lut.len() - 1)]
    }

    /// Maps `v` between `vmin` and `vmax` (a degenerate range maps everything to 0).
    pub(crate) fn scaled(&self, v: f64, vmin: f64, vmax: f64) -> Rgb {
        let x = if vmax > vmin {
            (v - vmin) / (vmax - vmin)
        } else {
            0.0
        };
        self.at(x)
    }
}

/// The names of the colormaps (without the reversed `_r` ones).
pub(crate) fn colormap_names() -> Vec<&'static str> {
    COLORMAPS.iter().map(|(n, _, _)| *n).collect()
}

pub(crate) mod tests {
    use super::*;

    fn viridis_ends_and_middle_match_matplotlib() {
        let v = Colormap::get("viridis").unwrap();
        assert_eq!(v.at(0.0), [68, 1, 84]);
        assert_eq!(v.at(0.5), [32, 144, 140]);
        assert_eq!(v.at(1.0), [253, 231, 36]);
        assert_eq!(Colormap::get("gray_r").unwrap().at(0.0), [255, 255, 255]);
    }

    fn color_strings() {
        assert_eq!(parse("r"), Some([1.0, 0.0, 0.0]));
        assert_eq!(parse("#ff0000"), Some([1.0, 0.0, 0.0]));
        assert_eq!(parse("0.5"), Some([0.5, 0.5, 0.5]));
        assert_eq!(to_bytes(parse("C1").unwrap()), [0xff, 0x7f, 0x0e]);
        assert_eq!(to_bytes(parse("tab:blue").unwrap()), [0x1f, 0x77, 0xb4]);
        assert!(parse("notacolor").is_none());
        assert!(parse("1.5").is_none());
    }

    unit_cases!(viridis_ends_and_middle_match_matplotlib, color_strings);
}
