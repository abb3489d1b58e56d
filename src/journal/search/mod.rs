//! Search across a journal: partnerships, meetings (focus, notes, action items), goals,
//! reflections and framework items. Short fields (names, titles, focus, objectives, item texts)
//! match fuzzily; long ones (notes, reflections) match the words typed, so a three-letter query
//! does not light up every long note. Results are ranked, with a snippet and the matched
//! characters' positions for highlighting.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::reader::Reader;
use crate::framework::FrameworkSet;
use crate::model::{MAX_NEEDLE, Matcher, SkimMatcher};

/// What a hit points at, for jumping to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Partnership,
    Meeting { path: PathBuf },
    Goal { path: PathBuf },
    Reflection { path: PathBuf },
    Item { framework: String, item: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub score: i64,
    /// The partnership the record belongs to (every record does, framework items too: the
    /// partnership that uses the framework).
    pub partnership: String,
    pub partnership_name: String,
    pub target: Target,
    /// What kind of record, in words: "meeting", "goal", ...
    pub label: &'static str,
    pub title: String,
    /// The matched text, cut around the match.
    pub snippet: String,
    /// Character positions in `snippet` that matched.
    pub matched: Vec<usize>,
}

mod fold;
mod part;

use fold::Folded;
pub use part::Part;
use part::{Kind, Writer};

impl Target {
    /// What kind of record, in words.
    fn label(&self) -> &'static str {
        match self {
            Target::Partnership => "partnership",
            Target::Meeting { .. } => "meeting",
            Target::Goal { .. } => "goal",
            Target::Reflection { .. } => "reflection",
            Target::Item { .. } => "item",
        }
    }
}

/// A journal prepared for searching: built once, queried on every keystroke.
#[derive(Clone)]
pub struct Index {
    /// Each partnership's part, then the framework items' (see [`Index::from_parts`]).
    parts: Vec<Part>,
    /// Each document searched, in order: its part, its place there, and the partnership
    /// (its part) it is shown under.
    docs: Vec<(u32, u32, u32)>,
    /// Each framework's partnerships (places in `parts`), in order: its items are searched
    /// under the current one if it is among them, else under the first.
    users: std::collections::BTreeMap<String, Vec<usize>>,
}

const SNIPPET: usize = 70;

impl Index {
    /// Build the index of what `r` may see. Framework items are indexed once, under
    /// `current` when it uses their framework.
    pub fn build(r: &Reader, current: Option<&str>) -> Index {
        let parts = r.partnerships().iter().map(Part::of).collect();
        Index::from_parts(r.frameworks(), parts, current)
    }

    /// The index of these partnerships' parts, with the items of the frameworks they use
    /// (under `current` when it uses their framework, see [`Index::attribute`]).
    pub fn from_parts(set: &FrameworkSet, mut parts: Vec<Part>, current: Option<&str>) -> Index {
        let mut items = Writer::new("", "", Vec::new());
        // The partnership each item is first shown under (see `attribute`).
        let mut shown_under = Vec::new();
        let mut users: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (pi, part) in parts.iter().enumerate() {
            for fw in part.frameworks.iter().filter_map(|f| set.get(f)) {
                let seen = users.contains_key(&fw.id);
                users.entry(fw.id.clone()).or_default().push(pi);
                if seen {
                    continue;
                }
                for (section, item) in fw.items() {
                    if item.reference.is_some() {
                        continue; // the referenced item is indexed in its own framework
                    }
                    // Items of the same words in different sections tell themselves apart.
                    let section = section.title.trim_end_matches(':');
                    items.doc(
                        Kind::Item,
                        &format!("{}/{}", fw.id, item.id),
                        &format!(
                            "{} ({section})",
                            item.text.lines().next().unwrap_or("").trim_end_matches(':')
                        ),
                        &[item.guidance.as_deref().unwrap_or_default()],
                    );
                    shown_under.push(pi);
                }
            }
        }
        let item_part = parts.len();
        parts.push(items.done());
        let n32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        // Items first, then each partnership's documents in order (ties rank in this order).
        let mut docs: Vec<(u32, u32, u32)> = shown_under
            .iter()
            .enumerate()
            .map(|(i, pi)| (n32(item_part), n32(i), n32(*pi)))
            .collect();
        for (pi, part) in parts[..item_part].iter().enumerate() {
            docs.extend((0..part.docs.len()).map(|i| (n32(pi), n32(i), n32(pi))));
        }
        let mut index = Index { parts, docs, users };
        index.attribute(current);
        index
    }

    /// The framework items' part: the last.
    fn item_part(&self) -> u32 {
        u32::try_from(self.parts.len() - 1).unwrap_or(u32::MAX)
    }

    /// Search framework items under partnership `current` where it uses their framework
    /// (else under the first that does): a hit on an item opens that partnership's
    /// checklist.
    pub fn attribute(&mut self, current: Option<&str>) {
        let items = self.item_part();
        let current = current.and_then(|c| {
            self.parts
                .iter()
                .position(|p| p.id == c && !p.id.is_empty())
        });
        let item_part = &self.parts[items as usize];
        for (part, doc, shown) in &mut self.docs {
            if *part != items {
                continue;
            }
            let t = item_part
                .docs
                .get(*doc as usize)
                .map_or("", |d| item_part.at(d.target));
            let framework = t.split_once('/').map_or(t, |(f, _)| f);
            if let Some(users) = self.users.get(framework) {
                let pi = match current {
                    Some(c) if users.contains(&c) => c,
                    _ => users[0],
                };
                *shown = u32::try_from(pi).unwrap_or(u32::MAX);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Document `n`: its part and its place in it.
    fn doc(&self, n: usize) -> (&Part, part::Doc) {
        let (p, d, _) = self.docs[n];
        let part = &self.parts[p as usize];
        (part, part.docs.get(d as usize).unwrap_or_default())
    }

    /// The best `limit` hits for `query`, best first.
    pub fn query(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.query_within(query, limit, None).hits
    }

    /// The same among the documents `within` only (the candidates of a query this one
    /// extends, see [`Index::narrows`]), with how many it found in all and this query's
    /// candidates: every document that matches it at all, so that the next keystroke looks
    /// only at those.
    pub fn query_within(&self, query: &str, limit: usize, within: Option<&[usize]>) -> Results {
        self.query_until(query, limit, within, &|| false)
            .unwrap_or_default()
    }

    /// The same, given up (`None`) as soon as `stop` says so: it is asked every few
    /// thousand documents, so a search made stale by the next keystroke ends at once.
    pub fn query_until(
        &self,
        query: &str,
        limit: usize,
        within: Option<&[usize]>,
        stop: &dyn Fn() -> bool,
    ) -> Option<Results> {
        let query = query.trim();
        if query.is_empty() {
            return Some(Results::default());
        }
        let matcher = SkimMatcher::default();
        let phrase = query.to_lowercase();
        // Each word once (a pasted text repeats its words), in the order typed.
        let mut seen = std::collections::HashSet::new();
        let words: Vec<&str> = phrase
            .split_whitespace()
            .filter(|w| seen.insert(*w))
            .collect();
        // A query longer than the fuzzy matcher takes (a pasted paragraph) matches titles
        // exactly instead: it is text to find, not letters to scatter.
        let fuzzy = query.chars().nth(MAX_NEEDLE).is_none();
        let asked = Asked {
            query,
            phrase: &phrase,
            words: &words,
            fuzzy,
            // One character is too little to look for in long notes; titles still match.
            search_bodies: phrase.chars().count() >= 2,
            min_fuzzy: 10 * query.chars().count() as i64,
            letters: fold::needle_letters(&phrase),
        };
        let all: Vec<usize>;
        let within = match within {
            Some(w) => w,
            None => {
                all = (0..self.docs.len()).collect();
                &all
            }
        };
        // Rank first, build snippets for the few shown: most of the work is in the snippets.
        let (mut ranked, candidates) = self.scan_parallel(&asked, within, stop)?;
        // Best first, then by title, then in the index's order. Only the first `limit` are
        // sorted: a one-letter query ranks most of a journal. Those scoring less than the
        // `limit`-th best score cannot be among them, and are left out by comparing scores
        // alone; each of the rest has its title looked up once, not at every comparison.
        let total = ranked.len();
        if limit == 0 {
            ranked.clear();
        } else if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, |a, b| b.0.cmp(&a.0));
            let least = ranked[limit - 1].0;
            ranked.retain(|r| r.0 >= least);
        }
        let mut ranked: Vec<(&str, (i64, usize, Found))> = ranked
            .into_iter()
            .map(|r| {
                let (part, d) = self.doc(r.1);
                (part.at(d.title), r)
            })
            .collect();
        let order = |a: &(&str, (i64, usize, Found)), b: &(&str, (i64, usize, Found))| {
            (b.1)
                .0
                .cmp(&(a.1).0)
                .then_with(|| a.0.cmp(b.0))
                .then((a.1).1.cmp(&(b.1).1))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let hits = ranked
            .into_iter()
            .map(|(_, (score, n, found))| {
                let (part, d) = self.doc(n);
                let title = part.at(d.title);
                let (snippet, matched) = match found {
                    // Where the letters matched, worked out for the few hits shown only.
                    Found::Title => {
                        let idx = if fuzzy {
                            matcher.indices(title, query).map(|(_, i)| i)
                        } else {
                            exact(title, &phrase).map(|(_, i)| i)
                        };
                        cut(title, &idx.unwrap_or_default())
                    }
                    Found::Body(at, len) => {
                        let body = part.at(d.body);
                        around(
                            body,
                            Folded::new(body, part.at(d.folded_body)).text(),
                            at,
                            len,
                        )
                    }
                };
                let shown = &self.parts[self.docs[n].2 as usize];
                let target = part.target(self.docs[n].1 as usize);
                Hit {
                    score,
                    partnership: shown.id.clone(),
                    partnership_name: shown.name.clone(),
                    label: target.label(),
                    target,
                    title: title.to_string(),
                    snippet,
                    matched,
                }
            })
            .collect();
        Some(Results {
            hits,
            total,
            candidates,
        })
    }

    /// Whether the candidates of query `before` hold every match of `now`: `now` types more
    /// onto it (every document matching it matches `before`, the letters in the same order
    /// and each word within one of `before`'s), and `before` already looked in the notes.
    pub fn narrows(before: &str, now: &str) -> bool {
        let (before, now) = (before.trim(), now.trim());
        now.starts_with(before) && before.chars().count() >= 2
    }

    /// [`Index::scan`] over `docs`, split between threads when there are enough documents
    /// for each to be worth one (a large journal's every title, on each keystroke). The
    /// pieces are joined in order, so the result is the same as one scan's.
    fn scan_parallel(
        &self,
        asked: &Asked,
        docs: &[usize],
        stop: &dyn Fn() -> bool,
    ) -> Option<Scanned> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(docs.len() / PER_THREAD)
            .clamp(1, MAX_THREADS);
        self.scan_split(asked, docs, stop, threads)
    }

    /// [`Index::scan`] over `docs` in `threads` pieces, each on a thread of its own (the
    /// first on this one), joined in order.
    fn scan_split(
        &self,
        asked: &Asked,
        docs: &[usize],
        stop: &dyn Fn() -> bool,
        threads: usize,
    ) -> Option<Scanned> {
        if threads <= 1 || docs.len() < 2 {
            return self.scan(asked, docs, stop);
        }
        let stopped = std::sync::atomic::AtomicBool::new(false);
        let stop_any = || {
            stopped.load(std::sync::atomic::Ordering::Relaxed) || {
                let s = stop();
                if s {
                    stopped.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                s
            }
        };
        let size = docs.len().div_ceil(threads);
        let pieces: Vec<Option<Scanned>> = std::thread::scope(|scope| {
            let mut chunks = docs.chunks(size);
            let first = chunks.next().unwrap_or_default();
            // Only this thread asks `stop` (it need not be shareable); the others see the
            // answer through `stopped`.
            let others: Vec<_> = chunks
                .map(|chunk| {
                    let stopped = &stopped;
                    scope.spawn(move || {
                        self.scan(asked, chunk, &|| {
                            stopped.load(std::sync::atomic::Ordering::Relaxed)
                        })
                    })
                })
                .collect();
            let mut out = vec![self.scan(asked, first, &stop_any)];
            if out[0].is_none() {
                stopped.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            out.extend(others.into_iter().map(|h| h.join().ok().flatten()));
            out
        });
        let mut all: Scanned = (Vec::new(), Vec::new());
        for piece in pieces {
            let (ranked, candidates) = piece?;
            all.0.extend(ranked);
            all.1.extend(candidates);
        }
        Some(all)
    }

    /// Rank each of `docs` against what was asked: those that match at all, with their
    /// rank and where they matched, and every match (the candidates of a longer query).
    /// `None` when `stop` said to give up (it is asked every few thousand documents).
    fn scan(&self, asked: &Asked, docs: &[usize], stop: &dyn Fn() -> bool) -> Option<Scanned> {
        let Asked {
            query,
            phrase,
            words,
            fuzzy,
            search_bodies,
            min_fuzzy,
            letters,
        } = *asked;
        let matcher = SkimMatcher::default();
        let mut ranked: Vec<(i64, usize, Found)> = Vec::new();
        let mut candidates = Vec::new();
        for (i, &n) in docs.iter().enumerate() {
            if i % 4096 == 0 && stop() {
                return None;
            }
            let (part, d) = self.doc(n);
            // A text lacking a character typed cannot match: its own is not looked at. At 10
            // times the demo journal that passes over most titles of a long query.
            let (title_may, body_may) = (
                d.title_letters & letters == letters,
                d.body_letters & letters == letters,
            );
            let (title_text, body_text) = (part.at(d.title), part.at(d.body));
            let title = Folded::new(title_text, part.at(d.folded_title));
            let lower = Folded::new(body_text, part.at(d.folded_body));
            // Each body is looked through once for the first word (most queries are one).
            let body_hit = (search_bodies && body_may && !body_text.is_empty())
                .then(|| lower.find(words[0]))
                .flatten()
                .filter(|_| words[1..].iter().all(|w| lower.contains(w)));
            // A hit in the body outranks a scattered match in the title (see the ranking
            // below): the title is scored only where it holds the phrase itself or the body
            // has no hit. Most of a short query's body hits need no fuzzy score.
            let title_counts = body_hit.is_none() || title.contains(phrase);
            // Scattered letters across a long title are noise: keep fuzzy matches that are
            // mostly runs of the typed characters. The matcher runs only on titles holding
            // the typed letters in order (what it would find anyway), most being cheaply out.
            let title_match = if !title_counts || !title_may {
                None
            } else if fuzzy {
                title
                    .in_order(phrase)
                    .then(|| matcher.score(title_text, query))
                    .flatten()
            } else {
                title
                    .contains(phrase)
                    .then(|| 10 * phrase.chars().count() as i64)
            };
            let title_hit = title_match.filter(|score| !fuzzy || *score >= min_fuzzy);
            if title_match.is_some() || body_hit.is_some() {
                candidates.push(n);
            }
            // Ranking: the words themselves in a title, then the phrase or all the words in
            // a body, then a scattered (fuzzy) match in a title.
            let title_words = title_hit.is_some() && title.contains(phrase);
            let found = match (title_hit, body_hit) {
                (Some(s), _) if title_words || body_hit.is_none() => {
                    let rank = if title_words { 3000 + s } else { s.min(999) };
                    (rank, Found::Title)
                }
                (_, Some(at)) => match if words.len() == 1 && words[0] == phrase {
                    Some(at)
                } else {
                    lower.find(phrase)
                } {
                    Some(p) => (2000, Found::Body(p, phrase.chars().count())),
                    None => (
                        1000 + 10 * words.len() as i64,
                        Found::Body(at, words[0].chars().count()),
                    ),
                },
                (None, None) | (Some(_), None) => continue,
            };
            ranked.push((found.0, n, found.1));
        }
        Some((ranked, candidates))
    }
}

/// `phrase` (lowercase) in `title`, ignoring case: a score and the matched char positions.
fn exact(title: &str, phrase: &str) -> Option<(i64, Vec<usize>)> {
    let lower = title.to_lowercase();
    let at = lower.find(phrase)?;
    let start = lower[..at].chars().count();
    let len = phrase.chars().count();
    let score = i64::try_from(len)
        .unwrap_or(i64::MAX / 20)
        .saturating_mul(10);
    Some((score, (start..start + len).collect()))
}

/// What a query found.
#[derive(Debug, Default)]
pub struct Results {
    /// The best hits, best first: at most the limit asked for.
    pub hits: Vec<Hit>,
    /// How many documents it found in all: more than `hits` holds when the limit cut them.
    pub total: usize,
    /// Every document matching it at all (a longer query looks only among these, see
    /// [`Index::narrows`]).
    pub candidates: Vec<usize>,
}

/// What a query asks, worked out once for every document.
#[derive(Clone, Copy)]
struct Asked<'a> {
    query: &'a str,
    /// The query in lowercase.
    phrase: &'a str,
    /// Its words, each once.
    words: &'a [&'a str],
    /// Whether titles match fuzzily (else exactly).
    fuzzy: bool,
    search_bodies: bool,
    /// The least fuzzy score that counts.
    min_fuzzy: i64,
    /// The characters a title or a body must have to match (see [`fold::needle_letters`]).
    letters: u64,
}

/// What a scan found: each match's rank, document and place, and every document matching.
type Scanned = (Vec<(i64, usize, Found)>, Vec<usize>);

/// The fewest documents a search thread is started for.
const PER_THREAD: usize = 2048;
/// The most threads one search takes.
const MAX_THREADS: usize = 4;

/// Where a document matched.
enum Found {
    /// In the title.
    Title,
    /// Byte offset in the body's folded text ([`Folded::text`]), and the match's length in
    /// chars.
    Body(usize, usize),
}

/// Cut a title to the snippet length, keeping the matched positions that remain.
fn cut(text: &str, idx: &[usize]) -> (String, Vec<usize>) {
    let snip: String = text.chars().take(SNIPPET).collect();
    (snip, idx.iter().copied().filter(|i| *i < SNIPPET).collect())
}

/// A snippet of `text` around the byte offset `at` (in `lower`, its lowercase copy) of a match
/// `len` chars long.
fn around(text: &str, lower: &str, at: usize, len: usize) -> (String, Vec<usize>) {
    // Offsets in the lowercase copy may not fall on the original's char boundaries when
    // lowercasing changes lengths: work in chars of the lowercase copy's prefix instead.
    let char_at = lower[..at.min(lower.len())].chars().count();
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let char_at = char_at.min(chars.len());
    let start = char_at.saturating_sub(SNIPPET / 3);
    let end = (start + SNIPPET).min(chars.len());
    let mut snip: String = chars[start..end].iter().collect();
    let mut offset = 0;
    if start > 0 {
        snip.insert(0, '…');
        offset = 1;
    }
    if end < chars.len() {
        snip.push('…');
    }
    let matched = (char_at - start..(char_at - start + len).min(end - start))
        .map(|i| i + offset)
        .collect();
    (snip, matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::demo::{Size, write_demo};
    use crate::journal::{Audience, Journal};
    use crate::store::Store;

    fn demo() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("j"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        write_demo(&store, Size::Small, today).unwrap();
        (dir, Journal::open(store, today))
    }

    #[test]
    fn finds_every_kind_of_record() {
        let (_d, j) = demo();
        let idx = Index::build(&j.reader(Audience::Owner), None);
        let kinds =
            |q: &str| -> Vec<&'static str> { idx.query(q, 50).iter().map(|h| h.label).collect() };
        assert!(kinds("Priya").contains(&"partnership"));
        assert!(kinds("closed question").contains(&"meeting"), "notes words");
        assert!(kinds("seating plan").contains(&"goal"), "goal columns");
        assert!(kinds("behaviour routines").contains(&"reflection"));
        assert!(kinds("broker access").contains(&"item"));
        assert!(
            kinds("three open questions in the plenary").contains(&"meeting"),
            "action items"
        );
    }

    #[test]
    fn review_mode_leaves_private_records_out() {
        let (_d, j) = demo();
        let q = "overwhelmed by marking";
        assert!(
            !Index::build(&j.reader(Audience::Owner), None)
                .query(q, 10)
                .is_empty()
        );
        assert!(
            Index::build(&j.reader(Audience::Review), None)
                .query(q, 10)
                .is_empty()
        );
    }

    fn same(a: &[Hit], b: &[Hit]) -> bool {
        let key = |h: &Hit| {
            (
                h.score,
                h.title.clone(),
                h.snippet.clone(),
                h.matched.clone(),
            )
        };
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y))
    }

    #[test]
    fn each_keystroke_among_the_last_ones_candidates_finds_what_a_whole_search_finds() {
        let (_d, j) = demo();
        let idx = Index::build(&j.reader(Audience::Owner), None);
        for typed in [
            "closed question",
            "opn qstn",
            "Sam Lee",
            "SEATING plan",
            "behaviour routines",
            "the  plenary",
            "zzz",
        ] {
            let mut trail: Vec<(String, Vec<usize>)> = Vec::new();
            // Typed letter by letter, then taken back letter by letter.
            let mut steps: Vec<String> = (1..=typed.chars().count())
                .map(|n| typed.chars().take(n).collect())
                .collect();
            steps.extend(steps.clone().into_iter().rev().skip(1));
            for q in steps {
                trail.retain(|(t, _)| Index::narrows(t, &q));
                let within = trail.last().map(|(_, c)| c.as_slice());
                let found = idx.query_within(&q, 50, within);
                let whole = idx.query_within(&q, 50, None);
                assert!(same(&found.hits, &whole.hits), "'{q}' (typing '{typed}')");
                assert_eq!(found.total, whole.total, "'{q}' (typing '{typed}')");
                if Index::narrows(&q, &q) {
                    trail.push((q.clone(), found.candidates));
                }
            }
        }
    }

    /// A query cut to its limit still says how many it found in all: as many as a limit
    /// that cuts nothing shows.
    #[test]
    fn a_query_cut_to_its_limit_counts_every_hit() {
        let (_d, j) = demo();
        let idx = Index::build(&j.reader(Audience::Owner), None);
        for q in ["e", "question", "sam"] {
            let all = idx.query_within(q, usize::MAX, None);
            assert!(
                all.hits.len() > 3,
                "'{q}' finds more than three in the demo"
            );
            assert_eq!(all.total, all.hits.len(), "'{q}'");
            let cut = idx.query_within(q, 3, None);
            assert_eq!(cut.hits.len(), 3, "'{q}'");
            assert_eq!(cut.total, all.hits.len(), "'{q}'");
        }
    }

    #[test]
    fn a_query_told_to_stop_gives_up_and_one_not_told_finds_the_same() {
        let (_d, j) = demo();
        let idx = Index::build(&j.reader(Audience::Owner), None);
        assert!(idx.query_until("seating", 50, None, &|| true).is_none());
        let hits = idx
            .query_until("seating", 50, None, &|| false)
            .unwrap()
            .hits;
        assert!(!hits.is_empty());
        assert!(same(&hits, &idx.query("seating", 50)));
    }

    /// An index of many documents of every kind of match, made without a journal.
    fn many_docs(n: usize) -> Index {
        let words = [
            "closed", "open", "question", "plenary", "Seating", "clo", "émile", "x",
        ];
        let mut w = Writer::new("p1", "Sam Lee", Vec::new());
        for i in 0..n {
            let pick = |k: usize| words[(i * 7 + k * 3 + i / 5) % words.len()];
            let title = format!("{} {} {i}", pick(0), pick(1));
            let body = format!("{} {}{} {}", pick(2), pick(3), pick(4), pick(5));
            w.doc(Kind::Meeting, &format!("m/{i}.ron"), &title, &[&body]);
        }
        Index::from_parts(&FrameworkSet::default(), vec![w.done()], None)
    }

    #[test]
    fn a_search_split_between_threads_finds_what_one_thread_finds() {
        let idx = many_docs(5000);
        let all: Vec<usize> = (0..idx.len()).collect();
        for query in [
            "c",
            "cl",
            "clo",
            "closed qu",
            "qstn",
            "ÉMILE",
            "Seating",
            "zzz",
        ] {
            let phrase = query.to_lowercase();
            let words: Vec<&str> = phrase.split_whitespace().collect();
            let asked = Asked {
                query,
                phrase: &phrase,
                words: &words,
                fuzzy: true,
                search_bodies: phrase.chars().count() >= 2,
                min_fuzzy: 10 * query.chars().count() as i64,
                letters: fold::needle_letters(&phrase),
            };
            let key = |(ranked, candidates): Scanned| {
                let ranked: Vec<(i64, usize)> = ranked.iter().map(|r| (r.0, r.1)).collect();
                (ranked, candidates)
            };
            let one = key(idx.scan_split(&asked, &all, &|| false, 1).unwrap());
            assert!(
                !one.1.is_empty() || query == "zzz",
                "'{query}' finds something"
            );
            for threads in [2, 3, 7] {
                let split = key(idx.scan_split(&asked, &all, &|| false, threads).unwrap());
                assert_eq!(split, one, "'{query}' in {threads} pieces");
            }
            assert!(idx.scan_split(&asked, &all, &|| true, 3).is_none());
        }
    }

    #[test]
    fn snippets_mark_the_match() {
        let text = "Line one\nSam identified TWO moments where";
        let at = text.to_lowercase().find("two").unwrap();
        let (snip, m) = around(text, &text.to_lowercase(), at, 3);
        let marked: String = m.iter().map(|i| snip.chars().nth(*i).unwrap()).collect();
        assert_eq!(marked, "TWO");
        let (_d, j) = demo();
        let hit = &Index::build(&j.reader(Audience::Owner), None).query("sam lee", 1)[0];
        assert_eq!(hit.title, "Sam Lee");
        assert!(!hit.matched.is_empty());
    }
}
