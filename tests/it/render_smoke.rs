//! Renders the default site under Xvfb + Mesa lavapipe, saves a screenshot and checks it is not blank; then
//! renders it again as a Chinese user would see it and checks that Chinese characters were drawn, not
//! missing-glyph boxes (a control rendering without the CJK fonts proves the check tells them apart).
//! Skipped, with the reason printed, where there is no Xvfb or no Vulkan driver — unless
//! `PLANT_TWIN_REQUIRE_RENDER` is set (as `.ci/run` does), when a skip is a failure: CI must not mistake a
//! render that did not run for one that passed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn skip_reason() -> Option<String> {
    if std::env::var_os("PLANT_TWIN_SKIP_RENDER").is_some() {
        return Some("PLANT_TWIN_SKIP_RENDER is set".into());
    }
    let on_path = |exe: &str| std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(exe).is_file()));
    if !on_path("xvfb-run") {
        return Some("xvfb-run is not installed (Debian package xvfb)".into());
    }
    let icd_dirs = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"];
    let has_icd = icd_dirs.iter().any(|d| std::fs::read_dir(d).is_ok_and(|mut r| r.next().is_some())) || std::env::var_os("VK_ICD_FILENAMES").is_some();
    if !has_icd {
        return Some("no Vulkan driver (Debian packages mesa-vulkan-drivers and libvulkan1)".into());
    }
    None
}

/// Writes to the real stderr, past the test harness's output capture, so CI logs show it.
fn say(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

fn run_with_timeout(cmd: &mut Command, limit: Duration) -> std::io::Result<std::process::ExitStatus> {
    let mut child = cmd.spawn()?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the app did not exit in time"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-smoke");
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Fraction of pixels in `region` that are clearly coloured (the data colours), and the number of
/// distinct colours (quantised to 5 bits a channel) in the whole image.
fn analyse(png: &Path) -> (u32, u32, f64, usize) {
    let img = image::open(png).expect("screenshot is a readable image").to_rgb8();
    let (w, h) = img.dimensions();
    let mut distinct = std::collections::HashSet::new();
    let (mut coloured, mut total) = (0u64, 0u64);
    for (x, y, p) in img.enumerate_pixels() {
        let [r, g, b] = p.0;
        distinct.insert((r >> 3, g >> 3, b >> 3));
        // The middle of the window, clear of the side panels: the 3D view.
        if x > w * 3 / 10 && x < w * 7 / 10 && y > h / 5 && y < h * 4 / 5 {
            total += 1;
            let max = r.max(g).max(b) as f64;
            let min = r.min(g).min(b) as f64;
            if max > 40.0 && (max - min) / max > 0.35 {
                coloured += 1;
            }
        }
    }
    (w, h, coloured as f64 / total.max(1) as f64, distinct.len())
}

/// Runs the app on the default site with `args` and `envs`, and returns its screenshot. A fresh, empty config
/// folder keeps a language remembered on this machine out of it.
fn screenshot(name: &str, args: &[&str], envs: &[(&str, &str)]) -> PathBuf {
    let png = out_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    let config = out_dir().join(format!("{name}-config"));
    let _ = std::fs::remove_dir_all(&config);
    let log = out_dir().join(format!("{name}.log"));
    let log_file = std::fs::File::create(&log).expect("log file");
    let mut cmd = Command::new("xvfb-run");
    cmd.args(["-a", "-s", "-screen 0 1280x720x24", env!("CARGO_BIN_EXE_plant-twin"), "--size", "1280x720", "--at", "2026-11-10 15:00"])
        .args(args)
        .arg("--screenshot")
        .arg(&png)
        .env("PLANT_TWIN_CONFIG_DIR", &config)
        .env("LANG", "C.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .envs(envs.iter().copied())
        .stdout(log_file.try_clone().expect("log"))
        .stderr(log_file);
    let status = run_with_timeout(&mut cmd, Duration::from_secs(300)).expect("the app ran");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success(), "plant-twin exited with {status}; log:\n{log_text}");
    assert!(png.is_file(), "no screenshot written; log:\n{log_text}");
    png
}

/// What the text in a region looks like: the connected shapes of light pixels (egui draws light text on a
/// dark panel), how many distinct shapes there are, and how many are missing-glyph boxes (a hollow
/// rectangle: every pixel on the edge of its bounding box, nothing inside). Chinese text drawn with a font
/// gives hundreds of distinct shapes and no boxes; drawn without one, a row of identical boxes.
#[derive(Debug)]
struct Glyphs {
    shapes: usize,
    distinct: usize,
    boxes: usize,
}

fn glyphs(png: &Path, x0: u32, y0: u32, x1: u32, y1: u32) -> Glyphs {
    let img = image::open(png).expect("screenshot is a readable image").to_rgb8();
    let (x1, y1) = (x1.min(img.width()), y1.min(img.height()));
    let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let lit: Vec<bool> = (0..w * h)
        .map(|i| {
            let p = img.get_pixel(x0 + (i % w) as u32, y0 + (i / w) as u32).0;
            let (max, min) = (p.iter().max().copied().unwrap_or(0), p.iter().min().copied().unwrap_or(0));
            max > 140 && max - min < 60
        })
        .collect();
    let mut seen = vec![false; w * h];
    let mut distinct = std::collections::HashSet::new();
    let (mut shapes, mut boxes) = (0, 0);
    for start in 0..w * h {
        if !lit[start] || seen[start] {
            continue;
        }
        let mut stack = vec![start];
        let mut pixels = Vec::new();
        seen[start] = true;
        while let Some(i) = stack.pop() {
            pixels.push(i);
            let (x, y) = ((i % w) as i64, (i / w) as i64);
            for (dx, dy) in [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] {
                let (nx, ny) = (x + dx, y + dy);
                if nx >= 0 && ny >= 0 && (nx as usize) < w && (ny as usize) < h {
                    let j = ny as usize * w + nx as usize;
                    if lit[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if pixels.len() < 4 {
            continue;
        }
        let xs = pixels.iter().map(|i| i % w);
        let ys = pixels.iter().map(|i| i / w);
        let (minx, maxx) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
        let (miny, maxy) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
        let (bw, bh) = (maxx - minx + 1, maxy - miny + 1);
        if !(6..=40).contains(&bh) || bw > 60 {
            continue; // not a glyph: a rule, an icon, the 3D view
        }
        shapes += 1;
        let on_edge = pixels.iter().all(|i| {
            let (x, y) = (i % w, i / w);
            x <= minx + 1 || x + 1 >= maxx || y <= miny + 1 || y + 1 >= maxy
        });
        if on_edge && bw >= 6 && bh >= 6 && pixels.len() >= 2 * (bw + bh) - 6 {
            boxes += 1;
        }
        let mut mask: Vec<u8> = vec![0; bw * bh];
        for i in &pixels {
            mask[(i / w - miny) * bw + (i % w - minx)] = 1;
        }
        distinct.insert((bw, bh, mask));
    }
    Glyphs { shapes, distinct: distinct.len(), boxes }
}

#[test]
fn the_default_site_renders_with_coloured_equipment() {
    if let Some(why) = skip_reason() {
        assert!(std::env::var_os("PLANT_TWIN_REQUIRE_RENDER").is_none(), "the render smoke test cannot run ({why}) but PLANT_TWIN_REQUIRE_RENDER is set");
        say(&format!("SKIPPED render smoke test: {why}"));
        return;
    }
    let png = out_dir().join("cement-plant.png");
    let _ = std::fs::remove_file(&png);
    let log = out_dir().join("app.log");
    let log_file = std::fs::File::create(&log).expect("log file");
    let status = run_with_timeout(
        Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x720x24", env!("CARGO_BIN_EXE_plant-twin"), "--size", "1280x720", "--at", "2026-11-10 15:00", "--select", "kiln-1", "--screenshot"])
            .arg(&png)
            .stdout(log_file.try_clone().expect("log"))
            .stderr(log_file),
        Duration::from_secs(300),
    )
    .expect("the app ran");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success(), "plant-twin exited with {status}; log:\n{log_text}");
    assert!(png.is_file(), "no screenshot written; log:\n{log_text}");
    let (w, h, coloured, distinct) = analyse(&png);
    say(&format!("render smoke: {} ({w}×{h}), {:.1} % coloured pixels in the 3D view, {distinct} distinct colours", png.display(), coloured * 100.0));
    assert_eq!((w, h), (1280, 720));
    assert!(distinct > 200, "the image looks blank: {distinct} distinct colours");
    assert!(coloured > 0.01, "too few equipment pixels coloured by data: {:.2} %", coloured * 100.0);
}

#[test]
fn a_chinese_system_sees_chinese_characters_not_boxes() {
    if let Some(why) = skip_reason() {
        assert!(std::env::var_os("PLANT_TWIN_REQUIRE_RENDER").is_none(), "the zh-CN render test cannot run ({why}) but PLANT_TWIN_REQUIRE_RENDER is set");
        say(&format!("SKIPPED zh-CN render test: {why}"));
        return;
    }
    // A Chinese system locale, nothing else: the app must come up in Chinese by itself.
    let zh = screenshot("cement-plant-zh-CN", &["--select", "kiln-1"], &[("LANG", "zh_CN.UTF-8")]);
    let control = screenshot("cement-plant-zh-CN-no-cjk-font", &["--select", "kiln-1"], &[("LANG", "zh_CN.UTF-8"), ("PLANT_TWIN_NO_CJK_FONT", "1")]);
    // The left panel (the equipment tree) and the top bar, where the Chinese names and labels are.
    let region = |png: &Path| {
        let mut g = glyphs(png, 0, 0, 1280, 40);
        let left = glyphs(png, 0, 40, 380, 680);
        g.shapes += left.shapes;
        g.distinct += left.distinct;
        g.boxes += left.boxes;
        g
    };
    let (text, boxes) = (region(&zh), region(&control));
    say(&format!("zh-CN render: {} → {text:?}; control without CJK fonts: {} → {boxes:?}", zh.display(), control.display()));
    assert!(boxes.boxes >= 20, "the control rendering should show missing-glyph boxes, or the check cannot tell: {boxes:?}");
    assert!(text.boxes * 20 <= boxes.boxes, "Chinese text was drawn as boxes: {text:?} (control {boxes:?})");
    assert!(text.distinct >= 100 && text.distinct > boxes.distinct * 3, "too few distinct glyph shapes for Chinese text: {text:?} (control {boxes:?})");
}

/// A model that carries its own camera (as CAD and Blender exports do): rendered once, through the twin's
/// camera only — Bevy warns of "camera order ambiguities" when two active cameras draw to the window, even for
/// one frame.
#[test]
fn a_models_own_camera_does_not_render() {
    if let Some(why) = skip_reason() {
        assert!(std::env::var_os("PLANT_TWIN_REQUIRE_RENDER").is_none(), "the model-camera render test cannot run ({why}) but PLANT_TWIN_REQUIRE_RENDER is set");
        say(&format!("SKIPPED model-camera render test: {why}"));
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    // One box (a pump) and a camera node looking at it.
    let mut bin = Vec::new();
    for i in 0..8u32 {
        for axis in 0..3 {
            bin.extend_from_slice(&(if i & (1 << axis) == 0 { 0.0f32 } else { 1.0 }).to_le_bytes());
        }
    }
    for i in [0u16, 1, 3, 0, 3, 2, 4, 6, 7, 4, 7, 5, 0, 4, 5, 0, 5, 1, 2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 5, 7, 1, 7, 3] {
        bin.extend_from_slice(&i.to_le_bytes());
    }
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0,1]}}],"nodes":[{{"name":"pump-1","mesh":0}},{{"name":"Camera","camera":0,"translation":[0,0,20]}}],"cameras":[{{"type":"perspective","perspective":{{"yfov":0.8,"znear":0.1,"zfar":100}}}}],"meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}},"indices":1}}]}}],"accessors":[{{"bufferView":0,"componentType":5126,"count":8,"type":"VEC3","min":[0,0,0],"max":[1,1,1]}},{{"bufferView":1,"componentType":5123,"count":36,"type":"SCALAR"}}],"bufferViews":[{{"buffer":0,"byteLength":96}},{{"buffer":0,"byteOffset":96,"byteLength":72}}],"buffers":[{{"byteLength":{}}}]}}"#,
        bin.len()
    );
    let mut j = json.into_bytes();
    while !j.len().is_multiple_of(4) {
        j.push(b' ');
    }
    let mut glb = Vec::new();
    glb.extend_from_slice(b"glTF");
    glb.extend_from_slice(&2u32.to_le_bytes());
    glb.extend_from_slice(&((12 + 8 + j.len() + 8 + bin.len()) as u32).to_le_bytes());
    glb.extend_from_slice(&(j.len() as u32).to_le_bytes());
    glb.extend_from_slice(b"JSON");
    glb.extend_from_slice(&j);
    glb.extend_from_slice(&(bin.len() as u32).to_le_bytes());
    glb.extend_from_slice(b"BIN\0");
    glb.extend_from_slice(&bin);
    std::fs::write(dir.path().join("model.glb"), glb).expect("glb");
    std::fs::write(
        dir.path().join("site.toml"),
        "[site]\nname = \"camera\"\nkind = \"site\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"pump-1\"\ntype = \"pump\"\nname = \"Pump 1\"\n",
    )
    .expect("toml");
    let png = out_dir().join("model-camera.png");
    let log = out_dir().join("model-camera.log");
    let log_file = std::fs::File::create(&log).expect("log file");
    let status = run_with_timeout(
        Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x720x24", env!("CARGO_BIN_EXE_plant-twin")])
            .arg(dir.path())
            .args(["--size", "1280x720", "--screenshot"])
            .arg(&png)
            .env("PLANT_TWIN_CONFIG_DIR", dir.path())
            .stdout(log_file.try_clone().expect("log"))
            .stderr(log_file),
        Duration::from_secs(300),
    )
    .expect("the app ran");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success() && png.is_file(), "plant-twin exited with {status}; log:\n{log_text}");
    assert!(!log_text.contains("Camera order ambiguities"), "the model's camera rendered too:\n{log_text}");
    let (_, _, _, distinct) = analyse(&png);
    assert!(distinct > 20, "the image looks blank: {distinct} distinct colours");
}

/// The scenarios window of the office renders its abatement curve: the PNG of the view (what `--screenshot`
/// and the "Save view" button write) is not blank and shows the bars in their colours.
#[test]
fn the_scenarios_window_draws_its_abatement_curve() {
    if let Some(why) = skip_reason() {
        assert!(std::env::var_os("PLANT_TWIN_REQUIRE_RENDER").is_none(), "the render smoke test cannot run ({why}) but PLANT_TWIN_REQUIRE_RENDER is set");
        say(&format!("SKIPPED scenarios render test: {why}"));
        return;
    }
    let office = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/office-building");
    let png = out_dir().join("office-scenarios.png");
    let _ = std::fs::remove_file(&png);
    let config = out_dir().join("office-scenarios-config");
    let _ = std::fs::remove_dir_all(&config);
    let log = out_dir().join("office-scenarios.log");
    let log_file = std::fs::File::create(&log).expect("log file");
    let status = run_with_timeout(
        Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x900x24", env!("CARGO_BIN_EXE_plant-twin"), office, "--size", "1280x900", "--at", "2026-08-12 15:00"])
            .args(["--scenarios", "comfort-and-green-power", "--lang", "en", "--screenshot"])
            .arg(&png)
            .env("PLANT_TWIN_CONFIG_DIR", &config)
            .stdout(log_file.try_clone().expect("log"))
            .stderr(log_file),
        Duration::from_secs(300),
    )
    .expect("the app ran");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success() && png.is_file(), "plant-twin exited with {status}; log:\n{log_text}");
    let (_, _, _, distinct) = analyse(&png);
    assert!(distinct > 200, "the image looks blank: {distinct} distinct colours");
    // The first two bars of the curve: blue (70, 130, 200) and orange (230, 150, 50), as the plot fills them.
    let img = image::open(&png).expect("png").to_rgb8();
    let near = |p: &image::Rgb<u8>, c: [i32; 3]| p.0.iter().zip(c).all(|(a, b)| (i32::from(*a) - b).abs() < 40);
    let blue = img.pixels().filter(|p| near(p, [70, 130, 200])).count();
    let orange = img.pixels().filter(|p| near(p, [230, 150, 50])).count();
    say(&format!("scenarios render: {} distinct colours, {blue} blue and {orange} orange bar pixels", distinct));
    assert!(blue > 200 && orange > 20, "the abatement curve's bars are not drawn ({blue} blue, {orange} orange pixels); see {}", png.display());
}
