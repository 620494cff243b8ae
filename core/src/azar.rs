//! The random generator Coactiva uses wherever chance decides: ChaCha20 (RFC 8439's stream
//! cipher, as `rand_chacha::ChaCha20Rng`) keyed with a 32-byte seed. The same seed gives the
//! same numbers on every machine, so a sorteo can be replayed by anyone who has its record.
//!
//! `rango(n)` draws uniformly from `0..n` by rejection (no modulo bias): take 64 bits, reject
//! values at or above the largest multiple of `n`, and reduce the rest modulo `n`.

use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

use crate::{Error, Result};

pub type Semilla = [u8; 32];

pub struct Azar(ChaCha20Rng);

impl Azar {
    pub fn new(semilla: Semilla) -> Self {
        Azar(ChaCha20Rng::from_seed(semilla))
    }

    /// A generator keyed by a small number (demos and tests only).
    pub fn desde_u64(n: u64) -> Self {
        let mut s = [0u8; 32];
        s[..8].copy_from_slice(&n.to_le_bytes());
        Azar::new(s)
    }

    pub fn u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (`n > 0`), without modulo bias.
    pub fn rango(&mut self, n: u64) -> u64 {
        assert!(n > 0, "rango vacío");
        let limite = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.u64();
            if x < limite {
                return x % n;
            }
        }
    }

    /// Uniform in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates shuffle driven by [`Azar::rango`].
    pub fn barajar<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.rango(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// Where seeds come from: the operating system's secure generator in every real run; a
/// deterministic sequence in tests. The [`crate::Store`] holds one, as it holds the clock.
pub trait FuenteAzar: Send + Sync {
    fn semilla(&self) -> Result<Semilla>;
}

/// The operating system's secure generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct AzarDelSistema;

impl FuenteAzar for AzarDelSistema {
    fn semilla(&self) -> Result<Semilla> {
        semilla_del_sistema()
    }
}

/// A replayable sequence of seeds for tests: the n-th is SHA-256(base ‖ n).
pub struct AzarFijo {
    base: Semilla,
    n: std::sync::atomic::AtomicU64,
}

impl AzarFijo {
    pub fn new(base: Semilla) -> AzarFijo {
        AzarFijo {
            base,
            n: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl FuenteAzar for AzarFijo {
    fn semilla(&self) -> Result<Semilla> {
        use sha2::{Digest, Sha256};
        let n = self.n.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut h = Sha256::new();
        h.update(self.base);
        h.update(n.to_be_bytes());
        Ok(h.finalize().into())
    }
}

/// 32 bytes from the operating system's secure generator.
pub fn semilla_del_sistema() -> Result<Semilla> {
    let mut s = [0u8; 32];
    getrandom::fill(&mut s)
        .map_err(|e| Error::Interno(format!("el sistema no entregó números aleatorios: {e}")))?;
    Ok(s)
}

/// Parses a seed written as 64 hexadecimal digits.
pub fn parse_semilla(hex_txt: &str) -> Result<Semilla> {
    let t = hex_txt.trim();
    let bytes = hex::decode(t)
        .map_err(|_| Error::entrada(format!("la semilla «{t}» no es hexadecimal")))?;
    bytes.try_into().map_err(|_| {
        Error::entrada(format!(
            "la semilla debe tener 64 dígitos hexadecimales (32 bytes), no {}",
            t.len()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Azar::new([7; 32]);
        let mut b = Azar::new([7; 32]);
        let xa: Vec<u64> = (0..5).map(|_| a.rango(1000)).collect();
        let xb: Vec<u64> = (0..5).map(|_| b.rango(1000)).collect();
        assert_eq!(xa, xb);
        let mut c = Azar::new([8; 32]);
        assert_ne!(xa, (0..5).map(|_| c.rango(1000)).collect::<Vec<_>>());
    }

    #[test]
    fn chacha20_matches_the_published_keystream() {
        // RFC 8439 §2.3.2 key/nonce differ; this pins rand_chacha's all-zero-key output so a
        // library change that would alter every replay is caught.
        let mut a = Azar::new([0; 32]);
        assert_eq!(format!("{:016x}", a.u64()), "903df1a0ade0b876"); // keystream bytes 76 b8 e0 ad a0 f1 3d 90, little-endian
    }

    #[test]
    fn seeds_parse_from_hex() {
        let h = "00".repeat(31) + "ff";
        assert_eq!(parse_semilla(&h).unwrap()[31], 0xff);
        assert!(parse_semilla("abc").is_err());
        assert!(parse_semilla("zz").is_err());
    }
}
