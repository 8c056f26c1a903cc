//! `igokg push`: send the store's graphs to a SPARQL server.

use super::StorePath;
use anyhow::{anyhow, Result};
use igokg::remote::{self, Client, Protocol, PushPlan};
use std::io::IsTerminal;

/// Connection to a SPARQL server, shared by `push`, `query` and the conveniences.
#[derive(Debug, Clone, clap::Args)]
pub struct Remote {
    /// A SPARQL server instead of the local store: its query endpoint for `query` and the
    /// conveniences (e.g. http://127.0.0.1:8890/sparql), its Graph Store or Update endpoint for
    /// `push`
    #[arg(long, env = "IGOKG_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,
    /// User name for HTTP basic or digest authentication (answered as the server asks)
    #[arg(long, requires = "endpoint")]
    pub user: Option<String>,
    /// Password for --user
    #[arg(long, env = "IGOKG_PASSWORD", hide_env_values = true, requires = "user")]
    pub password: Option<String>,
    /// Bearer token (e.g. for `igokg serve --allow-update`)
    #[arg(long, env = "IGOKG_TOKEN", hide_env_values = true, conflicts_with = "user")]
    pub token: Option<String>,
    /// Seconds before a request is abandoned
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    pub http_timeout: u64,
}

impl Remote {
    /// The client, when an endpoint is given; the URL is checked first.
    pub fn client(&self) -> Result<Option<(Client, String)>> {
        let Some(url) = &self.endpoint else { return Ok(None) };
        check_url(url)?;
        let creds = remote::Credentials { user: self.user.clone(), password: self.password.clone(), token: self.token.clone() };
        Ok(Some((Client::new(creds, std::time::Duration::from_secs(self.http_timeout.max(1))), url.clone())))
    }
}

fn check_url(url: &str) -> Result<()> {
    let ok = (url.starts_with("http://") || url.starts_with("https://")) && url.len() > 8 && !url.chars().any(char::is_whitespace);
    if !ok {
        return Err(anyhow!("--endpoint {url:?}: give an http:// or https:// URL, e.g. http://127.0.0.1:7878/sparql"));
    }
    Ok(())
}

/// Send the store's named graphs (and the default graph, which holds the sources' metadata) to
/// a SPARQL server, streamed from the store in batches. With the Graph Store Protocol the
/// first batch of each graph replaces it on the server (PUT) and the next ones merge (POST);
/// with SPARQL Update the graph is dropped, then filled by INSERT DATA batches. Before sending
/// anything, push asks the server whether it takes what will be sent (its credentials, and a
/// default graph for the Graph Store Protocol: Virtuoso's has none, use --default-graph-to);
/// a refusal sends nothing. Transient failures are retried; any other failure stops with a
/// non-zero exit and says which graphs the server holds in full and which one is incomplete.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igokg push --endpoint http://127.0.0.1:7878/store --all --token \"$IGOKG_TOKEN\"
  igokg push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba --all \\
      --default-graph-to https://w3id.org/igokg/graph/sources
  igokg push --endpoint http://127.0.0.1:7879/update --protocol update --graph https://w3id.org/igokg/graph/…")]
pub struct Args {
    /// One graph to send (an IRI, or `default`)
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    pub graph: Option<String>,
    /// Every graph of the store
    #[arg(long)]
    pub all: bool,
    /// gsp: SPARQL 1.1 Graph Store HTTP Protocol; update: SPARQL 1.1 Update
    #[arg(long, value_enum, default_value = "gsp")]
    pub protocol: Protocol,
    /// Send the store's default graph (the sources' metadata) to this named graph on the server
    #[arg(long, value_name = "IRI")]
    pub default_graph_to: Option<String>,
    /// Triples per request
    #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub batch: u64,
    #[command(flatten)]
    pub remote: Remote,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    let Some((client, endpoint)) = args.remote.client()? else {
        return Err(anyhow!("push needs --endpoint URL (the server's Graph Store or Update endpoint)"));
    };
    let graph = store.open_for_read()?;
    let st = graph.store();
    let graphs = match &args.graph {
        Some(g) => {
            let g = remote::parse_graph(g).map_err(|e| anyhow!("--graph: {e}"))?;
            if let oxigraph::model::GraphName::NamedNode(n) = &g {
                if !st.inner().contains_named_graph(n)? {
                    return Err(anyhow!("--graph {n}: the store has no such graph (see `igokg stats`)"));
                }
            }
            vec![g]
        }
        None => remote::all_graphs(st)?,
    };
    let default_to =
        match args.default_graph_to.as_deref().map(remote::parse_graph).transpose().map_err(|e| anyhow!("--default-graph-to: {e}"))? {
            Some(oxigraph::model::GraphName::NamedNode(n)) => Some(n),
            Some(_) => return Err(anyhow!("--default-graph-to: give the IRI of a named graph")),
            None => None,
        };
    let plan = PushPlan { endpoint, protocol: args.protocol, graphs, batch: usize::try_from(args.batch).unwrap_or(50_000), default_to };
    let bar = if std::io::stderr().is_terminal() { indicatif::ProgressBar::new_spinner() } else { indicatif::ProgressBar::hidden() };
    let b = bar.clone();
    let result = client.push(st, &plan, &mut |e| b.set_message(format!("{}: {} sent", e.graph, super::plural(e.sent, "triple"))));
    bar.finish_and_clear();
    match result {
        Ok(s) => {
            eprintln!(
                "pushed {} graph(s), {} in {} request(s) to {} in {:.1} s ({:.0} triples/s)",
                s.graphs.len(),
                super::plural(s.triples, "triple"),
                s.requests,
                plan.endpoint,
                s.seconds,
                s.triples as f64 / s.seconds.max(1e-9)
            );
            Ok(())
        }
        Err(f) => {
            if !f.before_sending {
                eprintln!("push failed; the server holds a partial copy:");
                for (g, n) in &f.summary.graphs {
                    eprintln!("  sent in full: {} ({})", remote::graph_label(g), super::plural(*n, "triple"));
                }
                eprintln!("  incomplete: {} ({} accepted)", remote::graph_label(&f.graph), super::plural(f.sent, "triple"));
            }
            Err(anyhow!("{f}"))
        }
    }
}
