//! A Python virtual environment under `target/` with the Jupyter packages the notebook and
//! kernel tests check against (nbformat's validator, jupyter_client). Made once and kept;
//! None (and the test skips, saying why) when Python, venv or the package index is absent.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The venv's python with `packages` installed, or why there is none.
pub fn python_with(name: &str, packages: &[&str]) -> Result<PathBuf, String> {
    if std::env::var_os("TENSH_SKIP_PYTHON_TESTS").is_some() {
        return Err("TENSH_SKIP_PYTHON_TESTS is set".into());
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("py-{}", name));
    let py = dir.join("bin").join("python");
    let marker = dir.join(".installed");
    if marker.exists() && py.exists() {
        return Ok(py);
    }
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&dir)
        .output()
        .map_err(|e| format!("no python3 ({})", e))?;
    if !ok.status.success() {
        return Err(format!(
            "python3 -m venv failed: {}",
            String::from_utf8_lossy(&ok.stderr).trim()
        ));
    }
    let pip = Command::new(&py)
        .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
        .args(packages)
        .output()
        .map_err(|e| format!("pip did not run ({})", e))?;
    if !pip.status.success() {
        return Err(format!(
            "pip install {} failed: {}",
            packages.join(" "),
            String::from_utf8_lossy(&pip.stderr).trim()
        ));
    }
    let _ = std::fs::write(&marker, packages.join("\n"));
    Ok(py)
}

/// A fresh scratch directory for one test.
pub fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tensh-{}-{}", tag, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}
