//! numpy functions numpy writes in Python over its array operations. tensh writes them in
//! Python too, one source file per group, each built the first time one of its names is
//! read from `np`:
//!
//! | file | module | what |
//! |---|---|---|
//! | `pysrc/np_lib_more.py` | `numpy.lib.function_base` | `append`, `roll`, `tril`, `triu`, `diag`, `fliplr`, `flipud`, `column_stack`, `atleast_1d/2d/3d`, `nansum`, `nanmean`, `nanmax`, `nanmin`, `average`, `nan_to_num`, `shape`, `ndim`, `size`, `copy` |
//! | `pysrc/np_lib_shape.py` | `numpy.lib.shape_base` | `pad`, `insert`, `delete`, splits, `dstack`, `moveaxis`, `rollaxis`, `broadcast_to`, `take_along_axis`, index helpers, `tri`, `vander`, `kron`, `cross`, `inner`, `tensordot`, `apply_along_axis`, `vectorize`, `select`, ... |
//! | `pysrc/np_lib_stats.py` | `numpy.lib.nanfunctions` | the other nan-functions, `quantile`, `cov`, `corrcoef`, `interp`, `trapz`, `gradient`, `polyfit`, `polyval`, `convolve`, `correlate`, `logspace`, `geomspace` |

use crate::eval::Interp;
use crate::eval::Value;

/// Declares the source files: each gets a build function that runs it and copies its
/// names onto `np`, and `install` registers every name's lazy key (`numpy.NAME`).
macro_rules! numpy_sources {
    ($($build:ident: $file:literal as $module:literal { $($name:ident),* $(,)? })*) => {
        /// Registers the functions, built on first use.
        pub(crate) fn install(it: &mut Interp) {
            $(crate::pylib::pysource::install_lazy(
                it,
                &[$(concat!("numpy.", stringify!($name))),*],
                $build,
            );)*
        }
        $(
            fn $build(it: &mut Interp) {
                const KEYS: &[&str] = &[$(concat!("numpy.", stringify!($name))),*];
                copy_to_numpy(it, KEYS, $module, include_str!($file));
            }
        )*
    };
}

numpy_sources! {
    build_more: "pysrc/np_lib_more.py" as "numpy.lib.function_base" {
        append, roll, tril, triu, diag, fliplr, flipud, column_stack, atleast_1d, atleast_2d,
        atleast_3d, nansum, nanmean, nanmax, nanmin, average, nan_to_num, shape, ndim, size,
        copy,
    }
    build_shape: "pysrc/np_lib_shape.py" as "numpy.lib.shape_base" {
        pad, insert, delete, array_split, hsplit, vsplit, dsplit, dstack, moveaxis, rollaxis,
        broadcast_shapes, broadcast_to, take_along_axis, unravel_index, ravel_multi_index, indices, tri,
        tril_indices, triu_indices, diag_indices, vander, kron, cross, inner, tensordot,
        flatnonzero, resize, fromfunction, fromiter, ix_, apply_along_axis, vectorize, select,
        extract, compress, choose, isscalar, iscomplexobj, asanyarray, ascontiguousarray,
        ndindex, ndenumerate,
    }
    build_stats: "pysrc/np_lib_stats.py" as "numpy.lib.nanfunctions" {
        nanstd, nanvar, nanargmax, nanargmin, nanprod, nancumsum, nanmedian, nanpercentile,
        quantile, nanquantile, cov, corrcoef, interp, trapz, gradient, polyfit, polyval,
        convolve, correlate, logspace, geomspace,
    }
}

/// Runs one source as `module` (forgetting its lazy keys) and sets each key's name on `np`.
fn copy_to_numpy(it: &mut Interp, keys: &[&str], module: &str, text: &str) {
    let Some(src) = crate::pylib::pysource::build_lazy(it, keys, module, text, &[]) else {
        return;
    };
    let Some(Value::Module(np)) = it.modules.get("numpy").cloned() else {
        return;
    };
    for key in keys {
        let name = &key["numpy.".len()..];
        if let Some(v) = src.get(name) {
            np.set(name, v);
        }
    }
}
