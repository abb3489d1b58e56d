//! `import jrnl FILE --with PARTNER`.

use std::io::Write;

use anyhow::Context as _;

use super::args::ImportCmd;
use super::{Context, op};
use crate::journal::import::parse_jrnl_bytes;

pub fn run(ctx: &mut Context, cmd: &ImportCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    let ImportCmd::Jrnl { file, with } = cmd;
    let p = ctx.partner(with)?;
    let (pid, name) = (p.id().to_string(), p.name().to_string());
    let shown = file.display().to_string();
    let bytes = crate::store::read_plain_file(file).with_context(|| {
        format!("cannot read {shown}: give the path of a `jrnl --export json` file")
    })?;
    let meetings = parse_jrnl_bytes(&shown, &bytes)?;
    let (o, skipped) = ctx
        .journal
        .import_meetings(&pid, &meetings)
        .map_err(|e| anyhow::anyhow!("{}; nothing was imported", op(e)))?;
    let added = o
        .changes
        .iter()
        .filter(|c| c.kind() == Some(crate::store::Kind::Meeting))
        .count();
    writeln!(
        out,
        "Imported {} jrnl entr{} as meetings with {}{}",
        added,
        if added == 1 { "y" } else { "ies" },
        name,
        if skipped > 0 {
            format!(" ({skipped} already in the journal, skipped)")
        } else {
            String::new()
        }
    )?;
    Ok(())
}
