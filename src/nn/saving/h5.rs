//! HDF5 files as Keras uses them, through the pure-Rust `hdf5-pure` crate: a tree of
//! groups holding attributes (strings, lists of strings, numbers) and datasets (arrays of
//! numbers). [`H5Group`] is that tree in memory; [`write`] turns one into file bytes and
//! [`read`] reads any file h5py wrote back into one. Both check their sizes against the
//! tensor budget before they allocate.

use crate::errors::ExcKind;
use crate::eval::error::{err, R};
use crate::eval::Flow;
use crate::tensor::{DType, Tensor};
use hdf5_pure::{AttrValue, File, FileBuilder, GroupBuilder};

/// An attribute value, as far as Keras's files use them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum H5Attr {
    Str(String),
    Strings(Vec<String>),
    Int(i64),
    Float(f64),
    Floats(Vec<f64>),
}

/// A group: its attributes, child groups and datasets, each in the order written.
#[derive(Default)]
pub(crate) struct H5Group {
    pub attrs: Vec<(String, H5Attr)>,
    pub groups: Vec<(String, H5Group)>,
    pub datasets: Vec<(String, Tensor)>,
}

impl H5Group {
    pub fn attr(&self, name: &str) -> Option<&H5Attr> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    pub fn group(&self, name: &str) -> Option<&H5Group> {
        self.groups.iter().find(|(n, _)| n == name).map(|(_, g)| g)
    }

    /// The group at a `/`-separated path below this one.
    pub fn at(&self, path: &str) -> Option<&H5Group> {
        path.split('/')
            .filter(|p| !p.is_empty())
            .try_fold(self, |g, p| g.group(p))
    }

    /// The child group `name`, made if it is not there yet.
    pub fn group_mut(&mut self, name: &str) -> &mut H5Group {
        let i = match self.groups.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.groups.push((name.to_string(), H5Group::default()));
                self.groups.len() - 1
            }
        };
        &mut self.groups[i].1
    }

    /// The dataset at a `/`-separated path below this one.
    pub fn dataset(&self, path: &str) -> Option<&Tensor> {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        self.at(dir)?
            .datasets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t)
    }

    /// Stores `t` at a `/`-separated path, making the groups on the way (as h5py does).
    pub fn put(&mut self, path: &str, t: Tensor) {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let mut g = self;
        for p in dir.split('/').filter(|p| !p.is_empty()) {
            g = g.group_mut(p);
        }
        g.datasets.push((name.to_string(), t));
    }

    pub fn set_attr(&mut self, name: &str, a: H5Attr) {
        self.attrs.retain(|(n, _)| n != name);
        self.attrs.push((name.to_string(), a));
    }
}

fn h5_err(what: &str, e: impl std::fmt::Display) -> Flow {
    err(
        ExcKind::OSError,
        format!("Unable to {} (HDF5: {})", what, e),
    )
}

fn attr_value(a: &H5Attr) -> AttrValue {
    match a {
        H5Attr::Str(s) => AttrValue::VarLenString(s.clone()),
        H5Attr::Strings(v) => AttrValue::VarLenStringArray(v.clone()),
        H5Attr::Int(i) => AttrValue::I64(*i),
        H5Attr::Float(f) => AttrValue::F64(*f),
        H5Attr::Floats(v) => AttrValue::F64Array(v.clone()),
    }
}

fn put_dataset(ds: &mut hdf5_pure::DatasetBuilder, t: &Tensor) {
    let shape: Vec<u64> = t.shape().iter().map(|&d| d as u64).collect();
    match t.dtype() {
        DType::F64 => ds.with_f64_data(&t.to_f64_vec()),
        DType::F32 | DType::F16 | DType::BF16 => {
            let v: Vec<f32> = t.to_f64_vec().iter().map(|&x| x as f32).collect();
            ds.with_f32_data(&v)
        }
        // Keras keeps no string weights; an empty dataset keeps the file well formed.
        DType::Str => ds.with_i64_data(&[]),
        _ => ds.with_i64_data(&t.to_i64_vec()),
    };
    ds.with_shape(&shape);
}

fn build_group(gb: &mut GroupBuilder, g: &H5Group) {
    for (n, a) in &g.attrs {
        gb.set_attr(n, attr_value(a));
    }
    for (n, t) in &g.datasets {
        put_dataset(gb.create_dataset(n), t);
    }
    for (n, child) in &g.groups {
        let mut cb = gb.create_group(n);
        build_group(&mut cb, child);
        gb.add_group(cb.finish());
    }
}

/// The bytes of an HDF5 file holding `root`.
pub(crate) fn write(root: &H5Group) -> R<Vec<u8>> {
    let mut fb = FileBuilder::new();
    for (n, a) in &root.attrs {
        fb.set_attr(n, attr_value(a));
    }
    for (n, t) in &root.datasets {
        put_dataset(fb.create_dataset(n), t);
    }
    for (n, child) in &root.groups {
        let mut gb = fb.create_group(n);
        build_group(&mut gb, child);
        fb.add_group(gb.finish());
    }
    fb.finish().map_err(|e| h5_err("write the file", e))
}

fn read_attr(a: &AttrValue) -> Option<H5Attr> {
    if let Some(v) = a.as_strings() {
        return Some(match a {
            AttrValue::VarLenString(_)
            | AttrValue::VarLenAsciiString(_)
            | AttrValue::String(_)
            | AttrValue::AsciiString(_) => H5Attr::Str(v.first().cloned().unwrap_or_default()),
            _ => H5Attr::Strings(v.to_vec()),
        });
    }
    if let Some(s) = a.as_str() {
        return Some(H5Attr::Str(s.to_string()));
    }
    if let Some(i) = a.as_i64() {
        return Some(H5Attr::Int(i));
    }
    if let Some(f) = a.as_f64() {
        return Some(H5Attr::Float(f));
    }
    a.to_f64s().map(H5Attr::Floats)
}

fn read_dataset(ds: &hdf5_pure::Dataset) -> R<Tensor> {
    let shape: Vec<usize> = ds
        .shape()
        .map_err(|e| h5_err("read a dataset's shape", e))?
        .iter()
        .map(|&d| d as usize)
        .collect();
    let count = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    let Some(count) = count else {
        return Err(h5_err("read a dataset", "its shape is too large"));
    };
    crate::tensor::alloc::check(&shape, DType::F64, "ReadHDF5")?;
    let bad = |e| h5_err("read a dataset", e);
    use hdf5_pure::DType as H;
    let t = match ds.dtype().map_err(bad)? {
        H::F64 => Tensor::from_vec(&shape, ds.read_f64().map_err(bad)?),
        H::I64 | H::U64 | H::U32 => Tensor::from_vec(&shape, ds.read_i64().map_err(bad)?),
        H::I32 | H::I16 | H::I8 | H::U16 | H::U8 => {
            Tensor::from_vec(&shape, ds.read_i32().map_err(bad)?)
        }
        _ => Tensor::from_vec(&shape, ds.read_f32().map_err(bad)?),
    };
    if t.size() != count {
        return Err(h5_err("read a dataset", "its data does not fill its shape"));
    }
    Ok(t)
}

fn read_group(g: &hdf5_pure::Group, depth: usize) -> R<H5Group> {
    if depth > 64 {
        return Err(h5_err("read the file", "groups nest too deeply"));
    }
    let bad = |e| h5_err("read a group", e);
    let mut out = H5Group::default();
    let mut attrs: Vec<(String, H5Attr)> = g
        .attrs()
        .map_err(bad)?
        .iter()
        .filter_map(|(n, a)| read_attr(a).map(|a| (n.clone(), a)))
        .collect();
    attrs.sort_by(|a, b| a.0.cmp(&b.0));
    out.attrs = attrs;
    let mut names = g.datasets().map_err(bad)?;
    names.sort();
    for n in names {
        let ds = g.dataset(&n).map_err(bad)?;
        out.datasets.push((n, read_dataset(&ds)?));
    }
    let mut names = g.groups().map_err(bad)?;
    names.sort();
    for n in names {
        let child = g.group(&n).map_err(bad)?;
        out.groups.push((n, read_group(&child, depth + 1)?));
    }
    Ok(out)
}

/// The tree of an HDF5 file's bytes.
pub(crate) fn read(bytes: Vec<u8>) -> R<H5Group> {
    let f = File::from_bytes(bytes).map_err(|e| h5_err("open file", e))?;
    read_group(&f.root(), 0)
}

/// Whether bytes start like an HDF5 file.
pub(crate) fn is_hdf5(bytes: &[u8]) -> bool {
    hdf5_pure::is_hdf5_bytes(bytes)
}
