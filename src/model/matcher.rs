//! Fuzzy matching behind a small trait, so the matcher can be swapped (fuzzy-matcher is
//! archived upstream).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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
        self.0.fuzzy_match(haystack, needle)
    }

    fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
        self.0.fuzzy_indices(haystack, needle)
    }
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
}
