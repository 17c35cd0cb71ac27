//! `%time`, `%%time`, `%timeit` and `%%timeit`: IPython's timing magics, with its option
//! parsing, loop counts and wording.

use super::*;

/// IPython's `_format_time`: three significant digits and a unit (`1.5 ms`, `757 ns`),
/// or `1min 5s` past a minute.
pub fn format_time(secs: f64, precision: usize) -> String {
    if secs >= 60.0 {
        let mut parts = Vec::new();
        let mut left = secs;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let v = (left / len).trunc();
            if v > 0.0 {
                left %= len;
                parts.push(format!("{}{}", v as u64, suffix));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let units = ["s", "ms", "μs", "ns"];
    let order = if secs > 0.0 {
        let e = secs.log10().floor() as i64;
        (-(e.div_euclid(3))).clamp(0, 3) as usize
    } else {
        3
    };
    let scaled = secs * [1.0, 1e3, 1e6, 1e9][order];
    format!(
        "{} {}",
        crate::print::cfmt::general(scaled, precision.max(1), false, false),
        units[order]
    )
}

/// The process's CPU times (user, system) in seconds.
pub(super) fn cpu_times() -> (f64, f64) {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    (secs(ru.ru_utime), secs(ru.ru_stime))
}

/// The clocks `%time` reads before and after.
pub(super) struct Times {
    cpu: (f64, f64),
    wall: Instant,
}

impl Times {
    pub(super) fn start() -> Times {
        Times {
            cpu: cpu_times(),
            wall: Instant::now(),
        }
    }

    pub(super) fn report(&self, it: &mut Interp) {
        let wall = self.wall.elapsed().as_secs_f64();
        let (u1, s1) = cpu_times();
        let (u, s) = ((u1 - self.cpu.0).max(0.0), (s1 - self.cpu.1).max(0.0));
        say(
            it,
            &format!(
                "CPU times: user {}, sys: {}, total: {}\nWall time: {}",
                format_time(u, 3),
                format_time(s, 3),
                format_time(u + s, 3),
                format_time(wall, 3)
            ),
        );
    }
}

/// `%time STMT`: runs it once, prints the CPU and wall times, returns its value.
pub(super) fn time_cell(it: &mut Interp, stmt: &str, file: &str, mode: Mode) -> MR {
    let t = Times::start();
    let r = if stmt.trim().is_empty() {
        Ok(None)
    } else {
        let keep_mode = match mode {
            Mode::Repl => Mode::Notebook { display_last: true },
            m => m,
        };
        exec_code(it, stmt, file, keep_mode, true)
    };
    t.report(it);
    r
}

/// `%timeit`'s options.
#[derive(Debug, Default, PartialEq)]
pub struct TimeitOpts {
    number: usize,
    repeat: usize,
    precision: usize,
    quiet: bool,
}

/// Splits `-n N -r R -p P -q -o` from the statement after them.
pub(super) fn timeit_options(args: &str) -> Result<(TimeitOpts, String), Stop> {
    let mut o = TimeitOpts {
        number: 0,
        repeat: 7,
        precision: 3,
        quiet: false,
    };
    let mut rest = args.trim_start();
    while let Some(opt) = rest.strip_prefix('-') {
        let Some(flag) = opt.chars().next() else {
            break;
        };
        let after = &opt[flag.len_utf8()..];
        match flag {
            'n' | 'r' | 'p' => {
                let after = after.trim_start();
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                let v: usize = after[..end].parse().map_err(|_| {
                    Stop::Usage(format!(
                        "invalid literal for int() with base 10: '{}'",
                        &after[..end]
                    ))
                })?;
                match flag {
                    'n' => o.number = v,
                    'r' => o.repeat = v,
                    _ => o.precision = v,
                }
                rest = after[end..].trim_start();
            }
            'q' | 'o' | 't' | 'c' if after.is_empty() || after.starts_with(char::is_whitespace) => {
                o.quiet |= flag == 'q';
                rest = after.trim_start();
            }
            _ => break,
        }
    }
    if o.repeat == 0 {
        return Err(Stop::Usage("repeat must be at least 1".into()));
    }
    Ok((o, rest.to_string()))
}

/// `%timeit`: loops per run grow by 10x until a run takes 0.2 s (unless `-n`), then
/// `repeat` runs; prints IPython's line. The statement is parsed once.
pub(super) fn timeit(it: &mut Interp, o: &TimeitOpts, setup: &str, stmt: &str) -> MR {
    let parse = |it: &mut Interp, src: &str, name: &str| -> Result<Vec<Stmt>, Stop> {
        it.file = SourceFile::new(name, src, true);
        crate::syntax::parse_program(src).map_err(|e| {
            it.report_syntax(&e);
            Stop::Failed
        })
    };
    let setup_prog = parse(it, setup, "<magic-timeit-setup>")?;
    let prog = parse(it, stmt, "<magic-timeit>")?;
    let saved = it.echo_enabled;
    it.echo_enabled = false;
    let result = timeit_runs(it, o, &setup_prog, &prog);
    it.echo_enabled = saved;
    let (number, runs) = result?;
    let times: Vec<f64> = runs.iter().map(|t| t / number as f64).collect();
    let n = times.len() as f64;
    let mean = times.iter().sum::<f64>() / n;
    let std = (times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n).sqrt();
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let worst = times.iter().copied().fold(0.0, f64::max);
    if o.quiet {
        return Ok(None);
    }
    let mut text = String::new();
    if worst > 4.0 * best && best > 0.0 && worst > 1e-6 {
        text.push_str(&format!(
            "The slowest run took {:.2} times longer than the fastest. This could mean that an intermediate result is being cached.\n",
            worst / best
        ));
    }
    text.push_str(&format!(
        "{} ± {} per loop (mean ± std. dev. of {} run{}, {} loop{} each)",
        format_time(mean, o.precision),
        format_time(std, o.precision),
        o.repeat,
        if o.repeat == 1 { "" } else { "s" },
        thousands(number),
        if number == 1 { "" } else { "s" }
    ));
    say(it, &text);
    Ok(None)
}

/// The timing loop of `%timeit`: the loops per run and each run's seconds.
pub(super) fn timeit_runs(
    it: &mut Interp,
    o: &TimeitOpts,
    setup: &[Stmt],
    prog: &[Stmt],
) -> Result<(usize, Vec<f64>), Stop> {
    let check = |outcome: Outcome| match outcome {
        Outcome::Ok => Ok(()),
        Outcome::Failed => Err(Stop::Failed),
        Outcome::Exit(c) => Err(Stop::Exit(c)),
    };
    let run = |it: &mut Interp, loops: usize| -> Result<f64, Stop> {
        check(it.run_parsed(setup, false))?;
        let t0 = Instant::now();
        for _ in 0..loops {
            check(it.run_parsed(prog, false))?;
        }
        Ok(t0.elapsed().as_secs_f64())
    };
    let mut number = o.number;
    if number == 0 {
        for index in 0..10 {
            number = 10usize.pow(index);
            if run(it, number)? >= 0.2 {
                break;
            }
        }
    }
    let mut runs = Vec::with_capacity(o.repeat);
    for _ in 0..o.repeat {
        runs.push(run(it, number)?);
    }
    Ok((number, runs))
}

// --- the namespace: %who, %whos, %reset ------------------------------------------------

pub(crate) mod tests {
    use super::*;

    fn times_read_as_ipython_prints_them() {
        assert_eq!(format_time(0.0, 3), "0 ns");
        assert_eq!(format_time(757e-9, 3), "757 ns");
        assert_eq!(format_time(3.32e-6, 3), "3.32 μs");
        assert_eq!(format_time(1e-6, 3), "1 μs");
        assert_eq!(format_time(0.5, 3), "500 ms");
        assert_eq!(format_time(1.5, 3), "1.5 s");
        assert_eq!(format_time(65.0, 3), "1min 5s");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(100), "100");
    }

    fn timeit_options_come_before_the_statement() {
        let (o, s) = timeit_options("-n 10 -r 3 x + 1").unwrap();
        assert_eq!((o.number, o.repeat, s.as_str()), (10, 3, "x + 1"));
        let (o, s) = timeit_options("-n10 -q f(-1)").unwrap();
        assert_eq!((o.number, o.quiet, s.as_str()), (10, true, "f(-1)"));
        let (_, s) = timeit_options("-x").unwrap();
        assert_eq!(s, "-x");
    }

    unit_cases!(
        times_read_as_ipython_prints_them,
        timeit_options_come_before_the_statement
    );
}
