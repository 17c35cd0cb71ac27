//! The pickle module against CPython: fixtures pickled by CPython and numpy
//! (`tests/pickle/`, written by `scripts/pickle_fixtures.py`) must unpickle to the values
//! CPython printed; tensh's own pickles must read back in tensh and, when a `python3` is
//! installed, in CPython; and malformed input (truncated, random) must end in an error,
//! never a panic.

use super::{dumps_value, loads_bytes};
use crate::eval::{Interp, Value};
use std::path::{Path, PathBuf};

fn session() -> Interp {
    crate::golden::runner::capture_session(0).0
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pickle")
}

fn load(it: &mut Interp, data: &[u8], encoding: &str) -> Result<Value, String> {
    loads_bytes(it, data, &Value::str(encoding), true)
        .map(|(v, _)| v)
        .map_err(|e| format!("{:?}", e))
}

/// The repr CPython printed, where tensh prints otherwise on purpose.
fn expected(name: &str, text: &str) -> String {
    match name {
        // tensh holds big-endian arrays in native order.
        "bigendian" => "array([0, 1, 2], dtype=int32)".into(),
        _ => text.trim_end().to_string(),
    }
}

fn cpython_pickles_unpickle_to_what_cpython_printed() {
    let mut it = session();
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("tests/pickle")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pkl"))
        .collect();
    entries.sort();
    for path in entries {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let name = file.split('.').next().unwrap().to_string();
        let text = std::fs::read_to_string(fixtures().join(format!("{}.txt", name))).unwrap();
        let data = std::fs::read(&path).unwrap();
        let encoding = if name == "py2_cifar" {
            "bytes"
        } else {
            "ASCII"
        };
        let v = load(&mut it, &data, encoding).unwrap_or_else(|e| panic!("{}: {}", file, e));
        let got = it.repr(&v).unwrap();
        assert_eq!(got, expected(&name, &text), "{}", file);
        checked += 1;
    }
    assert!(checked >= 70, "only {} fixtures", checked);
}

fn tensh_writes_protocol_4_as_cpython_does() {
    // Byte for byte, for values whose pickles do not depend on object identity.
    let mut it = session();
    for name in [
        "scalars",
        "containers",
        "many",
        "float32",
        "int64",
        "uint8",
        "bool",
        "objects",
    ] {
        let path = fixtures().join(format!("{}.p4.pkl", name));
        let data = std::fs::read(&path).unwrap();
        let v = load(&mut it, &data, "ASCII").unwrap();
        let again = dumps_value(&mut it, &v, &Value::Int(4)).unwrap();
        assert_eq!(again, data, "{}", name);
    }
}

fn tensh_pickles_read_back_for_every_protocol() {
    let mut it = session();
    for path in std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| e.ok())
    {
        let path = path.path();
        if !path.to_string_lossy().ends_with(".p4.pkl") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let v = load(&mut it, &data, "ASCII").unwrap();
        let want = it.repr(&v).unwrap();
        for proto in 2..=5 {
            let bytes = dumps_value(&mut it, &v, &Value::Int(proto)).unwrap();
            let back = load(&mut it, &bytes, "ASCII").unwrap();
            assert_eq!(
                it.repr(&back).unwrap(),
                want,
                "{:?} protocol {}",
                path,
                proto
            );
        }
    }
}

/// Whether `python3` runs here, and whether it has numpy.
fn python() -> Option<bool> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import importlib.util as u; print(u.find_spec('numpy') is not None)",
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim() == "True")
}

fn cpython_reads_what_tensh_writes() {
    let Some(numpy) = python() else {
        eprintln!("python3 not found: skipped");
        return;
    };
    let (mut it, _buf) = crate::golden::runner::capture_session(0);
    let mut exprs = vec![
        "[None, True, 1, -2**70, 2.5, 'h\\u00e9', b'\\x00', bytearray(b'x'), (1, (2,)), {1: [2]}, {3}]",
        "list(range(3000))",
        "'y' * 70000",
        "{'k%d' % i: i for i in range(1500)}",
    ];
    if numpy {
        exprs.extend([
            "np.arange(6, dtype=np.float32).reshape(2, 3)",
            "np.array([[1, 2], [3]], dtype=object)",
            "[np.arange(3), np.float64(1.5), np.array([True])]",
        ]);
    }
    for e in exprs {
        it.run(&format!("__v = {}", e), None, false);
        let v = it.run_expr("__v").expect(e);
        let want = it.repr(&v).unwrap();
        for proto in 2..=5 {
            let bytes = dumps_value(&mut it, &v, &Value::Int(proto)).unwrap();
            let mut child = std::process::Command::new("python3")
                .args([
                    "-c",
                    "import pickle, sys\ntry:\n import numpy\nexcept ImportError:\n pass\nprint(repr(pickle.loads(sys.stdin.buffer.read())))",
                ])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&bytes).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{} protocol {}", e, proto);
            let got = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
            assert_eq!(got, want, "{} protocol {}", e, proto);
        }
    }
}

fn malformed_pickles_are_errors_not_panics() {
    let mut it = session();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for e in std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| e.ok())
    {
        let data = std::fs::read(e.path()).unwrap();
        if data.len() > 20_000 {
            continue;
        }
        // Every truncation, and copies with a few bytes changed.
        for cut in 0..data.len() {
            inputs.push(data[..cut].to_vec());
        }
        for _ in 0..20 {
            let mut d = data.clone();
            for _ in 0..3 {
                if d.is_empty() {
                    break;
                }
                let at = (next() as usize) % d.len();
                d[at] = next() as u8;
            }
            inputs.push(d);
        }
    }
    for _ in 0..2000 {
        let n = (next() % 64) as usize;
        let mut d = vec![0x80, 4];
        d.extend((0..n).map(|_| next() as u8));
        inputs.push(d);
    }
    for d in inputs {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = loads_bytes(&mut it, &d, &Value::str("bytes"), true);
        }));
        assert!(r.is_ok(), "panic on {:?}", d);
    }
}

unit_cases!(
    cpython_pickles_unpickle_to_what_cpython_printed,
    tensh_writes_protocol_4_as_cpython_does,
    tensh_pickles_read_back_for_every_protocol,
    cpython_reads_what_tensh_writes,
    malformed_pickles_are_errors_not_panics,
);
