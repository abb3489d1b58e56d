//! Text measured by display width (wide CJK, emoji and combining marks included), never by bytes.

use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The start of `s`, at most `max` bytes (cut on a character boundary): what a row can show
/// of a text that may be megabytes long, taken without copying the rest.
pub fn head(s: &str, max: usize) -> &str {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// Cut `s` to at most `max` columns, ending with "…" when anything was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("Sam Lee", 10), "Sam Lee");
        assert_eq!(truncate("Sam Lee", 4), "Sam…");
        assert_eq!(truncate("李雷李雷", 5), "李雷…");
        assert_eq!(width(&truncate("李雷李雷", 5)), 5);
        assert_eq!(truncate("abc", 0), "");
    }
}

/// Word-wrap `s` to lines of at most `max` columns (long words are cut).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in s.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let sep = usize::from(!line.is_empty());
            if width(&line) + sep + width(word) <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word;
            while width(rest) > max {
                // The longest prefix that fits (at least one character, so this always ends).
                let mut n = 0;
                let mut w = 0;
                for (i, c) in rest.char_indices() {
                    let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if w + cw > max && i > 0 {
                        break;
                    }
                    w += cw;
                    n = i + c.len_utf8();
                }
                lines.push(rest[..n].to_string());
                rest = &rest[n..];
            }
            line.push_str(rest);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(wrap("use open questions", 9), vec!["use open", "questions"]);
        assert_eq!(
            wrap("use open questions", 8),
            vec!["use open", "question", "s"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert!(wrap("質問質問質問", 4).iter().all(|l| width(l) <= 4));
    }
}
