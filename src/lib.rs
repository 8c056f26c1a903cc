#![doc = include_str!("../README.md")]

pub mod eval;
pub mod export;
pub mod extract;
pub mod format;
pub mod gazetteer;
pub mod ingest;
pub mod model;
pub mod network;
pub mod normalize;
pub mod query;
pub mod rdf;
pub mod render;
pub mod stats;
pub mod store;
pub mod validate;
pub mod vocab;
