//! `export`: a partnership as a portfolio (Markdown or HTML), CSV, iCalendar, JSON or an Open
//! Badges credential; to standard output, or with `-o FILE` to a private file written atomically.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::Context;
use super::args::{CsvTableArg, ExportArgs, ExportKind, PortfolioFormatArg};
use crate::export::{self, Export, PortfolioFormat, Table};
use crate::store::atomic_write;

fn format_for(a: &ExportArgs) -> PortfolioFormat {
    match a.format {
        Some(PortfolioFormatArg::Html) => PortfolioFormat::Html,
        Some(PortfolioFormatArg::Md) => PortfolioFormat::Markdown,
        None => {
            let html = a
                .output
                .as_deref()
                .and_then(Path::extension)
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
            if html {
                PortfolioFormat::Html
            } else {
                PortfolioFormat::Markdown
            }
        }
    }
}

pub fn run(ctx: &Context, a: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(&a.with)?;
    let x = Export::new(&ctx.reader(), p);
    let (text, what) = match a.what {
        ExportKind::Portfolio => (export::portfolio(&x, format_for(a)), "portfolio"),
        ExportKind::Csv => {
            let table = match a.table {
                CsvTableArg::Goals => Table::Goals,
                CsvTableArg::Meetings => Table::Meetings,
                CsvTableArg::Ticks => Table::Ticks,
            };
            (export::csv(&x, table), "table")
        }
        ExportKind::Ics => (export::ics(&x), "calendar"),
        ExportKind::Json => (export::json(&x), "JSON export"),
        ExportKind::Badge => (export::badge(&x, &a.stage)?, "badge"),
    };
    match &a.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            let warning = atomic_write(path, text.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            if let Some(w) = warning {
                eprintln!("warning: {w}");
            }
            writeln!(
                out,
                "Wrote the {what} of {} to {}{}",
                p.name(),
                path.display(),
                if ctx.review {
                    " (review copy: private meetings and reflections left out)"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}
