//! Prints how jieba segments and tags each argument (`cargo run --release --example tag --
//! "新建学校17所"`): the tags the subject rules read (v, vn, n, ns, m…), for checking a rule
//! against a phrase before writing it.
fn main() {
    for s in std::env::args().skip(1) {
        let tags = minsheng::analyze::segment::jieba().tag(&s, false);
        println!(
            "{}",
            tags.iter()
                .map(|t| format!("{}/{}", t.word, t.tag))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
