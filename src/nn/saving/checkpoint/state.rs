//! The `checkpoint` file beside checkpoints: a `CheckpointState` in protobuf's text
//! format naming the latest checkpoint and the ones kept, relative to the directory,
//! with the times a `CheckpointManager` saved them.

use crate::eval::error::R;
use crate::eval::Flow;
use std::path::Path;

#[derive(Default, Debug, Clone)]
pub(crate) struct State {
    pub latest: String,
    pub all: Vec<String>,
    pub timestamps: Vec<f64>,
    pub last_preserved: Option<f64>,
}

/// A string as protobuf's text format quotes it.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn unquote(s: &str) -> Option<String> {
    let s = s.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                c => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// `name` relative to `dir` when it lies there (as TensorFlow records it).
fn relative(dir: &Path, path: &str) -> String {
    match Path::new(path).strip_prefix(dir) {
        Ok(rel) if !dir.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

/// Writes `dir/checkpoint`; the paths are prefixes as the caller knows them.
pub(crate) fn write(dir: &Path, st: &State) -> R<()> {
    let mut text = format!(
        "model_checkpoint_path: \"{}\"\n",
        escape(&relative(dir, &st.latest))
    );
    for p in &st.all {
        text.push_str(&format!(
            "all_model_checkpoint_paths: \"{}\"\n",
            escape(&relative(dir, p))
        ));
    }
    for t in &st.timestamps {
        text.push_str(&format!(
            "all_model_checkpoint_timestamps: {}\n",
            crate::eval::repr::float_repr(*t)
        ));
    }
    if let Some(t) = st.last_preserved {
        text.push_str(&format!(
            "last_preserved_timestamp: {}\n",
            crate::eval::repr::float_repr(t)
        ));
    }
    let path = dir.join("checkpoint");
    std::fs::write(&path, text)
        .map_err(|e| -> Flow { crate::pylib::oserror::os_error(&e, &path.to_string_lossy()) })
}

/// Joins a recorded path to the directory unless it is absolute.
fn joined(dir: &str, name: &str) -> String {
    if Path::new(name).is_absolute() {
        name.to_string()
    } else {
        Path::new(dir).join(name).to_string_lossy().into_owned()
    }
}

/// Reads `dir/<name>`: the recorded paths joined to the directory.
pub(crate) fn read(dir: &str, name: &str) -> Option<State> {
    let text = std::fs::read_to_string(Path::new(dir).join(name)).ok()?;
    let mut st = State::default();
    let mut found = false;
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        match key.trim() {
            "model_checkpoint_path" => {
                st.latest = joined(dir, &unquote(value)?);
                found = true;
            }
            "all_model_checkpoint_paths" => st.all.push(joined(dir, &unquote(value)?)),
            "all_model_checkpoint_timestamps" => {
                st.timestamps.push(value.trim().parse().unwrap_or(0.0))
            }
            "last_preserved_timestamp" => st.last_preserved = value.trim().parse().ok(),
            _ => {}
        }
    }
    found.then_some(st)
}

/// `tf.train.latest_checkpoint`: the latest prefix the state names, if its index exists.
pub(crate) fn latest(dir: &str, name: &str) -> Option<String> {
    let st = read(dir, name)?;
    Path::new(&format!("{}.index", st.latest))
        .is_file()
        .then_some(st.latest)
}
