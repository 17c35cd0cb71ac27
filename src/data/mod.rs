//! Data: `tf.data` pipelines (`tf_data.rs`, the classes in `pysrc/`) and the toy data sets
//! tensh ships (`toy.rs`: the optdigits digits, moons, spirals, XOR). Keras's own dataset
//! loaders live with Keras (`nn/datasets.rs`).

pub(crate) mod tf_data;
pub(crate) mod toy;

use crate::eval::Interp;

/// Registers `tf.data` and the toy data sets' modules.
pub fn install(it: &mut Interp) {
    tf_data::install(it);
    toy::install(it);
}
