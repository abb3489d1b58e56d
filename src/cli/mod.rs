//! The command line (DESIGN.md section 8). Each command reads the journal through the core's
//! reader, changes it only through the core's operations, and prints for people or, with
//! `--json`, for scripts.

mod action_cmd;
mod args;
mod context;
mod demo_cmd;
mod export_cmd;
mod framework_cmd;
mod goal;
mod import_cmd;
mod log;
mod member_cmd;
mod mentee_cmd;
pub mod out;
mod partner;
mod search_cmd;
mod sign_cmd;
mod status;
mod sync_cmd;
mod tick;
mod trash_cmd;

use std::io::Write;

pub use args::{Cli, CohortArgs, Command, ServeArgs};
pub use context::{Context, op, report_outcome};

/// What a command prints: text for people, JSON for scripts, or the bytes of a file.
fn shape(cmd: Option<&Command>) -> out::Shape {
    use out::Shape;
    let json = |yes: bool| if yes { Shape::Json } else { Shape::Human };
    match cmd {
        Some(Command::Export(a)) if a.output.is_none() => Shape::Data,
        Some(Command::Cohort(a))
            if matches!(
                a.format,
                Some(args::CohortFormat::Csv | args::CohortFormat::Html)
            ) =>
        {
            Shape::Data
        }
        Some(Command::Cohort(a)) if a.format == Some(args::CohortFormat::Json) => Shape::Json,
        Some(Command::Completions { .. } | Command::Man) => Shape::Data,
        Some(Command::Status(a)) => json(a.json),
        Some(Command::Search(a)) => json(a.json),
        Some(Command::Partner(args::PartnerCmd::List { json: j })) => json(*j),
        Some(Command::Goal(args::GoalCmd::List { json: j, .. })) => json(*j),
        Some(Command::Action(args::ActionCmd::List { json: j, .. })) => json(*j),
        Some(Command::Member(args::MemberCmd::List { json: j })) => json(*j),
        Some(Command::Framework(
            args::FrameworkCmd::List { json: j } | args::FrameworkCmd::Show { json: j, .. },
        )) => json(*j),
        Some(Command::Trash {
            cmd: Some(args::TrashCmd::List { json: j }),
        }) => json(*j),
        _ => Shape::Human,
    }
}

/// Run a parsed command line, printing to `out` (a terminal when `terminal`). Errors come
/// back with a message that says what to do. Everything printed is made safe for a terminal
/// ([`out`]): text for people is cleaned of control characters, JSON has them escaped, and
/// the bytes of an export are passed as they are unless they go to a terminal.
pub fn run(cli: Cli, out: &mut dyn Write, terminal: bool) -> anyhow::Result<()> {
    let shape = match shape(cli.command.as_ref()) {
        out::Shape::Data if terminal => out::Shape::Human,
        s => s,
    };
    let mut safe = out::Safe::new(out, shape);
    let result = run_command(cli, &mut safe);
    let flushed = safe.flush();
    result?;
    Ok(flushed?)
}

/// What a command that only reads has finished with, left for the end of the process to
/// give back: freeing a whole journal's records one by one took longer than searching them.
pub(crate) fn leave<T>(done_with: T) {
    std::mem::forget(done_with);
}

fn run_command(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    let ctx = || Context::open(&cli);
    match &cli.command {
        None => {
            let ctx = Context::open_summaries(&cli)?;
            let done = status::welcome_or_status(&ctx, out);
            leave(ctx);
            done
        }
        Some(Command::Init(a)) => partner::init(&mut ctx()?, a, out),
        Some(Command::Partner(a)) => partner::run(&mut ctx()?, a, out),
        Some(Command::Log(a)) => log::run(&mut Context::open_for(&cli, &a.with)?, a, out),
        Some(Command::Goal(a)) => {
            let with = match a {
                args::GoalCmd::Add(x) => &x.with,
                args::GoalCmd::List { with, .. } | args::GoalCmd::Comment { with, .. } => with,
            };
            goal::run(&mut Context::open_for(&cli, with)?, a, out)
        }
        Some(Command::Member(a)) => member_cmd::run(&mut ctx()?, a, out),
        Some(Command::Action(a)) => {
            let with = match a {
                args::ActionCmd::List { with, .. } | args::ActionCmd::Done { with, .. } => with,
            };
            action_cmd::run(&mut Context::open_for(&cli, with)?, a, out)
        }
        Some(Command::Tick(a)) => tick::run(&mut Context::open_for(&cli, &a.with)?, a, out),
        Some(Command::Agree(a)) => {
            mentee_cmd::agree(&mut Context::open_for(&cli, &a.with)?, a, out)
        }
        Some(Command::Sign(a)) => sign_cmd::sign(&mut Context::open_for(&cli, &a.with)?, a, out),
        Some(Command::Verify(a)) => match (&a.file, &a.with) {
            (Some(file), None) => sign_cmd::verify_file(file, out),
            (_, Some(with)) => sign_cmd::verify(&Context::open_for(&cli, with)?, a, out),
            (None, None) => anyhow::bail!(
                "say what to check: `verify FILE` (a badge), or `verify --with PARTNER` (its sign-offs)"
            ),
        },
        Some(Command::Prepare(a)) => {
            mentee_cmd::prepare(&mut Context::open_for(&cli, &a.with)?, a, out)
        }
        Some(Command::Status(a)) => match &a.with {
            Some(with) => status::run(&Context::open_for(&cli, with)?, a, out),
            None => {
                let ctx = Context::open_summaries(&cli)?;
                let done = status::run(&ctx, a, out);
                leave(ctx);
                done
            }
        },
        Some(Command::Search(a)) => {
            let mut ctx = Context::open_search(&cli)?;
            let done = search_cmd::run(&mut ctx, a, out);
            leave(ctx);
            done
        }
        Some(Command::Import(a)) => {
            let args::ImportCmd::Jrnl { with, .. } = a;
            import_cmd::run(&mut Context::open_for(&cli, with)?, a, out)
        }
        Some(Command::Framework(a)) => framework_cmd::run(&ctx()?, a, out),
        Some(Command::Demo(a)) => demo_cmd::run(&mut ctx()?, a, out),
        Some(Command::Export(a)) => match (&a.with, a.what) {
            (None, args::ExportKind::Bundle) => export_cmd::bundle(&ctx()?, a, out),
            (Some(w), args::ExportKind::Bundle) => {
                export_cmd::bundle(&Context::open_for(&cli, w)?, a, out)
            }
            (Some(w), _) => export_cmd::run(&Context::open_for(&cli, w)?, a, out),
            (None, _) => anyhow::bail!(
                "say which partnership: `mentorlog export {} --with NAME` (`mentorlog partner list` shows them)",
                clap::ValueEnum::to_possible_value(&a.what)
                    .map_or(String::new(), |v| v.get_name().to_string())
            ),
        },
        Some(Command::Trash { cmd }) => trash_cmd::run(&mut ctx()?, cmd.as_ref(), out),
        Some(Command::Sync { cmd: None }) => sync_cmd::sync(&ctx()?, out),
        Some(Command::Sync {
            cmd: Some(args::SyncCmd::Init { remote }),
        }) => sync_cmd::init(&cli, remote.as_deref(), out),
        // Run by git inside a sync that holds the journal's lock: it opens no journal.
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            name,
        }) => sync_cmd::merge_driver(base, ours, theirs, name, out),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Generate into memory: clap_complete panics on a write error such as a closed pipe.
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "mentorlog", &mut buf);
            out.write_all(&buf)?;
            Ok(())
        }
        Some(Command::Cohort(a)) if a.issue.is_some() => cohort_issue(&cli, a, out),
        Some(Command::Cohort(a)) => {
            let (rows, problems) = cohort_rows(&cli, a)?;
            for p in &problems {
                crate::say_err!("note: {p}");
            }
            let text = match a.format.unwrap_or(args::CohortFormat::Text) {
                args::CohortFormat::Text => crate::cohort::text(&rows),
                args::CohortFormat::Csv => crate::cohort::csv(&rows),
                args::CohortFormat::Html => crate::cohort::html(&rows),
                args::CohortFormat::Json => serde_json::to_string_pretty(&rows)? + "\n",
            };
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        // The server is its own front end, above the CLI (main starts it).
        Some(Command::Serve(_)) => {
            anyhow::bail!("`mentorlog serve` runs from the mentorlog program")
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(out)?;
            Ok(())
        }
    }
}

/// The bundles `a` names, how to read them, and what could not be read, to say.
fn cohort_bundles(
    cli: &Cli,
    a: &CohortArgs,
) -> anyhow::Result<(
    Vec<crate::cohort::Bundle>,
    crate::cohort::Options,
    Vec<String>,
)> {
    let files = crate::cohort::files(&a.paths).map_err(|e| anyhow::anyhow!(e))?;
    let mut bundles = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        match crate::cohort::read(f) {
            Ok(b) => bundles.push(b),
            Err(e) => problems.push(e),
        }
    }
    if bundles.is_empty() {
        anyhow::bail!(
            "no bundle could be read{}: each mentor makes one with `mentorlog export bundle -o FILE`",
            problems
                .first()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default()
        );
    }
    let now = crate::model::clock::today();
    let today = match &cli.today {
        Some(t) => crate::model::parse_date(t, now)?,
        None => now,
    };
    let pinned = match &a.allowed {
        Some(f) => Some(crate::cohort::pinned_keys(
            &std::fs::read_to_string(f)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", f.display()))?,
        )),
        None => None,
    };
    let o = crate::cohort::Options {
        max_age_days: Some(a.max_age),
        pinned,
        today: Some(today),
    };
    Ok((bundles, o, problems))
}

/// The cohort's rows from the bundles `a` names (and what could not be read, to say).
pub fn cohort_rows(
    cli: &Cli,
    a: &CohortArgs,
) -> anyhow::Result<(Vec<crate::cohort::Row>, Vec<String>)> {
    let (bundles, o, problems) = cohort_bundles(cli, a)?;
    let mut rows = crate::cohort::rows(&bundles, &o);
    if let Some(s) = &a.scheme {
        rows.retain(|r| r.scheme.starts_with(s.as_str()));
    }
    if a.not_ready {
        rows.retain(|r| !r.ready);
    }
    Ok((rows, problems))
}

/// `cohort --issue DIR`: as the coordinator, a badge for every mentor who is ready.
fn cohort_issue(cli: &Cli, a: &CohortArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (Some(dir), Some(key_file), Some(name), Some(list)) =
        (&a.issue, &a.issuer_key, &a.issuer_name, &a.recipients)
    else {
        anyhow::bail!("issuing needs --issuer-key FILE, --issuer-name NAME and --recipients FILE");
    };
    if name.trim().is_empty() {
        anyhow::bail!("--issuer-name is empty: give the coordinator's or awarding body's name");
    }
    let emails = crate::cohort::issue::recipients(
        &std::fs::read_to_string(list)
            .map_err(|e| anyhow::anyhow!("reading {}: {e}", list.display()))?,
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", list.display()))?;
    let key = export_cmd::read_issuer_key(key_file)?;
    let (bundles, o, problems) = cohort_bundles(cli, a)?;
    for p in &problems {
        crate::say_err!("note: {p}");
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("making {}: {e}", dir.display()))?;
    let now = match (&cli.today, o.today) {
        (Some(_), Some(d)) => d.and_time(chrono::NaiveTime::MIN).and_utc(),
        _ => crate::model::clock::now_utc(),
    };
    let set = crate::framework::FrameworkSet::bundled();
    let issuer = crate::cohort::issue::Issuer {
        name: name.trim(),
        key: &key,
    };
    let done = crate::cohort::issue::issue_ready(
        &bundles,
        &o,
        &set,
        a.scheme.as_deref(),
        &emails,
        &issuer,
        now,
        dir,
    );
    let issued = done
        .iter()
        .filter(|d| matches!(d.outcome, crate::cohort::issue::Outcome::Issued(_)))
        .count();
    for d in &done {
        writeln!(out, "{}", d.line())?;
    }
    writeln!(
        out,
        "{issued} badge{} issued into {}; `mentorlog verify FILE` checks one.",
        if issued == 1 { "" } else { "s" },
        dir.display()
    )?;
    if done.is_empty() {
        writeln!(
            out,
            "No partnership is ready yet: `mentorlog cohort {}` shows what is missing.",
            a.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        )?;
    }
    Ok(())
}
