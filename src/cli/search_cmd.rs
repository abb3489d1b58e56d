//! `search`: the TUI's `/` from the shell.

use std::io::Write;

use serde_json::json;

use super::Context;
use super::args::SearchArgs;
use crate::journal::search::Target;

pub fn run(ctx: &mut Context, a: &SearchArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let query = a.query.join(" ");
    let index = ctx.search_index();
    let found = index.query_within(&query, a.limit, None);
    let (hits, total) = (found.hits, found.total);
    let records = index.len();
    super::leave(index);
    if a.json {
        let rows: Vec<_> = hits
            .iter()
            .map(|h| {
                let (path, address) = match &h.target {
                    Target::Meeting { path }
                    | Target::Goal { path }
                    | Target::Reflection { path } => (Some(path.display().to_string()), None),
                    Target::Item { framework, item } => (None, Some(format!("{framework}/{item}"))),
                    Target::Partnership => (None, None),
                };
                json!({
                    "kind": h.label, "partnership": h.partnership, "title": h.title,
                    "snippet": h.snippet, "score": h.score, "path": path, "item": address,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(
                &json!({ "query": query, "found": total, "results": rows })
            )?
        )?;
        return Ok(());
    }
    if total == 0 {
        writeln!(out, "Nothing matches '{query}' in {records} records.")?;
        return Ok(());
    }
    for h in &hits {
        let place = match &h.target {
            Target::Item { framework, item } => format!("{framework}/{item}"),
            _ => h.partnership_name.clone(),
        };
        writeln!(out, "{:<10} {}: {}", h.label, place, h.title)?;
        if h.snippet != h.title {
            writeln!(out, "           {}", h.snippet)?;
        }
    }
    if total > hits.len() {
        writeln!(
            out,
            "The best {} of {total} found; --limit {total} shows them all.",
            hits.len()
        )?;
    }
    Ok(())
}
