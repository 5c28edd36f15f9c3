//! Inputs shared by the benchmarks (each `benches/*.rs` includes this with `mod common;`).

/// `start`, then `piece(1)`, `piece(2)`... until the text is at least `bytes` long.
pub fn grow(start: &str, bytes: usize, piece: impl Fn(usize) -> String) -> String {
    let mut text = String::from(start);
    let mut i = 0;
    while text.len() < bytes {
        i += 1;
        text.push_str(&piece(i));
    }
    text
}
