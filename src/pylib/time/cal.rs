//! The proleptic Gregorian calendar shared by `time` and `datetime`: days ↔ dates, and
//! `strftime`/`strptime` over broken-down times with glibc's (C locale) directive output.

/// A broken-down time: what `struct_time` and `datetime` hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tm {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub micro: i64,
    /// UTC offset in seconds, for aware datetimes (`%z`); None when naive.
    pub offset: Option<i64>,
}

pub(crate) const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub(crate) fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a civil date.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Proleptic ordinal: 0001-01-01 is day 1.
pub(crate) fn to_ordinal(y: i64, m: i64, d: i64) -> i64 {
    days_from_civil(y, m, d) + 719_163
}

pub(crate) fn from_ordinal(n: i64) -> (i64, i64, i64) {
    civil_from_days(n - 719_163)
}

/// Monday is 0.
pub(crate) fn weekday(y: i64, m: i64, d: i64) -> i64 {
    (days_from_civil(y, m, d) + 3).rem_euclid(7)
}

/// Day of the year, 1-based.
pub(crate) fn yday(y: i64, m: i64, d: i64) -> i64 {
    days_from_civil(y, m, d) - days_from_civil(y, 1, 1) + 1
}

/// ISO year, week and weekday (1..7).
pub(crate) fn iso_calendar(y: i64, m: i64, d: i64) -> (i64, i64, i64) {
    let wd = weekday(y, m, d) + 1;
    let ord = to_ordinal(y, m, d);
    let thursday = ord - wd + 4;
    let (iy, _, _) = from_ordinal(thursday);
    let week = (thursday - to_ordinal(iy, 1, 1)) / 7 + 1;
    (iy, week, wd)
}

/// Broken-down UTC time of a Unix timestamp in whole seconds.
pub(crate) fn tm_of_secs(secs: i64, micro: i64) -> Tm {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Tm {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
        micro,
        offset: None,
    }
}

pub(crate) fn secs_of_tm(t: &Tm) -> i64 {
    days_from_civil(t.year, t.month, t.day) * 86_400 + t.hour * 3600 + t.minute * 60 + t.second
}

fn offset_text(off: i64, colon: bool) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    let (h, m, s) = (a / 3600, a % 3600 / 60, a % 60);
    let sep = if colon { ":" } else { "" };
    let mut out = format!("{}{:02}{}{:02}", sign, h, sep, m);
    if s != 0 {
        out.push_str(&format!("{}{:02}", sep, s));
    }
    out
}

/// `strftime` with glibc's C-locale output; `datetime` adds `%f`.
pub(crate) fn strftime(fmt: &str, t: &Tm, zone: &str) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars();
    let wd = weekday(t.year, t.month, t.day);
    let h12 = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let mon = MONTH_NAMES[((t.month - 1).clamp(0, 11)) as usize];
        let day = DAY_NAMES[wd as usize];
        match d {
            'Y' => out.push_str(&t.year.to_string()),
            'y' => out.push_str(&format!("{:02}", t.year.rem_euclid(100))),
            'C' => out.push_str(&format!("{:02}", t.year.div_euclid(100))),
            'm' => out.push_str(&format!("{:02}", t.month)),
            'd' => out.push_str(&format!("{:02}", t.day)),
            'e' => out.push_str(&format!("{:2}", t.day)),
            'H' => out.push_str(&format!("{:02}", t.hour)),
            'I' => out.push_str(&format!("{:02}", h12)),
            'M' => out.push_str(&format!("{:02}", t.minute)),
            'S' => out.push_str(&format!("{:02}", t.second)),
            'f' => out.push_str(&format!("{:06}", t.micro)),
            'p' => out.push_str(if t.hour < 12 { "AM" } else { "PM" }),
            'a' => out.push_str(&day[..3]),
            'A' => out.push_str(day),
            'b' | 'h' => out.push_str(&mon[..3]),
            'B' => out.push_str(mon),
            'j' => out.push_str(&format!("{:03}", yday(t.year, t.month, t.day))),
            'w' => out.push_str(&((wd + 1) % 7).to_string()),
            'u' => out.push_str(&(wd + 1).to_string()),
            'U' => {
                let yd = yday(t.year, t.month, t.day) - 1;
                let sunday_wd = (wd + 1) % 7;
                out.push_str(&format!("{:02}", (yd + 7 - sunday_wd) / 7));
            }
            'W' => {
                let yd = yday(t.year, t.month, t.day) - 1;
                out.push_str(&format!("{:02}", (yd + 7 - wd) / 7));
            }
            'G' => out.push_str(&iso_calendar(t.year, t.month, t.day).0.to_string()),
            'V' => out.push_str(&format!("{:02}", iso_calendar(t.year, t.month, t.day).1)),
            'c' => out.push_str(&strftime("%a %b %e %H:%M:%S %Y", t, zone)),
            'x' | 'D' => out.push_str(&strftime("%m/%d/%y", t, zone)),
            'X' | 'T' => out.push_str(&strftime("%H:%M:%S", t, zone)),
            'F' => out.push_str(&strftime("%Y-%m-%d", t, zone)),
            'R' => out.push_str(&strftime("%H:%M", t, zone)),
            'r' => out.push_str(&strftime("%I:%M:%S %p", t, zone)),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'z' => {
                if let Some(off) = t.offset {
                    out.push_str(&offset_text(off, false));
                }
            }
            'Z' => out.push_str(zone),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

/// `+HH:MM` as `isoformat` writes an offset.
pub(crate) fn iso_offset(off: i64) -> String {
    offset_text(off, true)
}

/// Parses `text` against a `strptime` format; Err carries CPython's ValueError message.
pub(crate) fn strptime(text: &str, fmt: &str) -> Result<Tm, String> {
    let mismatch = || {
        format!(
            "time data {} does not match format {}",
            py_quote(text),
            py_quote(fmt)
        )
    };
    let s: Vec<char> = text.chars().collect();
    let f: Vec<char> = fmt.chars().collect();
    let (mut i, mut j) = (0usize, 0usize);
    let mut t = Tm {
        year: 1900,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        micro: 0,
        offset: None,
    };
    let mut pm: Option<bool> = None;
    let mut yday_val: Option<i64> = None;
    let num = |s: &[char], i: &mut usize, max: usize| -> Option<i64> {
        let start = *i;
        while *i < s.len() && *i - start < max && s[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == start {
            return None;
        }
        s[start..*i].iter().collect::<String>().parse().ok()
    };
    let name = |s: &[char], i: &mut usize, names: &[&str], abbrev: bool| -> Option<i64> {
        let rest: String = s[*i..].iter().collect::<String>().to_lowercase();
        for (k, n) in names.iter().enumerate() {
            let cand = if abbrev { &n[..3] } else { n };
            if rest.starts_with(&cand.to_lowercase()) {
                *i += cand.chars().count();
                return Some(k as i64);
            }
        }
        None
    };
    while j < f.len() {
        let c = f[j];
        if c.is_whitespace() {
            while j < f.len() && f[j].is_whitespace() {
                j += 1;
            }
            while i < s.len() && s[i].is_whitespace() {
                i += 1;
            }
            continue;
        }
        if c != '%' {
            if i < s.len() && s[i] == c {
                i += 1;
                j += 1;
                continue;
            }
            return Err(mismatch());
        }
        j += 1;
        let Some(&d) = f.get(j) else {
            return Err(mismatch());
        };
        j += 1;
        let ok = match d {
            'Y' => num(&s, &mut i, 4).map(|v| t.year = v),
            'y' => num(&s, &mut i, 2).map(|v| t.year = if v < 69 { 2000 + v } else { 1900 + v }),
            'm' => num(&s, &mut i, 2)
                .filter(|v| (1..=12).contains(v))
                .map(|v| t.month = v),
            'd' => num(&s, &mut i, 2)
                .filter(|v| (1..=31).contains(v))
                .map(|v| t.day = v),
            'H' => num(&s, &mut i, 2).filter(|v| *v <= 23).map(|v| t.hour = v),
            'I' => num(&s, &mut i, 2)
                .filter(|v| (1..=12).contains(v))
                .map(|v| t.hour = v),
            'M' => num(&s, &mut i, 2)
                .filter(|v| *v <= 59)
                .map(|v| t.minute = v),
            'S' => num(&s, &mut i, 2)
                .filter(|v| *v <= 61)
                .map(|v| t.second = v),
            'j' => num(&s, &mut i, 3)
                .filter(|v| (1..=366).contains(v))
                .map(|v| yday_val = Some(v)),
            'f' => {
                let start = i;
                num(&s, &mut i, 6).map(|v| {
                    let digits = (i - start) as u32;
                    t.micro = v * 10i64.pow(6 - digits);
                })
            }
            'p' => {
                let rest: String = s[i..].iter().collect::<String>().to_lowercase();
                if rest.starts_with("am") {
                    i += 2;
                    pm = Some(false);
                    Some(())
                } else if rest.starts_with("pm") {
                    i += 2;
                    pm = Some(true);
                    Some(())
                } else {
                    None
                }
            }
            'b' | 'h' => name(&s, &mut i, &MONTH_NAMES, true).map(|v| t.month = v + 1),
            'B' => name(&s, &mut i, &MONTH_NAMES, false).map(|v| t.month = v + 1),
            'a' => name(&s, &mut i, &DAY_NAMES, true).map(|_| ()),
            'A' => name(&s, &mut i, &DAY_NAMES, false).map(|_| ()),
            'z' => {
                let sign = match s.get(i) {
                    Some('+') => 1,
                    Some('-') => -1,
                    _ => 0,
                };
                if sign == 0 {
                    None
                } else {
                    i += 1;
                    let h = num(&s, &mut i, 2);
                    if s.get(i) == Some(&':') {
                        i += 1;
                    }
                    let m = num(&s, &mut i, 2);
                    match (h, m) {
                        (Some(h), Some(m)) => {
                            t.offset = Some(sign * (h * 3600 + m * 60));
                            Some(())
                        }
                        _ => None,
                    }
                }
            }
            '%' => {
                if s.get(i) == Some(&'%') {
                    i += 1;
                    Some(())
                } else {
                    None
                }
            }
            other => {
                return Err(format!(
                    "'{}' is a bad directive in format '{}'",
                    other, fmt
                ))
            }
        };
        if ok.is_none() {
            return Err(mismatch());
        }
    }
    if i < s.len() {
        let rest: String = s[i..].iter().collect();
        return Err(format!("unconverted data remains: {}", rest));
    }
    if let Some(pm) = pm {
        if pm && t.hour < 12 {
            t.hour += 12;
        } else if !pm && t.hour == 12 {
            t.hour = 0;
        }
    }
    if let Some(yd) = yday_val {
        let (y, m, d) = civil_from_days(days_from_civil(t.year, 1, 1) + yd - 1);
        t.year = y;
        t.month = m;
        t.day = d;
    }
    if t.day > days_in_month(t.year, t.month) {
        return Err("day is out of range for month".into());
    }
    Ok(t)
}

/// A str's repr for messages (single quotes unless the text has one).
pub(crate) fn py_quote(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{}\"", s)
    } else {
        format!("'{}'", s.replace('\'', "\\'"))
    }
}
