//! Modbus TCP sources: power meters and PLCs polled for holding or input registers (tokio-modbus), each meter a
//! register of a data type (u16, i16, u32, i32, u64, i64, f32, f64) in a word and byte order, scaled and offset
//! into the meter's unit. The registers are read in as few requests as the map allows ([`plan`]): those of one
//! unit id and table, sorted by address, merged while the gap between them is small and a request stays within
//! the protocol's 125 registers. An exception answer (an illegal address, a busy device) is a problem of the
//! meters of that request, named; a lost connection is the source's error, and it connects again after its
//! back-off.

use std::net::SocketAddr;
use std::time::Duration;

use plant_i18n::{Msg, msg};
use tokio_modbus::client::{Context, Reader};
use tokio_modbus::prelude::SlaveContext;

use crate::config::{Source, SourceKind};
use crate::poll::PollResult;
use crate::runner::{LiveEvent, Outbox, SampleWindow, SourceState, SourceStatus, backoff_ms, now_ms};

/// The register table read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// Function 3.
    Holding,
    /// Function 4.
    Input,
}

/// How a value is held in its registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataType {
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    F32,
    F64,
}

impl DataType {
    pub const NAMES: [(&'static str, DataType); 8] = [
        ("u16", DataType::U16),
        ("i16", DataType::I16),
        ("u32", DataType::U32),
        ("i32", DataType::I32),
        ("u64", DataType::U64),
        ("i64", DataType::I64),
        ("f32", DataType::F32),
        ("f64", DataType::F64),
    ];

    /// Registers (16-bit words) it takes.
    pub fn words(self) -> u16 {
        match self {
            DataType::U16 | DataType::I16 => 1,
            DataType::U32 | DataType::I32 | DataType::F32 => 2,
            DataType::U64 | DataType::I64 | DataType::F64 => 4,
        }
    }
}

/// A meter's register.
#[derive(Clone, Debug, PartialEq)]
pub struct Register {
    pub meter: String,
    pub unit_id: u8,
    pub table: Table,
    /// The first register's address (0-based, as on the wire).
    pub address: u16,
    pub data_type: DataType,
    /// Whether the first register holds the most significant word (big, the Modbus convention), and whether
    /// each register's first byte is its most significant (big).
    pub word_big: bool,
    pub byte_big: bool,
    /// value = raw × scale + offset, in the meter's unit.
    pub scale: f64,
    pub offset: f64,
}

/// One request: registers `start .. start + count` of a unit's table, and the meters in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub unit_id: u8,
    pub table: Table,
    pub start: u16,
    pub count: u16,
    /// Indices into the source's registers.
    pub registers: Vec<usize>,
}

/// The most registers one read may ask for (Modbus application protocol v1.1b3, §6.3–6.4).
pub const MAX_READ: u16 = 125;
/// Registers between two wanted ones that are read rather than start a new request.
pub const MAX_GAP: u16 = 16;

/// The requests that read every register: per unit and table, by address, merged while the gap is at most
/// [`MAX_GAP`] and the request at most [`MAX_READ`] registers.
pub fn plan(registers: &[Register]) -> Vec<Read> {
    let mut order: Vec<usize> = (0..registers.len()).collect();
    order.sort_by_key(|&i| (registers[i].unit_id, registers[i].table, registers[i].address));
    let mut out: Vec<Read> = Vec::new();
    for i in order {
        let r = &registers[i];
        let end = u32::from(r.address) + u32::from(r.data_type.words());
        if let Some(last) = out.last_mut()
            && last.unit_id == r.unit_id
            && last.table == r.table
            && u32::from(r.address) <= u32::from(last.start) + u32::from(last.count) + u32::from(MAX_GAP)
            && end - u32::from(last.start) <= u32::from(MAX_READ)
        {
            last.count = last.count.max((end - u32::from(last.start)) as u16);
            last.registers.push(i);
            continue;
        }
        out.push(Read { unit_id: r.unit_id, table: r.table, start: r.address, count: r.data_type.words(), registers: vec![i] });
    }
    out
}

/// The value of a register from its words (as read, first register first), before scale and offset.
pub fn decode(words: &[u16], data_type: DataType, word_big: bool, byte_big: bool) -> Option<f64> {
    let n = usize::from(data_type.words());
    let words = words.get(..n)?;
    // Most significant word first, each word's bytes most significant first.
    let mut bytes: Vec<u8> = Vec::with_capacity(n * 2);
    let ordered: Vec<u16> = if word_big { words.to_vec() } else { words.iter().rev().copied().collect() };
    for w in ordered {
        let w = if byte_big { w } else { w.swap_bytes() };
        bytes.extend_from_slice(&w.to_be_bytes());
    }
    let x = match data_type {
        DataType::U16 => f64::from(u16::from_be_bytes(bytes[..2].try_into().ok()?)),
        DataType::I16 => f64::from(i16::from_be_bytes(bytes[..2].try_into().ok()?)),
        DataType::U32 => f64::from(u32::from_be_bytes(bytes[..4].try_into().ok()?)),
        DataType::I32 => f64::from(i32::from_be_bytes(bytes[..4].try_into().ok()?)),
        DataType::U64 => u64::from_be_bytes(bytes[..8].try_into().ok()?) as f64,
        DataType::I64 => i64::from_be_bytes(bytes[..8].try_into().ok()?) as f64,
        DataType::F32 => f64::from(f32::from_be_bytes(bytes[..4].try_into().ok()?)),
        DataType::F64 => f64::from_be_bytes(bytes[..8].try_into().ok()?),
    };
    x.is_finite().then_some(x)
}

/// The samples of one answered request, at `t`.
pub fn samples_of(read: &Read, words: &[u16], registers: &[Register], t: i64) -> PollResult {
    let mut out = PollResult::default();
    for &i in &read.registers {
        let r = &registers[i];
        let at = usize::from(r.address - read.start);
        match words.get(at..).and_then(|w| decode(w, r.data_type, r.word_big, r.byte_big)) {
            Some(raw) => out.samples.push((r.meter.clone(), t, raw * r.scale + r.offset)),
            None => out.problems.push(msg!("live-modbus-not-a-number", meter = r.meter.as_str(), address = r.address)),
        }
    }
    out
}

/// The name of an exception answer, as the Modbus specification names it.
fn exception_name(e: tokio_modbus::ExceptionCode) -> String {
    format!("{e:?} (0x{:02X})", u8::from(e))
}

/// Reads every request once over `ctx`. `Err`: the connection failed (or timed out) and must be made again.
async fn poll_once(ctx: &mut Context, reads: &[Read], registers: &[Register], timeout: Duration) -> Result<PollResult, Msg> {
    let mut out = PollResult::default();
    for read in reads {
        ctx.set_slave(tokio_modbus::Slave(read.unit_id));
        let answer = match read.table {
            Table::Holding => tokio::time::timeout(timeout, ctx.read_holding_registers(read.start, read.count)).await,
            Table::Input => tokio::time::timeout(timeout, ctx.read_input_registers(read.start, read.count)).await,
        };
        let t = now_ms();
        match answer {
            Err(_) => return Err(msg!("live-poll-timeout", ms = timeout.as_millis() as u64)),
            Ok(Err(e)) => return Err(msg!("live-poll-connect", error = e.to_string())),
            Ok(Ok(Err(exception))) => {
                let meters: Vec<&str> = read.registers.iter().map(|&i| registers[i].meter.as_str()).collect();
                let table = if read.table == Table::Holding { "holding" } else { "input" };
                out.problems.push(msg!(
                    "live-modbus-exception",
                    exception = exception_name(exception),
                    table = table,
                    first = read.start,
                    last = read.start + read.count - 1,
                    unit = read.unit_id,
                    meters = meters.join(", ")
                ));
            }
            Ok(Ok(Ok(words))) => {
                let mut r = samples_of(read, &words, registers, t);
                out.samples.append(&mut r.samples);
                out.problems.append(&mut r.problems);
            }
        }
    }
    Ok(out)
}

/// Runs a Modbus TCP source until `stop`: connect, read every request at the interval, report.
pub(crate) async fn run(source: Source, session_start_ms: i64, tx: Outbox, mut stop: tokio::sync::watch::Receiver<bool>) {
    let SourceKind::ModbusTcp { registers } = &source.kind else { return };
    let mut status = SourceStatus::default();
    let window = SampleWindow::new(&source, session_start_ms);
    let send_status = |status: &SourceStatus| tx.send(LiveEvent::Status { source: source.id.clone(), status: status.clone() });
    if !send_status(&status) {
        return;
    }
    let reads = plan(registers);
    let timeout = Duration::from_millis(source.timeout_ms.max(50) as u64);
    let mut ctx: Option<Context> = None;
    let mut wait_ms: i64 = 0;
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            _ = tokio::time::sleep(Duration::from_millis(wait_ms as u64)) => {}
        }
        let result = match ctx.as_mut() {
            Some(c) => poll_once(c, &reads, registers, timeout).await,
            None => match connect(&source.host, timeout).await {
                Ok(mut c) => {
                    let r = poll_once(&mut c, &reads, registers, timeout).await;
                    ctx = Some(c);
                    r
                }
                Err(e) => Err(e),
            },
        };
        match result {
            Ok(r) => {
                status.state = SourceState::Connected;
                status.failures = 0;
                status.last_good_ms = Some(now_ms());
                if !crate::runner::deliver(&tx, &source.id, &window, &mut status, r, false).await {
                    return;
                }
                wait_ms = source.interval_ms;
            }
            Err(e) => {
                ctx = None;
                status.failures += 1;
                wait_ms = backoff_ms(source.interval_ms, status.failures);
                status.state = SourceState::BackingOff { retry_at_ms: now_ms() + wait_ms };
                status.set_error(Some(e));
            }
        }
        if !send_status(&status) {
            return;
        }
    }
}

/// A connection to `host` ("10.0.0.8:502"), within `timeout`.
async fn connect(host: &str, timeout: Duration) -> Result<Context, Msg> {
    let addr: SocketAddr = match tokio::time::timeout(timeout, tokio::net::lookup_host(host)).await {
        Ok(Ok(mut addrs)) => addrs.next().ok_or_else(|| msg!("live-poll-connect", error = host))?,
        Ok(Err(e)) => return Err(msg!("live-poll-connect", error = e.to_string())),
        Err(_) => return Err(msg!("live-poll-timeout", ms = timeout.as_millis() as u64)),
    };
    match tokio::time::timeout(timeout, tokio_modbus::client::tcp::connect(addr)).await {
        Ok(Ok(c)) => Ok(c),
        Ok(Err(e)) => Err(msg!("live-poll-connect", error = e.to_string())),
        Err(_) => Err(msg!("live-poll-timeout", ms = timeout.as_millis() as u64)),
    }
}
