//! The behaviour of `datetime`'s objects: attributes, methods, class methods (`now`,
//! `strptime`, `fromtimestamp`, ...), and the operators `+ - * / // %`, unary minus and
//! comparisons, as CPython defines them between dates, datetimes and timedeltas.

use super::{
    check_fields, dt_value, int_arg, td_value, tz_offset, ClassObj, DateTime, Kind, TimeDelta,
    TimeZone, US_PER_DAY,
};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::pylib::random::floor_div;
use crate::pylib::time::cal;
use std::any::Any;
use std::rc::Rc;

pub(crate) fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Date => "date",
        Kind::DateTime => "datetime",
        Kind::TimeDelta => "timedelta",
        Kind::TimeZone => "timezone",
    }
}

/// The names methods are looked up by, as `'static` strings.
const NAMES: &[&str] = &[
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__neg__",
    "__pos__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "total_seconds",
    "isoformat",
    "strftime",
    "weekday",
    "isoweekday",
    "toordinal",
    "replace",
    "date",
    "timestamp",
    "timetuple",
    "isocalendar",
    "ctime",
    "utcoffset",
    "tzname",
    "__str__",
    "__repr__",
    "__format__",
    "now",
    "today",
    "utcnow",
    "fromtimestamp",
    "utcfromtimestamp",
    "strptime",
    "fromisoformat",
    "fromordinal",
    "combine",
    "astimezone",
];

fn static_name(name: &str) -> Option<&'static str> {
    NAMES.iter().find(|n| **n == name).copied()
}

fn qual(v: &Value) -> String {
    if let Some(d) = v.as_object::<DateTime>() {
        return if d.is_date {
            "datetime.date"
        } else {
            "datetime.datetime"
        }
        .into();
    }
    if v.as_object::<TimeDelta>().is_some() {
        return "datetime.timedelta".into();
    }
    v.type_name()
}

fn unsupported(sym: &str, a: &Value, b: &Value) -> crate::eval::Flow {
    type_err(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        sym,
        qual(a),
        qual(b)
    ))
}

fn now_dt(offset: Option<i64>) -> R<DateTime> {
    from_timestamp(crate::pylib::time::now_secs(), offset)
}

/// A timestamp as a datetime, microseconds rounded half to even (CPython's rule).
fn from_timestamp(t: f64, offset: Option<i64>) -> R<DateTime> {
    if !t.is_finite() {
        return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
    }
    let mut whole = t.trunc();
    let mut frac = ((t - whole) * 1e6).round_ties_even();
    if frac >= 1e6 {
        frac -= 1e6;
        whole += 1.0;
    } else if frac < 0.0 {
        frac += 1e6;
        whole -= 1.0;
    }
    let secs = whole as i128 + offset.unwrap_or(0) as i128;
    let epoch = cal::to_ordinal(1970, 1, 1) as i128 * US_PER_DAY;
    let us = epoch + secs * 1_000_000 + frac as i128;
    DateTime::from_micros(us, offset, false)
        .or_else(|_| raise(ExcKind::ValueError, "year is out of range"))
}

fn str_arg<'a>(v: &'a Value, what: &str) -> R<&'a str> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(type_err(format!(
            "{} must be str, not {}",
            what,
            other.type_name()
        ))),
    }
}

/// `datetime.fromisoformat` / `date.fromisoformat` for the common forms.
fn from_iso(text: &str, is_date: bool) -> R<DateTime> {
    let bad = || {
        raise(
            ExcKind::ValueError,
            format!("Invalid isoformat string: {}", cal::py_quote(text)),
        )
    };
    let num = |s: &str| {
        s.parse::<i64>()
            .ok()
            .filter(|_| s.chars().all(|c| c.is_ascii_digit()))
    };
    if text.len() < 10 || !text.is_char_boundary(10) {
        return bad();
    }
    let (date, rest) = text.split_at(10);
    let d: Vec<&str> = date.split('-').collect();
    let (Some(y), Some(m), Some(dd)) = (
        d.first().and_then(|s| num(s)),
        d.get(1).and_then(|s| num(s)),
        d.get(2).and_then(|s| num(s)),
    ) else {
        return bad();
    };
    let mut dt = DateTime::new_date(y, m, dd);
    dt.is_date = is_date;
    if is_date && !rest.is_empty() {
        return bad();
    }
    if !rest.is_empty() {
        let time = &rest[1..];
        let (time, offset) = match time.find(['+', '-', 'Z']) {
            Some(p) => {
                let (a, b) = time.split_at(p);
                let off = if b == "Z" {
                    0
                } else {
                    let sign = if b.starts_with('-') { -1 } else { 1 };
                    let parts: Vec<i64> = b[1..].split(':').filter_map(num).collect();
                    sign * (parts.first().copied().unwrap_or(0) * 3600
                        + parts.get(1).copied().unwrap_or(0) * 60)
                };
                (a, Some(off))
            }
            None => (time, None),
        };
        let (hms, micro) = match time.split_once('.') {
            Some((a, f)) => {
                let digits: String = f.chars().take(6).collect();
                let Some(v) = num(&digits) else { return bad() };
                (a, v * 10i64.pow(6 - digits.len() as u32))
            }
            None => (time, 0),
        };
        let parts: Vec<Option<i64>> = hms.split(':').map(num).collect();
        if parts.iter().any(|p| p.is_none()) || parts.is_empty() || parts.len() > 3 {
            return bad();
        }
        dt.tm.hour = parts[0].unwrap_or(0);
        dt.tm.minute = parts.get(1).copied().flatten().unwrap_or(0);
        dt.tm.second = parts.get(2).copied().flatten().unwrap_or(0);
        dt.tm.micro = micro;
        dt.tm.offset = offset;
    }
    check_fields(&dt.tm)?;
    Ok(dt)
}

fn class_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(ClassObj(kind)) = recv.as_object::<ClassObj>() else {
        return Ok(Value::None);
    };
    let is_date = *kind == Kind::Date;
    let _ = it;
    match name {
        "now" | "today" => {
            let [tz] = args.bind(name, ["tz=None"])?;
            let mut d = now_dt(tz_offset(tz.as_ref().unwrap_or(&Value::None))?)?;
            if is_date {
                d = DateTime::new_date(d.tm.year, d.tm.month, d.tm.day);
            }
            Ok(dt_value(d))
        }
        "utcnow" => Ok(dt_value(now_dt(None)?)),
        "fromtimestamp" | "utcfromtimestamp" => {
            let [t, tz] = args.bind(name, ["timestamp", "tz=None"])?;
            let t = crate::pylib::math::real(it, t.as_ref().unwrap_or(&Value::None))?;
            let mut d = from_timestamp(t, tz_offset(tz.as_ref().unwrap_or(&Value::None))?)?;
            if is_date {
                d = DateTime::new_date(d.tm.year, d.tm.month, d.tm.day);
            }
            Ok(dt_value(d))
        }
        "strptime" => {
            let [s, f] = args.bind(name, ["date_string", "format"])?;
            let s = s.unwrap_or(Value::None);
            let f = f.unwrap_or(Value::None);
            let s = str_arg(&s, "strptime() argument 1")?;
            let f = str_arg(&f, "strptime() argument 2")?;
            match cal::strptime(s, f) {
                Ok(tm) => Ok(dt_value(DateTime { tm, is_date: false })),
                Err(m) => raise(ExcKind::ValueError, m),
            }
        }
        "fromisoformat" => {
            let [s] = args.bind(name, ["date_string"])?;
            let s = s.unwrap_or(Value::None);
            let s = str_arg(&s, "fromisoformat: argument")?;
            Ok(dt_value(from_iso(s, is_date)?))
        }
        "fromordinal" => {
            let [n] = args.bind(name, ["ordinal"])?;
            let n = int_arg(n.as_ref().unwrap_or(&Value::None))?;
            if !(1..=3_652_059).contains(&n) {
                return raise(ExcKind::ValueError, "ordinal must be >= 1");
            }
            let (y, m, d) = cal::from_ordinal(n);
            let mut dt = DateTime::new_date(y, m, d);
            dt.is_date = is_date;
            Ok(dt_value(dt))
        }
        "combine" => {
            let [d, _t] = args.bind(name, ["date", "time"])?;
            let d = d.unwrap_or(Value::None);
            match d.as_object::<DateTime>() {
                Some(x) => {
                    let mut x = *x;
                    x.is_date = false;
                    Ok(dt_value(x))
                }
                None => Err(type_err("combine() argument 1 must be datetime.date")),
            }
        }
        _ => Ok(Value::None),
    }
}

pub(crate) fn class_attr(kind: Kind, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
    let dt = |y, m, d, h, mi, s, us| {
        dt_value(DateTime {
            tm: cal::Tm {
                year: y,
                month: m,
                day: d,
                hour: h,
                minute: mi,
                second: s,
                micro: us,
                offset: None,
            },
            is_date: kind == Kind::Date,
        })
    };
    Ok(match (kind, name) {
        (_, "__name__") => Some(Value::str(kind_name(kind))),
        (Kind::Date | Kind::DateTime, "min") => Some(dt(1, 1, 1, 0, 0, 0, 0)),
        (Kind::Date | Kind::DateTime, "max") => Some(dt(9999, 12, 31, 23, 59, 59, 999_999)),
        (Kind::Date, "resolution") => Some(td_value(TimeDelta(US_PER_DAY))),
        (Kind::DateTime, "resolution") | (Kind::TimeDelta, "resolution") => {
            Some(td_value(TimeDelta(1)))
        }
        (Kind::TimeDelta, "max") => Some(td_value(TimeDelta(1_000_000_000 * US_PER_DAY - 1))),
        (Kind::TimeDelta, "min") => Some(td_value(TimeDelta(-999_999_999 * US_PER_DAY))),
        (Kind::TimeZone, "utc") => Some(Value::Object(Rc::new(TimeZone(0)))),
        (Kind::Date | Kind::DateTime, _) => static_name(name)
            .filter(|n| {
                matches!(
                    *n,
                    "now" | "today" | "fromtimestamp" | "fromisoformat" | "fromordinal"
                ) || (kind == Kind::DateTime
                    && matches!(*n, "utcnow" | "utcfromtimestamp" | "strptime" | "combine"))
            })
            .map(|n| Value::method(this.clone(), n, class_method)),
        _ => None,
    })
}

fn compare_op(name: &str, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match name {
        "__eq__" => ord == Equal,
        "__ne__" => ord != Equal,
        "__lt__" => ord == Less,
        "__le__" => ord != Greater,
        "__gt__" => ord == Greater,
        _ => ord != Less,
    }
}

fn symbol(name: &str) -> &'static str {
    match name {
        "__eq__" => "==",
        "__ne__" => "!=",
        "__lt__" => "<",
        "__le__" => "<=",
        "__gt__" => ">",
        _ => ">=",
    }
}

/// Integer division rounding half to even, as timedelta division does.
fn div_round(a: i128, b: i128) -> i128 {
    let q = floor_div(a, b);
    let r = a - q * b;
    // r has b's sign; compare 2|r| with |b|.
    let twice = 2 * r.abs();
    let b_abs = b.abs();
    if twice > b_abs || (twice == b_abs && q % 2 != 0) {
        q + 1
    } else {
        q
    }
}

fn td_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let a = *this.as_object::<TimeDelta>().unwrap_or(&TimeDelta(0));
    let other = args.pos.first().cloned().unwrap_or(Value::None);
    let otd = other.as_object::<TimeDelta>().copied();
    let td = |us: i128| -> R<Value> { Ok(td_value(TimeDelta::checked(us)?)) };
    match name {
        "total_seconds" => Ok(Value::Float(a.0 as f64 / 1e6)),
        "__neg__" => td(-a.0),
        "__pos__" => td(a.0),
        "__str__" => Ok(Value::str(&a.str())),
        "__repr__" => Ok(Value::str(&a.repr())),
        "__add__" | "__radd__" => match (otd, other.as_object::<DateTime>()) {
            (Some(b), _) => td(a.0 + b.0),
            (None, Some(d)) => dt_plus(d, a.0),
            _ => Err(unsupported("+", this, &other)),
        },
        "__sub__" => match otd {
            Some(b) => td(a.0 - b.0),
            None => Err(unsupported("-", this, &other)),
        },
        "__rsub__" => match otd {
            Some(b) => td(b.0 - a.0),
            None => Err(unsupported("-", &other, this)),
        },
        "__mul__" | "__rmul__" => match other {
            Value::Int(n) => td(a.0 * n as i128),
            Value::Bool(b) => td(a.0 * b as i128),
            Value::Float(f) => td((a.0 as f64 * f).round_ties_even() as i128),
            _ => Err(unsupported("*", this, &other)),
        },
        "__truediv__" => match (&other, otd) {
            (_, Some(b)) => {
                if b.0 == 0 {
                    return raise(ExcKind::ZeroDivisionError, "division by zero");
                }
                Ok(Value::Float(a.0 as f64 / b.0 as f64))
            }
            (Value::Int(0), _) => raise(ExcKind::ZeroDivisionError, "division by zero"),
            (Value::Int(n), _) => td(div_round(a.0, *n as i128)),
            (Value::Float(f), _) => {
                if *f == 0.0 {
                    return raise(ExcKind::ZeroDivisionError, "division by zero");
                }
                td((a.0 as f64 / f).round_ties_even() as i128)
            }
            _ => Err(unsupported("/", this, &other)),
        },
        "__floordiv__" => match (&other, otd) {
            (_, Some(b)) if b.0 != 0 => Ok(Value::Int(floor_div(a.0, b.0) as i64)),
            (Value::Int(n), _) if *n != 0 => td(floor_div(a.0, *n as i128)),
            (Value::Int(_), _) | (_, Some(_)) => raise(
                ExcKind::ZeroDivisionError,
                "integer division or modulo by zero",
            ),
            _ => Err(unsupported("//", this, &other)),
        },
        "__mod__" => match otd {
            Some(b) if b.0 != 0 => td(a.0 - b.0 * floor_div(a.0, b.0)),
            Some(_) => raise(
                ExcKind::ZeroDivisionError,
                "integer division or modulo by zero",
            ),
            None => Err(unsupported("%", this, &other)),
        },
        "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => match otd {
            Some(b) => Ok(Value::Bool(compare_op(name, a.0.cmp(&b.0)))),
            None if name == "__eq__" => Ok(Value::Bool(false)),
            None if name == "__ne__" => Ok(Value::Bool(true)),
            None => Err(type_err(format!(
                "'{}' not supported between instances of 'datetime.timedelta' and '{}'",
                symbol(name),
                qual(&other)
            ))),
        },
        _ => {
            let _ = it;
            Ok(Value::None)
        }
    }
}

fn dt_plus(d: &DateTime, us: i128) -> R<Value> {
    let us = if d.is_date {
        us.div_euclid(US_PER_DAY) * US_PER_DAY
    } else {
        us
    };
    Ok(dt_value(DateTime::from_micros(
        d.micros() + us,
        d.tm.offset,
        d.is_date,
    )?))
}

fn replace(d: &DateTime, args: &Args) -> R<Value> {
    let v = args.bind(
        "replace",
        [
            "year=None",
            "month=None",
            "day=None",
            "hour=None",
            "minute=None",
            "second=None",
            "microsecond=None",
        ],
    )?;
    let mut t = d.tm;
    let slots: [&mut i64; 7] = [
        &mut t.year,
        &mut t.month,
        &mut t.day,
        &mut t.hour,
        &mut t.minute,
        &mut t.second,
        &mut t.micro,
    ];
    for (slot, x) in slots.into_iter().zip(v.iter()) {
        if let Some(x) = x {
            *slot = int_arg(x)?;
        }
    }
    check_fields(&t)?;
    Ok(dt_value(DateTime {
        tm: t,
        is_date: d.is_date,
    }))
}

fn dt_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let d = *this
        .as_object::<DateTime>()
        .ok_or_else(|| type_err("not a date"))?;
    let other = args.pos.first().cloned().unwrap_or(Value::None);
    let t = &d.tm;
    match name {
        "__str__" => Ok(Value::str(&d.isoformat(" "))),
        "__repr__" => Ok(Value::str(&d.repr())),
        "isoformat" => {
            let [sep, _] = args.bind("isoformat", ["sep=None", "timespec=None"])?;
            let sep = match &sep {
                Some(Value::Str(s)) => s.to_string(),
                _ => "T".into(),
            };
            Ok(Value::str(&d.isoformat(&sep)))
        }
        "strftime" | "__format__" => {
            let [f] = args.bind(name, ["format"])?;
            let f = f.unwrap_or(Value::None);
            let f = str_arg(&f, "strftime() argument 1")?;
            if name == "__format__" && f.is_empty() {
                return Ok(Value::str(&d.isoformat(" ")));
            }
            Ok(Value::str(&cal::strftime(f, t, &d.zone_name())))
        }
        "weekday" => Ok(Value::Int(cal::weekday(t.year, t.month, t.day))),
        "isoweekday" => Ok(Value::Int(cal::weekday(t.year, t.month, t.day) + 1)),
        "toordinal" => Ok(Value::Int(cal::to_ordinal(t.year, t.month, t.day))),
        "isocalendar" => {
            let (y, w, wd) = cal::iso_calendar(t.year, t.month, t.day);
            Ok(Value::Object(Rc::new(crate::pylib::sys::StructSeq {
                type_name: "IsoCalendarDate",
                repr_name: "datetime.IsoCalendarDate",
                fields: vec!["year", "week", "weekday"],
                values: vec![Value::Int(y), Value::Int(w), Value::Int(wd)],
                visible: 3,
            })))
        }
        "replace" => replace(&d, &args),
        "date" => Ok(dt_value(DateTime::new_date(t.year, t.month, t.day))),
        "timestamp" => {
            let epoch = cal::to_ordinal(1970, 1, 1) as i128 * US_PER_DAY;
            Ok(Value::Float((d.utc_micros() - epoch) as f64 / 1e6))
        }
        "timetuple" => Ok(crate::pylib::time::struct_time(t, -1)),
        "ctime" => Ok(Value::str(&cal::strftime("%a %b %e %H:%M:%S %Y", t, ""))),
        "utcoffset" => Ok(match t.offset {
            Some(o) => td_value(TimeDelta(o as i128 * 1_000_000)),
            None => Value::None,
        }),
        "tzname" => Ok(match t.offset {
            Some(o) => Value::str(&TimeZone(o).name()),
            None => Value::None,
        }),
        "astimezone" => {
            let [tz] = args.bind(name, ["tz=None"])?;
            let off = tz_offset(tz.as_ref().unwrap_or(&Value::None))?.unwrap_or(0);
            let us = d.utc_micros() + off as i128 * 1_000_000;
            Ok(dt_value(DateTime::from_micros(us, Some(off), false)?))
        }
        "__add__" | "__radd__" => match other.as_object::<TimeDelta>() {
            Some(td) => dt_plus(&d, td.0),
            None => Err(unsupported("+", this, &other)),
        },
        "__sub__" => {
            if let Some(td) = other.as_object::<TimeDelta>() {
                // A date moves by whole days: `date - td` is `date + timedelta(-td.days)`.
                let us = if d.is_date {
                    -td.0.div_euclid(US_PER_DAY) * US_PER_DAY
                } else {
                    -td.0
                };
                return dt_plus(&d, us);
            }
            match other.as_object::<DateTime>() {
                Some(o) if o.is_date == d.is_date => {
                    if o.tm.offset.is_some() != t.offset.is_some() {
                        return Err(type_err(
                            "can't subtract offset-naive and offset-aware datetimes",
                        ));
                    }
                    Ok(td_value(TimeDelta::checked(
                        d.utc_micros() - o.utc_micros(),
                    )?))
                }
                _ => Err(unsupported("-", this, &other)),
            }
        }
        "__rsub__" => Err(unsupported("-", &other, this)),
        "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => {
            let o = other
                .as_object::<DateTime>()
                .filter(|o| o.is_date == d.is_date);
            match o {
                Some(o) if o.tm.offset.is_some() == t.offset.is_some() => Ok(Value::Bool(
                    compare_op(name, d.utc_micros().cmp(&o.utc_micros())),
                )),
                _ if name == "__eq__" => Ok(Value::Bool(false)),
                _ if name == "__ne__" => Ok(Value::Bool(true)),
                Some(_) => Err(type_err(
                    "can't compare offset-naive and offset-aware datetimes",
                )),
                None => Err(type_err(format!(
                    "can't compare {} to {}",
                    qual(this),
                    qual(&other)
                ))),
            }
        }
        _ => {
            let _ = it;
            Ok(Value::None)
        }
    }
}

fn attr_method(this: &Value, name: &str, f: crate::eval::value::NativeMethod) -> Option<Value> {
    static_name(name).map(|n| Value::method(this.clone(), n, f))
}

impl Object for TimeDelta {
    fn type_name(&self) -> String {
        "timedelta".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        let (d, s, us) = self.parts();
        Ok(match name {
            "days" => Some(Value::Int(d as i64)),
            "seconds" => Some(Value::Int(s as i64)),
            "microseconds" => Some(Value::Int(us as i64)),
            "total_seconds" | "__neg__" | "__pos__" | "__add__" | "__radd__" | "__sub__"
            | "__rsub__" | "__mul__" | "__rmul__" | "__truediv__" | "__floordiv__" | "__mod__"
            | "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => {
                attr_method(this, name, td_method)
            }
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(TimeDelta::repr(*self))
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        Ok(TimeDelta::str(*self))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for DateTime {
    fn type_name(&self) -> String {
        if self.is_date { "date" } else { "datetime" }.into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        let t = &self.tm;
        let time_attr = |v: i64| (!self.is_date).then_some(Value::Int(v));
        Ok(match name {
            "year" => Some(Value::Int(t.year)),
            "month" => Some(Value::Int(t.month)),
            "day" => Some(Value::Int(t.day)),
            "hour" => time_attr(t.hour),
            "minute" => time_attr(t.minute),
            "second" => time_attr(t.second),
            "microsecond" => time_attr(t.micro),
            "tzinfo" if !self.is_date => Some(match t.offset {
                Some(o) => Value::Object(Rc::new(TimeZone(o))),
                None => Value::None,
            }),
            "date" | "timestamp" | "utcoffset" | "tzname" | "astimezone" if self.is_date => None,
            "isoformat" | "strftime" | "weekday" | "isoweekday" | "toordinal" | "replace"
            | "date" | "timestamp" | "timetuple" | "isocalendar" | "ctime" | "utcoffset"
            | "tzname" | "astimezone" | "__format__" | "__add__" | "__radd__" | "__sub__"
            | "__rsub__" | "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => {
                attr_method(this, name, dt_method)
            }
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(DateTime::repr(self))
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        Ok(self.isoformat(" "))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for TimeZone {
    fn type_name(&self) -> String {
        "timezone".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "utc" => Some(Value::Object(Rc::new(TimeZone(0)))),
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(TimeZone::repr(*self))
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        Ok(self.name())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
