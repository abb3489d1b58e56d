//! What every command needs: the store, the journal as read, the frameworks, and today.

use std::io::IsTerminal;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

use super::Cli;
use crate::framework::FrameworkSet;
use crate::model::{Journal, Profile, Role, SCHEMA_VERSION, SkimMatcher, parse_date, rank};
use crate::store::{PartnershipData, Snapshot, Store, resolve_data_dir};

pub struct Context {
    pub store: Store,
    pub snap: Snapshot,
    pub frameworks: FrameworkSet,
    pub today: NaiveDate,
    /// Review mode: private meetings and reflections are left out of what is printed.
    pub review: bool,
}

impl Context {
    /// The data directory and today's date the command line asks for, without reading anything.
    pub fn locate(cli: &Cli) -> anyhow::Result<(Store, NaiveDate)> {
        let root = resolve_data_dir(cli.data_dir.as_deref())?;
        let today = match &cli.today {
            Some(t) => parse_date(t, crate::model::clock::today())?,
            None => crate::model::clock::today(),
        };
        Ok((Store::new(root), today))
    }

    /// Open the journal, reading every record.
    pub fn open(cli: &Cli) -> anyhow::Result<Context> {
        Context::open_with(cli, None)
    }

    /// Open the journal for a command about one partnership: only that one's records are read,
    /// so a one-line `log` on a journal of years is as quick as on a new one.
    pub fn open_for(cli: &Cli, partner: &str) -> anyhow::Result<Context> {
        Context::open_with(cli, Some(partner))
    }

    fn open_with(cli: &Cli, partner: Option<&str>) -> anyhow::Result<Context> {
        let (store, today) = Context::locate(cli)?;
        // A save that waits for another mentorlog says so (the TUI shows it in its status line).
        let store = store.with_wait_notice(|m| eprintln!("note: {m}"));
        let mut snap = match partner {
            None => store.load(),
            Some(_) => store.load_first(Some("")),
        };
        let frameworks = FrameworkSet::with_user_dir(&store.frameworks_dir());
        if let Some(q) = partner {
            // Match on the names read so far; the match itself is checked again by the command.
            let found = {
                let probe = Context {
                    store: store.clone(),
                    snap: Snapshot {
                        partnerships: snap.partnerships.clone(),
                        ..Snapshot::default()
                    },
                    frameworks: FrameworkSet::default(),
                    today,
                    review: cli.review,
                };
                probe.partner(q).map(|p| p.id().to_string()).ok()
            };
            if let Some(id) = found
                && let Some(p) = snap.partnerships.iter_mut().find(|p| p.id() == id)
            {
                let (mut problems, mut conflicts) = (Vec::new(), Vec::new());
                store.complete(p, &mut problems, &mut conflicts);
                snap.problems.extend(problems);
                snap.conflicts.extend(conflicts);
            }
        }
        // Unreadable files never stop the rest of the journal: say which, and carry on.
        for p in &snap.problems {
            eprintln!("warning: {p}");
        }
        for p in &frameworks.problems {
            eprintln!("warning: framework not loaded: {p}");
        }
        let (exposed, total) = crate::store::safety::exposed(store.root(), 3);
        for e in &exposed {
            eprintln!("warning: {e}");
        }
        if total > exposed.len() {
            eprintln!(
                "warning: {} more files or folders in the journal can be read by others",
                total - exposed.len()
            );
        }
        if !snap.conflicts.is_empty() {
            eprintln!(
                "note: {} conflict cop{} kept from simultaneous edits (compare with the record beside it, then delete):",
                snap.conflicts.len(),
                if snap.conflicts.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            );
            for c in &snap.conflicts {
                eprintln!("  {}", c.display());
            }
        }
        Ok(Context {
            store,
            snap,
            frameworks,
            today,
            review: cli.review,
        })
    }

    pub fn date(&self, input: &str) -> anyhow::Result<NaiveDate> {
        Ok(parse_date(input, self.today)?)
    }

    pub fn date_or_today(&self, input: Option<&str>) -> anyhow::Result<NaiveDate> {
        input.map_or(Ok(self.today), |d| self.date(d))
    }

    /// Make sure `journal.ron` exists before the first record is written.
    pub fn ensure_journal(&self) -> anyhow::Result<()> {
        if self.snap.journal.is_none() && !self.store.journal_path().exists() {
            let name = std::env::var("USER").unwrap_or_default();
            let journal = Journal {
                version: SCHEMA_VERSION,
                profile: Profile {
                    name,
                    role: Role::Mentor,
                    ..Profile::default()
                },
            };
            self.store
                .save_journal(None, &journal)
                .context("creating the journal")?;
        }
        Ok(())
    }

    /// Find a partnership by id, by a whole word of the name, or by a fuzzy match on the name.
    pub fn partner(&self, query: &str) -> anyhow::Result<&PartnershipData> {
        let all = &self.snap.partnerships;
        if all.is_empty() {
            bail!("there are no partnerships yet: add one with `mentorlog partner add \"NAME\"`");
        }
        let q = query.trim().to_lowercase();
        if let Some(p) = all.iter().find(|p| p.id() == q) {
            return Ok(p);
        }
        let same_name: Vec<&PartnershipData> = all
            .iter()
            .filter(|p| p.partnership.value.name.to_lowercase() == q)
            .collect();
        if let [one] = same_name.as_slice() {
            return Ok(one);
        }
        let by_id: Vec<&PartnershipData> = all.iter().filter(|p| p.id().starts_with(&q)).collect();
        if let [one] = by_id.as_slice() {
            return Ok(one);
        }
        let by_word: Vec<&PartnershipData> = all
            .iter()
            .filter(|p| {
                p.partnership
                    .value
                    .name
                    .to_lowercase()
                    .split_whitespace()
                    .any(|w| w == q)
            })
            .collect();
        let candidates: Vec<&PartnershipData> = if same_name.len() > 1 {
            same_name
        } else if by_word.is_empty() {
            rank(
                &SkimMatcher::default(),
                all.iter().map(|p| (p.partnership.value.name.as_str(), p)),
                query,
            )
            .into_iter()
            .map(|(_, p)| p)
            .collect()
        } else {
            by_word
        };
        let list = |ps: &[&PartnershipData]| {
            let mut lines: Vec<String> = ps
                .iter()
                .take(12)
                .map(|p| format!("  {}  ({})", p.partnership.value.name, p.id()))
                .collect();
            if ps.len() > 12 {
                lines.push(format!(
                    "  ... and {} more (`mentorlog partner list`)",
                    ps.len() - 12
                ));
            }
            lines.join("\n")
        };
        match candidates.as_slice() {
            [one] => Ok(one),
            [] => bail!(
                "no partnership matches '{query}'. The partnerships are:\n{}\nUse an id or part of a name.",
                list(&all.iter().collect::<Vec<_>>())
            ),
            many => bail!(
                "'{query}' matches {} partnerships:\n{}\nUse the id, or more of the name.",
                many.len(),
                list(many)
            ),
        }
    }
}

/// True when a person is at the keyboard (so $EDITOR may be opened).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
