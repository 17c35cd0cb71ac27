//! Running cells as Jupyter does: a session whose stdout, stderr and figures are captured
//! as the outputs of the cell being run (streams, `display_data` PNGs, the value of the
//! last expression as `execute_result`, an error as `ename`/`evalue`/`traceback`), in the
//! order they happen. Notebooks collect them; the kernel also publishes each as it comes.

use crate::eval::session::Output;
use crate::eval::{Interp, Outcome};
use crate::repl::magics::{self, Mode, Stop};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// An error as a notebook keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorOut {
    pub ename: String,
    pub evalue: String,
    pub traceback: Vec<String>,
}

/// One output of a cell, in the order they came.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Text written to `stdout` or `stderr`.
    Stream {
        name: &'static str,
        text: String,
    },
    /// A figure: its PNG bytes and its repr (`<Figure size 640x480 with 1 Axes>`).
    Display {
        png: Vec<u8>,
        text: String,
    },
    /// The value of the cell's last expression, as IPython's display hook prints it.
    Result {
        text: String,
    },
    Error(ErrorOut),
}

/// A listener told of each output as it happens (the kernel publishes them).
pub type Live = Box<dyn FnMut(&Event)>;

/// Where the session's output goes while a cell runs. The latest piece of stderr is held
/// back until something else is written: when the cell fails, it is the error's report
/// and becomes the `error` output instead of text.
#[derive(Default)]
struct Sink {
    events: Vec<Event>,
    held_err: Option<String>,
    live: Option<Live>,
}

impl Sink {
    fn push(&mut self, e: Event) {
        if let Some(live) = &mut self.live {
            live(&e);
        }
        // Consecutive text on the same stream is one output, as Jupyter keeps it.
        if let (Event::Stream { name, text }, Some(Event::Stream { name: n0, text: t0 })) =
            (&e, self.events.last_mut())
        {
            if n0 == name {
                t0.push_str(text);
                return;
            }
        }
        self.events.push(e);
    }

    fn release(&mut self) {
        if let Some(text) = self.held_err.take() {
            self.push(Event::Stream {
                name: "stderr",
                text,
            });
        }
    }
}

struct StreamWriter {
    sink: Rc<RefCell<Sink>>,
    err: bool,
}

impl Write for StreamWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if b.is_empty() {
            return Ok(0);
        }
        let text = String::from_utf8_lossy(b).into_owned();
        let mut s = self.sink.borrow_mut();
        s.release();
        if self.err {
            s.held_err = Some(text);
        } else {
            s.push(Event::Stream {
                name: "stdout",
                text,
            });
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What running one cell gave.
pub struct CellResult {
    pub execution_count: usize,
    pub events: Vec<Event>,
    /// How it ended: `Ok`, or the error's name (`UsageError` for a magic's).
    pub error: Option<ErrorOut>,
    /// `SystemExit` ended it with this status.
    pub exit: Option<u8>,
}

/// A session that runs cells as a Jupyter kernel does.
pub struct Executor {
    pub it: Interp,
    sink: Rc<RefCell<Sink>>,
    pub execution_count: usize,
}

impl Executor {
    pub fn new(seed: Option<u64>) -> Executor {
        let sink = Rc::new(RefCell::new(Sink::default()));
        let io = Output {
            out: Box::new(StreamWriter {
                sink: sink.clone(),
                err: false,
            }),
            err: Box::new(StreamWriter {
                sink: sink.clone(),
                err: true,
            }),
            color: false,
            tty: false,
        };
        let it = crate::session(io, seed);
        let figures = sink.clone();
        crate::plot::set_inline(Some(Rc::new(move |png, text| {
            let mut s = figures.borrow_mut();
            s.release();
            s.push(Event::Display { png, text });
        })));
        magics::set_inline(true);
        magics::clear_history();
        Executor {
            it,
            sink,
            execution_count: 0,
        }
    }

    /// Tells `live` of every output from now on.
    pub fn set_live(&mut self, live: Option<Live>) {
        self.sink.borrow_mut().live = live;
    }

    /// Runs one cell; with `store`, it counts (`In [n]`) and goes into `%history`.
    pub fn execute(&mut self, code: &str, store: bool) -> CellResult {
        if store {
            self.execution_count += 1;
            magics::record_input(code);
        }
        let n = self.execution_count;
        let file = format!("Cell In[{}]", n);
        let run = magics::run_cell(
            &mut self.it,
            code,
            &file,
            Mode::Notebook { display_last: true },
        );
        self.it.flush();
        let held = self.sink.borrow_mut().held_err.take();
        let mut error = None;
        let mut exit = None;
        match (&run.stop, held) {
            (Some(Stop::Failed), Some(report)) => error = Some(parse_report(&report)),
            (Some(Stop::Failed), None) => {
                error = Some(ErrorOut {
                    ename: "Exception".into(),
                    evalue: String::new(),
                    traceback: vec![],
                })
            }
            (stop, held) => {
                if let Some(text) = held {
                    self.sink.borrow_mut().push(Event::Stream {
                        name: "stderr",
                        text,
                    });
                }
                match stop {
                    Some(Stop::Usage(msg)) => {
                        error = Some(ErrorOut {
                            ename: "UsageError".into(),
                            evalue: msg.clone(),
                            traceback: vec![],
                        })
                    }
                    Some(Stop::Exit(c)) => {
                        exit = Some(*c);
                        error = Some(ErrorOut {
                            ename: "SystemExit".into(),
                            evalue: c.to_string(),
                            traceback: vec![
                                "An exception has occurred, use %tb to see the full traceback.\n"
                                    .into(),
                                format!("SystemExit: {}", c),
                            ],
                        })
                    }
                    _ => {}
                }
            }
        }
        // A usage error is only text, as IPython prints it; other errors are outputs.
        if let Some(e) = &error {
            if e.ename != "UsageError" {
                self.sink.borrow_mut().push(Event::Error(e.clone()));
            }
        }
        if let Some(v) = run.value {
            match super::pretty::text(&mut self.it, &v) {
                Ok(text) => self.sink.borrow_mut().push(Event::Result { text }),
                Err(crate::eval::error::Flow::Error(e)) => {
                    let err = ErrorOut {
                        ename: e.class_name().rsplit('.').next().unwrap_or("").to_string(),
                        evalue: e.message.clone(),
                        traceback: vec![format!("{}: {}", e.class_name(), e.message)],
                    };
                    self.sink.borrow_mut().push(Event::Error(err.clone()));
                    error = Some(err);
                }
                Err(_) => {}
            }
        }
        // The inline backend shows the figures still open, then closes them.
        crate::plot::flush_inline(&mut self.it);
        self.it.flush();
        self.sink.borrow_mut().release();
        let events = std::mem::take(&mut self.sink.borrow_mut().events);
        CellResult {
            execution_count: n,
            events,
            error,
            exit,
        }
    }

    pub fn outcome(r: &CellResult) -> Outcome {
        match (&r.exit, &r.error) {
            (Some(c), _) => Outcome::Exit(*c),
            (None, Some(_)) => Outcome::Failed,
            _ => Outcome::Ok,
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        crate::plot::set_inline(None);
        magics::set_inline(false);
    }
}

/// An error's report (`Traceback ...`, the frames, then `Name: message`) as the parts a
/// notebook keeps: the name without its module, the message, and the report as its
/// traceback.
pub fn parse_report(report: &str) -> ErrorOut {
    let text = report.trim_end_matches('\n');
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    if lines
        .first()
        .is_some_and(|l| l.starts_with("Traceback (most recent call last)"))
    {
        i = 1;
    }
    while i + 1 < lines.len() && (lines[i].starts_with(' ') || lines[i].is_empty()) {
        i += 1;
    }
    let header = lines[i..].join("\n");
    let (name, value) = match header.split_once(": ") {
        Some((n, v)) if !n.contains(char::is_whitespace) => (n.to_string(), v.to_string()),
        _ if !header.contains(char::is_whitespace) => (header.clone(), String::new()),
        _ => ("Exception".to_string(), header.clone()),
    };
    ErrorOut {
        ename: name.rsplit('.').next().unwrap_or(&name).to_string(),
        evalue: value,
        traceback: vec![text.to_string()],
    }
}

pub(crate) mod tests {
    use super::*;

    fn reports_split_into_name_value_and_traceback() {
        let e = parse_report("Traceback (most recent call last):\n  File \"Cell In[1]\", line 1, in <module>\n    1/0\nZeroDivisionError: division by zero\n");
        assert_eq!(e.ename, "ZeroDivisionError");
        assert_eq!(e.evalue, "division by zero");
        let e = parse_report("  File \"Cell In[2]\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n");
        assert_eq!(
            (e.ename.as_str(), e.evalue.as_str()),
            ("SyntaxError", "'(' was never closed")
        );
        let e = parse_report("KeyboardInterrupt\n");
        assert_eq!(
            (e.ename.as_str(), e.evalue.as_str()),
            ("KeyboardInterrupt", "")
        );
        let e =
            parse_report("tensorflow.python.framework.errors_impl.InvalidArgumentError: bad\nmore");
        assert_eq!(
            (e.ename.as_str(), e.evalue.as_str()),
            ("InvalidArgumentError", "bad\nmore")
        );
    }

    fn a_cell_gives_streams_a_result_and_errors() {
        let mut ex = Executor::new(Some(0));
        let r = ex.execute(
            "print('hi')\nimport sys\nprint('warn', file=sys.stderr)\n1 + 1",
            true,
        );
        assert_eq!(r.execution_count, 1);
        assert_eq!(
            r.events,
            vec![
                Event::Stream {
                    name: "stdout",
                    text: "hi\n".into()
                },
                Event::Stream {
                    name: "stderr",
                    text: "warn\n".into()
                },
                Event::Result { text: "2".into() },
            ]
        );
        let r = ex.execute("x = 1\n1/0\nprint('not reached')", true);
        assert_eq!(r.events.len(), 1);
        let Event::Error(e) = &r.events[0] else {
            panic!("{:?}", r.events)
        };
        assert_eq!(
            (e.ename.as_str(), e.evalue.as_str()),
            ("ZeroDivisionError", "division by zero")
        );
        let r = ex.execute("%foo", true);
        assert_eq!(
            r.events,
            vec![Event::Stream {
                name: "stderr",
                text: "UsageError: Line magic function `%foo` not found.\n".into()
            }]
        );
        assert_eq!(r.error.map(|e| e.ename), Some("UsageError".into()));
        let r = ex.execute("x;", true);
        assert!(r.events.is_empty());
        let r = ex.execute(
            "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.title('t');",
            true,
        );
        assert_eq!(r.events.len(), 1, "{:?}", r.events);
        let Event::Display { png, text } = &r.events[0] else {
            panic!("{:?}", r.events)
        };
        assert!(png.starts_with(b"\x89PNG"));
        assert_eq!(text, "<Figure size 640x480 with 1 Axes>");
    }

    unit_cases!(
        reports_split_into_name_value_and_traceback,
        a_cell_gives_streams_a_result_and_errors,
    );
}
