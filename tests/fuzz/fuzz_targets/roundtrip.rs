//! Load then write is the identity, for any bytes the loader accepts; the parts tile the file;
//! replacing a part with its own text changes nothing.
#![no_main]

use jobpost::posting::{Part, Posting};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(p) = Posting::from_bytes(data.to_vec()) else {
        return;
    };
    assert_eq!(p.text().as_bytes(), data, "load then write changed the bytes");
    // Every byte range the model hands out is inside the text and on char boundaries.
    let text = p.text();
    for part in p.parts() {
        let r = p.part_range(part).expect("a listed part has a range");
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        // Writing a part back unchanged is the identity.
        let same = p.replace_part(part, p.part_text(part));
        if !(part == Part::FrontMatter && !p.part_text(part).is_empty() && !p.part_text(part).ends_with(['\n', '\r'])) {
            assert_eq!(same.text(), text, "replacing {part:?} with itself changed the text");
        }
    }
    for ph in p.placeholders() {
        assert!(ph.span.end <= text.len() && text.is_char_boundary(ph.span.start) && text.is_char_boundary(ph.span.end));
        let _ = p.line_col(ph.span.start);
    }
    for s in p.sections() {
        assert!(s.heading.end <= s.body.start && s.body.end <= text.len());
    }
    let _ = jobpost::review::review("fuzz.md".into(), &p);
});
