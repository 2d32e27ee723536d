// The catalogues are compiled in by fluent-templates' `static_loader!` (include_str of each file it finds):
// a file added to or removed from assets/locales must rebuild the crate too.
fn main() {
    println!("cargo:rerun-if-changed=../../assets/locales");
    for lang in ["en", "zh-CN"] {
        println!("cargo:rerun-if-changed=../../assets/locales/{lang}");
    }
}
