use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use mentorlog::cli::{Cli, Context};

fn main() -> ExitCode {
    // Parsed beside whatever the command reads first.
    mentorlog::framework::FrameworkSet::parse_bundled_early();
    let cli = Cli::parse();
    let at_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    // A session as a member is the full-screen journal only: never a command, never the
    // owner's status printed to a pipe.
    if cli.as_member.is_some() && (cli.command.is_some() || !at_terminal) {
        mentorlog::say_err!(
            "error: --as opens the full-screen journal for a member, at a terminal, and \
             nothing else (for ssh, give the forced command `pty`)"
        );
        return ExitCode::FAILURE;
    }
    // No command at a terminal opens the full-screen journal; piped, it prints the status.
    if cli.command.is_none() && at_terminal {
        return match Context::locate(&cli).and_then(|(store, today)| {
            // The account's name is what a new journal is kept under until `init --name`.
            let owner = std::env::var("USER").unwrap_or_default();
            mentorlog::tui::run(
                store,
                today,
                cli.review,
                !cli.no_mouse,
                owner,
                cli.as_member.clone(),
            )
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                mentorlog::say_err!("error: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if let Some(mentorlog::cli::Command::Serve(a)) = &cli.command {
        return serve(&cli, a);
    }
    // The cohort at a terminal is a full screen of its own.
    if let Some(mentorlog::cli::Command::Cohort(a)) = &cli.command
        && a.format.is_none()
        && a.issue.is_none()
        && at_terminal
    {
        let shown = mentorlog::cli::cohort_rows(&cli, a)
            .and_then(|(rows, _)| mentorlog::cohort::screen::run(rows));
        return match shown {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                mentorlog::say_err!("error: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    match mentorlog::cli::run(cli, &mut out, terminal) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            // A closed pipe (`mentorlog status | head`) is not an error worth reporting.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            // Errors name partners and files: cleaned like everything printed.
            mentorlog::say_err!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `mentorlog serve`: the journal over SSH, in the foreground until Ctrl-C.
fn serve(cli: &Cli, a: &mentorlog::cli::ServeArgs) -> ExitCode {
    let run = || -> anyhow::Result<()> {
        let (store, today) = Context::locate(cli)?;
        let opts = mentorlog::serve::Options {
            listen: a.listen.clone(),
            max_connections: a.max_connections.max(1),
            idle: std::time::Duration::from_secs(
                a.idle_seconds.unwrap_or(a.idle_minutes.max(1) * 60).max(1),
            ),
            today: cli.today.as_ref().map(|_| today),
        };
        let owner = std::env::var("USER").unwrap_or_default();
        mentorlog::serve::run(store, owner, opts, &mut std::io::stdout())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            mentorlog::say_err!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
