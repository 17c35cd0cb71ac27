//! numpy functions numpy writes in Python over its array operations: `append`, `roll`,
//! `tril`, `triu`, `diag`, `fliplr`, `flipud`, `column_stack`, `atleast_1d/2d/3d`,
//! `nansum`, `nanmean`, `nanmax`, `nanmin`, `average`, `nan_to_num`, `shape`, `ndim`,
//! `size` and `copy`. tensh writes them in Python too (`pysrc/np_lib_more.py`, module
//! `numpy.lib.function_base`), built the first time any of them is read.

use crate::eval::Interp;
use crate::eval::Value;

const SOURCE: &str = include_str!("pysrc/np_lib_more.py");

/// Where numpy defines most of them.
const MODULE: &str = "numpy.lib.function_base";

/// The functions `np` has from the source.
const NAMES: [&str; 21] = [
    "append",
    "roll",
    "tril",
    "triu",
    "diag",
    "fliplr",
    "flipud",
    "column_stack",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "nansum",
    "nanmean",
    "nanmax",
    "nanmin",
    "average",
    "nan_to_num",
    "shape",
    "ndim",
    "size",
    "copy",
];

/// Their lazy keys: reading any of them builds them all.
const KEYS: [&str; 21] = [
    "numpy.append",
    "numpy.roll",
    "numpy.tril",
    "numpy.triu",
    "numpy.diag",
    "numpy.fliplr",
    "numpy.flipud",
    "numpy.column_stack",
    "numpy.atleast_1d",
    "numpy.atleast_2d",
    "numpy.atleast_3d",
    "numpy.nansum",
    "numpy.nanmean",
    "numpy.nanmax",
    "numpy.nanmin",
    "numpy.average",
    "numpy.nan_to_num",
    "numpy.shape",
    "numpy.ndim",
    "numpy.size",
    "numpy.copy",
];

/// Registers the functions, built on first use.
pub(crate) fn install(it: &mut Interp) {
    crate::pylib::pysource::install_lazy(it, &KEYS, build);
}

fn build(it: &mut Interp) {
    let Some(src) = crate::pylib::pysource::build_lazy(it, &KEYS, MODULE, SOURCE, &[]) else {
        return;
    };
    let Some(Value::Module(np)) = it.modules.get("numpy").cloned() else {
        return;
    };
    for name in NAMES {
        if let Some(v) = src.get(name) {
            np.set(name, v);
        }
    }
}
