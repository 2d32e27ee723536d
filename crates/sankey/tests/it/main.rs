//! Sankey layout properties: widths add up, nothing is NaN, the order is deterministic, crossings are few.

use plant_sankey::{Link, Options, crossings, layout, ribbon_curve};

fn l(source: usize, target: usize, value: f64) -> Link {
    Link { source, target, value }
}

/// Grid → substation → three drives, coal → kiln; kiln → clinker + losses; drives → unmetered losses.
fn plant() -> (usize, Vec<Link>) {
    let links = vec![
        l(0, 2, 25.0),  // grid → substation
        l(2, 3, 9.0),   // → raw mill
        l(2, 4, 6.0),   // → kiln line
        l(2, 5, 8.0),   // → cement mills
        l(2, 9, 2.0),   // → unmetered
        l(1, 4, 185.0), // coal → kiln line
        l(3, 6, 9.0),   // raw mill → product (raw meal)
        l(4, 7, 100.0), // kiln line → clinker
        l(4, 8, 91.0),  // → losses
        l(5, 10, 8.0),  // cement mills → cement
    ];
    (11, links)
}

#[test]
fn widths_add_up_at_every_node_and_nothing_is_nan() {
    let (n, links) = plant();
    let lay = layout(n, &links, &Options::default());
    for (i, node) in lay.nodes.iter().enumerate() {
        assert!(node.y0.is_finite() && node.y1.is_finite() && node.x.is_finite(), "node {i}");
        assert!(node.y0 >= -1e-12 && node.y1 <= 1.0 + 1e-12, "node {i} inside the box: {node:?}");
        let out: f64 = lay.ribbons.iter().filter(|r| links[r.link].source == i).map(|r| r.width).sum();
        let inn: f64 = lay.ribbons.iter().filter(|r| links[r.link].target == i).map(|r| r.width).sum();
        let h = node.y1 - node.y0;
        assert!((h - out.max(inn)).abs() < 1e-9, "node {i}: height {h}, in {inn}, out {out}");
    }
    for r in &lay.ribbons {
        assert!((r.width - links[r.link].value * lay.scale).abs() < 1e-12, "width is value × scale");
        assert!(r.y_source.is_finite() && r.y_target.is_finite());
    }
    assert!(ribbon_curve(&lay.ribbons[0], 16).iter().all(|(x, y)| x.is_finite() && y.is_finite()));
}

#[test]
fn sinks_line_up_on_the_right_and_sources_on_the_left() {
    let (n, links) = plant();
    let lay = layout(n, &links, &Options::default());
    let last = lay.layers - 1;
    for sink in [6, 7, 8, 9, 10] {
        assert_eq!(lay.nodes[sink].layer, last, "sink {sink}");
    }
    assert_eq!(lay.nodes[0].layer, 0);
    assert_eq!(lay.nodes[1].layer, 0);
}

#[test]
fn the_layout_is_deterministic_with_ties_and_across_threads() {
    // Ties everywhere (equal values, equal barycentres) are where a hash-map order or an unstable sort
    // would show: every thread (each with its own hash seeds) must give the same layout.
    let (n, mut links) = plant();
    links.extend([l(0, 11, 2.0), l(0, 12, 2.0), l(1, 11, 2.0), l(1, 12, 2.0)]);
    let n = n + 2;
    let reference = layout(n, &links, &Options::default());
    let others: Vec<_> = (0..8)
        .map(|_| {
            let links = links.clone();
            std::thread::spawn(move || {
                let _noise: std::collections::HashMap<u64, u64> = (0..64).map(|i| (i, i)).collect();
                layout(n, &links, &Options::default())
            })
        })
        .collect();
    for t in others {
        assert_eq!(t.join().expect("layout thread"), reference);
    }
    // And the tie is broken by input order, not by chance: 11 above 12 in their layer.
    assert!(reference.nodes[11].y0 < reference.nodes[12].y0, "{:?} {:?}", reference.nodes[11], reference.nodes[12]);
}

#[test]
fn barycentre_ordering_removes_avoidable_crossings() {
    // Two sources feeding two sinks "crosswise" in input order: a → y, b → x, where x is listed before y.
    let links = vec![l(0, 3, 5.0), l(1, 2, 5.0), l(0, 4, 1.0)];
    let lay = layout(5, &links, &Options::default());
    assert_eq!(crossings(&lay, &links), 0, "{lay:?}");
    let naive = layout(5, &links, &Options { iterations: 0, ..Options::default() });
    assert!(crossings(&naive, &links) > 0, "the input order alone crosses");
}

#[test]
fn cycles_bad_values_and_empty_input_do_not_break_it() {
    let links = vec![l(0, 1, 3.0), l(1, 2, 2.0), l(2, 1, 1.0), l(0, 7, 1.0), l(1, 1, 4.0), l(0, 2, f64::NAN), l(0, 2, -1.0)];
    let lay = layout(3, &links, &Options::default());
    assert!(lay.nodes.iter().all(|n| n.y0.is_finite() && n.y1.is_finite()));
    assert_eq!(lay.ribbons[3].width, 0.0, "end outside the node range");
    assert_eq!(lay.ribbons[4].width, 0.0, "self link");
    assert_eq!(lay.ribbons[5].width, 0.0, "NaN");
    assert_eq!(lay.ribbons[6].width, 0.0, "negative");
    let empty = layout(0, &[], &Options::default());
    assert!(empty.nodes.is_empty() && empty.ribbons.is_empty());
    let zero = layout(2, &[l(0, 1, 0.0)], &Options::default());
    assert!(zero.nodes.iter().all(|n| n.y0.is_finite() && n.y1.is_finite()));
}
