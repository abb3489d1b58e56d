//! Loading and validating framework files. Every error names file, line and column.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::BUNDLED;
use super::schema::{Framework, Item, Passage, Section};
use crate::model::{SkimMatcher, rank};

/// A framework file that cannot be used, and where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for FrameworkError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct LoadedFramework {
    pub framework: Framework,
    pub origin: Origin,
}

/// All frameworks known to a journal: the bundled ones and the user's own.
#[derive(Debug, Clone, Default)]
pub struct FrameworkSet {
    pub frameworks: Vec<LoadedFramework>,
    /// User framework files that could not be used; the rest still load.
    pub problems: Vec<FrameworkError>,
}

/// Line and column (1-based) of the `nth` occurrence of `needle`, or 1:1.
fn locate(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let Some((offset, _)) = text.match_indices(needle).nth(nth) else {
        return (1, 1);
    };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// Line and column of the value of the first `id: "..."` field whose value is `id` (written
/// as Rust and RON write it), else of the first `id:` field's value.
fn id_position(text: &str, id: &str) -> (usize, usize) {
    let value = quoted(id);
    let mut first = None;
    for (at, _) in text.match_indices("id") {
        let Some(after) = text[at + 2..].trim_start().strip_prefix(':') else {
            continue;
        };
        let after = after.trim_start();
        let offset = text.len() - after.len();
        if after.starts_with(&value) {
            first = Some(offset);
            break;
        }
        first.get_or_insert(offset);
    }
    let Some(offset) = first else {
        return locate(text, "id", 0);
    };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// What reading a framework file gave: its bytes, or why it could not be read. The store
/// reads the files (safely: plain files only); this layer only parses and checks them.
pub type FileBytes = Result<Vec<u8>, String>;

/// The text of a framework file the user keeps: UTF-8 without a byte-order mark, else an
/// error with its position.
fn read_text(bytes: FileBytes, shown: &str) -> Result<String, FrameworkError> {
    let bytes = bytes.map_err(|e| FrameworkError {
        file: shown.to_string(),
        line: 1,
        col: 1,
        message: format!("cannot read: {e}"),
    })?;
    crate::model::text::decode_utf8(&bytes)
        .map(str::to_string)
        .map_err(|e| FrameworkError {
            file: shown.to_string(),
            line: e.line,
            col: e.col,
            message: e.message,
        })
}

/// Parse one framework file and check what can be checked without other frameworks.
pub fn parse_framework(file: &str, text: &str) -> Result<Framework, FrameworkError> {
    crate::model::text::check_no_bom(text).map_err(|e| FrameworkError {
        file: file.to_string(),
        line: e.line,
        col: e.col,
        message: e.message,
    })?;
    let fw: Framework = crate::model::ron_options()
        .from_str(text)
        .map_err(|e| FrameworkError {
            file: file.to_string(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: format!("{} (see the framework format in README.md)", e.code),
        })?;
    validate(&fw, file, text)?;
    Ok(fw)
}

/// Ids that name files (a framework's `ticks/ID.ron`; a staged framework's stages,
/// `stages/FRAMEWORK-STAGE.ron`): nothing that makes a hidden or odd file name.
fn valid_file_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

const FILE_ID_RULE: &str =
    "letters, digits, '-' and '_' only, not starting with '-' (it names a file)";

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn validate(fw: &Framework, file: &str, text: &str) -> Result<(), FrameworkError> {
    let fail = |needle: &str, nth: usize, message: String| {
        let (line, col) = locate(text, needle, nth);
        Err(FrameworkError {
            file: file.to_string(),
            line,
            col,
            message,
        })
    };
    if !valid_file_id(&fw.id) {
        let (line, col) = id_position(text, &fw.id);
        return Err(FrameworkError {
            file: file.to_string(),
            line,
            col,
            message: format!("framework id {} must be {FILE_ID_RULE}", quoted(&fw.id)),
        });
    }
    if fw.title.trim().is_empty() {
        return fail("title", 0, "expected a non-empty framework title".into());
    }
    if fw.source.trim().is_empty() {
        return fail(
            "source",
            0,
            "expected a source: the citation the framework is transcribed from".into(),
        );
    }
    if fw.is_staged() {
        for s in &fw.sections {
            if !valid_file_id(&s.id) {
                return fail(
                    &quoted(&s.id),
                    0,
                    format!(
                        "stage id {} (a top-level section of a staged framework) must be {FILE_ID_RULE}",
                        quoted(&s.id)
                    ),
                );
            }
        }
    }
    let mut sections: HashMap<&str, usize> = HashMap::new();
    let mut items: HashMap<&str, usize> = HashMap::new();
    for s in fw.all_sections() {
        let q = quoted(&s.id);
        if !valid_id(&s.id) {
            return fail(
                &q,
                0,
                format!("section id {q} must be letters, digits, '-', '_' or '.'"),
            );
        }
        let seen = sections.entry(&s.id).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            return fail(
                &q,
                *seen - 1,
                format!("duplicate section id {q}: each section needs its own id"),
            );
        }
        if s.title.trim().is_empty() {
            return fail(&q, 0, format!("section {q} has an empty title"));
        }
        for item in &s.items {
            check_item(fw, item, &mut items, &fail)?;
        }
    }
    let mut passages: HashMap<&str, usize> = HashMap::new();
    for p in &fw.passages {
        let q = quoted(&p.id);
        if !valid_id(&p.id) {
            return fail(
                "passages",
                0,
                format!("passage id {q} must be letters, digits, '-', '_' or '.'"),
            );
        }
        let seen = passages.entry(&p.id).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            return fail(
                &q,
                *seen - 1,
                format!("duplicate passage id {q}: each passage needs its own id"),
            );
        }
        if p.title.trim().is_empty() || p.text.trim().is_empty() {
            return fail(&q, 0, format!("passage {q} needs a title and a text"));
        }
    }
    for r in &fw.recognition {
        let q = quoted(&r.id);
        if !crate::model::SCOTELAS_RULE_IDS.contains(&r.id.as_str()) {
            return fail(
                &q,
                0,
                format!(
                    "recognition rule {q} is not one mentorlog can check: known are {}",
                    crate::model::SCOTELAS_RULE_IDS.join(", ")
                ),
            );
        }
        if r.rule.trim().is_empty() || r.source.trim().is_empty() {
            return fail(
                &q,
                0,
                format!("recognition rule {q} needs a name (rule) and the source's words (source)"),
            );
        }
    }
    Ok(())
}

fn check_item<'a>(
    fw: &Framework,
    item: &'a Item,
    items: &mut HashMap<&'a str, usize>,
    fail: &dyn Fn(&str, usize, String) -> Result<(), FrameworkError>,
) -> Result<(), FrameworkError> {
    let q = quoted(&item.id);
    if !valid_id(&item.id) {
        return fail(
            &q,
            0,
            format!("item id {q} must be letters, digits, '-', '_' or '.'"),
        );
    }
    let seen = items.entry(&item.id).or_insert(0);
    *seen += 1;
    if *seen > 1 {
        return fail(
            &q,
            *seen - 1,
            format!("duplicate item id {q}: item ids must be unique in a framework"),
        );
    }
    match &item.reference {
        None if item.text.trim().is_empty() => {
            return fail(
                &q,
                0,
                format!("item {q} has an empty text: expected the item's words, or a ref"),
            );
        }
        Some(r) => {
            let Some((rf, ri)) = r.split_once('/') else {
                return fail(
                    &quoted(r),
                    0,
                    format!("ref {} should be FRAMEWORK/ITEM", quoted(r)),
                );
            };
            if rf == fw.id && fw.item(ri).is_none() {
                return fail(
                    &quoted(r),
                    0,
                    format!("ref {} points to no item of this framework", quoted(r)),
                );
            }
        }
        None => {}
    }
    for level in item.descriptors.keys() {
        if !fw.levels.contains(level) {
            return fail(
                &quoted(level),
                0,
                format!(
                    "descriptor for level {} but the framework's levels are [{}]",
                    quoted(level),
                    fw.levels.join(", ")
                ),
            );
        }
    }
    Ok(())
}

/// The bundled frameworks being parsed on a thread of their own (see
/// [`FrameworkSet::parse_bundled_early`]).
static EARLY: std::sync::Mutex<Option<std::thread::JoinHandle<FrameworkSet>>> =
    std::sync::Mutex::new(None);

impl FrameworkSet {
    /// Start parsing the bundled frameworks on a thread of their own, for the next
    /// [`FrameworkSet::bundled`] to take: every command needs them, after reading its
    /// files, and parsing them (116 KB of RON) took a tenth of the time to the first frame.
    /// Called once, as the process starts.
    pub fn parse_bundled_early() {
        let thread = std::thread::Builder::new()
            .name("frameworks".into())
            .spawn(FrameworkSet::parse_bundled);
        if let (Ok(thread), Ok(mut early)) = (thread, EARLY.lock()) {
            *early = Some(thread);
        }
    }

    /// The frameworks compiled into the binary.
    pub fn bundled() -> FrameworkSet {
        let early = EARLY.lock().ok().and_then(|mut e| e.take());
        match early.map(|thread| thread.join()) {
            Some(Ok(set)) => set,
            _ => FrameworkSet::parse_bundled(),
        }
    }

    fn parse_bundled() -> FrameworkSet {
        let mut set = FrameworkSet::default();
        for (name, text) in BUNDLED {
            // Bundled files are checked by the test suite; a failure here is a build defect.
            match parse_framework(name, text) {
                Ok(framework) => set.frameworks.push(LoadedFramework {
                    framework,
                    origin: Origin::Bundled,
                }),
                Err(e) => set.problems.push(e),
            }
        }
        set
    }

    /// The bundled frameworks plus every `*.ron` in `dir` (missing dir: none).
    /// The bundled frameworks and the user's own, from the files read (path and bytes, in
    /// the order to load them).
    pub fn with_user_files(files: Vec<(PathBuf, FileBytes)>) -> FrameworkSet {
        let mut set = FrameworkSet::bundled();
        for (path, bytes) in files {
            let shown = path.display().to_string();
            let loaded = read_text(bytes, &shown).and_then(|text| parse_framework(&shown, &text));
            match loaded {
                Ok(fw) if set.get(&fw.id).is_some() => set.problems.push(FrameworkError {
                    file: shown,
                    line: 1,
                    col: 1,
                    message: format!(
                        "framework id {} is already taken (bundled or another file): give this one another id",
                        quoted(&fw.id)
                    ),
                }),
                Ok(framework) => set.frameworks.push(LoadedFramework {
                    framework,
                    origin: Origin::File(path),
                }),
                Err(e) => set.problems.push(e),
            }
        }
        set.check_references();
        set
    }

    /// Drop user frameworks whose refs point nowhere, reporting each.
    fn check_references(&mut self) {
        let known: HashSet<String> = self
            .frameworks
            .iter()
            .flat_map(|l| {
                l.framework
                    .items()
                    .into_iter()
                    .map(|(_, i)| format!("{}/{}", l.framework.id, i.id))
            })
            .collect();
        let mut problems = Vec::new();
        self.frameworks.retain(|l| {
            for (_, item) in l.framework.items() {
                if let Some(r) = &item.reference
                    && !known.contains(r)
                {
                    problems.push(FrameworkError {
                        file: match &l.origin {
                            Origin::Bundled => format!("{} (bundled)", l.framework.id),
                            Origin::File(p) => p.display().to_string(),
                        },
                        line: 1,
                        col: 1,
                        message: format!(
                            "item {} refers to {r}, which does not exist",
                            quoted(&item.id)
                        ),
                    });
                    return false;
                }
            }
            true
        });
        self.problems.extend(problems);
    }

    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.frameworks
            .iter()
            .map(|l| &l.framework)
            .find(|f| f.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Framework> {
        self.frameworks.iter().map(|l| &l.framework)
    }

    /// Resolve `FRAMEWORK/ITEM`; the error says what exists and what was probably meant.
    pub fn resolve(&self, address: &str) -> Result<(&Framework, &Item), String> {
        let Some((fid, iid)) = address.split_once('/') else {
            return Err(format!(
                "'{address}' is not an item address: write FRAMEWORK/ITEM, e.g. curee/mentor-open-questions"
            ));
        };
        let Some(fw) = self.get(fid) else {
            let ids: Vec<&str> = self.iter().map(|f| f.id.as_str()).collect();
            return Err(format!(
                "no framework '{fid}': known frameworks are {} (see `mentorlog framework list`)",
                ids.join(", ")
            ));
        };
        match fw.item(iid) {
            Some(item) => Ok((fw, item)),
            None => {
                let items = fw.items();
                let hays: Vec<(String, &Item)> = items
                    .iter()
                    .map(|(_, i)| (format!("{} {}", i.id, i.text), *i))
                    .collect();
                let scored = rank(
                    &SkimMatcher::default(),
                    hays.iter().map(|(h, i)| (h.as_str(), *i)),
                    iid,
                );
                let hints: Vec<String> = scored
                    .iter()
                    .take(5)
                    .map(|(_, i)| format!("  {}/{}", fw.id, i.id))
                    .collect();
                let mut msg = format!("framework '{fid}' has no item '{iid}'");
                if hints.is_empty() {
                    msg.push_str(&format!(
                        ": see `mentorlog framework show {fid}` for its items"
                    ));
                } else {
                    msg.push_str(&format!(". Did you mean:\n{}", hints.join("\n")));
                }
                Err(msg)
            }
        }
    }

    /// The passages to read beside `fw`'s checklist: its own, then those of each framework
    /// its items reuse (LJMU's checklists reuse CUREE's skills, so CUREE's core concepts),
    /// each framework once, in the order first reused.
    pub fn passages_for<'a>(&'a self, fw: &'a Framework) -> Vec<(&'a Framework, &'a Passage)> {
        let mut from: Vec<&Framework> = vec![fw];
        for (_, item) in fw.items() {
            if item.reference.is_none() {
                continue;
            }
            let (f, _) = self.referenced(&fw.id, &item.id);
            if let Some(other) = self.get(&f)
                && !from.iter().any(|x| x.id == other.id)
            {
                from.push(other);
            }
        }
        from.into_iter()
            .flat_map(|f| f.passages.iter().map(move |p| (f, p)))
            .collect()
    }

    /// Where the tick of `framework/item` is stored. A plain item: its own address. A `ref`
    /// is followed to the item it stands for (so one tick counts in both), except in a staged
    /// framework, whose stages each keep their own "achieved" column: there only the first
    /// stage that lists an item shares the referenced tick (LJMU: the Developing Mentor's
    /// mentoring skills are CUREE's), and a later stage listing it again is ticked at its own
    /// address (`ljmu/eff-mentor-open-questions`), achieved when ticked there or carried over.
    /// A tick made before stages kept their own (at the referenced address) thus counts at the
    /// first stage that lists the item, and nowhere later until carried over.
    pub fn tick_address(&self, framework: &str, item: &str) -> (String, String) {
        if let Some(fw) = self.get(framework)
            && later_stage_listing(fw, item).is_some()
        {
            return (framework.to_string(), item.to_string());
        }
        self.referenced(framework, item)
    }

    /// The earlier stages of a staged framework that list the item `item` (a later stage's
    /// `ref`) stands for, in order, each with that stage's item and its tick address.
    pub fn earlier_stages<'a>(
        &'a self,
        framework: &str,
        item: &str,
    ) -> Vec<(&'a Section, &'a Item, (String, String))> {
        let Some(fw) = self.get(framework) else {
            return Vec::new();
        };
        let Some(r) = fw.item(item).and_then(|i| i.reference.as_deref()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for stage in &fw.sections {
            let items = stage.all_items();
            if items.iter().any(|i| i.id == item) {
                break;
            }
            if let Some(i) = items
                .into_iter()
                .find(|i| i.reference.as_deref() == Some(r))
            {
                out.push((stage, i, self.tick_address(framework, &i.id)));
            }
        }
        out
    }

    /// Follow an item's `ref` all the way to the item it stands for (its words, its framework).
    pub fn referenced(&self, framework: &str, item: &str) -> (String, String) {
        let mut fw = framework.to_string();
        let mut it = item.to_string();
        // A chain of refs is bounded: at most one hop per framework.
        for _ in 0..=self.frameworks.len() {
            let next = self
                .get(&fw)
                .and_then(|f| f.item(&it))
                .and_then(|i| i.reference.clone());
            match next.as_deref().and_then(|r| r.split_once('/')) {
                Some((f, i)) => {
                    fw = f.to_string();
                    it = i.to_string();
                }
                None => break,
            }
        }
        (fw, it)
    }
}

/// The stage of a staged framework listing `item`, when it is a `ref` that an earlier stage
/// lists too (so it is not the stage that shares the referenced tick).
fn later_stage_listing<'a>(fw: &'a Framework, item: &str) -> Option<&'a Section> {
    if !fw.is_staged() {
        return None;
    }
    let r = fw.item(item)?.reference.as_deref()?;
    let first = fw.sections.iter().position(|s| {
        s.all_items()
            .iter()
            .any(|i| i.reference.as_deref() == Some(r))
    })?;
    let own = fw
        .sections
        .iter()
        .position(|s| s.all_items().iter().any(|i| i.id == item))?;
    (own > first).then(|| &fw.sections[own])
}

/// `framework check FILE`: parse and validate a file against the bundled set.
pub fn check_file(path: &Path, bytes: FileBytes) -> Result<Framework, FrameworkError> {
    let shown = path.display().to_string();
    let text = read_text(bytes, &shown)?;
    let fw = parse_framework(&shown, &text)?;
    let bundled = FrameworkSet::bundled();
    for (_, item) in fw.items() {
        if let Some(r) = &item.reference
            && let Some((rf, _)) = r.split_once('/')
            && rf != fw.id
            && bundled.resolve(r).is_err()
        {
            let (line, col) = locate(&text, &quoted(r), 0);
            return Err(FrameworkError {
                file: shown,
                line,
                col,
                message: format!("ref {} points to no bundled item", quoted(r)),
            });
        }
    }
    Ok(fw)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"Framework(
    id: "demo",
    title: "Demo",
    source: "Made for tests",
    levels: ["one", "two"],
    sections: [
        Section(id: "a", title: "A", items: [
            Item(id: "x", text: "Do x"),
            Item(id: "y", text: "", ref: "demo/x"),
            Item(id: "z", text: "Rubric", descriptors: {"one": "starting", "two": "secure"}),
        ]),
    ],
)"#;

    #[test]
    fn a_good_file_parses() {
        let fw = parse_framework("demo.ron", GOOD).unwrap();
        assert_eq!(fw.item_count(), 3);
        assert_eq!(fw.item("y").unwrap().reference.as_deref(), Some("demo/x"));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let broken = GOOD.replace("title: \"A\",", "title: \"A\" oops");
        let e = parse_framework("demo.ron", &broken).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        assert!(e.to_string().starts_with("demo.ron:7:"), "{e}");
    }

    #[test]
    fn unknown_fields_are_rejected_with_position() {
        let broken = GOOD.replace(
            "Item(id: \"x\", text: \"Do x\")",
            "Item(id: \"x\", txt: \"Do x\")",
        );
        let e = parse_framework("demo.ron", &broken).unwrap_err();
        assert_eq!(e.line, 8);
        assert!(e.message.contains("txt"), "{e}");
    }

    #[test]
    fn duplicate_ids_point_at_the_second_one() {
        let broken = GOOD.replace("Item(id: \"z\"", "Item(id: \"x\"");
        let e = parse_framework("demo.ron", &broken).unwrap_err();
        assert_eq!((e.line, e.col), (10, 22), "{e}");
        assert!(e.message.contains("duplicate item id \"x\""), "{e}");
    }

    #[test]
    fn dangling_refs_and_empty_texts_are_rejected() {
        let dangling = GOOD.replace("ref: \"demo/x\"", "ref: \"demo/nope\"");
        let e = parse_framework("demo.ron", &dangling).unwrap_err();
        assert_eq!(e.line, 9);
        assert!(e.message.contains("demo/nope"), "{e}");
        let empty = GOOD.replace("text: \"Do x\"", "text: \"  \"");
        let e = parse_framework("demo.ron", &empty).unwrap_err();
        assert!(e.message.contains("empty text"), "{e}");
        assert_eq!(e.line, 8);
    }

    #[test]
    fn descriptors_must_name_a_level() {
        let bad = GOOD.replace("\"two\": \"secure\"", "\"three\": \"secure\"");
        let e = parse_framework("demo.ron", &bad).unwrap_err();
        assert!(e.message.contains("three"), "{e}");
    }

    #[test]
    fn passages_are_read_and_checked() {
        let with = |p: &str| GOOD.replace("    ],\n)", &format!("    ],\n    passages: [{p}],\n)"));
        let fw = parse_framework(
            "demo.ron",
            &with(r#"Passage(id: "about", title: "About", text: "One.\n\nTwo.")"#),
        )
        .unwrap();
        assert_eq!(fw.passage("about").unwrap().text, "One.\n\nTwo.");
        assert_eq!(fw.item_count(), 3, "a passage is not an item");
        let e = parse_framework(
            "demo.ron",
            &with(
                r#"Passage(id: "a", title: "A", text: "x"), Passage(id: "a", title: "B", text: "y")"#,
            ),
        )
        .unwrap_err();
        assert!(e.message.contains("duplicate passage id \"a\""), "{e}");
        let e = parse_framework(
            "demo.ron",
            &with(r#"Passage(id: "about", title: "About", text: " ")"#),
        )
        .unwrap_err();
        assert!(e.message.contains("needs a title and a text"), "{e}");
        assert_eq!(e.line, 13, "{e}");
        let e = parse_framework(
            "demo.ron",
            &with(r#"Passage(id: "a b", title: "About", text: "x")"#),
        )
        .unwrap_err();
        assert!(e.message.contains("passage id \"a b\""), "{e}");
    }

    #[test]
    fn a_framework_that_reuses_another_reads_its_passages_too() {
        let set = FrameworkSet::bundled();
        let curee = set.get("curee").unwrap();
        let own: Vec<_> = set
            .passages_for(curee)
            .iter()
            .map(|(f, p)| (f.id.as_str(), p.id.as_str()))
            .collect();
        assert_eq!(own, [("curee", "core-concepts")]);
        let ljmu = set.get("ljmu").unwrap();
        let reused: Vec<_> = set
            .passages_for(ljmu)
            .iter()
            .map(|(f, p)| (f.id.as_str(), p.id.as_str()))
            .collect();
        assert_eq!(
            reused,
            [("curee", "core-concepts")],
            "once, though 50 rows reuse curee"
        );
        assert!(set.passages_for(set.get("mcf").unwrap()).is_empty());
    }

    #[test]
    fn the_bundled_set_loads_cleanly() {
        let set = FrameworkSet::bundled();
        assert!(set.problems.is_empty(), "{:?}", set.problems);
        assert!(set.get("curee").is_some());
    }

    #[test]
    fn resolve_suggests_near_misses() {
        let set = FrameworkSet::bundled();
        assert!(set.resolve("curee/mentor-open-questions").is_ok());
        let e = set.resolve("curee/open-questions").unwrap_err();
        assert!(e.contains("curee/mentor-open-questions"), "{e}");
        let e = set.resolve("nope/x").unwrap_err();
        assert!(e.contains("curee"), "{e}");
        assert!(set.resolve("curee").unwrap_err().contains("FRAMEWORK/ITEM"));
    }

    #[test]
    fn user_frameworks_load_beside_bundled_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("demo.ron"), GOOD).unwrap();
        std::fs::write(dir.path().join("broken.ron"), "Framework(").unwrap();
        std::fs::write(
            dir.path().join("clash.ron"),
            GOOD.replace("id: \"demo\"", "id: \"curee\"")
                .replace("demo/x", "curee/x"),
        )
        .unwrap();
        let files = ["broken.ron", "clash.ron", "demo.ron"]
            .into_iter()
            .map(|n| {
                let p = dir.path().join(n);
                let bytes = std::fs::read(&p).map_err(|e| e.to_string());
                (p, bytes)
            })
            .collect();
        let set = FrameworkSet::with_user_files(files);
        assert!(set.get("demo").is_some());
        assert!(set.get("curee").is_some());
        assert_eq!(set.problems.len(), 2, "{:?}", set.problems);
        assert!(set.problems.iter().any(|p| p.file.ends_with("broken.ron")));
        assert!(
            set.problems
                .iter()
                .any(|p| p.message.contains("already taken"))
        );
        assert_eq!(set.tick_address("demo", "y"), ("demo".into(), "x".into()));
    }
}
