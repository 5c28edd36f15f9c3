//! Editing: replacing one part's text changes only that part's bytes (plus the line endings
//! the model adds: so the next heading stays a heading, a heading ending the file stays one,
//! and the file keeps its final newline); section commands never panic and keep the
//! bytes before the section. Input: `selector byte, new text \x1f posting text`.
#![no_main]

use jobpost::posting::{Part, Posting};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    let Some((new, text)) = s.split_once('\u{1f}') else {
        return;
    };
    let Ok(p) = Posting::from_bytes(text.as_bytes().to_vec()) else {
        return;
    };
    let parts = p.parts();
    let part = parts[usize::from(sel) % parts.len()];
    let r = p.part_range(part).unwrap();
    let edited = p.replace_part(part, new);
    let out = edited.text();
    assert!(out.len() >= r.start + (p.text().len() - r.end), "{part:?} lost bytes");
    assert!(out.starts_with(&p.text()[..r.start]), "bytes before {part:?} changed");
    assert!(out.ends_with(&p.text()[r.end..]), "bytes after {part:?} changed");
    let middle = &out[r.start..out.len() - (p.text().len() - r.end)];
    let ending = |e: &str| e == "\n" || e == "\r\n" || e == "\r";
    // A line ending may go before the text (after a heading that ends the file) and after it.
    let bom = if p.has_bom() { 3 } else { 0 };
    let starts_line = r.start <= bom || p.text()[..r.start].ends_with(['\n', '\r']);
    let unled = ["\r\n", "\n", "\r"]
        .iter()
        .find_map(|e| middle.strip_prefix(e).filter(|_| !starts_line && !new.is_empty()))
        .unwrap_or(middle);
    assert!(
        unled == new || unled.strip_prefix(new).is_some_and(ending),
        "{part:?}: {middle:?} is not {new:?}"
    );
    if let Part::Section(i) = part {
        let renamed = p.rename_section(i, new);
        let h = p.sections()[i].heading.clone();
        assert!(renamed.text().starts_with(&p.text()[..h.start]));
        assert!(renamed.text().ends_with(&p.text()[h.end..]));
        let removed = p.remove_section(i);
        assert_eq!(removed.text().len(), p.text().len() - p.sections()[i].range().len());
        let level = sel % 8;
        let _ = p.insert_section(Some(i), level, new);
    }
    let _ = p.insert_section(None, 2, new);
});
