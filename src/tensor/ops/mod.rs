//! Tensor ops, grouped by theme. Every op is a plain function of its input tensors.
//!
//! | file | owns |
//! |---|---|
//! | `parallel.rs` | contiguous loops split over both cores, SIMD chosen at run time |
//! | `eigen.rs` | exp/log/sin/cos/tanh/sigmoid rounding exactly as TensorFlow's kernels |
//! | `elementwise.rs` | unary math, binary arithmetic, comparisons, logical ops |
//! | `reduce.rs` | reductions, arg-reductions, cumulative sums |
//! | `reduce_numpy.rs` | numpy's order of adding floats (`np.sum`, `np.mean`) |
//! | `linalg.rs` | matmul |
//! | `decomp/` | matrix decompositions (LU, Cholesky, QR, eigen, SVD) as numpy's LAPACK and TensorFlow's Eigen compute them |
//! | `conv.rs` | 2-D convolution: shapes, checks, recorded gradients, the transposed and 3-D convolutions |
//! | `conv_blocks.rs` | the convolution kernels: patch blocks through GEMM on both cores |
//! | `conv_depthwise.rs` | the depthwise convolution kernels (direct loops) |
//! | `pool.rs` | max and average pooling: shapes, errors, recorded gradients |
//! | `pool_kernels.rs` | the pooling kernels over NHWC buffers |
//! | `shape.rs` | reshape, transpose, concat, stack, split, tile, pad, ... |
//! | `broadcast_copy.rs` | the `broadcast_to` kernel: runs of a contiguous source copied or filled |
//! | `index.rs` | Python indexing (strided slice) |
//! | `select.rs` | gather, gather_nd, boolean_mask, where, scatter_nd, one_hot |
//! | `batch_gather.rs` | gather and gather_nd with batch dimensions |
//! | `bitwise.rs` | and, or, xor, shifts and invert on integer tensors |
//! | `complex.rs` | complex64/complex128 arithmetic, parts, products and Fourier transforms |
//! | `search.rs` | searchsorted, fixed-width histograms, reverse_sequence |
//! | `moves.rs` | slice, roll, diag_part (composed of recorded views) |
//! | `scatter.rs` | tensor_scatter_nd_update / add / sub / min / max |
//! | `segment.rs` | segment, unsorted_segment and sparse_segment reductions |
//! | `einsum.rs` | einsum as diagonals, sums, transposes, reshapes and matmuls |
//! | `sort.rs` | sort, argsort, top_k, unique |
//! | `creation.rs` | range, linspace, eye, meshgrid |
//! | `nn.rs` | softmax, log_softmax and other fused activations |
//! | `xent.rs` | the fused softmax cross-entropy losses |
//! | `image_resize.rs` | image resizing: bilinear, nearest, bicubic, area, scale-and-translate |
//! | `image_transform.rs` | `ImageProjectiveTransformV3`: projective transforms with fill modes |
//! | `image_color.rs` | color-space conversions and hue, saturation and contrast adjustment |
//! | `machine.rs` | the CPU, the kernel paths taken on it, its bandwidth and FMA peak |
//! | `image_color_grad.rs` | their gradients (RGB to HSV's piecewise formula; none for the others) |

pub(crate) mod batch_gather;
pub(crate) mod bitwise;
mod broadcast_copy;
pub(crate) mod complex;
pub(crate) mod conv;
mod conv_blocks;
mod conv_depthwise;
pub(crate) mod creation;
pub(crate) mod decomp;
pub(crate) mod eigen;
pub(crate) mod einsum;
pub(crate) mod elementwise;
pub(crate) mod image_color;
pub(crate) mod image_color_grad;
pub(crate) mod image_resize;
pub(crate) mod image_transform;
pub(crate) mod index;
pub(crate) mod linalg;
pub mod machine;
pub(crate) mod moves;
pub(crate) mod nn;
pub(crate) mod parallel;
pub(crate) mod pool;
mod pool_kernels;
pub(crate) mod reduce;
pub(crate) mod reduce_numpy;
pub(crate) mod scatter;
pub(crate) mod search;
pub(crate) mod segment;
pub(crate) mod select;
pub(crate) mod shape;
pub(crate) mod sort;
pub(crate) mod xent;
