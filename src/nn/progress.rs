//! Keras's progress bar (`Progbar`) as `fit`, `evaluate` and `predict` print it:
//! `32/32 [==============================] - 0s 2ms/step - loss: 0.6931 - accuracy: 0.5000`
//! with verbose=1 (redrawn in place on a terminal, printed once at the end when piped), and
//! `32/32 - 0s - loss: 0.6931 - 61ms/epoch - 2ms/step` with verbose=2. Values named by a
//! model metric ("stateful") show as given; others show their average over the updates
//! (weighted by the steps each covers), as Keras's `Progbar` does.

use std::time::Instant;

pub struct Progbar {
    /// The steps of the run; None while unknown (a stream's first pass).
    target: Option<usize>,
    verbose: u8,
    /// Redraw in place (a terminal); otherwise only the final line is printed.
    live: bool,
    start: Instant,
    last_draw: Option<Instant>,
    drawn_width: usize,
    /// The names shown as given, not averaged.
    stateful: Vec<String>,
    /// Each name's weighted sum and weight, in order of first appearance.
    values: Vec<(String, f64, f64)>,
    /// The step of the last update.
    seen: usize,
}

/// Python's `%.4f` above 1e-3 (of the absolute value when `abs`: verbose=1; verbose=2 compares the
/// value itself, so negative values show in `%.4e`), else `%.4e`.
fn format_value(v: f64, abs: bool) -> String {
    if (if abs { v.abs() } else { v }) > 1e-3 {
        return format!("{:.4}", v);
    }
    let s = format!("{:.4e}", v);
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{}e{}{:0>2}", m, sign, digits)
        }
        None => s,
    }
}

/// Keras's `_format_time`: ` 2ms/step`, ` 1s/epoch`, ` 250us/step`.
fn per_unit(seconds: f64, unit: &str) -> String {
    if seconds >= 1.0 || seconds == 0.0 {
        format!(" {:.0}s/{}", seconds, unit)
    } else if seconds >= 1e-3 {
        format!(" {:.0}ms/{}", seconds * 1e3, unit)
    } else {
        format!(" {:.0}us/{}", seconds * 1e6, unit)
    }
}

fn eta(seconds: f64) -> String {
    let s = seconds as u64;
    if s > 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else if s > 60 {
        format!("{}:{:02}", s / 60, s % 60)
    } else {
        format!("{}s", s)
    }
}

fn values_text(values: &[(String, f64)], abs: bool) -> String {
    values
        .iter()
        .map(|(k, v)| format!(" - {}: {}", k, format_value(*v, abs)))
        .collect()
}

impl Progbar {
    /// A bar whose target may be unknown: it shows `     12/Unknown` until the run ends.
    pub fn open(target: Option<usize>, verbose: u8, live: bool) -> Progbar {
        Progbar {
            target,
            verbose,
            live,
            start: Instant::now(),
            last_draw: None,
            drawn_width: 0,
            stateful: Vec::new(),
            values: Vec::new(),
            seen: 0,
        }
    }

    /// The verbosity the bar was made with.
    pub fn verbose(&self) -> u8 {
        self.verbose
    }

    /// Adds names to show as given (Keras: the names of the model's metrics).
    pub fn add_stateful(&mut self, names: Vec<String>) {
        for n in names {
            if !self.stateful.contains(&n) {
                self.stateful.push(n);
            }
        }
    }

    /// Folds one update's values in: a stateful value replaces the last, another adds to
    /// its average with the weight of the steps since the last update.
    fn fold(&mut self, current: usize, values: &[(String, f64)]) -> Vec<(String, f64)> {
        let base = current.saturating_sub(self.seen).max(1) as f64;
        for (k, v) in values {
            let stateful = self.stateful.contains(k);
            match self.values.iter_mut().find(|(n, _, _)| n == k) {
                Some(e) if !stateful => {
                    e.1 += v * base;
                    e.2 += base;
                }
                Some(e) => {
                    e.1 = *v;
                    e.2 = 1.0;
                }
                None if stateful => self.values.push((k.clone(), *v, 1.0)),
                None => self.values.push((k.clone(), v * base, base)),
            }
        }
        self.seen = current;
        self.values
            .iter()
            .map(|(k, s, w)| (k.clone(), s / w.max(1.0)))
            .collect()
    }

    fn bar(&self, current: usize) -> String {
        let Some(target) = self.target else {
            return format!("{:>7}/Unknown", current);
        };
        let digits = target.to_string().len();
        let mut bar = format!("{:>w$}/{} [", current, target, w = digits);
        let frac = current as f64 / target.max(1) as f64;
        let filled = (30.0 * frac) as usize;
        if filled > 0 {
            bar.push_str(&"=".repeat(filled - 1));
            bar.push(if current < target { '>' } else { '=' });
        }
        bar.push_str(&".".repeat(30usize.saturating_sub(filled)));
        bar.push(']');
        bar
    }

    /// Whether an update (the last of a run when `finalize`) shows the values, so the
    /// caller need only compute them then.
    pub fn wants(&self, finalize: bool) -> bool {
        match self.verbose {
            1 => finalize || self.live,
            2 => finalize,
            _ => false,
        }
    }

    /// The text to write after step `current` (None: nothing now). `values` are the running
    /// averages; `finalize` marks the last update of the run or epoch.
    pub fn update(
        &mut self,
        current: usize,
        values: &[(String, f64)],
        finalize: bool,
    ) -> Option<String> {
        if finalize && self.target.is_none() {
            // Keras's ProgbarLogger sets the target to the steps seen when the run ends.
            self.target = Some(current);
        }
        let values = &self.fold(current, values)[..];
        let now = Instant::now();
        let elapsed = now.duration_since(self.start).as_secs_f64();
        let per_step = if current > 0 {
            elapsed / current as f64
        } else {
            0.0
        };
        match self.verbose {
            1 if finalize => {
                let line = self.timed_line(current, elapsed, per_step, values);
                Some(self.redraw(line, true))
            }
            1 if self.live && self.target.is_none() => {
                if self
                    .last_draw
                    .is_some_and(|t| now.duration_since(t).as_secs_f64() < 0.05)
                {
                    return None;
                }
                self.last_draw = Some(now);
                let line = self.timed_line(current, elapsed, per_step, values);
                Some(self.redraw(line, false))
            }
            1 if self.live => {
                if self
                    .last_draw
                    .is_some_and(|t| now.duration_since(t).as_secs_f64() < 0.05)
                {
                    return None;
                }
                self.last_draw = Some(now);
                let rest = per_step * (self.target.unwrap_or(0).saturating_sub(current)) as f64;
                let line = format!(
                    "{} - ETA: {}{}",
                    self.bar(current),
                    eta(rest),
                    values_text(values, true)
                );
                Some(self.redraw(line, false))
            }
            2 if finalize => Some(format!(
                "{:>w$}/{} - {:.0}s{} -{} -{}\n",
                current,
                self.target.unwrap_or(current),
                elapsed,
                values_text(values, false),
                per_unit(elapsed, "epoch"),
                per_unit(per_step, "step"),
                w = self.target.unwrap_or(current).to_string().len()
            )),
            _ => None,
        }
    }

    /// `12/32 [====>...] - 0s 2ms/step - loss: ...`: the bar with the time taken (Keras
    /// shows it at the end of a run, and throughout a run of unknown length).
    fn timed_line(
        &self,
        current: usize,
        elapsed: f64,
        per_step: f64,
        values: &[(String, f64)],
    ) -> String {
        format!(
            "{} - {:.0}s{}{}",
            self.bar(current),
            elapsed,
            per_unit(per_step, "step"),
            values_text(values, true)
        )
    }

    /// The line, drawn over the previous one on a terminal.
    fn redraw(&mut self, line: String, finalize: bool) -> String {
        let mut out = String::new();
        if self.live && self.drawn_width > 0 {
            out.push('\r');
        }
        let width = line.chars().count();
        out.push_str(&line);
        if self.live && width < self.drawn_width {
            out.push_str(&" ".repeat(self.drawn_width - width));
        }
        self.drawn_width = width;
        if finalize {
            out.push('\n');
        }
        out
    }
}
