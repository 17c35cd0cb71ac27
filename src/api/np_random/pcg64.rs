//! numpy 1.26's `PCG64` bit generator and the `SeedSequence` hashing that seeds it.
//!
//! `SeedSequence(entropy)` spreads the entropy's 32-bit words over a pool of four words
//! (O'Neill's `seed_seq` hash with numpy's constants); `generate_state(4, uint64)` draws
//! eight words from the pool, read little-endian in pairs: the first two are PCG64's
//! initial state, the last two its stream. PCG64 is the 128-bit LCG with the XSL-RR
//! output; numpy's 32-bit draws split one 64-bit draw, the low half first, keeping the
//! high half for the next 32-bit draw (the buffer lives in the generator, so it carries
//! over between calls).

/// The multiplier of numpy's 128-bit LCG.
const MULTIPLIER: u128 = (2549297995355413924u128 << 64) | 4865540595714422341u128;

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const POOL_SIZE: usize = 4;

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> 16)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> 16)
}

/// `SeedSequence(entropy).pool`: the entropy words mixed into four.
pub(crate) fn seed_pool(entropy: &[u32]) -> [u32; POOL_SIZE] {
    let mut pool = [0u32; POOL_SIZE];
    let mut hash_const = INIT_A;
    for (i, p) in pool.iter_mut().enumerate() {
        *p = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const);
    }
    for src in 0..POOL_SIZE {
        for dst in 0..POOL_SIZE {
            if src != dst {
                pool[dst] = mix(pool[dst], hashmix(pool[src], &mut hash_const));
            }
        }
    }
    for &word in entropy.iter().skip(POOL_SIZE) {
        for p in pool.iter_mut() {
            *p = mix(*p, hashmix(word, &mut hash_const));
        }
    }
    pool
}

/// `SeedSequence.generate_state(n_words, np.uint32)`.
pub(crate) fn generate_state(pool: &[u32; POOL_SIZE], n_words: usize) -> Vec<u32> {
    let mut hash_const = INIT_B;
    (0..n_words)
        .map(|i| {
            let mut v = pool[i % POOL_SIZE] ^ hash_const;
            hash_const = hash_const.wrapping_mul(MULT_B);
            v = v.wrapping_mul(hash_const);
            v ^ (v >> 16)
        })
        .collect()
}

/// A non-negative integer as `SeedSequence` reads it: 32-bit words, lowest first (zero is
/// one word).
pub(crate) fn int_words(magnitude_le: &[u32]) -> Vec<u32> {
    let mut words = magnitude_le.to_vec();
    while words.len() > 1 && words.last() == Some(&0) {
        words.pop();
    }
    if words.is_empty() {
        words.push(0);
    }
    words
}

/// numpy's PCG64 (XSL-RR 128/64) with its buffered 32-bit half.
#[derive(Clone, Debug)]
pub(crate) struct Pcg64 {
    state: u128,
    inc: u128,
    half: Option<u32>,
}

impl Pcg64 {
    /// `PCG64(SeedSequence(entropy))`, `entropy` already split into 32-bit words.
    pub fn from_entropy_words(entropy: &[u32]) -> Pcg64 {
        let pool = seed_pool(entropy);
        let w = generate_state(&pool, 8);
        let word = |i: usize| (w[2 * i] as u64 | (w[2 * i + 1] as u64) << 32) as u128;
        let state = (word(0) << 64) | word(1);
        let seq = (word(2) << 64) | word(3);
        Pcg64::seeded(state, seq)
    }

    /// `pcg64_srandom_r(initstate, initseq)`.
    fn seeded(initstate: u128, initseq: u128) -> Pcg64 {
        let mut g = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            half: None,
        };
        g.step();
        g.state = g.state.wrapping_add(initstate);
        g.step();
        g
    }

    /// A generator seeded from the OS and the clock, as `default_rng()` is.
    pub fn fresh() -> Pcg64 {
        let mut words: Vec<u32> = (0..4).map(|_| rand::random::<u32>()).collect();
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        words[0] ^= t as u32;
        Pcg64::from_entropy_words(&words)
    }

    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
    }

    /// The state and stream increment, as `PCG64.state` shows them.
    pub fn state(&self) -> (u128, u128, Option<u32>) {
        (self.state, self.inc, self.half)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let hi = (self.state >> 64) as u64;
        let lo = self.state as u64;
        (hi ^ lo).rotate_right((hi >> 58) as u32)
    }

    /// The low half of a 64-bit draw, then its high half on the next call.
    pub fn next_u32(&mut self) -> u32 {
        if let Some(h) = self.half.take() {
            return h;
        }
        let v = self.next_u64();
        self.half = Some((v >> 32) as u32);
        v as u32
    }

    /// A double in [0, 1) from the top 53 bits of a 64-bit draw.
    pub fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0)
    }

    /// A float32 in [0, 1) from the top 24 bits of a 32-bit draw.
    pub fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0f32 / 16777216.0f32)
    }
}

impl super::Bits for Pcg64 {
    fn next_u32(&mut self) -> u32 {
        Pcg64::next_u32(self)
    }

    fn next_u64(&mut self) -> u64 {
        Pcg64::next_u64(self)
    }
}

pub(crate) mod tests {
    use super::*;

    // Values from numpy 1.26.4: np.random.PCG64(seed).state, .random_raw(),
    // and np.random.default_rng(seed).random().
    fn seeding_matches_numpy() {
        let g = Pcg64::from_entropy_words(&int_words(&[0]));
        assert_eq!(g.state().0, 35399562948360463058890781895381311971);
        assert_eq!(g.state().1, 87136372517582989555478159403783844777);
    }

    fn raw_draws_match_numpy() {
        let cases: [(&[u32], [u64; 3]); 6] = [
            (
                &[0],
                [
                    11749869230777074271,
                    4976686463289251617,
                    755828109848996024,
                ],
            ),
            (
                &[12345],
                [
                    4193609425186963869,
                    5843160025838961886,
                    14708796524633321433,
                ],
            ),
            (
                &[0, 256],
                [
                    6655761860222389633,
                    11588987068175201250,
                    18358741258079589334,
                ],
            ),
            (
                &[1, 2, 3, 4, 5, 6],
                [
                    11470276255390519954,
                    2202564630955117089,
                    15477703713457848045,
                ],
            ),
            (
                &[7, 0, 0, 0, 0, 0, 256],
                [
                    16234940907125001555,
                    6491461065881959428,
                    9913728897659299275,
                ],
            ),
            (
                &[0xdeadbeef, 0x10],
                [
                    17818837247838002826,
                    5760163391625070424,
                    7168292232938329616,
                ],
            ),
        ];
        for (words, want) in cases {
            let mut g = Pcg64::from_entropy_words(words);
            let got = [g.next_u64(), g.next_u64(), g.next_u64()];
            assert_eq!(got, want, "seed words {:?}", words);
        }
    }

    fn draws_match_numpy() {
        let mut g = Pcg64::from_entropy_words(&int_words(&[42]));
        assert_eq!(g.next_double(), 0.7739560485559633);
        let mut g = Pcg64::from_entropy_words(&int_words(&[3]));
        assert_eq!(g.next_double(), 0.08564916714362436);
    }

    unit_cases!(
        seeding_matches_numpy,
        raw_draws_match_numpy,
        draws_match_numpy
    );
}
