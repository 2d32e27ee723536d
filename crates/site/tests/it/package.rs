//! The package boundary: every path a package names stays inside the package (SECURITY.md).

use std::path::{Path, PathBuf};

use plant_i18n::Lang;
use plant_site::{PackagePathError, Place, resolve_in_package};

use crate::arg;

/// A fresh package folder with a data file, and a secret file beside (outside) it.
fn package(name: &str) -> (PathBuf, PathBuf) {
    let base = std::env::temp_dir().join(format!("plant-site-pkg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let pkg = base.join("pkg");
    std::fs::create_dir_all(pkg.join("data")).expect("dir");
    std::fs::write(pkg.join("data/a.csv"), "timestamp,x\n2026-11-01T00:00:00Z,1\n").expect("data");
    let secret = base.join("secret.csv");
    std::fs::write(&secret, "root:$6$notreallyahash:19000:0:99999:7:::\n").expect("secret");
    (pkg, secret)
}

#[test]
fn paths_inside_the_package_resolve_and_every_way_out_is_refused() {
    let (pkg, secret) = package("resolve");
    let real = std::fs::canonicalize(&pkg).expect("canonical");
    assert_eq!(resolve_in_package(&pkg, "data/a.csv"), Ok(real.join("data/a.csv")));
    assert_eq!(resolve_in_package(&pkg, "./data/../data/a.csv"), Ok(real.join("data/a.csv")), "'..' that stays inside is fine");
    assert_eq!(resolve_in_package(&pkg, "data\\a.csv"), Ok(real.join("data/a.csv")), "a package written on Windows");
    assert_eq!(resolve_in_package(&pkg, "recordings/new"), Ok(real.join("recordings/new")), "a folder that does not exist yet");

    let absolute = |p: &str| matches!(resolve_in_package(&pkg, p), Err(PackagePathError::Absolute(_)));
    assert!(absolute(&secret.display().to_string()));
    assert!(absolute("/etc/shadow"));
    assert!(absolute("C:\\Windows\\win.ini"));
    assert!(absolute("c:/data/x.csv"));
    assert!(absolute("\\\\server\\share\\meters.csv"));
    assert!(absolute("//server/share/meters.csv"));
    assert!(absolute("~/meters.csv"));
    assert!(matches!(resolve_in_package(&pkg, "../secret.csv"), Err(PackagePathError::Parent(_))));
    assert!(matches!(resolve_in_package(&pkg, "data/../../secret.csv"), Err(PackagePathError::Parent(_))));
    assert!(matches!(resolve_in_package(&pkg, "..\\secret.csv"), Err(PackagePathError::Parent(_))));
    assert_eq!(resolve_in_package(&pkg, ""), Err(PackagePathError::Empty));
    assert_eq!(resolve_in_package(&pkg, "."), Err(PackagePathError::Empty));
    assert!(matches!(resolve_in_package(&pkg, "a\0b"), Err(PackagePathError::Nul(_))));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_package_is_refused_and_one_inside_it_is_followed() {
    let (pkg, secret) = package("symlink");
    std::os::unix::fs::symlink(&secret, pkg.join("data/link.csv")).expect("link to a file outside");
    std::os::unix::fs::symlink(secret.parent().expect("base"), pkg.join("up")).expect("link to a folder outside");
    std::os::unix::fs::symlink(pkg.join("data/a.csv"), pkg.join("inside.csv")).expect("link inside");
    std::os::unix::fs::symlink(pkg.join("nowhere"), pkg.join("dangling.csv")).expect("dangling link");
    assert!(matches!(resolve_in_package(&pkg, "data/link.csv"), Err(PackagePathError::Symlink(_))));
    assert!(matches!(resolve_in_package(&pkg, "up/secret.csv"), Err(PackagePathError::Symlink(_))));
    assert!(matches!(resolve_in_package(&pkg, "up/new-folder/x"), Err(PackagePathError::Symlink(_))), "not even a path to create");
    assert!(matches!(resolve_in_package(&pkg, "dangling.csv"), Err(PackagePathError::Symlink(_))));
    let real = std::fs::canonicalize(&pkg).expect("canonical");
    assert_eq!(resolve_in_package(&pkg, "inside.csv"), Ok(real.join("data/a.csv")));
}

const SITE: &str = r#"
[site]
name = "Traversal"
kind = "cement-plant"
time_zone = "Asia/Shanghai"
model = "../../etc/model.glb"

[[data]]
path = "data/a.csv"

[[data]]
path = "/etc/shadow"

[[data]]
path = "../secret.csv"

[[data]]
path = 'C:\meters\a.csv'

[[data]]
path = '\\server\share\a.csv'

[[equipment]]
id = "chillers"
type = "chiller-plant"
name = "Chillers"

[[whatif]]
process = "chiller-plant"
equipment = ["chillers"]
curves = "/home/someone/curves.toml"
"#;

#[test]
fn a_site_naming_paths_outside_itself_opens_without_them_each_reported_at_its_line() {
    let (pkg, _) = package("site");
    std::fs::write(pkg.join("site.toml"), SITE).expect("site.toml");
    let opened = plant_site::open(&pkg).expect("the site still opens");
    let site = &opened.site;
    assert_eq!(site.data.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(), vec!["data/a.csv"], "only the file inside is kept");
    assert_eq!(site.model_path(), None, "the model outside is left out");
    assert_eq!(site.whatifs.len(), 1, "the what-if stays");
    assert_eq!(site.whatifs[0].curves, None, "its curves outside are left out");
    let line_of = |needle: &str| SITE.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect("line");
    // The refused path is in the reason, in the words of the language shown.
    let at = |id: &str, needle: &str| {
        opened
            .diagnostics
            .iter()
            .find(|d| d.message.id == id && arg(&d.message, "reason").contains(needle))
            .map(|d| d.place.clone())
            .unwrap_or_else(|| panic!("{id} {needle}: {:?}", opened.diagnostics))
    };
    let data = "site-data-path-refused";
    assert!(matches!(at(data, "\"/etc/shadow\""), Place::LineCol { line, .. } if line == line_of("/etc/shadow") - 1), "the [[data]] table's line");
    assert!(matches!(at(data, "\"../secret.csv\""), Place::LineCol { line, .. } if line == line_of("../secret.csv") - 1));
    assert!(matches!(at(data, "C:\\meters"), Place::LineCol { line, .. } if line == line_of("C:\\meters") - 1));
    assert!(matches!(at(data, "\\\\server"), Place::LineCol { line, .. } if line == line_of("\\\\server") - 1));
    assert_eq!(at("site-model-path-refused", "../../etc/model.glb"), Place::LineCol { line: line_of("model ="), column: 1 });
    let curves = opened.diagnostics.iter().find(|d| d.message.id == "site-whatif-curves-refused").expect("curves");
    assert!(arg(&curves.message, "reason").contains("/home/someone") && arg(&curves.message, "process") == "chiller-plant", "{curves}");
    // In Chinese too, each names its line and the path.
    let zh = curves.text_in(Lang::ZhCn);
    assert!(zh.contains(&format!("site.toml，第 {} 行", line_of("[[whatif]]"))), "{zh}");
    assert!(zh.contains("情景推演“chiller-plant”：curves：“/home/someone/curves.toml”是绝对路径；站点包只能指向自身文件夹内的文件"), "{zh}");
    // Nothing outside was read: no diagnostic quotes the secret file's content.
    assert!(opened.diagnostics.iter().all(|d| !d.text_in(Lang::En).contains("notreallyahash") && !d.text_in(Lang::ZhCn).contains("notreallyahash")));
    let model = plant_site::check_model(site);
    assert!(!model.readable && model.diagnostics.is_empty(), "no second report, and no read of the file outside");
}

#[test]
fn a_path_parsed_from_text_for_a_root_that_does_not_exist_is_checked_lexically() {
    let root = Path::new("/sites/nowhere");
    assert_eq!(resolve_in_package(root, "data/a.csv"), Ok(root.join("data/a.csv")));
    assert!(resolve_in_package(root, "../b.csv").is_err());
}

#[test]
fn a_refused_path_says_why_in_both_languages() {
    let e = PackagePathError::Parent("../secret.csv".into());
    assert_eq!(e.message().id, "site-path-parent");
    assert_eq!(e.message().text_in(Lang::En), "\"../secret.csv\" leaves the package folder (through \"..\"); a package may name only files inside its own folder");
    assert!(e.message().text_in(Lang::ZhCn).starts_with("“../secret.csv”（经由“..”）离开了站点包文件夹"), "{}", e.message().text_in(Lang::ZhCn));
    for e in [PackagePathError::Empty, PackagePathError::Absolute("/x".into()), PackagePathError::Symlink("l".into()), PackagePathError::Nul("a".into())] {
        assert_ne!(e.message().text_in(Lang::ZhCn), e.message().id, "{e:?} is in the catalogue");
    }
}
