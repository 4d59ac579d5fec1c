//! The code's own layout, checked: no source file over 600 lines, and no two modules that
//! import each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use walkdir::WalkDir;

const MAX_LINES: usize = 600;

/// Every source file of the crate: its module path (`site::pages`) and its text.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    for entry in WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("inside src");
        let mut parts: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(path).expect("read source");
        found.insert(parts.join("::"), text);
    }
    found
}

/// The modules `text` (the source of `module`) names by `crate::…` or `super::…` paths,
/// outside its unit tests: the longest known module each path starts with.
fn imports(module: &str, text: &str, known: &BTreeSet<&str>) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = BTreeSet::new();
    for (at, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let path: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut base: Vec<&str> = Vec::new();
        if segments.first() == Some(&"super") {
            base = module.split("::").filter(|s| !s.is_empty()).collect();
            while segments.first() == Some(&"super") {
                base.pop();
                segments.remove(0);
            }
        } else {
            segments.remove(0);
        }
        let longest = (0..=segments.len())
            .rev()
            .map(|n| [base.as_slice(), &segments[..n]].concat().join("::"))
            .find(|m| known.contains(m.as_str()));
        // A module's own items and its parent's or children's are not an import between two.
        if let Some(target) = longest.filter(|t| {
            !t.is_empty()
                && t != module
                && !module.starts_with(&format!("{t}::"))
                && !t.starts_with(&format!("{module}::"))
        }) {
            found.insert(target);
        }
    }
    found
}

/// A chain of imports from `from` back to itself, if there is one.
fn circle(from: &str, graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_string(), vec![from.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((module, path)) = stack.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if next == from {
                return Some([path.clone(), vec![from.to_string()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_source_file_is_over_600_lines() {
    for (module, text) in modules() {
        let lines = text.lines().count();
        assert!(
            lines <= MAX_LINES,
            "{module}: {lines} lines; split it along its seams"
        );
    }
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The imports between modules seen from `depth` levels down: `analyze::glossary` counts as
/// `analyze` at depth 1, so that `content` naming it and `analyze` naming `content` is a
/// circle. Imports between a module and its own parent or children are not counted.
fn collapsed(graph: &Graph, depth: usize) -> Graph {
    let cut = |m: &str| m.split("::").take(depth).collect::<Vec<_>>().join("::");
    let related = |a: &str, b: &str| {
        a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
    };
    let mut out = Graph::new();
    for (from, targets) in graph {
        for to in targets {
            let (from, to) = (cut(from), cut(to));
            if !related(&from, &to) {
                out.entry(from).or_default().insert(to);
            }
        }
    }
    out
}

fn graph_of(sources: &[(&str, &str)]) -> Graph {
    let known: BTreeSet<&str> = sources.iter().map(|(m, _)| *m).collect();
    sources
        .iter()
        .map(|(m, text)| (m.to_string(), imports(m, text, &known)))
        .collect()
}

/// The first import circle at any depth, as its chain of modules.
fn first_circle(graph: &Graph) -> Option<Vec<String>> {
    (1..=4).find_map(|depth| {
        let view = collapsed(graph, depth);
        view.keys().find_map(|m| circle(m, &view))
    })
}

#[test]
fn no_two_modules_import_each_other() {
    let modules = modules();
    let sources: Vec<(&str, &str)> = modules
        .iter()
        .map(|(m, t)| (m.as_str(), t.as_str()))
        .collect();
    if let Some(chain) = first_circle(&graph_of(&sources)) {
        panic!("import circle: {}", chain.join(" -> "));
    }
}

#[test]
fn a_circle_is_found_when_there_is_one() {
    // A child using its parent, and a module using another's child, are no circle.
    let fine = graph_of(&[
        ("a", "use crate::b::Thing;"),
        ("a::c", "use super::Parent;"),
        ("b", ""),
        ("b::d", "use crate::b::Other;"),
    ]);
    assert_eq!(first_circle(&fine), None);
    // `b` naming a child of `a` while `a` names `b` is a circle of `a` and `b`.
    let knot = graph_of(&[
        ("a", "use crate::b::Thing;"),
        ("a::c", ""),
        ("b", "fn f() { crate::a::c::g() }"),
    ]);
    assert_eq!(
        first_circle(&knot),
        Some(vec!["a".to_string(), "b".into(), "a".into()])
    );
}
