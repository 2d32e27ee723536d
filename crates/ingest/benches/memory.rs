//! Memory a loaded record holds, and the peak while loading it, counted by the allocator (issue #17: at
//! most 1.2 × 16 bytes a sample, the summary pyramid included).
//!
//! `cargo bench -p plant-ingest --bench memory --profile dev` prints one line per case (BENCHMARKS.md):
//! a Parquet file of one meter × 10 million rows, a wide one of 100 meters × 100,000 rows (10 million
//! samples each), and the bundled cement plant.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::*;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn dir() -> std::path::PathBuf {
    std::env::temp_dir().join("plant-twin-bench")
}

/// A Parquet file of `meters` one-value columns × `rows` rows `step_ms` apart (written once), and its site.
fn case(meters: usize, rows: usize, step_ms: i64) -> plant_site::Site {
    let d = dir();
    let file = format!("memory-{meters}x{rows}.parquet");
    let path = d.join("data").join(&file);
    if !path.is_file() {
        std::fs::create_dir_all(d.join("data")).expect("bench dir");
        let t0: i64 = 1_793_548_800_000;
        let times: Vec<i64> = (0..rows as i64).map(|i| t0 + i * step_ms).collect();
        let mut cols = vec![Column::new("timestamp".into(), times).cast(&DataType::Datetime(TimeUnit::Milliseconds, None)).expect("cast")];
        for m in 0..meters {
            cols.push(Column::new(format!("m{m}").into(), (0..rows).map(|i| 500.0 + ((i * (m + 1)) % 977) as f64).collect::<Vec<f64>>()));
        }
        let mut df = DataFrame::new_infer_height(cols).expect("frame");
        ParquetWriter::new(std::fs::File::create(&path).expect("create")).finish(&mut df).expect("write");
    }
    let mut toml = format!(
        "[site]\nname = \"memory\"\nkind = \"bench\"\ntime_zone = \"Asia/Shanghai\"\n\n[[data]]\npath = \"data/{file}\"\n\n[[equipment]]\nid = \"e\"\ntype = \"x\"\nname = \"E\"\n"
    );
    for m in 0..meters {
        toml.push_str(&format!("\n[[meter]]\nid = \"m{m}\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"e\"\n"));
    }
    plant_site::parse(&toml, &d).expect("bench site").site
}

fn measure(label: &str, site: &plant_site::Site) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let loaded = plant_ingest::load_site_data(site, &|_, _| {});
    let held = NOW.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let n = loaded.store.sample_count();
    let store = loaded.store.heap_bytes();
    println!(
        "{label}: {n} samples in {} meters; store {:.2} B/sample (by capacity), everything held after loading {:.2} B/sample, peak while loading {:.1} B/sample ({:.0} MB)",
        loaded.store.len(),
        store as f64 / n as f64,
        held as f64 / n as f64,
        peak as f64 / n as f64,
        peak as f64 / 1e6
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    measure("one meter x 10,000,000 rows at 1 s", &case(1, 10_000_000, 1000));
    measure("100 meters x 100,000 rows at 1 min (a wide file)", &case(100, 100_000, 60_000));
    let cement = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    measure("the bundled cement plant", &plant_site::open(&cement).expect("cement").site);
}
