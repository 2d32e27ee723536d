//! Guessing how a model was exported: which axis is up and whether its unit is the millimetre, from its
//! geometry — for `plant-twin new` (which writes `up_axis`/`scale` it detects) and the model check (which
//! suggests them when site.toml gives neither).
//!
//! **Up axis.** Plants and buildings are dominated by horizontal surfaces — the ground, floor slabs, roofs,
//! platforms — seen from above and below, while walls split their area between two horizontal directions.
//! Summed over every triangle, the area facing each axis (|nₓ|·A, |n_y|·A, |n_z|·A) is largest along the
//! vertical. glTF is Y-up; a Z-up export read as glTF has most of its area facing Z. A guess is made only
//! when one axis clearly leads (1.5 × the other candidate, and more than the area facing X).
//!
//! **Millimetres.** One plant or building is at most a few kilometres across; a model more than
//! [`MM_EXTENT`] units across is taken to be in millimetres (a 5 km site in metres is not a site model).
//!
//! Both are guesses, said as such with their evidence; the user's `up_axis`/`scale` always win.

use std::path::Path;

use glam::{Mat4, Vec3};

/// A model's extent above which its unit is taken to be the millimetre (units, any axis).
pub const MM_EXTENT: f32 = 5_000.0;

/// How much one axis's facing area must exceed the other vertical candidate's to be called up.
const LEAD: f64 = 1.5;

/// At most this many triangles are measured (a stride through bigger models): the shares settle long before.
const SAMPLED_TRIANGLES: usize = 200_000;

/// What the geometry says about the model's orientation and unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Orientation {
    /// The area of triangles facing X, Y and Z (each triangle's area × |normal component|).
    pub facing: [f64; 3],
    /// The model's extent along X, Y and Z, in its own units.
    pub extent: [f32; 3],
    /// Most of the area faces Z: a Z-up export.
    pub z_up: bool,
    /// It spans more than [`MM_EXTENT`] units.
    pub millimetres: bool,
}

impl Orientation {
    /// The share of the facing area along Z (the evidence for `z_up`), 0–1.
    pub fn z_share(&self) -> f64 {
        let total: f64 = self.facing.iter().sum();
        if total > 0.0 { self.facing[2] / total } else { 0.0 }
    }
}

/// Measures the model at `path` (GLB, or glTF whose buffers are files beside it or embedded); `None` when it
/// cannot be read or holds no triangles.
pub fn guess(path: &Path) -> Option<Orientation> {
    let gltf = crate::binding::read_model(path).ok()?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let buffers: Vec<Option<Vec<u8>>> = gltf.buffers().map(|b| buffer_data(&gltf, &b, folder)).collect();
    let scene = gltf.default_scene().or_else(|| gltf.scenes().next())?;
    let total: usize = gltf.meshes().flat_map(|m| m.primitives()).filter_map(|p| p.indices().or_else(|| p.get(&gltf::Semantic::Positions)).map(|a| a.count() / 3)).sum();
    let stride = total.div_ceil(SAMPLED_TRIANGLES).max(1);
    let mut facing = [0.0f64; 3];
    let (mut lo, mut hi) = (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY));
    let mut visited = vec![false; gltf.nodes().len()];
    let mut stack: Vec<(gltf::Node<'_>, Mat4)> = scene.nodes().map(|n| (n, Mat4::IDENTITY)).collect();
    let mut seen = 0usize;
    while let Some((node, parent)) = stack.pop() {
        if std::mem::replace(&mut visited[node.index()], true) {
            continue;
        }
        let world = parent * Mat4::from_cols_array_2d(&node.transform().matrix());
        stack.extend(node.children().map(|c| (c, world)));
        let Some(mesh) = node.mesh() else { continue };
        for prim in mesh.primitives().filter(|p| p.mode() == gltf::mesh::Mode::Triangles && readable(p)) {
            let reader = prim.reader(|b| buffers.get(b.index()).and_then(|d| d.as_deref()));
            let Some(positions) = reader.read_positions() else { continue };
            let points: Vec<Vec3> = positions.map(|p| world.transform_point3(Vec3::from(p))).collect();
            for p in &points {
                lo = lo.min(*p);
                hi = hi.max(*p);
            }
            let indices: Vec<u32> = match reader.read_indices() {
                Some(i) => i.into_u32().collect(),
                None => (0..points.len() as u32).collect(),
            };
            for tri in indices.chunks_exact(3) {
                seen += 1;
                if !seen.is_multiple_of(stride) {
                    continue;
                }
                let [a, b, c] = [tri[0], tri[1], tri[2]].map(|i| points.get(i as usize).copied());
                let (Some(a), Some(b), Some(c)) = (a, b, c) else { continue };
                // Twice the triangle's area along its normal.
                let n = (b - a).cross(c - a);
                for (f, v) in facing.iter_mut().zip([n.x, n.y, n.z]) {
                    *f += f64::from(v.abs()) / 2.0;
                }
            }
        }
    }
    let total: f64 = facing.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return None;
    }
    let extent = (hi - lo).to_array();
    let z_up = facing[2] > LEAD * facing[1] && facing[2] > facing[0];
    let millimetres = extent.iter().any(|e| *e > MM_EXTENT);
    Some(Orientation { facing, extent, z_up, millimetres })
}

/// A buffer's bytes: the GLB's binary chunk, a file in the model's folder (never outside it), or a base64
/// `data:` URI.
fn buffer_data(gltf: &gltf::Gltf, buffer: &gltf::Buffer<'_>, folder: &Path) -> Option<Vec<u8>> {
    match buffer.source() {
        // Shorter than the buffer declares: not read (the reader would index past its end).
        gltf::buffer::Source::Bin => gltf.blob.clone().filter(|b| b.len() >= buffer.length()),
        gltf::buffer::Source::Uri(uri) if uri.starts_with("data:") => None,
        gltf::buffer::Source::Uri(uri) => {
            let decoded = percent_encoding::percent_decode_str(uri).decode_utf8().ok()?;
            let path = crate::resolve_in_package(folder, &decoded).ok()?;
            std::fs::read(path).ok().filter(|b| b.len() >= buffer.length())
        }
    }
}

/// Whether gltf 1.4's reader can read a primitive's positions and indices without tripping its assertions
/// (fuzz/regressions/glb: a POSITION accessor that is not VEC3 of f32 panicked in `read_positions`): positions
/// VEC3 f32, indices scalar u8/u16/u32, neither sparse, strides at least an element.
fn readable(prim: &gltf::Primitive<'_>) -> bool {
    use gltf::accessor::{DataType, Dimensions};
    let plain = |a: &gltf::Accessor<'_>| a.sparse().is_none() && a.view().is_some_and(|v| v.stride().is_none_or(|s| s >= a.size()));
    let positions = prim.get(&gltf::Semantic::Positions).is_some_and(|a| a.dimensions() == Dimensions::Vec3 && a.data_type() == DataType::F32 && plain(&a));
    let indices = prim.indices().is_none_or(|a| a.dimensions() == Dimensions::Scalar && matches!(a.data_type(), DataType::U8 | DataType::U16 | DataType::U32) && plain(&a));
    positions && indices
}
