//! The integration tests, one binary: each module tests one side of minsheng through the
//! built binary or the library. `common` holds the fixture site and its shared build.

mod common;

mod atlas;
mod build;
mod contexts;
mod editor;
mod errors;
mod extract;
mod extract_quality;
mod import;
mod incremental;
mod links;
mod paging;
mod review;
mod safety;
mod search;
mod serve;
mod untrusted;
