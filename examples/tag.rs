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
