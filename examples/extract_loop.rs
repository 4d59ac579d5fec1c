//! Extracts the metrics of a text file `N` times: `cargo run --release --example extract_loop
//! FILE N`. With an instruction counter (valgrind's callgrind), the difference between two
//! values of N is the cost of extraction alone, without the one-time dictionary loads.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: extract_loop FILE N");
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).expect("a UTF-8 text file");
    let glossary = minsheng::analyze::glossary::Glossary::new(&Default::default());
    let file = std::path::Path::new("report.txt");
    let found: usize = (0..times)
        .map(|_| minsheng::analyze::file_metrics(file, &text, &glossary).len())
        .sum();
    println!("{found} metrics");
}
