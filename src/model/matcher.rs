//! Fuzzy matching behind a small trait, so the matcher can be swapped (fuzzy-matcher is
//! archived upstream).
//!
//! What the matcher is given is bounded: skim's algorithm fills a table of needle length times
//! haystack length, so a 130,000-character query against a field as long asked for 270 GB and
//! aborted the process. A needle longer than [`MAX_NEEDLE`] characters is no fuzzy query (it
//! matches nothing fuzzily: callers match such text exactly, see `journal::search`), and a
//! haystack is matched on its first [`MAX_HAYSTACK`] characters. The table is then at most
//! 256 x 4,096 cells.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The longest needle matched fuzzily, in characters.
pub const MAX_NEEDLE: usize = 256;
/// How much of a haystack is matched fuzzily, in characters.
pub const MAX_HAYSTACK: usize = 4096;

/// `s` cut to at most `max` characters.
fn prefix(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// The needle and haystack as the matcher may take them, or `None` for a needle too long.
fn bounded<'a, 'b>(haystack: &'a str, needle: &'b str) -> Option<(&'a str, &'b str)> {
    if needle.chars().nth(MAX_NEEDLE).is_some() {
        return None;
    }
    Some((prefix(haystack, MAX_HAYSTACK), needle))
}

pub trait Matcher {
    /// A score for `needle` in `haystack` (higher is better), or `None` when it does not match.
    fn score(&self, haystack: &str, needle: &str) -> Option<i64>;
    /// The score and the char positions of `haystack` that matched.
    fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)>;
}

/// The skim algorithm, smart case.
#[derive(Default)]
pub struct SkimMatcher(SkimMatcherV2);

impl Matcher for SkimMatcher {
    fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
        let (haystack, needle) = bounded(haystack, needle)?;
        let mut chars = needle.chars();
        match (chars.next(), chars.next(), chars.next()) {
            // The first letter typed into a search scores every title in the journal.
            (Some(one), None, _) => one_char(haystack, one),
            // And the second most of them.
            (Some(a), Some(b), None) => two_chars(haystack, a, b),
            _ => skim_score(haystack, needle),
        }
    }

    fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
        let (haystack, needle) = bounded(haystack, needle)?;
        self.0.fuzzy_indices(haystack, needle)
    }
}

/// Skim's score for a needle of one character, worked out without its table: the best
/// place's bonus (a word's start, after a separator, a camel-case hump; twice at the very
/// start) with the match, less a case mismatch. This is what fuzzy-matcher 0.3.7 computes
/// with its default scoring, about ten times faster (`a_one_character_needle_scores_as_skim_scores_it`
/// holds the two together).
fn one_char(haystack: &str, needle: char) -> Option<i64> {
    // Smart case, as the matcher's: an uppercase needle matches only uppercase.
    let case_sensitive = needle.is_ascii_uppercase();
    let mut best: Option<i32> = None;
    let mut prev = '\0';
    for (i, c) in haystack.chars().enumerate() {
        let equal = if case_sensitive {
            c == needle
        } else {
            c.eq_ignore_ascii_case(&needle)
        };
        if equal {
            let place = place_bonus(kind(prev), kind(c));
            let place = if i == 0 { place * 2 } else { place };
            let case = if !case_sensitive && c != needle {
                -2
            } else {
                0
            };
            let score = place - 1 + 16 + case;
            best = Some(best.map_or(score, |b| b.max(score)));
        }
        prev = c;
    }
    best.map(i64::from)
}

/// Skim's score for a needle of two characters, in one pass with no table: [`skim_score`]'s
/// two rows worked out side by side, each cell from the one before it. For two characters
/// the run bonus skim carries along a row is always the place's own (at least 4), so a
/// cell needs only the first row's cell before it (`two_characters_score_as_skim_scores_them`
/// holds this to [`skim_score`] and to skim).
fn two_chars(haystack: &str, first: char, second: char) -> Option<i64> {
    // Smart case: an uppercase letter in the needle makes it match case.
    let case_sensitive = first.is_ascii_uppercase() || second.is_ascii_uppercase();
    let same = |c: char, p: char| {
        if case_sensitive {
            c == p
        } else {
            c.eq_ignore_ascii_case(&p)
        }
    };
    let score = |c: char, p: char| if !case_sensitive && c != p { 14 } else { 16 };
    // The first row at the character before: the best score with `first` matched there
    // (`m`) or passed over since (`p`). None until `first` is first found.
    let mut row: Option<(i32, i32)> = None;
    let mut best: Option<i32> = None;
    let mut prev = 0;
    for (at, c) in haystack.chars().enumerate() {
        let k = kind(c);
        let here = place_bonus(prev, k) * if at == 0 { 2 } else { 1 };
        prev = k;
        // The second row here, from the first row's cell before (a match of `second` after
        // one of `first`).
        if let Some((m, p)) = row
            && same(c, second)
        {
            let here_m = (m + here.max(4)).max(p + here) + score(c, second);
            best = Some(best.map_or(here_m, |b| b.max(here_m)));
        }
        let matched = same(c, first);
        if matched || row.is_some() {
            let (m, p) = row.unwrap_or((NONE, NONE));
            let here_m = if matched {
                here - 1 + score(c, first)
            } else {
                NONE
            };
            row = Some((here_m, (m - 4).max(p - 1)));
        }
    }
    best.map(i64::from)
}

/// How a character stands in a word, for skim's bonuses: its kind, as fuzzy-matcher's
/// `CharType` has it.
fn kind(c: char) -> u8 {
    match c {
        '\0' => 0,                                                       // nothing before
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 1, // hard separator
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 2,       // soft separator
        '0'..='9' => 3,
        'A'..='Z' => 4,
        _ => 5, // lowercase and the rest
    }
}

/// Skim's bonus for a match at a character of kind `cur` after one of kind `prev`.
fn place_bonus(prev: u8, cur: u8) -> i32 {
    match (prev, cur) {
        (0 | 1, _) => 8, // the head of a word
        (2, _) => 7,     // after a soft break
        (5 | 3, 4) => 6, // a camel-case hump
        _ => 0,
    }
}

/// One cell of skim's table: the best score with the needle's character matched here (`m`)
/// or passed over (`p`), and the run bonus skim keeps beside them.
#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

/// Skim's "minus infinity".
const NONE: i32 = i16::MIN as i32;

/// What [`skim_score`] reuses from one call to the next on a thread (so that scoring every
/// title of a journal allocates nothing).
#[derive(Default)]
struct Scratch {
    hay: Vec<char>,
    needle: Vec<char>,
    first: Vec<usize>,
    bonus: Vec<i32>,
    cells: Vec<Cell>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
}

/// Skim's score (fuzzy-matcher 0.3.7, `SkimMatcherV2` with its default scoring and smart
/// case, `fuzzy_match`), worked out as it does: the same table, two rows of it, the same
/// sums in the same order. What differs is that nothing is allocated per call and each call
/// starts from a clean table. Skim keeps its table between calls and, in rare cases (a
/// needle of three characters or more whose first character also comes just before where
/// the third is first found), reads a run bonus the call before left there, so its score
/// could depend on which title was scored before; this is the score a fresh matcher gives
/// (`skims_score_is_skims_on_a_fresh_table` holds the two together).
fn skim_score(haystack: &str, needle: &str) -> Option<i64> {
    if needle.is_empty() {
        return Some(0);
    }
    let case_sensitive = needle.bytes().any(|b| b.is_ascii_uppercase());
    let same = |a: char, b: char| {
        if case_sensitive {
            a == b
        } else {
            a.eq_ignore_ascii_case(&b)
        }
    };
    SCRATCH.with_borrow_mut(|s| {
        let Scratch {
            hay,
            needle: pat,
            first,
            bonus,
            cells,
        } = s;
        hay.clear();
        hay.extend(haystack.chars());
        pat.clear();
        pat.extend(needle.chars());
        // Where each needle character is first found after the one before: no match
        // without them all.
        first.clear();
        for (at, &c) in hay.iter().enumerate() {
            match pat.get(first.len()) {
                Some(&p) if same(c, p) => first.push(at),
                Some(_) => {}
                None => break,
            }
        }
        if first.len() < pat.len() {
            return None;
        }
        let cols = hay.len() + 1;
        bonus.clear();
        bonus.push(0);
        let mut prev = 0;
        for &c in hay.iter() {
            let k = kind(c);
            bonus.push(place_bonus(prev, k));
            prev = k;
        }
        if cols > 1 {
            bonus[1] *= 2; // the very first character
        }
        let blank = Cell {
            m: NONE,
            p: NONE,
            bonus: 0,
        };
        cells.clear();
        cells.resize(2 * cols, blank);
        for cell in &mut cells[..cols] {
            cell.p = -1; // row 0: nothing matched yet, the gap extended
        }
        for (i, &pc) in pat.iter().enumerate() {
            let (row, row_prev) = (((i + 1) & 1) * cols, (i & 1) * cols);
            for k in first[i]..hay.len() {
                let (cur, last, diag) = (row + k + 1, row + k, row_prev + k);
                let c = hay[k];
                if same(c, pc) {
                    let score = 16 + if !case_sensitive && c != pc { -2 } else { 0 };
                    let here = bonus[k + 1];
                    let run = cells[last].bonus.max(here.max(4));
                    cells[last].bonus = run;
                    let matched = cells[diag].m + run;
                    let skipped = cells[diag].p + here;
                    cells[cur].m = matched.max(skipped) + score.max(0);
                } else {
                    cells[cur].m = NONE;
                    cells[cur].bonus = 0;
                }
                let (m, p) = (cells[last].m, cells[last].p);
                cells[cur].p = (-3 - 1 + m).max(-1 + p);
            }
        }
        let last_row = (pat.len() & 1) * cols;
        cells[last_row + first[pat.len() - 1]..last_row + cols]
            .iter()
            .map(|c| c.m)
            .max()
            .map(i64::from)
    })
}

/// The candidates matching `needle`, best first.
pub fn rank<'a, T>(
    matcher: &dyn Matcher,
    candidates: impl IntoIterator<Item = (&'a str, T)>,
    needle: &str,
) -> Vec<(i64, T)> {
    let mut out: Vec<(i64, T)> = candidates
        .into_iter()
        .filter_map(|(hay, t)| matcher.score(hay, needle).map(|s| (s, t)))
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` strings of fewer than `longest` characters of `alphabet`, in every order, the
    /// same on every run (a linear congruential generator started at `seed`).
    fn generated(mut seed: u32, alphabet: &[char], longest: u32, count: usize) -> Vec<String> {
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed
        };
        (0..count)
            .map(|_| {
                let len = next() % longest;
                (0..len)
                    .map(|_| alphabet[(next() >> 16) as usize % alphabet.len()])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_one_character_needle_scores_as_skim_scores_it() {
        let skim = SkimMatcherV2::default();
        let hays = [
            "",
            "a",
            "A",
            "Assessment for learning in plenaries",
            "2024-06-19 Closed questions (Year 9)",
            "fooBar baz_qux 3Dmodel HTTPServer x.y/z\\w|v[u]{t}",
            "Émile asked about the ÉVALUATION: année 2",
            "İstanbul trip: KELVIN sign \u{212a} K",
            "--a--A--1--!--~--`--@--",
            "aaaaaaaaaaaaaaaaaaaab",
            "ſ ß ﬁ ǅ ǆ ǲ",
        ];
        let mut needles: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
        needles.extend([' ', '-', '.', '/', '(', '_', 'é', 'É', 'ß', 'k', '\u{212a}']);
        for hay in hays {
            for n in &needles {
                let want = skim.fuzzy_match(hay, &n.to_string());
                assert_eq!(one_char(hay, *n), want, "{n:?} in {hay:?}");
            }
        }
        // And strings made of every kind of character, in every order.
        let alphabet: Vec<char> = "aZ9 -.(_é\u{212a}kKÉ/".chars().collect();
        for hay in generated(7, &alphabet, 12, 3000) {
            for n in &alphabet {
                let want = skim.fuzzy_match(&hay, &n.to_string());
                assert_eq!(one_char(&hay, *n), want, "{n:?} in {hay:?}");
            }
        }
    }

    #[test]
    fn two_characters_score_as_skim_scores_them() {
        let fresh = |hay: &str, n: &str| SkimMatcherV2::default().fuzzy_match(hay, n);
        let hays = [
            "",
            "c",
            "cl",
            "Assessment for learning in plenaries",
            "2024-06-19 Closed questions (Year 9)",
            "fooBar baz_qux 3Dmodel HTTPServer x.y/z\\w|v[u]{t}",
            "Émile asked about the ÉVALUATION: année 2",
            "İstanbul trip: KELVIN sign \u{212a} K",
            "aaaaaaaaaaaaaaaaaaaab",
            "clcLClCL c l  C-L",
        ];
        let needles = [
            "cl", "Cl", "cL", "CL", "pl", "aa", "ab", "év", "ÉV", "20", "y9", "HT", "  ", "-l",
            "kk",
        ];
        for hay in hays {
            for n in needles {
                let mut c = n.chars();
                let (a, b) = (c.next().unwrap(), c.next().unwrap());
                assert_eq!(two_chars(hay, a, b), fresh(hay, n), "{n:?} in {hay:?}");
                assert_eq!(two_chars(hay, a, b), skim_score(hay, n), "{n:?} in {hay:?}");
            }
        }
        // And strings made of every kind of character, in every order, against every pair.
        let alphabet: Vec<char> = "aaZ9 -.(_é\u{212a}kKÉ/bB".chars().collect();
        let mut matched = 0;
        for hay in generated(13, &alphabet, 20, 3000) {
            for &a in &alphabet {
                for &b in &alphabet {
                    let n: String = [a, b].iter().collect();
                    let want = fresh(&hay, &n);
                    matched += usize::from(want.is_some());
                    assert_eq!(two_chars(&hay, a, b), want, "{n:?} in {hay:?}");
                }
            }
        }
        assert!(matched > 10_000, "only {matched} pairs matched");
    }

    #[test]
    fn skims_score_is_skims_on_a_fresh_table() {
        let hays = [
            "",
            "Assessment for learning in plenaries",
            "2024-06-19 Closed questions (Year 9)",
            "fooBar baz_qux 3Dmodel HTTPServer x.y/z\\w|v[u]{t}",
            "Émile asked about the ÉVALUATION: année 2",
            "xxz",
            "aaaaaaaaaaaaaaaaaaaab",
        ];
        let needles = [
            "pl",
            "cl",
            "clo",
            "plenaries",
            "opn qstn",
            "xxz",
            "xz",
            "aab",
            "Cq",
            "év",
            "ÉV",
            "2024",
            "y9",
            "fbb",
            "HTTP",
            "aaaaaaaaaaaaaaaaaaaaab",
        ];
        let fresh = |hay: &str, n: &str| SkimMatcherV2::default().fuzzy_match(hay, n);
        for hay in hays {
            for n in needles {
                assert_eq!(skim_score(hay, n), fresh(hay, n), "{n:?} in {hay:?}");
            }
        }
        // And strings and needles made of every kind of character, in every order.
        let alphabet: Vec<char> = "aaZ9 -.(_é\u{212a}kKÉ/b".chars().collect();
        let mut seed: u32 = 11;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let mut matched = 0;
        for _ in 0..20_000 {
            let len = next(24);
            let hay: String = (0..len)
                .map(|_| alphabet[next(alphabet.len() as u32) as usize])
                .collect();
            let len = 2 + next(4);
            let needle: String = (0..len)
                .map(|_| alphabet[next(alphabet.len() as u32) as usize])
                .collect();
            let want = fresh(&hay, &needle);
            matched += usize::from(want.is_some());
            assert_eq!(skim_score(&hay, &needle), want, "{needle:?} in {hay:?}");
        }
        assert!(
            matched > 1000,
            "only {matched} of the generated needles matched"
        );
    }

    #[test]
    fn ranks_better_matches_first() {
        let m = SkimMatcher::default();
        let ranked = rank(
            &m,
            [("Samira Khan", 1), ("Sam Lee", 2), ("Alex", 3)],
            "sam lee",
        );
        assert_eq!(ranked.first().map(|r| r.1), Some(2));
        assert!(ranked.iter().all(|r| r.1 != 3));
    }

    #[test]
    fn what_the_matcher_is_given_is_bounded() {
        let m = SkimMatcher::default();
        let long = "open questions ".repeat(9000);
        // The same 135,000 characters as needle and haystack: no fuzzy match, at once.
        assert_eq!(m.score(&long, &long), None);
        assert_eq!(m.indices(&long, &long), None);
        // A short needle still finds what is near the start of a long haystack...
        let (_, idx) = m.indices(&long, "questions").unwrap();
        assert!(idx.iter().all(|&i| i < MAX_HAYSTACK));
        // ...but not what is beyond the part matched fuzzily.
        let far = format!("{}zebra", "x".repeat(MAX_HAYSTACK));
        assert_eq!(m.score(&far, "zebra"), None);
        let needle = "a".repeat(MAX_NEEDLE);
        assert!(m.score(&"a".repeat(MAX_NEEDLE + 10), &needle).is_some());
        assert_eq!(m.score(&needle, &format!("{needle}a")), None);
    }
}
