use super::*;

fn doc(title: &str, text: &str) -> SearchDoc<'static> {
    SearchDoc {
        kind: DocKind::Report,
        title: title.into(),
        url: "/r/".into(),
        district: String::new(),
        domain: String::new(),
        text: DocText::Plain(text.into()),
    }
}

#[test]
fn postings_weight_titles_vocabulary_shards_by_first_character() {
    let docs = [
        doc("养老服务", "新增养老床位"),
        doc("学校", "Hospitals and schools"),
    ];
    let files = index_files(&docs, "search/index/").expect("index");
    let file = |path: String| -> serde_json::Value {
        let f = files
            .iter()
            .find(|f| f.path.to_str() == Some(path.as_str()))
            .unwrap_or_else(|| panic!("{path}"));
        serde_json::from_slice(&f.bytes).expect("json")
    };
    let meta = file("search/index/meta.json".into());
    assert_eq!(meta["docs"], 2);
    let vocab = meta["vocab"].as_u64().expect("vocab") as u32;
    let postings = meta["postings"].as_u64().expect("postings") as u32;
    let v = file(format!("search/index/v/{}.json", shard_of("养老", vocab)));
    assert!(v["t"].as_array().expect("terms").contains(&"养老".into()));
    let p = file(format!(
        "search/index/p/{}.json",
        hash_shard("养老", postings)
    ));
    // 养老 is in the title (weight 3) and the text (1) of document 0: BM25's term part
    // for tf 4 at about the average length is 1.5 to 1.9, times 50.
    assert_eq!(p["养老"][0], 0);
    let weight = p["养老"][1].as_u64().expect("weight");
    assert!((76..=95).contains(&weight), "{weight}");
    // Documents are given by the gap from the one before: 学校 is in documents 1 and 3.
    let twice = [
        doc("空", "没有"),
        doc("学校", "学校"),
        doc("空", "没有"),
        doc("学校", "学校"),
    ];
    let files = index_files(&twice, "search/index/").expect("index");
    let p = files
        .iter()
        .find(|f| {
            f.path
                .to_string_lossy()
                .contains(&format!("/p/{}.json", hash_shard("学校", 16)))
        })
        .expect("the shard");
    let p: serde_json::Value = serde_json::from_slice(&p.bytes).expect("json");
    assert_eq!(p["学校"][0], 1);
    assert_eq!(p["学校"][2], 2);
    assert_eq!(
        p["学校"].as_array().map(Vec::len),
        Some(4),
        "gap and weight each"
    );
    let h = file(format!(
        "search/index/v/{}.json",
        shard_of("hospitals", vocab)
    ));
    assert_eq!(h["w"]["hospitals"], "hospit");
    assert_eq!(hash_shard("养老", 1 << 20), hash_shard("养老", 1 << 20));
}

#[test]
fn long_documents_first_are_spread_over_several_runs() {
    let docs: Vec<SearchDoc> = (0..1010)
        .map(|i| doc("", &"字".repeat(if i < 10 { 1000 } else { 2 })))
        .collect();
    // Ten long documents hold five sixths of the text: they fill the first runs.
    let runs = runs_of_equal_text(&docs, 4);
    assert!(runs[0].end <= 5, "{runs:?}");
    assert_eq!(runs.first().map(|r| r.start), Some(0));
    assert_eq!(runs.last().map(|r| r.end), Some(docs.len()));
    assert!(runs.windows(2).all(|w| w[0].end == w[1].start), "{runs:?}");
}

#[test]
fn postings_merged_from_workers_stay_in_document_order() {
    let docs: Vec<SearchDoc> = (0..1500)
        .map(|i| doc("", &format!("Schools {i} 学校")))
        .collect();
    let files = index_files(&docs, "i/").expect("index");
    let meta: serde_json::Value = serde_json::from_slice(
        &files
            .iter()
            .find(|f| f.path.ends_with("meta.json"))
            .expect("meta")
            .bytes,
    )
    .expect("json");
    let shards = meta["postings"].as_u64().expect("postings") as u32;
    let vocab = meta["vocab"].as_u64().expect("vocab") as u32;
    let shard = |term: &str| -> Vec<u64> {
        let path = format!("i/p/{}.json", hash_shard(term, shards));
        let file = files
            .iter()
            .find(|f| f.path.to_str() == Some(&path))
            .expect("shard");
        let postings: serde_json::Value = serde_json::from_slice(&file.bytes).expect("json");
        postings[term]
            .as_array()
            .expect("postings")
            .chunks(2)
            .scan(0, |doc, p| {
                *doc += p[0].as_u64().expect("gap");
                Some(*doc)
            })
            .collect()
    };
    let all: Vec<u64> = (0..1500).collect();
    assert_eq!(shard("学校"), all);
    assert_eq!(shard("school"), all);
    let v = files
        .iter()
        .find(|f| f.path.to_str() == Some(&format!("i/v/{}.json", shard_of("schools", vocab))))
        .expect("vocabulary");
    let v: serde_json::Value = serde_json::from_slice(&v.bytes).expect("json");
    assert_eq!(v["w"]["schools"], "school");
}

#[test]
fn weights_grow_with_the_count_and_shrink_with_the_length() {
    assert_eq!((bm25_part(1, 100) * WEIGHT_SCALE).round(), 50.0);
    assert!(bm25_part(2, 100) > bm25_part(1, 100));
    assert!(bm25_part(1, 200) < bm25_part(1, 100));
    assert!(bm25_part(1000, 100) < K1 + 1.0, "saturates");
}

#[test]
fn fnv_hash_matches_the_browser() {
    // search.js computes the same FNV-1a over UTF-8: 0x811c9dc5 for the empty string.
    assert_eq!(hash_shard("", u32::MAX), 0x811c_9dc5);
    assert_eq!(hash_shard("a", u32::MAX), 0xe40c_292c);
    assert_eq!(hash_shard("养老", u32::MAX), 3_675_546_847);
}
