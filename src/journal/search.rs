//! Search across a journal: partnerships, meetings (focus, notes, action items), goals,
//! reflections and framework items. Short fields (names, titles, focus, objectives, item texts)
//! match fuzzily; long ones (notes, reflections) match the words typed, so a three-letter query
//! does not light up every long note. Results are ranked, with a snippet and the matched
//! characters' positions for highlighting.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::reader::{Partner, Reader};
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

#[derive(Clone, Serialize, Deserialize)]
struct Doc {
    target: Target,
    title: String,
    /// Long text searched by words.
    body: String,
}

/// What one partnership gives the index (as one reader sees it): built from its records,
/// or kept in the cache and checked against its folders (see `Journal::open_cached`).
#[derive(Clone, Serialize, Deserialize)]
pub struct Part {
    id: String,
    name: String,
    /// The frameworks it uses, whose items are searched under it.
    frameworks: Vec<String>,
    docs: Vec<Doc>,
    /// Each document's body and title lowercased, when made ahead (see [`Part::lowered`]).
    #[serde(skip)]
    lower: Vec<(String, String)>,
}

impl Part {
    pub fn of(p: &Partner) -> Part {
        let v = p.partnership();
        let mut docs = vec![Doc {
            target: Target::Partnership,
            title: v.name.clone(),
            body: v.focus.clone().unwrap_or_default(),
        }];
        for m in p.meetings() {
            let m_v = &m.value;
            let actions: Vec<&str> = m_v.action_items.iter().map(|a| a.text.as_str()).collect();
            docs.push(Doc {
                target: Target::Meeting {
                    path: m.path.clone(),
                },
                title: format!("{} {}", m_v.date, m_v.focus),
                body: [
                    m_v.notes.as_str(),
                    m_v.outcomes.as_str(),
                    &actions.join("\n"),
                    &m_v.tags.join(" "),
                ]
                .join("\n"),
            });
        }
        for g in p.goals() {
            let g_v = &g.value;
            let reviews: Vec<&str> = g_v.reviews.iter().map(|r| r.note.as_str()).collect();
            docs.push(Doc {
                target: Target::Goal {
                    path: g.path.clone(),
                },
                title: g_v.objective.clone(),
                body: [
                    g_v.learning_goal.as_str(),
                    &g_v.mentee_actions,
                    &g_v.mentor_actions,
                    &g_v.support_actions,
                    &g_v.barriers,
                    &g_v.success_measures,
                    &reviews.join("\n"),
                ]
                .join("\n"),
            });
        }
        for r in p.reflections() {
            docs.push(Doc {
                target: Target::Reflection {
                    path: r.path.clone(),
                },
                title: format!(
                    "{} {}",
                    r.value.date,
                    r.value.prompt.clone().unwrap_or_default()
                ),
                body: r.value.text.clone(),
            });
        }
        Part {
            id: v.id.clone(),
            name: v.name.clone(),
            frameworks: p.frameworks().iter().map(|f| f.id.clone()).collect(),
            docs,
            lower: Vec::new(),
        }
    }

    /// With its lowercased copies made now, so that building the index from it later is
    /// only moving them (the full screen makes parts a few at a time while it is idle).
    pub fn lowered(mut self) -> Part {
        self.lower = self
            .docs
            .iter()
            .map(|d| (d.body.to_lowercase(), d.title.to_lowercase()))
            .collect();
        self
    }
}

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
    names: Vec<(String, String)>,
    /// Each document and the partnership (its place in `names`) it belongs to.
    docs: Vec<(usize, Doc)>,
    /// Lowercased bodies, parallel to `docs`.
    lower: Vec<String>,
    /// Lowercased titles, parallel to `docs`: a cheap test before the fuzzy matcher's.
    lower_titles: Vec<String>,
    /// Each framework's partnerships (places in `names`), in order: its items are searched
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
    pub fn from_parts(set: &FrameworkSet, parts: Vec<Part>, current: Option<&str>) -> Index {
        let mut docs = Vec::new();
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
                    docs.push((
                        pi,
                        Doc {
                            target: Target::Item {
                                framework: fw.id.clone(),
                                item: item.id.clone(),
                            },
                            title: format!(
                                "{} ({section})",
                                item.text.lines().next().unwrap_or("").trim_end_matches(':')
                            ),
                            body: item.guidance.clone().unwrap_or_default(),
                        },
                    ));
                }
            }
        }
        let (mut lower, mut lower_titles): (Vec<String>, Vec<String>) = docs
            .iter()
            .map(|(_, d)| (d.body.to_lowercase(), d.title.to_lowercase()))
            .unzip();
        let mut names = Vec::new();
        for (pi, part) in parts.into_iter().enumerate() {
            let Part {
                id,
                name,
                docs: part_docs,
                lower: made,
                ..
            } = part;
            names.push((id, name));
            if made.len() == part_docs.len() {
                for (body, title) in made {
                    lower.push(body);
                    lower_titles.push(title);
                }
            } else {
                for d in &part_docs {
                    lower.push(d.body.to_lowercase());
                    lower_titles.push(d.title.to_lowercase());
                }
            }
            docs.extend(part_docs.into_iter().map(|d| (pi, d)));
        }
        let mut index = Index {
            names,
            docs,
            lower,
            lower_titles,
            users,
        };
        index.attribute(current);
        index
    }

    /// Search framework items under partnership `current` where it uses their framework
    /// (else under the first that does): a hit on an item opens that partnership's
    /// checklist.
    pub fn attribute(&mut self, current: Option<&str>) {
        let current = current.and_then(|c| self.names.iter().position(|(id, _)| id == c));
        for (pi, d) in &mut self.docs {
            if let Target::Item { framework, .. } = &d.target
                && let Some(users) = self.users.get(framework)
            {
                *pi = match current {
                    Some(c) if users.contains(&c) => c,
                    _ => users[0],
                };
            }
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` hits for `query`, best first.
    pub fn query(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.query_within(query, limit, None).0
    }

    /// The same among the documents `within` only (the candidates of a query this one
    /// extends, see [`Index::narrows`]), with this query's candidates: every document that
    /// matches it at all, so that the next keystroke looks only at those.
    pub fn query_within(
        &self,
        query: &str,
        limit: usize,
        within: Option<&[usize]>,
    ) -> (Vec<Hit>, Vec<usize>) {
        let query = query.trim();
        if query.is_empty() {
            return (Vec::new(), Vec::new());
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
        // One character is too little to look for in long notes; titles still match.
        let search_bodies = phrase.chars().count() >= 2;
        let min_fuzzy = 10 * query.chars().count() as i64;
        // Rank first, build snippets for the few shown: most of the work is in the snippets.
        let mut ranked: Vec<(i64, usize, Found)> = Vec::new();
        let mut candidates = Vec::new();
        let all: Vec<usize>;
        let within = match within {
            Some(w) => w,
            None => {
                all = (0..self.docs.len()).collect();
                &all
            }
        };
        for &n in within {
            let (d, lower) = (&self.docs[n].1, &self.lower[n]);
            // Scattered letters across a long title are noise: keep fuzzy matches that are
            // mostly runs of the typed characters. The matcher runs only on titles holding
            // the typed letters in order (what it would find anyway), most being cheaply out.
            let title_match = if fuzzy {
                in_order(&self.lower_titles[n], &phrase)
                    .then(|| matcher.score(&d.title, query))
                    .flatten()
            } else {
                self.lower_titles[n]
                    .contains(phrase.as_str())
                    .then(|| 10 * phrase.chars().count() as i64)
            };
            let title_hit = title_match.filter(|score| !fuzzy || *score >= min_fuzzy);
            let body_hit =
                (search_bodies && !d.body.is_empty() && words.iter().all(|w| lower.contains(w)))
                    .then(|| lower.find(words[0]))
                    .flatten();
            if title_match.is_some() || body_hit.is_some() {
                candidates.push(n);
            }
            // Ranking: the words themselves in a title, then the phrase or all the words in
            // a body, then a scattered (fuzzy) match in a title.
            let title_words = title_hit.is_some() && self.lower_titles[n].contains(&phrase);
            let found = match (title_hit, body_hit) {
                (Some(s), _) if title_words || body_hit.is_none() => {
                    let rank = if title_words { 3000 + s } else { s.min(999) };
                    (rank, Found::Title)
                }
                (_, Some(at)) => match lower.find(phrase.as_str()) {
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
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| self.docs[a.1].1.title.cmp(&self.docs[b.1].1.title))
        });
        ranked.truncate(limit);
        let hits = ranked
            .into_iter()
            .map(|(score, n, found)| {
                let (pi, d) = &self.docs[n];
                let (snippet, matched) = match found {
                    // Where the letters matched, worked out for the few hits shown only.
                    Found::Title => {
                        let idx = if fuzzy {
                            matcher.indices(&d.title, query).map(|(_, i)| i)
                        } else {
                            exact(&d.title, &phrase).map(|(_, i)| i)
                        };
                        cut(&d.title, &idx.unwrap_or_default())
                    }
                    Found::Body(at, len) => around(&d.body, &self.lower[n], at, len),
                };
                let (pid, pname) = &self.names[*pi];
                Hit {
                    score,
                    partnership: pid.clone(),
                    partnership_name: pname.clone(),
                    target: d.target.clone(),
                    label: d.target.label(),
                    title: d.title.clone(),
                    snippet,
                    matched,
                }
            })
            .collect();
        (hits, candidates)
    }

    /// Whether the candidates of query `before` hold every match of `now`: `now` types more
    /// onto it (every document matching it matches `before`, the letters in the same order
    /// and each word within one of `before`'s), and `before` already looked in the notes.
    pub fn narrows(before: &str, now: &str) -> bool {
        let (before, now) = (before.trim(), now.trim());
        now.starts_with(before) && before.chars().count() >= 2
    }
}

/// The letters of `needle` (lowercase, spaces aside) in order in `hay` (lowercase): what a
/// fuzzy match needs, tested far more cheaply than the matcher does.
fn in_order(hay: &str, needle: &str) -> bool {
    let mut hay = hay.chars();
    needle
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|c| hay.any(|h| h == c))
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

/// Where a document matched.
enum Found {
    /// In the title.
    Title,
    /// Byte offset in the lowercased body, and the match's length in chars.
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
                let (hits, cands) = idx.query_within(&q, 50, within);
                assert!(same(&hits, &idx.query(&q, 50)), "'{q}' (typing '{typed}')");
                if Index::narrows(&q, &q) {
                    trail.push((q.clone(), cands));
                }
            }
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
