//! `export`: a partnership as a portfolio (Markdown or HTML), CSV, iCalendar, JSON or an Open
//! Badges credential; to standard output, or with `-o FILE` to a private file written atomically.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::args::{CsvTableArg, ExportArgs, ExportKind, PortfolioFormatArg};
use super::{Context, op};
use crate::export::{self, CsvOptions, Export, PortfolioFormat, Table};
use crate::journal::{Audience, Partner};
use crate::store::{StoreError, atomic_write};

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

/// Who an export is for. An export leaves the owner's screen (a portfolio for a panel, a
/// calendar shared with a mentee), so it is made with a reader that does not see private
/// records unless the owner asks for them with `--include-private`; a badge is shown to others
/// whatever is asked, so it never cites them.
fn audience(ctx: &Context, a: &ExportArgs) -> anyhow::Result<Audience> {
    if !a.include_private {
        return Ok(Audience::Review);
    }
    if ctx.review {
        bail!(
            "--include-private and --review ask for opposite things: leave out --review to put \
             private meetings and reflections in the export"
        );
    }
    if a.what == ExportKind::Badge {
        bail!(
            "a badge is shown to others, so it never cites private meetings or reflections: \
             leave out --include-private"
        );
    }
    Ok(Audience::Owner)
}

pub fn run(ctx: &Context, a: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let reader = ctx.journal.reader(audience(ctx, a)?);
    let p = match reader.find_partner(a.with.as_deref().unwrap_or_default()) {
        Ok(p) => p,
        Err(e) => bail!("{e}"),
    };
    let mut x = Export::new(&reader, p);
    if ctx.pinned_today {
        x.stamp = x.today.and_time(chrono::NaiveTime::MIN).and_utc();
    }
    let (text, what) = match a.what {
        ExportKind::Portfolio => (export::portfolio(&x, format_for(a)), "portfolio"),
        ExportKind::Csv => {
            let table = match a.table {
                CsvTableArg::Goals => Table::Goals,
                CsvTableArg::Meetings => Table::Meetings,
                CsvTableArg::Ticks => Table::Ticks,
            };
            let o = CsvOptions { bom: !a.no_bom };
            (export::csv_with(&x, table, o), "table")
        }
        ExportKind::Ics => (export::ics(&x), "calendar"),
        ExportKind::Json => (export::json(&x), "JSON export"),
        ExportKind::Badge => (issue_badge(ctx, a, &x)?, "badge"),
        ExportKind::Bundle => unreachable!("a bundle is made by `bundle`"),
    };
    match &a.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            // The store's error names the file and says what failed, once.
            let warning = atomic_write(path, text.as_bytes()).map_err(|e| match e {
                StoreError::Io { path, error } => {
                    anyhow::anyhow!("could not write {}: {error}", path.display())
                }
                e => anyhow::anyhow!("{e}"),
            })?;
            if let Some(w) = warning {
                crate::say_err!("warning: {w}");
            }
            writeln!(
                out,
                "Wrote the {what} of {} to {}{}",
                p.name(),
                path.display(),
                left_out(ctx, &p, a)
            )?;
        }
    }
    Ok(())
}

/// What the export left out, in words (nothing when it left nothing out): the records the
/// owner sees that the export's reader did not.
fn left_out(ctx: &Context, p: &Partner, a: &ExportArgs) -> String {
    // A screen in review mode is shown to someone: it does not even count private records.
    if ctx.review {
        return " (review copy: private meetings and reflections left out)".into();
    }
    let owner = ctx.journal.reader(Audience::Owner);
    let Some(all) = owner.partner(p.id()) else {
        return String::new();
    };
    let meetings = all.meetings().len().saturating_sub(p.meetings().len());
    let reflections = all
        .reflections()
        .len()
        .saturating_sub(p.reflections().len());
    let mut parts = Vec::new();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if meetings > 0 {
        parts.push(count(meetings, "private meeting", "private meetings"));
    }
    if reflections > 0 {
        parts.push(count(
            reflections,
            "private reflection",
            "private reflections",
        ));
    }
    if parts.is_empty() {
        return String::new();
    }
    let how = if a.what == ExportKind::Badge {
        ""
    } else {
        "; --include-private puts them in"
    };
    format!(" ({} left out{how})", parts.join(" and "))
}

/// `export bundle`: every partnership (or `--with` one) for a coordinator, no note text,
/// signed with the owner's SSH key.
pub fn bundle(ctx: &Context, a: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // Private records never reach a bundle.
    let reader = ctx.journal.reader(crate::journal::Audience::Review);
    let partners = match &a.with {
        Some(q) => vec![reader.find_partner(q).map_err(|e| anyhow::anyhow!("{e}"))?],
        None => reader.partnerships(),
    };
    if partners.is_empty() {
        bail!("there is no partnership to bundle yet");
    }
    let mut doc = export::bundle::bundle(&reader, &partners, ctx.journal.today());
    let me = ctx.journal.actor();
    let person = ctx.journal.find_person(&me).map_err(super::op)?;
    let key = crate::signing::find_key(a.key.as_deref(), &person.keys).map_err(|e| {
        anyhow::anyhow!(
            "a bundle is signed with your SSH key, so the coordinator can check it: {e}"
        )
    })?;
    let bytes = export::bundle::signed_bytes(&doc);
    let sig = crate::signing::ssh_sign(&bytes, &key).map_err(|e| anyhow::anyhow!(e))?;
    // The public key that signed: the one beside the key file, else the journal's.
    let pubfile = if key.extension().is_some_and(|x| x == "pub") {
        key.clone()
    } else {
        key.with_extension("pub")
    };
    let key_line = std::fs::read_to_string(&pubfile)
        .ok()
        .and_then(|t| t.lines().next().map(str::to_string))
        .or_else(|| person.keys.first().cloned())
        .unwrap_or_default();
    export::bundle::attach_signature(&mut doc, &person.name, &key_line, &sig);
    let text = serde_json::to_string_pretty(&doc)? + "\n";
    match &a.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            atomic_write(path, text.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
            writeln!(
                out,
                "Wrote a bundle of {} partnership(s), signed by {}, to {}",
                partners.len(),
                person.name,
                path.display()
            )?;
        }
    }
    Ok(())
}

/// The badge, issued: refused first when the partnership is not ready (saying what is
/// missing), then unless the issuer, their key and the recipient's email are given.
fn issue_badge(ctx: &Context, a: &ExportArgs, x: &Export) -> anyhow::Result<String> {
    export::badge_ready(x, &a.stage)?;
    let (Some(issuer), Some(key_file), Some(email)) =
        (&a.issuer, &a.issuer_key, &a.recipient_email)
    else {
        bail!(
            "a badge is issued by a coordinator or the awarding body and names its recipient \
             by a salted hash of their email: pass --issuer MEMBER (a coordinator with an \
             Ed25519 key in the journal), --issuer-key FILE (their private ssh-ed25519 key) and \
             --recipient-email EMAIL (yours, {}'s)",
            x.owner_name()
        );
    };
    let email = email.trim();
    if !export::is_email(email) {
        bail!("'{email}' is not an email address: --recipient-email NAME@EXAMPLE.ORG");
    }
    let signing = read_issuer_key(key_file)?;
    let public = signing.verifying_key().to_bytes();
    let who = ctx.journal.badge_issuer(issuer, &public).map_err(op)?;
    let issuance = export::Issuance::new(&who.name, who.key, email, x.stamp)?;
    Ok(export::issue_badge(x, &a.stage, &issuance, &signing)?)
}

/// The Ed25519 signing key in an unencrypted OpenSSH private key file.
pub(super) fn read_issuer_key(path: &Path) -> anyhow::Result<ed25519_dalek::SigningKey> {
    use russh::keys::PrivateKey;
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("could not read the issuer key {}: {e}", path.display()))?;
    let key = PrivateKey::from_openssh(text.trim().as_bytes()).map_err(|_| {
        anyhow::anyhow!(
            "{} is not an OpenSSH private key (the file beside the .pub, starting \
             -----BEGIN OPENSSH PRIVATE KEY-----)",
            path.display()
        )
    })?;
    if key.is_encrypted() {
        bail!(
            "{} is protected by a passphrase: sign with a copy without one (`cp KEY KEY.plain && \
             ssh-keygen -p -N '' -f KEY.plain`, kept private, removed after)",
            path.display()
        );
    }
    let Some(pair) = key.key_data().ed25519() else {
        bail!(
            "{} is a {} key: a badge's proof (eddsa-rdfc-2022) is made with an Ed25519 key \
             (`ssh-keygen -t ed25519`)",
            path.display(),
            key.algorithm()
        );
    };
    Ok(ed25519_dalek::SigningKey::from_bytes(
        &pair.private.to_bytes(),
    ))
}
