//! Extracting a (gzipped) tar archive as `get_file(..., untar=True)` does with what it
//! downloaded: regular files and directories, ustar prefixes and GNU long names, members
//! whose paths would leave the target directory skipped (Keras extracts through a filter
//! of safe paths). Each member is checked against the memory budget before it is read.

use crate::errors::ExcKind;
use crate::eval::error::{err, Flow, R};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

fn octal(field: &[u8]) -> Option<u64> {
    let s: String = field
        .iter()
        .take_while(|&&b| b != 0)
        .map(|&b| b as char)
        .collect();
    let s = s.trim();
    if s.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(s, 8).ok()
}

fn text(field: &[u8]) -> String {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

fn bad(path: &str, why: &str) -> Flow {
    err(
        ExcKind::OSError,
        format!("cannot extract {}: {}", path, why),
    )
}

/// Where a member goes under `dest`, or None when its path is absolute or climbs out.
fn safe_target(dest: &Path, name: &str) -> Option<PathBuf> {
    let p = Path::new(name);
    let mut out = dest.to_path_buf();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Reads exactly `n` bytes (n within the budget).
fn read_n(r: &mut impl Read, n: u64, archive: &str) -> R<Vec<u8>> {
    let limit = crate::tensor::alloc::limit() as u64;
    if n > limit {
        return Err(err(ExcKind::MemoryError, ""));
    }
    let mut buf = vec![0u8; n as usize];
    r.read_exact(&mut buf)
        .map_err(|_| bad(archive, "the archive is truncated"))?;
    Ok(buf)
}

/// Extracts the tar (or tar.gz) archive at `archive` into `dest`.
pub(crate) fn extract(archive: &str, dest: &str) -> R<()> {
    let file =
        std::fs::File::open(archive).map_err(|e| crate::pylib::oserror::os_error(&e, archive))?;
    let mut magic = [0u8; 2];
    let gz = {
        let mut f = std::fs::File::open(archive)
            .map_err(|e| crate::pylib::oserror::os_error(&e, archive))?;
        f.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b]
    };
    let mut reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::GzDecoder::new(std::io::BufReader::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let dest = Path::new(dest);
    let mut long_name: Option<String> = None;
    loop {
        let mut header = [0u8; 512];
        if reader.read_exact(&mut header).is_err() {
            break;
        }
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let size = octal(&header[124..136]).ok_or_else(|| bad(archive, "a header is malformed"))?;
        let kind = header[156];
        let mut name = text(&header[0..100]);
        if &header[257..262] == b"ustar" {
            let prefix = text(&header[345..500]);
            if !prefix.is_empty() {
                name = format!("{}/{}", prefix, name);
            }
        }
        if let Some(l) = long_name.take() {
            name = l;
        }
        let padded = size.div_ceil(512) * 512;
        match kind {
            b'L' | b'x' => {
                let data = read_n(&mut reader, padded, archive)?;
                let body = &data[..size as usize];
                if kind == b'L' {
                    long_name = Some(text(body));
                } else {
                    // A pax header: take its `path=` record.
                    let s = String::from_utf8_lossy(body);
                    for rec in s.lines() {
                        if let Some((_, kv)) = rec.split_once(' ') {
                            if let Some(p) = kv.strip_prefix("path=") {
                                long_name = Some(p.to_string());
                            }
                        }
                    }
                }
            }
            b'5' => {
                if let Some(t) = safe_target(dest, &name) {
                    std::fs::create_dir_all(&t)
                        .map_err(|e| crate::pylib::oserror::os_error(&e, &t.to_string_lossy()))?;
                }
                read_n(&mut reader, padded, archive)?;
            }
            b'0' | 0 | b'7' => {
                let data = read_n(&mut reader, padded, archive)?;
                if let Some(t) = safe_target(dest, &name) {
                    if let Some(parent) = t.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| {
                            crate::pylib::oserror::os_error(&e, &parent.to_string_lossy())
                        })?;
                    }
                    std::fs::write(&t, &data[..size as usize])
                        .map_err(|e| crate::pylib::oserror::os_error(&e, &t.to_string_lossy()))?;
                }
            }
            _ => {
                // Links and other special members are skipped.
                read_n(&mut reader, padded, archive)?;
            }
        }
    }
    Ok(())
}
