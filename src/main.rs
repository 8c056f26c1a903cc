//! The `igokg` binary: parse, dispatch, report.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // SPARQL parsing and evaluation recurse once per nesting level: run on a thread whose
    // stack has room for every query that passes `igokg::sparql_guard::check`.
    let worker = std::thread::Builder::new().name("igokg".into()).stack_size(igokg::sparql_guard::STACK_SIZE).spawn(move || cli.run());
    let result = match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => Err(anyhow::anyhow!("cannot start the work thread: {e}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `igokg export | head` closes the pipe: stop quietly.
            if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
                return ExitCode::SUCCESS;
            }
            eprintln!("igokg: error: {e:#}");
            // Some documents of a corpus could not be read; the others were done.
            if e.downcast_ref::<cli::extract::SomeFailed>().is_some() {
                return ExitCode::from(2);
            }
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        crate::cli::Cli::command().debug_assert();
    }
}
