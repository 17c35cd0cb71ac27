//! numpy's print options (`np.set_printoptions`): one set per thread, read by the array
//! printer for numpy arrays and TensorFlow tensors alike (TensorFlow prints a tensor's
//! values through numpy, so the same options shape both).

use std::cell::RefCell;

/// How many digits a float gets (numpy's `floatmode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatMode {
    /// Always `precision` digits.
    Fixed,
    /// The shortest digits that identify each value; `precision` is ignored.
    Unique,
    /// At most `precision` digits, each element as few as it needs.
    MaxPrec,
    /// At most `precision` digits, every element as many as the longest needs.
    MaxPrecEqual,
}

impl FloatMode {
    pub fn name(self) -> &'static str {
        match self {
            FloatMode::Fixed => "fixed",
            FloatMode::Unique => "unique",
            FloatMode::MaxPrec => "maxprec",
            FloatMode::MaxPrecEqual => "maxprec_equal",
        }
    }

    pub fn from_name(s: &str) -> Option<FloatMode> {
        [
            FloatMode::Fixed,
            FloatMode::Unique,
            FloatMode::MaxPrec,
            FloatMode::MaxPrecEqual,
        ]
        .into_iter()
        .find(|m| m.name() == s)
    }
}

/// A number option as it was given (`threshold=sys.maxsize` or `threshold=np.inf`), so
/// `get_printoptions` hands back what was set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

/// Everything `np.get_printoptions()` reports, except the formatter and legacy mode,
/// which tensh does not have.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    pub precision: i64,
    pub threshold: Num,
    pub edgeitems: i64,
    pub linewidth: i64,
    pub suppress: bool,
    pub nanstr: String,
    pub infstr: String,
    /// `'-'`, `'+'` or `' '`.
    pub sign: char,
    pub floatmode: FloatMode,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: Num::Int(1000),
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            nanstr: "nan".into(),
            infstr: "inf".into(),
            sign: '-',
            floatmode: FloatMode::MaxPrec,
        }
    }
}

impl PrintOptions {
    /// Whether an array of `size` elements is shown summarized (with `...`).
    pub fn summarizes(&self, size: usize) -> bool {
        match self.threshold {
            Num::Int(t) => (size as i128) > t as i128,
            t => (size as f64) > t.as_f64(),
        }
    }

    /// The edge items shown on each side of a cut axis.
    pub fn edge(&self) -> usize {
        self.edgeitems.max(0) as usize
    }

    /// The line width, at least 1.
    pub fn width(&self) -> usize {
        self.linewidth.max(1) as usize
    }

    /// The precision, or 0 for a negative one; at most what numpy's Dragon4 buffer holds
    /// after `0.` (16381 digits).
    pub fn digits(&self) -> usize {
        self.precision.clamp(0, 16381) as usize
    }
}

thread_local! {
    static OPTIONS: RefCell<PrintOptions> = RefCell::new(PrintOptions::default());
}

/// The options in force.
pub fn current() -> PrintOptions {
    OPTIONS.with(|o| o.borrow().clone())
}

/// Replaces the options in force.
pub fn set(opts: PrintOptions) {
    OPTIONS.with(|o| *o.borrow_mut() = opts);
}
