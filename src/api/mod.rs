//! The `tf` module tree (and a little of numpy): TensorFlow's Python names bound to the
//! runtime. Each function binds its arguments under TensorFlow's parameter names (so
//! `TypeError`s read as TensorFlow's do), converts them, and calls a runtime op.
//!
//! | file | owns |
//! |---|---|
//! | `convert.rs` | Python values to tensors and back |
//! | `ops.rs` | Python operators on tensors and numpy arrays |
//! | `attrs.rs` | attributes and indexing of tensors, variables, arrays, dtypes, shapes |
//! | `objects.rs` | named tuples, numpy dtypes |
//! | `tf_core.rs` | creation, dtypes, casts, Variable, TensorShape, shape queries |
//! | `tf_math.rs` | elementwise math, comparisons, reductions, matmul |
//! | `tf_array.rs` | reshaping, joining, splitting, gathering, sorting |
//! | `tf_nn.rs` | tf.nn activations |
//! | `tf_nn_conv.rs` | tf.nn convolutions, pooling, bias_add |
//! | `tf_function/` | `tf.function`: tracing, the trace cache, running recorded graphs |
//! | `tf_grad.rs` | tf.GradientTape, tf.stop_gradient |
//! | `tf_debugging.rs` | tf.debugging assertions, check_numerics, the top-level assert aliases |
//! | `tf_complex.rs` | `tf.complex`, `tf.math.real`/`imag`/`conj`/`angle`, `tf.signal` Fourier transforms |
//! | `tf_logging.rs` | `tf.get_logger`, `tf.compat.v1.logging`, `tf.autograph.set_verbosity` |
//! | `tf_module.rs` | tf.Module, tf.name_scope and the scope names of variables |
//! | `tf_linalg_more.rs` | tf.linalg.matvec, tf.linalg.trace, tf.einsum, tf.tensordot, tf.linalg.cross, tf.norm |
//! | `tf_linalg_decomp.rs` | tf.linalg inverses, determinants, Cholesky, QR, SVD, eigh, pinv |
//! | `tf_linalg_solve.rs` | tf.linalg solve, triangular_solve, cholesky_solve, lstsq |
//! | `tf_linalg_diag.rs` | tf.linalg.diag, diag_part, set_diag, band_part, matrix_transpose, adjoint |
//! | `tf_array_more.rs` | tf.is_tensor, tf.slice, tf.roll, tf.sequence_mask, broadcast shapes |
//! | `tf_scatter.rs` | tf.tensor_scatter_nd_update / add / sub / min / max |
//! | `tf_strings.rs` | tf.strings elementwise: length, upper/lower, strip, substr, regex, to_number |
//! | `tf_strings_format.rs` | tf.strings.as_string and tf.strings.format |
//! | `tf_strings_hash.rs` | tf.strings.to_hash_bucket(_fast/_strong) |
//! | `tf_strings_join.rs` | tf.strings join, reduce_join, split, unicode, ngrams |
//! | `tf_io.rs` | tf.io: read_file, write_file, matching_files, decode_csv, gfile |
//! | `tf_io_png.rs`, `tf_io_bmp.rs` | PNG and BMP codecs |
//! | `tf_io_decode.rs`, `tf_io_image.rs` | the decode ops, which dispatch on the format; what the codecs share |
//! | `tf_io_gif.rs` | the GIF decoder under `decode_gif` and `decode_image` |
//! | `tf_io_jpeg.rs`, `jpeg/` | JPEG decoding settings, encode_jpeg, extract_jpeg_shape, is_jpeg; the JPEG codec |
//! | `tf_search.rs` | tf.searchsorted, tf.histogram_fixed_width(_bins), tf.reverse_sequence |
//! | `tf_segment.rs` | tf.math.segment_*, tf.math.unsorted_segment_*, tf.sparse.segment_* |
//! | `tf_variable_slices.rs` | `v[...].assign(x)`: assigning to a slice of a variable |
//! | `tf_variable_scatter.rs` | `v.scatter_*`, `v.scatter_nd_*`, `tf.compat.v1.scatter_*`, `tf.IndexedSlices` |
//! | `tf_ragged.rs` | `tf.RaggedTensor`, `tf.ragged` (Python source `pysrc/tf_ragged*.py`) |
//! | `tf_sparse.rs` | `tf.SparseTensor`, `tf.sparse` (Python source `pysrc/tf_sparse*.py`) |
//! | `tf_dispatch.rs` | TensorFlow functions dispatched to ragged and sparse tensors |
//! | `tf_counting.rs` | tf.math.bincount, tf.math.confusion_matrix |
//! | `tf_clip.rs` | tf.clip_by_global_norm |
//! | `tf_losses_nn.rs` | tf.nn softmax, sparse softmax and sigmoid cross-entropy on logits |
//! | `tf_random.rs` | tf.random: seeded stateful and stateless samplers, `set_seed` |
//! | `tf_random_more.rs` | tf.random.categorical |
//! | `tf_image.rs` | tf.image (Python source `pysrc/tf_image.py`) and its kernels' natives |
//! | `variable_constraints.rs` | the `constraint=` of `tf.Variable`s |
//! | `numpy.rs` | the `np` functions notebooks use alongside TensorFlow |
//! | `np_random/` | `np.random`: numpy's legacy generator and `default_rng`, bit for bit |
//! | `npy.rs` | the `.npy` file format |
//! | `np_files.rs` | `np.save`, `np.load`, `np.savez`, `NpzFile` |
//! | `np_funcs.rs` | numpy's joining, reshaping, sorting, selection and elementwise functions |
//! | `np_funcs_more.rs` | numpy's grids, comparisons, repeats, logic, splits and order statistics |
//! | `np_sets.rs` | numpy's set functions, `unique`, `searchsorted`, `digitize`, `bincount` |
//! | `np_hist.rs` | `np.histogram`, `np.histogram_bin_edges`, `np.histogram2d` |
//! | `np_text.rs` | `np.loadtxt`, `np.genfromtxt`, `np.savetxt` |
//! | `np_complex.rs` | `np.real`/`imag`/`conj`/`angle`, `np.fft`, Python's `complex()` |
//! | `np_dtypes.rs` | `np.dtype`, `np.result_type`, `np.promote_types`, `np.iinfo`, `np.finfo`, `np.errstate` |
//! | `np_promote.rs` | numpy 1.26's type promotion, value-based for Python numbers and scalars |
//! | `np_printopts.rs` | `np.set_printoptions`, `np.get_printoptions`, `np.printoptions` |
//! | `np_linalg.rs` | `np.linalg` decompositions and `LinAlgError` |
//! | `np_linalg_more.rs` | `np.linalg.norm`, `lstsq`, `pinv`, `matrix_rank`, `matrix_power`, `cond` |
//! | `np_object/` | numpy object arrays (`dtype=object`): construction, indexing, printing |
//! | `pickle/` | Python's `pickle`, with numpy arrays pickled as numpy pickles them |
//! | `np_fancy.rs` | numpy's advanced indexing (integer and boolean index arrays) for reading arrays |
//! | `np_index_tricks.rs` | `np.mgrid`, `ogrid`, `r_`, `c_`, `s_`, `index_exp` (Python source `pysrc/np_index_tricks.py`) |
//! | `np_lib_more.rs` | `np.append`, `roll`, `tril`, `diag`, `nanmean`, `average` and the other functions numpy writes in Python (`pysrc/np_lib_more.py`) |

use crate::errors::ExcKind;
pub(crate) mod attrs;
pub mod convert;
pub(crate) mod jpeg;
pub(crate) mod np_complex;
pub(crate) mod np_dtypes;
pub(crate) mod np_fancy;
pub(crate) mod np_files;
pub(crate) mod np_funcs;
pub(crate) mod np_funcs_more;
pub(crate) mod np_hist;
pub(crate) mod np_index_tricks;
pub(crate) mod np_lib_more;
pub(crate) mod np_linalg;
pub(crate) mod np_linalg_more;
pub(crate) mod np_object;
pub(crate) mod np_printopts;
pub(crate) mod np_promote;
pub(crate) mod np_random;
pub(crate) mod np_sets;
pub(crate) mod np_text;
mod np_ufuncs;
pub(crate) mod np_views;
pub(crate) mod npy;
pub(crate) mod numpy;
pub(crate) mod objects;
pub(crate) mod ops;
pub(crate) mod pickle;
pub(crate) mod tf_array;
pub(crate) mod tf_array_more;
pub(crate) mod tf_clip;
pub(crate) mod tf_complex;
pub(crate) mod tf_config;
pub(crate) mod tf_control;
pub(crate) mod tf_core;
pub(crate) mod tf_counting;
pub(crate) mod tf_debugging;
mod tf_dispatch;
pub(crate) mod tf_function;
pub(crate) mod tf_grad;
pub(crate) mod tf_image;
mod tf_io;
mod tf_io_bmp;
mod tf_io_decode;
mod tf_io_gif;
mod tf_io_image;
mod tf_io_jpeg;
mod tf_io_png;
pub(crate) mod tf_linalg_decomp;
pub(crate) mod tf_linalg_diag;
pub(crate) mod tf_linalg_more;
mod tf_linalg_solve;
pub(crate) mod tf_logging;
pub(crate) mod tf_losses_nn;
pub(crate) mod tf_math;
pub(crate) mod tf_module;
pub(crate) mod tf_nn;
pub(crate) mod tf_nn_conv;
mod tf_ragged;
pub(crate) mod tf_random;
pub(crate) mod tf_random_more;
pub(crate) mod tf_scatter;
mod tf_search;
mod tf_segment;
mod tf_sparse;
mod tf_strings;
mod tf_strings_format;
pub(crate) mod tf_strings_hash;
mod tf_strings_join;
mod tf_variable_scatter;
mod tf_variable_slices;
pub(crate) mod variable_constraints;

pub(crate) use attrs::{value_attr, value_item};
pub(crate) use convert::scalar_of;

use crate::eval::error::{raise, type_err, R};
use crate::eval::value::Module;
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Unary};
use crate::tensor::DType;
use std::rc::Rc;

pub(crate) fn new_module(name: &str) -> Rc<Module> {
    Rc::new(Module::new(name))
}

/// Builds the module tree, registers what `import` can find, and installs the hooks through
/// which the evaluator reaches tensors.
pub(crate) fn install(it: &mut Interp) {
    let tf = new_module("tensorflow");
    let math = new_module("tensorflow.math");
    let nn = new_module("tensorflow.nn");
    let random = new_module("tensorflow.random");
    let linalg = new_module("tensorflow.linalg");
    let dtypes = new_module("tensorflow.dtypes");
    let errors = new_module("tensorflow.errors");
    tf_core::install(&tf, &dtypes);
    tf_core::install_errors(&errors);
    tf_grad::install(&tf);
    tf_config::install(it);
    tf_control::install(it);
    tf_module::install(it);
    tf_io::install(it);
    tf_debugging::install(it);
    tf_logging::install(it);
    tf_image::install(it);
    tf_variable_scatter::install(it);
    tf_ragged::install(it);
    tf_sparse::install(it);
    pickle::install(it);
    let submodules = [
        ("math", &math),
        ("nn", &nn),
        ("random", &random),
        ("linalg", &linalg),
        ("dtypes", &dtypes),
        ("errors", &errors),
    ];
    for (name, m) in submodules {
        tf.set(name, Value::Module(m.clone()));
    }
    let np = numpy::module();
    np_linalg::install(it, &np);
    np_index_tricks::install(it);
    np_lib_more::install(it);
    let tf_v = Value::Module(tf.clone());
    it.modules.insert("tensorflow".into(), tf_v);
    for (name, m) in submodules {
        it.modules
            .insert(format!("tensorflow.{}", name), Value::Module(m.clone()));
    }
    it.modules.insert("numpy".into(), Value::Module(np));
    let hooks = &mut it.hooks;
    hooks.tensor_unary = ops::tensor_unary;
    hooks.tensor_binary = ops::tensor_binary;
    hooks.tensor_compare = ops::tensor_compare;
    hooks.tensor_truth = tensor_truth;
    hooks.tensor_iter = tensor_iter;
    hooks.tensor_len = tensor_len;
    hooks.tensor_abs = |it, x| {
        let t = convert::to_tensor(it, &x, None)?;
        let r = ew::unary(Unary::Abs, &t)?;
        // abs() of a numpy array or scalar stays numpy's.
        Ok(match x {
            Value::NdArray(_) => Value::ndarray(r),
            _ => Value::Tensor(r),
        })
    };
    hooks.scalar_of = scalar_of;
    hooks.value_attr = value_attr;
    hooks.value_item = value_item;
    hooks.array_set_item = np_views::set_item;
    hooks.array_inplace = np_views::inplace;
    hooks.dtype_call = numpy::dtype_call;
    hooks.isinstance_native = isinstance_native;
}

/// Iterating a tensor yields its rows (tensors), an array its rows (arrays or scalars).
pub(crate) fn tensor_iter(v: &Value) -> R<Vec<Value>> {
    let Some(t) = convert::tensor_of(v) else {
        return Ok(vec![]);
    };
    if t.ndim() == 0 {
        return Err(type_err(match v {
            Value::NdArray(_) => "iteration over a 0-d array",
            _ => "Cannot iterate over a scalar tensor.",
        }));
    }
    let rows = crate::tensor::ops::shape::unstack(&t, 0)?;
    Ok(rows
        .into_iter()
        .map(|r| match v {
            Value::NdArray(_) => Value::ndarray(r),
            _ => Value::Tensor(r),
        })
        .collect())
}

/// `bool(tensor)`: only one-element tensors have a truth value.
pub(crate) fn tensor_truth(v: &Value) -> R<bool> {
    let Some(t) = convert::tensor_of(v) else {
        return Ok(true);
    };
    if t.size() != 1 {
        return raise(
            ExcKind::ValueError,
            "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
        );
    }
    Ok(t.item_f64().unwrap_or(0.0) != 0.0)
}

/// `len(x)` for tensors, arrays and shapes.
pub(crate) fn tensor_len(v: &Value) -> R<Value> {
    if let Value::Shape(s) = v {
        return match &s.dims {
            Some(d) => Ok(Value::Int(d.len() as i64)),
            None => raise(
                ExcKind::ValueError,
                "Cannot take the length of shape with unknown rank.",
            ),
        };
    }
    let Some(t) = convert::tensor_of(v) else {
        return Err(type_err(format!(
            "object of type '{}' has no len()",
            v.type_name()
        )));
    };
    if t.ndim() == 0 {
        return Err(type_err(match v {
            Value::NdArray(_) => "len() of unsized object",
            _ => "Scalar tensor has no `len()`",
        }));
    }
    Ok(Value::Int(t.shape()[0] as i64))
}

/// isinstance(x, T) for the API's marker types (`tf.Tensor`, `tf.Variable`, `np.ndarray`).
pub(crate) fn isinstance_native(x: &Value, type_name: &str) -> bool {
    match type_name {
        "tensorflow.Tensor" => matches!(x, Value::Tensor(_)),
        "tensorflow.Variable" => matches!(x, Value::Variable(_)),
        "numpy.ndarray" => {
            // A 0-d array made as one (`np.array(1.0)`) is an ndarray; a numpy scalar is not.
            matches!(x, Value::NdArray(t) if t.ndim() > 0 || t.is_array0())
                || np_object::obj_array(x).is_some()
        }
        "tensorflow.TensorShape" => matches!(x, Value::Shape(_)),
        "tensorflow.DType" => matches!(x, Value::DType(_)),
        "numpy.random.Generator" | "numpy.random.PCG64" => np_random::is_instance(x, type_name),
        _ => false,
    }
}

/// The dtype of a `dtype=` argument, or `default`.
pub(crate) fn dtype_or(v: Option<Value>, default: DType) -> R<DType> {
    match v {
        Some(v) => convert::dtype_arg(&v),
        None => Ok(default),
    }
}
