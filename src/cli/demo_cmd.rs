//! `demo`: write a demo journal into an empty data directory.

use std::io::Write;
use std::time::Instant;

use super::args::{DemoArgs, DemoSize};
use super::{Context, op};
use crate::journal::demo::Size;

pub fn run(ctx: &mut Context, a: &DemoArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let size = match a.size {
        DemoSize::Small => Size::Small,
        DemoSize::Large => Size::Large,
    };
    let scale = match (size, a.scale) {
        (Size::Small, Some(_)) => anyhow::bail!(
            "--scale is for the large demo: try `mentorlog demo --size large --scale 2`"
        ),
        (_, scale) => scale.unwrap_or(1),
    };
    if size == Size::Large {
        crate::say_err!(
            "Writing the large demo journal (about {} files)...",
            thousands(7_150 * u64::from(scale))
        );
    }
    let started = Instant::now();
    let w = ctx.journal.write_demo(size, scale).map_err(op)?;
    writeln!(
        out,
        "Wrote a demo journal to {} in {:.1?}: {} partnerships, {} meetings, {} goals, {} ticks, {} reflections ({} files, {:.1} MB)",
        ctx.journal.root().display(),
        started.elapsed(),
        w.partnerships,
        w.meetings,
        w.goals,
        w.ticks,
        w.reflections,
        w.files,
        w.bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "Try: mentorlog --data-dir {} status",
        ctx.journal.root().display()
    )?;
    Ok(())
}

/// 71500 as "71,500".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
