//! `tf.keras.utils.get_file`: Keras's cache lookup (`~/.keras/datasets`, or `cache_dir` /
//! `cache_subdir`, falling back to `/tmp/.keras` when the cache directory is not writable),
//! returning the path of a file already there. tensh has no network: a file that is not in
//! the cache fails as Keras's download fails (`Downloading data from ...`, then
//! `Exception: URL fetch failure on ...`, an outdated file there removed), the message
//! saying where to put the file.
//! A sha256 `file_hash` is checked; `untar=True` extracts the tar.gz (`untar.rs`) when its
//! directory is not there yet; `extract=True` is not supported.

use crate::api::convert::given;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::pylib::os_path::expanduser;
use std::path::Path;

/// `os.access(path, os.W_OK)`.
fn writable(path: &str) -> bool {
    match std::ffi::CString::new(path) {
        // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
        Ok(c) => unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 },
        Err(_) => false,
    }
}

/// `os.path.join(a, b)`: an absolute `b` replaces `a`.
fn join(a: &str, b: &str) -> String {
    if b.starts_with('/') {
        b.to_string()
    } else if a.is_empty() || a.ends_with('/') {
        format!("{}{}", a, b)
    } else {
        format!("{}/{}", a, b)
    }
}

/// `os.path.basename(urlsplit(origin).path)`.
fn url_basename(origin: &str) -> String {
    let rest = match origin.find("://") {
        Some(i) => {
            let after = &origin[i + 3..];
            after.find('/').map_or("", |j| &after[j..])
        }
        None => origin,
    };
    let path = rest.split(['?', '#']).next().unwrap_or("");
    path.rsplit('/').next().unwrap_or("").to_string()
}

/// The sha256 of a file, as lowercase hex.
fn sha256_of(path: &str) -> Option<String> {
    use sha2::Digest;
    let data = std::fs::read(path).ok()?;
    Some(
        sha2::Sha256::digest(&data)
            .iter()
            .map(|b| format!("{:02x}", b))
            .collect(),
    )
}

/// `validate_file`: None when the hash cannot be checked here (md5).
fn hash_matches(path: &str, file_hash: &str, algorithm: &str) -> Option<bool> {
    let sha = algorithm == "sha256" || (algorithm == "auto" && file_hash.len() == 64);
    if !sha {
        return None;
    }
    Some(sha256_of(path)? == file_hash)
}

/// Prints a line as Keras's `io_utils.print_msg` does (through `print`, so a redirected
/// `sys.stdout` sees it).
fn print_msg(it: &mut Interp, msg: &str) -> R<()> {
    if let Some(p) = it.builtins.get("print").cloned() {
        it.call(&p, Args::new(vec![Value::str(msg)]))?;
    }
    Ok(())
}

fn text(it: &mut Interp, v: &Value) -> R<String> {
    crate::pylib::oserror::fspath(it, v)
}

crate::builtin! {
    /// Downloads a file from a URL if it not already in the cache.
    python ["tf.keras.utils.get_file"]
    fn get_file(it, fname = None, origin = None, untar = False, md5_hash = None,
        file_hash = None, cache_subdir = "datasets", hash_algorithm = "auto", extract = False,
        archive_format = "auto", cache_dir = None) {
        let Some(origin) = given(origin) else {
            return raise(
                ExcKind::ValueError,
                "Please specify the \"origin\" argument (URL of the file to download).",
            );
        };
        let origin = it.str_of(&origin)?;
        let cache_dir = match given(cache_dir) {
            Some(d) => text(it, &d)?,
            None => expanduser("~/.keras"),
        };
        let mut file_hash = given(file_hash).map(|h| it.str_of(&h)).transpose()?;
        let mut algorithm = it.str_of(&hash_algorithm)?;
        if let (Some(h), None) = (given(md5_hash), &file_hash) {
            file_hash = Some(it.str_of(&h)?);
            algorithm = "md5".into();
        }
        let mut base = expanduser(&cache_dir);
        if !writable(&base) {
            base = "/tmp/.keras".into();
        }
        let subdir = text(it, &cache_subdir)?;
        let datadir = join(&base, &subdir);
        if let Err(e) = std::fs::create_dir_all(&datadir) {
            return Err(crate::pylib::oserror::os_error(&e, &datadir));
        }
        let mut fname = match given(fname) {
            Some(f) => text(it, &f)?,
            None => String::new(),
        };
        if fname.is_empty() {
            fname = url_basename(&origin);
            if fname.is_empty() {
                return Err(value_err(format!(
                    "Can't parse the file name from the origin provided: '{}'.Please specify the `fname` as the input param.",
                    origin
                )));
            }
        }
        let untar = it.truthy(&untar)?;
        let extract = it.truthy(&extract)?;
        let (fpath, untar_path) = if untar {
            let stem = fname.strip_suffix(".tar.gz").unwrap_or(&fname).to_string();
            let u = join(&datadir, &stem);
            (format!("{}.tar.gz", u), Some(u))
        } else {
            (join(&datadir, &fname), None)
        };
        let mut download = !Path::new(&fpath).exists();
        if !download {
            if let Some(h) = &file_hash {
                if hash_matches(&fpath, h, &algorithm) == Some(false) {
                    print_msg(it, &format!(
                        "A local file was found, but it seems to be incomplete or outdated because the {} file hash does not match the original value of {} so we will re-download the data.",
                        algorithm, h
                    ))?;
                    download = true;
                }
            }
        }
        if download {
            print_msg(it, &format!("Downloading data from {}", origin))?;
            // Keras removes what it was downloading into when the download fails: an
            // outdated file found there is gone afterwards.
            let _ = std::fs::remove_file(&fpath);
            return raise(
                ExcKind::Exception,
                format!(
                    "URL fetch failure on {}: None -- tensh has no network access: download the file yourself and save it as {}",
                    origin, fpath
                ),
            );
        }
        if let Some(u) = untar_path {
            if !Path::new(&u).exists() {
                super::untar::extract(&fpath, &datadir)?;
            }
            return Ok(Value::str(&u));
        }
        if extract {
            return raise(
                ExcKind::NotImplementedError,
                format!("tensh does not extract archives: extract {} into {} yourself and call get_file without extract=True", fpath, datadir),
            );
        }
        Ok(Value::str(&fpath))
    }
}
