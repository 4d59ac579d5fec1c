fn main() {
    let text = std::env::args().nth(1).unwrap();
    let blocks = minsheng::analyze::text::raw_blocks(&text);
    let g = minsheng::analyze::glossary::Glossary::new(&Default::default());
    for m in minsheng::analyze::metrics::extract(&text, &blocks, &g) {
        println!(
            "{} | {} {} {:?} | subj={} en={} | {:?} {:?} {:?}",
            m.text,
            m.value,
            m.unit,
            m.qualifier,
            m.subject,
            m.subject_en,
            m.domain,
            m.kind,
            m.period
        );
    }
}
