//! Python's `datetime` module: `date`, `datetime`, `timedelta` and `timezone` (fixed
//! offsets), with CPython's constructors, range checks, reprs, `str`, `isoformat`,
//! `strftime`/`strptime`, arithmetic and comparisons (`datetime/ops.rs`). Local time is UTC.

mod ops;

use super::time::cal::{self, Tm};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

pub(crate) const US_PER_DAY: i128 = 86_400_000_000;
pub(crate) const MAX_DAYS: i128 = 999_999_999;

/// A `timedelta`: a whole number of microseconds.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct TimeDelta(pub i128);

/// A `date` (time fields zero) or a `datetime`.
#[derive(Clone, Copy)]
pub(crate) struct DateTime {
    pub tm: Tm,
    pub is_date: bool,
}

/// A `timezone`: a fixed offset in seconds.
#[derive(Clone, Copy)]
pub(crate) struct TimeZone(pub i64);

/// The classes as values: calling one constructs; attributes give the class methods.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Date,
    DateTime,
    TimeDelta,
    TimeZone,
}

pub(crate) struct ClassObj(pub Kind);

impl TimeDelta {
    pub fn parts(self) -> (i128, i128, i128) {
        let days = self.0.div_euclid(US_PER_DAY);
        let rem = self.0.rem_euclid(US_PER_DAY);
        (days, rem / 1_000_000, rem % 1_000_000)
    }
    pub fn checked(us: i128) -> R<TimeDelta> {
        let days = us.div_euclid(US_PER_DAY);
        if days.abs() > MAX_DAYS {
            return raise(
                ExcKind::OverflowError,
                format!("days={}; must have magnitude <= 999999999", days),
            );
        }
        Ok(TimeDelta(us))
    }
    pub fn repr(self) -> String {
        let (d, s, us) = self.parts();
        let mut parts = Vec::new();
        if d != 0 {
            parts.push(format!("days={}", d));
        }
        if s != 0 {
            parts.push(format!("seconds={}", s));
        }
        if us != 0 {
            parts.push(format!("microseconds={}", us));
        }
        if parts.is_empty() {
            parts.push("0".into());
        }
        format!("datetime.timedelta({})", parts.join(", "))
    }
    pub fn str(self) -> String {
        let (d, s, us) = self.parts();
        let (hh, mm, ss) = (s / 3600, s % 3600 / 60, s % 60);
        let mut out = format!("{}:{:02}:{:02}", hh, mm, ss);
        if d != 0 {
            let plural = if d.abs() != 1 { "s" } else { "" };
            out = format!("{} day{}, {}", d, plural, out);
        }
        if us != 0 {
            out.push_str(&format!(".{:06}", us));
        }
        out
    }
}

impl TimeZone {
    pub fn name(self) -> String {
        if self.0 == 0 {
            "UTC".into()
        } else {
            format!("UTC{}", cal::iso_offset(self.0))
        }
    }
    pub fn repr(self) -> String {
        if self.0 == 0 {
            "datetime.timezone.utc".into()
        } else {
            format!(
                "datetime.timezone({})",
                TimeDelta(self.0 as i128 * 1_000_000).repr()
            )
        }
    }
}

impl DateTime {
    pub fn new_date(y: i64, m: i64, d: i64) -> DateTime {
        DateTime {
            tm: Tm {
                year: y,
                month: m,
                day: d,
                hour: 0,
                minute: 0,
                second: 0,
                micro: 0,
                offset: None,
            },
            is_date: true,
        }
    }
    /// Microseconds since 0001-01-01 (local wall time, offset not applied).
    pub fn micros(&self) -> i128 {
        let t = &self.tm;
        let days = cal::to_ordinal(t.year, t.month, t.day) as i128;
        let secs = (t.hour * 3600 + t.minute * 60 + t.second) as i128;
        days * US_PER_DAY + secs * 1_000_000 + t.micro as i128
    }
    /// Microseconds of the UTC instant, for comparing aware datetimes.
    pub fn utc_micros(&self) -> i128 {
        self.micros() - self.tm.offset.unwrap_or(0) as i128 * 1_000_000
    }
    pub fn from_micros(us: i128, offset: Option<i64>, is_date: bool) -> R<DateTime> {
        let days = us.div_euclid(US_PER_DAY);
        let rem = us.rem_euclid(US_PER_DAY);
        if !(1..=3_652_059).contains(&days) {
            return raise(ExcKind::OverflowError, "date value out of range");
        }
        let (y, m, d) = cal::from_ordinal(days as i64);
        let secs = (rem / 1_000_000) as i64;
        Ok(DateTime {
            tm: Tm {
                year: y,
                month: m,
                day: d,
                hour: secs / 3600,
                minute: secs % 3600 / 60,
                second: secs % 60,
                micro: (rem % 1_000_000) as i64,
                offset,
            },
            is_date,
        })
    }
    pub fn isoformat(&self, sep: &str) -> String {
        let t = &self.tm;
        let date = format!("{:04}-{:02}-{:02}", t.year, t.month, t.day);
        if self.is_date {
            return date;
        }
        let mut s = format!(
            "{}{}{:02}:{:02}:{:02}",
            date, sep, t.hour, t.minute, t.second
        );
        if t.micro != 0 {
            s.push_str(&format!(".{:06}", t.micro));
        }
        if let Some(off) = t.offset {
            s.push_str(&cal::iso_offset(off));
        }
        s
    }
    pub fn repr(&self) -> String {
        let t = &self.tm;
        if self.is_date {
            return format!("datetime.date({}, {}, {})", t.year, t.month, t.day);
        }
        let mut s = format!(
            "datetime.datetime({}, {}, {}, {}, {}",
            t.year, t.month, t.day, t.hour, t.minute
        );
        if t.micro != 0 {
            s.push_str(&format!(", {}, {}", t.second, t.micro));
        } else if t.second != 0 {
            s.push_str(&format!(", {}", t.second));
        }
        if let Some(off) = t.offset {
            s.push_str(&format!(", tzinfo={}", TimeZone(off).repr()));
        }
        s.push(')');
        s
    }
    pub fn zone_name(&self) -> String {
        self.tm
            .offset
            .map(|o| TimeZone(o).name())
            .unwrap_or_default()
    }
}

/// An int argument of a constructor.
pub(crate) fn int_arg(v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// Checks a date's and time's fields as CPython's constructors do.
pub(crate) fn check_fields(t: &Tm) -> R<()> {
    if !(1..=9999).contains(&t.year) {
        return raise(
            ExcKind::ValueError,
            format!("year {} is out of range", t.year),
        );
    }
    if !(1..=12).contains(&t.month) {
        return raise(ExcKind::ValueError, "month must be in 1..12");
    }
    if t.day < 1 || t.day > cal::days_in_month(t.year, t.month) {
        return raise(ExcKind::ValueError, "day is out of range for month");
    }
    let checks = [
        (t.hour, 23, "hour must be in 0..23"),
        (t.minute, 59, "minute must be in 0..59"),
        (t.second, 59, "second must be in 0..59"),
        (t.micro, 999_999, "microsecond must be in 0..999999"),
    ];
    for (v, max, msg) in checks {
        if v < 0 || v > max {
            return raise(ExcKind::ValueError, msg);
        }
    }
    Ok(())
}

pub(crate) fn tz_offset(v: &Value) -> R<Option<i64>> {
    match v {
        Value::None => Ok(None),
        v => match v.as_object::<TimeZone>() {
            Some(tz) => Ok(Some(tz.0)),
            None => Err(type_err(format!(
                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                v.type_name()
            ))),
        },
    }
}

pub(crate) fn dt_value(d: DateTime) -> Value {
    Value::Object(Rc::new(d))
}

pub(crate) fn td_value(t: TimeDelta) -> Value {
    Value::Object(Rc::new(t))
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)`.
fn make_timedelta(args: &Args) -> R<Value> {
    let vals = args.bind(
        "timedelta",
        [
            "days=0",
            "seconds=0",
            "microseconds=0",
            "milliseconds=0",
            "minutes=0",
            "hours=0",
            "weeks=0",
        ],
    )?;
    const FACTORS: [i128; 7] = [
        US_PER_DAY,
        1_000_000,
        1,
        1000,
        60_000_000,
        3_600_000_000,
        7 * US_PER_DAY,
    ];
    let mut exact: i128 = 0;
    let mut frac = 0.0f64;
    for (v, f) in vals.iter().zip(FACTORS) {
        match v {
            None => {}
            Some(Value::Int(i)) => exact += *i as i128 * f,
            Some(Value::Bool(b)) => exact += *b as i128 * f,
            Some(Value::Float(x)) => {
                if !x.is_finite() {
                    return raise(
                        ExcKind::OverflowError,
                        "cannot convert float infinity to integer",
                    );
                }
                let whole = x.trunc();
                if whole.abs() > 1e18 {
                    return raise(
                        ExcKind::OverflowError,
                        "days=1000000000; must have magnitude <= 999999999",
                    );
                }
                exact += whole as i128 * f;
                frac += (x - whole) * f as f64;
            }
            Some(other) => {
                return Err(type_err(format!(
                    "unsupported type for timedelta {} component: {}",
                    [
                        "days",
                        "seconds",
                        "microseconds",
                        "milliseconds",
                        "minutes",
                        "hours",
                        "weeks"
                    ][FACTORS.iter().position(|x| *x == f).unwrap_or(0)],
                    other.type_name()
                )))
            }
        }
    }
    let us = exact + frac.round_ties_even() as i128;
    Ok(td_value(TimeDelta::checked(us)?))
}

fn make_date(args: &Args) -> R<Value> {
    let [y, m, d] = args.bind("date", ["year", "month", "day"])?;
    let t = DateTime::new_date(
        int_arg(&y.unwrap_or(Value::None))?,
        int_arg(&m.unwrap_or(Value::None))?,
        int_arg(&d.unwrap_or(Value::None))?,
    );
    check_fields(&t.tm)?;
    Ok(dt_value(t))
}

fn make_datetime(args: &Args) -> R<Value> {
    let v = args.bind(
        "datetime",
        [
            "year",
            "month",
            "day",
            "hour=0",
            "minute=0",
            "second=0",
            "microsecond=0",
            "tzinfo=None",
            "*fold=0",
        ],
    )?;
    let mut n = [0i64; 7];
    for (slot, x) in n.iter_mut().zip(&v) {
        if let Some(x) = x {
            *slot = int_arg(x)?;
        }
    }
    let offset = tz_offset(v[7].as_ref().unwrap_or(&Value::None))?;
    let tm = Tm {
        year: n[0],
        month: n[1],
        day: n[2],
        hour: n[3],
        minute: n[4],
        second: n[5],
        micro: n[6],
        offset,
    };
    check_fields(&tm)?;
    Ok(dt_value(DateTime { tm, is_date: false }))
}

fn make_timezone(args: &Args) -> R<Value> {
    let [off, _name] = args.bind("timezone", ["offset", "name=None"])?;
    let off = off.unwrap_or(Value::None);
    let Some(td) = off.as_object::<TimeDelta>() else {
        return Err(type_err(format!(
            "timezone() argument 1 must be datetime.timedelta, not {}",
            off.type_name()
        )));
    };
    if td.0.abs() >= US_PER_DAY {
        return raise(
            ExcKind::ValueError,
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
        );
    }
    Ok(Value::Object(Rc::new(TimeZone((td.0 / 1_000_000) as i64))))
}

impl Object for ClassObj {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        ops::class_attr(self.0, this, name, it)
    }
    fn call(&self, _: &Value, _: &mut Interp, args: Args) -> R<Value> {
        match self.0 {
            Kind::Date => make_date(&args),
            Kind::DateTime => make_datetime(&args),
            Kind::TimeDelta => make_timedelta(&args),
            Kind::TimeZone => make_timezone(&args),
        }
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("<class 'datetime.{}'>", ops::kind_name(self.0)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Sets `datetime`'s classes and constants.
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "datetime");
    for k in [Kind::Date, Kind::DateTime, Kind::TimeDelta, Kind::TimeZone] {
        m.set(ops::kind_name(k), Value::Object(Rc::new(ClassObj(k))));
    }
    m.set("MINYEAR", Value::Int(1));
    m.set("MAXYEAR", Value::Int(9999));
}
