//! `sync init [REMOTE]`, `sync`, and `merge-driver` (run by git): the command line over
//! `crate::sync`.

use std::io::Write;
use std::path::Path;

use super::{Cli, Context};

pub fn init(cli: &Cli, remote: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    // Only located, not opened: opening writes mentorlog's own files, and an empty data
    // directory must stay empty for a clone.
    let (store, _) = Context::locate(cli)?;
    let said = crate::sync::init(&store, remote)?;
    for line in said {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

pub fn sync(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = ctx.journal.store();
    let report = crate::sync::sync(store, false, &|step| {
        crate::say_err!("{}...", step.words());
    })?;
    for line in report.lines() {
        writeln!(out, "{line}")?;
    }
    let s = &report.state;
    if s.remote.is_some() && report.offline.is_none() {
        writeln!(
            out,
            "now: {} commit{} to send, {} to receive",
            s.ahead,
            if s.ahead == 1 { "" } else { "s" },
            s.behind
        )?;
    }
    if let Some(r) = &report.refused {
        anyhow::bail!("the remote refused the push: {r}");
    }
    Ok(())
}

pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: &str,
    _out: &mut dyn Write,
) -> anyhow::Result<()> {
    let merged = crate::sync::merge_driver(base, ours, theirs, name)?;
    if let Some(copy) = merged.copy {
        crate::say_err!(
            "mentorlog: {name}: both sides changed {}; the other side's version is kept in {}",
            merged.conflicts.join(", "),
            copy.display()
        );
    }
    Ok(())
}
