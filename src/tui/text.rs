//! Text as a person sees it: the cursor steps over extended grapheme clusters (`👩‍💻`, `e` +
//! U+0301) and layout counts terminal cells (`会` is two), as ratatui draws them.
//!
//! Columns are char columns on one line, as the text pane's cursor counts them. Every
//! function takes any column (one past the end is clamped) and never panics.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// The byte offset of char column `col` (the line's length past its end).
fn byte_of(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

/// The char column of byte offset `byte` (a char boundary).
fn col_of(line: &str, byte: usize) -> usize {
    line[..byte].chars().count()
}

/// The column of the cluster boundary after `col`: one Right or Delete. At the end, the end.
pub fn next_boundary(line: &str, col: usize) -> usize {
    let byte = byte_of(line, col);
    if byte >= line.len() {
        return col_of(line, line.len());
    }
    let mut cursor = GraphemeCursor::new(byte, line.len(), true);
    let next = cursor
        .next_boundary(line, 0)
        .ok()
        .flatten()
        .unwrap_or(line.len());
    col_of(line, byte) + line[byte..next].chars().count()
}

/// The column of the cluster boundary before `col`: one Left or Backspace. At 0, 0.
pub fn prev_boundary(line: &str, col: usize) -> usize {
    let byte = byte_of(line, col);
    if byte == 0 {
        return 0;
    }
    let mut cursor = GraphemeCursor::new(byte, line.len(), true);
    let prev = cursor.prev_boundary(line, 0).ok().flatten().unwrap_or(0);
    col_of(line, prev)
}

/// `col` if a cluster starts there, else the start of the cluster it is inside: where a
/// cursor that landed mid-cluster (Up/Down keep the char column) must stop instead.
pub fn snap(line: &str, col: usize) -> usize {
    let byte = byte_of(line, col);
    let mut cursor = GraphemeCursor::new(byte, line.len(), true);
    if cursor.is_boundary(line, 0).unwrap_or(true) {
        col_of(line, byte)
    } else {
        prev_boundary(line, col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Punct,
    Word,
}

/// The same three kinds the text pane's word motions use, decided by a cluster's first char.
fn kind(cluster: &str) -> Kind {
    match cluster.chars().next() {
        Some(c) if c.is_whitespace() => Kind::Space,
        Some('_') => Kind::Word,
        Some(c) if c.is_ascii_punctuation() => Kind::Punct,
        _ => Kind::Word,
    }
}

/// Where Ctrl-W's deletion starts: back over spaces, then over one run of word or
/// punctuation clusters. Returns `col` itself only at column 0 (where Ctrl-W joins lines).
pub fn word_start_before(line: &str, col: usize) -> usize {
    let byte = byte_of(line, snap(line, col));
    let mut start = byte;
    let mut current: Option<Kind> = None;
    for (i, cluster) in line[..byte].grapheme_indices(true).rev() {
        let k = kind(cluster);
        if current.is_some_and(|c| c != Kind::Space && c != k) {
            break;
        }
        current = Some(k);
        start = i;
    }
    col_of(line, start)
}

/// The cells one cluster takes, as ratatui's buffer counts them (control chars take none).
fn cluster_width(cluster: &str) -> usize {
    if cluster.contains(char::is_control) {
        return 0;
    }
    if cluster.len() == 1 {
        return 1;
    }
    // Halfwidth (han)dakuten are drawn in a cell of their own, though Unicode calls them
    // extending; ratatui counts them so.
    cluster.width()
        + cluster
            .chars()
            .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
            .count()
}

/// The terminal cells `s` takes when drawn.
pub fn width(s: &str) -> usize {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return s.len();
    }
    s.graphemes(true).map(cluster_width).sum()
}

/// `s` in at most `cells` cells: whole clusters, ending with `…` where it was cut.
pub fn truncate(s: &str, cells: usize) -> String {
    if width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in s.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w > cells - 1 {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    out.push('…');
    out
}

/// `s` in exactly `cells` cells: cut as [`truncate`] does, then padded with spaces (a wide
/// cluster that did not fit leaves a space, never half a character).
pub fn fit(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let pad = cells.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `text` in lines of at most `cells` cells, broken at spaces; a word longer than a line (a
/// path) is broken between clusters, never cut.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        if used > 0 && used + 1 + width(word) > cells {
            out.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for cluster in word.graphemes(true) {
            let w = cluster_width(cluster);
            if used > 0 && used + w > cells {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(cluster);
            used += w;
        }
    }
    out.push(line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEV: &str = "A👩\u{200d}💻B cafe\u{301}";

    #[test]
    fn wrap_breaks_at_spaces_by_cells_and_splits_only_words_longer_than_a_line() {
        assert_eq!(
            wrap("save the posting now", 10),
            ["save the", "posting", "now"]
        );
        // Four wide characters are eight cells.
        assert_eq!(wrap("会社について ok", 8), ["会社につ", "いて ok"]);
        assert_eq!(wrap("/a/very/long/path", 6), ["/a/ver", "y/long", "/path"]);
        assert_eq!(
            wrap("👩\u{200d}💻👩\u{200d}💻", 3),
            ["👩\u{200d}💻", "👩\u{200d}💻"]
        );
    }

    #[test]
    fn right_crosses_a_zwj_emoji_in_one_step() {
        // A | 👩 ZWJ 💻 | B | space | c a f | e U+0301
        assert_eq!(next_boundary(DEV, 0), 1);
        assert_eq!(next_boundary(DEV, 1), 4);
        assert_eq!(next_boundary(DEV, 4), 5);
        assert_eq!(prev_boundary(DEV, 4), 1);
        assert_eq!(prev_boundary(DEV, 1), 0);
        assert_eq!(prev_boundary(DEV, 0), 0);
    }

    #[test]
    fn backspace_after_a_combining_accent_takes_the_letter_too() {
        let end = DEV.chars().count();
        assert_eq!(prev_boundary(DEV, end), end - 2);
        assert_eq!(next_boundary(DEV, end - 2), end);
        assert_eq!(next_boundary(DEV, end), end);
        assert_eq!(next_boundary(DEV, end + 5), end);
    }

    #[test]
    fn flags_and_skin_tones_are_one_cluster() {
        let s = "🇩🇪🇫🇷👍🏽x";
        assert_eq!(next_boundary(s, 0), 2);
        assert_eq!(next_boundary(s, 2), 4);
        assert_eq!(next_boundary(s, 4), 6);
        assert_eq!(prev_boundary(s, 4), 2);
        // Regional indicators pair from the line's start, not from the cursor.
        assert_eq!(snap(s, 3), 2);
    }

    #[test]
    fn crlf_is_one_cluster() {
        assert_eq!(next_boundary("a\r\nb", 1), 3);
    }

    #[test]
    fn snap_moves_a_mid_cluster_column_to_the_cluster_start() {
        assert_eq!(snap(DEV, 2), 1);
        assert_eq!(snap(DEV, 3), 1);
        assert_eq!(snap(DEV, 4), 4);
        assert_eq!(snap(DEV, 99), DEV.chars().count());
    }

    #[test]
    fn ctrl_w_deletes_whole_clusters() {
        let line = "Büro café";
        let end = line.chars().count();
        assert_eq!(word_start_before(line, end), 5);
        let line = "team 👩\u{200d}💻👩\u{200d}💻";
        assert_eq!(word_start_before(line, line.chars().count()), 5);
        let line = "nai\u{308}ve";
        assert_eq!(word_start_before(line, 4), 0);
    }

    #[test]
    fn ctrl_w_matches_the_pane_on_plain_text() {
        // The text pane's own rule: spaces, then one run of word or punctuation chars.
        assert_eq!(word_start_before("fn foo(a)", 9), 8);
        assert_eq!(word_start_before("fn foo(a", 8), 7);
        assert_eq!(word_start_before("fn foo", 6), 3);
        assert_eq!(word_start_before("fn foo   ", 9), 3);
        assert_eq!(word_start_before("   ", 3), 0);
        assert_eq!(word_start_before("snake_case", 10), 0);
        assert_eq!(word_start_before("x", 0), 0);
    }

    #[test]
    fn width_counts_cells() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("会社について 🚀"), 15);
        assert_eq!(width("👩\u{200d}💻"), 2);
        assert_eq!(width("cafe\u{301}"), 4);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn truncate_cuts_by_cells_and_marks_the_cut() {
        assert_eq!(truncate("Benefits", 8), "Benefits");
        assert_eq!(truncate("Benefits", 5), "Bene…");
        assert_eq!(
            truncate("会社について", 7),
            "会社について"[..9].to_string() + "…"
        );
        assert_eq!(truncate("会社について", 6), "会社…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("A👩\u{200d}💻B", 3), "A…");
    }

    #[test]
    fn fit_pads_to_exact_cells() {
        assert_eq!(fit("会社", 6), "会社  ");
        assert_eq!(fit("会社について", 6), "会社… ");
        assert_eq!(width(&fit("会社について 🚀", 10)), 10);
    }

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", " ", "-", "_", "会", "e\u{301}", "\u{301}", "👩", "\u{200d}", "💻", "🇩", "🇪",
            "🏽", "\r", "\n", "\t", "ß", "ﾞ",
        ]);
        prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
    }

    fn boundaries(s: &str) -> Vec<usize> {
        let mut cols: Vec<usize> = s
            .grapheme_indices(true)
            .map(|(i, _)| s[..i].chars().count())
            .collect();
        cols.push(s.chars().count());
        cols
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn stepping_visits_exactly_the_cluster_boundaries(s in text()) {
            let want = boundaries(&s);
            let mut col = 0;
            let mut seen = vec![0];
            while col < s.chars().count() {
                let next = next_boundary(&s, col);
                prop_assert!(next > col);
                col = next;
                seen.push(col);
            }
            prop_assert_eq!(&seen, &want);
            let mut back = vec![col];
            while col > 0 {
                let prev = prev_boundary(&s, col);
                prop_assert!(prev < col);
                col = prev;
                back.push(col);
            }
            back.reverse();
            prop_assert_eq!(back, want);
        }

        #[test]
        fn snap_lands_on_a_boundary_at_or_before(s in text(), col in 0usize..20) {
            let snapped = snap(&s, col);
            prop_assert!(boundaries(&s).contains(&snapped));
            prop_assert!(snapped <= col.min(s.chars().count()));
            prop_assert!(word_start_before(&s, col) <= snapped);
            prop_assert!(boundaries(&s).contains(&word_start_before(&s, col)));
        }

        #[test]
        fn truncate_fits_and_keeps_a_prefix(s in text(), cells in 0usize..12) {
            let cut = truncate(&s, cells);
            prop_assert!(width(&cut) <= cells);
            let kept = cut.strip_suffix('…').unwrap_or(&cut);
            prop_assert!(s.starts_with(kept));
            prop_assert_eq!(cut == s, width(&s) <= cells);
            prop_assert_eq!(width(&fit(&s, cells)), cells);
        }
    }
}
