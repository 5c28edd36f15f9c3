//! Filling: the bytes outside the replaced placeholder spans never change, and a fill with no
//! names is the identity. Input: `name \x1f value \x1f posting text`.
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
        .map(|ph| (ph.text.clone(), value.to_string()))
        .chain(std::iter::once((name.to_string(), value.to_string())))
        .collect();
    let (all, counts) = p.fill_all(&pairs);
    assert_eq!(counts.len(), pairs.len());
    // Rebuild the expected text from the spans: only their bytes change.
    let mut spans: Vec<_> = p.placeholders().iter().map(|ph| ph.span.clone()).collect();
    spans.sort_by_key(|r| r.start);
    let mut expected = String::new();
    let mut pos = 0;
    for r in &spans {
        assert!(r.start >= pos, "placeholders overlap: {spans:?}");
        expected.push_str(&p.text()[pos..r.start]);
        expected.push_str(value);
        pos = r.end;
    }
    expected.push_str(&p.text()[pos..]);
    assert_eq!(all.text(), expected);
    // fill_spans agrees.
    let (by_spans, report) = p.fill_spans(&spans, value);
    assert_eq!(by_spans.text(), expected);
    assert_eq!(report.replaced, spans.len());
});
