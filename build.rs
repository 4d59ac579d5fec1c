// The built-in theme and the files of `minsheng init` are compiled into the binary
// (`src/render/theme_files.rs`, `src/commands/init.rs`); an edit to any of them must rebuild it.
fn main() {
    println!("cargo:rerun-if-changed=themes/atlas");
    println!("cargo:rerun-if-changed=starter");
}
