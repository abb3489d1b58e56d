//! Exports of one partnership (DESIGN.md section 8): the portfolio (the Learning Journal, in
//! Markdown or self-contained HTML), CSV tables, an iCalendar file, everything as JSON, and an
//! Open Badges 3.0 credential for a recognition the partnership is ready for.
//!
//! Every export is a pure function from an [`Export`] (the frameworks, one partnership as a
//! reader of the journal core may see it, the journal owner's profile, today) to a `String`:
//! no I/O here. What a reader may not see (private meetings and reflections, and the links to
//! private meetings in the evidence of ticks, for any reader but the owner's own) never reaches
//! an export: the export reads only through the core's `Partner`. The command line makes
//! exports with a reader that does not see private records unless the owner asks for them.

mod badge;
pub mod bundle;
pub mod bundle_badge;
mod csv;
mod html;
mod ics;
mod json;
mod markdown;
pub mod proof;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};

pub use badge::{
    BadgeCheck, BadgeError, Issuance, Recipient, badge, badge_ready, identity_hash, is_email,
    issue_badge, verify_badge,
};
pub use csv::{BOM as CSV_BOM, CsvOptions, Table, csv, csv_field, csv_with};
pub use html::{escape as html_escape, portfolio as portfolio_html};
pub use ics::{escape_text as ics_escape, fold as ics_fold, ics};
pub use json::{check_signatures as check_exported_signatures, json};
pub use markdown::portfolio as portfolio_markdown;

use crate::framework::{Framework, FrameworkSet, Item, Section, SectionProgress};
pub use crate::journal::EvidenceLine;
use crate::journal::Partner;
use crate::journal::report::Report;
pub use crate::model::first_line;
use crate::model::{
    Cadence, Evidence, Goal, Meeting, Partnership, PartnershipKind, Pathway, Profile, Progress,
    Readiness, Reflection, Role, StageRecord, Tick, TickSheet, Verification,
};

/// The portfolio's two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioFormat {
    Markdown,
    Html,
}

/// The portfolio in the format asked for.
pub fn portfolio(x: &Export, format: PortfolioFormat) -> String {
    match format {
        PortfolioFormat::Markdown => portfolio_markdown(x),
        PortfolioFormat::Html => portfolio_html(x),
    }
}

/// Everything an export reads, with the partnership's report computed once.
pub struct Export<'a> {
    pub set: &'a FrameworkSet,
    /// The partnership as the export's reader may see it.
    pub p: Partner<'a>,
    pub profile: Option<&'a Profile>,
    pub today: NaiveDate,
    /// When the export is made (an iCalendar DTSTAMP): now, unless the caller pins it.
    pub stamp: DateTime<Utc>,
    /// The reader does not see private records (the default for an export; said on it).
    pub review: bool,
    pub report: Report,
}

/// A tick as the portfolio shows it: the item's text, its date, level and evidence.
#[derive(Debug, Clone)]
pub struct TickView<'a> {
    /// Where the tick is stored: `FRAMEWORK/ITEM` (refs followed).
    pub address: String,
    /// The item as it appears in the framework shown.
    pub item: &'a Item,
    /// The item text (the referenced item's text for a ref).
    pub text: String,
    pub tick: &'a Tick,
    pub evidence: Vec<EvidenceLine>,
}

/// A section of a framework with its progress and the ticks achieved in it.
#[derive(Debug, Clone)]
pub struct SectionView<'a> {
    pub section: &'a Section,
    /// 0 for a top-level section.
    pub depth: usize,
    pub progress: Progress,
    pub ticks: Vec<TickView<'a>>,
    pub sections: Vec<SectionView<'a>>,
}

#[derive(Debug, Clone)]
pub struct FrameworkView<'a> {
    pub framework: &'a Framework,
    pub progress: Progress,
    pub sections: Vec<SectionView<'a>>,
}

/// Someone who signs a printed portfolio: the role the line is for ("Mentor", "Professional
/// Mentor") and the name printed under it, when the journal knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub role: String,
    pub name: Option<String>,
}

/// A tick whose framework or item is not among the loaded frameworks.
#[derive(Debug, Clone)]
pub struct OrphanTick<'a> {
    pub framework: String,
    pub item: String,
    pub tick: &'a Tick,
    pub evidence: Vec<EvidenceLine>,
}

impl<'a> Export<'a> {
    /// The export of `p`, as `r` may see it.
    pub fn new(r: &crate::journal::Reader<'a>, p: Partner<'a>) -> Export<'a> {
        Export {
            set: r.frameworks(),
            p,
            profile: r.profile(),
            today: r.today(),
            stamp: crate::model::clock::now_utc(),
            review: p.audience().hides_private(),
            report: p.report(r.today()),
        }
    }

    pub fn partnership(&self) -> &'a Partnership {
        self.p.partnership()
    }

    /// The meeting log the reader may see, oldest first.
    pub fn meetings(&self) -> Vec<&'a Meeting> {
        let mut v: Vec<&Meeting> = self.p.meetings().into_iter().map(|m| &m.value).collect();
        v.sort_by(|a, b| (a.date, a.time, &a.id).cmp(&(b.date, b.time, &b.id)));
        v
    }

    /// Reflections the reader may see, oldest first.
    pub fn reflections(&self) -> Vec<&'a Reflection> {
        let mut v: Vec<&Reflection> = self.p.reflections().into_iter().map(|r| &r.value).collect();
        v.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        v
    }

    /// The action plan, in the order the goals were set.
    pub fn goals(&self) -> Vec<&'a Goal> {
        self.p.goals().into_iter().map(|g| &g.value).collect()
    }

    pub fn stages(&self) -> Vec<&'a StageRecord> {
        let mut v: Vec<&StageRecord> = self.p.stages().iter().map(|s| &s.value).collect();
        v.sort_by(|a, b| (&a.framework, &a.stage).cmp(&(&b.framework, &b.stage)));
        v
    }

    /// The journal owner's name, or a neutral word when the journal has none.
    pub fn owner_name(&self) -> &str {
        match self.profile {
            Some(p) if !p.name.trim().is_empty() => p.name.trim(),
            _ => "the journal's owner",
        }
    }

    /// The journal owner's name as the profile gives it, if it gives one.
    fn owner_name_given(&self) -> Option<&str> {
        self.profile
            .map(|p| p.name.trim())
            .filter(|n| !n.is_empty())
    }

    pub fn owner_role(&self) -> Role {
        self.profile.map_or(Role::Mentor, |p| p.role)
    }

    /// What the partner is to the journal's owner: "Mentee", "Mentor", "Coachee", "Co-coach".
    pub fn partner_role(&self) -> &'static str {
        match (self.owner_role(), self.partnership().kind) {
            (Role::Mentee, _) => "Mentor",
            (Role::CoCoach, _) | (_, PartnershipKind::CoCoaching) => "Co-coach",
            (Role::Coach, _) | (_, PartnershipKind::SpecialistCoaching) => "Coachee",
            _ => "Mentee",
        }
    }

    /// The document title: "Learning Journal of Jo Taylor with Sam Lee".
    pub fn title(&self) -> String {
        format!(
            "Learning Journal of {} with {}",
            self.owner_name(),
            self.partnership().name
        )
    }

    /// Who signs the mentoring agreement ("Ensure both parties sign the mentoring agreement",
    /// LSIS): the owner and the partner under the roles the cover gives them, the mentor's side
    /// first, as the ScotELAs agreement names them ("Name of the Mentor", "Name of the Mentee").
    pub fn agreement_signatories(&self) -> [Signatory; 2] {
        let owner = Signatory {
            role: capitalise(self.owner_role().label()),
            name: self.owner_name_given().map(str::to_string),
        };
        let name = self.partnership().name.trim();
        let partner = Signatory {
            role: self.partner_role().to_string(),
            name: (!name.is_empty()).then(|| name.to_string()),
        };
        if self.owner_role() == Role::Mentee {
            [partner, owner]
        } else {
            [owner, partner]
        }
    }

    /// Who signs a stage's verification: the signatories its framework names for the stage
    /// (the line "Verification: A; B" of the stage's description, as the LJMU stages carry it
    /// from their "Reflection and Verification" boxes: "Professional Mentor; University
    /// Liaison / Link Tutor"), each with the name of the verifier recorded in that role; then
    /// every other verifier recorded; and when there is neither, one line "Verified by".
    pub fn verification_signatories(&self, s: &StageRecord) -> Vec<Signatory> {
        let named: Vec<String> = self
            .set
            .get(&s.framework)
            .and_then(|fw| fw.sections.iter().find(|x| x.id == s.stage))
            .and_then(|stage| stage.description.as_deref())
            .and_then(|d| {
                d.lines()
                    .find_map(|l| l.trim().strip_prefix("Verification:"))
                    .map(|l| {
                        l.split(';')
                            .map(str::trim)
                            .filter(|r| !r.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
            })
            .unwrap_or_default();
        let mut left: Vec<&Verification> = s
            .verifications
            .iter()
            .filter(|v| !v.name.trim().is_empty())
            .collect();
        let mut out = Vec::new();
        for role in named {
            let at = left.iter().position(|v| {
                v.role
                    .as_deref()
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case(&role))
            });
            let name = at.map(|i| left.remove(i).name.trim().to_string());
            out.push(Signatory { role, name });
        }
        for v in left {
            out.push(Signatory {
                role: v
                    .role
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .unwrap_or("Verified by")
                    .to_string(),
                name: Some(v.name.trim().to_string()),
            });
        }
        if out.is_empty() {
            out.push(Signatory {
                role: "Verified by".into(),
                name: None,
            });
        }
        out
    }

    /// A meeting of this partnership the reader may see.
    pub fn visible_meeting(&self, id: &str) -> Option<&'a Meeting> {
        self.p.meeting(id).map(|m| &m.value)
    }

    /// A tick's evidence resolved against the log, as the reader may see it.
    pub fn evidence(&self, e: &Evidence) -> Vec<EvidenceLine> {
        self.p.evidence(e)
    }

    /// The tick stored for an item of `fw` (a ref followed to the item it stands for).
    pub fn tick_of(&self, fw: &Framework, item: &Item) -> Option<(String, &'a Tick)> {
        let (f, i) = if item.reference.is_some() {
            self.set.tick_address(&fw.id, &item.id)
        } else {
            (fw.id.clone(), item.id.clone())
        };
        let t = self.p.tick(&f, &i)?;
        Some((format!("{f}/{i}"), t))
    }

    /// The text of an item, following a ref to the item it stands for.
    pub fn item_text(&self, fw: &Framework, item: &'a Item) -> String {
        if item.reference.is_some() && item.text.trim().is_empty() {
            let (f, i) = self.set.referenced(&fw.id, &item.id);
            if let Some(target) = self.set.get(&f).and_then(|x| x.item(&i)) {
                return target.text.clone();
            }
        }
        item.text.clone()
    }

    /// Progress per framework the partnership uses, section by section, with every tick.
    pub fn frameworks(&self) -> Vec<FrameworkView<'a>> {
        self.report
            .progress
            .iter()
            .filter_map(|fp| {
                let fw = self.set.get(&fp.framework)?;
                let sections = fw
                    .sections
                    .iter()
                    .map(|s| {
                        let p = fp.sections.iter().find(|x| x.id == s.id);
                        self.section_view(fw, s, p, 0)
                    })
                    .collect();
                Some(FrameworkView {
                    framework: fw,
                    progress: fp.progress,
                    sections,
                })
            })
            .collect()
    }

    fn section_view(
        &self,
        fw: &'a Framework,
        s: &'a Section,
        p: Option<&SectionProgress>,
        depth: usize,
    ) -> SectionView<'a> {
        let ticks = s
            .items
            .iter()
            .filter_map(|item| {
                let (address, tick) = self.tick_of(fw, item)?;
                Some(TickView {
                    address,
                    item,
                    text: self.item_text(fw, item),
                    tick,
                    evidence: self.evidence(&tick.evidence),
                })
            })
            .collect();
        let sections = s
            .sections
            .iter()
            .map(|c| {
                let cp = p.and_then(|p| p.sections.iter().find(|x| x.id == c.id));
                self.section_view(fw, c, cp, depth + 1)
            })
            .collect();
        SectionView {
            section: s,
            depth,
            progress: p.map(|p| p.progress).unwrap_or_default(),
            ticks,
            sections,
        }
    }

    /// The tick sheets in framework order (the store reads them in directory order).
    pub fn tick_sheets(&self) -> Vec<&'a TickSheet> {
        let mut v: Vec<&TickSheet> = self.p.tick_sheets().iter().map(|t| &t.value).collect();
        v.sort_by(|a, b| a.framework.cmp(&b.framework));
        v
    }

    /// Ticks whose framework or item is not among the loaded frameworks.
    pub fn orphan_ticks(&self) -> Vec<OrphanTick<'a>> {
        let mut out = Vec::new();
        for sheet in self.tick_sheets() {
            let fw = self.set.get(&sheet.framework);
            for (item, tick) in &sheet.ticks {
                if fw.and_then(|f| f.item(item)).is_none() {
                    out.push(OrphanTick {
                        framework: sheet.framework.clone(),
                        item: item.clone(),
                        tick,
                        evidence: self.evidence(&tick.evidence),
                    });
                }
            }
        }
        out
    }

    /// A stage address ("ljmu/developing") in words when its framework is loaded.
    pub fn stage_name(&self, address: &str) -> String {
        stage_name(self.set, address)
    }

    /// A recognition's title: a stage of a staged framework is named with its framework
    /// ("LJMU ...: Developing Mentor"); ScotELAs by its own title.
    pub fn readiness_title(&self, r: &Readiness) -> String {
        readiness_title(self.set, r)
    }

    /// A stage record's framework and stage titles, when the framework is loaded.
    pub fn stage_title(&self, s: &StageRecord) -> String {
        match self.set.get(&s.framework) {
            Some(fw) => match fw.sections.iter().find(|x| x.id == s.stage) {
                Some(stage) => format!("{}: {}", fw.title, stage.title),
                None => format!("{}: {}", fw.title, s.stage),
            },
            None => format!("{}/{}", s.framework, s.stage),
        }
    }
}

/// Text from the journal without control characters: an imported note may hold terminal
/// escape sequences (`ESC [31m`), a bell, a form feed, a NUL or a C1 control (U+0080-U+009F),
/// none of which belongs in a document. The controls that end a line (carriage return, form
/// feed, vertical tab, next line U+0085) become line ends, so the lines they separated stay
/// apart; the others go as the command line's [`Cleaner`](crate::model::text::Cleaner) removes
/// them, a sequence whole. Tabs stay. Text without any is borrowed as it is.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_stray_control) {
        return Cow::Borrowed(s);
    }
    let lines = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{b}', '\u{c}', '\u{85}'], "\n");
    Cow::Owned(crate::model::text::clean(&lines))
}

/// A control character that is not a line end or a tab.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// "Mentoring for induction", "Specialist coaching", ...
pub fn kind_phrase(k: PartnershipKind) -> &'static str {
    match k {
        PartnershipKind::Induction => "Mentoring for induction",
        PartnershipKind::Progression => "Mentoring for progression",
        PartnershipKind::Challenge => "Mentoring for challenge",
        PartnershipKind::SpecialistCoaching => "Specialist coaching",
        PartnershipKind::CoCoaching => "Co-coaching",
    }
}

pub fn pathway_phrase(p: Pathway) -> &'static str {
    match p {
        Pathway::RoleFocused => "Role-focused",
        Pathway::ExpertiseFocused => "Expertise-focused",
    }
}

/// A label with its first letter in capitals ("in person" -> "In person").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "A meeting every 14 days", the LSIS rhythm, or no target.
pub fn cadence_phrase(cadence: Cadence) -> String {
    match cadence {
        Cadence::Days(0) => "No target set".into(),
        Cadence::Days(1) => "A meeting every day".into(),
        Cadence::Days(7) => "A meeting every week".into(),
        Cadence::Days(14) => "A meeting every fortnight (14 days)".into(),
        Cadence::Days(n) => format!("A meeting every {n} days"),
        Cadence::Lsis => capitalise(&cadence.phrase()),
    }
}

/// An item's text split into its first line and the points listed under it ("- ..." lines,
/// the marker removed), e.g. CUREE's "listen actively:" and its four ways of listening.
pub fn item_points(s: &str) -> (&str, Vec<&str>) {
    let mut lines = s.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let rest = lines
        .map(|l| l.strip_prefix("- ").unwrap_or(l).trim())
        .collect();
    (first, rest)
}

/// An item's text on one line: "listen actively: accommodating ...; concentrating ...".
pub fn item_one_line(s: &str) -> String {
    let (first, rest) = item_points(s);
    if rest.is_empty() {
        first.to_string()
    } else {
        format!("{} {}", first, rest.join("; "))
    }
}

/// Whether a section or any section under it has a tick to show.
pub fn has_ticks(s: &SectionView) -> bool {
    !s.ticks.is_empty() || s.sections.iter().any(has_ticks)
}

/// A stage's address ("ljmu/developing") as its framework and stage titles.
pub fn stage_name(set: &FrameworkSet, address: &str) -> String {
    let (f, s) = address.split_once('/').unwrap_or((address, ""));
    match set.get(f) {
        Some(fw) => match fw.section(s) {
            Some(stage) => format!("{}: {}", fw.title, stage.title),
            None => fw.title.clone(),
        },
        None => address.to_string(),
    }
}

/// A recognition's title, the same from a journal and from a bundle: a stage of a staged
/// framework is named with its framework; ScotELAs by its own title.
pub fn readiness_title(set: &FrameworkSet, r: &Readiness) -> String {
    if r.scheme.contains('/') && set.get(r.scheme.split('/').next().unwrap_or("")).is_some() {
        stage_name(set, &r.scheme)
    } else {
        r.title.trim_end_matches(':').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_words() {
        assert_eq!(capitalise("in person"), "In person");
        assert_eq!(capitalise(""), "");
        assert_eq!(
            cadence_phrase(Cadence::Days(14)),
            "A meeting every fortnight (14 days)"
        );
        assert_eq!(cadence_phrase(Cadence::Days(21)), "A meeting every 21 days");
        assert_eq!(
            cadence_phrase(Cadence::Lsis),
            "The LSIS rhythm: once a fortnight for the first month, and once a month thereafter"
        );
        assert_eq!(
            kind_phrase(PartnershipKind::Induction),
            "Mentoring for induction"
        );
    }

    #[test]
    fn item_text_keeps_its_points() {
        let t = "listen actively:\n- accommodating silence\n- concentrating";
        assert_eq!(
            item_points(t),
            (
                "listen actively:",
                vec!["accommodating silence", "concentrating"]
            )
        );
        assert_eq!(
            item_one_line(t),
            "listen actively: accommodating silence; concentrating"
        );
        assert_eq!(item_one_line("plain"), "plain");
    }

    #[test]
    fn evidence_lines_in_plain_words() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let m = EvidenceLine::Meeting {
            id: "x".into(),
            date: Some(d),
            focus: "Questioning".into(),
        };
        assert_eq!(m.plain(), "meeting of 2026-05-01: Questioning");
        let gone = EvidenceLine::Meeting {
            id: "x".into(),
            date: None,
            focus: String::new(),
        };
        assert_eq!(gone.plain(), "meeting x (not in the log)");
        assert_eq!(EvidenceLine::File("a.pdf".into()).plain(), "file a.pdf");
    }
}
