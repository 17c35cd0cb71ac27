//! String hashing: `tf.strings.to_hash_bucket_fast` (FarmHash's Fingerprint64),
//! `to_hash_bucket_strong` (keyed SipHash-2-4) and the legacy `to_hash_bucket`
//! (TensorFlow's own 64-bit MurmurHash variant), each modulo the number of buckets.

use super::convert::{i64_arg, int_list};
use super::tf_strings::{map_to, str_input};
use crate::eval::error::R;
use crate::eval::Value;
use crate::tensor::error::{invalid_arg, op_error};
use std::hash::Hasher;

/// FarmHash Fingerprint64, the hash TensorFlow's fast bucketing and Keras's `Hashing` use.
pub(crate) fn fingerprint64(b: &[u8]) -> u64 {
    farmhash::fingerprint64(b)
}

/// `tensorflow::Hash64(data, n, 0xDECAFCAFFE)`: MurmurHash64A over little-endian words.
fn legacy_hash64(b: &[u8]) -> u64 {
    const M: u64 = 0xc6a4a7935bd1e995;
    const R: u32 = 47;
    let mut h: u64 = 0xDECAFCAFFE ^ (b.len() as u64).wrapping_mul(M);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut k = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        for (i, &c) in rest.iter().enumerate().rev() {
            h ^= (c as u64) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The bucket count, at least one as the op's attribute requires.
fn buckets(v: &Value) -> R<u64> {
    let n = i64_arg(v, "num_buckets")?;
    if n < 1 {
        return Err(invalid_arg(format!(
            "Value for attr 'num_buckets' of {n} must be at least minimum 1"
        ))
        .into());
    }
    Ok(n as u64)
}

crate::builtin! {
    /// Converts each string in the input Tensor to its hash mod by a number of buckets.
    dispatch ["tf.strings.to_hash_bucket_fast"]
    fn to_hash_bucket_fast(it, input, num_buckets, name = None) {
        let x = str_input(it, &input, "StringToHashBucketFast")?;
        let n = buckets(&num_buckets)?;
        Ok(Value::Tensor(map_to(&x, |b| Ok((fingerprint64(b) % n) as i64))?))
    }
}

crate::builtin! {
    /// Converts each string in the input Tensor to its hash mod by a number of buckets.
    dispatch ["tf.strings.to_hash_bucket_strong"]
    fn to_hash_bucket_strong(it, input, num_buckets, key, name = None) {
        let x = str_input(it, &input, "StringToHashBucketStrong")?;
        let n = buckets(&num_buckets)?;
        let key = int_list(it, &key, "key")?;
        let [k0, k1] = key[..] else {
            return Err(op_error(
                "StringToHashBucketStrong",
                "StringToHashBucketStrong",
                "Key must have 2 elements",
                Some(""),
            )
            .into());
        };
        Ok(Value::Tensor(map_to(&x, |b| {
            let mut h = siphasher::sip::SipHasher24::new_with_keys(k0 as u64, k1 as u64);
            h.write(b);
            Ok((h.finish() % n) as i64)
        })?))
    }
}

crate::builtin! {
    /// Converts each string in the input Tensor to its hash mod by a number of buckets.
    dispatch ["tf.strings.to_hash_bucket"]
    fn to_hash_bucket(it, string_tensor, num_buckets, name = None) {
        let x = str_input(it, &string_tensor, "StringToHashBucket")?;
        let n = buckets(&num_buckets)?;
        Ok(Value::Tensor(map_to(&x, |b| Ok((legacy_hash64(b) % n) as i64))?))
    }
}
