//! `np.save`, `np.load`, `np.savez` and `np.savez_compressed`: `.npy` files (`npy.rs`) and
//! `.npz` zip archives of them, read back as an `NpzFile` (`files`, `d['x']`, `keys()`,
//! a context manager), with numpy's file-name rules (`.npy`/`.npz` added when missing).

use super::npy;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Flow, Interp, Value};
use crate::tensor::Tensor;
use std::any::Any;
use std::io::{Read, Write};
use std::rc::Rc;

fn io_err(e: std::io::Error, path: &str) -> Flow {
    crate::pylib::oserror::os_error(&e, path)
}

fn array_of(it: &mut Interp, v: &Value) -> R<Tensor> {
    super::numpy::np_array(it, v, None)
}

fn read_file(path: &str) -> R<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| io_err(e, path))?;
    crate::tensor::alloc::check(&[meta.len() as usize], crate::tensor::DType::U8, "load")?;
    std::fs::read(path).map_err(|e| io_err(e, path))
}

fn bad(m: String) -> Flow {
    err(ExcKind::ValueError, m)
}

/// An `.npz` archive read into memory: its members, by name.
pub(crate) struct NpzFile {
    path: String,
    members: Vec<(String, Vec<u8>)>,
    allow_pickle: bool,
}

/// The array a `.npy` file's bytes hold; an object array is unpickled when allowed.
fn npy_value(it: &mut Interp, bytes: &[u8], allow_pickle: bool) -> R<Value> {
    let h = npy::header(bytes).map_err(bad)?;
    if !h.descr.contains('O') {
        return Ok(Value::ndarray(npy::decode(bytes).map_err(bad)?));
    }
    if !allow_pickle {
        return raise(
            ExcKind::ValueError,
            "Object arrays cannot be loaded when allow_pickle=False",
        );
    }
    let body = bytes.get(h.data_start..).unwrap_or(&[]);
    let (v, _) = super::pickle::loads_bytes(it, body, &Value::str("ASCII"), true)?;
    Ok(v)
}

/// The bytes of a `.npy` file holding `v`: an object array pickled, anything else as
/// numbers.
fn npy_bytes(it: &mut Interp, v: &Value, allow_pickle: bool) -> R<Vec<u8>> {
    if let Some(a) = super::np_object::obj_array(v) {
        if !allow_pickle {
            return raise(
                ExcKind::ValueError,
                "Object arrays cannot be saved when allow_pickle=False",
            );
        }
        let shape = a.shape.clone();
        let payload = super::pickle::dumps_value(it, v, &Value::Int(3))?;
        return Ok(npy::encode_pickled(&shape, &payload));
    }
    let t = array_of(it, v)?;
    Ok(npy::encode(&t))
}

impl NpzFile {
    fn files(&self) -> Vec<String> {
        self.members
            .iter()
            .map(|(n, _)| n.strip_suffix(".npy").unwrap_or(n).to_string())
            .collect()
    }

    fn get(&self, it: &mut Interp, key: &str) -> R<Value> {
        let member = self
            .members
            .iter()
            .find(|(n, _)| n == key || n.strip_suffix(".npy") == Some(key));
        match member {
            Some((_, bytes)) if npy::is_npy(bytes) => npy_value(it, bytes, self.allow_pickle),
            Some((_, bytes)) => Ok(Value::Bytes(Rc::from(bytes.as_slice()))),
            None => raise(
                ExcKind::KeyError,
                format!("'{} is not a file in the archive'", key),
            ),
        }
    }
}

const NPZ_METHODS: [&str; 10] = [
    "__getitem__",
    "__contains__",
    "__len__",
    "__enter__",
    "__exit__",
    "keys",
    "values",
    "items",
    "close",
    "get",
];

fn npz_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(z) = this.as_object::<NpzFile>() else {
        return Ok(Value::None);
    };
    let files = z.files();
    match name {
        "__getitem__" | "get" => {
            let key = args.pos.first().cloned().unwrap_or(Value::None);
            let Value::Str(k) = &key else {
                let r = it.repr(&key)?;
                return raise(
                    ExcKind::KeyError,
                    format!("'{} is not a file in the archive'", r),
                );
            };
            if name == "get" && !files.iter().any(|f| f == &**k) {
                return Ok(args.pos.get(1).cloned().unwrap_or(Value::None));
            }
            z.get(it, k)
        }
        "__contains__" => Ok(Value::Bool(matches!(
            args.pos.first(),
            Some(Value::Str(k)) if files.iter().any(|f| f == &**k)
        ))),
        "__len__" => Ok(Value::Int(files.len() as i64)),
        "__enter__" => Ok(this.clone()),
        "__exit__" | "close" => Ok(Value::None),
        "keys" => Ok(Value::list(files.iter().map(|f| Value::str(f)).collect())),
        "values" => {
            let mut out = Vec::new();
            for f in &files {
                out.push(z.get(it, f)?);
            }
            Ok(Value::list(out))
        }
        _ => {
            let mut out = Vec::new();
            for f in &files {
                out.push(Value::tuple(vec![Value::str(f), z.get(it, f)?]));
            }
            Ok(Value::list(out))
        }
    }
}

impl Object for NpzFile {
    fn type_name(&self) -> String {
        "NpzFile".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if name == "files" {
            return Ok(Some(Value::list(
                self.files().iter().map(|f| Value::str(f)).collect(),
            )));
        }
        Ok(NPZ_METHODS
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, npz_method)))
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.files().iter().map(|f| Value::str(f)).collect())
    }
    fn attr_names(&self) -> Vec<String> {
        let mut v: Vec<String> = vec!["files".into()];
        v.extend(
            NPZ_METHODS
                .iter()
                .filter(|m| !m.starts_with("__"))
                .map(|m| m.to_string()),
        );
        v
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        let files = self.files();
        let shown = files.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        Ok(format!(
            "NpzFile '{}' with keys: {}{}",
            self.path,
            shown,
            if files.len() > 5 { "..." } else { "" }
        ))
    }
    fn class_path(&self) -> Option<String> {
        Some("numpy.lib.npyio.NpzFile".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn with_suffix(path: String, suffix: &str) -> String {
    if path.ends_with(suffix) {
        path
    } else {
        format!("{}{}", path, suffix)
    }
}

fn read_zip(bytes: &[u8], path: &str) -> R<Vec<(String, Vec<u8>)>> {
    let zerr =
        |e: zip::result::ZipError| bad(format!("Cannot read '{}' as an .npz archive: {}", path, e));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zerr)?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(zerr)?;
        crate::tensor::alloc::check(&[f.size() as usize], crate::tensor::DType::U8, "load")?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).map_err(|e| io_err(e, path))?;
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        out.push((name, data));
    }
    Ok(out)
}

fn savez(it: &mut Interp, file: &Value, args: &Value, kwds: &Value, compress: bool) -> R<Value> {
    let path = with_suffix(crate::pylib::oserror::fspath(it, file)?, ".npz");
    let mut named: Vec<(String, Value)> = Vec::new();
    if let Value::Dict(d) = kwds {
        let d = d.borrow();
        for (k, v) in d.keys.iter().zip(&d.values) {
            if let Value::Str(k) = k {
                named.push((k.to_string(), v.clone()));
            }
        }
    }
    if let Value::Tuple(t) = args {
        for (i, v) in t.iter().enumerate() {
            let key = format!("arr_{}", i);
            if named.iter().any(|(k, _)| *k == key) {
                return raise(
                    ExcKind::ValueError,
                    format!("Cannot use un-named variables and keyword {}", key),
                );
            }
            named.push((key, v.clone()));
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let method = if compress {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        let zerr = |e: zip::result::ZipError| {
            err(
                ExcKind::OSError,
                format!("Unable to write '{}': {}", path, e),
            )
        };
        for (k, v) in &named {
            let bytes = npy_bytes(it, v, true)?;
            z.start_file(format!("{}.npy", k), opts).map_err(zerr)?;
            z.write_all(&bytes).map_err(|e| io_err(e, &path))?;
        }
        z.finish().map_err(zerr)?;
    }
    std::fs::write(&path, buf.into_inner()).map_err(|e| io_err(e, &path))?;
    Ok(Value::None)
}

builtin! {
    /// Save an array to a binary file in NumPy ``.npy`` format.
    python ["np.save"]
    fn save(it, file, arr, allow_pickle = True, fix_imports = True) {
        let _ = fix_imports;
        let allow = it.truthy(&allow_pickle)?;
        let path = with_suffix(crate::pylib::oserror::fspath(it, &file)?, ".npy");
        let bytes = npy_bytes(it, &arr, allow)?;
        std::fs::write(&path, bytes).map_err(|e| io_err(e, &path))?;
        Ok(Value::None)
    }
}

builtin! {
    /// Load arrays or pickled objects from ``.npy``, ``.npz`` or pickled files.
    python ["np.load"]
    fn load(it, file, mmap_mode = None, allow_pickle = False, fix_imports = True, encoding = "ASCII", *, max_header_size = 10000) {
        let _ = (mmap_mode, max_header_size);
        let path = crate::pylib::oserror::fspath(it, &file)?;
        let bytes = read_file(&path)?;
        let allow = it.truthy(&allow_pickle)?;
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            let members = read_zip(&bytes, &path)?;
            return Ok(Value::Object(Rc::new(NpzFile { path, members, allow_pickle: allow })));
        }
        if npy::is_npy(&bytes) {
            return npy_value(it, &bytes, allow);
        }
        if !allow {
            return raise(
                ExcKind::ValueError,
                "Cannot load file containing pickled data when allow_pickle=False",
            );
        }
        let fix = it.truthy(&fix_imports)?;
        Ok(super::pickle::loads_bytes(it, &bytes, &encoding, fix)?.0)
    }
}

builtin! {
    /// Save several arrays into a single file in uncompressed ``.npz`` format.
    python ["np.savez"]
    fn savez_(it, file, *args, **kwds) {
        savez(it, &file, &args, &kwds, false)
    }
}

builtin! {
    /// Save several arrays into a single file in compressed ``.npz`` format.
    python ["np.savez_compressed"]
    fn savez_compressed(it, file, *args, **kwds) {
        savez(it, &file, &args, &kwds, true)
    }
}
