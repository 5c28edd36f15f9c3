//! Searches of a sorted list that mostly go on where the last one left off (a scan in file
//! order asks for the placeholders or starts after each piece in turn).

/// `slice.partition_point(pred)`, found from `hint` and left there: the answer is most often
/// the hint or a few places after it; else (the hint past it, or far before) a binary
/// search. A wrong hint costs a search, never a different answer.
#[inline]
pub fn partition_point<T>(slice: &[T], hint: &mut usize, pred: impl Fn(&T) -> bool) -> usize {
    /// Steps taken before a binary search is cheaper.
    const STEPS: usize = 8;
    let mut i = *hint;
    if i <= slice.len() && (i == 0 || pred(&slice[i - 1])) {
        let mut steps = STEPS;
        while let Some(x) = slice.get(i)
            && pred(x)
        {
            if steps == 0 {
                i = slice.partition_point(&pred);
                break;
            }
            steps -= 1;
            i += 1;
        }
    } else {
        i = slice.partition_point(&pred);
    }
    *hint = i;
    i
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn the_point_from_any_hint_is_the_searched_one(
            mut list in proptest::collection::vec(0usize..200, 0..40),
            queries in proptest::collection::vec((0usize..220, proptest::option::of(0usize..50)), 0..30),
        ) {
            list.sort_unstable();
            let mut hint = 0;
            for (q, reset) in queries {
                // Mostly the hint left by the last search; sometimes any, even past the end.
                if let Some(h) = reset {
                    hint = h;
                }
                let found = super::partition_point(&list, &mut hint, |&x| x < q);
                proptest::prop_assert_eq!(found, list.partition_point(|&x| x < q));
                proptest::prop_assert_eq!(hint, found);
            }
        }
    }
}
