//! The server binary: read the configuration, set up logging, then serve or run one of
//! the maintenance commands. Everything else lives in the library, where tests reach it.

use clap::Parser;
use server::config::Cli;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init(&cli.config);
    match server::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One clear line for the operator; the chain of causes is in the message.
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
