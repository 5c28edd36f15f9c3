//! The editing model's laws, for any text and any edits: a change then its inverse is the
//! identity; the session's posting after any change (a byte-range change, or a part replaced
//! the fast way) is what a full parse of its text gives; undoing to the start gives back the
//! exact original bytes, and redoing everything the last text.

use std::time::{Duration, Instant};

use jobpost::posting::change::{Assoc, Change, Replace};
use jobpost::posting::history::{EditKind, Selection};
use jobpost::posting::session::Session;
use jobpost::posting::{Part, Posting};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("---\n".to_string()),
        Just("# ".to_string()),
        Just("## About Us\n".to_string()),
        Just("Title\n===\n".to_string()),
        Just("```\n".to_string()),
        Just("[Company Name]".to_string()),
        Just("[ref]: /u\n".to_string()),
        Just("{{ name }}".to_string()),
        Just("<div>\n".to_string()),
        Just("title: x\n".to_string()),
        Just("é👩‍💻".to_string()),
        Just("\t".to_string()),
        "[a-z ]{0,8}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

/// Replacements as fractions of the text's length (fitted to character boundaries later).
fn raw_edits() -> impl Strategy<Value = Vec<(f64, f64, String)>> {
    prop::collection::vec((0.0..=1.0f64, 0.0..=0.3f64, piece()), 0..4)
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn change_for(text: &str, raw: &[(f64, f64, String)]) -> Change {
    let mut spans: Vec<(usize, usize, String)> = raw
        .iter()
        .map(|(s, l, ins)| {
            let start = boundary(text, (s * text.len() as f64) as usize);
            let end = boundary(text, start + (l * text.len() as f64) as usize).max(start);
            (start, end, ins.clone())
        })
        .collect();
    spans.sort_by_key(|s| s.0);
    let mut edits: Vec<Replace> = Vec::new();
    for (start, end, insert) in spans {
        let from = edits.last().map_or(0, |e| e.range.end);
        if start < from {
            continue;
        }
        edits.push(Replace {
            range: start..end,
            insert,
        });
    }
    Change::new(edits).expect("sorted, not overlapping")
}

/// Everything the editor reads from a posting.
fn view(p: &Posting) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        p.text(),
        p.parts(),
        p.sections(),
        p.placeholders(),
        p.front_matter(),
        p.preamble()
    )
}

fn session(text: &str) -> Session {
    Session::new(Posting::parse(text), Duration::from_secs(1))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_change_then_its_inverse_is_the_identity(t in text(), raw in raw_edits()) {
        let c = change_for(&t, &raw);
        let after = c.applied(&t);
        let mut in_place = t.clone();
        c.apply(&mut in_place);
        prop_assert_eq!(&in_place, &after);
        prop_assert_eq!(c.invert(&t).applied(&after), t.clone());
        prop_assert_eq!(Change::diff(&t, &after).applied(&t), after.clone());
        // Offsets before the first edit stay; the end of the text maps to the new end.
        prop_assert_eq!(c.map(t.len(), Assoc::After), after.len());
    }

    #[test]
    fn the_posting_after_any_change_is_a_full_parse(t in text(), raws in prop::collection::vec(raw_edits(), 1..5)) {
        let mut s = session(&t);
        let now = Instant::now();
        for raw in &raws {
            let c = change_for(s.text(), raw);
            s.apply(c, EditKind::Insert, Selection::default(), Selection::default(), now);
            prop_assert_eq!(view(s.posting()), view(&Posting::parse(s.text())));
        }
    }

    #[test]
    fn a_part_replaced_the_fast_way_is_a_full_parse(t in text(), new in text(), which in 0usize..8) {
        let mut s = session(&t);
        let parts = s.posting().parts();
        let part = parts.get(which % parts.len().max(1)).copied().unwrap_or(Part::Preamble);
        let replaced = s.posting().replace_part(part, &new);
        s.replace(replaced, EditKind::Whole, Selection::default(), Selection::default(), Instant::now());
        prop_assert_eq!(view(s.posting()), view(&Posting::parse(s.text())));
    }

    #[test]
    fn undoing_to_the_start_gives_back_the_original_bytes(t in text(), raws in prop::collection::vec(raw_edits(), 1..6), gaps in prop::collection::vec(0u64..3, 6)) {
        let mut s = session(&t);
        let mut now = Instant::now();
        for (raw, gap) in raws.iter().zip(&gaps) {
            now += Duration::from_millis(gap * 700);
            let c = change_for(s.text(), raw);
            s.apply(c, EditKind::Insert, Selection::default(), Selection::default(), now);
        }
        let last = s.text().to_string();
        while s.undo().is_some() {}
        prop_assert_eq!(s.text(), t.as_str());
        prop_assert!(!s.modified());
        while s.redo().is_some() {}
        prop_assert_eq!(s.text(), last.as_str());
    }
}

#[test]
fn typing_words_is_a_step_per_word() {
    let mut s = session("# A\n\n");
    let now = Instant::now();
    for c in "hello world".chars() {
        let at = s.text().len();
        s.apply(
            Change::replace(at..at, c.to_string()),
            EditKind::Insert,
            Selection::cursor(at),
            Selection::cursor(at + c.len_utf8()),
            now,
        );
    }
    assert_eq!(s.undo(), Some(Selection::cursor(11)));
    assert_eq!(s.text(), "# A\n\nhello ");
}
