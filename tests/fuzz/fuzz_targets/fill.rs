//! Filling: outside the front matter only the replaced placeholder spans change; inside it a
//! value is written for its YAML scalar (or the fill is refused); a fill with no names is the
//! identity. Input: `name \x1f value \x1f posting text`.
#![no_main]

use jobpost::posting::Posting;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let mut it = s.splitn(3, '\u{1f}');
    let (Some(name), Some(value), Some(text)) = (it.next(), it.next(), it.next()) else {
        return;
    };
    let Ok(p) = Posting::from_bytes(text.as_bytes().to_vec()) else {
        return;
    };
    let (same, counts) = p.fill_all(&[]);
    assert_eq!(same.text(), p.text());
    assert!(counts.is_empty());

    // Fill the named placeholder, and every placeholder under its own name.
    let (one, _) = p.fill(name, value);
    let _ = one.placeholders();
    let pairs: Vec<(String, String)> = p
        .placeholders()
        .iter()
        .map(|ph| (ph.text.to_string(), value.to_string()))
        .chain(std::iter::once((name.to_string(), value.to_string())))
        .collect();
    let (all, counts) = p.fill_all(&pairs);
    assert_eq!(counts.len(), pairs.len());
    let tried = p.try_fill_all(&pairs);
    if let Ok((exact, _)) = &tried {
        assert_eq!(exact.text(), all.text(), "fill_all and try_fill_all differ");
        // Front matter that was valid YAML stays valid.
        let valid = |q: &Posting| q.front_matter().is_some_and(|f| f.error.is_none());
        if valid(&p) {
            assert!(valid(exact), "the fill broke the front matter:\n{}", exact.text());
        }
    }
    // Rebuild the text after the front matter from the spans: only their bytes change.
    let body = p.front_matter().map_or(0, |f| f.block.end);
    let mut spans: Vec<_> = p.placeholders().iter().map(|ph| ph.span.clone()).collect();
    spans.sort_by_key(|r| r.start);
    let mut expected = String::new();
    let mut pos = body;
    for r in spans.iter().filter(|r| r.start >= body) {
        assert!(r.start >= pos, "placeholders overlap: {spans:?}");
        expected.push_str(&p.text()[pos..r.start]);
        expected.push_str(value);
        pos = r.end;
    }
    expected.push_str(&p.text()[pos..]);
    assert!(all.text().ends_with(&expected), "text after the front matter changed");
    // fill_spans agrees.
    let (by_spans, report) = p.fill_spans(&spans, value);
    assert_eq!(by_spans.text(), all.text());
    assert_eq!(report.replaced, spans.len());
});
