//! A summary pyramid: window aggregates over sorted samples in O(FANOUT · log_FANOUT n).
//!
//! Level 0 summarises blocks of [`FANOUT`] raw values, level k blocks of `FANOUT` level-(k-1) summaries.
//! A query scans at most `FANOUT - 1` entries at each end of each level and moves up, so a whole-record
//! aggregate of 10 million samples touches a few hundred entries instead of 10 million. Memory is about
//! n / FANOUT summaries of 32 bytes: 1 byte per sample, on top of the 16 bytes of its time and value.

/// Entries per block at every level.
pub const FANOUT: usize = 32;

/// Count, sum, min and max of a set of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub count: u64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    pub const EMPTY: Summary = Summary { count: 0, sum: 0.0, min: f64::INFINITY, max: f64::NEG_INFINITY };

    fn of(v: f64) -> Summary {
        Summary { count: 1, sum: v, min: v, max: v }
    }

    fn merge(&mut self, o: &Summary) {
        self.count += o.count;
        self.sum += o.sum;
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
    }

    /// Arithmetic mean of the samples, `None` when there are none.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / self.count as f64)
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Pyramid {
    levels: Vec<Vec<Summary>>,
}

impl Pyramid {
    /// Bytes held on the heap (capacities, not lengths).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.levels.capacity() * std::mem::size_of::<Vec<Summary>>() + self.levels.iter().map(|l| l.capacity() * std::mem::size_of::<Summary>()).sum::<usize>()
    }

    pub(crate) fn build(values: &[f64]) -> Pyramid {
        let mut levels: Vec<Vec<Summary>> = Vec::new();
        let mut current: Vec<Summary> = values
            .chunks(FANOUT)
            .map(|c| {
                let mut s = Summary::EMPTY;
                c.iter().for_each(|&v| s.merge(&Summary::of(v)));
                s
            })
            .collect();
        while current.len() > 1 {
            let next = current
                .chunks(FANOUT)
                .map(|c| {
                    let mut s = Summary::EMPTY;
                    c.iter().for_each(|x| s.merge(x));
                    s
                })
                .collect();
            levels.push(std::mem::replace(&mut current, next));
        }
        levels.push(current);
        Pyramid { levels }
    }

    /// Adds the summary of a value appended at index `idx` (= the previous length): every level's
    /// block containing it grows, and a new top level appears when the top gets a second entry.
    /// The summary of every value (the top level's entries merged).
    pub(crate) fn total(&self) -> Summary {
        let mut s = Summary::EMPTY;
        if let Some(top) = self.levels.last() {
            top.iter().for_each(|x| s.merge(x));
        }
        s
    }

    pub(crate) fn push(&mut self, idx: usize, v: f64) {
        if self.levels.is_empty() {
            self.levels.push(Vec::new());
        }
        let s = Summary::of(v);
        let mut block = idx / FANOUT;
        for level in self.levels.iter_mut() {
            if block == level.len() {
                level.push(s);
            } else if let Some(b) = level.get_mut(block) {
                b.merge(&s);
            }
            block /= FANOUT;
        }
        if let Some(top) = self.levels.last()
            && top.len() > 1
        {
            let mut all = Summary::EMPTY;
            top.iter().for_each(|x| all.merge(x));
            self.levels.push(vec![all]);
        }
    }

    /// Summary of `values[lo..hi]`.
    pub(crate) fn query(&self, values: &[f64], lo: usize, hi: usize) -> Summary {
        let mut acc = Summary::EMPTY;
        if hi <= lo {
            return acc;
        }
        let (lo_b, hi_b) = (lo.div_ceil(FANOUT), hi / FANOUT);
        if lo_b >= hi_b || self.levels.is_empty() {
            values[lo..hi].iter().for_each(|&v| acc.merge(&Summary::of(v)));
            return acc;
        }
        values[lo..lo_b * FANOUT].iter().for_each(|&v| acc.merge(&Summary::of(v)));
        values[hi_b * FANOUT..hi].iter().for_each(|&v| acc.merge(&Summary::of(v)));
        let (mut lo, mut hi) = (lo_b, hi_b);
        for (k, level) in self.levels.iter().enumerate() {
            let (lo_b, hi_b) = (lo.div_ceil(FANOUT), hi / FANOUT);
            if lo_b >= hi_b || k + 1 == self.levels.len() {
                level[lo..hi].iter().for_each(|s| acc.merge(s));
                return acc;
            }
            level[lo..lo_b * FANOUT].iter().for_each(|s| acc.merge(s));
            level[hi_b * FANOUT..hi].iter().for_each(|s| acc.merge(s));
            lo = lo_b;
            hi = hi_b;
        }
        acc
    }
}
