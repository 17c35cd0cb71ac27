//! Python's `time` module: the clocks (`time`, `perf_counter`, `monotonic`,
//! `process_time`, their `_ns` forms), `sleep` (which Ctrl-C interrupts), and broken-down
//! times: `struct_time`, `gmtime`, `localtime`, `mktime`, `strftime`, `asctime`, `ctime`.
//! Local time is UTC (the zone tensh's machines and the reference run in).

pub(crate) mod cal;

use super::sys::StructSeq;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use cal::Tm;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn now_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Seconds since the Unix epoch, as a float.
pub(crate) fn now_secs() -> f64 {
    now_ns() as f64 / 1e9
}

fn mono_ns() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = START.get_or_init(Instant::now);
    // An arbitrary origin as CPython's is (boot time): keep values well above zero.
    start.elapsed().as_nanos() as i64 + 1_000_000_000
}

builtin! {
    /// Return the current time in seconds since the Epoch.
    python ["time.time"]
    fn time(it) {
        Ok(Value::Float(now_secs()))
    }
}

builtin! {
    /// Return the current time in nanoseconds since the Epoch.
    python ["time.time_ns"]
    fn time_ns(it) {
        Ok(Value::Int(now_ns() as i64))
    }
}

builtin! {
    /// Performance counter for benchmarking.
    python ["time.perf_counter", "time.monotonic"]
    fn perf_counter(it) {
        Ok(Value::Float(mono_ns() as f64 / 1e9))
    }
}

builtin! {
    /// Performance counter for benchmarking as nanoseconds.
    python ["time.perf_counter_ns", "time.monotonic_ns"]
    fn perf_counter_ns(it) {
        Ok(Value::Int(mono_ns()))
    }
}

/// CPU time of this process in nanoseconds (user + system, from /proc).
fn cpu_ns() -> i64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the line; after the name they are 12 and 13.
    (ticks(11) + ticks(12)) * 10_000_000
}

builtin! {
    /// Process time for profiling: sum of the kernel and user-space CPU time.
    python ["time.process_time"]
    fn process_time(it) {
        Ok(Value::Float(cpu_ns() as f64 / 1e9))
    }
}

builtin! {
    /// Process time for profiling as nanoseconds.
    python ["time.process_time_ns"]
    fn process_time_ns(it) {
        Ok(Value::Int(cpu_ns()))
    }
}

builtin! {
    /// Delay execution for a given number of seconds.
    python ["time.sleep"]
    fn sleep(it, secs) {
        let s = match secs {
            Value::Int(i) => i as f64,
            Value::Bool(b) => b as i64 as f64,
            Value::Float(f) => f,
            other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
        };
        if s.is_nan() {
            return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
        }
        if s < 0.0 {
            return raise(ExcKind::ValueError, "sleep length must be non-negative");
        }
        if s > 9.2e9 {
            return raise(ExcKind::OverflowError, "sleep length is too large");
        }
        let end = Instant::now() + Duration::from_secs_f64(s);
        loop {
            it.check_interrupt()?;
            let now = Instant::now();
            if now >= end {
                break;
            }
            std::thread::sleep((end - now).min(Duration::from_millis(20)));
        }
        Ok(Value::None)
    }
}

const STRUCT_FIELDS: [&str; 11] = [
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

/// A `time.struct_time` of a broken-down UTC time; `isdst` is -1 where unknown
/// (`strptime`, a naive datetime's `timetuple`).
pub(crate) fn struct_time(t: &Tm, isdst: i64) -> Value {
    let values = vec![
        Value::Int(t.year),
        Value::Int(t.month),
        Value::Int(t.day),
        Value::Int(t.hour),
        Value::Int(t.minute),
        Value::Int(t.second),
        Value::Int(cal::weekday(t.year, t.month, t.day)),
        Value::Int(cal::yday(t.year, t.month, t.day)),
        Value::Int(isdst),
        Value::str("UTC"),
        Value::Int(0),
    ];
    Value::Object(Rc::new(StructSeq {
        type_name: "struct_time",
        repr_name: "time.struct_time",
        fields: STRUCT_FIELDS.to_vec(),
        values,
        visible: 9,
    }))
}

/// The broken-down time of a `struct_time` or a 9-tuple.
fn tm_of(it: &mut Interp, v: &Value, fname: &str) -> R<Tm> {
    let items = match v.as_object::<StructSeq>() {
        Some(s) => s.values[..9.min(s.values.len())].to_vec(),
        None => match v {
            Value::Tuple(t) => t.as_ref().clone(),
            other => {
                return Err(type_err(format!(
                    "Tuple or struct_time argument required, not {}",
                    other.type_name()
                )))
            }
        },
    };
    if items.len() != 9 {
        return Err(type_err(format!(
            "{}(): illegal time tuple argument",
            fname
        )));
    }
    let mut n = [0i64; 9];
    for (i, x) in items.iter().enumerate() {
        n[i] = match x {
            Value::Int(v) => *v,
            Value::Bool(b) => *b as i64,
            other => {
                let _ = it;
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )));
            }
        };
    }
    Ok(Tm {
        year: n[0],
        month: n[1].clamp(1, 12),
        day: n[2].clamp(1, 31),
        hour: n[3],
        minute: n[4],
        second: n[5],
        micro: 0,
        offset: None,
    })
}

fn secs_arg(it: &mut Interp, v: &Value) -> R<i64> {
    match v {
        Value::None => Ok(now_secs().floor() as i64),
        other => {
            let f = crate::pylib::math::real(it, other)?;
            if !f.is_finite() {
                return raise(
                    ExcKind::OverflowError,
                    "timestamp out of range for platform time_t",
                );
            }
            Ok(f.floor() as i64)
        }
    }
}

builtin! {
    /// Convert seconds since the Epoch to a time tuple expressing UTC.
    python ["time.gmtime", "time.localtime"]
    fn gmtime(it, seconds = None) {
        let s = secs_arg(it, &seconds)?;
        Ok(struct_time(&cal::tm_of_secs(s, 0), 0))
    }
}

builtin! {
    /// Convert a time tuple in local time to seconds since the Epoch.
    python ["time.mktime"]
    fn mktime(it, t) {
        let tm = tm_of(it, &t, "mktime")?;
        Ok(Value::Float(cal::secs_of_tm(&tm) as f64))
    }
}

fn tm_or_now(it: &mut Interp, t: &Value, fname: &str) -> R<Tm> {
    match t {
        Value::None => Ok(cal::tm_of_secs(now_secs().floor() as i64, 0)),
        v => tm_of(it, v, fname),
    }
}

builtin! {
    /// Convert a time tuple to a string according to a format specification.
    python ["time.strftime"]
    fn strftime(it, format, t = None) {
        let Value::Str(f) = &format else {
            return Err(type_err(format!("strftime() argument 1 must be str, not {}", format.type_name())));
        };
        let tm = tm_or_now(it, &t, "strftime")?;
        Ok(Value::str(&cal::strftime(f, &tm, "UTC")))
    }
}

builtin! {
    /// Parse a string to a time tuple according to a format specification.
    python ["time.strptime"]
    fn strptime(it, string, format = "%a %b %d %H:%M:%S %Y") {
        let (Value::Str(s), Value::Str(f)) = (&string, &format) else {
            return Err(type_err("strptime() argument 1 must be str"));
        };
        match cal::strptime(s, f) {
            Ok(tm) => Ok(struct_time(&tm, -1)),
            Err(m) => raise(ExcKind::ValueError, m),
        }
    }
}

/// `Tue Nov 14 22:13:20 2023`
fn asctime_of(t: &Tm) -> String {
    let wd = cal::weekday(t.year, t.month, t.day) as usize;
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        &cal::DAY_NAMES[wd][..3],
        &cal::MONTH_NAMES[(t.month - 1).clamp(0, 11) as usize][..3],
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.year
    )
}

builtin! {
    /// Convert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'.
    python ["time.asctime"]
    fn asctime(it, t = None) {
        let tm = tm_or_now(it, &t, "asctime")?;
        Ok(Value::str(&asctime_of(&tm)))
    }
}

builtin! {
    /// Convert a time in seconds since the Epoch to a string in local time.
    python ["time.ctime"]
    fn ctime(it, seconds = None) {
        let s = secs_arg(it, &seconds)?;
        Ok(Value::str(&asctime_of(&cal::tm_of_secs(s, 0))))
    }
}

/// Sets `time`'s zone constants.
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "time");
    m.set("timezone", Value::Int(0));
    m.set("altzone", Value::Int(0));
    m.set("daylight", Value::Int(0));
    m.set(
        "tzname",
        Value::tuple(vec![Value::str("UTC"), Value::str("UTC")]),
    );
}
