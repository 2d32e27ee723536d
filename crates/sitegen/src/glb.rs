//! A small scene builder for generated site models: primitive shapes baked into one mesh per node
//! (one primitive per material), written as a binary glTF (GLB) with `gltf-json`.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use glam::{Quat, Vec3};
use gltf_json as json;
use json::validation::Checked::Valid;
use json::validation::USize64;

/// Named materials used by the generated models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mat {
    Ground,
    Concrete,
    Steel,
    SteelDark,
    Refractory,
    Cladding,
    Roof,
    Duct,
    Belt,
    Transformer,
    Road,
}

impl Mat {
    const ALL: [Mat; 11] = [Mat::Ground, Mat::Concrete, Mat::Steel, Mat::SteelDark, Mat::Refractory, Mat::Cladding, Mat::Roof, Mat::Duct, Mat::Belt, Mat::Transformer, Mat::Road];

    fn pbr(self) -> ([f32; 4], f32, f32) {
        // (linear base colour, metallic, roughness)
        match self {
            Mat::Ground => ([0.30, 0.29, 0.25, 1.0], 0.0, 0.95),
            Mat::Concrete => ([0.55, 0.54, 0.50, 1.0], 0.0, 0.9),
            Mat::Steel => ([0.50, 0.55, 0.60, 1.0], 0.6, 0.5),
            Mat::SteelDark => ([0.22, 0.24, 0.27, 1.0], 0.6, 0.5),
            Mat::Refractory => ([0.45, 0.28, 0.18, 1.0], 0.3, 0.6),
            Mat::Cladding => ([0.70, 0.72, 0.74, 1.0], 0.2, 0.6),
            Mat::Roof => ([0.25, 0.35, 0.50, 1.0], 0.3, 0.6),
            Mat::Duct => ([0.60, 0.58, 0.52, 1.0], 0.5, 0.5),
            Mat::Belt => ([0.12, 0.12, 0.12, 1.0], 0.0, 0.8),
            Mat::Transformer => ([0.35, 0.42, 0.33, 1.0], 0.4, 0.5),
            Mat::Road => ([0.18, 0.18, 0.19, 1.0], 0.0, 0.9),
        }
    }

    fn name(self) -> String {
        format!("{self:?}").to_lowercase()
    }
}

#[derive(Default, Clone)]
struct Part {
    positions: Vec<[f32; 3]>,
    normals: Vec<[f32; 3]>,
    indices: Vec<u32>,
}

impl Part {
    fn quad(&mut self, p: [Vec3; 4], n: Vec3) {
        let base = self.positions.len() as u32;
        for v in p {
            self.positions.push(v.to_array());
            self.normals.push(n.to_array());
        }
        self.indices.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }
}

/// Geometry of one node, in the node's local frame, grouped by material.
#[derive(Default, Clone)]
pub struct Shape {
    parts: BTreeMap<Mat, Part>,
}

/// An orthonormal frame with `d` along the given axis.
fn frame(d: Vec3) -> (Vec3, Vec3) {
    let helper = if d.normalize().y.abs() > 0.99 { Vec3::X } else { Vec3::Y };
    let side = d.cross(helper).normalize();
    let up = side.cross(d.normalize()).normalize();
    (side, up)
}

impl Shape {
    pub fn new() -> Self {
        Self::default()
    }

    fn part(&mut self, m: Mat) -> &mut Part {
        self.parts.entry(m).or_default()
    }

    /// Axis-aligned box from its minimum corner `min` and size.
    pub fn cuboid(&mut self, m: Mat, min: Vec3, size: Vec3) -> &mut Self {
        let c = min + size / 2.0;
        self.oriented_box(m, c, size, Quat::IDENTITY)
    }

    /// Box standing on the ground (y = base) centred at (x, z).
    pub fn block(&mut self, m: Mat, x: f32, base: f32, z: f32, sx: f32, sy: f32, sz: f32) -> &mut Self {
        self.cuboid(m, Vec3::new(x - sx / 2.0, base, z - sz / 2.0), Vec3::new(sx, sy, sz))
    }

    pub fn oriented_box(&mut self, m: Mat, center: Vec3, size: Vec3, rot: Quat) -> &mut Self {
        let h = size / 2.0;
        let axes = [rot * Vec3::X, rot * Vec3::Y, rot * Vec3::Z];
        let ext = [h.x, h.y, h.z];
        let p = self.part(m);
        for (i, &n) in axes.iter().enumerate() {
            let (u, v) = (axes[(i + 1) % 3], axes[(i + 2) % 3]);
            let (eu, ev) = (ext[(i + 1) % 3], ext[(i + 2) % 3]);
            for s in [1.0f32, -1.0] {
                let c = center + n * ext[i] * s;
                let (u, v) = if s > 0.0 { (u, v) } else { (v, u) };
                let (eu, ev) = if s > 0.0 { (eu, ev) } else { (ev, eu) };
                p.quad([c - u * eu - v * ev, c + u * eu - v * ev, c + u * eu + v * ev, c - u * eu + v * ev], n * s);
            }
        }
        self
    }

    /// A beam of rectangular section `w` (sideways) × `h` (upwards) from `a` to `b`: conveyor galleries,
    /// rectangular ducts, cable trays.
    pub fn beam(&mut self, m: Mat, a: Vec3, b: Vec3, w: f32, h: f32) -> &mut Self {
        let d = b - a;
        let (side, up) = frame(d);
        let rot = Quat::from_mat3(&glam::Mat3::from_cols(d.normalize(), up, side));
        self.oriented_box(m, (a + b) / 2.0, Vec3::new(d.length(), h, w), rot)
    }

    /// A frustum (cylinder when r0 == r1) from `a` (radius r0) to `b` (radius r1), with caps.
    pub fn frustum(&mut self, m: Mat, a: Vec3, b: Vec3, r0: f32, r1: f32, segments: u32) -> &mut Self {
        let d = b - a;
        let (side, up) = frame(d);
        let axis = d.normalize();
        let slope = (r0 - r1) / d.length();
        let p = self.part(m);
        let ring = |i: u32| {
            // Clockwise about the axis seen from `b`, which makes the quads and caps below counter-clockwise
            // seen from outside (glTF front faces).
            let t = -(i as f32) / segments as f32 * std::f32::consts::TAU;
            side * t.cos() + up * t.sin()
        };
        for i in 0..segments {
            let (u0, u1) = (ring(i), ring(i + 1));
            let n0 = (u0 + axis * slope).normalize();
            let n1 = (u1 + axis * slope).normalize();
            let base = p.positions.len() as u32;
            for (pos, n) in [(a + u0 * r0, n0), (a + u1 * r0, n1), (b + u1 * r1, n1), (b + u0 * r1, n0)] {
                p.positions.push(pos.to_array());
                p.normals.push(n.to_array());
            }
            p.indices.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
        }
        for (c, r, n) in [(a, r0, -axis), (b, r1, axis)] {
            if r <= 0.0 {
                continue;
            }
            let base = p.positions.len() as u32;
            p.positions.push(c.to_array());
            p.normals.push(n.to_array());
            for i in 0..=segments {
                p.positions.push((c + ring(i) * r).to_array());
                p.normals.push(n.to_array());
            }
            for i in 0..segments {
                if n == axis {
                    p.indices.extend([base, base + 1 + i, base + 2 + i]);
                } else {
                    p.indices.extend([base, base + 2 + i, base + 1 + i]);
                }
            }
        }
        self
    }

    pub fn cylinder(&mut self, m: Mat, a: Vec3, b: Vec3, r: f32) -> &mut Self {
        self.frustum(m, a, b, r, r, 24)
    }

    /// A vertical silo: cylinder on the ground with a conical roof.
    pub fn silo(&mut self, m: Mat, x: f32, z: f32, r: f32, h: f32) -> &mut Self {
        self.cylinder(m, Vec3::new(x, 0.0, z), Vec3::new(x, h, z), r);
        self.frustum(Mat::Roof, Vec3::new(x, h, z), Vec3::new(x, h + r * 0.35, z), r * 1.02, 0.8, 24)
    }

    /// A cyclone: cylinder over a cone, outlet pipe on top.
    pub fn cyclone(&mut self, m: Mat, x: f32, y: f32, z: f32, r: f32) -> &mut Self {
        self.cylinder(m, Vec3::new(x, y, z), Vec3::new(x, y + 1.6 * r, z), r);
        self.frustum(m, Vec3::new(x, y - 2.0 * r, z), Vec3::new(x, y, z), 0.25 * r, r, 24);
        self.cylinder(Mat::Duct, Vec3::new(x, y + 1.6 * r, z), Vec3::new(x, y + 2.2 * r, z), 0.45 * r)
    }

    /// A gabled shed: walls and a pitched roof.
    pub fn shed(&mut self, x: f32, z: f32, sx: f32, sz: f32, wall: f32, ridge: f32) -> &mut Self {
        self.block(Mat::Cladding, x, 0.0, z, sx, wall, sz);
        let pitch = (ridge / (sz / 2.0)).atan();
        let half = (sz / 2.0) / pitch.cos();
        for s in [1.0f32, -1.0] {
            let rot = Quat::from_rotation_x(s * pitch);
            let c = Vec3::new(x, wall + ridge / 2.0, z + s * sz / 4.0);
            self.oriented_box(Mat::Roof, c, Vec3::new(sx + 1.0, 0.4, half + 0.6), rot);
        }
        self
    }

    fn is_empty(&self) -> bool {
        self.parts.values().all(|p| p.indices.is_empty())
    }
}

/// A node of the model: a name, optional equipment id (written to `extras`), position and geometry.
pub struct NodeSpec {
    pub name: String,
    pub equipment: Option<String>,
    pub translation: Vec3,
    pub shape: Shape,
}

/// A point, world or local coordinates (metres, y up).
pub fn v(x: f32, y: f32, z: f32) -> Vec3 {
    Vec3::new(x, y, z)
}

/// A model node; `equipment` binds it to the equipment of the same id through its extras.
pub fn node(name: &str, equipment: bool, at: Vec3, shape: Shape) -> NodeSpec {
    NodeSpec { name: name.into(), equipment: equipment.then(|| name.to_string()), translation: at, shape }
}

/// Writes nodes as a GLB with one scene. Geometry is in each node's local frame.
pub fn write_glb(nodes: &[NodeSpec], path: &std::path::Path) -> Result<()> {
    let mut gltf = Gltf::new();
    let scene_nodes = nodes.iter().map(|spec| gltf.node(spec)).collect::<Result<Vec<_>>>()?;
    let Gltf { mut root, mut bin, .. } = gltf;
    root.push(json::Scene { extensions: None, extras: None, name: Some("site".into()), nodes: scene_nodes });
    root.scene = Some(json::Index::new(0));
    while bin.len() % 4 != 0 {
        bin.push(0);
    }
    root.push(json::Buffer { byte_length: USize64::from(bin.len()), extensions: None, extras: None, name: None, uri: None });
    let out = glb_container(&root, &bin)?;
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

/// A glTF document being built: its JSON, the one binary buffer its views point into, and the materials.
struct Gltf {
    root: json::Root,
    bin: Vec<u8>,
    materials: BTreeMap<Mat, json::Index<json::Material>>,
}

impl Gltf {
    fn new() -> Self {
        let mut root = json::Root::default();
        let materials = Mat::ALL
            .iter()
            .map(|&m| {
                let (c, metal, rough) = m.pbr();
                let idx = root.push(json::Material {
                    name: Some(m.name()),
                    pbr_metallic_roughness: json::material::PbrMetallicRoughness {
                        base_color_factor: json::material::PbrBaseColorFactor(c),
                        metallic_factor: json::material::StrengthFactor(metal),
                        roughness_factor: json::material::StrengthFactor(rough),
                        ..Default::default()
                    },
                    ..Default::default()
                });
                (m, idx)
            })
            .collect();
        Self { root, bin: Vec::new(), materials }
    }

    /// A buffer view of `bytes`, appended to the buffer at a 4-byte boundary.
    fn view(&mut self, bytes: &[u8], target: json::buffer::Target) -> json::Index<json::buffer::View> {
        while !self.bin.len().is_multiple_of(4) {
            self.bin.push(0);
        }
        let offset = self.bin.len();
        self.bin.extend_from_slice(bytes);
        self.root.push(json::buffer::View {
            buffer: json::Index::<json::Buffer>::new(0),
            byte_length: USize64::from(bytes.len()),
            byte_offset: Some(USize64::from(offset)),
            byte_stride: None,
            extensions: None,
            extras: None,
            name: None,
            target: Some(Valid(target)),
        })
    }

    /// An accessor of a whole view; `bounds` (min, max) for positions.
    fn accessor(
        &mut self,
        view: json::Index<json::buffer::View>,
        count: usize,
        ct: json::accessor::ComponentType,
        ty: json::accessor::Type,
        bounds: Option<([f32; 3], [f32; 3])>,
    ) -> json::Index<json::Accessor> {
        self.root.push(json::Accessor {
            buffer_view: Some(view),
            byte_offset: Some(USize64(0)),
            count: USize64::from(count),
            component_type: Valid(json::accessor::GenericComponentType(ct)),
            extensions: None,
            extras: None,
            type_: Valid(ty),
            min: bounds.map(|(m, _)| json::Value::from(m.to_vec())),
            max: bounds.map(|(_, m)| json::Value::from(m.to_vec())),
            name: None,
            normalized: false,
            sparse: None,
        })
    }

    /// One primitive of a node's mesh: a material's triangles, with their views and accessors.
    fn primitive(&mut self, mat: Mat, part: &Part) -> json::mesh::Primitive {
        let mut min = [f32::MAX; 3];
        let mut max = [f32::MIN; 3];
        for p in &part.positions {
            for i in 0..3 {
                min[i] = min[i].min(p[i]);
                max[i] = max[i].max(p[i]);
            }
        }
        let pos_bytes: Vec<u8> = part.positions.iter().flatten().flat_map(|f| f.to_le_bytes()).collect();
        let nrm_bytes: Vec<u8> = part.normals.iter().flatten().flat_map(|f| f.to_le_bytes()).collect();
        let idx_bytes: Vec<u8> = part.indices.iter().flat_map(|i| i.to_le_bytes()).collect();
        let pv = self.view(&pos_bytes, json::buffer::Target::ArrayBuffer);
        let nv = self.view(&nrm_bytes, json::buffer::Target::ArrayBuffer);
        let iv = self.view(&idx_bytes, json::buffer::Target::ElementArrayBuffer);
        let n = part.positions.len();
        let pa = self.accessor(pv, n, json::accessor::ComponentType::F32, json::accessor::Type::Vec3, Some((min, max)));
        let na = self.accessor(nv, n, json::accessor::ComponentType::F32, json::accessor::Type::Vec3, None);
        let ia = self.accessor(iv, part.indices.len(), json::accessor::ComponentType::U32, json::accessor::Type::Scalar, None);
        let mut attributes = BTreeMap::new();
        attributes.insert(Valid(json::mesh::Semantic::Positions), pa);
        attributes.insert(Valid(json::mesh::Semantic::Normals), na);
        json::mesh::Primitive {
            attributes,
            extensions: None,
            extras: None,
            indices: Some(ia),
            material: Some(self.materials[&mat]),
            mode: Valid(json::mesh::Mode::Triangles),
            targets: None,
        }
    }

    /// A node with its mesh (none for an empty shape) and its equipment id in `extras`.
    fn node(&mut self, spec: &NodeSpec) -> Result<json::Index<json::Node>> {
        let mut primitives = Vec::new();
        if !spec.shape.is_empty() {
            for (mat, part) in &spec.shape.parts {
                if part.indices.is_empty() {
                    continue;
                }
                primitives.push(self.primitive(*mat, part));
            }
        }
        let mesh = (!primitives.is_empty()).then(|| self.root.push(json::Mesh { extensions: None, extras: None, name: Some(spec.name.clone()), primitives, weights: None }));
        let extras = match &spec.equipment {
            Some(id) => Some(serde_json::value::RawValue::from_string(serde_json::json!({ "equipment": id }).to_string())?),
            None => None,
        };
        let t = spec.translation;
        Ok(self.root.push(json::Node { mesh, name: Some(spec.name.clone()), translation: Some([t.x, t.y, t.z]), extras, ..Default::default() }))
    }
}

/// The GLB container: header, the JSON chunk padded with spaces, the binary chunk.
fn glb_container(root: &json::Root, bin: &[u8]) -> Result<Vec<u8>> {
    let mut js = json::serialize::to_string(root).context("serialising glTF JSON")?.into_bytes();
    while js.len() % 4 != 0 {
        js.push(b' ');
    }
    let total = 12 + 8 + js.len() + 8 + bin.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(js.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&js);
    out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
    out.extend_from_slice(b"BIN\0");
    out.extend_from_slice(bin);
    Ok(out)
}
