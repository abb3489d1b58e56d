use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use mentorlog::cli::{Cli, Context};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // No command at a terminal opens the full-screen journal; piped, it prints the status.
    if cli.command.is_none() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return match Context::locate(&cli).and_then(|(store, today)| {
            let app = mentorlog::app::App::open_fast(store, today, cli.review);
            mentorlog::tui::run(app)
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match mentorlog::cli::run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            // A closed pipe (`mentorlog status | head`) is not an error worth reporting.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
