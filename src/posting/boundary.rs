//! Character boundaries for byte offsets computed by arithmetic (`start - 40`), so a slice
//! never lands inside a multi-byte character. (`str::floor_char_boundary` is std from Rust
//! 1.91; the crate supports 1.88.)

/// The largest character boundary of `text` at or before `i` (`text.len()` when past the end).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    // A UTF-8 character is at most 4 bytes: a boundary is at most 3 bytes back.
    (i.saturating_sub(3)..=i)
        .rev()
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(0)
}

/// The smallest character boundary of `text` at or after `i` (`text.len()` when past the end).
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    (i..=text.len().min(i + 3))
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offset_moves_to_the_nearest_boundary_on_its_side() {
        let text = "a’b日😀c";
        for i in 0..=text.len() + 2 {
            let f = floor_char_boundary(text, i);
            let c = ceil_char_boundary(text, i);
            assert!(text.is_char_boundary(f) && text.is_char_boundary(c), "{i}");
            assert!(f <= i.min(text.len()) && c >= i.min(text.len()), "{i}");
            assert!(
                (f..=i.min(text.len()))
                    .skip(1)
                    .all(|j| !text.is_char_boundary(j))
            );
            assert!((i.min(text.len())..c).all(|j| !text.is_char_boundary(j) || j == c));
        }
        assert_eq!(floor_char_boundary(text, 2), 1);
        assert_eq!(ceil_char_boundary(text, 2), 4);
    }
}
