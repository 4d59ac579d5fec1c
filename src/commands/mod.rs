//! The subcommands of the `minsheng` binary, each a function from options to output.

pub mod extract;
pub mod import;
