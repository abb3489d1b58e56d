//! What every command needs: the journal core, opened on the data directory and date the
//! command line asks for, and who is reading (review mode hides private records).

use std::io::{IsTerminal, Write};

use anyhow::bail;
use chrono::NaiveDate;

use super::Cli;
use crate::journal::{Audience, Journal, OpError, Outcome, Partner, Reader};
use crate::model::parse_date;
use crate::store::{Store, resolve_data_dir};

pub struct Context {
    pub journal: Journal,
    /// Review mode: private meetings and reflections are left out of what is printed.
    pub review: bool,
    /// Today was given (`--today`, for scripts and tests): what is stamped with the time
    /// (an iCalendar DTSTAMP) takes that day's midnight UTC instead of the clock.
    pub pinned_today: bool,
    /// Every partnership's status summary, when the journal was opened for them.
    summaries: Option<Vec<crate::journal::summary::Summary>>,
    /// Every partnership's search text, when the journal was opened for a search.
    search: Option<Vec<crate::journal::search::Part>>,
}

impl Context {
    /// The data directory and today's date the command line asks for, without reading anything.
    pub fn locate(cli: &Cli) -> anyhow::Result<(Store, NaiveDate)> {
        let root = resolve_data_dir(cli.data_dir.as_deref())?;
        let now = crate::model::clock::today();
        let today = match &cli.today {
            Some(t) => parse_date(t, now)?,
            None => now,
        };
        // A save that waits for another mentorlog says so.
        let store = Store::new(root).with_wait_notice(|m| crate::say_err!("note: {m}"));
        Ok((store, today))
    }

    /// Open the journal, reading every record.
    pub fn open(cli: &Cli) -> anyhow::Result<Context> {
        let (store, today) = Context::locate(cli)?;
        Ok(Context::with(cli, Journal::open(store, today)))
    }

    /// Open the journal for the status of every partnership: those unchanged since the last
    /// `status` are summarised from the cache without being read.
    pub fn open_summaries(cli: &Cli) -> anyhow::Result<Context> {
        let (mut ctx, summaries) = Context::open_cached(cli, Journal::open_summaries)?;
        ctx.summaries = summaries;
        Ok(ctx)
    }

    /// Open the journal for a search of every partnership: the search text of those
    /// unchanged since the last search comes from the cache.
    pub fn open_search(cli: &Cli) -> anyhow::Result<Context> {
        let (mut ctx, parts) = Context::open_cached(cli, Journal::open_search)?;
        ctx.search = parts;
        Ok(ctx)
    }

    /// Open through one of the journal's cached opens, with what it worked out; not in
    /// review mode, which leaves private records out (the cache is the owner's view): that
    /// reads everything.
    fn open_cached<T>(
        cli: &Cli,
        open: impl FnOnce(Store, NaiveDate) -> (Journal, T),
    ) -> anyhow::Result<(Context, Option<T>)> {
        if cli.review {
            return Ok((Context::open(cli)?, None));
        }
        let (store, today) = Context::locate(cli)?;
        let (journal, made) = open(store, today);
        Ok((Context::with(cli, journal), Some(made)))
    }

    /// The search index of everything this command's reader may see.
    pub fn search_index(&mut self) -> crate::journal::search::Index {
        match self.search.take() {
            Some(parts) => {
                crate::journal::search::Index::from_parts(self.journal.frameworks(), parts, None)
            }
            None => self.reader().search_index(None),
        }
    }

    /// Every partnership's status summary, as this command's reader sees it.
    pub fn summaries(&self) -> Vec<crate::journal::summary::Summary> {
        match &self.summaries {
            Some(s) => s.clone(),
            None => self
                .reader()
                .partnerships()
                .iter()
                .map(|p| crate::journal::summary::Summary::of(p, self.today()))
                .collect(),
        }
    }

    /// Open the journal for a command about one partnership: only that one's records are read.
    pub fn open_for(cli: &Cli, partner: &str) -> anyhow::Result<Context> {
        let (store, today) = Context::locate(cli)?;
        Ok(Context::with(cli, Journal::open_for(store, today, partner)))
    }

    fn with(cli: &Cli, mut journal: Journal) -> Context {
        // The account's name is what a new journal is kept under until `init --name`.
        journal.set_owner_name(std::env::var("USER").unwrap_or_default());
        let ctx = Context {
            journal,
            review: cli.review,
            pinned_today: cli.today.is_some(),
            summaries: None,
            search: None,
        };
        ctx.warn();
        ctx
    }

    /// Unreadable files never stop the rest of the journal: say which, and carry on.
    fn warn(&self) {
        for n in self.journal.notices() {
            crate::say_err!("note: {n}");
        }
        for p in self.journal.file_problems() {
            crate::say_err!("warning: {p}");
        }
        for p in self.journal.framework_problems() {
            crate::say_err!("warning: framework not loaded: {p}");
        }
        let (exposed, total) = crate::store::safety::exposed(self.journal.root(), 3);
        for e in &exposed {
            crate::say_err!("warning: {e}");
        }
        if total > exposed.len() {
            crate::say_err!(
                "warning: {} more files or folders in the journal can be read by others",
                total - exposed.len()
            );
        }
        let r = self.reader();
        let conflicts = r.conflicts();
        if !conflicts.is_empty() {
            crate::say_err!(
                "note: {} conflict cop{} kept from simultaneous edits (compare with the record beside it, then delete, or resolve with C in the full-screen journal):",
                conflicts.len(),
                if conflicts.len() == 1 { "y" } else { "ies" }
            );
            for c in conflicts {
                crate::say_err!("  {}", c.copy.display());
            }
        }
    }

    pub fn audience(&self) -> Audience {
        if self.review {
            Audience::Review
        } else {
            Audience::Owner
        }
    }

    pub fn reader(&self) -> Reader<'_> {
        self.journal.reader(self.audience())
    }

    pub fn today(&self) -> NaiveDate {
        self.journal.today()
    }

    pub fn date(&self, input: &str) -> anyhow::Result<NaiveDate> {
        Ok(parse_date(input, self.today())?)
    }

    pub fn date_or_today(&self, input: Option<&str>) -> anyhow::Result<NaiveDate> {
        input.map_or(Ok(self.today()), |d| self.date(d))
    }

    /// Find a partnership by id, by a whole word of the name, or by a fuzzy match on the name.
    pub fn partner(&self, query: &str) -> anyhow::Result<Partner<'_>> {
        match self.reader().find_partner(query) {
            Ok(p) => Ok(p),
            Err(e) => bail!("{e}"),
        }
    }

    /// The id of the partnership `query` names.
    pub fn partner_id(&self, query: &str) -> anyhow::Result<String> {
        Ok(self.partner(query)?.id().to_string())
    }
}

/// An operation's error, as the command line says it.
pub fn op(e: OpError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// Tell the user what else an operation did: merges with a change made meanwhile, collisions
/// kept in conflict copies, and its warnings.
pub fn report_outcome(o: &Outcome, out: &mut dyn Write) -> anyhow::Result<()> {
    for m in &o.merges {
        if m.copy.is_none() {
            writeln!(
                out,
                "  (merged with a change made meanwhile in {})",
                m.path.display()
            )?;
        }
    }
    for m in &o.merges {
        if let Some(copy) = &m.copy {
            writeln!(
                out,
                "  conflict: {} was also changed elsewhere ({}); this edit was kept and the other is in {}",
                m.path.display(),
                m.conflicts.join(", "),
                copy.display()
            )?;
        }
    }
    for w in o
        .warnings
        .iter()
        .filter(|w| !w.contains("was also changed elsewhere"))
    {
        writeln!(out, "  note: {w}")?;
    }
    Ok(())
}

/// True when a person is at the keyboard (so $EDITOR may be opened).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
