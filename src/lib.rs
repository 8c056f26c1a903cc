#![doc = include_str!("../README.md")]

pub mod by_index;
pub mod eval;
pub mod export;
pub mod extract;
pub mod format;
#[doc(inline)]
pub use graph::Graph;
pub mod gazetteer;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod network;
pub mod normalize;
pub mod query;
pub mod rdf;
pub mod remote;
pub mod render;
pub mod serve;
pub mod sparql_guard;
pub mod stats;
pub mod store;
pub mod validate;
pub mod vocab;
