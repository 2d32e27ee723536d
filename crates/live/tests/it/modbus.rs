//! Modbus TCP: the request plan, every data type in each word and byte order, the sources file's registers and
//! their errors, and end to end against tokio-modbus's own server run by the test: values read and scaled, an
//! illegal address reported by its name, the server going away and coming back.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use plant_live::modbus::{DataType, Read, Register, Table, decode, plan};
use plant_live::{LiveHandle, SourceKind, SourceState, SourceStatus, parse};
use plant_store::Store;
use tokio_modbus::{ExceptionCode, Request, Response};

use crate::{cement, is_msg, reads_in_chinese, until};

fn reg(meter: &str, unit_id: u8, table: Table, address: u16, data_type: DataType) -> Register {
    Register { meter: meter.into(), unit_id, table, address, data_type, word_big: true, byte_big: true, scale: 1.0, offset: 0.0 }
}

#[test]
fn registers_are_read_in_as_few_requests_as_the_map_allows() {
    let regs = vec![
        reg("a", 1, Table::Holding, 100, DataType::F32),
        reg("b", 1, Table::Holding, 102, DataType::U16),
        reg("c", 1, Table::Holding, 110, DataType::F64),
        // A gap of more than 16 registers: a new request.
        reg("d", 1, Table::Holding, 200, DataType::U16),
        // Another table, another unit: requests of their own.
        reg("e", 1, Table::Input, 100, DataType::U16),
        reg("f", 2, Table::Holding, 100, DataType::U16),
    ];
    let p = plan(&regs);
    assert_eq!(
        p,
        vec![
            Read { unit_id: 1, table: Table::Holding, start: 100, count: 14, registers: vec![0, 1, 2] },
            Read { unit_id: 1, table: Table::Holding, start: 200, count: 1, registers: vec![3] },
            Read { unit_id: 1, table: Table::Input, start: 100, count: 1, registers: vec![4] },
            Read { unit_id: 2, table: Table::Holding, start: 100, count: 1, registers: vec![5] },
        ]
    );
    // At most 125 registers a request: 200 consecutive u16 registers take two.
    let many: Vec<Register> = (0..200).map(|i| reg(&format!("m{i}"), 1, Table::Holding, i, DataType::U16)).collect();
    let p = plan(&many);
    assert_eq!(p.iter().map(|r| (r.start, r.count)).collect::<Vec<_>>(), vec![(0, 125), (125, 75)]);
    assert_eq!(p.iter().map(|r| r.registers.len()).sum::<usize>(), 200);
}

#[test]
fn every_data_type_in_each_word_and_byte_order() {
    // Written most significant word first, each word's high byte first (the Modbus convention).
    let cases: [(DataType, Vec<u16>, f64); 8] = [
        (DataType::U16, vec![0xFFFE], 65_534.0),
        (DataType::I16, vec![0xFFFE], -2.0),
        (DataType::U32, vec![0x0001, 0x0002], 65_538.0),
        (DataType::I32, vec![0xFFFF, 0xFFFE], -2.0),
        (DataType::U64, vec![0, 0, 0x0001, 0x0000], 65_536.0),
        (DataType::I64, vec![0xFFFF, 0xFFFF, 0xFFFF, 0xFFFD], -3.0),
        (DataType::F32, vec![0x4348, 0x8000], 200.5),
        (DataType::F64, vec![0x4069, 0x1000, 0, 0], 200.5),
    ];
    for (t, words, want) in cases {
        assert_eq!(decode(&words, t, true, true), Some(want), "{t:?} big/big");
        // Low word first (as many meters send 32-bit values), and each word's bytes swapped.
        let little_words: Vec<u16> = words.iter().rev().copied().collect();
        assert_eq!(decode(&little_words, t, false, true), Some(want), "{t:?} little word order");
        let swapped: Vec<u16> = words.iter().map(|w| w.swap_bytes()).collect();
        assert_eq!(decode(&swapped, t, true, false), Some(want), "{t:?} little byte order");
        let both: Vec<u16> = swapped.iter().rev().copied().collect();
        assert_eq!(decode(&both, t, false, false), Some(want), "{t:?} both little");
    }
    // Too few words, or a float that is not a number: no value.
    assert_eq!(decode(&[0x4348], DataType::F32, true, true), None);
    assert_eq!(decode(&[0x7FC0, 0], DataType::F32, true, true), None);
}

const FILE: &str = r#"
[[source]]
id = "meters"
kind = "modbus-tcp"
url = "tcp://127.0.0.1:5020"
interval = "1s"
unit_id = 3
word_order = "little"
[source.registers]
"kiln-1.drive-power" = { address = 3054, type = "f32", scale = 1000.0 }
"kiln-1.speed" = { address = 10, type = "u16", table = "input", scale = 0.01, word_order = "big" }
"kiln-1.inlet-o2" = { address = 12, type = "i16", offset = -0.5, unit_id = 4 }
"#;

#[test]
fn a_modbus_section_and_its_errors() {
    let (site, _) = cement();
    let (cfg, diags) = parse(FILE, Path::new("sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let SourceKind::ModbusTcp { registers } = &cfg.sources[0].kind else { panic!("kind") };
    let drive = registers.iter().find(|r| r.meter == "kiln-1.drive-power").expect("drive");
    assert_eq!((drive.unit_id, drive.table, drive.address, drive.data_type, drive.word_big, drive.scale), (3, Table::Holding, 3054, DataType::F32, false, 1000.0));
    let speed = registers.iter().find(|r| r.meter == "kiln-1.speed").expect("speed");
    assert_eq!((speed.table, speed.word_big), (Table::Input, true));
    assert_eq!(registers.iter().find(|r| r.meter == "kiln-1.inlet-o2").map(|r| (r.unit_id, r.offset)), Some((4, -0.5)));
    assert_eq!((cfg.sources[0].protocol(), cfg.sources[0].host.as_str()), ("Modbus TCP", "127.0.0.1:5020"));
    let sends = cfg.sources[0].sends_msg();
    assert_eq!(sends.text_in(plant_i18n::Lang::En), "read 3 register value(s) from tcp://127.0.0.1:5020 in 3 request(s) every 1 s");
    assert!(reads_in_chinese(&sends));
    // Errors, each at its line, the source left out: a type, a table, an order, a scale of 0, a value past the
    // last register; a register of a meter the site does not have is left out alone.
    for (bad, id, line) in [
        (FILE.replace("type = \"f32\"", "type = \"f16\""), "live-config-modbus-bad-register", 10),
        (FILE.replace("table = \"input\"", "table = \"coils\""), "live-config-modbus-bad-register", 11),
        (FILE.replace("word_order = \"little\"", "word_order = \"middle\""), "live-config-bad-choice", 8),
        (FILE.replace("scale = 1000.0", "scale = 0.0"), "live-config-modbus-bad-number", 10),
        (FILE.replace("address = 3054", "address = 65535"), "live-config-modbus-bad-number", 10),
    ] {
        let (cfg, diags) = parse(&bad, Path::new("sources.toml"), &site).expect("parses");
        assert!(cfg.sources.is_empty(), "{bad}");
        assert!(diags.iter().any(|d| is_msg(&d.message, id, &[]) && matches!(d.place, plant_site::Place::LineCol { line: l, .. } if l == line)), "{id}: {diags:?}");
    }
    let (cfg, diags) = parse(&FILE.replace("\"kiln-1.speed\"", "\"kiln-9.speed\""), Path::new("sources.toml"), &site).expect("parses");
    assert_eq!((cfg.sources[0].meters().len(), diags.len()), (2, 1));
}

/// A Modbus server of holding and input registers by (unit, address); an address it does not hold is an
/// illegal data address, as a real device answers.
#[derive(Clone, Default)]
struct Device(Arc<Mutex<HashMap<(u8, bool, u16), u16>>>);

impl tokio_modbus::server::Service for Device {
    type Request = tokio_modbus::SlaveRequest<'static>;
    type Response = Response;
    type Exception = ExceptionCode;
    type Future = std::future::Ready<Result<Response, ExceptionCode>>;

    fn call(&self, req: Self::Request) -> Self::Future {
        let read = |input: bool, addr: u16, n: u16| -> Result<Vec<u16>, ExceptionCode> {
            let map = self.0.lock().map_err(|_| ExceptionCode::ServerDeviceFailure)?;
            (addr..addr.saturating_add(n)).map(|a| map.get(&(req.slave, input, a)).copied().ok_or(ExceptionCode::IllegalDataAddress)).collect()
        };
        std::future::ready(match req.request {
            Request::ReadHoldingRegisters(a, n) => read(false, a, n).map(Response::ReadHoldingRegisters),
            Request::ReadInputRegisters(a, n) => read(true, a, n).map(Response::ReadInputRegisters),
            _ => Err(ExceptionCode::IllegalFunction),
        })
    }
}

/// Stops the device it was returned for when dropped.
struct Stop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Runs the device on `port` on a thread of its own until the returned guard is dropped.
fn serve(device: Device, port: u16) -> Stop {
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    let flag = stop.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
            let _ = ready_tx.send(());
            let server = tokio_modbus::server::tcp::Server::new(listener);
            let on_connected = |stream, addr| {
                let device = device.clone();
                async move { tokio_modbus::server::tcp::accept_tcp_connection(stream, addr, move |_| Ok(Some(device.clone()))) }
            };
            let stopped = async move {
                while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            };
            let _ = server.serve_until(&on_connected, |_| {}, stopped).await;
        });
    });
    ready_rx.recv_timeout(Duration::from_secs(10)).expect("the device listens");
    Stop(stop)
}

#[test]
fn a_device_read_end_to_end_with_an_illegal_address_and_a_restart() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port");
    let device = Device::default();
    {
        let mut m = device.0.lock().expect("lock");
        // 412.5 kW as f32 (0x43CE4000), low word first; 3.95 rpm × 100 in an input register; −1.5 % + 0.5 = i16 −2…
        m.insert((3, false, 3054), 0x4000);
        m.insert((3, false, 3055), 0x43CE);
        m.insert((3, true, 10), 395);
        m.insert((4, false, 12), 0xFFFE);
    }
    let stop = serve(device.clone(), port);
    let (site, _) = cement();
    let text = FILE.replace("5020", &port.to_string()).replace("scale = 1000.0", "scale = 1.0");
    let (cfg, _) = parse(&text, Path::new("sources.toml"), &site).expect("parses");
    let live = LiveHandle::start(cfg.sources).expect("starts");
    let mut store = Store::new();
    let mut status = SourceStatus::default();
    let last = |s: &Store, m: &str| s.get(m).and_then(|x| x.values().last().copied());
    until(&live, &mut store, &mut status, 20, "the three values", |_, s| {
        last(s, "kiln-1.drive-power").is_some() && last(s, "kiln-1.speed").is_some() && last(s, "kiln-1.inlet-o2").is_some()
    });
    assert_eq!(last(&store, "kiln-1.drive-power"), Some(412.5));
    assert!((last(&store, "kiln-1.speed").expect("speed") - 3.95).abs() < 1e-12);
    assert_eq!(last(&store, "kiln-1.inlet-o2"), Some(-2.5));
    // The drive power's registers go (a device reconfigured): the device answers IllegalDataAddress, named with
    // the registers and the meter; the others go on.
    {
        let mut m = device.0.lock().expect("lock");
        m.remove(&(3, false, 3055));
        m.insert((3, true, 10), 400);
    }
    until(&live, &mut store, &mut status, 10, "the exception", |s, _| {
        s.last_error_msg.as_ref().is_some_and(|m| is_msg(m, "live-modbus-exception", &[("exception", "IllegalDataAddress (0x02)"), ("first", "3054"), ("last", "3055")]))
    });
    let near = |x: Option<f64>, want: f64| x.is_some_and(|x| (x - want).abs() < 1e-9);
    until(&live, &mut store, &mut status, 10, "the speed still read", |_, s| near(last(s, "kiln-1.speed"), 4.0));
    assert!(status.last_error_msg.as_ref().is_some_and(|m| m.text_in(plant_i18n::Lang::En).contains("kiln-1.drive-power") && reads_in_chinese(m)), "{status:?}");
    // The device goes away: the source backs off, keeping what it had; back on the same port, it reads again.
    drop(stop);
    until(&live, &mut store, &mut status, 20, "the loss", |s, _| matches!(s.state, SourceState::BackingOff { .. }));
    assert!(near(last(&store, "kiln-1.speed"), 4.0));
    device.0.lock().expect("lock").insert((3, true, 10), 410);
    let _stop = serve(device, port);
    until(&live, &mut store, &mut status, 30, "read again after the restart", |_, s| near(last(s, "kiln-1.speed"), 4.1));
}
