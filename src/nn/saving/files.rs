//! `model.save`, `tf.keras.models.load_model`, `model.save_weights` and
//! `model.load_weights`, choosing the format by the path as Keras 2.15 does: `.keras` is
//! the v3 zip (`metadata.json`, `config.json`, `model.weights.h5`), `.h5`/`.hdf5` the
//! HDF5 model (`model_config`, `training_config`, `model_weights`, `optimizer_weights`),
//! `.weights.h5` v3 weights alone; weights at any other path are a TensorFlow checkpoint
//! (`checkpoint/`). TensorFlow's SavedModel directories are not written or read.

use super::field;
use super::h5::{self, H5Attr, H5Group};
use super::{compile_config, json, model_config, weights_h5, weights_v3};
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, R};
use crate::eval::value::Args;
use crate::eval::{Flow, Interp, Value};
use crate::nn::initializers::dict_of;
use std::io::{Read, Write};

/// The formats a path can name.
#[derive(PartialEq)]
enum Format {
    KerasV3,
    Hdf5,
    WeightsV3,
    TensorFlow,
}

fn format_of(path: &str, weights: bool) -> Format {
    let p = path.to_lowercase();
    if weights && p.ends_with(".weights.h5") {
        Format::WeightsV3
    } else if p.ends_with(".keras") && !weights {
        Format::KerasV3
    } else if p.ends_with(".h5") || p.ends_with(".hdf5") || (weights && p.ends_with(".keras")) {
        Format::Hdf5
    } else {
        Format::TensorFlow
    }
}

fn no_tf_format(path: &str) -> Flow {
    err(
        ExcKind::NotImplementedError,
        format!(
            "tensh saves and loads models as Keras's '.keras' and HDF5 ('.h5') files, and weights also as TensorFlow checkpoints; TensorFlow's SavedModel format (the path '{}' has neither suffix) is not supported",
            path
        ),
    )
}

fn io_err(e: std::io::Error, path: &str) -> Flow {
    crate::pylib::oserror::os_error(&e, path)
}

/// A file's bytes, its size checked against the memory budget first.
pub(super) fn read_bytes(path: &str) -> R<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| io_err(e, path))?;
    crate::tensor::alloc::check(&[meta.len() as usize], crate::tensor::DType::U8, "ReadFile")?;
    std::fs::read(path).map_err(|e| io_err(e, path))
}

fn write_bytes(path: &str, bytes: &[u8]) -> R<()> {
    std::fs::write(path, bytes).map_err(|e| io_err(e, path))
}

/// The `model.save` / `save_model` arguments: the path as a string, and its format.
fn save_args(it: &mut Interp, filepath: Value, save_format: &Value) -> R<(String, Format)> {
    let path = crate::pylib::oserror::fspath(it, &filepath)?;
    let format = match save_format {
        Value::Str(s) if &**s == "h5" => Format::Hdf5,
        Value::Str(s) if &**s == "keras" => Format::KerasV3,
        Value::Str(s) if &**s == "tf" => Format::TensorFlow,
        _ => format_of(&path, false),
    };
    Ok((path, format))
}

pub(super) fn save(it: &mut Interp, model: &Value, args: Args) -> R<Value> {
    let [filepath, _overwrite, save_format] =
        args.bind("save", ["filepath", "overwrite=True", "save_format=None"])?;
    let (path, format) = save_args(
        it,
        filepath.unwrap_or(Value::None),
        &save_format.unwrap_or(Value::None),
    )?;
    save_model_to(it, model, &path, format)?;
    Ok(Value::None)
}

fn save_model_to(it: &mut Interp, model: &Value, path: &str, format: Format) -> R<()> {
    if model_config::model_class(model).is_none() {
        return raise(
            ExcKind::NotImplementedError,
            "tensh saves Sequential and functional models; save a subclassed model's weights with save_weights",
        );
    }
    match format {
        Format::KerasV3 | Format::WeightsV3 => save_keras(it, model, path),
        Format::Hdf5 => save_h5_model(it, model, path),
        Format::TensorFlow => Err(no_tf_format(path)),
    }
}

/// `serialize_keras_object(model)` with its build and compile configs, as `config.json`.
fn model_entry(it: &mut Interp, model: &Value) -> R<Value> {
    let class = model_config::model_class(model).unwrap_or("Sequential");
    let config = model_config::model_config(it, model)?.unwrap_or(Value::None);
    let (module, registered) = match class {
        "Sequential" => ("keras", Value::None),
        _ => ("keras.src.engine.functional", Value::str("Functional")),
    };
    let mut items = vec![
        ("module", Value::str(module)),
        ("class_name", Value::str(class)),
        ("config", config),
        ("registered_name", registered),
    ];
    if let Some(shape) = super::entry::build_shape(model) {
        items.push(("build_config", dict_of(vec![("input_shape", shape)])));
    }
    if let Some(c) = crate::nn::training::compiled(model) {
        items.push(("compile_config", compile_config::compile_config(it, &c)?));
    }
    Ok(dict_of(items))
}

fn save_keras(it: &mut Interp, model: &Value, path: &str) -> R<()> {
    let strftime = crate::nn::declared("time.strftime");
    let date = it.call(&strftime, Args::new(vec![Value::str("%Y-%m-%d@%H:%M:%S")]))?;
    let metadata = dict_of(vec![
        ("keras_version", Value::str(super::KERAS_VERSION)),
        ("date_saved", date),
    ]);
    let metadata = json::dumps(it, metadata, vec![])?;
    let entry = model_entry(it, model)?;
    let config = json::dumps(it, entry, vec![])?;
    let weights = h5::write(&weights_v3::save(model, true))?;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let zerr = |e: zip::result::ZipError| {
            err(
                ExcKind::OSError,
                format!("Unable to write '{}': {}", path, e),
            )
        };
        for (name, data) in [
            ("metadata.json", metadata.as_bytes()),
            ("config.json", config.as_bytes()),
            ("model.weights.h5", weights.as_slice()),
        ] {
            z.start_file(name, opts).map_err(zerr)?;
            z.write_all(data).map_err(|e| io_err(e, path))?;
        }
        z.finish().map_err(zerr)?;
    }
    write_bytes(path, &buf.into_inner())
}

fn save_h5_model(it: &mut Interp, model: &Value, path: &str) -> R<()> {
    let layers = weights_v3::model_layers(model).unwrap_or_default();
    let mut root = H5Group::default();
    root.set_attr("backend", H5Attr::Str("tensorflow".into()));
    root.set_attr("keras_version", H5Attr::Str(super::KERAS_VERSION.into()));
    let class = model_config::model_class(model).unwrap_or("Sequential");
    let config = model_config::model_config(it, model)?.unwrap_or(Value::None);
    let mc = dict_of(vec![("class_name", Value::str(class)), ("config", config)]);
    root.set_attr("model_config", H5Attr::Str(json::dumps(it, mc, vec![])?));
    if let Some(c) = crate::nn::training::compiled(model) {
        let tc = compile_config::training_config(it, &c)?;
        root.set_attr("training_config", H5Attr::Str(json::dumps(it, tc, vec![])?));
    }
    root.groups
        .push(("model_weights".into(), weights_h5::save_group(&layers)));
    if let Some(opt) = weights_v3::optimizer_of(model) {
        let vars = weights_v3::optimizer_vars(&opt);
        let mut g = H5Group::default();
        let names: Vec<String> = vars.iter().map(|v| v.name.borrow().clone()).collect();
        g.set_attr("weight_names", H5Attr::Strings(names.clone()));
        for (v, n) in vars.iter().zip(&names) {
            g.put(n, v.value.borrow().clone());
        }
        root.groups.push(("optimizer_weights".into(), g));
    }
    write_bytes(path, &h5::write(&root)?)
}

pub(super) fn save_weights(it: &mut Interp, model: &Value, args: Args) -> R<Value> {
    let [filepath, _overwrite, save_format, _options] = args.bind(
        "save_weights",
        [
            "filepath",
            "overwrite=True",
            "save_format=None",
            "options=None",
        ],
    )?;
    let path = crate::pylib::oserror::fspath(it, &filepath.unwrap_or(Value::None))?;
    let format = match save_format {
        Some(Value::Str(s)) if &*s == "h5" => Format::Hdf5,
        Some(Value::Str(s)) if &*s == "tf" => Format::TensorFlow,
        _ => format_of(&path, true),
    };
    match format {
        Format::WeightsV3 => {
            let tree = weights_v3::save(model, true);
            write_bytes(&path, &h5::write(&tree)?)?;
        }
        Format::Hdf5 => {
            let layers = layers_of(model);
            write_bytes(&path, &h5::write(&weights_h5::save_group(&layers))?)?;
        }
        _ => super::checkpoint::save(model, &path)?,
    }
    Ok(Value::None)
}

/// The layers whose weights a model's HDF5 file lists: a model's layers, a subclassed
/// model's tracked sublayers.
fn layers_of(model: &Value) -> Vec<Value> {
    if let Some(l) = weights_v3::model_layers(model) {
        return l;
    }
    let native = crate::nn::native_layer(model).unwrap_or_else(|| model.clone());
    match crate::nn::layer_ref(&native) {
        Some(l) => l.sublayers.borrow().clone(),
        None => vec![],
    }
}

pub(super) fn load_weights(it: &mut Interp, model: &Value, args: Args) -> R<Value> {
    let [filepath, skip_mismatch, by_name, _options] = args.bind(
        "load_weights",
        [
            "filepath",
            "skip_mismatch=False",
            "by_name=False",
            "options=None",
        ],
    )?;
    let path = crate::pylib::oserror::fspath(it, &filepath.unwrap_or(Value::None))?;
    let skip = it.truthy(&skip_mismatch.unwrap_or(Value::Bool(false)))?;
    let by_name = it.truthy(&by_name.unwrap_or(Value::Bool(false)))?;
    // Keras reads a path as HDF5 by its suffix or its contents; anything else names a
    // TensorFlow checkpoint.
    let is_file = std::path::Path::new(&path).is_file();
    if format_of(&path, true) == Format::TensorFlow && !is_file {
        return super::checkpoint::load(model, &path);
    }
    let bytes = read_bytes(&path)?;
    if is_zip(&bytes) {
        let tree = h5::read(zip_entry(&bytes, "model.weights.h5", &path)?)?;
        weights_v3::load(it, model, &tree, true, skip)?;
        return Ok(Value::None);
    }
    if !h5::is_hdf5(&bytes) {
        if format_of(&path, true) == Format::TensorFlow {
            return super::checkpoint::load(model, &path);
        }
        return Err(no_tf_format(&path));
    }
    let tree = h5::read(bytes)?;
    if path.to_lowercase().ends_with(".weights.h5") {
        weights_v3::load(it, model, &tree, true, skip)?;
        return Ok(Value::None);
    }
    let root = tree.group("model_weights").unwrap_or(&tree);
    weights_h5::load_group(it, &layers_of(model), root, by_name, skip)?;
    Ok(Value::None)
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn zip_entry(bytes: &[u8], name: &str, path: &str) -> R<Vec<u8>> {
    let bad = |e: String| {
        err(
            ExcKind::ValueError,
            format!("Invalid zip file '{}': {}", path, e),
        )
    };
    let mut z =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut f = z.by_name(name).map_err(|e| bad(e.to_string()))?;
    crate::tensor::alloc::check(&[f.size() as usize], crate::tensor::DType::U8, "ReadFile")?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).map_err(|e| io_err(e, path))?;
    Ok(out)
}

fn load_model_from(it: &mut Interp, path: &str, custom: &Value, compile: bool) -> R<Value> {
    if std::fs::metadata(path).is_err() {
        return raise(
            ExcKind::OSError,
            format!("No file or directory found at {}", path),
        );
    }
    if std::path::Path::new(path).is_dir() {
        return Err(no_tf_format(path));
    }
    let bytes = read_bytes(path)?;
    if is_zip(&bytes) {
        let config = String::from_utf8_lossy(&zip_entry(&bytes, "config.json", path)?).into_owned();
        let entry = json::loads(it, &config)?;
        let model = model_config::as_v3(|| json::model_from_serialized(it, &entry, custom))?;
        build_from(it, &model, &field(&entry, "build_config"))?;
        let compile_cfg = field(&entry, "compile_config").filter(|c| !matches!(c, Value::None));
        if let (true, Some(cc)) = (compile, &compile_cfg) {
            compile_config::compile_from(it, &model, cc, false)?;
        }
        let tree = h5::read(zip_entry(&bytes, "model.weights.h5", path)?)?;
        weights_v3::load(it, &model, &tree, compile && compile_cfg.is_some(), true)?;
        return Ok(model);
    }
    if !h5::is_hdf5(&bytes) {
        return raise(
            ExcKind::OSError,
            "Unable to synchronously open file (file signature not found)",
        );
    }
    let tree = h5::read(bytes)?;
    let Some(H5Attr::Str(mc)) = tree.attr("model_config") else {
        return raise(
            ExcKind::ValueError,
            "No model config found in the file at <tensorflow.python.platform.gfile.GFile object>.",
        );
    };
    let mc = json::loads(it, mc)?;
    let model = json::model_from_serialized(it, &mc, custom)?;
    let layers = weights_v3::model_layers(&model).unwrap_or_default();
    if let Some(root) = tree.group("model_weights") {
        weights_h5::load_group(it, &layers, root, false, false)?;
    }
    if let (true, Some(H5Attr::Str(tc))) = (compile, tree.attr("training_config")) {
        let tc = json::loads(it, tc)?;
        compile_config::compile_from(it, &model, &tc, true)?;
        if let Some(g) = tree.group("optimizer_weights") {
            load_optimizer_h5(it, &model, g)?;
        }
    }
    Ok(model)
}

/// A loaded model built for its saved input shape when its config did not build it.
fn build_from(it: &mut Interp, model: &Value, build_config: &Option<Value>) -> R<()> {
    let built = it.get_attr(model, "built")?;
    if it.truthy(&built)? {
        return Ok(());
    }
    let Some(shape) = build_config.as_ref().and_then(|b| field(b, "input_shape")) else {
        return Ok(());
    };
    let build = it.get_attr(model, "build")?;
    it.call(&build, Args::new(vec![shape]))?;
    Ok(())
}

/// The optimizer state of a `.h5` model: built on the model's trainable weights, then
/// assigned in order when the counts agree (Keras warns and skips otherwise).
fn load_optimizer_h5(it: &mut Interp, model: &Value, g: &H5Group) -> R<()> {
    let Some(opt) = weights_v3::optimizer_of(model) else {
        return Ok(());
    };
    let build = it.get_attr(&opt, "build")?;
    let vars = crate::nn::trainable_of(model);
    it.call(
        &build,
        Args::new(vec![Value::list(
            vars.into_iter().map(Value::Variable).collect(),
        )]),
    )?;
    let names = weights_h5::names_attr(g, "weight_names");
    let vars = weights_v3::optimizer_vars(&opt);
    if names.len() != vars.len() {
        super::log_warning(
            it,
            "Error in loading the saved optimizer state. As a result, your model is starting with a freshly initialized optimizer.",
        );
        return Ok(());
    }
    for (v, n) in vars.iter().zip(&names) {
        if let Some(t) = g.dataset(n) {
            weights_h5::assign(it, v, t)?;
        }
    }
    Ok(())
}

crate::builtin! {
    /// Loads a model saved via `model.save()`.
    python ["tf.keras.models.load_model", "tf.keras.saving.load_model"]
    fn load_model(it, filepath, custom_objects = None, compile = True, safe_mode = True, **kwargs) {
        let path = crate::pylib::oserror::fspath(it, &filepath)?;
        let compile = it.truthy(&compile)?;
        let _ = (safe_mode, kwargs);
        load_model_from(it, &path, &custom_objects, compile)
    }
}

crate::builtin! {
    /// Saves a model as a TensorFlow SavedModel or HDF5 file.
    python ["tf.keras.models.save_model", "tf.keras.saving.save_model"]
    fn save_model(it, model, filepath, overwrite = True, save_format = None, **kwargs) {
        let _ = (overwrite, kwargs);
        let (path, format) = save_args(it, filepath, &save_format)?;
        save_model_to(it, &model, &path, format)?;
        Ok(Value::None)
    }
}
