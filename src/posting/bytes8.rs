//! Eight bytes at a time: a `u64` of 8 bytes (little-endian) answers with the high bit of
//! each byte, the way the scans that look at every byte of a posting skip what they need not.

/// `0x01` in each byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
pub const HIGH: u64 = 0x80 * ONES;

/// The high bit of each byte of `x` that is ASCII and in `lo..=hi` (`hi` ASCII), and no
/// other bit. With the high bits cleared, no byte's sum below carries into the next byte.
#[inline]
pub const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & !HIGH;
    let at_least_lo = low + (0x80 - lo as u64) * ONES;
    let past_hi = low + (0x7f - hi as u64) * ONES;
    at_least_lo & !past_hi & !x & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn in_range_marks_the_bytes_in_range(
            bytes in proptest::array::uniform8(proptest::num::u8::ANY),
            lo in 0u8..0x80,
            len in 0u8..0x80,
        ) {
            let hi = lo.saturating_add(len).min(0x7f);
            let mask = in_range(u64::from_le_bytes(bytes), lo, hi);
            for (i, b) in bytes.iter().enumerate() {
                let marked = mask >> (8 * i) & 0xff;
                proptest::prop_assert_eq!(marked, if (lo..=hi).contains(b) { 0x80 } else { 0 });
            }
        }
    }

    #[test]
    fn in_range_marks_each_byte_of_a_range_alone() {
        for b in 0..=255u8 {
            let x = u64::from(b) << 24;
            let expected = if b.is_ascii_digit() { 0x80 << 24 } else { 0 };
            assert_eq!(in_range(x, b'0', b'9'), expected, "{b:#x}");
        }
    }
}
