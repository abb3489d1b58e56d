use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use mentorlog::cli::{Cli, Context};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // No command at a terminal opens the full-screen journal; piped, it prints the status.
    if cli.command.is_none() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return match Context::locate(&cli).and_then(|(store, today)| {
            // The account's name is what a new journal is kept under until `init --name`.
            let owner = std::env::var("USER").unwrap_or_default();
            mentorlog::tui::run(store, today, cli.review, !cli.no_mouse, owner)
        }) {
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
