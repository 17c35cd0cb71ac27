//! Reference cases with TensorFlow 2.15's own output: tests/conformance (copied from
//! ../shared/conformance) and tests/reference (tensh's cases, their `.marked` output made by
//! ../shared/reference/tf-oracle). Every top-level statement must print what TensorFlow
//! printed: byte for byte, or within float32 precision, or (for errors) the same exception.
//! One test per case. Cases that need later parts of the project are ignored until then.
//! The kernel cases also run with the loops at each narrower SIMD width (`TENSH_SIMD`):
//! every statement must score against TensorFlow as it does at the CPU's widest width, so
//! the AVX-512, AVX2 and scalar paths give the same numbers.

mod support;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use support::{instrument, run_merged_env, score, split_marked, Score};

/// Cases whose areas are not all built yet (part 11: the transposed, depthwise, separable and 3-D convolution layers,
/// the padding, cropping and upsampling layers); run them with `--ignored`.
const PENDING: &[&str] = &[];

/// Cases that must match byte for byte (numbers included).
fn needs_exact(name: &str) -> bool {
    name.starts_with("fmt_")
}

/// Cases whose statements run the SIMD loops (elementwise, activations, softmax,
/// reductions, convolution and pooling) that `check_widths` runs at every width.
const KERNEL_CASES: &[&str] = &[
    "activation_exact",
    "conv_relu_grads",
    "nn_conv",
    "nn_pool",
    "ops_math",
    "np_ufuncs_trig",
    "tf_function_compiled",
];

/// The case's expected statements and its output with `env`, statement by statement.
type Outputs = (Vec<Option<String>>, Vec<Option<String>>, Vec<bool>);

fn run_case(py: &Path, env: &[(&str, &str)]) -> Result<Outputs, Failed> {
    let src = std::fs::read_to_string(py).map_err(|e| e.to_string())?;
    let marked = std::fs::read_to_string(py.with_extension("marked")).map_err(|e| e.to_string())?;
    let (inst, random) = instrument(&src);
    let n = random.len();
    let expected = split_marked(&marked, n);
    let dir = std::env::temp_dir().join(format!("tensh-conf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // A file per run: trials of one case run at the same time.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(
        "{run}-{}",
        py.file_name().unwrap_or_default().to_string_lossy()
    ));
    std::fs::write(&tmp, inst).map_err(|e| e.to_string())?;
    let got = split_marked(&run_merged_env(&tmp, env), n);
    let _ = std::fs::remove_file(&tmp);
    Ok((expected, got, random))
}

fn check(py: &Path) -> Result<(), Failed> {
    let (expected, got, random) = run_case(py, &[])?;
    let exact = needs_exact(&py.file_stem().unwrap_or_default().to_string_lossy());
    let mut failures = Vec::new();
    for (i, e) in expected.iter().enumerate() {
        let Some(e) = e else { continue };
        let s = score(e, got[i].as_deref(), random[i]);
        let ok = match s {
            Score::Exact | Score::Shape => true,
            Score::Tolerant | Score::ErrName => !exact,
            Score::Miss => false,
        };
        if !ok {
            failures.push(format!(
                "statement {} ({:?})\n--- expected\n{}\n--- got\n{}",
                i,
                s,
                e,
                got[i].as_deref().unwrap_or("<nothing>")
            ));
        }
    }
    report(failures)
}

/// The case at SIMD width `width` scores statement by statement as at the widest width.
fn check_width(py: &Path, width: &str) -> Result<(), Failed> {
    let (expected, widest, random) = run_case(py, &[])?;
    let (_, got, _) = run_case(py, &[("TENSH_SIMD", width)])?;
    let mut failures = Vec::new();
    for (i, e) in expected.iter().enumerate() {
        let Some(e) = e else { continue };
        let at_widest = score(e, widest[i].as_deref(), random[i]);
        let here = score(e, got[i].as_deref(), random[i]);
        if here != at_widest {
            failures.push(format!(
                "statement {} ({:?} at {}, {:?} at the widest width)\n--- expected\n{}\n--- got\n{}",
                i,
                here,
                width,
                at_widest,
                e,
                got[i].as_deref().unwrap_or("<nothing>")
            ));
        }
    }
    report(failures)
}

fn report(failures: Vec<String>) -> Result<(), Failed> {
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} statement(s) differ from TensorFlow:\n{}",
            failures.len(),
            failures.join("\n\n")
        )
        .into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let dirs = [root.join("conformance"), root.join("reference")];
    let mut trials = Vec::new();
    for (name, p) in support::cases(&dirs, "py") {
        if KERNEL_CASES.contains(&name.as_str()) {
            for width in ["avx2", "scalar"] {
                let p = p.clone();
                trials.push(Trial::test(format!("{name}@{width}"), move || {
                    check_width(&p, width)
                }));
            }
        }
        let pending = PENDING.contains(&name.as_str());
        trials.push(Trial::test(name, move || check(&p)).with_ignored_flag(pending));
    }
    libtest_mimic::run(&args, trials).exit();
}
