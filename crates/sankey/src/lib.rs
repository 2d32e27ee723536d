//! Sankey layout in a unit box (x and y in 0..1; the caller scales to pixels).
//!
//! 1. Layers: longest path from the sources; sinks are pushed to the last layer ("justified") so products
//!    and losses line up on the right. Links that would close a cycle are laid out but not used for
//!    layering.
//! 2. Order within a layer: barycentre sweeps (left to right on sources, right to left on targets), ties
//!    broken by input order, so the result is deterministic and has few crossings.
//! 3. Heights: one scale for the whole diagram (the fullest layer fills the height less padding), so a
//!    ribbon's width is its value everywhere and widths add up at every node.
//! 4. Ribbons leave a node ordered by their target's position and enter ordered by their source's, so they
//!    do not cross at the nodes.

/// A link between node indices, with a non-negative value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub source: usize,
    pub target: usize,
    pub value: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeBox {
    pub layer: usize,
    pub x: f64,
    pub y0: f64,
    pub y1: f64,
    /// max(Σ in, Σ out)
    pub value: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ribbon {
    pub link: usize,
    /// Top of the ribbon where it leaves the source and where it enters the target.
    pub y_source: f64,
    pub y_target: f64,
    pub width: f64,
    pub x_source: f64,
    pub x_target: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub ribbons: Vec<Ribbon>,
    pub layers: usize,
    /// Height per unit of value.
    pub scale: f64,
}

/// Layout options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Vertical gap between nodes of a layer, as a fraction of the height.
    pub node_padding: f64,
    /// Width of a node bar, as a fraction of the width.
    pub node_width: f64,
    /// Barycentre sweeps.
    pub iterations: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { node_padding: 0.03, node_width: 0.02, iterations: 8 }
    }
}

/// Lays out `node_count` nodes joined by `links`. Links with a non-finite or negative value, or an end
/// outside the node range, are ignored (their ribbon has width 0).
pub fn layout(node_count: usize, links: &[Link], opts: &Options) -> Layout {
    let ok = |l: &Link| l.source < node_count && l.target < node_count && l.source != l.target && l.value.is_finite() && l.value >= 0.0;
    let usable: Vec<usize> = (0..links.len()).filter(|&i| ok(&links[i])).collect();
    let mut out_adj = vec![Vec::new(); node_count];
    for &i in &usable {
        out_adj[links[i].source].push(i);
    }

    // Acyclic subset for layering: drop links that close a cycle.
    let back = back_links(links, &out_adj);
    let dag: Vec<usize> = usable.iter().copied().filter(|&i| !back[i]).collect();
    let (layer, layers) = layer_nodes(links, &out_adj, &back, &dag);

    // Node values.
    let mut vin = vec![0.0; node_count];
    let mut vout = vec![0.0; node_count];
    for &i in &usable {
        vout[links[i].source] += links[i].value;
        vin[links[i].target] += links[i].value;
    }
    let value: Vec<f64> = (0..node_count).map(|n| vin[n].max(vout[n])).collect();

    let by_layer = order_layers(links, &usable, &layer, layers, opts.iterations);
    let scale = vertical_scale(&by_layer, &value, opts.node_padding);
    let nodes = place_nodes(&by_layer, &value, scale, opts);
    let ribbons = place_ribbons(links, &usable, &nodes, scale, opts.node_width);
    Layout { nodes, ribbons, layers, scale }
}

/// Links that close a cycle: DFS back edges over `out_adj` (link indices by source node), in input order.
fn back_links(links: &[Link], out_adj: &[Vec<usize>]) -> Vec<bool> {
    let node_count = out_adj.len();
    let mut state = vec![0u8; node_count]; // 0 new, 1 on stack, 2 done
    let mut back = vec![false; links.len()];
    for start in 0..node_count {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (n, ref mut k)) = stack.last_mut() {
            if *k < out_adj[n].len() {
                let li = out_adj[n][*k];
                *k += 1;
                let t = links[li].target;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => back[li] = true,
                    _ => {}
                }
            } else {
                state[n] = 2;
                stack.pop();
            }
        }
    }
    back
}

/// Every node's layer, longest path from the sources over the `dag` links (Kahn order), sinks pushed to
/// the last layer; with the number of layers.
fn layer_nodes(links: &[Link], out_adj: &[Vec<usize>], back: &[bool], dag: &[usize]) -> (Vec<usize>, usize) {
    let node_count = out_adj.len();
    let mut indeg = vec![0usize; node_count];
    for &i in dag {
        indeg[links[i].target] += 1;
    }
    let mut layer = vec![0usize; node_count];
    let mut queue: std::collections::VecDeque<usize> = (0..node_count).filter(|&n| indeg[n] == 0).collect();
    while let Some(n) = queue.pop_front() {
        for &i in &out_adj[n] {
            if back[i] {
                continue;
            }
            let t = links[i].target;
            layer[t] = layer[t].max(layer[n] + 1);
            indeg[t] -= 1;
            if indeg[t] == 0 {
                queue.push_back(t);
            }
        }
    }
    let layers = layer.iter().copied().max().map_or(1, |m| m + 1);
    let has_out: Vec<bool> = (0..node_count).map(|n| dag.iter().any(|&i| links[i].source == n)).collect();
    let has_in: Vec<bool> = (0..node_count).map(|n| dag.iter().any(|&i| links[i].target == n)).collect();
    for n in 0..node_count {
        if !has_out[n] && has_in[n] {
            layer[n] = layers - 1;
        }
    }
    (layer, layers)
}

/// The nodes of each layer, top to bottom, ordered by barycentre sweeps.
fn order_layers(links: &[Link], usable: &[usize], layer: &[usize], layers: usize, iterations: usize) -> Vec<Vec<usize>> {
    let node_count = layer.len();
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for n in 0..node_count {
        by_layer[layer[n]].push(n);
    }
    let mut pos = vec![0.0f64; node_count];
    for l in &by_layer {
        for (k, &n) in l.iter().enumerate() {
            pos[n] = k as f64;
        }
    }
    for it in 0..iterations {
        let forward = it % 2 == 0;
        let order: Vec<usize> = if forward { (1..layers).collect() } else { (0..layers.saturating_sub(1)).rev().collect() };
        for l in order {
            let mut keyed: Vec<(f64, usize, usize)> = by_layer[l]
                .iter()
                .enumerate()
                .map(|(k, &n)| {
                    let (mut w, mut s) = (0.0, 0.0);
                    for &i in usable {
                        let (other, this) = if forward { (links[i].source, links[i].target) } else { (links[i].target, links[i].source) };
                        if this == n && layer[other] != l {
                            w += links[i].value;
                            s += links[i].value * pos[other];
                        }
                    }
                    (if w > 0.0 { s / w } else { pos[n] }, k, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            by_layer[l] = keyed.into_iter().map(|(_, _, n)| n).collect();
            for (k, &n) in by_layer[l].iter().enumerate() {
                pos[n] = k as f64;
            }
        }
    }
    by_layer
}

/// One vertical scale for all layers: the fullest layer fills the height less its padding.
fn vertical_scale(by_layer: &[Vec<usize>], value: &[f64], node_padding: f64) -> f64 {
    let scale = by_layer
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let total: f64 = l.iter().map(|&n| value[n]).sum();
            let free = 1.0 - node_padding * (l.len() as f64 - 1.0);
            if total > 0.0 { free.max(0.0) / total } else { f64::INFINITY }
        })
        .fold(f64::INFINITY, f64::min);
    if scale.is_finite() { scale } else { 0.0 }
}

/// Node bars: each layer at its x, its nodes stacked and centred vertically.
fn place_nodes(by_layer: &[Vec<usize>], value: &[f64], scale: f64, opts: &Options) -> Vec<NodeBox> {
    let layers = by_layer.len();
    let mut nodes = vec![NodeBox { layer: 0, x: 0.0, y0: 0.0, y1: 0.0, value: 0.0 }; value.len()];
    let x_of = |l: usize| if layers > 1 { l as f64 / (layers - 1) as f64 * (1.0 - opts.node_width) } else { 0.0 };
    for (l, members) in by_layer.iter().enumerate() {
        let used: f64 = members.iter().map(|&n| value[n] * scale).sum::<f64>() + opts.node_padding * (members.len().max(1) as f64 - 1.0);
        let mut y = ((1.0 - used) / 2.0).max(0.0);
        for &n in members {
            let h = value[n] * scale;
            nodes[n] = NodeBox { layer: l, x: x_of(l), y0: y, y1: y + h, value: value[n] };
            y += h + opts.node_padding;
        }
    }
    nodes
}

/// Ribbons: leave ordered by target position, enter ordered by source position.
fn place_ribbons(links: &[Link], usable: &[usize], nodes: &[NodeBox], scale: f64, node_width: f64) -> Vec<Ribbon> {
    let mut ribbons: Vec<Ribbon> = (0..links.len()).map(|i| Ribbon { link: i, y_source: 0.0, y_target: 0.0, width: 0.0, x_source: 0.0, x_target: 0.0 }).collect();
    let centre = |n: usize| (nodes[n].y0 + nodes[n].y1) / 2.0;
    for (n, node) in nodes.iter().enumerate() {
        let mut outs: Vec<usize> = usable.iter().copied().filter(|&i| links[i].source == n).collect();
        outs.sort_by(|&a, &b| centre(links[a].target).total_cmp(&centre(links[b].target)).then(a.cmp(&b)));
        let mut y = node.y0;
        for i in outs {
            let w = links[i].value * scale;
            ribbons[i].y_source = y;
            ribbons[i].width = w;
            ribbons[i].x_source = node.x + node_width;
            y += w;
        }
        let mut ins: Vec<usize> = usable.iter().copied().filter(|&i| links[i].target == n).collect();
        ins.sort_by(|&a, &b| centre(links[a].source).total_cmp(&centre(links[b].source)).then(a.cmp(&b)));
        let mut y = node.y0;
        for i in ins {
            ribbons[i].y_target = y;
            ribbons[i].x_target = node.x;
            y += links[i].value * scale;
        }
    }
    ribbons
}

/// Number of pairs of ribbons between the same two layers that cross (by their order at both ends).
pub fn crossings(layout: &Layout, links: &[Link]) -> usize {
    let mut n = 0;
    for (a, ra) in layout.ribbons.iter().enumerate() {
        for rb in layout.ribbons.iter().skip(a + 1) {
            let (la, lb) = (&links[ra.link], &links[rb.link]);
            if ra.width <= 0.0 || rb.width <= 0.0 {
                continue;
            }
            let same_span = layout.nodes[la.source].layer == layout.nodes[lb.source].layer && layout.nodes[la.target].layer == layout.nodes[lb.target].layer;
            if same_span && la.source != lb.source && la.target != lb.target && (ra.y_source < rb.y_source) != (ra.y_target < rb.y_target) {
                n += 1;
            }
        }
    }
    n
}

/// Points along a ribbon's centre line (cubic Bézier with horizontal tangents), for drawing it as a mesh.
pub fn ribbon_curve(r: &Ribbon, segments: usize) -> Vec<(f64, f64)> {
    let (x0, x1) = (r.x_source, r.x_target);
    let (y0, y1) = (r.y_source + r.width / 2.0, r.y_target + r.width / 2.0);
    let xm = (x0 + x1) / 2.0;
    (0..=segments.max(1))
        .map(|k| {
            let t = k as f64 / segments.max(1) as f64;
            let u = 1.0 - t;
            let x = u * u * u * x0 + 3.0 * u * u * t * xm + 3.0 * u * t * t * xm + t * t * t * x1;
            let y = u * u * u * y0 + 3.0 * u * u * t * y0 + 3.0 * u * t * t * y1 + t * t * t * y1;
            (x, y)
        })
        .collect()
}
