//! `framework list | show | check`.

use std::io::Write;

use anyhow::bail;
use serde_json::json;

use super::Context;
use super::args::FrameworkCmd;
use crate::framework::{FrameworkSet, Origin, Passage, Section};

pub fn run(ctx: &Context, cmd: &FrameworkCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        FrameworkCmd::List { json } => list(ctx, *json, out),
        FrameworkCmd::Show { id, json } => show(ctx, id, *json, out),
        FrameworkCmd::Check { file } => match crate::store::check_framework_file(file) {
            Ok(fw) => {
                writeln!(
                    out,
                    "{}: ok: framework '{}', {} items",
                    file.display(),
                    fw.id,
                    fw.item_count()
                )?;
                Ok(())
            }
            Err(e) => bail!("{e}"),
        },
    }
}

fn origin(o: &Origin) -> String {
    match o {
        Origin::Bundled => "bundled".into(),
        Origin::File(p) => p.display().to_string(),
    }
}

fn list(ctx: &Context, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    if json {
        let rows: Vec<_> = ctx
            .reader()
            .frameworks()
            .frameworks
            .iter()
            .map(|l| {
                json!({
                    "id": l.framework.id, "title": l.framework.title,
                    "items": l.framework.item_count(), "origin": origin(&l.origin),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({ "frameworks": rows }))?
        )?;
        return Ok(());
    }
    for l in &ctx.reader().frameworks().frameworks {
        writeln!(
            out,
            "{:<22} {:>4} items  {}  ({})",
            l.framework.id,
            l.framework.item_count(),
            l.framework.title,
            origin(&l.origin)
        )?;
    }
    writeln!(
        out,
        "\nAdd your own: put a framework file in {} (check it first with `mentorlog framework check FILE`).",
        ctx.journal.store().frameworks_dir().display()
    )?;
    Ok(())
}

fn show(ctx: &Context, id: &str, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let set = ctx.reader().frameworks();
    let Some(fw) = set.get(id) else {
        let ids: Vec<&str> = set.iter().map(|f| f.id.as_str()).collect();
        bail!(
            "no framework '{id}': known frameworks are {}",
            ids.join(", ")
        );
    };
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(fw)?)?;
        return Ok(());
    }
    writeln!(out, "{} ({}, {} items)\n", fw.title, fw.id, fw.item_count())?;
    writeln!(out, "Source: {}\n", fw.source.lines().next().unwrap_or(""))?;
    if !fw.levels.is_empty() {
        writeln!(out, "Levels: {}\n", fw.levels.join(", "))?;
    }
    for s in &fw.sections {
        section(set, &fw.id, s, 0, out)?;
    }
    for p in &fw.passages {
        passage(p, out)?;
    }
    Ok(())
}

/// A passage to read (e.g. CUREE's core concepts): its title, then its text, paragraph by
/// paragraph.
fn passage(p: &Passage, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "{} [{}]", p.title, p.id)?;
    for line in p.text.lines() {
        if line.trim().is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "  {line}")?;
        }
    }
    writeln!(out)?;
    Ok(())
}

fn section(
    set: &FrameworkSet,
    fid: &str,
    s: &Section,
    depth: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let pad = "  ".repeat(depth);
    writeln!(out, "{pad}{} [{}]", s.title, s.id)?;
    if let Some(d) = &s.description {
        for line in d.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "{pad}  {line}")?;
        }
    }
    for item in &s.items {
        // A reference (an LJMU checklist row reusing a CUREE skill) prints the words of the
        // item it stands for, and where they are from.
        let (text, from) = match &item.reference {
            None => (item.text.as_str(), None),
            Some(r) => {
                let (f, i) = set.referenced(fid, &item.id);
                let text = set
                    .get(&f)
                    .and_then(|tf| tf.item(&i))
                    .map_or(r.as_str(), |t| t.text.as_str());
                (text, Some(r.as_str()))
            }
        };
        match from {
            Some(r) => writeln!(out, "{pad}  - {fid}/{} (= {r})", item.id)?,
            None => writeln!(out, "{pad}  - {fid}/{}", item.id)?,
        }
        for line in text.lines() {
            writeln!(out, "{pad}      {line}")?;
        }
        if let Some(g) = &item.guidance {
            writeln!(out, "{pad}      Evidenced by: {g}")?;
        }
        if !item.codes.is_empty() {
            writeln!(out, "{pad}      Codes: {}", item.codes.join(", "))?;
        }
    }
    writeln!(out)?;
    for c in &s.sections {
        section(set, fid, c, depth + 1, out)?;
    }
    Ok(())
}
