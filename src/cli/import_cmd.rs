//! `import jrnl FILE --with PARTNER`.

use std::io::Write;

use anyhow::Context as _;

use super::Context;
use super::args::ImportCmd;
use crate::import::{import, parse_jrnl};

pub fn run(ctx: &Context, cmd: &ImportCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    let ImportCmd::Jrnl { file, with } = cmd;
    let p = ctx.partner(with)?;
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file).with_context(|| {
        format!("cannot read {shown}: give the path of a `jrnl --export json` file")
    })?;
    let meetings = parse_jrnl(&shown, &text)?;
    ctx.ensure_journal()?;
    let done = import(&ctx.store, p, &meetings)?;
    writeln!(
        out,
        "Imported {} jrnl entr{} as meetings with {}{}",
        done.added,
        if done.added == 1 { "y" } else { "ies" },
        p.partnership.value.name,
        if done.skipped > 0 {
            format!(" ({} already in the journal, skipped)", done.skipped)
        } else {
            String::new()
        }
    )?;
    Ok(())
}
