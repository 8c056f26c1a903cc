//! The domain model: facts, entities, partial dates, provenance. No I/O here: no files, no
//! store, no RDF library — the doors and the RDF mapping build on these types.

pub mod code;
pub mod date;
pub mod entity;
pub mod fact;

pub use code::{Position, Role, Status};
pub use date::{DateError, PartialDate};
pub use entity::{is_wikidata_id, slug, Entity, EntityRef, EntityType, Name};
pub use fact::{ArgSpec, ArgType, Code, EventRef, Fact, FactError, FactKind, KindSpec, Method, Provenance, Resolve, Value, KINDS};
