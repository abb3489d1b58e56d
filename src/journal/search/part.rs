//! What one partnership gives the search index: its documents' text one after another in
//! one string, each field found by its span. The cache keeps that string as raw text, so
//! reading a journal's search text back is one copy per partnership, not a parse of each
//! field of each record; and the index holds one allocation per partnership, not several
//! per record.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Target;
use super::fold;
use crate::journal::reader::Partner;
use crate::store::cache::{Keep, Shared, SharedBytes};

/// Byte offsets, start and end, in a part's text.
pub(super) type Span = (u32, u32);

/// What kind of record a document is (and so how its target reads back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
pub(super) enum Kind {
    #[default]
    Partnership = 0,
    Meeting = 1,
    Goal = 2,
    Reflection = 3,
    Item = 4,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        [
            Kind::Partnership,
            Kind::Meeting,
            Kind::Goal,
            Kind::Reflection,
            Kind::Item,
        ]
        .into_iter()
        .find(|k| *k as u8 == b)
    }
}

/// One document: where its fields are in the part's text. A folded span is empty when the
/// field is ASCII (searched as it is, see [`fold`]).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Doc {
    pub kind: Kind,
    /// The record's path, or "framework/item" for an item; empty for the partnership. A
    /// path is kept as what follows the first `shared` bytes of the document before's (see
    /// [`Part::target`]): a partnership's paths mostly begin alike, and whole they were a
    /// quarter of a journal's search text.
    pub target: Span,
    pub shared: u32,
    pub title: Span,
    /// Long text, searched by words.
    pub body: Span,
    pub folded_title: Span,
    pub folded_body: Span,
    /// The characters of the title and of the body (see [`fold::needle_letters`]).
    pub title_letters: u64,
    pub body_letters: u64,
}

const DOC_BYTES: usize = 1 + 11 * 4 + 2 * 8;

/// A part's documents: as built from its records, or as the cache keeps them, a row of
/// [`DOC_BYTES`] each, read when looked at. A large journal's search cache has tens of
/// thousands of documents, and building each one (and checking its spans against the
/// text, a look at scattered bytes) on reading took a third of the time to read the cache.
/// A span that does not lie on the text's character boundaries reads as empty text (see
/// [`Part::at`]).
#[derive(Clone)]
pub(super) enum Docs {
    Built(Vec<Doc>),
    Kept(SharedBytes),
}

impl Docs {
    pub fn len(&self) -> usize {
        match self {
            Docs::Built(docs) => docs.len(),
            Docs::Kept(rows) => rows.as_slice().len() / DOC_BYTES,
        }
    }

    /// Document `n` (the default, an empty partnership, past the end).
    pub fn get(&self, n: usize) -> Option<Doc> {
        match self {
            Docs::Built(docs) => docs.get(n).copied(),
            Docs::Kept(rows) => {
                let start = n.checked_mul(DOC_BYTES)?;
                let row = rows.as_slice().get(start..start + DOC_BYTES)?;
                Some(decode(row))
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Doc> + '_ {
        (0..self.len()).filter_map(|n| self.get(n))
    }
}

/// A document from its row in the cache's table (its kind checked when the part was read).
fn decode(row: &[u8]) -> Doc {
    let u32_at = |i: usize| -> u32 {
        row.get(i..i + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    let span = |i: usize| -> Span { (u32_at(5 + 8 * i), u32_at(9 + 8 * i)) };
    let u64_at = |i: usize| -> u64 {
        row.get(i..i + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    Doc {
        title_letters: u64_at(45),
        body_letters: u64_at(53),
        kind: Kind::from_byte(row[0]).unwrap_or_default(),
        shared: u32_at(1),
        target: span(0),
        title: span(1),
        body: span(2),
        folded_title: span(3),
        folded_body: span(4),
    }
}

/// One partnership's documents, as one reader sees them: built from its records, or kept in
/// the cache and checked against its folders (see `Journal::open_cached`).
#[derive(Clone)]
pub struct Part {
    pub(super) id: String,
    pub(super) name: String,
    /// The frameworks it uses, whose items are searched under it.
    pub(super) frameworks: Vec<String>,
    /// The documents' text, one after another (shared with the other parts read from the
    /// same cache file).
    pub(super) text: Shared,
    pub(super) docs: Docs,
    /// Every target is its text exactly (a path that is not UTF-8 is not): only such a part
    /// may be kept in the cache.
    pub(super) exact: bool,
}

/// Builds a part's text.
pub(super) struct Writer {
    part: Part,
    docs: Vec<Doc>,
    text: String,
    /// The last document's whole target.
    last: String,
}

impl Writer {
    pub fn new(id: &str, name: &str, frameworks: Vec<String>) -> Writer {
        Writer {
            part: Part {
                id: id.to_string(),
                name: name.to_string(),
                frameworks,
                text: Shared::default(),
                docs: Docs::Built(Vec::new()),
                exact: true,
            },
            docs: Vec::new(),
            text: String::new(),
            last: String::new(),
        }
    }

    fn span(&mut self, pieces: &[&str], sep: &str) -> Span {
        let start = self.text.len();
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                self.text.push_str(sep);
            }
            self.text.push_str(p);
        }
        (to_u32(start), to_u32(self.text.len()))
    }

    fn folded(&mut self, (start, end): Span) -> Span {
        let copy = fold::copy(&self.text[start as usize..end as usize]);
        self.span(&[&copy], "")
    }

    /// Add a document: its title, and its body made of `body` joined by newlines.
    pub fn doc(&mut self, kind: Kind, target: &str, title: &str, body: &[&str]) {
        self.add(kind, target, 0, title, body);
    }

    fn add(&mut self, kind: Kind, target: &str, shared: usize, title: &str, body: &[&str]) {
        // The next path is kept after what it shares with this target, whatever kind it is.
        self.last.clear();
        self.last.push_str(target);
        let target = self.span(&[&target[shared..]], "");
        let shared = to_u32(shared);
        let title = self.span(&[title], "");
        let body = self.span(body, "\n");
        let folded_title = self.folded(title);
        let folded_body = self.folded(body);
        let letters = |(a, b): Span, (fa, fb): Span| {
            let at = |s: u32, e: u32| &self.text[s as usize..e as usize];
            fold::Folded::new(at(a, b), at(fa, fb)).letters()
        };
        let (title_letters, body_letters) =
            (letters(title, folded_title), letters(body, folded_body));
        self.docs.push(Doc {
            title_letters,
            body_letters,
            kind,
            target,
            shared,
            title,
            body,
            folded_title,
            folded_body,
        });
    }

    fn path(&mut self, kind: Kind, path: &std::path::Path, title: &str, body: &[&str]) {
        let text = path.to_string_lossy();
        self.part.exact &= path.to_str().is_some();
        let shared = common_prefix(&self.last, &text);
        self.add(kind, &text, shared, title, body);
    }

    pub fn done(mut self) -> Part {
        self.text.shrink_to_fit();
        self.part.text = Shared::new(self.text);
        self.docs.shrink_to_fit();
        self.part.docs = Docs::Built(self.docs);
        self.part
    }
}

/// How many bytes `a` and `b` begin with alike, on a character boundary of both.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

fn to_u32(n: usize) -> u32 {
    // A partnership's search text over 4 GB is cut off rather than wrapped around.
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Part {
    pub fn of(p: &Partner) -> Part {
        let v = p.partnership();
        let frameworks = p.frameworks().iter().map(|f| f.id.clone()).collect();
        let mut w = Writer::new(&v.id, &v.name, frameworks);
        w.doc(
            Kind::Partnership,
            "",
            &v.name,
            &[v.focus.as_deref().unwrap_or_default()],
        );
        for m in p.meetings() {
            let m_v = &m.value;
            let actions: Vec<&str> = m_v.action_items.iter().map(|a| a.text.as_str()).collect();
            w.path(
                Kind::Meeting,
                &m.path,
                &format!("{} {}", m_v.date, m_v.focus),
                &[
                    &m_v.notes,
                    &m_v.outcomes,
                    &actions.join("\n"),
                    &m_v.tags.join(" "),
                ],
            );
        }
        for g in p.goals() {
            let g_v = &g.value;
            let reviews: Vec<&str> = g_v.reviews.iter().map(|r| r.note.as_str()).collect();
            w.path(
                Kind::Goal,
                &g.path,
                &g_v.objective,
                &[
                    &g_v.learning_goal,
                    &g_v.mentee_actions,
                    &g_v.mentor_actions,
                    &g_v.support_actions,
                    &g_v.barriers,
                    &g_v.success_measures,
                    &reviews.join("\n"),
                ],
            );
        }
        for r in p.reflections() {
            w.path(
                Kind::Reflection,
                &r.path,
                &format!(
                    "{} {}",
                    r.value.date,
                    r.value.prompt.as_deref().unwrap_or_default()
                ),
                &[&r.value.text],
            );
        }
        w.done()
    }

    /// The text of a span (empty for one that is not there: a part read back is checked).
    pub(super) fn at(&self, (start, end): Span) -> &str {
        self.text
            .as_str()
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// Document `n`'s whole target: its own text after what it shares with the one before.
    /// Worked out only for the few hits shown.
    fn whole_target(&self, n: usize) -> String {
        let mut whole = String::new();
        for d in self.docs.iter().take(n + 1) {
            // A damaged cache's count that is not a boundary keeps what is whole.
            let keep = (d.shared as usize).min(whole.len());
            let keep = (0..=keep)
                .rev()
                .find(|&i| whole.is_char_boundary(i))
                .unwrap_or(0);
            whole.truncate(keep);
            whole.push_str(self.at(d.target));
        }
        whole
    }

    pub(super) fn target(&self, n: usize) -> Target {
        let Some(d) = self.docs.get(n) else {
            return Target::Partnership;
        };
        let whole = self.whole_target(n);
        let t = whole.as_str();
        let path = || PathBuf::from(t);
        match d.kind {
            Kind::Partnership => Target::Partnership,
            Kind::Meeting => Target::Meeting { path: path() },
            Kind::Goal => Target::Goal { path: path() },
            Kind::Reflection => Target::Reflection { path: path() },
            Kind::Item => {
                let (framework, item) = t.split_once('/').unwrap_or((t, ""));
                Target::Item {
                    framework: framework.to_string(),
                    item: item.to_string(),
                }
            }
        }
    }

    /// Its table of documents, as the cache keeps it.
    fn write_table(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&to_u32(self.docs.len()).to_le_bytes());
        if let Docs::Kept(rows) = &self.docs {
            out.extend_from_slice(rows.as_slice());
            return;
        }
        for d in self.docs.iter() {
            out.push(d.kind as u8);
            out.extend_from_slice(&d.shared.to_le_bytes());
            for (a, b) in [d.target, d.title, d.body, d.folded_title, d.folded_body] {
                out.extend_from_slice(&a.to_le_bytes());
                out.extend_from_slice(&b.to_le_bytes());
            }
            out.extend_from_slice(&d.title_letters.to_le_bytes());
            out.extend_from_slice(&d.body_letters.to_le_bytes());
        }
    }

    /// A part read back from its text and table (as [`Part::write_table`] wrote it), or
    /// `None` when the table is not whole: its length must be its count's, each document's
    /// kind known and each span within the text. Whether a span lies on the text's
    /// character boundaries is not checked here (see [`Docs`]).
    fn read_back(head: Head, shared: Shared, table: SharedBytes) -> Option<Part> {
        let bytes = table.as_slice();
        let count = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
        let table_end = 4usize.checked_add(count.checked_mul(DOC_BYTES)?)?;
        if table_end != bytes.len() {
            return None;
        }
        // Each kind known and each span within the text: what garbage would break, checked
        // on the table's bytes alone.
        let len = shared.as_str().len();
        let whole = |row: &[u8]| {
            let d = decode(row);
            let within = |(a, b): Span| a <= b && b as usize <= len;
            Kind::from_byte(row[0]).is_some()
                && [d.target, d.title, d.body, d.folded_title, d.folded_body]
                    .into_iter()
                    .all(within)
        };
        if !bytes[4..].chunks_exact(DOC_BYTES).all(whole) {
            return None;
        }
        Some(Part {
            id: head.id,
            name: head.name,
            frameworks: head.frameworks,
            text: shared,
            docs: Docs::Kept(table.slice(4, table_end)),
            exact: true,
        })
    }
}

/// What the cache keeps of a part as JSON: the rest is raw bytes.
#[derive(Deserialize)]
pub struct Head {
    id: String,
    name: String,
    frameworks: Vec<String>,
}

#[derive(Serialize)]
pub struct HeadRef<'a> {
    id: &'a str,
    name: &'a str,
    frameworks: &'a [String],
}

impl Keep for Part {
    type Head<'a> = HeadRef<'a>;
    type ReadHead = Head;

    fn head(&self) -> HeadRef<'_> {
        HeadRef {
            id: &self.id,
            name: &self.name,
            frameworks: &self.frameworks,
        }
    }

    fn text(&self, out: &mut String) {
        out.push_str(self.text.as_str());
    }

    fn table(&self, out: &mut Vec<u8>) {
        self.write_table(out);
    }

    fn join(head: Head, text: Shared, table: SharedBytes) -> Option<Part> {
        Part::read_back(head, text, table)
    }

    /// A part whose paths are not all UTF-8 is not kept: their text is not the path.
    fn keepable(&self) -> bool {
        self.exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part() -> Part {
        let mut w = Writer::new("p", "Priya Shah", vec!["curee".into()]);
        w.doc(Kind::Partnership, "", "Priya Shah", &["Behaviour"]);
        w.doc(
            Kind::Meeting,
            "/j/partnerships/p/meetings/m1.ron",
            "2026-01-05 Évaluation",
            &["Notes with ÜMLAUTS", "outcome"],
        );
        for file in ["m2.ron", "m3-é.ron", "m3-è.ron"] {
            let path = format!("/j/partnerships/p/meetings/{file}");
            w.path(Kind::Meeting, std::path::Path::new(&path), file, &["more"]);
        }
        w.doc(
            Kind::Item,
            "curee/listen",
            "Listen actively (Coaching)",
            &[""],
        );
        w.done()
    }

    fn same(a: &Part, b: &Part) -> bool {
        let fields = |p: &Part| -> Vec<(String, String, String, String, String)> {
            p.docs
                .iter()
                .enumerate()
                .map(|(n, d)| {
                    (
                        format!("{:?}", p.target(n)),
                        p.at(d.title).to_string(),
                        p.at(d.body).to_string(),
                        p.at(d.folded_title).to_string(),
                        p.at(d.folded_body).to_string(),
                    )
                })
                .collect()
        };
        a.id == b.id && a.name == b.name && a.frameworks == b.frameworks && fields(a) == fields(b)
    }

    fn kept(p: &Part) -> (String, Vec<u8>) {
        let (mut text, mut table) = (String::new(), Vec::new());
        p.text(&mut text);
        p.table(&mut table);
        (text, table)
    }

    fn read_back(p: &Part, text: &str, table: &[u8]) -> Option<Part> {
        Part::join(
            serde_json::from_value(serde_json::to_value(p.head()).unwrap()).unwrap(),
            Shared::new(text.to_string()),
            SharedBytes::new(table.to_vec()),
        )
    }

    #[test]
    fn paths_are_kept_after_what_they_share_with_the_one_before() {
        let p = part();
        let targets: Vec<String> = (0..p.docs.len())
            .map(|n| format!("{:?}", p.target(n)))
            .collect();
        assert!(targets[3].contains("/j/partnerships/p/meetings/m3-é.ron"));
        assert!(targets[4].contains("/j/partnerships/p/meetings/m3-è.ron"));
        assert!(targets[5].contains("curee") && targets[5].contains("listen"));
        assert!(targets[2].contains("/j/partnerships/p/meetings/m2.ron"));
        assert_eq!(
            p.at(p.docs.get(2).unwrap().target),
            "2.ron",
            "after a document added whole"
        );
        assert_eq!(p.at(p.docs.get(3).unwrap().target), "3-é.ron");
        assert_eq!(
            p.at(p.docs.get(4).unwrap().target),
            "è.ron",
            "cut on a character boundary"
        );
    }

    #[test]
    fn a_part_reads_back_as_it_was_kept() {
        let p = part();
        let (text, table) = kept(&p);
        let back = read_back(&p, &text, &table).unwrap();
        assert!(same(&p, &back));
        assert_eq!(
            back.at(back.docs.get(1).unwrap().folded_title),
            "2026-01-05 évaluation"
        );
        assert_eq!(
            back.at(back.docs.get(0).unwrap().folded_body),
            "",
            "ASCII needs no copy"
        );
    }

    /// Whatever byte of a kept part's table is changed, or its text cut, reading it back
    /// gives no part, or one whose every field reads as text of its own (or as nothing) and
    /// which can be searched and its hits shown: never a panic. A table cut short, a kind
    /// that is not one, or a span past the text's end gives no part.
    #[test]
    fn a_damaged_part_reads_back_whole_or_not_at_all() {
        let p = part();
        let (text, table) = kept(&p);
        let usable = |back: &Part, text: &str| {
            for (n, d) in back.docs.iter().enumerate() {
                for s in [d.target, d.title, d.body, d.folded_title, d.folded_body] {
                    let field = back.at(s);
                    assert!(field.is_empty() || text.contains(field));
                }
                let _ = back.target(n);
            }
            let index = super::super::Index::from_parts(
                &crate::framework::FrameworkSet::default(),
                vec![back.clone()],
                None,
            );
            for q in ["m", "more", "évaluation", "notes outcome", "priya"] {
                let _ = index.query(q, 10);
            }
        };
        for at in 0..table.len() {
            assert!(read_back(&p, &text, &table[..at]).is_none(), "cut at {at}");
            for b in [0u8, 0x7f, 0xff, 0xc3] {
                let mut damaged = table.clone();
                damaged[at] = b;
                if let Some(back) = read_back(&p, &text, &damaged) {
                    usable(&back, &text);
                }
            }
        }
        for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            // Spans past the end of a cut text make no part.
            assert!(read_back(&p, &text[..at], &table).is_none(), "cut at {at}");
        }
        // A span within the text but not on its character boundaries reads as nothing.
        let mut off_boundary = table.clone();
        let title_start = 4 + DOC_BYTES + 5 + 8;
        let start = u32::from_le_bytes(table[title_start..title_start + 4].try_into().unwrap());
        let inside = (start..)
            .find(|&i| !text.is_char_boundary(i as usize))
            .unwrap();
        off_boundary[title_start..title_start + 4].copy_from_slice(&inside.to_le_bytes());
        let back = read_back(&p, &text, &off_boundary).unwrap();
        assert_eq!(back.at(back.docs.get(1).unwrap().title), "");
        usable(&back, &text);
    }
}
